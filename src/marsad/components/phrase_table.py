"""Phrase lookup on token norms, built from norm tuples instead of pattern Docs.

spaCy's PhraseMatcher(attr="NORM") needs one Doc per pattern: for the actor
knowledge base that is about 35,000 Docs and most of `marsad.load()`. A
`PhraseTable` gives the same matches (every pattern whose norms equal a run of
the document's norms, overlaps included) from a dict keyed by norm tuples, so
adding a pattern costs a tuple and matching a document costs one dict lookup
per token plus one per pattern length that starts with that token's norm.
"""
from __future__ import annotations

from typing import Iterable, Sequence


class PhraseTable:
    """Keys by phrase, a phrase being the tuple of its token norms."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, ...], list[str]] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}  # first norm -> pattern lengths, ascending

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: str) -> bool:
        return any(key in keys for keys in self._keys.values())

    def add(self, key: str, phrases: Iterable[Sequence[str]]) -> None:
        """Add phrases (each a sequence of token norms) under `key`; empty phrases are ignored."""
        for phrase in phrases:
            norms = tuple(phrase)
            if not norms:
                continue
            keys = self._keys.setdefault(norms, [])
            if key not in keys:
                keys.append(key)
            lengths = self._lengths.get(norms[0], ())
            if len(norms) not in lengths:
                self._lengths[norms[0]] = tuple(sorted((*lengths, len(norms))))

    def __call__(self, norms: Sequence[str]) -> list[tuple[str, int, int]]:
        """(key, start, end) of every phrase in `norms`, by start then length."""
        matches = []
        n = len(norms)
        lengths_of = self._lengths.get
        keys_of = self._keys.get
        for start, norm in enumerate(norms):
            lengths = lengths_of(norm)
            if lengths is None:
                continue
            for length in lengths:
                end = start + length
                if end > n:
                    break
                keys = keys_of(tuple(norms[start:end]))
                if keys:
                    matches.extend((key, start, end) for key in keys)
        return matches
