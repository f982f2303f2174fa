"""The marsad_location_linker component: place names linked to GeoNames.

Three parts, as in scispacy's linker: the knowledge base is
`marsad.geo.gazetteer.Gazetteer`; the candidate generator
(`marsad.geo.mentions`, "marsad.place_candidates.v1") finds the place
mentions and their candidates; the ranker (`marsad.geo.ranking`,
"marsad.place_ranker.v1", weights in `RankingWeights`) filters and ranks the
candidates in context and places names the gazetteer lacks. Both are config
arguments, so a config can swap or tune them::

    [components.marsad_location_linker.ranker]
    @misc = "marsad.place_ranker.v1"
    nearby_place = 0.8

The component writes `doc._.places` (one entry per mention),
`doc.spans["places"]` and LOC entities with `kb_id_` = geonameid. It keeps
no per-document state: one instance may serve several threads.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import ensure_path, from_disk as util_from_disk, to_disk as util_to_disk

from marsad import extensions  # noqa: F401
from marsad.evaluation import scorers  # noqa: F401  (registers marsad.place_scorer.v1)
from marsad.geo.gazetteer import Gazetteer, load_default, read_supplement
from marsad.geo.mentions import TRAILING_PUNCT, Mention, make_place_candidates
from marsad.geo.ranking import (
    ADMIN_CODES, CONFLICT_COUNTRIES, UNKNOWN_FEATURE, geo_precision, make_place_ranker,
)
from marsad.resources import data_path, read_jsonl

PLACE_LABEL = "LOC"
SPAN_KEY = "places"
PLACE_WORDS_FILE = "place_words.jsonl"
CandidateBuilder = Callable[[Language, Gazetteer, list], Callable[[Doc], list[Mention]]]
RankerBuilder = Callable[[Gazetteer, tuple], Callable[[Doc, list[Mention]], list[Mention]]]


@Language.factory(
    "marsad_location_linker",
    default_config={
        "gazetteer_path": None,
        "supplement_paths": [],
        "place_words_path": None,
        "context_countries": list(CONFLICT_COUNTRIES),
        "candidates": {"@misc": "marsad.place_candidates.v1"},
        "ranker": {"@misc": "marsad.place_ranker.v1"},
        "scorer": {"@scorers": "marsad.place_scorer.v1"},
    },
    assigns=["doc.ents", "doc._.places", "token.ent_type", "token.ent_kb_id"],
    requires=["token.norm"],
    default_score_weights={"places_f": 1.0, "places_p": 0.0, "places_r": 0.0},
)
def make_location_linker(
    nlp: Language,
    name: str,
    *,
    gazetteer_path: str | None,
    supplement_paths: list[str],
    place_words_path: str | None,
    context_countries: list[str],
    candidates: CandidateBuilder,
    ranker: RankerBuilder,
    scorer: Callable | None,
) -> "LocationLinker":
    return LocationLinker(
        nlp,
        name,
        gazetteer_path=gazetteer_path,
        supplement_paths=supplement_paths,
        place_words_path=place_words_path,
        context_countries=context_countries,
        candidates=candidates,
        ranker=ranker,
        scorer=scorer,
    )


class LocationLinker:
    """The component. Its state is its resources (gazetteer, place words)
    and the generator and ranker built from them; `__call__` only reads it."""

    def __init__(
        self,
        nlp: Language,
        name: str = "marsad_location_linker",
        *,
        gazetteer_path: str | None = None,
        supplement_paths: Iterable[str] = (),
        place_words_path: str | None = None,
        context_countries: Iterable[str] = CONFLICT_COUNTRIES,
        candidates: CandidateBuilder | None = None,
        ranker: RankerBuilder | None = None,
        scorer: Callable | None = None,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.gazetteer_path = gazetteer_path
        self.supplement_paths = list(supplement_paths)
        self.place_words_path = place_words_path
        self.context_countries = tuple(context_countries)
        self.make_candidates = candidates or make_place_candidates()
        self.make_ranker = ranker or make_place_ranker()
        self.scorer = scorer
        self.gazetteer: Gazetteer | None = None
        self.place_words: list[dict] = []
        self.find_mentions: Callable[[Doc], list[Mention]] | None = None
        self.rank: Callable[[Doc, list[Mention]], list[Mention]] | None = None

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        # An explicit index that fails its checks raises the one-line E027 error.
        gazetteer = Gazetteer.from_disk(self.gazetteer_path) if self.gazetteer_path else load_default()
        for path in self.supplement_paths:
            gazetteer.add_places(read_supplement(path))
        path = self.place_words_path or data_path(PLACE_WORDS_FILE)
        self._set_resources(gazetteer, read_jsonl(path))

    def _set_resources(self, gazetteer: Gazetteer, place_words: list[dict]) -> None:
        self.gazetteer = gazetteer
        self.place_words = place_words
        self.find_mentions = self.make_candidates(self.nlp, gazetteer, place_words)
        self.rank = self.make_ranker(gazetteer, self.context_countries)

    def set_place_words(self, records: list[dict]) -> None:
        self._set_resources(self.gazetteer, records)

    def __call__(self, doc: Doc) -> Doc:
        if self.find_mentions is None or self.rank is None:
            raise ValueError("[E010] marsad_location_linker is not initialised: call nlp.initialize()")
        mentions = self.rank(doc, self.find_mentions(doc))
        spans, places = [], []
        for mention in mentions:
            place = mention.best
            gid = place.geonameid if place is not None else None
            span = Span(doc, mention.start, mention.end, label=PLACE_LABEL, kb_id=str(gid or ""))
            spans.append(span)
            places.append(place_record(doc, mention, span))
        doc.spans[SPAN_KEY] = spans
        covered = {i for s in spans for i in range(s.start, s.end)}
        taken = [e for e in doc.ents if not any(i in covered for i in range(e.start, e.end))]
        # Rule spans win over statistical LOC entities; actors and sources were blocked already.
        doc.ents = sorted(taken + spans, key=lambda s: s.start)
        doc._.places = places
        return doc

    def score(self, examples: Iterable[Example], **kwargs) -> dict[str, float]:
        if self.scorer is None:
            from marsad.evaluation.scorers import score_places

            return score_places(examples)
        return self.scorer(examples)

    # Serialisation: the gazetteer index and the place words travel with the pipeline.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        serializers = {
            "place_words.jsonl": lambda p: srsly.write_jsonl(p, self.place_words),
        }
        if self.gazetteer is not None:
            serializers["gazetteer"] = lambda p: self.gazetteer.to_disk(p)
        util_to_disk(path, serializers, exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "LocationLinker":
        path = ensure_path(path)
        loaded: dict = {"gazetteer": self.gazetteer, "place_words": self.place_words}
        deserializers = {
            "gazetteer": lambda p: loaded.__setitem__("gazetteer", Gazetteer.from_disk(p)),
            "place_words.jsonl": lambda p: loaded.__setitem__("place_words", list(srsly.read_jsonl(p))),
        }
        util_from_disk(path, deserializers, exclude)
        if loaded["gazetteer"] is not None:
            self._set_resources(loaded["gazetteer"], loaded["place_words"])
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        msg = {}
        if "gazetteer" not in exclude and self.gazetteer is not None:
            msg["gazetteer"] = self.gazetteer.to_bytes()
        if "place_words" not in exclude:
            msg["place_words"] = self.place_words
        return srsly.msgpack_dumps(msg)

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "LocationLinker":
        msg = srsly.msgpack_loads(data)
        gazetteer = Gazetteer.from_bytes(msg["gazetteer"]) if "gazetteer" in msg else self.gazetteer
        place_words = msg.get("place_words", self.place_words)
        if gazetteer is not None:
            self._set_resources(gazetteer, place_words)
        return self


# ---------------------------------------------------------------- output
def place_record(doc: Doc, mention: Mention, span: Span) -> dict:
    """The doc._.places entry of a ranked mention."""
    relative = doc[mention.relative[0]:mention.relative[1]].text if mention.relative else None
    head = doc[mention.head[0]:mention.head[1]].text if mention.head else None
    start_char = span.start_char + mention.skip_chars
    end_char = span.end_char
    text = _span_text(doc, mention.start, mention.end, mention.skip_chars)
    end_char = start_char + len(text)
    if mention.unknown:
        anchor = mention.anchor.best
        kind = mention.head[2] if mention.head else None
        return {
            "text": text,
            "start_char": start_char,
            "end_char": end_char,
            "geonameid": None,
            "name": text,
            "name_ar": text,
            "lat": anchor.lat,
            "lon": anchor.lon,
            "country_code": anchor.country_code,
            "feature_code": UNKNOWN_FEATURE.get(kind, "PPL"),
            "admin1": anchor.admin1,
            "population": 0,
            "precision": 2 if kind == "district" or anchor.feature_code not in ADMIN_CODES else (
                4 if anchor.feature_code == "PCLI" else 3),
            "relation": relative,
            "head": head,
            "confidence": 0.3,
            "alternatives": [],
            "anchor": {"text": _mention_text(doc, mention.anchor), "geonameid": anchor.geonameid, "name": anchor.name},
        }
    place = mention.best
    return {
        "text": text,
        "start_char": start_char,
        "end_char": end_char,
        "geonameid": place.geonameid,
        "name": place.name,
        "name_ar": place.name_ar,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "feature_code": place.feature_code,
        "admin1": place.admin1,
        "population": place.population,
        "precision": geo_precision(place, mention),
        "relation": relative,
        "head": head,
        "confidence": mention.confidence,
        "alternatives": [
            {"geonameid": p.geonameid, "name": p.name, "country_code": p.country_code, "lat": p.lat, "lon": p.lon}
            for p in mention.candidates[1:4]
        ],
    }


def _mention_text(doc: Doc, mention: Mention) -> str:
    return _span_text(doc, mention.start, mention.end, mention.skip_chars)


def _span_text(doc: Doc, start: int, end: int, skip: int) -> str:
    """The text of tokens start..end without `skip` leading characters and
    without punctuation the tokenizer left at the end (cheaper than doc.text)."""
    text = doc[start:end].text[skip:]
    stripped = text.rstrip(TRAILING_PUNCT)
    return stripped if stripped else text
