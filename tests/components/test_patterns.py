"""Phrase patterns: the same tokens and norms as tokenising the phrase, from a disk cache on later loads."""
import weakref

import pytest
from spacy.matcher import PhraseMatcher

from marsad.components import patterns
from marsad.components.normalizer import normalize_doc
from marsad.components.patterns import pattern_doc, save_pattern_cache

PHRASES = ["قوات الدعم السريع", "لقوات النظام", "#النظام_السوري", "الجيش الإسرائيلي", "مقتل", "وبالقرب", "ـقتلـى"]


def tokens(doc):
    return [(t.text, t.norm_, t.whitespace_) for t in doc]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterns, "_CACHES", {})
    monkeypatch.setattr(patterns, "_BY_TOKENIZER", weakref.WeakKeyDictionary())
    return tmp_path


def test_cached_patterns_equal_tokenising_the_phrase(tokenizer_nlp, cache_dir):
    expected = [tokens(normalize_doc(tokenizer_nlp.make_doc(p))) for p in PHRASES]
    assert [tokens(pattern_doc(tokenizer_nlp, p)) for p in PHRASES] == expected
    save_pattern_cache()
    files = list(cache_dir.glob("patterns-*.msgpack"))
    assert len(files) == 1
    patterns._CACHES.clear(); patterns._BY_TOKENIZER.clear()  # a new process: read back from disk
    assert [tokens(pattern_doc(tokenizer_nlp, p)) for p in PHRASES] == expected
    assert not next(iter(patterns._CACHES.values())).dirty  # nothing had to be tokenised again
    files[0].write_bytes(b"\x00garbage")
    patterns._CACHES.clear(); patterns._BY_TOKENIZER.clear()
    assert [tokens(pattern_doc(tokenizer_nlp, p)) for p in PHRASES] == expected  # a damaged cache is rebuilt


def test_a_cached_pattern_matches_text_like_the_tokenised_phrase(tokenizer_nlp, cache_dir):
    pattern_doc(tokenizer_nlp, "قوات الدعم السريع")
    save_pattern_cache()
    patterns._CACHES.clear(); patterns._BY_TOKENIZER.clear()
    matcher = PhraseMatcher(tokenizer_nlp.vocab, attr="NORM")
    matcher.add("RSF", [pattern_doc(tokenizer_nlp, "قوات الدعم السريع")])
    doc = tokenizer_nlp("هاجمت لقوات الدعم السريع مواقع الجيش")
    assert [doc[s:e].text for _, s, e in matcher(doc)] == ["قوات الدعم السريع"]


def test_damaged_cache_entries_are_tokenised_again(tokenizer_nlp, cache_dir):
    phrase = "قوات الدعم السريع"
    expected = tokens(normalize_doc(tokenizer_nlp.make_doc(phrase)))
    pattern_doc(tokenizer_nlp, phrase)
    cache = next(iter(patterns._CACHES.values()))
    for damaged in (["not", "a", "string"], "one\x1etwo", "a\x1fb\x1ec\x1e1"):
        cache.entries[phrase] = damaged  # wrong type, wrong parts, unequal lengths
        assert tokens(pattern_doc(tokenizer_nlp, phrase)) == expected
