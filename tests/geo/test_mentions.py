"""Candidate generation (marsad.geo.mentions) on a blank Arabic pipeline with
marsad's tokenizer and normaliser: heads, proclitics, unknown names, and the
words that are not places. Invented sentences, real gazetteer."""
from __future__ import annotations

import pytest

from marsad.geo.gazetteer import load_default
from marsad.geo.mentions import MentionFinder, make_place_candidates
from marsad.resources import data_path, read_jsonl

KAFRANBEL = 168661
QATABAH = 71904


@pytest.fixture(scope="module")
def finder(tokenizer_nlp):
    return MentionFinder(tokenizer_nlp, load_default(), read_jsonl(data_path("place_words.jsonl")))


def mentions(tokenizer_nlp, finder, text):
    doc = tokenizer_nlp(text)
    return doc, finder(doc)


def by_surface(doc, found, text):
    matches = [m for m in found if doc[m.start:m.end].text.endswith(text)]
    assert matches, f"{text!r} not among {[doc[m.start:m.end].text for m in found]}"
    return matches[0]


def test_registered_generator_builds_a_finder(tokenizer_nlp):
    assert make_place_candidates() is MentionFinder


def test_town_after_a_head_word(tokenizer_nlp, finder):
    doc, found = mentions(tokenizer_nlp, finder, "قصفت الطائرات بلدة كفرنبل صباح اليوم")
    mention = by_surface(doc, found, "كفرنبل")
    assert mention.head is not None and mention.head[2] == "town"
    assert KAFRANBEL in [p.geonameid for p in mention.candidates]


def test_unsplit_preposition_is_skipped(tokenizer_nlp, finder):
    doc, found = mentions(tokenizer_nlp, finder, "وصلت التعزيزات بقعطبة مساء أمس")
    mention = by_surface(doc, found, "بقعطبة")
    assert mention.skip_chars == 1 and mention.variant and mention.after_preposition
    assert QATABAH in [p.geonameid for p in mention.candidates]


def test_unknown_name_after_a_strong_head(tokenizer_nlp, finder):
    # "زمرينة" is an invented village name: no gazetteer entry, read because "قرية" introduces it
    doc, found = mentions(tokenizer_nlp, finder, "داهمت القوات قرية زمرينة شمال حلب")
    mention = by_surface(doc, found, "زمرينة")
    assert mention.unknown and mention.candidates == []
    assert mention.head[2] == "village"


def test_generic_word_after_a_head_is_not_a_name(tokenizer_nlp, finder):
    doc, found = mentions(tokenizer_nlp, finder, "سقطت القذيفة في حي سكني مكتظ")
    assert not any(doc[m.start].text == "سكني" for m in found)


@pytest.mark.parametrize("text,word", [
    ("نشرت صحيفة الرياض تقريرا مطولا", "الرياض"),  # a newspaper's title
    ("احترقت خمس سيارات في الشارع", "خمس"),  # a number word, not Al Khums
    ("التقى الوزير بالمحامي ذيبان أمس", "ذيبان"),  # part of a person's name
])
def test_words_that_are_not_places(tokenizer_nlp, finder, text, word):
    doc, found = mentions(tokenizer_nlp, finder, text)
    assert not any(word in doc[m.start:m.end].text for m in found)


def test_finder_keeps_no_per_document_state(tokenizer_nlp, finder):
    before = {k: id(v) for k, v in vars(finder).items()}
    first = [(m.start, m.end, m.key) for m in finder(tokenizer_nlp("قصفت الطائرات بلدة كفرنبل"))]
    finder(tokenizer_nlp("وصلت التعزيزات بقعطبة ثم قرية زمرينة"))
    again = [(m.start, m.end, m.key) for m in finder(tokenizer_nlp("قصفت الطائرات بلدة كفرنبل"))]
    assert first == again
    assert {k: id(v) for k, v in vars(finder).items()} == before
