"""Word features for the statistical NER that Arabic script does not show.

English NER leans on capital letters; Arabic has none. What tells a
transliterated name ("وايزنغر", "كامينين") from an ordinary word is that it is
rare in Arabic at large. `marsad.frequency_shape.v1`, an `[nlp.after_creation]`
callback, makes each word's SHAPE carry its frequency band in wordfreq's Arabic
list next to spaCy's usual shape: "xxxx|5" for "الرئيس", "xxxx|0" for
"وايزنغر". The tok2vec already embeds SHAPE, so the model learns what the band
is worth from the training data; nothing else in the pipeline reads SHAPE.

On the ANERcorp test split 32% of the words in person names are below band 3,
against 5% of the words outside names.

`marsad.frequency_name_shape.v1` adds one more cue: "n" after the band when the
word is in marsad's list of person-name words in Arabic script
(data/person_names.txt, built from arabnamer's 22,797 English -> Arabic name
pairs by `python -m marsad.word_features`): "xxxx|4n" for "باتريك". The list
holds foreign names as they are transliterated ("آلتونين"), the names the
model has not met in training.
"""
from __future__ import annotations

import json
import sys
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from spacy.attrs import SHAPE
from spacy.lang.lex_attrs import word_shape
from spacy.language import Language
from spacy.util import registry

from .clitics import _light, _zipf
from .text import normalize

MAX_BAND = 7
PERSON_NAMES_PATH = Path(__file__).parent / "data" / "person_names.txt"
# where the name pairs lie inside the arabnamer wheel (CC BY 4.0 data, MIT code)
ARABNAMER_MEMBER = "arabnamer/data/dict_FINAL.json"
PERSON_NAMES_HEADER = """\
# Words of person names in Arabic script, normalised (marsad.text.normalize), one per line.
# Built by `python -m marsad.word_features` from the Arabic sides of the English -> Arabic
# name pairs in arabnamer 0.1.3 (Elsayed Yousef, https://github.com/sayedyousef/arabnamer,
# data under CC BY 4.0): split into words, normalised, deduplicated and sorted.
"""


def frequency_band(text: str) -> int:
    """wordfreq's Zipf frequency of `text` in Arabic, rounded down: 0 (unknown) to 7."""
    return min(int(_zipf(_light(text))), MAX_BAND)


def frequency_shape(text: str) -> str:
    """spaCy's word shape, plus "|band" for a word with letters."""
    shape = word_shape(text)
    if not any(ch.isalpha() for ch in text):
        return shape
    return f"{shape}|{frequency_band(text)}"


def shape_setter(get_shape: Callable[[str], str]) -> Callable[[Language], Language]:
    """An `[nlp.after_creation]` callback that makes `get_shape` the vocab's SHAPE getter."""

    def set_shape(nlp: Language) -> Language:
        nlp.vocab.lex_attr_getters[SHAPE] = get_shape
        return nlp

    return set_shape


@registry.callbacks("marsad.frequency_shape.v1")
def create_frequency_shape() -> Callable[[Language], Language]:
    """Set the vocab's SHAPE getter to `frequency_shape` (for `[nlp.after_creation]`)."""
    return shape_setter(frequency_shape)


@lru_cache(maxsize=1)
def person_name_words() -> frozenset[str]:
    """The normalised words of data/person_names.txt."""
    lines = PERSON_NAMES_PATH.read_text(encoding="utf8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def frequency_name_shape(text: str) -> str:
    """`frequency_shape`, plus "n" for a word of a person's name."""
    shape = frequency_shape(text)
    if "|" in shape and normalize(text) in person_name_words():
        return shape + "n"
    return shape


@registry.callbacks("marsad.frequency_name_shape.v1")
def create_frequency_name_shape() -> Callable[[Language], Language]:
    """Set the vocab's SHAPE getter to `frequency_name_shape` (for `[nlp.after_creation]`)."""
    return shape_setter(frequency_name_shape)


def read_name_pairs(source: Path) -> dict[str, str]:
    """arabnamer's English -> Arabic name pairs, from its wheel or from the JSON file itself."""
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as wheel:
            if ARABNAMER_MEMBER not in wheel.namelist():
                raise ValueError(f"{source} has no {ARABNAMER_MEMBER}: not an arabnamer wheel")
            return json.loads(wheel.read(ARABNAMER_MEMBER))
    return json.loads(Path(source).read_text(encoding="utf8"))


def person_name_list(arabic_names: Iterable[str]) -> list[str]:
    """The sorted normalised words (two letters or more, Arabic script only) of `arabic_names`."""
    words = set()
    for name in arabic_names:
        for word in name.split():
            word = normalize(word)
            if len(word) >= 2 and all("\u0621" <= ch <= "\u064a" for ch in word):
                words.add(word)
    return sorted(words)


def main(argv: list[str] | None = None) -> None:
    """python -m marsad.word_features ARABNAMER_WHEEL_OR_JSON [OUT]: rebuild data/person_names.txt."""
    args = sys.argv[1:] if argv is None else argv
    if not args or len(args) > 2:
        raise SystemExit("usage: python -m marsad.word_features ARABNAMER_WHEEL_OR_JSON [OUT]")
    source = Path(args[0])
    if not source.is_file():
        raise SystemExit(f"no such file: {source} (get it with `pip download arabnamer==0.1.3 --no-deps`)")
    out = Path(args[1]) if len(args) == 2 else PERSON_NAMES_PATH
    words = person_name_list(read_name_pairs(source).values())
    out.write_text(PERSON_NAMES_HEADER + "\n".join(words) + "\n", encoding="utf8")
    print(f"{len(words)} person-name words -> {out}")


if __name__ == "__main__":
    main()
