"""The marsad_location_linker component: place names linked to GeoNames.

Three parts, as in scispacy's linker: the knowledge base is
`marsad.gazetteer.Gazetteer`; `find_mentions` generates candidate mentions
from the gazetteer (longest match over token keys, clitics already split);
`LocationLinker` ranks each mention's candidates by context (countries named
in the article, nearby places, head words such as "محافظة", population) and
writes `doc._.places`, `doc.spans["places"]` and LOC entities with
`kb_id_` = geonameid.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path
from wordfreq import zipf_frequency

from . import extensions  # noqa: F401
from .gazetteer import Gazetteer, Place, load_default, read_supplement
from .normalizer import normalize_doc
from .resources import read_jsonl
from .text import strip_article

PLACE_LABEL = "LOC"
SPAN_KEY = "places"
CONFLICT_COUNTRIES = ("SY", "IQ", "YE", "LY")
# Without a head word or a preposition, a small or common-word place is too
# likely to be an ordinary word ("المقاومة" is also a village).
MIN_POPULATION_UNMARKED = 20_000
MIN_POPULATION_AFTER_PREPOSITION = 1_000
COMMON_WORD_ZIPF = 4.0
FUNCTION_WORD_ZIPF = 5.0
NEARBY_KM = 150.0
ADMIN_CODES = ("ADM1", "ADM2", "RGN", "PCLI")


@dataclass
class Mention:
    start: int
    end: int
    key: str
    candidates: list[Place]
    head: tuple[int, int, str] | None = None  # (start, end, place kind)
    relative: tuple[int, int] | None = None
    scores: list[float] = field(default_factory=list)

    @property
    def best(self) -> Place | None:
        return self.candidates[0] if self.candidates else None


@Language.factory(
    "marsad_location_linker",
    default_config={
        "gazetteer_path": None,
        "supplement_paths": [],
        "place_words_path": None,
        "context_countries": list(CONFLICT_COUNTRIES),
    },
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
) -> "LocationLinker":
    return LocationLinker(
        nlp,
        name,
        gazetteer_path=gazetteer_path,
        supplement_paths=supplement_paths,
        place_words_path=place_words_path,
        context_countries=context_countries,
    )


class LocationLinker:
    def __init__(
        self,
        nlp: Language,
        name: str = "marsad_location_linker",
        *,
        gazetteer_path: str | None = None,
        supplement_paths: Iterable[str] = (),
        place_words_path: str | None = None,
        context_countries: Iterable[str] = CONFLICT_COUNTRIES,
    ) -> None:
        self.nlp = nlp
        self.name = name
        self.gazetteer_path = gazetteer_path
        self.supplement_paths = list(supplement_paths)
        self.place_words_path = place_words_path
        self.context_countries = tuple(context_countries)
        self.gazetteer: Gazetteer | None = None
        self.place_words: list[dict] = []
        self._words = PhraseMatcher(nlp.vocab, attr="NORM")
        self._word_attrs: dict[str, dict] = {}

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        gazetteer = Gazetteer.from_disk(self.gazetteer_path) if self.gazetteer_path else load_default()
        for path in self.supplement_paths:
            gazetteer.add_places(read_supplement(path))
        self.gazetteer = gazetteer
        self.set_place_words(read_jsonl(self.place_words_path or "place_words.jsonl"))

    def set_place_words(self, records: list[dict]) -> None:
        self.place_words = records
        self._words = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._word_attrs = {}
        for i, record in enumerate(records):
            key = f"{record['kind']}#{i}"
            self._word_attrs[key] = record
            self._words.add(key, [normalize_doc(self.nlp.make_doc(record["phrase"]))])

    # ------------------------------------------------------------ generation
    def find_mentions(self, doc: Doc) -> list[Mention]:
        """Candidate place mentions: the longest gazetteer key at each position."""
        gazetteer = self.gazetteer
        if gazetteer is None:
            raise ValueError("[E010] marsad_location_linker is not initialised: call nlp.initialize()")
        blocked = _blocked_tokens(doc)
        words = self._place_word_index(doc)
        parts = [_key_part(t) for t in doc]
        mentions = []
        i = 0
        n = len(doc)
        while i < n:
            if i in blocked or not parts[i] or not gazetteer.has_first_word(parts[i]):
                i += 1
                continue
            found = None
            for length in range(min(gazetteer.max_words, n - i), 0, -1):
                if any(j in blocked or not parts[j] for j in range(i, i + length)):
                    continue
                key = " ".join(parts[i:i + length])
                candidates = gazetteer.lookup(key)
                if candidates:
                    found = Mention(i, i + length, key, list(candidates))
                    break
            if found is None:
                i += 1
                continue
            self._attach_words(doc, found, words)
            if self._plausible(doc, found, words):
                mentions.append(found)
            i = found.end
        return mentions

    def _place_word_index(self, doc: Doc) -> dict[str, dict[int, tuple[int, dict]]]:
        """Place words (heads, relatives, prepositions) by kind and END token."""
        index: dict[str, dict[int, tuple[int, dict]]] = {"head": {}, "relative": {}, "preposition": {}}
        strings = doc.vocab.strings
        for match_id, start, end in self._words(doc):
            record = self._word_attrs[strings[match_id]]
            current = index[record["kind"]].get(end)
            if current is None or current[0] > start:
                index[record["kind"]][end] = (start, record)
        return index

    def _attach_words(self, doc: Doc, mention: Mention, words) -> None:
        pos = mention.start
        head = words["head"].get(pos)
        if head is not None:
            mention.head = (head[0], pos, head[1]["place_kind"])
            pos = head[0]
        relative = words["relative"].get(pos)
        if relative is not None:
            mention.relative = (relative[0], pos)

    def _plausible(self, doc: Doc, mention: Mention, words) -> bool:
        best_population = max(p.population for p in mention.candidates)
        single = mention.end - mention.start == 1
        if single and _is_place_word(words, mention.start):
            return False  # "مدينة" is a head, not Medina
        surface = doc[mention.start:mention.end].text
        if single and zipf_frequency(surface, "ar") >= FUNCTION_WORD_ZIPF and not any(
            p.feature_code == "PCLI" for p in mention.candidates
        ):
            return False  # "وفي" is "and in", not Alofi
        if any(p.feature_code in ADMIN_CODES for p in mention.candidates):
            return not _is_adjective(doc, mention)
        if mention.head is not None or mention.relative is not None:
            return True
        if _is_adjective(doc, mention):
            return False
        common = single and zipf_frequency(surface, "ar") >= COMMON_WORD_ZIPF
        after_preposition = mention.start in words["preposition"]
        if after_preposition and best_population >= MIN_POPULATION_AFTER_PREPOSITION and not common:
            return True
        return best_population >= MIN_POPULATION_UNMARKED and (not common or best_population >= 200_000)

    # ------------------------------------------------------------ ranking
    def rank(self, doc: Doc, mentions: list[Mention]) -> None:
        context = self._context_countries(doc, mentions)
        for mention in mentions:
            self._score(mention, context, anchors=[])
        # Second pass: places near the other (now resolved) places win.
        anchors = [m.best for m in mentions if m.best is not None and m.best.lat is not None]
        for mention in mentions:
            others = [a for a in anchors if a is not mention.best and a.feature_code != "PCLI"]
            self._score(mention, context, anchors=others)

    def _context_countries(self, doc: Doc, mentions: list[Mention]) -> dict[str, float]:
        weights: dict[str, float] = {}
        for mention in mentions:
            codes = {p.country_code for p in mention.candidates}
            for place in mention.candidates:
                if place.feature_code == "PCLI" or len(codes) == 1:
                    weights[place.country_code] = weights.get(place.country_code, 0.0) + 1.0
        for actor in doc._.actors or []:
            country = actor.get("country")
            if country and country != "XX":
                weights[country] = weights.get(country, 0.0) + 0.5
        if not weights:
            weights = {code: 0.5 for code in self.context_countries}
        return weights

    def _score(self, mention: Mention, context: dict[str, float], anchors: list[Place]) -> None:
        scored = []
        top_context = max(context.values()) if context else 1.0
        for place in mention.candidates:
            score = math.log10(place.population + 10) / 7.0
            score += 1.0 * context.get(place.country_code, 0.0) / top_context
            if place.country_code in self.context_countries:
                score += 0.2
            if mention.head is not None:
                kind = mention.head[2]
                if kind == "admin":
                    score += 1.5 if place.feature_code in ("ADM1", "ADM2") else -0.5
                elif kind in ("city", "town", "village", "neighbourhood", "camp", "capital"):
                    score += -1.0 if place.feature_code in ADMIN_CODES else 0.3
            if anchors and place.lat is not None:
                near = sum(1 for a in anchors if _km(place, a) <= NEARBY_KM)
                score += 0.6 * min(near, 3)
            scored.append((score, place))
        scored.sort(key=lambda x: (-x[0], -x[1].population))
        mention.candidates = [p for _, p in scored]
        mention.scores = [s for s, _ in scored]

    # ------------------------------------------------------------ output
    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find_mentions(doc)
        self.rank(doc, mentions)
        spans, places = [], []
        for mention in mentions:
            place = mention.best
            span = Span(doc, mention.start, mention.end, label=PLACE_LABEL, kb_id=str(place.geonameid or ""))
            spans.append(span)
            places.append(self._to_dict(doc, mention, span))
        doc.spans[SPAN_KEY] = spans
        taken = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
        # Rule spans win over statistical LOC entities; actors and sources were blocked already.
        doc.ents = sorted(taken + spans, key=lambda s: s.start)
        doc._.places = places
        return doc

    def _to_dict(self, doc: Doc, mention: Mention, span: Span) -> dict:
        place = mention.best
        relative = doc[mention.relative[0]:mention.relative[1]].text if mention.relative else None
        head = doc[mention.head[0]:mention.head[1]].text if mention.head else None
        return {
            "text": span.text,
            "start_char": span.start_char,
            "end_char": span.end_char,
            "geonameid": place.geonameid,
            "name": place.name,
            "name_ar": place.name_ar,
            "lat": place.lat,
            "lon": place.lon,
            "country_code": place.country_code,
            "feature_code": place.feature_code,
            "admin1": place.admin1,
            "population": place.population,
            "precision": _precision(place, mention),
            "relation": relative,
            "head": head,
            "confidence": _confidence(mention.scores),
            "alternatives": [
                {"geonameid": p.geonameid, "name": p.name, "country_code": p.country_code, "lat": p.lat, "lon": p.lon}
                for p in mention.candidates[1:4]
            ],
        }

    def score(self, examples, **kwargs):
        from .scorers import score_places

        return score_places(examples)

    # Serialisation: the gazetteer index and the place words travel with the pipeline.
    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.gazetteer is not None:
            self.gazetteer.to_disk(path / "gazetteer")
        srsly.write_jsonl(path / "place_words.jsonl", self.place_words)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "LocationLinker":
        path = ensure_path(path)
        self.gazetteer = Gazetteer.from_disk(path / "gazetteer")
        self.set_place_words(list(srsly.read_jsonl(path / "place_words.jsonl")))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"gazetteer": self.gazetteer.to_bytes(), "place_words": self.place_words})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "LocationLinker":
        msg = srsly.msgpack_loads(data)
        self.gazetteer = Gazetteer.from_bytes(msg["gazetteer"])
        self.set_place_words(msg["place_words"])
        return self


def _is_place_word(words, i: int) -> bool:
    return any(start <= i < end for index in words.values() for end, (start, _) in index.items())


def _key_part(token) -> str:
    norm = token.norm_
    if not norm or not (norm[0].isalpha()):
        return ""
    return strip_article(norm)


def _blocked_tokens(doc: Doc) -> set[int]:
    """Tokens inside actor or source names ("المرصد السوري", "قوات سوريا الديمقراطية")."""
    blocked = set()
    for span in doc.spans.get("actors", []):
        if span.label_ in ("ACTOR", "SOURCE") and not _is_generic(doc, span):
            blocked.update(range(span.start, span.end))
    return blocked


def _is_generic(doc: Doc, span: Span) -> bool:
    for record in doc._.actors or []:
        if record["start_char"] == span.start_char and record["end_char"] == span.end_char:
            return record.get("generic", False)
    return False


def _is_adjective(doc: Doc, mention: Mention) -> bool:
    """Nisba adjectives agreeing with the noun before them: "الجيش اليمني", "القوات السورية"."""
    if mention.end - mention.start != 1 or mention.start == 0:
        return False
    norm = doc[mention.start].norm_
    previous = doc[mention.start - 1].norm_
    return norm.startswith("ال") and norm.endswith(("ي", "يه", "يين", "يون")) and previous.startswith("ال")


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _precision(place: Place, mention: Mention) -> int:
    """ACLED-style geo-precision: 1 town, 2 near/part of a town, 3 region, 4 country."""
    if place.feature_code == "PCLI":
        return 4
    if place.feature_code in ("ADM1", "ADM2", "RGN"):
        return 3
    if mention.relative is not None:
        return 2
    return 1


def _confidence(scores: list[float]) -> float:
    if not scores:
        return 0.0
    exps = [math.exp(3 * (s - scores[0])) for s in scores]
    return round(exps[0] / sum(exps), 3)
