"""marsad.beam_search.v1: the second NER stage goes on with beam search, and keeps it when saved."""
import pytest
import spacy
from spacy.training import Example
from spacy.util import registry

from marsad.corpora import to_doc
from marsad.ner_beam import set_beam_search

SENTENCES = [
    [("قال", "O"), ("الرئيس", "O"), ("جورج", "B-PERS"), ("بوش", "I-PERS"), ("في", "O"), ("واشنطن", "B-LOC")],
    [("وصل", "O"), ("شيراك", "B-PERS"), ("إلى", "O"), ("بيروت", "B-LOC"), ("أمس", "O")],
    [("أعلنت", "O"), ("شركة", "O"), ("مايكروسوفت", "B-ORG"), ("أرباحها", "O")],
    [("التقى", "O"), ("ساركوزي", "B-PERS"), ("وفد", "O"), ("الأمم", "B-ORG"), ("المتحدة", "I-ORG"), ("في", "O"),
     ("باريس", "B-LOC")],
]


def small_ner(tokenizer_nlp, after_init):
    """tok2vec + NER on marsad's tokens, initialised on SENTENCES with `after_init`."""
    nlp = spacy.blank("ar", config={
        "nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}},
        "initialize": {"after_init": after_init},
    })
    nlp.add_pipe("marsad_normalizer")
    nlp.add_pipe("tok2vec")
    nlp.add_pipe("ner")
    examples = [Example(nlp.make_doc(d.text), d) for d in (to_doc(tokenizer_nlp, s) for s in SENTENCES)]
    optimizer = nlp.initialize(lambda: examples)
    return nlp, examples, optimizer


def test_training_and_decoding_go_through_the_beam_and_survive_saving(tokenizer_nlp, tmp_path):
    after_init = {"@callbacks": "marsad.beam_search.v1", "beam_width": 4, "beam_update_prob": 1.0}
    nlp, examples, optimizer = small_ner(tokenizer_nlp, after_init)
    ner = nlp.get_pipe("ner")
    assert (ner.cfg["beam_width"], ner.cfg["beam_update_prob"]) == (4, 1.0)
    for _ in range(40):
        nlp.update(examples, sgd=optimizer, annotates=["marsad_normalizer"])
    # every update was a beam update: the model learnt the training sentences through it
    doc = nlp("وصل شيراك إلى بيروت أمس")
    assert [(e.text, e.label_) for e in doc.ents] == [("شيراك", "PERS"), ("بيروت", "LOC")]
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.get_pipe("ner").cfg["beam_width"] == 4
    assert [(e.text, e.label_) for e in loaded("وصل شيراك إلى بيروت أمس").ents] == [(e.text, e.label_) for e in doc.ents]


def test_the_greedy_default_is_left_alone_without_the_callback(tokenizer_nlp):
    nlp, _, _ = small_ner(tokenizer_nlp, None)
    assert nlp.get_pipe("ner").cfg["beam_width"] == 1


def test_clear_errors(tokenizer_nlp):
    nlp, _, _ = small_ner(tokenizer_nlp, None)
    with pytest.raises(ValueError, match="no component 'parser'"):
        set_beam_search(nlp, "parser", 8, 0.01, 0.5)
    with pytest.raises(ValueError, match="not a transition-based"):
        set_beam_search(nlp, "marsad_normalizer", 8, 0.01, 0.5)
    with pytest.raises(ValueError, match="beam_width"):
        registry.callbacks.get("marsad.beam_search.v1")(beam_width=0)(nlp)
    with pytest.raises(ValueError, match="beam_update_prob"):
        set_beam_search(nlp, "ner", 8, 0.01, 1.5)
    assert nlp.get_pipe("ner").cfg["beam_width"] == 1


def test_a_component_disabled_while_spacy_train_initialises_is_switched_too(tokenizer_nlp):
    # `spacy train` disables sourced components (the second stage's NER) during initialize
    nlp, _, _ = small_ner(tokenizer_nlp, None)
    with nlp.select_pipes(disable=["ner"]):
        registry.callbacks.get("marsad.beam_search.v1")()(nlp)
    assert (nlp.get_pipe("ner").cfg["beam_width"], nlp.get_pipe("ner").cfg["beam_update_prob"]) == (8, 0.5)
