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
        # casualty words too rare in wordfreq for the frequency test are still split off
        ("وأسرت", ["و", "أسرت"]),
        ("وجريحان", ["و", "جريحان"]),
        ("واستشهدا", ["و", "استشهدا"]),
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


def test_spacy_abbreviation_norms_are_not_applied(tokenizer_nlp):
    # spaCy's Arabic exceptions read "أنا" as the hadith abbreviation of "أنبأنا"
    assert [t.norm_ for t in tokenizer_nlp("قال أنا هنا")] == ["قال", "انا", "هنا"]


# Scraped text glues a full stop or a Latin comma between two words; spaCy's URL pattern
# took "قصفها.وقال" for a domain name and kept it whole.
@pytest.mark.parametrize(
    "text,tokens",
    [
        ("قصف بلدة خزاعة.وقال الدفاع المدني", ["قصف", "بلدة", "خزاعة", ".", "و", "قال", "الدفاع", "المدني"]),
        ("جرح جنديين,إضافة إلى مدني", ["جرح", "جنديين", ",", "إضافة", "إلى", "مدني"]),
        ("خلية موالية لـ(داعش) في سرت", ["خلية", "موالية", "لـ", "(", "داعش", ")", "في", "سرت"]),
        ("من يقف وراء تفجير العريش؟كشف المحققون", ["من", "يقف", "وراء", "تفجير", "العريش", "؟", "كشف", "المحققون"]),
        # one letter before the stop is an abbreviation, digits are a decimal, Latin is a domain
        ("أفادت أ.ف.ب عن 3.5 مليون", ["أفادت", "أ", ".", "ف", ".", "ب", "عن", "3.5", "مليون"]),
        ("نشر موقع example.org الخبر", ["نشر", "موقع", "example.org", "الخبر"]),
    ],
)
def test_glued_full_stop_and_comma_are_split(tokenizer_nlp, text, tokens):
    doc = tokenizer_nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


def test_place_after_a_glued_full_stop_is_linked(nlp):
    doc = nlp("سقط 12 شهيدا في غارات على خان يونس ورفح.وقال الجيش إنه استهدف مقاتلين")
    assert "رفح" in [p["text"] for p in doc._.places]


@pytest.mark.parametrize("text,tokens", [
    ("وفي", ["و", "في"]),  # frequent as one word in wordfreq, still و + في
    ("ومن", ["و", "من"]),
    ("فمنذ", ["ف", "منذ"]),
    ("وفيق", ["وفيق"]),  # a name, not و + فيق
])
def test_conjunction_before_a_preposition_is_split(tokenizer_nlp, text, tokens):
    assert [t.text for t in tokenizer_nlp(text)] == tokens
