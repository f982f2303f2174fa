"""Word frequencies (wordfreq's Arabic list): the one place marsad asks for them.

wordfreq is imported on first use, not at import time: importing it costs
most of a second, and a pipeline that never needs a frequency never pays.
A word of plain Arabic letters is looked up in wordfreq's frequency table
directly, with wordfreq's own rounding: `zipf_frequency` would first run its
regex tokenizer over the word, which is most of the tokenizer's time in marsad.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from marsad.text.script import PLAIN_LETTERS

# Letters wordfreq's tokenizer keeps as one token and its Arabic preprocessing leaves unchanged.
_PLAIN_ARABIC = re.compile(f"[{PLAIN_LETTERS}]+")
_MIN_FREQ = 1e-9  # wordfreq's zipf 0


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("ar", "best")


@lru_cache(maxsize=500_000)
def zipf(word: str) -> float:
    """Zipf frequency of an Arabic word (0 when unknown, about 7 for the commonest);
    equal to `wordfreq.zipf_frequency(word, "ar")`."""
    if _PLAIN_ARABIC.fullmatch(word):
        freq = max(_table().get(word, 0.0), _MIN_FREQ)
        freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
        return round(math.log(freq, 10) + 9, 2)
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ar")
