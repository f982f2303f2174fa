"""Invented gold records and hand-written predictions shared by the evaluation tests.

Two paragraphs: a Yemeni one shaped like train.jsonl (region, year, events; TUNE by its id) and
a Syrian one shaped like dev.jsonl (date_extracted, no region, no events; HELDOUT by its id).
"""
from __future__ import annotations

YE_TEXT = "قتل خمسة مدنيين في غارة جوية على مدينة تعز، وأصيب ثلاثة من الحوثيين."
SY_TEXT = "قتل عشرة جنود من قوات النظام في قصف على مدينة حلب شمال سوريا."

TAIZ = {"text": "تعز", "kind": "city", "geonameid": 70225, "lat": 13.5795, "lon": 44.0209, "country": "YE"}
ALEPPO = {"text": "حلب", "kind": "city", "geonameid": 170063, "lat": 36.2012, "lon": 37.1612, "country": "SY"}
SYRIA = {"text": "سوريا", "kind": "country", "geonameid": 163843, "lat": 35.0, "lon": 38.0, "country": "SY"}


def fact(status, count, victim_side=None, place=None, victim_type="unknown"):
    return {"status": status, "count": count, "qualifier": "exact", "victim_side": victim_side, "place": place,
            "victim_type": victim_type, "negated": False, "aggregate": False}


YE_GOLD = {
    "id": "ye-strike-1", "region": "YE", "year": 2024, "date": "2024-03-02", "text": YE_TEXT,
    "casualties": [fact("killed", 5, place="تعز", victim_type="civilian"), fact("injured", 3, victim_side="الحوثيين")],
    "places": [TAIZ],
    "actors": [{"text": "الحوثيين", "canonical": "Houthis", "type": "rebel"}],
    "events": [{"event_type": "Explosions/Remote violence", "place": "تعز", "actor1": None, "actor2": "الحوثيين",
                "fatalities": 5, "date": None}],
}
SY_GOLD = {
    "id": "sy-shelling-1", "date_extracted": "2015-07-20 10:00:00", "text": SY_TEXT,
    "casualties": [fact("killed", 10, victim_side="قوات النظام")],
    "places": [ALEPPO, SYRIA],
    "actors": [{"text": "قوات النظام", "canonical": "Syrian government forces", "type": "state"}],
}


def span(text: str, needle: str) -> dict:
    start = text.index(needle)
    return {"text": needle, "start_char": start, "end_char": start + len(needle)}


def predicted_fact(text, status, count, mention, side=None):
    return {**span(text, mention), "status": status, "count": count, "negated": False, "aggregate": False,
            "victim_type": "unknown", "victim_side": {"text": side, "actor_id": "X"} if side else None}


# Hand-written outputs (as `marsad extract` writes them) with deliberate mistakes:
# YE: an extra "killed 2" fact, a second event far away in Baghdad, the event typed "Battles";
# SY: no actor, the victims' side missing, Syria not found.
YE_PRED = {
    "id": "ye-strike-1",
    "actors": [{**span(YE_TEXT, "الحوثيين"), "actor_id": "YE_HOUTHI", "name": "Houthis"}],
    "casualties": [
        predicted_fact(YE_TEXT, "killed", 5, "قتل خمسة مدنيين"),
        predicted_fact(YE_TEXT, "injured", 3, "أصيب ثلاثة", side="الحوثيين"),
        predicted_fact(YE_TEXT, "killed", 2, "جوية"),
    ],
    "places": [{**span(YE_TEXT, "تعز"), "geonameid": 70225, "lat": 13.58, "lon": 44.02}],
    "events": [
        {"event_type": "Battles", "best": 5, "actor1": {"actor_id": "YE_HOUTHI", "name": "Houthis"}, "actor2": None,
         "location": {"text": "تعز", "lat": 13.58, "lon": 44.02},
         "casualties": [{"text": "قتل خمسة مدنيين", "count": 5}]},
        {"event_type": "Battles", "best": 2, "actor1": None, "actor2": None,
         "location": {"text": "بغداد", "lat": 33.34, "lon": 44.4}, "casualties": [{"text": "جوية", "count": 2}]},
    ],
}
SY_PRED = {
    "id": "sy-shelling-1",
    "actors": [],
    "casualties": [predicted_fact(SY_TEXT, "killed", 10, "قتل عشرة جنود")],
    "places": [{**span(SY_TEXT, "حلب"), "geonameid": 170063, "lat": 36.2, "lon": 37.16}],
    "events": [],
}
