"""The marsad_actor_ruler component.

Every alias is matched on normalised token norms (clitics, diacritics and hamza
spellings do not matter), also in hashtag form ("#النظام_السوري"). An alias may
name several identities (the Syrian army before and after 8 December 2024):
the document's date (`doc._.date`) and the country it reports on pick one (see
setting.choose). Generic phrases ("التنظيم", "الجيش الوطني") resolve to the
nearest actor named in the same document that lists them, else - for phrases
of two words or more and the words in data/actor_generic_by_country.txt - to
the listing actor that operates in the document's country. Armed actors the
knowledge base does not know are reported with `actor_id` None and
`provisional` True (open_world.py).

Dating: `doc._.date` (ISO string). Without one, the latest year written in the
text (a report is never older than the latest year it mentions) stands for it;
without either, no identity is ruled out by date and the newest is taken.
"""
from __future__ import annotations

from collections import defaultdict

from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, filter_spans

from marsad import extensions  # noqa: F401  (registers doc._ attributes)
from marsad.components.actors.country_agents import CountryAgents
from marsad.components.actors.anaphora import head_anaphors
from marsad.components.actors.kb import ACTOR_LABEL, NATIONAL_FORCES, SOURCE_LABEL, Actor, ActorKB
from marsad.components.actors.open_world import OpenWorld, Provisional
from marsad.components.actors.records import actor_record, provisional_record
from marsad.components.actors.resolve import (
    NounIndex,
    soldiers_of_country,
    local_branch,
    mention_date,
    national_forces,
    resolve_generic,
    sentence_ids,
    sentence_years,
    year_in_text,
)
from marsad.components.actors.setting import CountryFinder, choose, doc_date, nationality_adjectives
from marsad.components.context import doc_context
from marsad.components.patterns import pattern_norms, pattern_reader
from marsad.components.phrase_table import PhraseTable
from marsad.resources import read_jsonl, read_lines
from marsad.text.orthography import normalize

SPAN_KEY = "actors"
# Generic words for a country's own state: read in the text's country first, and never when a
# nationality or "local" qualifies them ("الحكومة البريطانية" is Britain's, "الحكومة المحلية" a council's;
# "الحكومة المركزية" and "الحكومة التي ..." are still the country's own).
OWN_STATE_WORDS = frozenset({normalize("الحكومة")})
LOCAL_QUALIFIERS = frozenset(normalize(w) for w in ("المحلية", "المحلي"))
QUOTE_PAIRS = [('"', '"'), ("“", "”"), ("«", "»"), ("”", "“")]
# Norms map every quote mark to '"', so one pair per normal form gives all quoted patterns
# (tokenising the four spellings of 6,000 aliases was a fifth of the start-up).
NORMAL_QUOTE_PAIRS: list[tuple[str, str]] = []
for _pair in QUOTE_PAIRS:
    if all((normalize(a), normalize(b)) != (normalize(_pair[0]), normalize(_pair[1])) for a, b in NORMAL_QUOTE_PAIRS):
        NORMAL_QUOTE_PAIRS.append(_pair)


def indefinite_forms(phrase: str) -> list[str]:
    """"المسلحين الموالين لها" is also written "مسلحين موالين لها": a generic phrase of
    two words or more whose words carry the article is also matched without it."""
    words = phrase.split()
    if len(words) < 2 or not words[0].startswith("ال"):
        return []
    return [" ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in words)]


@Language.factory(
    "marsad_actor_ruler",
    default_config={
        "actors_path": None,
        "sources_path": None,
        "extra_actors_path": None,
        "extra_sources_path": None,
        "overwrite_ents": True,
        "open_world": True,
        "scorer": {"@scorers": "marsad.actor_scorer.v1"},
    },
    assigns=["doc.ents", "doc.spans", "doc._.actors", "doc._.sources", "doc._.instruments"],
    requires=["token.norm"],
    default_score_weights={"actors_f": 1.0, "actors_p": 0.0, "actors_r": 0.0},
)
def make_actor_ruler(
    nlp: Language,
    name: str,
    *,
    actors_path: str | None,
    sources_path: str | None,
    extra_actors_path: str | None = None,
    extra_sources_path: str | None = None,
    overwrite_ents: bool,
    open_world: bool = True,
    scorer: Callable | None = None,
) -> "ActorRuler":
    return ActorRuler(
        nlp,
        name,
        actors_path=actors_path,
        sources_path=sources_path,
        extra_actors_path=extra_actors_path,
        extra_sources_path=extra_sources_path,
        overwrite_ents=overwrite_ents,
        open_world=open_world,
        scorer=scorer,
    )


def _word_classes(rows: list[dict]) -> dict[str, set[str]]:
    """The normalised phrases of each kind of actor_open_world.jsonl, read once."""
    classes: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        classes[row["kind"]].add(normalize(row["phrase"]))
    return classes


class ActorRuler:
    """Finds actors (label ACTOR) and reporting sources (label SOURCE).

    Writes entities with `kb_id_` = actor id, `doc.spans["actors"]` and
    `doc._.actors` / `doc._.sources` as plain dicts.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "marsad_actor_ruler",
        *,
        actors_path: str | None = None,
        sources_path: str | None = None,
        extra_actors_path: str | None = None,
        extra_sources_path: str | None = None,
        overwrite_ents: bool = True,
        open_world: bool = True,
        scorer: Callable | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.actors_path = actors_path
        self.sources_path = sources_path
        self.extra_actors_path = extra_actors_path
        self.extra_sources_path = extra_sources_path
        self.overwrite_ents = overwrite_ents
        self.use_open_world = open_world
        self.scorer = scorer
        self.kb = ActorKB()
        self._explicit = PhraseTable()
        self._generic = PhraseTable()
        self._owners: dict[str, list[str]] = {}
        self._branches: dict[str, list[Actor]] = {}
        self._by_country_words = {normalize(w) for w in read_lines("actor_generic_by_country.txt")}
        self._countries = CountryFinder(nlp)
        self._country_agents = CountryAgents(nlp)
        self._country_names = {r["iso"]: r["name"] for r in read_jsonl("places/countries.jsonl")}
        self._open_world = OpenWorld(nlp) if open_world else None
        self._adjectives = nationality_adjectives()
        word_classes = _word_classes(read_jsonl("actor_open_world.jsonl"))
        # "جنديين تركيين": soldiers of a nation; the casualty matcher still reads them as victims
        self._soldier_persons = word_classes["soldier_person"]
        # nouns a nationality adjective after them makes that country's forces ("دورية تركية")
        self._national_nouns = NounIndex(word_classes["soldier_noun"] | self._soldier_persons)
        self._instrument_nouns = NounIndex(word_classes["instrument_noun"])
        self._soldier_person_nouns = NounIndex(self._soldier_persons)
        self._military_adjective_heads = frozenset(word_classes["military_adjective_head"])
        self._armies: dict[str, list[str]] = {}
        self._institution_heads = word_classes["institution_head"]
        self._anaphoric_heads = frozenset(word_classes["anaphoric_head"])
        self._country_name_words = {  # the names as the tokenizer splits them ("البوسنة والهرسك")
            tuple(pattern_norms(nlp, name)): row["iso"]
            for row in read_jsonl("places/countries.jsonl") for name in [row["name_ar"], *row.get("aliases_ar", [])]
        }
        self._spokesman_heads = word_classes["spokesman_head"]
        self._not_national = word_classes["not_national_forces"]
        self._part_of_links = word_classes["part_of_link"]
        self._affiliation_words = word_classes["affiliation_word"]
        self._relation_adjectives = word_classes["relation_adjective"]

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        self.set_kb(
            ActorKB.load(self.actors_path, self.sources_path, self.extra_actors_path, self.extra_sources_path)
        )

    def set_kb(self, kb: ActorKB) -> None:
        self.kb = kb
        self._build_matchers()

    def add_records(self, actor_records: list[dict] = (), source_records: list[dict] = ()) -> None:
        """Add (or replace by id) actors and sources, keeping every other known one."""
        extra = ActorKB.from_records(list(actor_records), list(source_records))
        self.set_kb(ActorKB([*self.kb.by_id.values(), *extra.by_id.values()]))

    # ------------------------------------------------------------ matchers
    def _norms(self, text: str) -> tuple[str, ...]:
        return self._patterns(text)[1]

    def _alias_forms(self, phrase: str) -> list[tuple[str, ...]]:
        """The phrase's token norms, its hashtag form "X_Y" (the "#" is a token of its own) and
        its name quoted after the head word: تنظيم "القاعدة"، حكومة «الوفاق»."""
        _, norms, spaces = self._patterns(phrase)
        if len(norms) < 2:
            return [norms]
        head, _, name = phrase.strip().partition(" ")
        quoted = [self._norms(f"{head} {left}{name}{right}") for left, right in NORMAL_QUOTE_PAIRS]
        hashtag: list[str] = []
        for i, norm in enumerate(norms):
            if i and spaces[i - 1]:
                hashtag.append("_")
            hashtag.append(norm)
        return [norms, tuple(hashtag), *quoted]

    def _build_matchers(self) -> None:
        self._patterns = pattern_reader(self.nlp)
        self._explicit = PhraseTable()
        self._generic = PhraseTable()
        self._owners = {}
        self._branches: dict[str, list[Actor]] = {}
        for actor in self.kb.by_id.values():
            if actor.branch_of:
                self._branches.setdefault(actor.branch_of, []).append(actor)
            for alias in actor.aliases:
                forms = self._alias_forms(alias)
                key = "ALIAS::" + " ".join(forms[0])
                if key not in self._owners:
                    self._explicit.add(key, forms)
                    self._owners[key] = []
                if actor.actor_id not in self._owners[key]:
                    self._owners[key].append(actor.actor_id)
            for ref in actor.generic_refs:
                norms = self._norms(ref)
                key = "GENERIC::" + " ".join(norms)
                if key not in self._owners:
                    self._generic.add(key, [norms, *[self._norms(f) for f in indefinite_forms(ref)]])
                    self._owners[key] = []
                if actor.actor_id not in self._owners[key]:
                    self._owners[key].append(actor.actor_id)
        self._armies = {}
        for form, iso in self._adjectives.items():
            if form.startswith("ال") and not form.endswith(("ين", "ون")):
                for noun in ("الجيش", "القوات"):
                    for owner in self._owners.get(f"ALIAS::{noun} {form}", []):
                        if self.kb.by_id[owner].country == iso and owner not in self._armies.setdefault(iso, []):
                            self._armies[iso].append(owner)

    def army_of(self, iso: str | None, date: str | None) -> Actor | None:
        """The armed forces of a country on a date ("Military Forces of Sudan (2019-)"), if known."""
        if not iso:
            return None
        return choose([self.kb.by_id[a] for a in self._armies.get(iso, [])], date=date, country=iso)

    # ------------------------------------------------------------ the call
    def __call__(self, doc: Doc) -> Doc:
        date = doc_date(doc) or year_in_text(doc_context(doc).text)
        sentence_of = sentence_ids(doc)
        explicit, country = self._explicit_spans(doc, date, sentence_of)
        taken = {i for span in explicit for i in range(span.start, span.end)}
        generic = self._generic_spans(doc, explicit, taken, date, country)
        taken |= {i for span in generic for i in range(span.start, span.end)}
        national = national_forces(
            doc, taken, date, kb=self.kb, nouns=self._national_nouns, not_national=self._not_national,
            adjective_heads=self._military_adjective_heads,
            adjectives=self._adjectives, armies=self._armies,
        )
        taken |= {i for span in national for i in range(span.start, span.end)}
        of_country = soldiers_of_country(doc, taken, date, kb=self.kb, nouns=self._soldier_person_nouns,
                                         country_names=self._country_name_words, armies=self._armies)
        national += of_country
        taken |= {i for span in of_country for i in range(span.start, span.end)}
        instruments = national_forces(
            doc, taken, date, kb=self.kb, nouns=self._instrument_nouns, not_national=self._not_national,
            adjectives=self._adjectives, armies=self._armies,
        )
        national += self._country_agents(doc, taken, date, self.kb, self._armies)
        taken |= {i for span in national for i in range(span.start, span.end)}
        # "جنديين تركيين" are mostly the victims: they do not stop bare "مسلحون" being the attackers
        soldiers = {s for s in national if doc[s.start].norm_ in self._soldier_persons}
        named = [s for s in explicit + national + generic if s not in soldiers]
        provisional = self._provisional(doc, named, taken, sentence_of)
        # "اللواء 20 بالجيش العراقي": a unit of a known force is that force
        known_at = {s.start: s for s in explicit + national if s not in soldiers and s.label_ == ACTOR_LABEL}
        forces = {}
        for span, _ in provisional:
            force = self._force_of_unit(doc, span, known_at)
            if force is not None:
                forces[(span.start, span.end)] = force
        units = [
            Span(doc, p.start, p.end, label=ACTOR_LABEL, kb_id=forces[(p.start, p.end)].kb_id_) if (p.start, p.end) in forces else p
            for p, _ in provisional
        ]
        spans = explicit + national + generic + units
        taken |= {i for span in units for i in range(span.start, span.end)}
        # "القيادة الأمريكية في أفريقيا ... وأوضحت القيادة": the head noun alone takes it up
        anaphors = head_anaphors(doc, sorted(spans, key=lambda s: s.start), taken, self._anaphoric_heads,
                                 doc_context(doc).norms)
        # generic mentions, and country names standing for an army, do not hide a place
        generic_ids = {(s.start, s.end) for s in generic + list(anaphors) + of_country}
        antecedents = {(s.start, s.end): a.text for s, a in anaphors.items()}
        spans = sorted(spans + list(anaphors), key=lambda s: s.start)
        doc.spans[SPAN_KEY] = spans
        self._set_ents(doc, spans)
        unknown = {(span.start, span.end): unit for span, unit in provisional if (span.start, span.end) not in forces}
        actors, sources = [], []
        for span in spans:
            unit = unknown.get((span.start, span.end))
            if unit is not None:
                actors.append(provisional_record(span, unit, country, self._country_names))
                continue
            actor = self.kb.by_id[span.kb_id_]
            record = actor_record(span, actor, country, (span.start, span.end) in generic_ids)
            if (span.start, span.end) in forces:
                record["unit_of"] = forces[(span.start, span.end)].text
            if (span.start, span.end) in antecedents:
                record["refers_to"] = antecedents[(span.start, span.end)]  # the full name taken up
            if span in soldiers:
                record["person_noun"] = True  # "جنديين تركيين": countable soldiers, read as victims too
            (sources if actor.label == SOURCE_LABEL else actors).append(record)
            if actor.speaks_for:
                actors.extend(self._speaker_actor(doc, span, actor, date, country))
        doc._.actors = actors
        doc._.sources = sources
        doc._.instruments = [actor_record(span, self.kb.by_id[span.kb_id_], country, False) for span in instruments]
        return doc

    def _force_of_unit(self, doc: Doc, unit: Span, known_at: dict[int, Span]) -> Span | None:
        """The known force a unit outside the knowledge base belongs to, named right after it:
        "اللواء 20 بالجيش العراقي", "كتيبة ... التابعة للجيش السوداني" are that army; "فصائل
        مقربة من النصرة", "قوات مدعومة من تركيا" are not."""
        if any(t.norm_ in self._relation_adjectives for t in unit):
            return None
        k = unit.end
        if k < len(doc) and doc[k].norm_ in self._affiliation_words:
            k += 1
            if k < len(doc) and doc[k].norm_ in ("ل", "لـ"):
                k += 1
        elif k < len(doc) and doc[k].norm_ in self._part_of_links:
            k += 1
        else:
            return None
        return known_at.get(k)

    def _speaker_actor(self, doc: Doc, span: Span, source: Actor, date: str | None, country: str | None) -> list[dict]:
        """A source that commands armed forces is also their actor: "قالت وزارة الدفاع التركية",
        "المتحدث باسم الجيش الإسرائيلي" (the army, not the spokesman). A minister or a named
        spokesman is a person, not the institution."""
        span = self._institution_part(span)
        if span is None:
            return []
        armed_id = source.speaks_for
        if armed_id == NATIONAL_FORCES:
            iso = self._adjectives.get(doc[span.end].norm_) if span.end < len(doc) else None
            if iso is not None:
                span = doc[span.start : span.end + 1]
            army = choose([self.kb.by_id[a] for a in self._armies.get(iso or country, [])], date=date, country=iso or country)
            armed_id = army.actor_id if army is not None else None
        armed = self.kb.by_id.get(armed_id or "")
        if armed is None or armed.label != ACTOR_LABEL:
            return []
        return [{**actor_record(span, armed, country, False), "via_source": source.actor_id}]

    def _institution_part(self, span: Span) -> Span | None:
        if span[0].norm_ in self._institution_heads:
            return span
        names = [t.i for t in span if t.norm_ == "باسم"]
        if span[0].norm_ in self._spokesman_heads and names and names[0] + 1 < span.end:
            return span.doc[names[0] + 1 : span.end]
        return None

    def _explicit_spans(self, doc: Doc, date: str | None, sentence_of: list[int]) -> tuple[list[Span], str | None]:
        """Alias matches with their identity, and the country the text reports on."""
        matches = filter_spans(
            [Span(doc, start, end, label=key) for key, start, end in self._explicit(doc_context(doc).norms)]
        )
        owners = {(s.start, s.end): [self.kb.by_id[a] for a in self._owners[s.label_]] for s in matches}
        unambiguous = [group[0] for group in owners.values() if len(group) == 1]
        inside = {
            i
            for s in matches
            if self.kb.by_id[self._owners[s.label_][0]].label == ACTOR_LABEL
            for i in range(s.start, s.end)
        }
        country = self._countries(doc, unambiguous, inside)
        years = sentence_years(doc, sentence_of)
        explicit = []
        for span in matches:
            when = mention_date(date, years.get(sentence_of[span.start]))
            actor = choose(owners[(span.start, span.end)], date=when, country=country)
            actor = local_branch(actor, self._branches, when, country)
            explicit.append(Span(doc, span.start, span.end, label=actor.label, kb_id=actor.actor_id))
        return explicit, country

    def _generic_spans(
        self, doc: Doc, explicit: list[Span], taken: set[int], date: str | None, country: str | None
    ) -> list[Span]:
        generic = []
        norms = doc_context(doc).norms
        for key, start, end in self._generic(norms):
            if any(i in taken for i in range(start, end)):
                continue
            phrase = key.split("::", 1)[1]
            own_state = phrase in OWN_STATE_WORDS
            if own_state and end < len(norms) and (norms[end] in self._adjectives or norms[end] in LOCAL_QUALIFIERS):
                continue  # "الحكومة البريطانية", "الحكومة المحلية": another government
            candidates = [a for a in (self.kb.by_id[o] for o in self._owners[key]) if a.valid_on(date)]
            actor_id = resolve_generic(
                explicit, candidates, start, phrase,
                date=date, country=country, by_country_words=self._by_country_words, country_first=own_state,
            )
            if actor_id is not None:
                generic.append(Span(doc, start, end, label=ACTOR_LABEL, kb_id=actor_id))
        return filter_spans(generic)

    def _provisional(
        self, doc: Doc, known: list[Span], taken: set[int], sentence_of: list[int]
    ) -> list[tuple[Span, Provisional]]:
        if self._open_world is None:
            return []
        named = {sentence_of[s.start] for s in known if s.label_ == ACTOR_LABEL}
        units = self._open_world.find(doc, taken, sentence_of, named)
        spans = filter_spans([Span(doc, u.start, u.end, label=ACTOR_LABEL) for u in units])
        by_bounds = {(u.start, u.end): u for u in units}
        return [(span, by_bounds[(span.start, span.end)]) for span in spans]

    def _set_ents(self, doc: Doc, spans: list[Span]) -> None:
        if self.overwrite_ents:
            keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        else:
            keep = list(doc.ents)
            spans = [s for s in spans if not any(e.start < s.end and s.start < e.end for e in keep)]
        doc.ents = sorted(keep + spans, key=lambda s: s.start)

    def score(self, examples, **kwargs):
        if self.scorer is not None:
            return self.scorer(examples)
        from marsad.evaluation.scorers import score_actors

        return score_actors(examples)

    # ------------------------------------------------------------ serialisation: the KB travels with the pipeline
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"kb": self.kb.to_records()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "ActorRuler":
        self.set_kb(ActorKB.from_bytes_records(srsly.msgpack_loads(data)["kb"]))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "kb.jsonl", self.kb.to_records())

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "ActorRuler":
        records = list(srsly.read_jsonl(ensure_path(path) / "kb.jsonl"))
        self.set_kb(ActorKB.from_bytes_records(records))
        return self

