"""The ranker (marsad.geo.ranking) on mentions from the real generator:
weights change the ranking, context countries decide namesakes, no state
is kept between documents. Invented sentences, real gazetteer."""
from __future__ import annotations

import dataclasses

import pytest

from marsad.geo.gazetteer import load_default
from marsad.geo.mentions import MentionFinder
from marsad.geo.ranking import DEFAULT_WEIGHTS, PlaceRanker, RankingWeights, make_place_ranker
from marsad.resources import data_path, read_jsonl

ALEPPO_CITY = 170063


@pytest.fixture(scope="module")
def gazetteer():
    return load_default()


@pytest.fixture(scope="module")
def finder(tokenizer_nlp, gazetteer):
    return MentionFinder(tokenizer_nlp, gazetteer, read_jsonl(data_path("place_words.jsonl")))


def ranked(tokenizer_nlp, finder, ranker, text):
    doc = tokenizer_nlp(text)
    return doc, ranker(doc, finder(doc))


def test_registered_ranker_takes_its_weights_from_the_config(gazetteer):
    assert make_place_ranker()(gazetteer, ("SY",)).weights == DEFAULT_WEIGHTS
    tuned = make_place_ranker(nearby_place=0.9, nearby_max=2)(gazetteer, ("SY",))
    assert tuned.weights == dataclasses.replace(DEFAULT_WEIGHTS, nearby_place=0.9, nearby_max=2)
    assert tuned.context_countries == ("SY",)


def test_every_weight_is_a_config_argument():
    import inspect

    params = set(inspect.signature(make_place_ranker).parameters)
    assert params == {f.name for f in dataclasses.fields(RankingWeights)}


def test_admin_head_weight_decides_province_or_city(tokenizer_nlp, finder, gazetteer):
    text = "سيطرت الفصائل على قرى في محافظة حلب"
    default = PlaceRanker(gazetteer)
    _, out = ranked(tokenizer_nlp, finder, default, text)
    aleppo = [m for m in out if m.key == "حلب"][0]
    assert aleppo.best.feature_code == "ADM1"  # the head "محافظة" makes it the province
    against = PlaceRanker(gazetteer, weights=RankingWeights(admin_head_admin=-3.0, admin_head_other=0.0))
    _, out = ranked(tokenizer_nlp, finder, against, text)
    assert [m for m in out if m.key == "حلب"][0].best.geonameid == ALEPPO_CITY


def test_scores_are_sorted_and_confidence_set(tokenizer_nlp, finder, gazetteer):
    _, out = ranked(tokenizer_nlp, finder, PlaceRanker(gazetteer), "قتل مدنيان في قصف على حلب وإدلب")
    assert out
    for mention in out:
        assert mention.scores == sorted(mention.scores, reverse=True)
        assert 0.0 < mention.confidence <= 1.0


def test_unknown_name_is_placed_at_the_place_after_it(tokenizer_nlp, finder, gazetteer):
    _, out = ranked(tokenizer_nlp, finder, PlaceRanker(gazetteer), "داهمت القوات قرية زمرينة بريف حلب")
    unknown = [m for m in out if m.unknown]
    assert len(unknown) == 1 and unknown[0].anchor.key == "حلب"


def test_ranker_keeps_no_per_document_state(tokenizer_nlp, finder, gazetteer):
    ranker = PlaceRanker(gazetteer)
    before = dict(vars(ranker))
    first = [(m.key, m.best.geonameid if m.best else None)
             for m in ranked(tokenizer_nlp, finder, ranker, "اشتباكات في طرابلس ومصراتة")[1]]
    ranked(tokenizer_nlp, finder, ranker, "اشتباكات في طرابلس وبيروت")
    again = [(m.key, m.best.geonameid if m.best else None)
             for m in ranked(tokenizer_nlp, finder, ranker, "اشتباكات في طرابلس ومصراتة")[1]]
    assert first == again
    assert vars(ranker) == before
