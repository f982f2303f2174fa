"""Reading Arabic number expressions: digits and number words, exact or vague.

Works on NORMALISED tokens (output of `marsad.text.orthography.normalize`), one token per
list item, as produced by the clitic-aware tokenizer. The lexicon below is
written in ordinary spelling and normalised when the module loads, so it
always matches whatever `normalize` produces.

Grammar covered (standard Arabic order, largest group first):

    quantity := segment ("و" segment)*        each segment smaller in scale (digits
                                              only after a scale word: "42 ألفا و384")
                [ "و" ("نصف" | "ربع") [definite scale word] ]
    segment  := digits [multiplier] | fraction scale | scale-word
              | below-1000 [multiplier]
    below-1000 := hundreds ["و" below-100] | below-100
    below-100  := teen-head ("عشر" | "عشرة") | unit ["و" tens] | tens

The conjunction "و" may be its own token or fused to the next word.
Vague quantities ("عشرات", "المئات", "عدد من", ...) come from one table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Sequence

from marsad.text.orthography import normalize

# ---------------------------------------------------------------------------
# Data tables (ordinary spelling; normalised at import time)
# ---------------------------------------------------------------------------

# Vague quantities: phrase -> (low, high). high None = unbounded.
# ACLED-style estimates: "tens" 10-99, "dozens" 12-99, "hundreds" 100-999, and so on.
VAGUE_QUANTITIES: dict[str, tuple[int, int | None]] = {
    "عشرات": (10, 99),
    "العشرات": (10, 99),
    "مئات": (100, 999),
    "المئات": (100, 999),
    "آلاف": (1_000, 9_999),
    "الآلاف": (1_000, 9_999),
    "ألوف": (1_000, 9_999),
    "الألوف": (1_000, 9_999),
    "ملايين": (1_000_000, 9_999_999),
    "الملايين": (1_000_000, 9_999_999),
    "عشرات الآلاف": (10_000, 99_999),
    "عشرات آلاف": (10_000, 99_999),
    "مئات الآلاف": (100_000, 999_999),
    "مئات آلاف": (100_000, 999_999),
    "عشرات الملايين": (10_000_000, 99_999_999),
    "بضعة": (3, 9),
    "بضع": (3, 9),
    "بضعة عشرات": (30, 99),
    "بضع عشرات": (30, 99),
    "بضع مئات": (300, 999),
    "بضعة مئات": (300, 999),
    "بضعة آلاف": (3_000, 9_999),
    "بضع آلاف": (3_000, 9_999),
    "عدد من": (2, None),
    "عددا من": (2, None),
    "عدد كبير من": (2, None),
    "العديد من": (2, None),
    "عدة": (3, 9),
    "عدة عشرات": (30, 99),
    "عدة مئات": (300, 999),
    "عدة آلاف": (3_000, 9_999),
    "أعداد كبيرة من": (2, None),
    "أعدادا كبيرة من": (2, None),
    # "dozens" (ACLED codes 12)
    "دزينات": (12, 99),
    "الدزينات": (12, 99),
}

# Units 1-10, every gender/case form in common use.
_UNIT_FORMS: dict[int, str] = {
    1: "واحد واحدة أحد إحدى",
    2: "اثنان اثنين اثنتان اثنتين إثنان إثنين ثنتان ثنتين",
    3: "ثلاث ثلاثة",
    4: "أربع أربعة",
    5: "خمس خمسة",
    6: "ست ستة",
    7: "سبع سبعة",
    8: "ثمان ثماني ثمانى ثمانية",
    9: "تسع تسعة",
    10: "عشر عشرة",
}
# First word of 11-19 (the second word is عشر/عشرة); 13-19 reuse the unit forms.
_TEEN_HEAD_FORMS: dict[int, str] = {
    11: "أحد إحدى",
    12: "اثنا اثني اثنتا اثنتي إثنا إثني",
}
_TEEN_TAIL_FORMS = "عشر عشرة"
_TENS_FORMS: dict[int, str] = {
    20: "عشرون عشرين",
    30: "ثلاثون ثلاثين",
    40: "أربعون أربعين",
    50: "خمسون خمسين",
    60: "ستون ستين",
    70: "سبعون سبعين",
    80: "ثمانون ثمانين",
    90: "تسعون تسعين",
}
_HUNDRED_FORMS = "مئة مائة"
_TWO_HUNDRED_FORMS = "مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي"
# Stems fused with مئة/مائة: ثلاثمئة, ثلاثمائة, ثلثمائة, ...
_HUNDRED_STEMS: dict[int, str] = {
    3: "ثلاث ثلث",
    4: "أربع",
    5: "خمس",
    6: "ست",
    7: "سبع",
    8: "ثمان ثماني",
    9: "تسع",
}
# Words that multiply the number before them ("ثلاثة آلاف", "مئة ألف").
_MULTIPLIER_FORMS: dict[int, str] = {
    1_000: "ألف ألفا آلاف ألوف",
    1_000_000: "مليون مليونا ملايين",
    1_000_000_000: "مليار مليارا مليارات بليون",
}
# Scale words that stand alone: word -> value (its scale is the multiplier).
_SCALE_ALONE_FORMS: dict[int, str] = {
    1_000: "ألف ألفا",
    2_000: "ألفان ألفين ألفا ألفي",
    1_000_000: "مليون مليونا",
    2_000_000: "مليونان مليونين مليوني",
    1_000_000_000: "مليار مليارا",
    2_000_000_000: "ملياران مليارين مليارى",
}
# Fractions of a scale word: "نصف مليون", "مليون ونصف (المليون)".
_FRACTION_FORMS: dict[str, int] = {"نصف": 2, "ربع": 4}
_FRACTION_SCALE_FORMS: dict[int, str] = {
    1_000: "ألف الألف",
    1_000_000: "مليون المليون",
    1_000_000_000: "مليار المليار",
}
# Definite forms that are (almost always) something else in news:
# الأحد = Sunday, الاثنين = Monday. Still allowed as teen heads ("الأحد عشر").
_NOT_DEFINITE_UNITS = "الأحد الإثنين الاثنين"

_ARTICLE = "ال"
_AND = "و"

# ---------------------------------------------------------------------------
# Compiled lexicon
# ---------------------------------------------------------------------------


def _forms(spelled: str) -> list[str]:
    return [normalize(w) for w in spelled.split()]


def _with_article(table: dict[str, int], skip: frozenset = frozenset()) -> dict[str, int]:
    out = dict(table)
    for word, value in table.items():
        definite = _ARTICLE + word
        if definite not in skip:
            out.setdefault(definite, value)
    return out


def _index_vague(
    table: dict[str, tuple[int, int | None]]
) -> dict[str, list[tuple[tuple[str, ...], int, int | None]]]:
    """Index vague phrases by their first word, longest phrase first."""
    index: dict[str, list[tuple[tuple[str, ...], int, int | None]]] = {}
    for phrase, (low, high) in table.items():
        entry = (tuple(_forms(phrase)), low, high)
        entries = index.setdefault(entry[0][0], [])
        if entry not in entries:
            entries.append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def _hundreds() -> dict[str, int]:
    table = {w: 100 for w in _forms(_HUNDRED_FORMS)}
    table.update({w: 200 for w in _forms(_TWO_HUNDRED_FORMS)})
    for value, stems in _HUNDRED_STEMS.items():
        for stem in _forms(stems):
            for word in _forms(_HUNDRED_FORMS):
                table[stem + word] = value * 100
    return _with_article(table)


def _teen_heads() -> dict[str, int]:
    table = {w: v for v, s in _TEEN_HEAD_FORMS.items() for w in _forms(s)}
    for unit in range(3, 10):
        table.update({w: 10 + unit for w in _forms(_UNIT_FORMS[unit])})
    return _with_article(table)


_UNITS = _with_article(
    {w: v for v, s in _UNIT_FORMS.items() for w in _forms(s)},
    frozenset(_forms(_NOT_DEFINITE_UNITS)),
)
_TEEN_HEADS = _teen_heads()
_TEEN_TAILS = frozenset(_forms(_TEEN_TAIL_FORMS))
_TENS = _with_article({w: v for v, s in _TENS_FORMS.items() for w in _forms(s)})
_HUNDRED_WORDS = frozenset(_forms(_HUNDRED_FORMS))
_HUNDREDS = _hundreds()
_MULTIPLIERS = {w: v for v, s in _MULTIPLIER_FORMS.items() for w in _forms(s)}
# word -> (value, scale); the scale of "ألفين" is a thousand.
_SCALE_ALONE: dict[str, tuple[int, int]] = {}
for _value, _spelled in _SCALE_ALONE_FORMS.items():
    for _word in _forms(_spelled):
        _SCALE_ALONE.setdefault(_word, (_value, _MULTIPLIERS.get(_word, _value // 2)))
_FRACTIONS = {normalize(w): d for w, d in _FRACTION_FORMS.items()}
_FRACTION_SCALES = {w: v for v, s in _FRACTION_SCALE_FORMS.items() for w in _forms(s)}
_VAGUE = _index_vague(VAGUE_QUANTITIES)
# Every word that can begin or continue a quantity: the fast rejection test,
# and the words a leading "و" is never stripped from ("واحد").
_KNOWN = frozenset().union(
    _UNITS, _TEEN_HEADS, _TENS, _HUNDREDS, _MULTIPLIERS, _SCALE_ALONE, _FRACTIONS, _VAGUE
)

# Thousands separators: "," "." or "'" (the last is what normalize makes of
# the Arabic thousands separator U+066C); every group after the first has
# exactly three digits and one separator is used throughout.
_GROUPED = re.compile(r"\d{1,3}([,.'])\d{3}(?:\1\d{3})*\Z")
_DECIMAL = re.compile(r"\d+[.,]\d+\Z")


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number read from text.

    value (int | None): The exact value; None for vague quantities.
    low (int | None): Low estimate (== value when exact).
    high (int | None): High estimate (== value when exact; None when unbounded).
    vague (bool): True for عشرات, المئات, عدد من, ...
    n_words (int): How many tokens were consumed from `start`.
    """

    value: int | None
    low: int | None
    high: int | None
    vague: bool
    n_words: int


def read_quantity(words: Sequence[str], start: int = 0, *, bare_ranges: bool = True) -> Quantity | None:
    """Read the longest number expression beginning at words[start].

    words (Sequence[str]): NORMALISED tokens (output of marsad.text.orthography.normalize).
    start (int): Index of the first token to read.
    bare_ranges (bool): Also read "100 إلى 200" (without "بين") as a range.
    RETURNS (Quantity | None): The quantity, or None if words[start] does not
        begin one.
    """
    n = len(words)
    if start < 0 or start >= n:
        return None
    word = words[start]
    if not word:
        return None
    if len(word) > 1 and word[-1] == "." and word[:-1].isdigit():
        word = word[:-1]  # "40." ends its sentence: the tokenizer keeps the full stop
    if word in _RANGE_OPENERS or (word == "ما" and start + 1 < n and words[start + 1] in _RANGE_OPENERS):
        return _read_range(words, start + (2 if word == "ما" else 1), start)
    first = word[0]
    if word not in _KNOWN and not first.isdigit():
        if first == _AND and len(word) > 1:
            word = word[1:]  # fused conjunction: "وعشرات", "و25"
        elif word == _ARTICLE and start + 1 < n and words[start + 1][:1].isdigit():
            # "الـ 25" tokenised as "ال", "25"
            exact = _read_exact(words[start + 1], words, start + 2, n)
            if exact is None:
                return None
            return Quantity(exact[0], exact[0], exact[0], False, exact[1] - start)
        elif word.startswith(_ARTICLE) and word[2:3].isdigit():
            word = word[2:]  # "الـ25"
        else:
            return None
    exact = _read_exact(word, words, start + 1, n)
    if exact is not None:
        value, end = exact
        bare_range = _bare_range_end(words, start, end, value) if bare_ranges else None
        if bare_range is not None:
            high, range_end = bare_range
            return Quantity(value, value, high, False, range_end - start)
        return Quantity(value, value, value, False, end - start)
    for phrase, low, high in _VAGUE.get(word, ()):
        size = len(phrase)
        if start + size <= n and all(words[start + k] == phrase[k] for k in range(1, size)):
            return Quantity(None, low, high, True, size)
    return None


def may_begin_quantity(word: str) -> bool:
    """False when `read_quantity` reads no quantity at a token with this norm, whatever follows it:
    the cheap test for callers that try every token (most words are no number)."""
    if not word:
        return False
    if word in _KNOWN or word in _RANGE_OPENERS or word == "ما" or word[0].isdigit():
        return True
    if word[0] == _AND:  # a fused conjunction is read past: "وعشرات", "و25"
        rest = word[1:]
        return rest in _KNOWN or rest[:1].isdigit()
    return word == _ARTICLE or (word.startswith(_ARTICLE) and word[2:3].isdigit())  # "الـ 25", "الـ25"


def is_year(word: str) -> bool:
    """Four digits from 1900 to 2099 ("2015"): a year unless a victims word follows it."""
    return len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2099


# A range is "بين 100 و200", "ما بين 100 إلى 200": its low end is the count, both ends are kept.
_RANGE_OPENERS = frozenset({"بين"})
_RANGE_LINKS = frozenset({"الي", "حتي"})
# The ends of one estimate without "بين" ("100 إلى 200") are of one order of magnitude.
BARE_RANGE_RATIO = 10


def _bare_range_end(words: Sequence[str], start: int, end: int, low: int) -> tuple[int, int] | None:
    """"100 إلى 200" without "بين": (high, end) when a larger exact number follows "إلى". Not after
    "من": "ارتفع من 100 إلى 200" is a toll that changed, and its count is the second number."""
    if end + 1 >= len(words) or words[end] != "الي" or (start > 0 and words[start - 1] == "من"):
        return None
    if is_year(words[start]) and low == int(words[start]):
        return None  # "منذ السابع من أكتوبر 2023 إلى 45,227 شهيدا": a year, then the toll
    high = read_quantity(words, end + 1, bare_ranges=False)
    if high is None or high.value is None or high.vague or high.value <= low or high.high != high.value:
        return None
    if high.value > BARE_RANGE_RATIO * low:
        return None  # "5 إلى 300": two numbers, not the ends of one estimate
    return high.value, end + 1 + high.n_words


def _read_range(words: Sequence[str], at: int, start: int) -> Quantity | None:
    """The range whose low end starts at words[at] (after "بين"); None unless both ends are exact."""
    n = len(words)
    if at >= n:
        return None
    low = read_quantity(words, at, bare_ranges=False)
    if low is None or low.value is None:
        return None
    k = at + low.n_words
    if k < n and words[k] in _RANGE_LINKS:
        high = read_quantity(words, k + 1, bare_ranges=False)
        end = k + 1
    else:
        conj = _conj(words, k, n)
        if conj is None:
            return None
        word, after = conj
        high = read_quantity([word, *words[after:]], 0, bare_ranges=False)
        end = after - 1
    if high is None or high.value is None or high.value <= low.value:
        return None
    return Quantity(low.value, low.value, high.value, False, end + high.n_words - start)


def parse_number_words(text: str) -> int | None:
    """Read a whole string as one exact number.

    text (str): The text, in any spelling (it is normalised and split on spaces).
    RETURNS (int | None): The value, or None unless ALL of the text is one
        exact number.
    """
    words = normalize(text).split() if text else []
    if not words:
        return None
    q = read_quantity(words)
    if q is None or q.vague or q.n_words != len(words):
        return None
    return q.value


# ---------------------------------------------------------------------------
# Parser internals. Each reader gets the first word separately (it may be a
# token with "و" stripped), the token list, and the index after that word.
# ---------------------------------------------------------------------------


def _read_exact(first: str, words: Sequence[str], nxt: int, n: int) -> tuple[int, int] | None:
    seg = _segment(first, words, nxt, n, True)
    if seg is None:
        return None
    total, scale, end = seg
    while True:
        conj = _conj(words, end, n)
        if conj is None:
            break
        word, after = conj
        divisor = _FRACTIONS.get(word)
        if divisor is not None:
            # "مليون ونصف", "ألف ونصف", "مليون ونصف المليون"
            if scale < 1000:
                break
            total += scale // divisor
            end = after
            if end < n and _FRACTION_SCALES.get(words[end]) == scale:
                end += 1
            break
        # Digits may follow a scale word ("42 ألفا و384"), never a plain number ("25 و 3").
        nxt_seg = _segment(word, words, after, n, scale >= 1000)
        if nxt_seg is None or nxt_seg[1] >= scale or nxt_seg[0] >= scale:
            break
        total += nxt_seg[0]
        scale, end = nxt_seg[1], nxt_seg[2]
    return total, end


def _segment(
    first: str, words: Sequence[str], nxt: int, n: int, digits_ok: bool
) -> tuple[int, int, int] | None:
    """One scale group: (value, scale, end). scale is 1 below a thousand."""
    if first[:1].isdigit():
        if not digits_ok:
            return None
        return _digits(first, words, nxt, n)
    divisor = _FRACTIONS.get(first)
    if divisor is not None:
        if nxt < n:
            scale = _FRACTION_SCALES.get(words[nxt])
            if scale is not None:
                return scale // divisor, scale, nxt + 1
        return None
    small = _below_1000(first, words, nxt, n)
    if small is not None:
        value, end = small
        if end < n:
            factor = _MULTIPLIERS.get(words[end])
            if factor is not None:
                return value * factor, factor, end + 1
        return value, 1, end
    alone = _SCALE_ALONE.get(first)
    if alone is not None:
        return alone[0], alone[1], nxt
    return None


# No casualty count has more digits than this; longer runs are ids, phone
# numbers or junk (and int() refuses strings over 4,300 digits).
MAX_COUNT_CHARS = 15


def _digits(first: str, words: Sequence[str], nxt: int, n: int) -> tuple[int, int, int] | None:
    if not first.isascii() or len(first) > MAX_COUNT_CHARS:
        return None
    factor = _MULTIPLIERS.get(words[nxt]) if nxt < n else None
    if first.isdigit():
        value = int(first)
    elif _GROUPED.match(first):
        value = int(re.sub(r"\D", "", first))
    elif factor is not None and _DECIMAL.match(first):
        # "2.5 مليون": a decimal is a count only when scaled to a whole number.
        try:
            scaled = Decimal(first.replace(",", ".")) * factor
        except InvalidOperation:
            return None
        if scaled != scaled.to_integral_value():
            return None
        return int(scaled), factor, nxt + 1
    else:
        return None
    if factor is not None:
        return value * factor, factor, nxt + 1
    return value, 1, nxt


def _below_1000(first: str, words: Sequence[str], nxt: int, n: int) -> tuple[int, int] | None:
    hundreds = _HUNDREDS.get(first)
    end = nxt
    if hundreds is None:
        unit = _UNITS.get(first)
        if unit is not None and 3 <= unit <= 9 and nxt < n and words[nxt] in _HUNDRED_WORDS:
            hundreds, end = unit * 100, nxt + 1  # "ثلاث مئة"
    if hundreds is None:
        return _below_100(first, words, nxt, n)
    conj = _conj(words, end, n)
    if conj is not None:
        rest = _below_100(conj[0], words, conj[1], n)
        if rest is not None:
            return hundreds + rest[0], rest[1]
    return hundreds, end


def _below_100(first: str, words: Sequence[str], nxt: int, n: int) -> tuple[int, int] | None:
    teen = _TEEN_HEADS.get(first)
    if teen is not None and nxt < n and words[nxt] in _TEEN_TAILS:
        return teen, nxt + 1
    unit = _UNITS.get(first)
    if unit is not None:
        if unit < 10:
            conj = _conj(words, nxt, n)
            if conj is not None:
                tens = _TENS.get(conj[0])
                if tens is not None:
                    return unit + tens, conj[1]  # "ثلاثة وعشرين"
        return unit, nxt
    tens = _TENS.get(first)
    if tens is not None:
        return tens, nxt
    return None


def _conj(words: Sequence[str], i: int, n: int) -> tuple[str, int] | None:
    """The word after a conjunction at words[i] and the index after it."""
    if i >= n:
        return None
    word = words[i]
    if word == _AND:
        return (words[i + 1], i + 2) if i + 1 < n else None
    if len(word) > 1 and word[0] == _AND and word not in _KNOWN:
        return word[1:], i + 1
    return None
