"""Hardening: property-based tests of the tokenizer, the normaliser, clitic
splitting and the full pipeline on hostile text, and bad input through
`read_records` + `extract` (what `marsad extract` runs).

Lone surrogates (U+D800-U+DFFF, e.g. from a JSON "\\ud800" escape) are valid in
a Python str but cannot be encoded as UTF-8, which spaCy's string store needs.
Decision: the records layer rejects them. `read_records` and `extract` turn such
a record into an E011 error record and go on; the pure-text functions
(`normalize`, `CliticSplitter`) accept them; calling `nlp()` directly on one is
the caller's responsibility (it raises UnicodeEncodeError).
"""
import json
import os
import random

import pytest
import spacy
import srsly
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import marsad.components.tokenizer  # noqa: F401  (registers marsad.ArabicTokenizer.v1)
from conftest import PARAGRAPHS, need
from marsad.text.clitics import CliticSplitter
from marsad.io.extract import extract
from marsad.errors import InputError
from marsad.io.records import InputRecord, read_records, record_from_dict, split_long_text
from marsad.resources import read_lines
from marsad.text.orthography import normalize

# MARSAD_HYPOTHESIS_EXAMPLES=2000 for a longer hunt; the default keeps the suite fast.
EXAMPLES = int(os.environ.get("MARSAD_HYPOTHESIS_EXAMPLES", "100"))
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(FAST, max_examples=max(10, EXAMPLES // 3))

DOC_KEYS = ("casualties", "places", "actors", "sources")

# ------------------------------------------------------------------ alphabets
ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
EXTENDED_LETTERS = list("پچژگکیۀەڤڭۇۆۈ")
DIACRITICS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"] + [chr(c) for c in range(0x0610, 0x061B)]
TATWEEL = "\u0640"
BIDI = ["\u200e", "\u200f", "\u061c"] + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
SPACES = [" ", "\n", "\t", "\r\n", "\u00a0", "\u2009", "\u3000", "\u2028", "\u2029", "\x0b", "\x0c"]
PUNCT = list(".,،؛:؟?!\"'«»()[]-_#@/%٪…")
# Decimal digits of many scripts; every one of them is a "Nd" character that int() reads.
DIGIT_ZEROS = [0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xE50, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10, 0x1D7CE, 0x1D7D8, 0x104A0]
DIGIT_SCRIPTS = [[chr(z + i) for i in range(10)] for z in DIGIT_ZEROS]

WORDS = [
    "قتل", "قتلى", "أصيب", "جرحى", "اعتقل", "فقد", "جنود", "عنصرا", "مدنيين", "أطفال", "على الأقل", "نحو", "خمسة",
    "عشرات", "داعش", "لداعش", "قوات النظام", "النظام السوري", "للنظام", "الجيش العراقي", "الحوثيين", "المرصد السوري",
    "حلب", "الميادين", "دير الزور", "بريف", "إدلب", "الموصل", "عدن", "في", "من", "قرب", "مدينة", "ريف", "و", "ب", "ل",
    "#داعش", "#النظام_السوري", "نيسان", "أبريل", "أمس", "2016", "١٢", "۱۵", "12",
]
SENTENCES = [
    "قتل 12 عنصرا على الأقل من قوات النظام السوري في هجوم لداعش قرب مدينة الميادين",
    "أصيب ٧ مدنيين بينهم طفلان في قصف على حلب أمس",
    "قال المرصد السوري لحقوق الإنسان إن 25 مقاتلا قتلوا في اشتباكات بريف دير الزور",
    "اعتقلت القوات العراقية 40 مسلحا من تنظيم #داعش في الموصل في 12 نيسان 2016",
    "لم يسفر الانفجار عن سقوط قتلى في عدن",
    "وقتل ١٢ جنديا بينهم ضابطان في هجوم على حاجز للنظام في درعا.",
]
OTHER_SCRIPT_WORDS = ["ISIS", "Aleppo", "al-Mayādīn", "Алеппо", "Дамаск", "阿勒颇", "ダマスカス", "חלב", "दमिश्क", "Ἀθῆναι",
                      "😀", "🇸🇾", "👩🏽‍⚕️", "ﷺ", "ﻻ", "ﺍﻟﻠﻪ", "Ω", "𝔘𝔫𝔦", "ℵ"]

# ----------------------------------------------------------------- strategies
any_unicode = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
any_unicode_with_surrogates = st.text(st.characters(), max_size=100)


@st.composite
def sprinkled(draw, marks=DIACRITICS + [TATWEEL]):
    """Real-looking Arabic with marks (diacritics, tatweel, bidi ...) inserted everywhere."""
    base = draw(st.one_of(st.sampled_from(SENTENCES), st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join)))
    rate = draw(st.sampled_from([0.1, 0.5, 1.0]))
    rng = random.Random(draw(st.integers(0, 2**32)))
    out = []
    for ch in base:
        out.append(ch)
        while rng.random() < rate / 2:
            out.append(rng.choice(marks))
        if rate == 1.0:
            out.append(rng.choice(marks))
    return "".join(out)


def number(script_choice=st.sampled_from(DIGIT_SCRIPTS)):
    @st.composite
    def build(draw):
        scripts = draw(st.lists(script_choice, min_size=1, max_size=3))
        size = draw(st.integers(1, 12))
        return "".join(draw(st.sampled_from(draw(st.sampled_from(scripts)))) for _ in range(size))

    return build()


digit_text = st.lists(
    st.one_of(number(), number().map(lambda n: n[:2] + "," + n[:3]), number().map(lambda n: n + "." + n[:1]),
              st.sampled_from(WORDS)),
    min_size=1, max_size=20,
).map(" ".join)

mixed_scripts = st.lists(
    st.one_of(st.sampled_from(WORDS + OTHER_SCRIPT_WORDS), st.text(st.sampled_from(ARABIC_LETTERS + EXTENDED_LETTERS), min_size=1, max_size=6),
              st.sampled_from(PUNCT + BIDI + INVISIBLE), number()),
    max_size=30,
).flatmap(lambda words: st.lists(st.sampled_from(SPACES + [""]), min_size=len(words), max_size=len(words)).map(
    lambda seps: "".join(w + s for w, s in zip(words, seps))))

hostile = st.one_of(
    any_unicode,
    sprinkled(),
    sprinkled(BIDI + INVISIBLE),
    sprinkled(DIACRITICS + [TATWEEL] + BIDI + INVISIBLE + SPACES + PUNCT),
    mixed_scripts,
    digit_text,
)


@st.composite
def long_tokens(draw):
    """One token of 10,000 characters, alone or inside a sentence."""
    alphabet = draw(st.sampled_from([ARABIC_LETTERS, DIACRITICS + [TATWEEL], ARABIC_LETTERS + DIACRITICS, list("abcxyz"),
                                     BIDI + INVISIBLE, list("-./@"), ARABIC_LETTERS + list("0123456789#_«"), ["و", "ل", "ب", "ا"]]))
    pattern = draw(st.text(st.sampled_from(alphabet), min_size=1, max_size=7))
    # Digit-only and punctuation-only runs have tests of their own below.
    if not any(ch.isalpha() for ch in pattern):
        pattern += "ب"
    token = (pattern * (10_000 // len(pattern) + 1))[:10_000]
    context = draw(st.sampled_from(["{}", "قتل {} جنود في حلب", "{} قتل 5 جنود", "قتل 5 جنود في {}"]))
    return context.format(token)


# ------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def tok_nlp():
    return spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})


@pytest.fixture(scope="module")
def splitter():
    return CliticSplitter(read_lines("no_split.txt"))


# -------------------------------------------------------------------- checks
def check_tokens(doc, text):
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text
    for token in doc:
        assert token.text
        assert text[token.idx:token.idx + len(token.text)] == token.text


def doc_output(doc) -> str:
    return srsly.json_dumps({key: getattr(doc._, key) for key in DOC_KEYS + ("events",) if doc.has_extension(key)}, sort_keys=True)


def check_offsets(items, text, where):
    for item in items or []:
        start, end = item["start_char"], item["end_char"]
        assert 0 <= start <= end <= len(text), (where, item)
        assert text[start:end] == item["text"], (where, item, text[start:end])
        for m_start, m_end in item.get("mentions") or []:
            assert 0 <= m_start <= m_end <= len(text), (where, item)


def check_pipeline(nlp, text):
    doc = nlp(text)
    check_tokens(doc, text)
    for key in DOC_KEYS:
        check_offsets(getattr(doc._, key), text, key)
    for span in doc.ents:
        assert text[span.start_char:span.end_char] == span.text
    # Plain JSON, no NaN: what the CLI writes must be valid JSON.
    json.dumps([getattr(doc._, key) for key in DOC_KEYS], allow_nan=False)
    return doc


# --------------------------------------------------------------- normaliser
@FAST
@given(any_unicode_with_surrogates)
@example("\u0640" * 50)
@example("".join(DIACRITICS))
@example("".join(BIDI + INVISIBLE))
def test_normalize_any_text(text):
    out = normalize(text)
    assert isinstance(out, str)
    assert normalize(out) == out  # idempotent: norms are normalised again downstream
    assert normalize(text) == out


@FAST
@given(hostile)
def test_normalize_removes_marks_and_maps_digits(text):
    out = normalize(text)
    assert normalize(out) == out
    for ch in out:
        assert not ("\u064b" <= ch <= "\u0652") and ch != TATWEEL, (text, out)
        assert ch not in "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", (text, out)


# ----------------------------------------------------------- clitic splitting
@FAST
@given(st.one_of(any_unicode_with_surrogates, sprinkled(), st.text(st.sampled_from(ARABIC_LETTERS + DIACRITICS + [TATWEEL] + list("0123456789٣")), max_size=12)))
@example("وللنظام")
@example("و" * 20)
@example("و١٢")
def test_clitic_pieces_join_back(splitter, word):
    pieces = splitter.split(word)
    assert "".join(p.text for p in pieces) == word
    assert len(pieces) == 1 or all(p.text for p in pieces)
    assert len(pieces) <= 4
    assert all(p.norm is None or p.norm for p in pieces)
    assert CliticSplitter(splitter.no_split).split(word) == pieces  # cached == fresh


# ------------------------------------------------------------------ tokenizer
@FAST
@given(hostile)
def test_tokenizer_keeps_text(tok_nlp, text):
    doc = tok_nlp(text)
    check_tokens(doc, text)
    assert [t.text for t in tok_nlp(text)] == [t.text for t in doc]


@FEW
@given(long_tokens())
@example("\u0651" * 10_000)
@example("\u200f" * 10_000)
@example("-" * 10_000)
def test_tokenizer_long_tokens(tok_nlp, text):
    check_tokens(tok_nlp(text), text)


@pytest.mark.parametrize("char", ["+", "،", "»", "#"])
def test_tokenizer_keeps_punctuation_runs_whole(tok_nlp, char):
    # spaCy's base tokenizer peels such runs one character at a time, which is
    # quadratic (3,000 "+" took seconds); marsad's tokenizer keeps a run whole.
    text = f"قتل 5 جنود {char * 2000} في حلب"
    doc = tok_nlp(text)
    check_tokens(doc, text)
    assert char * 2000 in [t.text for t in doc]
    assert [t.text for t in doc][:3] == ["قتل", "5", "جنود"]


# ------------------------------------------------------------- full pipeline
@FAST
@given(hostile)
@example("")
@example(" \n\t ")
@example(SENTENCES[0])
def test_pipeline_on_hostile_text(nlp, text):
    doc = check_pipeline(nlp, text)
    assert doc_output(nlp(text)) == doc_output(doc)


@FEW
@given(st.lists(hostile, min_size=2, max_size=5))
def test_pipeline_is_deterministic_across_batches(nlp, texts):
    alone = [doc_output(nlp(t)) for t in texts]
    piped = [doc_output(d) for d in nlp.pipe(list(reversed(texts)), batch_size=2)]
    assert list(reversed(piped)) == alone


@pytest.fixture(scope="module")
def paragraphs():
    return [r["text"] for r in srsly.read_jsonl(need(PARAGRAPHS))][:500]


@FAST
@given(data=st.data())
def test_pipeline_on_noisy_real_paragraphs(nlp, paragraphs, data):
    text = data.draw(st.sampled_from(paragraphs))
    noise = st.sampled_from(DIACRITICS + [TATWEEL] + BIDI + INVISIBLE + SPACES + PUNCT + ["٣", "۵", "५", "１", "😀"])
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(text)), noise), max_size=30))
    for position, mark in sorted(edits, reverse=True):
        text = text[:position] + mark + text[position:]
    doc = check_pipeline(nlp, text)
    assert doc_output(nlp(text)) == doc_output(doc)


@FEW
@given(long_tokens())
@example("قتل " + "\u0640" * 10_000 + " جنود")
@example("\u202e" * 10_000)
def test_pipeline_long_tokens(nlp, text):
    check_pipeline(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "قتل " + "1" * 10_000 + " جنديا",
        "1" * 4301,
        "٣" * 10_000,
        "و" + "1" * 10_000,
        "قتل " + "1" + ",000" * 1500 + " جندي",
        "قتل 5 جنود في حلب في " + "1" * 5000 + " نيسان 2016",
    ],
    ids=["ascii-digits", "4301-digits", "arabic-indic-digits", "waw-digits", "grouped-digits", "before-a-month"],
)
def test_pipeline_very_long_numbers(nlp, text):
    # Regression: int() refuses strings over 4,300 digits (numbers.MAX_COUNT_CHARS caps counts now).
    doc = check_pipeline(nlp, text)
    assert all(c["count"] is None or c["count"] < 10**15 for c in doc._.casualties)


@pytest.mark.parametrize(
    "text",
    [
        "قتل 5 جنود في حلب في \U00010a40 نيسان 2016",  # isdigit() but not decimal: int() rejects it
        "قتل 5 جنود في حلب في 12 نيسان \U00010a40\U00010a41\U00010a42\U00010a43",
        "قتل 5 جنود في حلب في ² نيسان ²⁰¹⁶",
        "قتل 5 جنود في حلب في ① نيسان 2016",
        "قتل 5 جنود في حلب في १२ نيسان ٢٠١٦",
    ],
    ids=["kharoshthi-day", "kharoshthi-year", "superscripts", "circled", "devanagari-day"],
)
def test_pipeline_date_digits(nlp, text):
    doc = check_pipeline(nlp, text)
    assert [c["count"] for c in doc._.casualties] == [5]


@pytest.mark.parametrize("script", range(len(DIGIT_SCRIPTS)), ids=[hex(z) for z in DIGIT_ZEROS])
def test_counts_in_every_digit_script(nlp, script):
    digits = DIGIT_SCRIPTS[script]
    text = f"قتل {digits[1]}{digits[2]} جنديا في هجوم على حلب"
    doc = check_pipeline(nlp, text)
    counts = [c["count"] for c in doc._.casualties]
    if script < 3:  # ASCII, Arabic-Indic and Persian digits are read as numbers
        assert counts == [12]


# ---------------------------------------------------------- lone surrogates
@FAST
@given(st.tuples(any_unicode_with_surrogates, st.characters(categories=["Cs"]), hostile).map("".join))
def test_surrogates_become_error_records(nlp, text):
    records = [InputRecord("before", SENTENCES[1]), InputRecord("bad", text), InputRecord("after", SENTENCES[0])]
    out = list(extract(nlp, records))
    assert [r["id"] for r in out] == ["before", "bad", "after"]
    assert "E011" in out[1]["error"]
    assert "error" not in out[0] and "error" not in out[2]
    assert out[0]["casualties"] and out[2]["casualties"]
    for result in out:
        srsly.json_dumps(result)  # writable


def test_surrogates_in_jsonl(nlp, tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text(
        "\n".join([
            '{"id": "lone", "text": "\\u0642\\u062a\\u0644 \\ud800 5"}',
            '{"id": "pair", "text": "\\u0642\\u062a\\u0644 5 \\ud83d\\ude00 \\u062c\\u0646\\u0648\\u062f"}',
            '{"id": "\\udfff", "text": "ok"}',
            '{"id": "meta", "text": "ok", "source": {"name": "\\udc80"}}',
            '{"id": "escaped", "text": "a \\\\ud800 is written as text"}',
        ]) + "\n",
        encoding="utf8",
    )
    records = list(read_records(path))
    assert [r.id for r in records] == ["lone", "pair", "s:3", "meta", "escaped"]
    errors = {r.id: r.error for r in records if r.error}
    assert set(errors) == {"lone", "s:3", "meta"}
    assert "E011" in errors["lone"] and "'text'" in errors["lone"] and "'source.name'" in errors["meta"]
    assert records[1].text.endswith("😀 جنود") and records[4].text == "a \\ud800 is written as text"
    out = list(extract(nlp, records))
    assert out[1]["casualties"][0]["count"] == 5
    for result in out:
        srsly.json_dumps(result)


def test_surrogates_in_dicts():
    assert "E011" in record_from_dict({"id": "x", "text": "a\udc00"}).error
    assert record_from_dict({"id": "x", "text": "a\udc00"}).id == "x"
    assert record_from_dict({"id": "\ud800", "text": "a"}, 7).id == "record:7"
    assert record_from_dict({"id": "x", "text": "😀"}).error is None


def test_nlp_called_directly_on_a_surrogate(nlp):
    text = "قتل \ud800 5 جنود"
    try:
        doc = nlp(text)
    except UnicodeEncodeError:
        return  # the caller's responsibility: read_records and extract reject such records
    check_tokens(doc, text)


# ------------------------------------------------------ bad files, bad lines
def run(nlp, source):
    return list(extract(nlp, read_records(source), batch_size=8))


def test_empty_inputs(nlp, tmp_path):
    for name in ("empty.jsonl", "empty.csv"):
        (tmp_path / name).write_bytes(b"")
        assert run(nlp, tmp_path / name) == []
    (tmp_path / "blank.jsonl").write_bytes(b"\n\n  \r\n")
    assert run(nlp, tmp_path / "blank.jsonl") == []
    (tmp_path / "empty.txt").write_bytes(b"")
    [record] = run(nlp, tmp_path / "empty.txt")
    assert record["id"] == "empty" and record["casualties"] == [] and "error" not in record
    (tmp_path / "dir").mkdir()
    with pytest.raises(InputError, match=r"E015.*no \.txt files"):
        run(nlp, tmp_path / "dir")


def test_binary_and_invalid_utf8_files(nlp, tmp_path):
    """A whole file in another encoding is one InputError with a hint; a bad file
    inside a directory, or a bad line after good ones, is that record's error."""
    rng = random.Random(1)
    blob = bytes(rng.randrange(256) for _ in range(20_000))
    for name in ("binary.txt", "binary.jsonl"):
        (tmp_path / name).write_bytes(blob)
        with pytest.raises(InputError, match="E014.*--encoding"):
            run(nlp, tmp_path / name)
    (tmp_path / "latin1.csv").write_bytes("id,text\n1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError, match="E014"):
        run(nlp, tmp_path / "latin1.csv")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / "bad.txt").write_bytes(blob)
    (tmp_path / "dir" / "good.txt").write_text("قتل جندي في حلب", encoding="utf8")
    bad, good = run(nlp, tmp_path / "dir")
    assert "E014" in bad["error"] and "error" not in good
    lines = [json.dumps({"id": "a", "text": "قتل جندي"}, ensure_ascii=False).encode(), b'{"id": "b", "text": "\xff"}']
    (tmp_path / "mixed.jsonl").write_bytes(b"\n".join(lines))
    a, b = run(nlp, tmp_path / "mixed.jsonl")
    assert "error" not in a and "E005" in b["error"]


def test_broken_jsonl_lines(nlp, tmp_path):
    good = json.dumps({"id": "good", "text": SENTENCES[1]}, ensure_ascii=False).encode("utf8")
    lines = [
        "\ufeff".encode("utf8") + json.dumps({"id": "bom", "text": SENTENCES[0]}, ensure_ascii=False).encode("utf8"),
        b'{"id": "cut", "text": "\xd9\x82\xd8',           # truncated inside a character
        b'{"id": "trailing"} garbage',
        b"null",
        b"42",
        b'"just a string"',
        b'{"id": "nested", "text": {"ar": "x"}}',
        b'{"id": "", "text": "no id"}',
        b'{"id": 7, "text": "numeric id"}',
        b'{"id": "badutf8", "text": "\xff\xfe"}',
        b'{"id": "date", "text": "x", "date": "2016-02-30"}',
        b'{"id": "datetime", "text": "x", "date": "2016-02-03T10:00:00Z"}',
        b'{"id": "crlf", "text": "x"}\r',
        b"{" * 10_000,                                       # deeply nested
        b'{"id": "huge-int", "text": "x", "n": ' + b"9" * 5000 + b"}",
        good,
    ]
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    rows = run(nlp, path)
    assert len(rows) == len(lines)
    ids = [r["id"] for r in rows]
    assert ids[0] == "bom" and "error" not in rows[0] and rows[0]["casualties"]
    assert ids[-1] == "good" and rows[-1]["casualties"]
    errors = {r["id"]: r["error"] for r in rows if "error" in r}
    assert "E005" in errors["batch:2"] and "E002" in errors["batch:3"]
    assert "E004" in errors["batch:4"] and "E004" in errors["batch:5"] and "E004" in errors["batch:6"]
    assert "E003" in errors["nested"] and "E005" in errors["batch:10"] and "E009" in errors["date"]
    assert "batch:8" in ids and "7" in ids and "error" not in rows[ids.index("7")]
    assert rows[ids.index("datetime")]["date"] == "2016-02-03" and "crlf" in ids
    assert "E002" in errors["batch:14"] and "E002" in errors["batch:15"]  # too deep; int too big
    for row in rows:
        srsly.json_dumps(row)


def test_five_megabyte_document_is_split_under_max_length(nlp, tmp_path, monkeypatch):
    # 5 MB: sentences far apart in whitespace, so every chunk boundary falls between them.
    rng = random.Random(5)
    parts, expected = [], []
    size = 0
    while size < 5_000_000:
        filler = " " * rng.randrange(1_000, 200_000) + "\n"
        sentence = rng.choice(SENTENCES[:4])
        parts += [filler, sentence, "\n"]
        size += len(filler) + len(sentence.encode("utf8")) + 1
        expected.append(sentence)
    text = "".join(parts)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf8")
    assert path.stat().st_size >= 5_000_000
    monkeypatch.setattr(nlp, "max_length", 30_000)  # a chunk over it would fail with spaCy's E088
    pieces = split_long_text(text, 30_000)
    assert "".join(p for _, p in pieces) == text and all(len(p) <= 30_000 for _, p in pieces)
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    [record] = run(nlp, path)
    assert "error" not in record
    check_offsets(record["casualties"], text, "casualties")
    check_offsets(record["places"], text, "places")
    check_offsets(record["actors"], text, "actors")
    # Repeated identical facts are merged into one with several mentions.
    mentions = [m for c in record["casualties"] if c["count"] in (12, 7, 25, 40) for m in c["mentions"]]
    assert len(mentions) >= len(expected)
    assert record["casualties"][-1]["start_char"] > 4_000_000


@FAST
@given(st.text(st.sampled_from(list("ab .\n")), max_size=400), st.integers(2, 60))
def test_split_long_text_covers_the_text(text, max_chars):
    pieces = split_long_text(text, max_chars)
    assert "".join(p for _, p in pieces) == text
    assert all(0 < len(p) <= max_chars for _, p in pieces) or text == ""
    offset = 0
    for start, piece in pieces:
        assert start == offset
        offset += len(piece)


# ------------------------------------------------------- one record never aborts the run (issue 22 row 1)
def test_non_finite_number_in_an_extra_field_is_written_as_a_string(nlp, tmp_path):
    path = tmp_path / "inf.jsonl"
    path.write_text('{"id":"a","text":"قتل 5 جنود"}\n{"id":"b","text":"x","score":1e400}\n'
                    '{"id":"c","text":"x","m":{"low":-1e999,"ok":[1.5]}}\n', encoding="utf8")
    a, b, c = run(nlp, path)
    assert a["casualties"][0]["count"] == 5
    assert b["meta"] == {"score": "inf"} and "error" not in b
    assert c["meta"] == {"m": {"low": "-inf", "ok": [1.5]}}
    assert all(json.loads(srsly.json_dumps(r)) == r for r in (a, b, c))


def test_csv_field_longer_than_the_csv_module_default(nlp, tmp_path):
    long_text = "قتل جندي في هجوم على مدينة حلب. " * 5000  # 160,000 characters > 131,072
    path = tmp_path / "long.csv"
    path.write_text(f"id,text\na,قتل 5 جنود\nb,{long_text}\nc,x\n", encoding="utf8")
    a, b, c = run(nlp, path)
    assert [r["id"] for r in (a, b, c)] == ["a", "b", "c"]
    assert "error" not in b and b["casualties"]
    assert max(p["end_char"] for p in b["places"]) > 131_072  # read to the end, not cut at the old limit


def test_deep_nesting_with_a_lone_surrogate_is_an_error_record(nlp, tmp_path):
    deep = '{"id":"d","text":"x","m":' + "[" * 1020 + '"\\ud800"' + "]" * 1020 + "}"
    shallow = '{"id":"s","text":"x","m":' + "[" * 20 + '"\\ud800"' + "]" * 20 + "}"
    nested = '{"id":"n","text":"x","m":' + '{"k":' * 500 + "1" + "}" * 500 + "}"
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join(['{"id":"a","text":"قتل 5 جنود"}', deep, shallow, nested, '{"id":"c","text":"x"}']) + "\n")
    a, d, s, n, c = run(nlp, path)
    assert "E016" in d["error"] and "'m'" in d["error"]
    assert "E011" in s["error"] and "m[0]" in s["error"]
    assert "E016" in n["error"]
    assert "error" not in a and "error" not in c
    assert "E016" in record_from_dict(srsly.json_loads(deep.replace("\\ud800", "x"))).error


def test_csv_row_with_more_fields_than_the_header(nlp, tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("id,text\na,قتل 5 جنود,surplus,more\n", encoding="utf8")
    [a] = run(nlp, path)
    assert a["meta"] == {"_extra": ["surplus", "more"]} and a["casualties"][0]["count"] == 5


def test_directory_input_skips_links_leading_outside(nlp, tmp_path, caplog):
    outside = tmp_path / "secret.txt"
    outside.write_text("قتل 9 جنود", encoding="utf8")
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("قتل 5 جنود", encoding="utf8")
    (root / "leak.txt").symlink_to(outside)
    (root / "sub" / "alias.txt").symlink_to(root / "a.txt")  # inside the directory: kept
    (root / "linkdir").symlink_to(tmp_path, target_is_directory=True)
    rows = run(nlp, root)
    assert [r["id"] for r in rows] == ["a", "sub/alias"]
    assert "W003" in caplog.text


def test_a_publication_date_under_another_key_is_the_records_date(tmp_path):
    from marsad.io.records import read_records

    path = tmp_path / "news.jsonl"
    path.write_text('{"id": "a", "text": "قتل 5 أمس", "date_extracted": "2015-07-21 10:00:00"}\n'
                    '{"id": "b", "text": "x", "published": "21/07/2015"}\n'
                    '{"id": "c", "text": "x", "date": "2016-01-02", "date_extracted": "2015-07-21"}\n', encoding="utf8")
    assert [r.date for r in read_records(str(path))] == ["2015-07-21", None, "2016-01-02"]
