"""Frequency bands in SHAPE (marsad.training.word_features): the capital-letter cue Arabic lacks."""
import pytest
import spacy

import marsad.components.tokenizer  # noqa: F401
from marsad.training.word_features import frequency_band, frequency_shape

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


NAME_CONFIG = {"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"},
                       "after_creation": {"@callbacks": "marsad.frequency_name_shape.v1"}}}


def test_person_name_words_mark_foreign_and_arab_names_not_ordinary_words():
    from marsad.training.word_features import frequency_name_shape, person_name_words

    names = person_name_words()
    assert len(names) > 10_000
    assert {"باتريك", "محمد", "التونين"} <= names        # Patrick, Muhammad, Aaltonen (normalised)
    assert not {"الرئيس", "قال", "الحكومة"} & names       # president, said, government
    assert frequency_name_shape("آلتونين") == frequency_shape("آلتونين") + "n"
    assert frequency_name_shape("الرئيس") == frequency_shape("الرئيس")
    assert frequency_name_shape("2018") == "dddd"


def test_name_shape_callback_survives_saving_and_loading(tmp_path):
    nlp = spacy.blank("ar", config=NAME_CONFIG)
    shapes = [t.shape_ for t in nlp("قال باتريك وايزنغر")]
    assert shapes[0] == frequency_shape("قال") and shapes[1].endswith("n")
    nlp.to_disk(tmp_path / "p")
    assert [t.shape_ for t in spacy.load(tmp_path / "p")("قال باتريك وايزنغر")] == shapes


def test_person_name_list_is_rebuilt_from_the_arabnamer_wheel_layout(tmp_path):
    import json
    import zipfile

    from marsad.training.word_features import ARABNAMER_MEMBER, main, person_name_list, read_name_pairs

    wheel = tmp_path / "arabnamer-0.1.3-py3-none-any.whl"
    pairs = {"aaltonen": "آلتونين", "abdel aziz": "عبد العزيز", "x": "ب", "john": "جون 2"}
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(ARABNAMER_MEMBER, json.dumps(pairs, ensure_ascii=False))
    assert read_name_pairs(wheel) == pairs
    assert person_name_list(pairs.values()) == ["التونين", "العزيز", "جون", "عبد"]
    out = tmp_path / "names.txt"
    main([str(wheel), str(out)])
    lines = out.read_text(encoding="utf8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == ["التونين", "العزيز", "جون", "عبد"]
    assert any("CC BY 4.0" in line for line in lines)
    other = tmp_path / "other.whl"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("other/data.json", "{}")
    with pytest.raises(ValueError, match="not an arabnamer wheel"):
        read_name_pairs(other)


def test_wikidata_names_get_their_own_mark_after_the_arabnamer_ones(tmp_path):
    from marsad.training.word_features import (frequency_name_sources_shape, person_name_words,
                                      wikidata_name_words)

    wikidata = wikidata_name_words()
    assert len(wikidata) > 25_000
    assert {"الهاشمي", "الدليمي"} <= wikidata                     # Arab family names
    assert "التكريتي" in wikidata - person_name_words()
    assert not {"الرئيس", "قال", "الحكومة"} & wikidata
    assert frequency_name_sources_shape("التكريتي") == frequency_shape("التكريتي") + "w"
    assert frequency_name_sources_shape("باتريك") == frequency_shape("باتريك") + "n"
    assert frequency_name_sources_shape("الحكومة") == frequency_shape("الحكومة")
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"},
                                            "after_creation": {"@callbacks": "marsad.frequency_name_shape.v2"}}})
    shapes = [t.shape_ for t in nlp("قال باتريك التكريتي")]
    assert [s[-1] for s in shapes[1:]] == ["n", "w"] and not shapes[0].endswith(("n", "w"))
    nlp.to_disk(tmp_path / "p")
    assert [t.shape_ for t in spacy.load(tmp_path / "p")("قال باتريك التكريتي")] == shapes


def test_wikidata_name_list_is_rebuilt_from_the_romanizer_index(tmp_path):
    import sqlite3
    import zipfile

    from marsad.training.word_features import ROMANIZER_MEMBER, main, read_romanizer_names

    index = tmp_path / "names.sqlite3"
    with sqlite3.connect(index) as connection:
        connection.execute("CREATE TABLE units (arabic_key TEXT NOT NULL, latin TEXT NOT NULL)")
        connection.executemany("INSERT INTO units VALUES (?, ?)",
                               [("الهاشمي", "al-Hashimi"), ("عبد الله", "Abdullah"), ("x", "x")])
    connection.close()
    wheel = tmp_path / "arabic_name_romanizer-0.2.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(index, ROMANIZER_MEMBER)
    assert sorted(read_romanizer_names(wheel)) == sorted(read_romanizer_names(index)) == ["x", "الهاشمي", "عبد الله"]
    out = tmp_path / "wikidata.txt"
    main([str(wheel), str(out)])
    lines = out.read_text(encoding="utf8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == ["الله", "الهاشمي", "عبد"]
    assert any("CC0" in line for line in lines) and any("MIT License" in line for line in lines)
    not_an_index = tmp_path / "empty.sqlite3"
    sqlite3.connect(not_an_index).close()
    with pytest.raises(ValueError, match="not arabic-name-romanizer's name index"):
        read_romanizer_names(not_an_index)
