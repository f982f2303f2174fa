"""Tests for marsad.text.numbers: reading Arabic number expressions.

Inputs are written in ordinary spelling (hamzas, taa marbuta, some diacritics
and tatweel), normalised with marsad.text.orthography.normalize and split on spaces, as the
tokenizer would. Phrases with a conjunction are written with "و" as its own
word; each is also checked with "و" fused to the next word ("وعشرين").
"""
from __future__ import annotations

import dataclasses

import pytest

from marsad.text.numbers import VAGUE_QUANTITIES, Quantity, parse_number_words, read_quantity
from marsad.text.orthography import normalize


def split(text: str) -> list[str]:
    return normalize(text).split()


def fused(text: str) -> list[str]:
    """The same phrase with the conjunction attached: "ثلاثة و عشرين" -> "ثلاثة وعشرين"."""
    return split(text.replace(" و ", " و"))


def expected_fused_n_words(words: list[str], n_words: int) -> int:
    """Tokens consumed in the fused variant: the split "و" tokens disappear."""
    return n_words - sum(1 for w in words[:n_words] if w == "و")


# (text, value, n_words when "و" is split off)
EXACT = [
    # digits: Western, Eastern Arabic, Persian, grouped thousands
    ("25", 25, 1),
    ("٢٥", 25, 1),
    ("۲۵", 25, 1),
    ("1200", 1200, 1),
    ("1,200", 1200, 1),
    ("1.200", 1200, 1),
    ("١٬٢٠٠", 1200, 1),
    ("12,500,000", 12_500_000, 1),
    ("2015", 2015, 1),
    ("٢٥ قتيلاً", 25, 1),
    ("الـ25", 25, 1),
    ("الـ 25 قتيلاً", 25, 2),
    # digit + scale word
    ("3 آلاف", 3000, 2),
    ("٣ آلاف نازح", 3000, 2),
    ("5 الاف", 5000, 2),
    ("25 ألف", 25_000, 2),
    ("2 مليون", 2_000_000, 2),
    ("2.5 مليون", 2_500_000, 2),
    ("١٫٥ مليون", 1_500_000, 2),
    # units 1-10
    ("واحد", 1, 1),
    ("واحدة", 1, 1),
    ("أحد", 1, 1),
    ("إحدى", 1, 1),
    ("اثنان", 2, 1),
    ("اثنين", 2, 1),
    ("اثنتان", 2, 1),
    ("اثنتين", 2, 1),
    ("إثنين", 2, 1),
    ("ثلاث", 3, 1),
    ("ثلاثة", 3, 1),
    ("ثلاثةُ", 3, 1),
    ("أربع", 4, 1),
    ("أربعةٌ", 4, 1),
    ("خمس", 5, 1),
    ("خمسةَ", 5, 1),
    ("ست", 6, 1),
    ("ستة", 6, 1),
    ("سبع", 7, 1),
    ("سبعة", 7, 1),
    ("ثمان", 8, 1),
    ("ثماني", 8, 1),
    ("ثمانى", 8, 1),
    ("ثمانية", 8, 1),
    ("تسع", 9, 1),
    ("تسعة", 9, 1),
    ("عشر", 10, 1),
    ("عشرة", 10, 1),
    ("عشـــرة", 10, 1),
    # 11-19
    ("أحد عشر", 11, 2),
    ("إحدى عشرة", 11, 2),
    ("اثنا عشر", 12, 2),
    ("اثني عشر", 12, 2),
    ("اثنتا عشرة", 12, 2),
    ("اثنتي عشرة", 12, 2),
    ("ثلاثة عشر", 13, 2),
    ("ثلاث عشرة", 13, 2),
    ("أربعة عشر", 14, 2),
    ("أربع عشرة", 14, 2),
    ("خمسة عشر", 15, 2),
    ("خمس عشرة", 15, 2),
    ("ستة عشر", 16, 2),
    ("ست عشرة", 16, 2),
    ("سبعة عشر", 17, 2),
    ("سبع عشرة", 17, 2),
    ("ثمانية عشر", 18, 2),
    ("ثماني عشرة", 18, 2),
    ("تسعة عشر", 19, 2),
    ("تسع عشرة", 19, 2),
    # tens
    ("عشرون", 20, 1),
    ("عشرين", 20, 1),
    ("ثلاثون", 30, 1),
    ("ثلاثين", 30, 1),
    ("أربعون", 40, 1),
    ("أربعين", 40, 1),
    ("خمسون", 50, 1),
    ("خمسين", 50, 1),
    ("ستون", 60, 1),
    ("ستين", 60, 1),
    ("سبعون", 70, 1),
    ("سبعين", 70, 1),
    ("ثمانون", 80, 1),
    ("ثمانين", 80, 1),
    ("تسعون", 90, 1),
    ("تسعين", 90, 1),
    # unit + و + tens
    ("ثلاثة و عشرين", 23, 3),
    ("خمسة و عشرون", 25, 3),
    ("واحد و عشرون", 21, 3),
    ("إحدى و ثلاثين", 31, 3),
    ("اثنين و أربعين", 42, 3),
    ("ستة و ستين", 66, 3),
    ("سبعة و تسعين", 97, 3),
    ("ثلاثة و عشرين قتيلاً", 23, 3),
    # hundreds
    ("مئة", 100, 1),
    ("مائة", 100, 1),
    ("مئه", 100, 1),
    ("مئتان", 200, 1),
    ("مئتين", 200, 1),
    ("مائتان", 200, 1),
    ("مائتي", 200, 1),
    ("مئتي", 200, 1),
    ("ثلاثمئة", 300, 1),
    ("ثلاثمائة", 300, 1),
    ("ثلاث مئة", 300, 2),
    ("ثلاث مائة", 300, 2),
    ("أربعمئة", 400, 1),
    ("خمسمائة", 500, 1),
    ("ستمئة", 600, 1),
    ("سبعمائة", 700, 1),
    ("ثمانمئة", 800, 1),
    ("تسعمائة", 900, 1),
    ("تسع مئة", 900, 2),
    ("مئة و خمسين", 150, 3),
    ("مئة و ثلاثة", 103, 3),
    ("مائتين و اثني عشر", 212, 4),
    ("ثلاثمائة و خمسة و عشرين", 325, 5),
    # thousands, millions
    ("ألف", 1000, 1),
    ("ألفاً", 1000, 1),
    ("ألفين", 2000, 1),
    ("ألفان", 2000, 1),
    ("ثلاثة آلاف", 3000, 2),
    ("عشرة آلاف", 10_000, 2),
    ("مئة ألف", 100_000, 2),
    ("مئتي ألف", 200_000, 2),
    ("ألف و مئتين", 1200, 3),
    ("ألف و تسعمائة و خمسة و عشرون", 1925, 7),
    ("خمسة و عشرين ألفاً", 25_000, 4),
    ("خمسة عشر ألفا", 15_000, 3),
    ("ثلاثة آلاف و مئتان و خمسون", 3250, 6),
    ("ألفين و خمسة عشر", 2015, 4),
    ("ثلاثمائة ألف و خمسمائة", 300_500, 4),
    ("مليون", 1_000_000, 1),
    ("مليونين", 2_000_000, 1),
    ("ثلاثة ملايين", 3_000_000, 2),
    ("مليون و ثلاثمائة ألف", 1_300_000, 4),
    ("مليون و نصف", 1_500_000, 3),
    # digits after a scale word: "42 ألفا و384"
    ("42 ألفا و 384", 42_384, 4),
    ("3 آلاف و 500", 3_500, 4),
    ("مليون و 200 ألف", 1_200_000, 4),
    ("مليون و نصف المليون", 1_500_000, 4),
    ("نصف مليون", 500_000, 2),
    # definite forms
    ("الخمسة", 5, 1),
    ("العشرين", 20, 1),
    ("الثلاثة عشر", 13, 2),
    ("الأحد عشر", 11, 2),
    ("الخمسة و العشرين", 25, 3),
    ("المئة", 100, 1),
]


@pytest.mark.parametrize("text,value,n_words", EXACT)
def test_exact_split_conjunction(text: str, value: int, n_words: int) -> None:
    words = split(text)
    q = read_quantity(words)
    assert q == Quantity(value, value, value, False, n_words)


@pytest.mark.parametrize("text,value,n_words", [e for e in EXACT if " و " in e[0]])
def test_exact_fused_conjunction(text: str, value: int, n_words: int) -> None:
    words = fused(text)
    assert "و" not in words
    q = read_quantity(words)
    expected_n = expected_fused_n_words(split(text), n_words)
    assert q == Quantity(value, value, value, False, expected_n)


@pytest.mark.parametrize(
    "text,start,value,n_words",
    [
        ("أسفر القصف عن مقتل ثلاثة و عشرين مدنياً", 4, 23, 3),
        ("أسفر القصف عن مقتل ثلاثة وعشرين مدنياً", 4, 23, 2),
        ("قُتل ٢٥ شخصاً وأصيب ٤٠ آخرون", 1, 25, 1),
        ("قُتل ٢٥ شخصاً وأصيب ٤٠ آخرون", 4, 40, 1),
        ("نزوح أكثر من 3 آلاف عائلة", 3, 3000, 2),
        ("سقوط مئة و خمسين قتيلاً في المعارك", 1, 150, 3),
        ("قُتل ثلاثة وأصيب خمسة", 1, 3, 1),
        ("وخمسة", 0, 5, 1),
        ("و٢٥", 0, 25, 1),
    ],
)
def test_exact_in_sentence(text: str, start: int, value: int, n_words: int) -> None:
    q = read_quantity(split(text), start)
    assert q == Quantity(value, value, value, False, n_words)


@pytest.mark.parametrize(
    "text,value,n_words",
    [
        ("ثلاثة و أربعة", 3, 1),  # 3 and 4, not a compound number
        ("25 و 3", 25, 1),  # digit groups are never joined by و
        ("ثلاثة آلاف و مليون", 3000, 2),  # a larger scale cannot follow
        ("عشرة و عشرين", 10, 1),  # 10 does not combine with tens
        ("أحد من", 1, 1),  # "one of": the caller decides
        ("مئة و مئة", 100, 1),
        ("ألف و 5000", 1000, 1),  # digits after a scale must be smaller than it
        ("42 و 384", 42, 1),  # digits join digits only through a scale word
    ],
)
def test_reading_stops(text: str, value: int, n_words: int) -> None:
    assert read_quantity(split(text)) == Quantity(value, value, value, False, n_words)


# (text, low, high, n_words)
VAGUE = [
    ("عشرات", 10, 99, 1),
    ("العشرات", 10, 99, 1),
    ("عشرات القتلى", 10, 99, 1),
    ("مئات", 100, 999, 1),
    ("المئات", 100, 999, 1),
    ("آلاف", 1000, 9999, 1),
    ("الآلاف", 1000, 9999, 1),
    ("عدد من", 2, None, 2),
    ("عددٌ من الجرحى", 2, None, 2),
    ("العديد من", 2, None, 2),
    ("بضعة", 3, 9, 1),
    ("بضع", 3, 9, 1),
    ("عشرات الآلاف", 10_000, 99_999, 2),
    ("مئات الآلاف", 100_000, 999_999, 2),
    ("ملايين", 1_000_000, 9_999_999, 1),
    ("عدة", 3, 9, 1),
    ("عدة مئات", 300, 999, 2),
    ("دزينات", 12, 99, 1),
    ("أعداد كبيرة من", 2, None, 3),
]


@pytest.mark.parametrize("text,low,high,n_words", VAGUE)
def test_vague(text: str, low: int, high: int | None, n_words: int) -> None:
    assert read_quantity(split(text)) == Quantity(None, low, high, True, n_words)


@pytest.mark.parametrize("text,low,high,n_words", VAGUE)
def test_vague_with_fused_conjunction(text: str, low: int, high: int | None, n_words: int) -> None:
    words = split("و" + text)
    assert read_quantity(words) == Quantity(None, low, high, True, n_words)


@pytest.mark.parametrize("phrase,bounds", sorted(VAGUE_QUANTITIES.items()))
def test_every_vague_table_entry_is_read(phrase: str, bounds: tuple) -> None:
    words = split(phrase)
    assert read_quantity(words + ["قتلى"]) == Quantity(None, bounds[0], bounds[1], True, len(words))


def test_vague_low_orders() -> None:
    tens = read_quantity(split("عشرات"))
    dozens = read_quantity(split("دزينات"))
    hundreds = read_quantity(split("المئات"))
    assert tens is not None and dozens is not None and hundreds is not None
    assert (tens.low, dozens.low, hundreds.low) == (10, 12, 100)


@pytest.mark.parametrize(
    "text",
    [
        "الفصائل",
        "عشيرة",
        "العشيرة",
        "ستينات",
        "الستينيات",
        "مقتل",
        "الأول",
        "الثاني",
        "ثاني",
        "الاثنين",  # Monday
        "الأحد",  # Sunday
        "ألفية",
        "مئوية",
        "خمسيني",
        "2.5",
        "٢٫٥",
        "1,20",
        "12,3456",
        "و",
        "عدد",  # without من
        "عدد القتلى",
        "العديد",
        "نصف",
        "نصف القتلى",
        "ال",
        "الـ قتلى",
        "قتلى",
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert read_quantity(split(text)) is None


@pytest.mark.parametrize("start", [-1, 1, 5])
def test_start_out_of_range(start: int) -> None:
    assert read_quantity(split("خمسة"), start) is None


def test_empty_input() -> None:
    assert read_quantity([]) is None


@pytest.mark.parametrize(
    "text,value",
    [
        ("ثلاثةٌ وعشرون", 23),
        ("ثلاثة و عشرون", 23),
        ("مئة وخمسين", 150),
        ("ثلاثمائة وخمسة وعشرين", 325),
        ("خمسة آلاف", 5000),
        ("٣ آلاف", 3000),
        ("۲۵", 25),
        ("  خمسة   عشر  ", 15),
        ("مليون ونصف", 1_500_000),
    ],
)
def test_parse_number_words(text: str, value: int) -> None:
    assert parse_number_words(text) == value


@pytest.mark.parametrize(
    "text",
    ["", "   ", "ثلاثة قتلى", "عشرات", "عدد من", "الفصائل", "2.5", "ثلاثة وأربعة", "قتلى ثلاثة"],
)
def test_parse_number_words_rejects(text: str) -> None:
    assert parse_number_words(text) is None


def test_quantity_is_frozen() -> None:
    q = read_quantity(split("خمسة"))
    assert q is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 6  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Ranges: "بين 100 و200", "ما بين 100 إلى 200" read as their low end, both ends kept.
# ---------------------------------------------------------------------------
RANGES = [
    ("بين 30 و40 شخصا", 30, 40, 3),
    ("بين 30 و 40 شخصا", 30, 40, 4),
    ("ما بين 100 إلى 200 مدني", 100, 200, 5),
    ("بين خمسة وعشرة قتلى", 5, 10, 3),
    ("بين 3 آلاف و5 آلاف قتيل", 3000, 5000, 5),
]


@pytest.mark.parametrize("text,low,high,n_words", RANGES)
def test_range(text: str, low: int, high: int, n_words: int) -> None:
    q = read_quantity([normalize(w) for w in text.split()], 0)
    assert q == Quantity(low, low, high, False, n_words)


@pytest.mark.parametrize("text", ["بين الجيش و 40 مسلحا", "بين 40 و30 شخصا", "بين 5", "ما بين القوات"])
def test_not_a_range(text: str) -> None:
    assert read_quantity([normalize(w) for w in text.split()], 0) is None


@pytest.mark.parametrize("text,low,high,n_words", [
    ("100 إلى 200 من عناصر", 100, 200, 3),
    ("35 الى 40 شخصا", 35, 40, 3),
    ("ثلاثة إلى خمسة جنود", 3, 5, 3),
])
def test_a_range_without_bain(text: str, low: int, high: int, n_words: int) -> None:
    assert read_quantity([normalize(w) for w in text.split()], 0) == Quantity(low, low, high, False, n_words)


@pytest.mark.parametrize("words,start,value", [
    (["ارتفع", "من", "100", "الي", "200"], 2, 100),  # a toll that rose: "from 100 to 200" is no range
    (["قتل", "20", "الي", "جانب", "ذلك"], 1, 20),
    (["نقل", "20", "الي", "10"], 1, 20),  # the second number must be the larger
    (["اكتوبر", "2023", "الي", "45227"], 1, 2023),  # a year, then a toll
    (["قتل", "5", "الي", "300"], 1, 5),  # ends of one estimate are of one order of magnitude
])
def test_not_a_bare_range(words, start, value) -> None:
    q = read_quantity([normalize(w) for w in words], start)
    assert q == Quantity(value, value, value, False, 1)


def test_digits_with_the_sentence_full_stop() -> None:
    assert read_quantity(["40."], 0) == Quantity(40, 40, 40, False, 1)


def test_may_begin_quantity_never_rejects_a_quantity() -> None:
    """`may_begin_quantity` is a pre-test: wherever `read_quantity` reads something, it says True."""
    from marsad.text.numbers import _KNOWN, may_begin_quantity

    firsts = sorted(_KNOWN) + ["و" + w for w in sorted(_KNOWN)] + [
        "25", "و25", "40.", "ال", "الـ25", "ال25", "بين", "ما", "25,000", "2.5", "٣", "و", "والد", "الدين", "منهم"]
    tails = [[], ["مدنيا"], ["الي", "30"], ["و", "عشرين"], ["25"], ["بين", "10", "و", "20"], ["مئة"], ["الف"]]
    for first in firsts:
        for tail in tails:
            if read_quantity([first, *tail]) is not None:
                assert may_begin_quantity(first), (first, tail)
    assert not may_begin_quantity("مدنيا") and not may_begin_quantity("والد") and not may_begin_quantity("")
