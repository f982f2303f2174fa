"""Frequency bands in SHAPE (marsad.word_features): the capital-letter cue Arabic lacks."""
import spacy

import marsad.tokenizer  # noqa: F401
from marsad.word_features import frequency_band, frequency_shape

CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"},
                  "after_creation": {"@callbacks": "marsad.frequency_shape.v1"}}}


def test_transliterated_names_are_rare_and_ordinary_words_frequent():
    assert frequency_band("وايزنغر") <= 1          # a German surname in Arabic letters
    assert frequency_band("الرئيس") >= 5           # "the president"
    assert frequency_band("في") == 7               # "in"
    assert frequency_band("الرئيس") == frequency_band("الرَّئِيس")  # diacritics do not matter


def test_shape_keeps_spacy_shape_and_adds_the_band():
    assert frequency_shape("وايزنغر").startswith("xxxx|")
    assert frequency_shape("CNN").startswith("XXX|")
    assert frequency_shape("2018") == "dddd" and frequency_shape("،") == "،"


def test_callback_sets_shapes_in_a_pipeline_and_after_loading_it(tmp_path):
    nlp = spacy.blank("ar", config=CONFIG)
    doc = nlp("قال الرئيس وايزنغر إن 12 شخصا قتلوا")
    shapes = {t.text: t.shape_ for t in doc}
    assert shapes["الرئيس"] == f"xxxx|{frequency_band('الرئيس')}"
    assert shapes["وايزنغر"] == f"xxxx|{frequency_band('وايزنغر')}" and shapes["12"] == "dd"
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert [t.shape_ for t in loaded("وايزنغر الرئيس")] == [shapes["وايزنغر"], shapes["الرئيس"]]


def test_pipelines_without_the_callback_keep_spacy_shapes():
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    assert nlp("الرئيس")[0].shape_ == "xxxx"
