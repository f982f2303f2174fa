"""Do two reports describe the same incident? Blocking keys and a pair score.

Candidate pairs come only from one block (same country, dates within the
window): the merge never compares all pairs. The score weighs place, date,
type, actors and tolls; places or actors that exclude each other veto a merge.
"""
from __future__ import annotations

import datetime as dt

from marsad.geo.gazetteer import distance_km
from marsad.text.fingerprint import containment

DATE_WINDOW_DAYS = 2
SAME_PLACE_KM = 5.0
NEAR_PLACE_KM = 30.0
# A city this populous is named for many separate incidents of one day.
BIG_CITY = 300_000
# Two towns this close may be one scene named two ways, when the tolls agree.
SAME_TOLL_KM = 100.0
WEIGHTS = {"place": 0.35, "date": 0.2, "type": 0.15, "actors": 0.15, "deaths": 0.15}
THRESHOLD = 0.68
# Below this place score, only the same toll makes two reports one incident.
MIN_PLACE = 0.6
# Sentences this alike (the share of the shorter one's word triples found in the other) are one
# agency text republished: one incident, whatever the extractor read differently in each copy.
COPY_SIMILARITY = 0.75
COPY_SCORE = 0.9


def day(report: dict) -> int | None:
    try:
        return dt.date.fromisoformat(str(report.get("event_date"))[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def block_key(report: dict) -> str:
    """Reports of different blocks never merge: the country of the place."""
    return ((report.get("location") or {}).get("country_code") or "??").upper()


def window(report: dict) -> int:
    """Days either side to look: wider when the text dates it only to a week or a month.
    An event dated by its article's publication stays narrow: news reports what
    happened a day or two before."""
    precision = report.get("date_precision") or 1
    if precision <= 1 or report.get("date_source") == "publication":
        return DATE_WINDOW_DAYS
    return DATE_WINDOW_DAYS + (3 if precision == 2 else 15)


def place_score(a: dict | None, b: dict | None, same_toll: bool = True) -> float | None:
    """1 same place ... 0 unrelated; None when they exclude each other (two towns apart)."""
    if not a or not b:
        return 0.3
    pa, pb = a.get("precision") or 2, b.get("precision") or 2
    same = (a.get("geonameid") and a.get("geonameid") == b.get("geonameid")) or (a.get("text") and a.get("text") == b.get("text"))
    if same:
        # the same country says little, the same province some, the same town much
        if max(pa, pb) <= 2 and max(a.get("population") or 0, b.get("population") or 0) >= BIG_CITY:
            return 0.7  # a big city holds many incidents a day
        return {4: 0.35, 3: 0.65}.get(max(pa, pb), 1.0)
    if None not in (a.get("lat"), b.get("lat")):
        km = distance_km(a["lat"], a["lon"], b["lat"], b["lon"])
        if km <= SAME_PLACE_KM and max(pa, pb) <= 2:
            # two names this close: one scene named two ways, or two quarters of one city
            # (each with its own small bombing); only a shared toll tells them apart
            return 0.9 if same_toll else 0.5
        if max(pa, pb) <= 2 and km > NEAR_PLACE_KM:
            return None
    if max(pa, pb) >= 3:
        coarse, fine = (a, b) if pa >= pb else (b, a)
        if (coarse.get("precision") or 2) >= 4:
            return 0.35
        if coarse.get("admin1") and coarse.get("admin1") == fine.get("admin1"):
            return 0.65
        return 0.1
    return 0.2


def date_score(a: dict, b: dict) -> float:
    da, db = day(a), day(b)
    if da is None or db is None:
        return 0.3
    gap = abs(da - db)
    return {0: 1.0, 1: 0.75, 2: 0.45}.get(gap, 0.2 if gap <= max(window(a), window(b)) else 0.0)


def type_score(a: dict, b: dict) -> float:
    if a.get("sub_event_type") and a.get("sub_event_type") == b.get("sub_event_type"):
        return 1.0
    if a.get("event_type") == b.get("event_type"):
        return 0.7
    return 0.2


def actor_score(a: dict, b: dict) -> float | None:
    sa = {x for x in (a.get("actor1"), a.get("actor2")) if x}
    sb = {x for x in (b.get("actor1"), b.get("actor2")) if x}
    if not sa or not sb:
        return 0.5
    if sa & sb:
        return 1.0 if a.get("actor1") == b.get("actor1") or not (a.get("actor1") and b.get("actor1")) else 0.7
    return 0.1


def death_score(a: dict, b: dict) -> float:
    """1 the same toll ... 0 tolls that cannot be one incident's."""
    x, y = a.get("best") or 0, b.get("best") or 0
    if x == y:
        return 1.0 if x >= 3 else (0.7 if x else 0.4)
    if not x or not y:
        return 0.4
    ratio = min(x, y) / max(x, y)
    return 0.8 if ratio >= 0.6 else (0.5 if ratio >= 0.3 or max(x, y) - min(x, y) <= 3 else 0.0)


def pair_score(a: dict, b: dict) -> float:
    """0..1: how likely two reports of different articles tell one incident."""
    if a.get("id") == b.get("id") or a.get("is_background") or b.get("is_background"):
        return 0.0  # one article's separate events stay separate; background never merges
    if is_copy(a, b):
        return COPY_SCORE
    deaths = death_score(a, b)
    if deaths == 0.0:
        return 0.0
    place = place_score(a.get("location"), b.get("location"), (a.get("best") or 0) >= 3 and deaths >= 0.8)
    if place is None:
        la, lb = a.get("location") or {}, b.get("location") or {}
        same_toll = (a.get("best") or 0) >= 3 and a.get("best") == b.get("best")
        if not (same_toll and distance_km(la["lat"], la["lon"], lb["lat"], lb["lon"]) <= SAME_TOLL_KM):
            return 0.0
        place = 0.6
    if place < MIN_PLACE and not ((a.get("best") or 0) > 0 and deaths >= 0.8):
        return 0.0  # a vague place alone is no evidence; a vague place with the same toll is
    actors = actor_score(a, b)
    if actors <= 0.1:
        return 0.0
    if not (a.get("best") and b.get("best")) and not _same_untolled(a, b, place, actors):
        return 0.0  # without two tolls to compare, only the same kind of incident at the same place
    parts = {
        "place": place,
        "date": date_score(a, b),
        "type": type_score(a, b),
        "actors": actors,
        "deaths": deaths,
    }
    return sum(WEIGHTS[k] * v for k, v in parts.items())


def is_copy(a: dict, b: dict) -> bool:
    """One agency text in two papers: near-identical sentences, dates within the window and an
    event type that does not contradict it."""
    if containment(a.get("fingerprint"), b.get("fingerprint")) < COPY_SIMILARITY:
        return False
    return date_score(a, b) >= 0.45 and type_score(a, b) >= 0.7


def _same_untolled(a: dict, b: dict, place: float, actors: float) -> bool:
    """Reports with at most one toll: the same kind of incident at the same town (with a
    shared actor or one toll), or in the same province on the same or the next day.
    (One big city, one day and the same two sides is not enough: a city at war fills
    many untolled paragraphs a day with the same sides - advances, statements, aid.)"""
    if type_score(a, b) < 1.0:
        return False
    if place >= 0.9 and (actors >= 1.0 or a.get("best") or b.get("best")):
        return True
    # a province named as the place by both: the coarse reports of one strike or battle
    # (a big city, named for many incidents a day, is not enough)
    la, lb = a.get("location") or {}, b.get("location") or {}
    provinces = (la.get("precision") or 2) == 3 and (lb.get("precision") or 2) == 3
    da, db = day(a), day(b)
    return provinces and place >= 0.65 and da is not None and db is not None and abs(da - db) <= 1 and actors >= 0.5
