"""The marsad_event_builder component: ACLED/UCDP-style event records.

An event is an incident the article reports as having happened: found from
event triggers (data/event_types.jsonl: attacks, clashes, shelling, strikes,
explosions, abductions, arrests, take-overs, protests, riots), with or without
casualties, and from casualty facts. Threats, forecasts, condemnations,
denials and running tolls are not events (data/event_cues.jsonl); incidents
dated to an earlier month are kept but flagged `is_background`. Each event
has a date (resolved against `doc._.date`), an ACLED type, actor1 (the side
that acted) and actor2 (the target), a scene, deaths per side as UCDP codes
them (one toll when the same victims are counted twice), the reporting
sources and the evidence sentences.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from marsad import extensions  # noqa: F401
from marsad.components.context import doc_context
from marsad.components.events import fields, roles
from marsad.components.events.incidents import Incident, group, mentions_of
from marsad.components.events.lexicon import KeyMatcher, token_key
from marsad.components.patterns import pattern_norms
from marsad.geo.gazetteer import FOCUS_COUNTRIES
from marsad.geo.ranking import CONFLICT_COUNTRIES
from marsad.resources import read_jsonl
from marsad.text.dates import DateResolver, parse_reference
from marsad.text.fingerprint import text_sketch
from marsad.text.orthography import normalize

DENIAL_WORDS = {"نفي", "نفت", "ينفي", "تنفي", "نافيا", "نافيه"}
VIOLENCE_AGAINST_CIVILIANS = {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
SHELLING = "Shelling/artillery/missile attack"
ARMED_CLASH = {"event_type": "Battles", "sub_event_type": "Armed clash"}
# A period unit this many tokens after "خلال"/"منذ" ("خلال ثلاثة أشهر") makes a running toll.
PERIOD_SPAN = 3
RESOURCES = ("event_types", "date_words", "event_cues", "event_attackers")


@Language.factory(
    "marsad_event_builder",
    default_config={"event_types_path": None, "date_words_path": None, "event_cues_path": None, "event_attackers_path": None},
)
def make_event_builder(
    nlp: Language,
    name: str,
    *,
    event_types_path: str | None,
    date_words_path: str | None,
    event_cues_path: str | None = None,
    event_attackers_path: str | None = None,
) -> "EventBuilder":
    return EventBuilder(
        nlp,
        name,
        event_types_path=event_types_path,
        date_words_path=date_words_path,
        event_cues_path=event_cues_path,
        event_attackers_path=event_attackers_path,
    )


class EventBuilder:
    def __init__(
        self,
        nlp: Language,
        name: str = "marsad_event_builder",
        *,
        event_types_path: str | None = None,
        date_words_path: str | None = None,
        event_cues_path: str | None = None,
        event_attackers_path: str | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.paths = {
            "event_types": event_types_path or "event_types.jsonl",
            "date_words": date_words_path or "date_words.jsonl",
            "event_cues": event_cues_path or "event_cues.jsonl",
            "event_attackers": event_attackers_path or "event_attackers.jsonl",
        }
        self.resources: dict[str, list[dict]] = {name: [] for name in RESOURCES}
        self._types = KeyMatcher(nlp, [])
        self._cues = KeyMatcher(nlp, [])
        self._attackers: dict[str, str] = {}
        self._dates = DateResolver([])
        self._state_victim_words: set[str] = set()

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        self.set_resources(**{name: read_jsonl(path) for name, path in self.paths.items()})

    def set_resources(
        self,
        event_types: list[dict],
        date_words: list[dict],
        event_cues: list[dict] | None = None,
        event_attackers: list[dict] | None = None,
    ) -> None:
        # pipelines saved before cues/attackers existed load with the shipped lists
        event_cues = event_cues if event_cues is not None else read_jsonl(self.paths["event_cues"])
        event_attackers = event_attackers if event_attackers is not None else read_jsonl(self.paths["event_attackers"])
        self.resources = {
            "event_types": event_types,
            "date_words": date_words,
            "event_cues": event_cues,
            "event_attackers": event_attackers,
        }
        self._types = KeyMatcher(self.nlp, event_types)
        self._cues = KeyMatcher(self.nlp, event_cues)
        self._attackers = {}
        for record in event_attackers:
            for norm in pattern_norms(self.nlp, record["phrase"]):
                key = token_key(norm)
                if len(key) > 2:  # never a split clitic ("ل" of "للحوثيين")
                    self._attackers[key] = record["actor_id"]
        self._dates = DateResolver(date_words)
        # soldiers' nouns ("جندي", "جنود", "ضباط"), for the army of soldiers no one names
        self._state_victim_words = {
            normalize(r["phrase"]) for r in read_jsonl("casualty_lexicon.jsonl")
            if r["kind"] == "victim_noun" and r.get("force") == "state" and not any(
                w in r["phrase"] for w in ("شرط", "أمن", "امن"))
        }

    @property
    def event_types(self) -> list[dict]:
        return self.resources["event_types"]

    # ------------------------------------------------------------------ building
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.build(doc)
        return doc

    def build(self, doc: Doc) -> list[dict]:
        ctx = doc_context(doc)
        keys = [token_key(n) for n in ctx.norms]
        cues_by_sentence: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for match in self._cues.find(keys):
            cues_by_sentence[ctx.sentence[match.start]][match.record["cue"]].append(match.start)
        for cues in cues_by_sentence.values():
            # "خلال 3 أشهر", "منذ أربعة أسابيع": a count over a period is a running toll
            if any(0 < unit - start <= PERIOD_SPAN for start in cues.get("period_start", []) for unit in cues.get("period_unit", [])):
                cues["cumulative"].append(min(cues["period_start"]))
        facts_by_sentence: dict[int, list[dict]] = defaultdict(list)
        for fact in doc._.casualties or []:
            sent = ctx.sentence_of_char(fact["start_char"])
            if fact["negated"] or fact["aggregate"] or cues_by_sentence.get(sent, {}).get("cumulative"):
                continue
            facts_by_sentence[sent].append(fact)
        triggers_by_sentence = defaultdict(list)
        sport_words = {keys[start] for cues in cues_by_sentence.values() for start in cues.get("sport", [])}
        if len(sport_words) < SPORT_WORDS:  # a match report's "هجوما مكثفا" is no attack
            for match in self._types.find(keys):
                if not match.record.get("not_trigger"):  # "قنابل الغاز" holds its words from "قنابل"
                    triggers_by_sentence[ctx.sentence[match.start]].append(match)
        incidents = group(mentions_of(ctx, facts_by_sentence, triggers_by_sentence, cues_by_sentence))
        # a repeated headline ("رابط الخبر بصحيفة ...: مقتل 12 ...") is an event only when nothing else is
        headlines = {s for s, cues in cues_by_sentence.items() if cues.get("headline")}
        told = [i for i in incidents if not set(i.sentences) <= headlines]
        incidents = told or incidents
        # "لا يزال مصير اثنين مجهولا" with no attack named: people missing, no incident to code
        incidents = [i for i in incidents if i.triggers or any(f.get("status") != "missing" for f in i.facts)]
        if not incidents:
            return []
        reference = parse_reference(doc._.date)
        dates = fields.event_dates(doc, self._dates.find(ctx.norms, reference))
        denial_sents = sorted({ctx.sentence[i] for i, norm in enumerate(ctx.norms) if norm in DENIAL_WORDS})
        denial_notes = [f"Reported denial: {ctx.sentence_text(s)}" for s in denial_sents]
        ending_in = {}  # sentence -> the last incident with triggers that ends in it
        for incident in incidents:
            if incident.triggers:
                ending_in[max(incident.sentences)] = incident
        events = [
            self._event(ctx, number, incident, dates, reference, set(denial_sents), denial_notes, _kind_before(ending_in, incident))
            for number, incident in enumerate(incidents, start=1)
        ]
        events = [e for e in events if not _unplaced_and_unhurt(e)]
        for number, event in enumerate(events, start=1):
            event["event_id"] = f"{number}"
        return events

    def _event(self, ctx, number: int, incident: Incident, dates, reference, denial_sents, denial_notes,
               kind_before: dict | None = None) -> dict:
        doc = ctx.doc
        sents = incident.sentences
        facts = incident.facts
        date, precision, date_source = fields.event_date(dates, ctx.sentence, sents, reference)
        if "actor_info" not in ctx.memo:
            ctx.memo["actor_info"] = {roles.actor_key(a): a for a in (doc._.instruments or []) + (doc._.actors or [])}
        info = ctx.memo["actor_info"]
        spans = [(t.start, t.end) for t in incident.triggers]
        agents, targets = roles.find_roles(ctx, sents, spans, facts, self._attackers)
        if not agents and len(targets) > 1:
            # two sides and no attacker said ("clashes between X and Y"): in the order named
            agents, targets = targets[:1], targets[1:]
        first = agents[0] if agents else None
        second = targets[0] if targets else (agents[1] if len(agents) > 1 else None)
        known = [k for k in (first, second) if k]
        extra = [k for k in roles.named_sides(ctx, sents, known) if k not in known]
        if first is None and extra:
            first = extra.pop(0)
        if second is None and extra:
            second = extra.pop(0)
        place = incident.place or _nearest_place(ctx, sents) or fields.main_place(doc)
        for key in (first, second):
            if key and not key.startswith("?") and key not in info:
                known = self._known_actor(key, (place or {}).get("country_code"), doc._.actors or [])
                if known is not None:  # an attacker named by an adjective ("غارة إسرائيلية")
                    info[key] = known
        actor1 = roles.actor_record(first, info)
        actor2 = roles.actor_record(second, info)
        if actor2 is None:
            actor2 = self._army_of_soldiers(facts, place, doc, actor1)

        def sentence_of(fact: dict) -> int:
            return ctx.sentence_of_char(fact["start_char"])

        deaths = roles.deaths(facts, sentence_of, (actor1 or {}).get("actor_id"), (actor2 or {}).get("actor_id"))
        killed = [f for f in facts if f["status"] == "killed"]
        civilians_hit = bool(killed) and deaths["deaths_civilians"] == deaths["best"]
        all_civilian = bool(facts) and all(f["victim_type"] == "civilian" for f in facts)
        event_type = self._event_type(incident, all_civilian, _cause_trigger(ctx, incident) or kind_before)
        sources = fields.sources_of(ctx, sents, denial_sents)
        return {
            "event_id": f"{number}",
            "event_date": date.isoformat() if date else None,
            "date_precision": precision,
            "date_source": date_source,
            "is_background": fields.is_background(date, precision, date_source, reference),
            "event_type": event_type["event_type"],
            "sub_event_type": event_type["sub_event_type"],
            "civilian_targeting": "Civilian targeting" if (civilians_hit or all_civilian) else None,
            "triggers": sorted({doc[t.start:t.end].text for t in incident.triggers}),
            "actor1": actor1,
            "actor2": actor2,
            "interaction": roles.interaction(actor1, actor2),
            "location": fields.location(place) if place else None,
            **deaths,
            "fatalities": deaths["best"],
            "injured": roles.total(facts, "injured", sentence_of),
            "captured": roles.total(facts, "captured", sentence_of),
            "missing": roles.total(facts, "missing", sentence_of),
            "sources": sources,
            "source_text": fields.source_text(sources),
            "casualties": [
                {k: f.get(k) for k in ("status", "count", "qualifier", "victim_type", "victim_side", "perpetrator", "text", "includes")}
                for f in facts
            ],
            "notes": [ctx.sentence_text(s) for s in sents] + denial_notes,
            # hashes of the incident's word triples: `marsad merge` knows agency copy by them
            "fingerprint": text_sketch(ctx.norms[k] for s in sorted(set(sents)) for k in range(*ctx.sentence_bounds[s])),
        }

    def _army_of_soldiers(self, facts: list[dict], place: dict | None, doc: Doc, actor1: dict | None) -> dict | None:
        """Soldiers hit with no side named ("قتل 20 جنديا في هجوم على قاعدة عسكرية") in a text that
        names no state forces at all: the army of the country at war the event happened in (police
        and security men are left alone: they are not the army)."""
        country = (place or {}).get("country_code")
        if country not in CONFLICT_COUNTRIES or any(a.get("type") in ("state_forces", "external_forces") for a in doc._.actors or []):
            return None
        soldiers = [f for f in facts if f.get("victim_side") is None
                    and normalize(f.get("victims") or "") in self._state_victim_words]
        ruler = next((pipe for _, pipe in self.nlp.pipeline if hasattr(pipe, "army_of")), None)
        army = ruler.army_of(country, doc._.date) if soldiers and ruler is not None else None
        if army is None or (actor1 or {}).get("actor_id") == army.actor_id:
            return None
        return {"actor_id": army.actor_id, "name": army.name, "type": army.type_in(country)}

    def _known_actor(self, actor_id: str, country: str | None, doc_actors: list[dict]) -> dict | None:
        """The knowledge base's record of an actor the doc names only by an adjective, typed for
        the event's country (else the one the text reports on)."""
        kb = next((getattr(pipe, "kb", None) for _, pipe in self.nlp.pipeline
                   if hasattr(getattr(pipe, "kb", None), "by_id")), None)
        actor = kb.by_id.get(actor_id) if kb is not None else None
        if actor is None:
            return None
        country = country or next((a.get("context_country") for a in doc_actors if a.get("context_country")), None)
        return {"actor_id": actor.actor_id, "name": actor.name, "type": actor.type_in(country)}

    @staticmethod
    def _event_type(incident: Incident, all_civilian: bool, cause: dict | None = None) -> dict:
        """The type of what caused the largest toll ("قتل 3 في معارك ... وغارات": a battle),
        else the strongest trigger of the incident."""
        triggers = [t.record for t in incident.triggers]
        best = cause or (max(triggers, key=lambda r: r["priority"]) if triggers else None)
        if best is None:
            return VIOLENCE_AGAINST_CIVILIANS if all_civilian else ARMED_CLASH
        if all_civilian and best["event_type"] == "Battles":
            return VIOLENCE_AGAINST_CIVILIANS
        if cause is None and best["sub_event_type"] == SHELLING and not all_civilian \
                and any(r.get("reciprocal") for r in triggers):
            return ARMED_CLASH  # shelling exchanged within fighting between two armed sides is part of the battle
        return best

    # Serialisation: the word lists travel with the pipeline.
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps(self.resources)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "EventBuilder":
        msg = srsly.msgpack_loads(data)
        self.set_resources(**{name: msg.get(name) for name in RESOURCES})
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name, records in self.resources.items():
            srsly.write_jsonl(path / f"{name}.jsonl", records)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "EventBuilder":
        path = ensure_path(path)
        loaded = {name: list(srsly.read_jsonl(path / f"{name}.jsonl")) if (path / f"{name}.jsonl").exists() else None for name in RESOURCES}
        self.set_resources(**loaded)
        return self


SPORT_WORDS = 2  # distinct sport words that make a text a sport report


def _nearest_place(ctx, sents: list[int]) -> dict | None:
    """The scene named in the sentence before the incident's first, if any."""
    first = min(sents)
    for sent in (first - 1,):
        if sent >= 0:
            ranked = [p for score, p in fields.scene_places(ctx, sent) if score < 4]
            if ranked:
                return ranked[0]
    return None


def _unplaced_and_unhurt(event: dict) -> bool:
    """No one hurt and no place below a country ("شنت الولايات المتحدة غارات في العراق
    وسوريا"): a summary of operations, not an incident an analyst can code."""
    location = event.get("location") or {}
    hurt = any(event.get(k) for k in ("best", "injured", "captured", "missing"))
    if hurt:
        return False
    # "مسؤولون في واشنطن ... غارات": a capital outside the region is where a statement on fighting came
    # from, not its scene (a protest there is still one)
    far_capital = fields.capital_outside(location, FOCUS_COUNTRIES)
    return (far_capital and event.get("event_type") in VIOLENT_TYPES) or (location.get("precision") or 4) >= 4


CAUSE_WINDOW = 6  # tokens after a casualty fact in which the trigger that caused it is named


def _cause_trigger(ctx, incident: Incident) -> dict | None:
    """The trigger named right after the incident's largest casualty fact, in its sentence
    ("مقتل 5 جنود في معارك", "إصابة عسكري جراء سقوط قذيفة"): what caused the losses."""
    facts = [f for f in incident.facts if f.get("count")]
    if not facts or not incident.triggers:
        return None
    fact = max(facts, key=lambda f: f["count"])
    end = ctx.token_at_char(max(fact["end_char"] - 1, fact["start_char"])) + 1
    sent = ctx.sentence[end - 1]
    # only violence causes deaths: "فقتلت 3 منهم واعتقلت رابعا" is not an arrest that killed
    after = [t for t in incident.triggers
             if end <= t.start < end + CAUSE_WINDOW and ctx.sentence[t.start] == sent
             and t.record["event_type"] in VIOLENT_TYPES]
    if not after:
        return None
    cause = min(after, key=lambda t: t.start)
    # "في هجوم بطائرة مسيرة", "هجوم صاروخي": the weapon right after a generic cause says what it was
    weapons = [t for t in incident.triggers
               if t.start == cause.end or (t.start == cause.end + 1 and ctx.norms[cause.end] == "ب")]
    weapon = max(weapons, key=lambda t: t.record["priority"], default=None)
    if weapon is not None and weapon.record["priority"] > cause.record["priority"]:
        return weapon.record
    return cause.record


VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def _kind_before(ending_in: dict[int, Incident], incident: Incident) -> dict | None:
    """The strongest trigger of the incident told in the sentence just before an incident that
    names no kind of violence itself: "شن الطيران 20 غارة على صنعاء. وأعلنت الوزارة مقتل ستة في
    الحديدة" - the deaths are of the strikes, wherever they were counted. `ending_in` maps a
    sentence to the last incident with triggers that ends in it."""
    if incident.triggers or not incident.facts or any(f.get("perpetrator") for f in incident.facts):
        return None  # "أصيبوا بنيران آليات الاحتلال": a sentence naming who hit tells its own kind
    first = min(incident.sentences)
    before = ending_in.get(first) or ending_in.get(first - 1)
    if before is None:
        return None
    kind = max((t.record for t in before.triggers), key=lambda r: r["priority"])
    # a protest, a looting or a statement before deaths does not say what killed them
    return kind if kind["event_type"] in VIOLENT_TYPES else None
