import hashlib

from marsad.evaluation.groups import HELDOUT, TUNE, infer_region, region_of, split_of, year_group


def test_split_follows_the_sha1_rule_and_makes_both_halves():
    assert split_of({"id": "ye-strike-1"}) == TUNE
    assert split_of({"id": "sy-shelling-1"}) == HELDOUT
    ids = [f"record-{i}" for i in range(300)]
    held = [i for i in ids if split_of({"id": i}) == HELDOUT]
    assert held == [i for i in ids if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 3 == 0]
    assert 70 < len(held) < 130


def test_year_group_reads_year_then_dates():
    assert year_group({"year": 2024}) == "2019-2026"
    assert year_group({"year": 2015, "date": "2024-01-01"}) == "2015"
    assert year_group({"date": "2021-05-03"}) == "2019-2026"
    assert year_group({"date_extracted": "2015-07-20 10:00:00"}) == "2015"
    assert year_group({"date": None}) == "2015"


def test_infer_region_takes_the_most_named_listed_region():
    places = [{"country": "SA"}, {"country": "YE"}, {"country": "SA"}, {"country": "YE"}, {"country": "SY"}]
    assert infer_region(places) == "YE"  # Saudi Arabia is in no listed region
    assert infer_region([{"country": "IL"}, {"country": "LB"}, {"country": "PS"}]) == "PS-IL"
    assert infer_region([{"country": "NE"}, {"country": "ML"}]) == "SAHEL"


def test_infer_region_breaks_ties_by_first_named_and_falls_back_to_other():
    assert infer_region([{"country": "IQ"}, {"country": "SY"}]) == "IQ"
    assert infer_region([{"country": "TR"}, {"country": None}]) == "OTHER"
    assert infer_region([]) == "OTHER"


def test_region_of_prefers_the_annotated_region():
    places = [{"country": "SY"}]
    assert region_of({"region": "LB", "places": places}) == "LB"
    assert region_of({"places": places}) == "SY"
    assert region_of({"region": "Mars", "places": places}) == "SY"
