"""The marsad_event_builder component: ACLED/UCDP-style event records.

Groups the casualty facts of a document into events (same place, or the same
or a neighbouring sentence when a fact has no place), and gives each event a
date (resolved against `doc._.date`, the publication date), an event type
from trigger words (data/event_types.jsonl), two actors, a location, deaths
per side as UCDP codes them (deaths_a, deaths_b, deaths_civilians,
deaths_unknown with best/low/high), injured and captured totals, the
reporting sources and the evidence sentences. Denials reported in the article
are kept as notes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import ensure_path

from marsad import extensions  # noqa: F401
from marsad.text.dates import DateMention, DateResolver, parse_reference
from marsad.components.normalizer import normalize_doc
from marsad.resources import read_jsonl
from marsad.components.context import doc_context

ACLED_INTER = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "civilians": 7,
    "external_forces": 8,
}
SOURCE_ORDER = {"monitor": 0, "official": 1, "activists": 2, "medical": 3, "un": 4, "ngo": 5, "tv": 6, "news_agency": 7}
DENIAL_WORDS = {"نفي", "نفت", "ينفي", "تنفي", "نافيا", "نافيه"}


@dataclass
class _Group:
    facts: list[dict] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    place: dict | None = None


@Language.factory("marsad_event_builder", default_config={"event_types_path": None, "date_words_path": None})
def make_event_builder(
    nlp: Language, name: str, *, event_types_path: str | None, date_words_path: str | None
) -> "EventBuilder":
    return EventBuilder(nlp, name, event_types_path=event_types_path, date_words_path=date_words_path)


class EventBuilder:
    def __init__(
        self,
        nlp: Language,
        name: str = "marsad_event_builder",
        *,
        event_types_path: str | None = None,
        date_words_path: str | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.event_types_path = event_types_path
        self.date_words_path = date_words_path
        self.event_types: list[dict] = []
        self.date_words: list[dict] = []
        self._types = PhraseMatcher(nlp.vocab, attr="NORM")
        self._dates = DateResolver([])

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        self.set_resources(
            read_jsonl(self.event_types_path or "event_types.jsonl"),
            read_jsonl(self.date_words_path or "date_words.jsonl"),
        )

    def set_resources(self, event_types: list[dict], date_words: list[dict]) -> None:
        self.event_types = event_types
        self.date_words = date_words
        self._types = PhraseMatcher(self.nlp.vocab, attr="NORM")
        for i, record in enumerate(event_types):
            self._types.add(str(i), [normalize_doc(self.nlp.make_doc(record["phrase"]))])
        self._dates = DateResolver(date_words)

    # ------------------------------------------------------------------ building
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = self.build(doc)
        return doc

    def build(self, doc: Doc) -> list[dict]:
        facts = [f for f in doc._.casualties or [] if not f["negated"] and not f["aggregate"]]
        if not facts:
            return []
        ctx = doc_context(doc)
        sentence = ctx.sentence
        token_at = ctx.token_at_char
        reference = parse_reference(doc._.date)
        dates = _event_dates(doc, self._dates.find([t.norm_ for t in doc], reference))
        types = self._event_types(doc, sentence)
        groups = self._group(facts, sentence, token_at)
        denial_sents = sorted({sentence[t.i] for t in doc if t.norm_ in DENIAL_WORDS})
        denial_notes = [f"Reported denial: {doc_context(doc).sentence_text(s)}" for s in denial_sents]
        return [
            self._event(doc, number, group, sentence, token_at, dates, types, reference, set(denial_sents), denial_notes)
            for number, group in enumerate(groups, start=1)
        ]

    def _group(self, facts: list[dict], sentence: list[int], token_at) -> list[_Group]:
        groups: list[_Group] = []
        for fact in facts:
            sents = {sentence[token_at(s)] for s, _ in fact.get("mentions") or [[fact["start_char"], fact["end_char"]]]}
            place = fact.get("place")
            target = None
            for group in groups:
                same_place = place and group.place and _same_place(place, group.place)
                near = any(abs(a - b) <= 1 for a in sents for b in group.sentences)
                if same_place or (near and (place is None or group.place is None)):
                    target = group
                    break
            if target is None:
                target = _Group()
                groups.append(target)
            target.facts.append(fact)
            target.sentences |= sents
            if target.place is None or (place and (place.get("precision") or 9) < (target.place.get("precision") or 9)):
                target.place = place or target.place
        return groups

    def _event_types(self, doc: Doc, sentence: list[int]) -> dict[int, dict]:
        """The highest-priority event trigger of each sentence."""
        best: dict[int, dict] = {}
        for match_id, start, _ in self._types(doc):
            record = self.event_types[int(doc.vocab.strings[match_id])]
            sent = sentence[start]
            if sent not in best or record["priority"] > best[sent]["priority"]:
                best[sent] = record
        return best

    def _event(self, doc, number, group, sentence, token_at, dates, types, reference, denial_sents, denial_notes) -> dict:
        sents = sorted(group.sentences)
        date, precision, date_source = _event_date(dates, sentence, sents, reference)
        triggers = [types[s] for s in sents if s in types]
        event_type = max(triggers, key=lambda r: r["priority"]) if triggers else None
        actor1, actor2 = _two_actors(group.facts, doc)
        deaths = _deaths(group.facts, actor1, actor2)
        civilians_only = all(f["victim_type"] == "civilian" for f in group.facts)
        if event_type is None or (civilians_only and event_type["event_type"] == "Battles"):
            event_type = (
                {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
                if civilians_only
                else {"event_type": "Battles", "sub_event_type": "Armed clash"}
            )
        place = _event_place(doc, group, sentence, token_at)
        sources = _sources(doc, sentence, sents, token_at, denial_sents)
        notes = [doc_context(doc).sentence_text(s) for s in sents] + denial_notes
        return {
            "event_id": f"{number}",
            "event_date": date.isoformat() if date else None,
            "date_precision": precision,
            "date_source": date_source,
            "event_type": event_type["event_type"],
            "sub_event_type": event_type["sub_event_type"],
            "actor1": actor1,
            "actor2": actor2,
            "interaction": _interaction(actor1, actor2),
            "location": place,
            **deaths,
            "injured": _total(group.facts, "injured"),
            "captured": _total(group.facts, "captured"),
            "missing": _total(group.facts, "missing"),
            "sources": sources,
            "source_text": _source_text(sources),
            "casualties": [
                {k: f[k] for k in ("status", "count", "qualifier", "victim_type", "victim_side", "perpetrator", "text")}
                for f in group.facts
            ],
            "notes": notes,
        }

    # Serialisation: the word lists travel with the pipeline.
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"event_types": self.event_types, "date_words": self.date_words})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "EventBuilder":
        msg = srsly.msgpack_loads(data)
        self.set_resources(msg["event_types"], msg["date_words"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "event_types.jsonl", self.event_types)
        srsly.write_jsonl(path / "date_words.jsonl", self.date_words)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "EventBuilder":
        path = ensure_path(path)
        self.set_resources(list(srsly.read_jsonl(path / "event_types.jsonl")), list(srsly.read_jsonl(path / "date_words.jsonl")))
        return self


# ---------------------------------------------------------------------- helpers


def _same_place(a: dict, b: dict) -> bool:
    if a.get("geonameid") and b.get("geonameid"):
        return a["geonameid"] == b["geonameid"]
    return a.get("text") == b.get("text")


REPORTING_WORDS = {"ذكر", "ذكرت", "قال", "قالت", "افاد", "افادت", "اعلن", "اعلنت", "اكد", "اكدت", "اوضح", "اوضحت", "وفق", "بحسب", "حسب"}


def _event_dates(doc: Doc, dates: list[DateMention]) -> list[tuple[DateMention, bool]]:
    """Each date with a flag: does it date the report rather than the event?
    ("وفق ما ذكر المرصد الخميس" dates the report)."""
    source_ends = {doc.char_span(s["start_char"], s["end_char"], alignment_mode="expand").end for s in doc._.sources or []}
    out = []
    for mention in dates:
        window = [t.norm_ for t in doc[max(0, mention.start - 4):mention.start]]
        reported = mention.start in source_ends or any(w in REPORTING_WORDS for w in window)
        out.append((mention, reported))
    return out


def _event_date(dates: list[tuple[DateMention, bool]], sentence, sents, reference) -> tuple[dt.date | None, int | None, str]:
    """The most precise date said in the event's sentences (or the one before
    each), event dates before report dates; else the publication date, within a week."""
    wanted = set(sents) | {s - 1 for s in sents}
    candidates = [(d, reported) for d, reported in dates if sentence[d.start] in wanted]
    if reference is not None:
        candidates = [(d, reported) for d, reported in candidates if d.date <= reference]
    if candidates:
        best, _ = min(candidates, key=lambda c: (c[1], c[0].precision, 0 if sentence[c[0].start] in sents else 1))
        return best.date, best.precision, "text"
    if reference is not None:
        return reference, 2, "publication"
    return None, None, "unknown"


def _two_actors(facts: list[dict], doc: Doc) -> tuple[dict | None, dict | None]:
    """actor1: who caused the losses (else the first side named); actor2: the other side."""
    info = {a["actor_id"]: a for a in doc._.actors or []}
    order: list[str] = []
    for fact in facts:
        perpetrator = (fact.get("perpetrator") or {}).get("actor_id")
        if perpetrator and perpetrator not in order:
            order.append(perpetrator)
    for fact in facts:
        side = (fact.get("victim_side") or {}).get("actor_id")
        if side and side not in order:
            order.append(side)

    def actor(actor_id: str | None) -> dict | None:
        if actor_id is None:
            return None
        record = info.get(actor_id, {})
        return {"actor_id": actor_id, "name": record.get("name", actor_id), "type": record.get("type")}

    return actor(order[0] if order else None), actor(order[1] if len(order) > 1 else None)


def _bounds(fact: dict) -> tuple[int, int, int | None]:
    count = fact.get("count")
    low = fact.get("low") if fact.get("low") is not None else (count or 0)
    high = fact.get("high") if fact.get("high") is not None else count
    best = count if count is not None else low
    return best or 0, low or 0, high


def _deaths(facts: list[dict], actor1: dict | None, actor2: dict | None) -> dict:
    ids = {"a": (actor1 or {}).get("actor_id"), "b": (actor2 or {}).get("actor_id")}
    out = {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": 0}
    low_total = 0
    high_total: int | None = 0
    for fact in (f for f in facts if f["status"] == "killed"):
        best, low, high = _bounds(fact)
        side = (fact.get("victim_side") or {}).get("actor_id")
        if fact["victim_type"] == "civilian":
            key = "deaths_civilians"
        elif side and side == ids["a"]:
            key = "deaths_a"
        elif side and side == ids["b"]:
            key = "deaths_b"
        else:
            key = "deaths_unknown"
        out[key] += best
        low_total += low
        high_total = None if high is None or high_total is None else high_total + high
    out["best"] = sum(out[k] for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
    out["low"] = low_total
    out["high"] = high_total
    return out


def _total(facts: list[dict], status: str) -> int:
    return sum(_bounds(f)[0] for f in facts if f["status"] == status)


def _interaction(actor1: dict | None, actor2: dict | None) -> int | None:
    codes = sorted(ACLED_INTER.get((a or {}).get("type"), 0) for a in (actor1, actor2) if a)
    if not codes:
        return None
    return int("".join(str(c) for c in codes)) if len(codes) == 2 else codes[0] * 10


def _event_place(doc: Doc, group: _Group, sentence, token_at) -> dict | None:
    place = group.place
    if place is None or (place.get("precision") or 1) >= 3:
        # A town named in the event's sentences beats a province or a country.
        in_sents = [p for p in doc._.places or [] if sentence[token_at(p["start_char"])] in group.sentences]
        finer = sorted(in_sents, key=lambda p: p["precision"])
        if finer and (place is None or finer[0]["precision"] < (place.get("precision") or 9)):
            return _location(finer[0])
    if place is None:
        return _main_place(doc)
    full = next(
        (p for p in doc._.places or [] if p["text"] == place.get("text") and p.get("geonameid") == place.get("geonameid")),
        None,
    )
    return _location(full) if full else {"name": place.get("text"), "geonameid": place.get("geonameid")}


def _main_place(doc: Doc) -> dict | None:
    """The article's most often named place below country level, else its first country."""
    places = doc._.places or []
    specific = [p for p in places if (p.get("precision") or 1) < 4]
    if specific:
        counts: dict = {}
        for p in specific:
            counts.setdefault(p.get("geonameid") or p["text"], []).append(p)
        best = max(counts.values(), key=len)
        return _location(best[0])
    return _location(places[0]) if places else None


def _location(place: dict) -> dict:
    return {
        "text": place["text"],
        "geonameid": place.get("geonameid"),
        "name": place.get("name"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "country_code": place.get("country_code"),
        "admin1": place.get("admin1"),
        "precision": place.get("precision"),
        "relation": place.get("relation"),
    }


def _sources(doc: Doc, sentence, sents, token_at, denial_sents: set[int]) -> list[dict]:
    """Sources named in the event's sentences or the next one, leaving out those
    only quoted in a denial; else every source of the article."""
    all_sources = [s for s in doc._.sources or [] if sentence[token_at(s["start_char"])] not in denial_sents]
    near = [s for s in all_sources if sentence[token_at(s["start_char"])] in set(sents) | {max(sents) + 1}]
    chosen = near or all_sources
    seen, out = set(), []
    for source in chosen + all_sources:
        if source["actor_id"] not in seen:
            seen.add(source["actor_id"])
            out.append({"source_id": source["actor_id"], "name": source["name"], "type": source["type"]})
    return sorted(out, key=lambda s: SOURCE_ORDER.get(s["type"], 9))


def _source_text(sources: list[dict]) -> str | None:
    """"Syrian Observatory for Human Rights via AFP": reporters, then carriers."""
    if not sources:
        return None
    carriers = [s["name"] for s in sources if s["type"] in ("news_agency", "tv")]
    reporters = [s["name"] for s in sources if s["type"] not in ("news_agency", "tv")]
    if reporters and carriers:
        return f"{'; '.join(reporters)} via {'; '.join(carriers)}"
    return "; ".join(reporters or carriers)


