"""Scoring casualties, places and actors the way the dev set's ANNOTATION.md says.

The pure functions compare lists of predicted and gold dicts (one document);
`score_*` aggregate over spaCy Examples whose reference docs carry the gold in
`doc._.casualties`, `doc._.places`, `doc._.actors`, so `spacy evaluate` and
`nlp.evaluate` report the components.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Callable, Iterable

from spacy.util import registry

from .text import name_key, normalize

PLACE_MATCH_KM = 161.0


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f}


def _overlap_key(text: str) -> set[str]:
    """Word keys of a mention, normalised, articles and clitics dropped."""
    words = set()
    for word in normalize(text).replace("#", " ").replace("_", " ").split():
        key = name_key(word)
        for clitic in ("و", "ب", "ل", "ف"):
            if key.startswith(clitic) and len(key) > 3 and name_key(key[1:]) != key[1:]:
                key = name_key(key[1:])
        if len(key) >= 2:
            words.add(key)
    return words


def texts_overlap(a: str, b: str) -> bool:
    return bool(_overlap_key(a) & _overlap_key(b))


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


# ------------------------------------------------------------------ places
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def place_matches(pred: dict, gold: dict) -> bool:
    if not texts_overlap(pred["text"], gold["text"]):
        return False
    if gold.get("lat") is None or pred.get("lat") is None:
        return gold.get("lat") is None and (gold.get("geonameid") is None or gold.get("geonameid") == pred.get("geonameid"))
    return km(pred["lat"], pred["lon"], gold["lat"], gold["lon"]) <= PLACE_MATCH_KM


def place_counts(pred: list[dict], gold: list[dict]) -> Counter:
    counts = Counter()
    counts["pred"] += len(pred)
    counts["gold"] += len(gold)
    free = list(pred)
    for g in gold:
        if any(texts_overlap(p["text"], g["text"]) for p in pred):
            counts["detected"] += 1
        match = next((p for p in free if place_matches(p, g)), None)
        if match is not None:
            counts["tp"] += 1
            free.remove(match)
    pred_ids = {p.get("geonameid") for p in pred}
    with_id = [g for g in gold if g.get("geonameid")]
    counts["gold_with_id"] += len(with_id)
    counts["id_tp"] += sum(1 for g in with_id if g["geonameid"] in pred_ids)
    return counts


# ------------------------------------------------------------------ actors
def actor_counts(pred: list[dict], gold: list[dict]) -> Counter:
    counts = Counter()
    pred_texts = list({p["text"] for p in pred})
    counts["pred"] += len(pred_texts)
    counts["gold"] += len(gold)
    counts["tp_gold"] += sum(1 for g in gold if any(texts_overlap(p, g["text"]) for p in pred_texts))
    counts["tp_pred"] += sum(1 for p in pred_texts if any(texts_overlap(p, g["text"]) for g in gold))
    return counts


def actor_scores(counts: Counter) -> dict[str, float]:
    p = counts["tp_pred"] / counts["pred"] if counts["pred"] else 0.0
    r = counts["tp_gold"] / counts["gold"] if counts["gold"] else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


# ------------------------------------------------------------------ spaCy scorers
def _total(examples: Iterable, attr: str, count: Callable) -> Counter:
    total = Counter()
    for eg in examples:
        total += count(getattr(eg.predicted._, attr) or [], getattr(eg.reference._, attr) or [])
    return total


def score_casualties(examples: Iterable) -> dict[str, float]:
    c = _total(examples, "casualties", casualty_counts)
    s = prf(c["tp"], c["pred"], c["gold"])
    side = c["side_tp"] / c["gold_with_side"] if c["gold_with_side"] else 0.0
    return {"casualties_p": s["p"], "casualties_r": s["r"], "casualties_f": s["f"], "casualties_side_r": side}


def score_places(examples: Iterable) -> dict[str, float]:
    c = _total(examples, "places", place_counts)
    s = prf(c["tp"], c["pred"], c["gold"])
    ids = c["id_tp"] / c["gold_with_id"] if c["gold_with_id"] else 0.0
    return {"places_p": s["p"], "places_r": s["r"], "places_f": s["f"], "places_id_r": ids}


def score_actors(examples: Iterable) -> dict[str, float]:
    s = actor_scores(_total(examples, "actors", actor_counts))
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
