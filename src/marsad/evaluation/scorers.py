"""Scoring casualties, places and actors the way the dev set's ANNOTATION.md says.

The pure functions compare lists of predicted and gold dicts (one document);
`score_*` aggregate over spaCy Examples whose reference docs carry the gold in
`doc._.casualties`, `doc._.places`, `doc._.actors`, so `spacy evaluate` and
`nlp.evaluate` report the components.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from spacy.util import registry

from marsad.geo.gazetteer import distance_km
from marsad.text.orthography import name_key, normalize

PLACE_MATCH_KM = 161.0


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f}


_PUNCT = str.maketrans({ch: " " for ch in "#_()[]{}«»\"'.,،:؛!؟?-/"})
# Prepositions and generic force nouns do not make two sides the same.
_GENERIC = {"من", "في", "علي", "الي", "عن", "و", "قوات", "عناصر", "مسلحي", "مقاتلي", "جنود", "صفوف", "افراد"}


def _word_variants(word: str) -> set[str]:
    """A word's key plus its keys with an attached proclitic removed
    ("للحوثيين" -> "حوثيين", "وداعش" -> "داعش")."""
    variants = {name_key(word)}
    if len(word) > 3 and word[0] in "وبلفك":
        rest = word[1:]
        variants.add(name_key(rest))
        if rest[0] == "ل":
            variants.add(name_key("ا" + rest))
    return {v for v in variants if len(v) >= 2}


def _overlap_key(text: str) -> set[str]:
    """Content-word keys of a phrase, normalised, articles and clitics dropped."""
    words: set[str] = set()
    for word in normalize(text).translate(_PUNCT).split():
        if word not in _GENERIC:
            words |= _word_variants(word)
    return words - _GENERIC


def texts_overlap(a: str, b: str) -> bool:
    """Two phrases name the same thing when they share a content word (used for
    victim sides, which have no offsets)."""
    return bool(_overlap_key(a) & _overlap_key(b))


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Character spans of every occurrence of a gold substring; a gold text
    written with its article where the paragraph fuses it ("المقاومة" in
    "للمقاومة") is found without the alef - also when the plain form occurs
    elsewhere in the paragraph (gold lists each mention text once)."""
    spans, start = [], text.find(needle)
    while needle and start >= 0:
        spans.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    if needle.startswith("ال") and len(needle) > 3:
        if not spans:
            return occurrences(text, needle[1:])
        fused, start = needle[1:], text.find(needle[1:])
        while start >= 0:
            if start >= 1 and text[start - 1] == "ل" and not any(s <= start < e for s, e in spans):
                spans.append((start, start + len(fused)))
            start = text.find(fused, start + 1)
        spans.sort()
    return spans


def spans_overlap(pred: dict, gold_spans: list[tuple[int, int]]) -> bool:
    return any(pred["start_char"] < e and s < pred["end_char"] for s, e in gold_spans)


# ------------------------------------------------------------------ casualties
def countable(fact: dict) -> bool:
    return not fact.get("negated") and fact.get("count") is not None


def match_casualties(pred: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (pred, gold) matched on (status, count), non-negated facts with a number."""
    pairs = []
    free = [g for g in gold if countable(g)]
    for fact in (p for p in pred if countable(p)):
        for g in free:
            if g["status"] == fact["status"] and g["count"] == fact["count"]:
                pairs.append((fact, g))
                free.remove(g)
                break
    return pairs


def side_matches(pred: dict, gold: dict) -> bool:
    gold_side = gold.get("victim_side")
    pred_side = (pred.get("victim_side") or {}).get("text") if pred.get("victim_side") else None
    if not gold_side:
        return not pred_side
    return bool(pred_side) and texts_overlap(pred_side, gold_side)


def casualty_counts(pred: list[dict], gold: list[dict]) -> Counter:
    pairs = match_casualties(pred, gold)
    counts = Counter()
    counts["tp"] += len(pairs)
    counts["pred"] += sum(1 for p in pred if countable(p))
    counts["gold"] += sum(1 for g in gold if countable(g))
    counts["gold_with_side"] += sum(1 for g in gold if countable(g) and g.get("victim_side"))
    counts["side_tp"] += sum(1 for p, g in pairs if g.get("victim_side") and side_matches(p, g))
    return counts


def casualty_errors(pred: list[dict], gold: list[dict]) -> Counter:
    """Why facts were missed or spurious, for the confusion table."""
    errors: Counter = Counter()
    pairs = match_casualties(pred, gold)
    matched_pred = [p for p, _ in pairs]
    matched_gold = [g for _, g in pairs]
    for g in (g for g in gold if countable(g) and g not in matched_gold):
        same_status = [p for p in pred if p["status"] == g["status"] and p not in matched_pred]
        if any(p.get("negated") for p in pred if p["status"] == g["status"] and p["count"] == g["count"]):
            errors["missed: wrongly negated"] += 1
        elif any(p["count"] == g["count"] for p in pred if p not in matched_pred):
            errors["missed: wrong status"] += 1
        elif same_status:
            errors["missed: wrong count"] += 1
        else:
            errors["missed: not found"] += 1
    for p in (p for p in pred if countable(p) and p not in matched_pred):
        errors["spurious: extra fact"] += 1
    for p, g in pairs:
        if g.get("victim_side") and not side_matches(p, g):
            errors["side: wrong or missing"] += 1
    return errors


# ------------------------------------------------------------------ places
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return distance_km(lat1, lon1, lat2, lon2)


def place_matches(pred: dict, gold: dict, gold_spans: list[tuple[int, int]]) -> bool:
    if not spans_overlap(pred, gold_spans):
        return False
    if gold.get("lat") is None or pred.get("lat") is None:
        return gold.get("lat") is None and (gold.get("geonameid") is None or gold.get("geonameid") == pred.get("geonameid"))
    return km(pred["lat"], pred["lon"], gold["lat"], gold["lon"]) <= PLACE_MATCH_KM


def place_counts(pred: list[dict], gold: list[dict], text: str) -> Counter:
    """Gold lists each distinct place once; a prediction is one mention, so
    predictions are grouped by place (same geonameid or same text)."""
    counts = Counter()
    groups: dict = {}
    for p in pred:
        groups.setdefault(p.get("geonameid") or normalize(p["text"]), []).append(p)
    counts["pred"] += len(groups)
    counts["gold"] += len(gold)
    free = list(groups.values())
    for g in gold:
        gold_spans = occurrences(text, g["text"])
        if any(spans_overlap(p, gold_spans) for p in pred):
            counts["detected"] += 1
        match = next((grp for grp in free if any(place_matches(p, g, gold_spans) for p in grp)), None)
        if match is not None:
            counts["tp"] += 1
            free.remove(match)
    pred_ids = {p.get("geonameid") for p in pred}
    with_id = [g for g in gold if g.get("geonameid")]
    counts["gold_with_id"] += len(with_id)
    counts["id_tp"] += sum(1 for g in with_id if g["geonameid"] in pred_ids)
    return counts


# ------------------------------------------------------------------ actors
def actor_counts(pred: list[dict], gold: list[dict], text: str) -> Counter:
    """Gold lists each distinct mention text once: predictions are grouped by text."""
    counts = Counter()
    by_text: dict[str, list[dict]] = {}
    for p in pred:
        by_text.setdefault(p["text"], []).append(p)
    gold_spans = [occurrences(text, g["text"]) for g in gold]
    counts["pred"] += len(by_text)
    counts["gold"] += len(gold)
    counts["tp_gold"] += sum(1 for spans in gold_spans if any(spans_overlap(p, spans) for p in pred))
    counts["tp_pred"] += sum(
        1 for group in by_text.values() if any(spans_overlap(p, spans) for p in group for spans in gold_spans)
    )
    return counts


def actor_scores(counts: Counter) -> dict[str, float]:
    p = counts["tp_pred"] / counts["pred"] if counts["pred"] else 0.0
    r = counts["tp_gold"] / counts["gold"] if counts["gold"] else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


# ------------------------------------------------------------------ spaCy scorers
def _total(examples: Iterable, attr: str, count: Callable, with_text: bool = False) -> Counter:
    total = Counter()
    for eg in examples:
        args = [getattr(eg.predicted._, attr) or [], getattr(eg.reference._, attr) or []]
        if with_text:
            args.append(eg.reference.text)
        total += count(*args)
    return total


def score_casualties(examples: Iterable) -> dict[str, float]:
    c = _total(examples, "casualties", casualty_counts)
    s = prf(c["tp"], c["pred"], c["gold"])
    side = c["side_tp"] / c["gold_with_side"] if c["gold_with_side"] else 0.0
    return {"casualties_p": s["p"], "casualties_r": s["r"], "casualties_f": s["f"], "casualties_side_r": side}


def score_places(examples: Iterable) -> dict[str, float]:
    c = _total(examples, "places", place_counts, with_text=True)
    s = prf(c["tp"], c["pred"], c["gold"])
    ids = c["id_tp"] / c["gold_with_id"] if c["gold_with_id"] else 0.0
    return {"places_p": s["p"], "places_r": s["r"], "places_f": s["f"], "places_id_r": ids}


def score_actors(examples: Iterable) -> dict[str, float]:
    s = actor_scores(_total(examples, "actors", actor_counts, with_text=True))
    return {"actors_p": s["p"], "actors_r": s["r"], "actors_f": s["f"]}


@registry.scorers("marsad.casualty_scorer.v1")
def make_casualty_scorer() -> Callable:
    return score_casualties


@registry.scorers("marsad.place_scorer.v1")
def make_place_scorer() -> Callable:
    return score_places


@registry.scorers("marsad.actor_scorer.v1")
def make_actor_scorer() -> Callable:
    return score_actors
