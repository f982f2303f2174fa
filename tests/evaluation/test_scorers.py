from gold_fixtures import SY_GOLD, SY_PRED, SY_TEXT, YE_GOLD, YE_PRED, YE_TEXT, span
from marsad.evaluation.scorers import (
    actor_counts,
    casualty_counts,
    casualty_errors,
    match_casualties,
    place_counts,
    occurrences,
    texts_overlap,
)


def test_texts_overlap_ignores_clitics_articles_and_generic_words():
    assert texts_overlap("للحوثيين", "الحوثيين")
    assert texts_overlap("قوات النظام السوري", "النظام")
    assert not texts_overlap("قوات النظام", "قوات الدعم السريع")


def test_a_gold_text_with_its_article_is_found_where_the_paragraph_fuses_it():
    text = "قصف الحوثيون مواقع للمقاومة، ثم هاجمت المقاومة مواقع للحوثيين"
    assert [text[s:e] for s, e in occurrences(text, "المقاومة")] == ["لمقاومة", "المقاومة"]
    assert [text[s:e] for s, e in occurrences(text, "الحوثيين")] == ["لحوثيين"]
    assert [text[s:e] for s, e in occurrences(text, "الحوثيون")] == ["الحوثيون"]


def test_casualties_match_on_status_and_count_once_each():
    gold = [{"status": "killed", "count": 5}, {"status": "killed", "count": 5}, {"status": "injured", "count": None}]
    pred = [{"status": "killed", "count": 5}, {"status": "killed", "count": 5}, {"status": "killed", "count": 5},
            {"status": "injured", "count": 2, "negated": True}]
    assert len(match_casualties(pred, gold)) == 2
    counts = casualty_counts(pred, gold)
    assert (counts["tp"], counts["pred"], counts["gold"]) == (2, 3, 2)


def test_casualty_counts_and_errors_on_invented_paragraphs():
    ye = casualty_counts(YE_PRED["casualties"], YE_GOLD["casualties"])
    assert (ye["tp"], ye["pred"], ye["gold"], ye["gold_with_side"], ye["side_tp"]) == (2, 3, 2, 1, 1)
    assert casualty_errors(YE_PRED["casualties"], YE_GOLD["casualties"]) == {"spurious: extra fact": 1}
    assert casualty_errors(SY_PRED["casualties"], SY_GOLD["casualties"]) == {"side: wrong or missing": 1}
    wrong_count = [{**SY_PRED["casualties"][0], "count": 12}]
    assert casualty_errors(wrong_count, SY_GOLD["casualties"]) == {"missed: wrong count": 1, "spurious: extra fact": 1}


def test_place_counts_within_161_km_and_exact_ids():
    sy = place_counts(SY_PRED["places"], SY_GOLD["places"], SY_TEXT)
    assert (sy["tp"], sy["pred"], sy["gold"], sy["detected"], sy["id_tp"], sy["gold_with_id"]) == (1, 1, 2, 1, 1, 2)
    far = [{**SY_PRED["places"][0], "lat": 33.51, "lon": 36.29, "geonameid": 170654}]  # Damascus, ~300 km away
    assert place_counts(far, SY_GOLD["places"], SY_TEXT)["tp"] == 0


def test_actor_counts_group_predictions_by_text():
    pred = [{**span(YE_TEXT, "الحوثيين")}, {**span(YE_TEXT, "الحوثيين")}, {**span(YE_TEXT, "مدينة")}]
    counts = actor_counts(pred, YE_GOLD["actors"], YE_TEXT)
    assert (counts["pred"], counts["tp_pred"], counts["gold"], counts["tp_gold"]) == (2, 1, 1, 1)
    assert actor_counts([], SY_GOLD["actors"], SY_TEXT)["tp_gold"] == 0
