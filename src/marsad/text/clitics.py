"""Proclitic splitting for Arabic words: a pure function, no spaCy.

spaCy's Arabic tokenizer keeps "لداعش", "والمسلحين", "بريف", "للنظام" whole. We
split an attached conjunction (و ف) and preposition (ب ل ك) when what remains
is a word. Without a morphological analyser (camel-tools' needs a database that
cannot be downloaded here) "is a word" is decided from corpus frequencies
(wordfreq's Arabic list): the remainder must be a clearly more frequent word
than the whole, or carry the definite article, or be a number.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable


from marsad.text.frequency import zipf as _zipf
from marsad.text.orthography import dediacritize, normalize
from marsad.text.script import is_mark

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
ARTICLE = "ال"
TATWEEL = "\u0640"
# Split a plain remainder only when it is this much more frequent (zipf units)
# than the whole word: "بريف" 3.8 vs "ريف" 4.2 splits, "بيان" 4.9 vs "يان" 3.8 does not.
MIN_GAIN = 0.3
MIN_REMAINDER_ZIPF = 2.5
MIN_CONJ_REMAINDER_ZIPF = 3.0
CONJ_GAIN = -0.5
# Very frequent whole words ("كما", "لما", "بعد") are function words, not clitic + word.
MAX_WHOLE_ZIPF = 5.8
# ... but و before a preposition is always the conjunction, however frequent the pair is in
# wordfreq: "وفي البصرة" is و + في, so the place keeps its preposition (ف + preposition passes the
# frequency test already).
CONJOINED_PREPOSITIONS = frozenset({"في", "من", "على", "الى", "إلى", "عن", "مع", "منذ", "خلال", "بعد", "قبل", "بين", "حول", "ضد", "عند", "لدى", "حتى"})
# An article remainder ("المسلحين") splits unless the whole is far more frequent ("والدة").
ARTICLE_MARGIN = 1.0
# ... and always when the article word is itself attested ("بالقرب" -> ب + القرب).
ARTICLE_WORD_ZIPF = 2.0


@dataclass(frozen=True)
class Piece:
    """A piece of a token: its exact text and, where it differs, its norm."""

    text: str
    norm: str | None = None


def _is_mark(ch: str) -> bool:
    return is_mark(ch)


def _light(text: str) -> str:
    return dediacritize(text)


def _is_arabic_word(text: str) -> bool:
    return all("\u0621" <= ch <= "\u064a" or _is_mark(ch) or "\u0671" <= ch <= "\u06d3" for ch in text)


def _is_number(text: str) -> bool:
    return text.isdigit()


def _clitic_end(text: str) -> int:
    """Index just after the first letter and any diacritics attached to it."""
    end = 1
    while end < len(text) and _is_mark(text[end]):
        end += 1
    return end


class CliticSplitter:
    """Decides how to split one token into proclitics and a word.

    no_split (Iterable[str]): words never split (function words, place names
        such as "لحج" whose remainder happens to be a word).
    known_words (Iterable[str]): words the pipeline's lexicons look for ("أسرت",
        "جريحان"); a remainder that is one of them is split off even when it is too
        rare in wordfreq to pass the frequency test ("وأسرت" -> و + أسرت).
    """

    def __init__(self, no_split: Iterable[str] = (), known_words: Iterable[str] = ()) -> None:
        self.no_split = frozenset(_light(w) for w in no_split)
        self.known_words = frozenset(normalize(w) for w in known_words)
        self._cache: dict[str, tuple[Piece, ...]] = {}

    def split(self, text: str) -> tuple[Piece, ...]:
        """Split `text` into pieces whose texts join back to `text` exactly.

        RETURNS (tuple[Piece, ...]): one piece when nothing is split.
        """
        cached = self._cache.get(text)
        if cached is None:
            cached = tuple(self._split(text, CONJUNCTIONS + PREPOSITIONS))
            if len(self._cache) < 500_000:
                self._cache[text] = cached
        return cached

    def _split(self, text: str, allowed: str) -> list[Piece]:
        if len(text) < 2 or text[0] not in allowed:
            return [Piece(text)]
        end = _clitic_end(text)
        rest = text[end:]
        if not rest:
            return [Piece(text)]
        if _is_number(rest):
            return [Piece(text[:end], text[0]), Piece(rest)]
        # و before a Latin-script word is always the conjunction ("وDell").
        if text[0] == "و" and rest[0].isascii() and rest[0].isalpha():
            return [Piece(text[:end], text[0]), Piece(rest)]
        if not _is_arabic_word(text):
            return [Piece(text)]
        whole = _light(text)
        if whole in self.no_split or len(whole) < 3:
            return [Piece(text)]
        rest_light = whole[1:]
        clitic = Piece(text[:end], text[0])
        # ل + ال is written لل: "للنظام" is ل + (ا)لنظام.
        if text[0] == "ل" and rest_light.startswith("ل") and len(rest_light) >= 4:
            with_article = "ا" + rest_light
            if self._accept(whole, with_article):
                return [clitic, Piece(rest, with_article)]
        # ك is rarely a clitic before a bare noun ("كرد" is not ك + رد).
        if text[0] == "ك" and not rest_light.startswith(ARTICLE):
            return [Piece(text)]
        if not self._accept(whole, rest_light, conjunction=text[0] == "و"):
            return [Piece(text)]
        next_allowed = PREPOSITIONS if text[0] in CONJUNCTIONS else ""
        return [clitic] + self._split(rest, next_allowed)

    def _accept(self, whole: str, rest: str, conjunction: bool = False) -> bool:
        if rest in self.no_split or (conjunction and rest in CONJOINED_PREPOSITIONS):
            return True
        if len(rest) >= 3 and self.known_words and normalize(rest) in self.known_words \
                and normalize(whole) not in self.known_words:
            return True
        if rest.startswith(ARTICLE) and len(rest) >= 4:
            rest_zipf = _zipf(rest)
            return rest_zipf >= ARTICLE_WORD_ZIPF or _zipf(whole) < rest_zipf + ARTICLE_MARGIN
        if len(rest) < 2:
            return False
        whole_zipf = _zipf(whole)
        if whole_zipf >= MAX_WHOLE_ZIPF:
            return False
        rest_zipf = _zipf(rest)
        if conjunction:
            # و is the commonest proclitic and wordfreq counts "وحلفائها" as a word
            # of its own, so a clearly attested remainder is enough.
            return rest_zipf >= MIN_CONJ_REMAINDER_ZIPF and rest_zipf >= whole_zipf + CONJ_GAIN
        return rest_zipf >= MIN_REMAINDER_ZIPF and rest_zipf >= whole_zipf + MIN_GAIN
