"""PhraseTable: the matches of spaCy's PhraseMatcher(attr="NORM"), built from norm tuples."""
import pytest
from spacy.matcher import PhraseMatcher

from marsad.components.normalizer import normalize_doc
from marsad.components.patterns import pattern_doc, pattern_norms
from marsad.components.phrase_table import PhraseTable

PHRASES = {
    "RSF": ["قوات الدعم السريع", "الدعم السريع", "#الدعم_السريع"],
    "SAF": ["الجيش السوداني", "القوات المسلحة السودانية"],
    "ARMY": ["الجيش"],
    "KILLED": ["مقتل", "لقي حتفه"],
}
TEXTS = [
    "اشتبكت قوات الدعم السريع مع الجيش السوداني في الفاشر، ما أدى إلى مقتل 12 مدنياً.",
    "وقال الجيش إن للدعم السريع مواقع قرب المدينة، ولقي حتفه جندي واحد.",
    "هاجم مسلحون من #الدعم_السريع القوات المسلحة السودانية والجيش",
    "",
    "no Arabic here at all",
]


@pytest.fixture(scope="module")
def tables(tokenizer_nlp):
    matcher = PhraseMatcher(tokenizer_nlp.vocab, attr="NORM")
    table = PhraseTable()
    for key, phrases in PHRASES.items():
        matcher.add(key, [pattern_doc(tokenizer_nlp, p) for p in phrases])
        table.add(key, [pattern_norms(tokenizer_nlp, p) for p in phrases])
    return matcher, table


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_spacys_phrase_matcher(tokenizer_nlp, tables, text):
    matcher, table = tables
    doc = normalize_doc(tokenizer_nlp.make_doc(text))
    strings = doc.vocab.strings
    expected = sorted((strings[m], s, e) for m, s, e in matcher(doc))
    assert sorted(table([t.norm_ for t in doc])) == expected


def test_overlapping_phrases_and_clitics_are_all_found(tokenizer_nlp, tables):
    _, table = tables
    doc = normalize_doc(tokenizer_nlp.make_doc("هاجمت قوات الدعم السريع والجيش"))
    found = {(key, doc[s:e].text) for key, s, e in table([t.norm_ for t in doc])}
    assert ("RSF", "قوات الدعم السريع") in found
    assert ("RSF", "الدعم السريع") in found  # inside the longer one: filter_spans decides later
    assert ("ARMY", "الجيش") in found  # after the split conjunction و


def test_one_phrase_under_two_keys_and_empty_phrases(tokenizer_nlp):
    table = PhraseTable()
    table.add("A", [("الجيش",), ()])
    table.add("B", [("الجيش",)])
    table.add("A", [("الجيش",)])  # the same key twice is one match
    assert table(["قال", "الجيش"]) == [("A", 1, 2), ("B", 1, 2)]
    assert len(table) == 1 and "B" in table and "C" not in table
    assert table([]) == []
