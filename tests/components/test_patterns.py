"""Phrase patterns: the same norms as tokenising the phrase, from a disk cache on later loads."""
from spacy.matcher import PhraseMatcher

from marsad.components.normalizer import normalize_doc
from marsad.components.patterns import norm_doc, phrase_norms

PHRASES = ["قوات الدعم السريع", "لقوات النظام", "#النظام_السوري", "الجيش الإسرائيلي", "مقتل", "وبالقرب"]


def test_norms_equal_tokenising_the_phrase_and_come_back_from_the_cache(tokenizer_nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    first = phrase_norms(tokenizer_nlp, PHRASES)
    expected = [tuple(t.norm_ for t in normalize_doc(tokenizer_nlp.make_doc(p))) for p in PHRASES]
    assert [norms for norms, _ in first] == expected
    cached = list(tmp_path.glob("patterns-*.msgpack"))
    assert len(cached) == 1
    assert phrase_norms(tokenizer_nlp, PHRASES) == first  # read back
    cached[0].write_bytes(b"\x00garbage")
    assert phrase_norms(tokenizer_nlp, PHRASES) == first  # a damaged cache is rebuilt
    assert phrase_norms(tokenizer_nlp, PHRASES[:2]) == first[:2]  # another phrase list, another file


def test_a_norm_doc_matches_text_like_the_tokenised_phrase(tokenizer_nlp, tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    (norms, spaces), = phrase_norms(tokenizer_nlp, ["قوات الدعم السريع"])
    matcher = PhraseMatcher(tokenizer_nlp.vocab, attr="NORM")
    matcher.add("RSF", [norm_doc(tokenizer_nlp, norms, spaces)])
    doc = tokenizer_nlp("هاجمت لقوات الدعم السريع مواقع الجيش")
    assert [doc[s:e].text for _, s, e in matcher(doc)] == ["قوات الدعم السريع"]
