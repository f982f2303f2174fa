"""Pure text functions: Arabic orthographic normalisation and matching keys.

Everything here works on plain strings and knows nothing about spaCy, so the
tokenizer, the components and the gazetteer builder all normalise the same way.
"""
from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from marsad.resources import data_path

_ARTICLE = "ال"
_SPACES = re.compile(r"\s+")


class _CharTable(dict):
    """str.translate table of camel-tools' per-character steps, filled on first sight of a
    character: kept, mapped (data/normalization.json's "map") or dropped."""

    def __init__(self, keep_ranges: list[list[int]], mapped: dict[str, str]) -> None:
        super().__init__()
        self._keep_starts = [start for start, _ in keep_ranges]
        self._keep_ends = [end for _, end in keep_ranges]
        self._mapped = {int(code): out for code, out in mapped.items()}

    def __missing__(self, code: int) -> str | None:
        if code in self._mapped:
            value: str | None = self._mapped[code]
        else:
            i = bisect_right(self._keep_starts, code) - 1
            value = chr(code) if i >= 0 and code <= self._keep_ends[i] else None
        self[code] = value
        return value


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], _CharTable, str]:
    data = json.loads(data_path("normalization.json").read_text(encoding="utf8"))
    before = {int(code): out for code, out in data["before_nfkc"].items()}
    return before, _CharTable(data["keep_ranges"], data["map"]), data["ar_diacritics"]


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Normalise Arabic orthography for matching.

    Removes diacritics and tatweel, unifies alef/hamza forms to bare alef, alef
    maqsura to yeh, taa marbuta to heh, and maps Eastern Arabic and Persian
    digits to ASCII digits. Latin letters are lower-cased. This is camel-tools'
    normalize_unicode, "arclean" map, dediac_ar and normalize_*_ar, applied as
    precomputed tables (see marsad.text.normalization_tables).

    text (str): The text to normalise.
    RETURNS (str): The normalised text (may differ in length from the input).
    """
    if not text:
        return text
    before, table, _ = _tables()
    out = unicodedata.normalize("NFKC", text.translate(before)).translate(table)
    return _collapse_spaces(out).lower()


def dediacritize(text: str) -> str:
    """Remove Arabic diacritics (camel-tools' dediac_ar) and tatweel."""
    marks = _tables()[2]
    return text if not any(ch in marks or ch == "\u0640" for ch in text) else "".join(
        ch for ch in text if ch not in marks and ch != "\u0640")


def _collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip() if len(text) != len(text.strip()) or "  " in text else text


def _fold_char(ch: str) -> str:
    if ch < "\u0080" or "\u0600" <= ch <= "\u06ff":
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def fold_latin(text: str) -> str:
    """Latin letters with diacritics folded to ASCII ("ā" -> "a"): camel-tools' arclean drops them."""
    return text if text.isascii() else "".join(_fold_char(ch) for ch in text)


def strip_article(norm: str) -> str:
    """Remove a leading definite article from an already normalised word."""
    if norm.startswith(_ARTICLE) and len(norm) > len(_ARTICLE) + 1:
        return norm[len(_ARTICLE):]
    return norm


def name_key(text: str) -> str:
    """Matching key for a (possibly multi-word) name: normalised, the article
    dropped from every word, Latin letters folded to ASCII.

    "الحجر الأسود" and "حجر الاسود" share one key; so do "Al Mayādīn" and
    "al mayadin" (the Latin article is kept: Latin names are matched as given).
    """
    norm = normalize(text)
    words = [strip_article(w) for w in norm.replace("-", " ").split()]
    key = " ".join(w for w in words if w)
    return key
