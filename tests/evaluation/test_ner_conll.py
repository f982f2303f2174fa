"""NER scores on a CoNLL file's own tokens (marsad.evaluation.ner_conll), as published figures are computed."""
import json
import subprocess
import sys

import pytest
import spacy
from spacy.training import Example
from spacy.scorer import Scorer

import marsad.components.tokenizer  # noqa: F401
from marsad.training.corpora import bio_spans, to_doc
from marsad.evaluation.ner_conll import project_entities, score_conll


@pytest.fixture(scope="module")
def ruler_nlp():
    """marsad's tokenizer and normaliser plus an entity ruler on norms: a real
    pipeline whose predictions are known in advance."""
    import marsad.components.normalizer  # noqa: F401

    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    nlp.add_pipe("marsad_normalizer")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM"})
    ruler.add_patterns([{"label": "LOC", "pattern": "كابول"}, {"label": "PERS", "pattern": "حامد كرزاي"},
                        {"label": "ORG", "pattern": "طالبان"}])
    return nlp


def test_bio_spans_follow_conll_rules():
    assert bio_spans(["B-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-LOC"]) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 6, "LOC")]
    # an I- tag after O or after another label starts an entity
    assert bio_spans(["O", "I-ORG", "I-ORG", "I-LOC"]) == [(1, 3, "ORG"), (3, 4, "LOC")]
    assert bio_spans([]) == []


def test_entities_are_projected_onto_the_corpus_tokens(ruler_nlp):
    words = ["وصل", "حامد", "كرزاي", "بكابول؛", "أمس"]
    doc = ruler_nlp(" ".join(words))
    # marsad splits "بكابول؛" into ب + كابول + ؛ ...
    assert "كابول" in [t.text for t in doc]
    # ... and the entity covers the whole corpus token again
    assert project_entities(doc, words) == [(1, 3, "PERS"), (3, 4, "LOC")]


def test_an_entity_touching_a_word_already_taken_is_dropped(ruler_nlp):
    words = ["طالبان-كابول", "اليوم"]  # one corpus token, two entities inside it
    doc = ruler_nlp(" ".join(words))
    assert [(e.text, e.label_) for e in doc.ents] == [("طالبان", "ORG"), ("كابول", "LOC")]
    assert project_entities(doc, words) == [(0, 1, "ORG")]
    assert project_entities(ruler_nlp("قال مسؤول"), ["قال", "مسؤول"]) == []


def test_clitic_and_punctuation_no_longer_cost_a_correct_entity(ruler_nlp):
    sentence = [("وصل", "O"), ("حامد", "B-PERS"), ("كرزاي", "I-PERS"), ("بكابول؛", "B-LOC"), ("مع", "O"),
                ("مسؤولين", "O"), ("من", "O"), ("طالبان", "B-ORG")]
    scores = score_conll(ruler_nlp, [sentence])
    assert scores["ents_f"] == 1.0
    # on marsad's tokens the gold LOC keeps the "؛" the prediction leaves out
    gold = to_doc(ruler_nlp, sentence)
    assert "كابول؛" in [e.text for e in gold.ents]
    example = Example(ruler_nlp(gold.text), gold)
    assert Scorer.score_spans([example], "ents")["ents_per_type"]["LOC"]["f"] == 0.0


def test_misses_and_false_alarms_are_counted_per_label(ruler_nlp):
    sentences = [
        [("زار", "O"), ("كرزاي", "B-PERS"), ("كابول", "B-LOC")],   # PERS missed (no full name), LOC found
        [("طالبان", "O"), ("تنفي", "O")],                           # ORG predicted where gold has none
    ]
    scores = score_conll(ruler_nlp, sentences)
    assert scores["ents_per_type"]["LOC"] == {"p": 1.0, "r": 1.0, "f": 1.0}
    assert scores["ents_per_type"]["PERS"]["r"] == 0.0
    assert scores["ents_per_type"]["ORG"]["p"] == 0.0
    assert scores["ents_p"] == pytest.approx(0.5) and scores["ents_r"] == pytest.approx(0.5)
    # read as one document the figures are the same
    assert score_conll(ruler_nlp, sentences, sentences_per_doc=2)["ents_f"] == pytest.approx(scores["ents_f"])
    with pytest.raises(ValueError):
        score_conll(ruler_nlp, sentences, sentences_per_doc=0)


def test_command_line_scores_a_saved_pipeline(ruler_nlp, tmp_path):
    model = tmp_path / "model"
    ruler_nlp.to_disk(model)
    test_file = tmp_path / "test.txt"
    test_file.write_text("وصل O\nحامد B-PERS\nكرزاي I-PERS\nبكابول؛ B-LOC\n\nقال O\nمسؤول O\n", encoding="utf8")
    output = tmp_path / "scores.json"
    result = subprocess.run([sys.executable, "-m", "marsad.evaluation.ner_conll", str(model), str(test_file), "--output", str(output)],
                            capture_output=True, text=True, check=True)
    assert "2 sentences" in result.stdout and "all" in result.stdout
    assert json.loads(output.read_text())["ents_f"] == 1.0
    missing = subprocess.run([sys.executable, "-m", "marsad.evaluation.ner_conll", str(model), str(tmp_path / "nope.txt")],
                             capture_output=True, text=True)
    assert missing.returncode != 0 and "no test file" in missing.stderr
