"""NER corpora -> spaCy docs on marsad's tokens (issue 8's preprocess step)."""
import itertools

import pytest
import spacy

import marsad.components.tokenizer  # noqa: F401
from conftest import DATA_DIR, need
from marsad.training.corpora import (WIKIFANE_LABELS, _map_tag, convention_words, mark_convention_gaps, raw_text_lines,
                            read_anercorp_train, read_conll, read_paragraphs, to_doc, write_docbin)

NER_DIR = DATA_DIR / "ner"


@pytest.fixture(scope="module")
def tok_nlp():
    return spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})


def test_entities_lose_attached_proclitics(tok_nlp):
    doc = to_doc(tok_nlp, [("ولبنان", "B-LOC"), ("يرحب", "O"), ("بالرئيس", "O"), ("لداعش", "B-ORG"), ("الأمريكي", "O")])
    assert [(e.text, e.label_) for e in doc.ents] == [("لبنان", "LOC"), ("داعش", "ORG")]


def test_multiword_entity(tok_nlp):
    doc = to_doc(tok_nlp, [("قال", "O"), ("رامي", "B-PERS"), ("عبد", "I-PERS"), ("الرحمن", "I-PERS")])
    assert [(e.text, e.label_) for e in doc.ents] == [("رامي عبد الرحمن", "PERS")]


def test_anercorp_train_is_split_into_sentences(tok_nlp):
    sentences = list(itertools.islice(read_anercorp_train(need(NER_DIR / "anercorp" / "train.tsv")), 200))
    assert len(sentences) == 200
    assert all(s[-1][0] in {".", "!", "?", "؟"} for s in sentences[:-1])
    tags = {t for s in sentences for _, t in s}
    assert tags <= {"O"} | {f"{p}-{l}" for p in "BI" for l in ("PERS", "LOC", "ORG", "MISC")}
    docs = [to_doc(tok_nlp, s) for s in sentences]
    assert sum(len(d.ents) for d in docs) > 100


def test_wikifane_fine_classes_are_mapped(tok_nlp):
    path = need(NER_DIR / "wikifane" / "WikiFANE_Gold_2014_500K.txt")
    sentences = list(itertools.islice(read_conll(path, WIKIFANE_LABELS, "\t"), 100))
    first = sentences[0]
    assert not first[0][0].startswith("\u200e")  # the per-token U+200E is removed
    labels = {t[2:] for s in sentences for _, t in s if t != "O"}
    assert labels and labels <= {"PERS", "LOC", "ORG", "MISC", "MISSING"}


def test_classes_annotated_by_other_rules_are_missing_not_outside(tok_nlp):
    # WikiFANE tags peoples ("Group"), which ANERcorp leaves untagged: no loss either way.
    sentence = [("وصل", "O"), ("العرب", "B-Group"), ("إلى", "O"), ("الأندلس", "B-Land-Region-Natural")]
    doc = to_doc(tok_nlp, [(w, _map_tag(t, WIKIFANE_LABELS)) for w, t in sentence])
    assert [(e.text, e.label_) for e in doc.ents] == [("الأندلس", "LOC")]
    assert [t.ent_iob_ for t in doc] == ["O", "", "O", "B"]


def test_raw_text_is_normalised_and_skips_bad_lines(tmp_path, tok_nlp):
    news = tmp_path / "news.jsonl"
    news.write_text('{"text": "قُتل 3 أشخاص في إدلب"}\nnot json\n{"title": "no text"}\n', encoding="utf8")
    sentences = [[("ولبنان", "B-LOC"), ("يرحب", "O")]]
    lines = list(raw_text_lines(tok_nlp, sentences, read_paragraphs(news)))
    assert lines == ["و لبنان يرحب", "قتل 3 اشخاص في ادلب"]


def test_test_split_keeps_its_sentences(tok_nlp):
    sentences = list(read_conll(need(NER_DIR / "anercorp" / "test.txt"), None))
    assert len(sentences) == 925
    assert sum(len(s) for s in sentences) == pytest.approx(25008, rel=0.01)
    doc = to_doc(tok_nlp, sentences[0])
    assert doc.text.replace(" ", "") != ""


def test_words_anercorp_tags_are_missing_where_other_corpora_leave_them_untagged():
    anercorp = [[("بلغ", "O"), ("السعر", "O"), ("مئة", "O"), ("دولار", "B-MISC")],
                [("خسر", "O"), ("الدولار", "B-MISC"), ("امس", "O")],
                [("ارتفع", "O"), ("دولار", "B-MISC"), ("امس", "O")]]
    words = convention_words(anercorp)
    assert words == {"دولار"}  # "الدولار" is tagged once only; "امس" never
    wikifane = [("كلف", "O"), ("المشروع", "O"), ("مليون", "O"), ("دولار", "O"), ("في", "O"), ("مصر", "B-LOC")]
    assert mark_convention_gaps(wikifane, words)[3] == ("دولار", "B-MISSING")
    assert mark_convention_gaps(wikifane, words)[5] == ("مصر", "B-LOC")


def test_test_sentences_are_also_written_as_documents_with_the_same_entities(tmp_path, tok_nlp):
    from spacy.tokens import DocBin

    sentences = list(read_conll(need(NER_DIR / "anercorp" / "test.txt"), None))[:95]
    sentence_docs = [to_doc(tok_nlp, s) for s in sentences]
    assert write_docbin(sentence_docs, tmp_path / "one.spacy") == 95
    assert write_docbin(sentence_docs, tmp_path / "docs.spacy", sentences_per_doc=40) == 95
    one = list(DocBin().from_disk(tmp_path / "one.spacy").get_docs(tok_nlp.vocab))
    docs = list(DocBin().from_disk(tmp_path / "docs.spacy").get_docs(tok_nlp.vocab))
    assert len(one) == 95 and len(docs) == 3  # 40 + 40 + 15 consecutive sentences
    assert [(e.text, e.label_) for d in one for e in d.ents] == [(e.text, e.label_) for d in docs for e in d.ents]
    assert docs[0].text.startswith(one[0].text + " " + one[1].text)
    # reading a document's text again gives the same tokens, so its gold entities stay aligned
    assert [t.text for t in tok_nlp(docs[0].text)] == [t.text for t in docs[0]]
