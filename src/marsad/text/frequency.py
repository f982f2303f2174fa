"""Word frequencies (wordfreq's Arabic list): the one place marsad asks for them.

wordfreq is imported on first use, not at import time: importing it costs
most of a second, and a pipeline that never needs a frequency never pays.
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=500_000)
def zipf(word: str) -> float:
    """Zipf frequency of an Arabic word (0 when unknown, about 7 for the commonest)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "ar")
