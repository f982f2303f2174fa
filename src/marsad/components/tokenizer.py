"""Clitic-aware Arabic tokenizer.

Wraps spaCy's rule-based Arabic tokenizer, adds "_" as an infix between letters
(so "#النظام_السوري" becomes "#", "النظام", "_", "السوري") and then splits
attached proclitics with `marsad.text.clitics.CliticSplitter`. Token texts always
join back to the input: `doc.text == text`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable, Iterator

import srsly
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    ensure_path,
    registry,
)
from spacy.attrs import NORM, ORTH, SPACY
from spacy.lang.tokenizer_exceptions import URL_PATTERN
from spacy.vocab import Vocab

from marsad.text.clitics import CliticSplitter
from marsad.resources import read_lines
from marsad.text.script import HARAKAT, LETTERS

# "_" joins words in hashtags; split it between letters only.
UNDERSCORE_INFIX = r"(?<=[^\W\d_])_(?=[^\W\d_])"
# An Arabic comma or semicolon with no space after it: "الأنبار،فيما"
ARABIC_COMMA_INFIX = rf"(?<=[{LETTERS}\u0640])[،؛](?=[{LETTERS}])"
# Punctuation glued between two words in scraped text: "ورفح.وقال", "والعسكريين,إضافة",
# "نصرالله!مجزرة", "عدن؟كشف", "لـ(داعش)", "دربتها)كما". A full stop needs two letters on
# each side, so "أ.ف.ب" and decimals stay as they were.
GLUED_STOP_INFIX = (rf"(?<=[{LETTERS}{HARAKAT}\u0640]{{2}})\.(?=[{LETTERS}]{{2}})"
                    rf"|(?<=[{LETTERS}{HARAKAT}\u0640])[,!؟?()](?=[{LETTERS}])")
# spaCy's URL pattern takes any letters for a top-level domain, so "ورفح.وقال" would be one "URL":
# a candidate made only of Arabic letters and full stops is no URL.
ARABIC_ONLY_URL = re.compile(rf"(?![{LETTERS}{HARAKAT}\u0640.]+$)" + URL_PATTERN, re.UNICODE)
# Guillemets and quotes glued to a word: "لـ«الشرق", "و«أوباري"
QUOTE_INFIX = rf"(?<=[{LETTERS}\u0640])[«»\"“”](?=[{LETTERS}])"
# Punctuation after a closing quote or bracket: 'داعش".' -> 'داعش', '"', '.'
QUOTE_PUNCT_SUFFIX = r"(?<=[\"'»”’\)\]])[\.,،:؛!؟?]"
# ... and after a final Arabic diacritic: 'قتيلاً.' -> 'قتيلاً', '.'
DIACRITIC_PUNCT_SUFFIX = rf"(?<=[{HARAKAT}])[\.,،:؛!؟?]"


@registry.tokenizers("marsad.ArabicTokenizer.v1")
def create_arabic_tokenizer(no_split_path: str | None = None) -> Callable[[Language], "ArabicTokenizer"]:
    """Create the clitic-aware tokenizer.

    no_split_path (str | None): file of words never split (one per line, "#"
        comments); None for the list shipped with marsad.
    """

    def make_tokenizer(nlp: Language) -> ArabicTokenizer:
        words = read_lines(no_split_path) if no_split_path else read_lines("no_split.txt")
        return ArabicTokenizer(nlp.vocab, _base_tokenizer(nlp), no_split=words, known_words=lexicon_words())

    return make_tokenizer


def lexicon_words() -> list[str]:
    """The one-word casualty triggers and victim words of the shipped casualty lexicon: a
    proclitic before one of them is split off however rare the word ("وأسرت", "وجريحان")."""
    from marsad.components.casualties.lexicon import KNOWN_WORD_KINDS, kin_victims, read_lexicon

    records = read_lexicon()
    records = records + kin_victims(records)
    return sorted({r["phrase"] for r in records if r.get("kind") in KNOWN_WORD_KINDS and " " not in r["phrase"]})


def _base_tokenizer(nlp: Language) -> Tokenizer:
    defaults = nlp.Defaults
    infixes = list(defaults.infixes or []) + [UNDERSCORE_INFIX, ARABIC_COMMA_INFIX, QUOTE_INFIX, GLUED_STOP_INFIX]
    return Tokenizer(
        nlp.vocab,
        rules=_without_norms(defaults.tokenizer_exceptions),
        prefix_search=compile_prefix_regex(defaults.prefixes).search,
        suffix_search=compile_suffix_regex(list(defaults.suffixes or []) + [QUOTE_PUNCT_SUFFIX, DIACRITIC_PUNCT_SUFFIX]).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=ARABIC_ONLY_URL.match,
    )


def _without_norms(exceptions: dict) -> dict:
    """spaCy's Arabic exceptions keep their pieces but not their norms: "أنا" would be normalised to
    "أنبأنا" and "نا" to "أخبرنا" (hadith abbreviations), which news text never means."""
    return {text: [{k: v for k, v in piece.items() if k != NORM} for piece in pieces]
            for text, pieces in (exceptions or {}).items()}


# A run of one repeated character that is neither a letter, a digit nor a space.
PUNCT_RUN = re.compile(r"([^\w\s])\1{31,}")


class ArabicTokenizer:
    """spaCy tokenizer that also splits attached proclitics.

    Split pieces get a `norm_` where it differs from their text: in "للنظام"
    the second piece's text is "لنظام" and its norm "النظام".
    """

    def __init__(self, vocab: Vocab, base: Tokenizer, *, no_split: Iterable[str] = (),
                 known_words: Iterable[str] = ()) -> None:
        self.vocab = vocab
        self.base = base
        self.no_split = sorted(set(no_split))
        self.known_words = sorted(set(known_words))
        self.splitter = CliticSplitter(self.no_split, self.known_words)

    def __call__(self, text: str) -> Doc:
        doc = self._base_doc(text)
        if not len(doc):
            return doc
        # Token texts and trailing spaces from arrays: creating a Token object per word costs
        # more than the splitting itself.
        strings = self.vocab.strings
        array = doc.to_array([ORTH, SPACY]).tolist()
        texts = [strings[orth] for orth, _ in array]
        split = self.splitter.split
        pieces_of = [split(word) for word in texts]
        if all(len(pieces) == 1 for pieces in pieces_of):
            return doc
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[tuple[int, str]] = []
        for pieces, (_, space) in zip(pieces_of, array):
            for piece in pieces:
                if piece.norm is not None:
                    norms.append((len(words), piece.norm))
                words.append(piece.text)
                spaces.append(False)
            spaces[-1] = bool(space)
        out = Doc(self.vocab, words=words, spaces=spaces)
        if norms:
            column = out.to_array(NORM)
            for i, norm in norms:
                column[i] = strings.add(norm)
            out.from_array([NORM], column.reshape(-1, 1))
        return out

    def _base_doc(self, text: str) -> Doc:
        """spaCy's tokenizer, except that long runs of one punctuation mark
        ("+++...", "###...") become single tokens: spaCy peels them one
        character at a time, which is quadratic (3,000 "+" take seconds)."""
        if PUNCT_RUN.search(text) is None:
            return self.base(text)
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for run in PUNCT_RUN.finditer(text):
            self._append_base(text[position:run.start()], words, spaces)
            words.append(run.group())
            spaces.append(False)
            position = run.end()
        self._append_base(text[position:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _append_base(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        for token in self.base(segment):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # Serialisation: the base tokenizer's rules plus the no-split and known-word lists.
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps(
            {"base": self.base.to_bytes(exclude=["vocab"]), "no_split": self.no_split, "known_words": self.known_words}
        )

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "ArabicTokenizer":
        msg = srsly.msgpack_loads(data)
        self.base.from_bytes(msg["base"], exclude=["vocab"])
        self.no_split = list(msg["no_split"])
        self.known_words = list(msg.get("known_words", ()))
        self.splitter = CliticSplitter(self.no_split, self.known_words)
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.to_bytes(exclude=exclude))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "ArabicTokenizer":
        return self.from_bytes(ensure_path(path).read_bytes(), exclude=exclude)

