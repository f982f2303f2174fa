"""Pure text functions: Arabic orthographic normalisation and matching keys.

Everything here works on plain strings and knows nothing about spaCy, so the
tokenizer, the components and the gazetteer builder all normalise the same way.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from camel_tools.utils.charmap import CharMapper
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

# camel-tools' "arclean" map removes tatweel and invisible marks, maps Eastern
# Arabic and Persian digits to ASCII and Persian keheh/yeh to Arabic letters.
_ARCLEAN = CharMapper.builtin_mapper("arclean")
_ARTICLE = "ال"
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """Normalise Arabic orthography for matching.

    Removes diacritics and tatweel, unifies alef/hamza forms to bare alef, alef
    maqsura to yeh, taa marbuta to heh, and maps Eastern Arabic and Persian
    digits to ASCII digits. Latin letters are lower-cased.

    text (str): The text to normalise.
    RETURNS (str): The normalised text (may differ in length from the input).
    """
    if not text:
        return text
    out = _fold_latin(normalize_unicode(text))
    out = _ARCLEAN(out)
    out = dediac_ar(out)
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    out = normalize_teh_marbuta_ar(out)
    out = _SPACES.sub(" ", out).strip() if len(out) != len(out.strip()) or "  " in out else out
    return out.lower()


def _fold_char(ch: str) -> str:
    if ch < "\u0080" or "\u0600" <= ch <= "\u06ff":
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def _fold_latin(text: str) -> str:
    # arclean drops Latin letters with diacritics ("ā"), so fold them to ASCII first.
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
