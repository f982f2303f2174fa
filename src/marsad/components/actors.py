"""Actor knowledge base and the marsad_actor_ruler component.

The knowledge base (data/actors.jsonl, data/sources.jsonl) is data, one actor
per line. The ruler matches every alias on normalised token norms, so clitics,
diacritics and hamza spellings do not matter, and also matches hashtag forms
("#النظام_السوري"). Generic phrases ("التنظيم", "قوات النظام" ...) listed as an
actor's `generic_refs` are resolved to the nearest actor in the same document
that lists them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, filter_spans

from marsad import extensions  # noqa: F401  (registers doc._ attributes)
from marsad.components.normalizer import normalize_doc
from marsad.resources import read_jsonl

ACTOR_LABEL = "ACTOR"
SOURCE_LABEL = "SOURCE"
ACTOR_TYPES = {
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "external_forces",
    "civilians",
}
SOURCE_TYPES = {"monitor", "news_agency", "tv", "official", "activists", "medical", "un", "ngo"}
SPAN_KEY = "actors"


@dataclass
class Actor:
    actor_id: str
    name: str
    name_ar: str
    type: str
    country: str
    affiliation: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    generic_refs: list[str] = field(default_factory=list)
    label: str = ACTOR_LABEL


def _actor_from_record(record: dict, label: str) -> Actor:
    if label == SOURCE_LABEL:
        return Actor(
            actor_id=record["source_id"],
            name=record["name"],
            name_ar=record.get("name_ar", ""),
            type=record["type"],
            country=record.get("country", "XX"),
            aliases=list(record.get("aliases", [])),
            label=SOURCE_LABEL,
        )
    return Actor(
        actor_id=record["actor_id"],
        name=record["name"],
        name_ar=record.get("name_ar", ""),
        type=record["type"],
        country=record.get("country", "XX"),
        affiliation=list(record.get("affiliation", [])),
        aliases=list(record.get("aliases", [])),
        generic_refs=list(record.get("generic_refs", [])),
    )


def validate_actor_records(records: list[dict], *, label: str = ACTOR_LABEL) -> list[str]:
    """Check actor or source records; RETURNS (list[str]): the problems found."""
    problems = []
    id_key = "source_id" if label == SOURCE_LABEL else "actor_id"
    allowed = SOURCE_TYPES if label == SOURCE_LABEL else ACTOR_TYPES
    ids = [r.get(id_key) for r in records]
    seen: set[str] = set()
    for i, record in enumerate(records, start=1):
        rid = record.get(id_key)
        if not isinstance(rid, str) or not rid:
            problems.append(f"record {i}: missing {id_key}")
            continue
        if rid in seen:
            problems.append(f"{rid}: duplicate id")
        seen.add(rid)
        if record.get("type") not in allowed:
            problems.append(f"{rid}: type {record.get('type')!r} not in {sorted(allowed)}")
        if not isinstance(record.get("name"), str) or not record["name"]:
            problems.append(f"{rid}: missing name")
        aliases = record.get("aliases")
        if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) and a.strip() for a in aliases):
            problems.append(f"{rid}: aliases must be a non-empty list of strings")
        for ref in record.get("affiliation", []):
            if ref not in ids:
                problems.append(f"{rid}: affiliation {ref!r} is not a known actor_id")
    return problems


class ActorKB:
    """Actors and reporting sources, looked up by id."""

    def __init__(self, actors: Iterable[Actor] = ()) -> None:
        self.by_id: dict[str, Actor] = {}
        for actor in actors:
            self.by_id[actor.actor_id] = actor

    @classmethod
    def from_records(cls, actor_records: list[dict], source_records: list[dict] = ()) -> "ActorKB":
        actors = [_actor_from_record(r, ACTOR_LABEL) for r in actor_records]
        actors += [_actor_from_record(r, SOURCE_LABEL) for r in source_records]
        return cls(actors)

    @classmethod
    def load_default(cls) -> "ActorKB":
        return cls.from_records(read_jsonl("actors.jsonl"), read_jsonl("sources.jsonl"))

    def __len__(self) -> int:
        return len(self.by_id)

    def __getitem__(self, actor_id: str) -> Actor:
        return self.by_id[actor_id]

    def get(self, actor_id: str) -> Actor | None:
        return self.by_id.get(actor_id)

    def to_records(self) -> list[dict]:
        return [vars(a) for a in self.by_id.values()]

    @classmethod
    def from_bytes_records(cls, records: list[dict]) -> "ActorKB":
        return cls(Actor(**r) for r in records)


@Language.factory(
    "marsad_actor_ruler",
    default_config={"actors_path": None, "sources_path": None, "overwrite_ents": True},
    default_score_weights={"actors_f": 1.0, "actors_p": 0.0, "actors_r": 0.0},
)
def make_actor_ruler(
    nlp: Language,
    name: str,
    *,
    actors_path: str | None,
    sources_path: str | None,
    overwrite_ents: bool,
) -> "ActorRuler":
    return ActorRuler(nlp, name, actors_path=actors_path, sources_path=sources_path, overwrite_ents=overwrite_ents)


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
        overwrite_ents: bool = True,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.actors_path = actors_path
        self.sources_path = sources_path
        self.overwrite_ents = overwrite_ents
        self.kb = ActorKB()
        self._explicit = PhraseMatcher(nlp.vocab, attr="NORM")
        self._generic = PhraseMatcher(nlp.vocab, attr="NORM")
        self._generic_owners: dict[str, list[str]] = {}

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        actors = read_jsonl(self.actors_path or "actors.jsonl")
        sources = read_jsonl(self.sources_path or "sources.jsonl")
        self.set_kb(ActorKB.from_records(actors, sources))

    def set_kb(self, kb: ActorKB) -> None:
        self.kb = kb
        self._build_matchers()

    def _pattern_docs(self, phrase: str) -> list[Doc]:
        """The phrase as tokens, plus its hashtag form "X_Y" (the "#" is a token of its own)."""
        doc = self._normalised(phrase)
        if len(doc) < 2:
            return [doc]
        words, norms = [], []
        for i, token in enumerate(doc):
            if i and doc[i - 1].whitespace_:
                words.append("_")
                norms.append("_")
            words.append(token.text)
            norms.append(token.norm_)
        hashtag = Doc(doc.vocab, words=words, spaces=[False] * len(words))
        for token, norm in zip(hashtag, norms):
            token.norm_ = norm
        return [doc, hashtag]

    def _normalised(self, text: str) -> Doc:
        return normalize_doc(self.nlp.make_doc(text))

    def _build_matchers(self) -> None:
        self._explicit = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._generic = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._generic_owners = {}
        for actor in self.kb.by_id.values():
            patterns = [d for alias in actor.aliases for d in self._pattern_docs(alias)]
            if patterns:
                self._explicit.add(actor.actor_id, patterns)
            for ref in actor.generic_refs:
                key = "GENERIC::" + " ".join(t.norm_ for t in self._normalised(ref))
                if key not in self._generic_owners:
                    self._generic.add(key, [self._normalised(ref)])
                    self._generic_owners[key] = []
                self._generic_owners[key].append(actor.actor_id)

    def __call__(self, doc: Doc) -> Doc:
        vocab_strings = doc.vocab.strings
        explicit = []
        for match_id, start, end in self._explicit(doc):
            actor = self.kb.by_id[vocab_strings[match_id]]
            explicit.append(Span(doc, start, end, label=actor.label, kb_id=actor.actor_id))
        explicit = filter_spans(explicit)
        taken = {i for span in explicit for i in range(span.start, span.end)}
        generic = []
        for match_id, start, end in self._generic(doc):
            if any(i in taken for i in range(start, end)):
                continue
            owners = self._generic_owners[vocab_strings[match_id]]
            actor_id = self._resolve_generic(explicit, owners, start)
            if actor_id is not None:
                generic.append(Span(doc, start, end, label=ACTOR_LABEL, kb_id=actor_id))
        spans = sorted(explicit + filter_spans(generic), key=lambda s: s.start)
        generic_ids = {(s.start, s.end) for s in generic}
        doc.spans[SPAN_KEY] = spans
        self._set_ents(doc, spans)
        actors, sources = [], []
        for span in spans:
            actor = self.kb.by_id[span.kb_id_]
            record = {
                "text": span.text,
                "start_char": span.start_char,
                "end_char": span.end_char,
                "actor_id": actor.actor_id,
                "name": actor.name,
                "type": actor.type,
                "country": actor.country,
                "generic": (span.start, span.end) in generic_ids,
            }
            (sources if actor.label == SOURCE_LABEL else actors).append(record)
        doc._.actors = actors
        doc._.sources = sources
        return doc

    def _resolve_generic(self, explicit: list[Span], owners: list[str], position: int) -> str | None:
        """The owner of a generic phrase named nearest before it (else after).

        An owner is also reached through its affiliation: "المسلحين الموالين لها"
        after "قوات النظام" is the pro-government militia allied to SY_GOV.
        """

        def owner_of(span: Span) -> str | None:
            if span.kb_id_ in owners:
                return span.kb_id_
            for owner in owners:
                if span.kb_id_ in self.kb.by_id[owner].affiliation:
                    return owner
            return None

        before = [s for s in explicit if s.end <= position]
        for span in reversed(before):
            owner = owner_of(span)
            if owner is not None:
                return owner
        for span in (s for s in explicit if s.start >= position):
            owner = owner_of(span)
            if owner is not None:
                return owner
        return None

    def _set_ents(self, doc: Doc, spans: list[Span]) -> None:
        if self.overwrite_ents:
            keep = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        else:
            keep = list(doc.ents)
            spans = [s for s in spans if not any(e.start < s.end and s.start < e.end for e in keep)]
        doc.ents = sorted(keep + spans, key=lambda s: s.start)

    def score(self, examples, **kwargs):
        from marsad.evaluation.scorers import score_actors

        return score_actors(examples)

    # Serialisation: the knowledge base travels with the pipeline.
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
