from gold_fixtures import TAIZ, YE_GOLD, YE_PRED
from marsad.evaluation.event_scorers import (
    event_counts,
    fact_placement_counts,
    gold_event_place,
    match_events,
    place_agreement,
)

ADEN = {"text": "عدن", "lat": 12.78, "lon": 45.04}
TAIZ_LOC = {"text": "تعز", "lat": 13.58, "lon": 44.02}
HOUTHIS = {"actor_id": "YE_HOUTHI", "name": "Houthis"}
MENTIONS = [{"text": "الحوثيين", "actor_id": "YE_HOUTHI"}]


def event(location=None, actor1=None, best=None, event_type="Battles"):
    return {"event_type": event_type, "location": location, "actor1": actor1, "actor2": None, "best": best}


def gold_event(place=None, actor1=None, actor2=None, fatalities=None, event_type="Battles"):
    return {"event_type": event_type, "place": place, "actor1": actor1, "actor2": actor2, "fatalities": fatalities}


def test_place_agreement_within_161_km_by_text_or_unknown():
    gold_taiz = gold_event_place(gold_event(place="تعز"), [TAIZ])
    assert gold_taiz == {"text": "تعز", "lat": 13.5795, "lon": 44.0209}
    assert place_agreement(TAIZ_LOC, gold_taiz) is True
    assert place_agreement(ADEN, gold_taiz) is True  # about 140 km apart
    assert place_agreement({"text": "صنعاء", "lat": 15.35, "lon": 44.21}, gold_taiz) is False
    no_coords = gold_event_place(gold_event(place="مديرية المخا"), [{"text": "مديرية المخا", "lat": None}])
    assert place_agreement({"text": "المخا", "lat": 13.3, "lon": 43.25}, no_coords) is True
    assert place_agreement(None, None) is True
    assert place_agreement(None, gold_taiz) is None
    assert place_agreement(TAIZ_LOC, None) is None


def test_unknown_place_matches_only_with_overlapping_actors():
    gold = [gold_event(place=None, actor2="الحوثيين")]
    assert match_events([event(TAIZ_LOC, actor1=HOUTHIS)], gold, MENTIONS, []) == [(0, 0)]
    assert match_events([event(TAIZ_LOC)], gold, MENTIONS, []) == []


def test_matching_is_one_to_one_and_prefers_actors_then_fatalities():
    gold = [gold_event("تعز", actor1="الحوثيين", fatalities=4), gold_event("تعز", fatalities=7)]
    pred = [event(TAIZ_LOC, best=7), event(TAIZ_LOC, best=3), event(TAIZ_LOC, actor1=HOUTHIS, best=1)]
    # gold 0 takes the event naming the Houthis; gold 1 the one with its 7 dead.
    assert match_events(pred, gold, MENTIONS, [TAIZ]) == [(2, 0), (0, 1)]


def test_event_counts_type_fatalities_and_actor_naming():
    gold = [gold_event("تعز", actor2="الحوثيين", fatalities=5, event_type="Explosions/Remote violence"),
            gold_event("عدن", actor1="قوات التحالف", fatalities=2)]
    pred = [event(TAIZ_LOC, actor1=HOUTHIS, best=5, event_type="Battles")]
    counts = event_counts(pred, gold, MENTIONS, [TAIZ, {**ADEN, "country": "YE"}])
    assert counts["pred"] == 1 and counts["gold"] == 2 and counts["tp"] == 1
    assert counts["type_right"] == 0
    assert counts["fatalities_compared"] == 1 and counts["fatalities_right"] == 1
    assert counts["gold_with_actor"] == 2
    assert counts["actor_named"] == 1 and counts["actor_in_paragraph"] == 1


def test_fact_placement_counts_facts_in_a_nearby_event():
    counts = fact_placement_counts(YE_PRED["events"], YE_PRED["casualties"], YE_GOLD)
    # killed 5 sits in the Taiz event; injured 3 is in no event.
    assert counts == {"gold": 2, "placed": 1}
