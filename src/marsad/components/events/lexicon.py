"""Word lists of the event builder, matched on token keys.

A key is a token's normalised norm with the article dropped ("الغارة" and
"غارة" share one key), so a list entry needs no definite/indefinite twin;
proclitics are split off by the tokenizer already. Matching is longest-first
at each token, one pass over the doc.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language

from marsad.components.patterns import pattern_norms


def token_key(norm: str) -> str:
    if norm.startswith("ال") and len(norm) > 4:
        return norm[2:]
    return norm


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    record: dict


class KeyMatcher:
    """Longest-match lookup of phrases (records with a "phrase") over token norms."""

    def __init__(self, nlp: Language, records: list[dict]) -> None:
        self.records = records
        self._phrases: dict[tuple[str, ...], dict] = {}
        lengths: dict[str, set[int]] = {}
        for record in records:
            key = tuple(token_key(norm) for norm in pattern_norms(nlp, record["phrase"]))
            if key and key not in self._phrases:
                self._phrases[key] = record
                lengths.setdefault(key[0], set()).add(len(key))
        # first key -> the phrase lengths that start with it, longest first
        self._lengths = {first: sorted(found, reverse=True) for first, found in lengths.items()}

    def find(self, keys: list[str]) -> list[Match]:
        out: list[Match] = []
        i, n = 0, len(keys)
        lengths_of, phrases = self._lengths.get, self._phrases
        while i < n:
            for length in lengths_of(keys[i], ()):
                if i + length > n:
                    continue
                record = phrases.get(tuple(keys[i:i + length]))
                if record is not None:
                    out.append(Match(i, i + length, record))
                    i += length
                    break
            else:
                i += 1
        return out
