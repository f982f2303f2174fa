"""Scoring predicted events against train.jsonl's gold `events` (pure functions on dicts).

Matching, one paragraph at a time:
- the PLACE AGREES when the predicted location and the gold place lie within 161 km (coordinates
  from the gold `places` entry the gold event's place names), or, where either lacks coordinates,
  when their texts overlap after normalisation; it DISAGREES when they are far apart or do not
  overlap; it is UNKNOWN when exactly one side has no place; two events without a place agree;
- the ACTORS OVERLAP when a predicted actor1/actor2 (any mention text of that actor in the
  paragraph, or its canonical name) overlaps the gold actor1 or actor2 text after normalisation;
- a pair can match when the place agrees, or when the place is unknown and the actors overlap;
- pairs are taken greedily, one-to-one: place agreeing first, then overlapping actors, then the
  same fatalities, then gold order and predicted order.
"""
from __future__ import annotations

from collections import Counter

from marsad.evaluation.scorers import PLACE_MATCH_KM, countable, km, match_casualties, texts_overlap


def gold_event_place(event: dict, gold_places: list[dict]) -> dict | None:
    """The gold event's place as {"text", "lat", "lon"}: the gold `places` entry with the
    same text (else an overlapping one) gives the coordinates; None when no place is given."""
    text = event.get("place")
    if not text:
        return None
    same = [p for p in gold_places if p.get("text") == text] or [
        p for p in gold_places if texts_overlap(p.get("text", ""), text)
    ]
    with_coords = [p for p in same if p.get("lat") is not None]
    chosen = with_coords[0] if with_coords else None
    return {"text": text, "lat": chosen["lat"] if chosen else None, "lon": chosen["lon"] if chosen else None}


def place_agreement(pred_location: dict | None, gold_place: dict | None) -> bool | None:
    """True, False, or None when exactly one side has no place."""
    pred_location = pred_location or None
    if pred_location is None and gold_place is None:
        return True
    if pred_location is None or gold_place is None:
        return None
    if pred_location.get("lat") is not None and gold_place.get("lat") is not None:
        return km(pred_location["lat"], pred_location["lon"], gold_place["lat"], gold_place["lon"]) <= PLACE_MATCH_KM
    pred_text = pred_location.get("text") or pred_location.get("name") or ""
    return texts_overlap(pred_text, gold_place["text"])


def event_actor_texts(event: dict, pred_actors: list[dict]) -> list[str]:
    """Every text that names the predicted event's actor1/actor2: their mention texts in the
    paragraph and their canonical names."""
    texts = []
    for actor in (event.get("actor1"), event.get("actor2")):
        if not actor:
            continue
        texts += [a["text"] for a in pred_actors if a.get("actor_id") == actor.get("actor_id")]
        texts += [actor["name"]] if actor.get("name") else []
    return texts


def gold_actor_texts(event: dict) -> list[str]:
    return [event[k] for k in ("actor1", "actor2") if event.get(k)]


def names_any(texts: list[str], gold_actors: list[str]) -> bool:
    return any(texts_overlap(t, g) for t in texts for g in gold_actors)


def match_events(pred: list[dict], gold: list[dict], pred_actors: list[dict], gold_places: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, chosen as the module docstring says."""
    candidates = []
    for gi, g in enumerate(gold):
        gold_place = gold_event_place(g, gold_places)
        gold_actors = gold_actor_texts(g)
        for pi, p in enumerate(pred):
            agrees = place_agreement(p.get("location"), gold_place)
            actors = names_any(event_actor_texts(p, pred_actors), gold_actors)
            if agrees is True or (agrees is None and actors):
                same_toll = g.get("fatalities") is not None and p.get("best") == g["fatalities"]
                candidates.append(((agrees is not True, not actors, not same_toll, gi, pi), pi, gi))
    pairs, used_pred, used_gold = [], set(), set()
    for _, pi, gi in sorted(candidates):
        if pi not in used_pred and gi not in used_gold:
            pairs.append((pi, gi))
            used_pred.add(pi)
            used_gold.add(gi)
    return sorted(pairs, key=lambda pair: pair[1])


def event_counts(pred: list[dict], gold: list[dict], pred_actors: list[dict], gold_places: list[dict]) -> Counter:
    """Counts for event P/R/F1, type and fatalities among matched events, and how often the
    gold events' actors are named (by the matched predicted event; anywhere in the paragraph)."""
    counts: Counter = Counter()
    pairs = match_events(pred, gold, pred_actors, gold_places)
    counts["pred"] += len(pred)
    counts["gold"] += len(gold)
    counts["tp"] += len(pairs)
    matched = {gi: pi for pi, gi in pairs}
    for pi, gi in pairs:
        counts["type_right"] += pred[pi].get("event_type") == gold[gi].get("event_type")
        if gold[gi].get("fatalities") is not None:
            counts["fatalities_compared"] += 1
            counts["fatalities_right"] += pred[pi].get("best") == gold[gi]["fatalities"]
    mention_texts = [a["text"] for a in pred_actors]
    for gi, g in enumerate(gold):
        gold_actors = gold_actor_texts(g)
        if not gold_actors:
            continue
        counts["gold_with_actor"] += 1
        counts["found_with_actor"] += gi in matched
        if gi in matched and names_any(event_actor_texts(pred[matched[gi]], pred_actors), gold_actors):
            counts["actor_named"] += 1
        counts["actor_in_paragraph"] += names_any(mention_texts, gold_actors)
    return counts


# ------------------------------------------------------------------ casualty facts placed in events
def gold_fact_place(fact: dict, record: dict) -> dict | None:
    """Coordinates of a gold fact's place: its own place, else the paragraph's
    most specific gold place with coordinates."""
    places = [p for p in record.get("places", []) if p.get("lat") is not None]
    if fact.get("place"):
        own = [p for p in places if texts_overlap(p["text"], fact["place"])]
        if own:
            return own[0]
    ranked = sorted(places, key=lambda p: p.get("kind") in ("country", "admin1", "region"))
    return ranked[0] if ranked else None


def fact_placement_counts(events: list[dict], pred: list[dict], record: dict) -> Counter:
    """Gold facts that end up in an event located within 161 km of their place
    (cumulative tolls are not events and are left out)."""
    counts: Counter = Counter()
    gold = [g for g in record.get("casualties", []) if countable(g) and not g.get("aggregate")]
    counts["gold"] += len(gold)
    for fact, g in match_casualties(pred, gold):
        place = gold_fact_place(g, record)
        for event in events:
            location = event.get("location") or {}
            in_event = any(c["text"] == fact["text"] and c["count"] == fact["count"] for c in event["casualties"])
            if in_event and place is not None and location.get("lat") is not None:
                if km(location["lat"], location["lon"], place["lat"], place["lon"]) <= PLACE_MATCH_KM:
                    counts["placed"] += 1
                break
    return counts
