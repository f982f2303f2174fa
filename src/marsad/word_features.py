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
"""
from __future__ import annotations

from typing import Callable

from spacy.attrs import SHAPE
from spacy.lang.lex_attrs import word_shape
from spacy.language import Language
from spacy.util import registry

from .clitics import _light, _zipf

MAX_BAND = 7


def frequency_band(text: str) -> int:
    """wordfreq's Zipf frequency of `text` in Arabic, rounded down: 0 (unknown) to 7."""
    return min(int(_zipf(_light(text))), MAX_BAND)


def frequency_shape(text: str) -> str:
    """spaCy's word shape, plus "|band" for a word with letters."""
    shape = word_shape(text)
    if not any(ch.isalpha() for ch in text):
        return shape
    return f"{shape}|{frequency_band(text)}"


@registry.callbacks("marsad.frequency_shape.v1")
def create_frequency_shape() -> Callable[[Language], Language]:
    """Set the vocab's SHAPE getter to `frequency_shape` (for `[nlp.after_creation]`)."""

    def set_shape(nlp: Language) -> Language:
        nlp.vocab.lex_attr_getters[SHAPE] = frequency_shape
        return nlp

    return set_shape
