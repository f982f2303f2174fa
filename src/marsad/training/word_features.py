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
pairs by `python -m marsad.training.word_features`): "xxxx|4n" for "باتريك". The list
holds foreign names as they are transliterated ("آلتونين"), the names the
model has not met in training.

`marsad.frequency_name_shape.v2` adds a second list: "w" after the band when the
word is not on that list but is in the name units of people from Wikidata
(data/person_names_wikidata.txt, built from the index of the
arabic-name-romanizer package): Arab given names and family names
("xxxx|2w" for "التكريتي"). The two marks stay apart so that the model can learn how far to
trust each.
"""
from __future__ import annotations

import json
import sqlite3
import sys
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from spacy.attrs import SHAPE
from spacy.lang.lex_attrs import word_shape
from spacy.language import Language
from spacy.util import registry

from marsad.text.clitics import _light, _zipf
from marsad.resources import data_path
from marsad.text.orthography import normalize
from marsad.text.script import all_letters

MAX_BAND = 7
PERSON_NAMES_PATH = data_path("person_names.txt")
# where the name pairs lie inside the arabnamer wheel (CC BY 4.0 data, MIT code)
ARABNAMER_MEMBER = "arabnamer/data/dict_FINAL.json"
WIKIDATA_NAMES_PATH = data_path("person_names_wikidata.txt")
# the name index inside the arabic-name-romanizer wheel (Wikidata CC0, DziriNames MIT)
ROMANIZER_MEMBER = "arabic_name_romanizer/resources/names.sqlite3"
PERSON_NAMES_HEADER = """\
# Words of person names in Arabic script, normalised (marsad.text.orthography.normalize), one per line.
# Built by `python -m marsad.training.word_features` from the Arabic sides of the English -> Arabic
# name pairs in arabnamer 0.1.3 (Elsayed Yousef, https://github.com/sayedyousef/arabnamer,
# data under CC BY 4.0): split into words, normalised, deduplicated and sorted.
"""
WIKIDATA_NAMES_HEADER = """\
# Words of person names in Arabic script, normalised (marsad.text.orthography.normalize), one per line.
# Built by `python -m marsad.training.word_features` from the name units (given and family names) in the
# index of arabic-name-romanizer 0.2.0 (https://github.com/unicef/arabic_name_romanizer, code MIT):
# split into words, normalised, deduplicated and sorted. The index derives from
# - Wikidata labels of people (CC0 1.0, https://www.wikidata.org);
# - the DziriNames benchmark (https://github.com/ElphenomenoCoding/DziriNames), under this notice:
#   MIT License. Copyright (c) 2026 Yacine BENAKMOUME
#   Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
#   associated documentation files (the "Software"), to deal in the Software without restriction,
#   including without limitation the rights to use, copy, modify, merge, publish, distribute,
#   sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
#   furnished to do so, subject to the following conditions: The above copyright notice and this
#   permission notice shall be included in all copies or substantial portions of the Software.
#   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
#   NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
#   NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
#   DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
#   OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
#   (DziriNames credits the Algerian names and surnames dataset of Youcef Amoura, Kaggle 2024, MIT,
#   and the Algerian Name Transcription Corpus of Taha Zerrouki, CC0 1.0.)
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


def read_word_list(path: Path) -> frozenset[str]:
    """The words of a list file: one per line, "#" lines are its header."""
    lines = path.read_text(encoding="utf8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def person_name_words() -> frozenset[str]:
    """The normalised words of data/person_names.txt."""
    return read_word_list(PERSON_NAMES_PATH)


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


@lru_cache(maxsize=1)
def wikidata_name_words() -> frozenset[str]:
    """The normalised words of data/person_names_wikidata.txt."""
    return read_word_list(WIKIDATA_NAMES_PATH)


def frequency_name_sources_shape(text: str) -> str:
    """`frequency_shape`, plus "n" for a word on the arabnamer list, else "w" for one on the Wikidata list."""
    shape = frequency_shape(text)
    if "|" not in shape:
        return shape
    norm = normalize(text)
    if norm in person_name_words():
        return shape + "n"
    if norm in wikidata_name_words():
        return shape + "w"
    return shape


@registry.callbacks("marsad.frequency_name_shape.v2")
def create_frequency_name_sources_shape() -> Callable[[Language], Language]:
    """Set the vocab's SHAPE getter to `frequency_name_sources_shape` (for `[nlp.after_creation]`)."""
    return shape_setter(frequency_name_sources_shape)


def read_romanizer_names(source: Path) -> list[str]:
    """The Arabic name units (given names, family names) of arabic-name-romanizer's index,
    from its wheel or from the SQLite file itself."""
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as wheel:
            if ROMANIZER_MEMBER not in wheel.namelist():
                raise ValueError(f"{source} has no {ROMANIZER_MEMBER}: not an arabic-name-romanizer wheel")
            data = wheel.read(ROMANIZER_MEMBER)
        connection = sqlite3.connect(":memory:")
        connection.deserialize(data)
    else:
        connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        return [key for (key,) in connection.execute("SELECT arabic_key FROM units")]
    except sqlite3.DatabaseError as error:
        raise ValueError(f"{source} is not arabic-name-romanizer's name index: {error}") from None
    finally:
        connection.close()


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
            if len(word) >= 2 and all_letters(word):
                words.add(word)
    return sorted(words)


def is_romanizer_source(source: Path) -> bool:
    """Whether `source` is arabic-name-romanizer's wheel or name index (else arabnamer's)."""
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as wheel:
            return ROMANIZER_MEMBER in wheel.namelist()
    return source.suffix == ".sqlite3"


def main(argv: list[str] | None = None) -> None:
    """python -m marsad.training.word_features WHEEL_OR_FILE [OUT]: rebuild a person-name list.

    From arabnamer's wheel (or its JSON): data/person_names.txt. From
    arabic-name-romanizer's wheel (or its names.sqlite3): data/person_names_wikidata.txt.
    """
    args = sys.argv[1:] if argv is None else argv
    if not args or len(args) > 2:
        raise SystemExit("usage: python -m marsad.training.word_features WHEEL_OR_FILE [OUT]")
    source = Path(args[0])
    if not source.is_file():
        raise SystemExit(f"no such file: {source} (get it with `pip download arabnamer==0.1.3 --no-deps`"
                         " or `pip download arabic-name-romanizer==0.2.0 --no-deps`)")
    if is_romanizer_source(source):
        words = person_name_list(read_romanizer_names(source))
        header, default_out = WIKIDATA_NAMES_HEADER, WIKIDATA_NAMES_PATH
    else:
        words = person_name_list(read_name_pairs(source).values())
        header, default_out = PERSON_NAMES_HEADER, PERSON_NAMES_PATH
    out = Path(args[1]) if len(args) == 2 else default_out
    out.write_text(header + "\n".join(words) + "\n", encoding="utf8")
    print(f"{len(words)} person-name words -> {out}")


if __name__ == "__main__":
    main()
