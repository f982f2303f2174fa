"""marsad_name_propagation: a name found once in a document is tagged where it recurs."""
import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example

from marsad.training.corpora import to_doc
from marsad.components.name_propagation import NamePropagation

# Invented training sentences: "المدرب" and "الفريق" are ordinary words, "العتيبي" a name.
TRAINING = [
    [("قال", "O"), ("المدرب", "O"), ("إن", "O"), ("الفريق", "O"), ("جاهز", "O")],
    [("وصل", "O"), ("المدرب", "O"), ("سالم", "B-PERS"), ("العتيبي", "I-PERS"), ("إلى", "O"), ("الرياض", "B-LOC")],
    [("فاز", "O"), ("الفريق", "O"), ("على", "O"), ("ضيفه", "O")],
]


@pytest.fixture()
def propagation(tokenizer_nlp):
    component = NamePropagation()
    examples = [Example(tokenizer_nlp.make_doc(d.text), d) for d in (to_doc(tokenizer_nlp, s) for s in TRAINING)]
    component.initialize(lambda: examples, nlp=tokenizer_nlp)
    return component


def doc_with_entities(nlp, text, entities):
    """A doc of `text` with (phrase, label) entities, as the NER would leave it."""
    doc = nlp(text)
    spans = []
    for phrase, label in entities:
        start = doc.text.index(phrase)
        spans.append(doc.char_span(start, start + len(phrase), label=label))
    doc.ents = spans
    return doc


def entities(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_initialize_learns_the_ordinary_words(propagation):
    assert {"المدرب", "الفريق", "قال"} <= propagation.common_words
    assert "العتيبي" not in propagation.common_words
    assert propagation.is_name_token("العتيبي") and not propagation.is_name_token("المدرب")


def test_a_bare_surname_later_in_the_document_becomes_a_name(tokenizer_nlp, propagation):
    text = "قال المدرب خالد الشمري إن الفريق جاهز للمباراة. وأضاف الشمري أن اللاعبين بحالة جيدة."
    doc = propagation(doc_with_entities(tokenizer_nlp, text, [("خالد الشمري", "PERS")]))
    assert entities(doc) == [("خالد الشمري", "PERS"), ("الشمري", "PERS")]


def test_a_name_cut_short_is_extended_to_the_full_name_given_elsewhere(tokenizer_nlp, propagation):
    text = "سجل باتريك دورتون الهدف الأول. ثم مرر باتريك دورتون الكرة إلى زميله."
    doc = doc_with_entities(tokenizer_nlp, text, [("باتريك دورتون", "PERS")])
    second = doc.text.index("باتريك", 10)
    doc.ents = [doc.ents[0], doc.char_span(second, second + len("باتريك"), label="PERS")]
    doc = propagation(doc)
    assert entities(doc) == [("باتريك دورتون", "PERS"), ("باتريك دورتون", "PERS")]


def test_ordinary_words_inside_a_name_do_not_spread(tokenizer_nlp, propagation):
    # the model took the title into the name; the title must not become a name everywhere
    text = "وصل المدرب خالد الشمري أمس. وقال المدرب إن الفريق جاهز."
    doc = propagation(doc_with_entities(tokenizer_nlp, text, [("المدرب خالد الشمري", "PERS")]))
    assert entities(doc) == [("المدرب خالد الشمري", "PERS")]


def test_other_labels_and_existing_entities_are_left_alone(tokenizer_nlp, propagation):
    text = "التقى حسن نصر الله وفد جامعة نصر الله. وقال نصر الله إن الزيارة ناجحة."
    doc = doc_with_entities(tokenizer_nlp, text, [("حسن نصر الله", "PERS"), ("جامعة نصر الله", "ORG")])
    doc = propagation(doc)
    assert entities(doc) == [("حسن نصر الله", "PERS"), ("جامعة نصر الله", "ORG"), ("نصر الله", "PERS")]


def test_a_location_name_does_not_spread_with_the_default_labels(tokenizer_nlp, propagation):
    text = "وصل الوفد إلى الدوحة أمس. وتستضيف الدوحة المؤتمر."
    doc = doc_with_entities(tokenizer_nlp, text, [("الدوحة", "LOC")])
    assert entities(propagation(doc)) == [("الدوحة", "LOC")]
    every_label = NamePropagation(labels=["PERS", "LOC"], common_words=propagation.common_words)
    doc = doc_with_entities(tokenizer_nlp, text, [("الدوحة", "LOC")])
    assert entities(every_label(doc)) == [("الدوحة", "LOC"), ("الدوحة", "LOC")]


def test_spelling_variants_match_on_norms(tokenizer_nlp, propagation):
    # alef with hamza and bare alef normalise to the same norm
    text = "قال أحمد الزهراني إن الاتفاق قريب. وأكد احمد أن المفاوضات مستمرة."
    doc = propagation(doc_with_entities(tokenizer_nlp, text, [("أحمد الزهراني", "PERS")]))
    assert ("احمد", "PERS") in entities(doc)


@pytest.mark.parametrize("text", ["", "   ", "Hello world, no Arabic here.", "قال المدرب إن الفريق جاهز."])
def test_docs_without_names_pass_unchanged(tokenizer_nlp, propagation, text):
    doc = propagation(tokenizer_nlp(text))
    assert list(doc.ents) == []


def test_saved_and_loaded_with_the_pipeline(tokenizer_nlp, propagation, tmp_path):
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
    nlp.add_pipe("marsad_normalizer")
    component = nlp.add_pipe("marsad_name_propagation")
    component.common_words = propagation.common_words
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline").get_pipe("marsad_name_propagation")
    assert loaded.common_words == propagation.common_words
    again = NamePropagation().from_bytes(component.to_bytes())
    assert again.common_words == propagation.common_words


def test_loading_without_the_word_list_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="common_words.json"):
        NamePropagation().from_disk(tmp_path)


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="max_outside_share"):
        NamePropagation(max_outside_share=0)

