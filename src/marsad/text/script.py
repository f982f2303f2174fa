"""Arabic script: the character ranges marsad tests, named once (used in code and in regexes).

camel-tools' `charsets` has the same sets, but building them scans all of Unicode at import
time (1-2 s); these are the few ranges marsad needs.
"""
from __future__ import annotations

LETTERS = "\u0621-\u064a"  # hamza to yeh, tatweel included
PLAIN_LETTERS = "\u0621-\u063a\u0641-\u064a"  # the same without tatweel and the letters between
HARAKAT = "\u064b-\u0652"  # fathatan to sukun
MARKS = "\u064b-\u065f"  # harakat and the other combining marks of the Arabic block
EXTENDED_LETTERS = "\u0671-\u06d3"  # alef wasla to yeh barree (Persian, Urdu letters)
BLOCKS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"  # every Arabic block
DAGGER_ALEF = "\u0670"
TATWEEL = "\u0640"


def is_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a"


def is_mark(ch: str) -> bool:
    """A haraka or another combining mark, the dagger alef or tatweel."""
    return "\u064b" <= ch <= "\u065f" or ch == DAGGER_ALEF or ch == TATWEEL


def all_letters(text: str) -> bool:
    return all("\u0621" <= ch <= "\u064a" for ch in text)
