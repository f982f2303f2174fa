import pytest
import srsly

from conftest import PARAGRAPHS, need
from marsad.text.orthography import normalize


@pytest.mark.parametrize(
    "text,tokens",
    [
        ("لداعش", ["ل", "داعش"]),
        ("والمسلحين", ["و", "المسلحين"]),
        ("بريف", ["ب", "ريف"]),
        ("للنظام", ["ل", "لنظام"]),
        ("و١٢", ["و", "١٢"]),
        ("وبالقرب", ["و", "ب", "القرب"]),
        ("وللنظام", ["و", "ل", "لنظام"]),
        ("وعدن", ["و", "عدن"]),
        ("وَالمُسلحين", ["وَ", "المُسلحين"]),
        ("#النظام_السوري", ["#", "النظام", "_", "السوري"]),
        ("#داعش", ["#", "داعش"]),
        ("كالعادة", ["ك", "العادة"]),
        ("وDell", ["و", "Dell"]),
    ],
)
def test_proclitics_are_split(tokenizer_nlp, text, tokens):
    doc = tokenizer_nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


@pytest.mark.parametrize(
    "word",
    ["وزير", "بيان", "لبنان", "كما", "فرنسا", "والدة", "لحج", "كرد", "بغداد", "وحدات", "فقط", "بين", "ليبيا", "كتائب"],
)
def test_words_starting_with_clitic_letters_stay_whole(tokenizer_nlp, word):
    assert [t.text for t in tokenizer_nlp(word)] == [word]


def test_split_pieces_get_norms(tokenizer_nlp):
    doc = tokenizer_nlp("هجوم للنظام و١٢ عنصراً")
    assert [t.norm_ for t in doc] == ["هجوم", "ل", "النظام", "و", "12", "عنصرا"]


def test_sentence_with_clitics_keeps_offsets(tokenizer_nlp):
    text = "قتل 25 عنصراً من قوات #النظام_السوري والمسلحين الموالين لها بريف دير الزور، وأصيب ١٢ آخرون."
    doc = tokenizer_nlp(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx:token.idx + len(token.text)] == token.text
    assert "والمسلحين" not in [t.text for t in doc]


def test_offsets_round_trip_on_real_news(tokenizer_nlp):
    records = list(srsly.read_jsonl(need(PARAGRAPHS)))[:300]
    split_tokens = 0
    for record in records:
        text = record["text"]
        doc = tokenizer_nlp(text)
        assert doc.text == text
        assert "".join(t.text_with_ws for t in doc) == text
        split_tokens += sum(1 for t in doc if t.text in ("و", "ب", "ل") and not t.whitespace_)
    # Real news is full of attached proclitics: many must have been split.
    assert split_tokens > len(records)


@pytest.mark.parametrize(
    "text,norm",
    [
        ("عنصراً", "عنصرا"),
        ("إصابة", "اصابه"),
        ("مستشفى", "مستشفي"),
        ("قتـــل", "قتل"),
        ("٢٥", "25"),
        ("۲۵", "25"),
        ("أطفال", "اطفال"),
        ("مُقاتِلين", "مقاتلين"),
        ("آلاف", "الاف"),
        ("الأسد", "الاسد"),
    ],
)
def test_normaliser(tokenizer_nlp, text, norm):
    assert normalize(text) == norm
    doc = tokenizer_nlp(text)
    assert [t.norm_ for t in doc] == [norm]
    assert doc[0].text == text


def _tokens(doc):
    return [(t.text, t.norm_, t.whitespace_) for t in doc]


def test_taught_words_give_the_same_tokens_as_the_first_reading():
    """Split words become special cases of a copy of spaCy's tokenizer; the tokens and norms must
    stay those of the splitter, whether a word is seen for the first time or taught already."""
    import spacy

    import marsad.components.tokenizer as tokenizer_module

    config = {"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}}
    learning = spacy.blank("ar", config=config).tokenizer
    texts = ["قصفت الطائرات مواقع للنظام وللمسلحين بريف حلب، «والمسلحين» فروا.",
             "وقال المصدر إن للنظام قوات في الريف.وكانت الاشتباكات قد بدأت."] * 3
    reference = [_tokens(learning(text)) for text in texts]  # first readings
    tokenizer_module_batch = tokenizer_module.LEARN_BATCH
    tokenizer_module.LEARN_BATCH = 1  # teach at the next split document
    try:
        learning(texts[0])
    finally:
        tokenizer_module.LEARN_BATCH = tokenizer_module_batch
    assert "للنظام" in learning._learned and "والمسلحين" in learning._learned
    assert [_tokens(learning(text)) for text in texts] == reference
    # the taught piece "لنظام" (norm "النظام") is never split again into ل + نظام
    assert ("لنظام", "النظام", " ") in reference[0]


def test_spacy_abbreviation_norms_are_not_applied(tokenizer_nlp):
    # spaCy's Arabic exceptions read "أنا" as the hadith abbreviation of "أنبأنا"
    assert [t.norm_ for t in tokenizer_nlp("قال أنا هنا")] == ["قال", "انا", "هنا"]
