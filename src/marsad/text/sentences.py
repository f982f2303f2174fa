"""Sentence ids per token, cheap and dependency-free (no parser in the pipeline)."""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

SENTENCE_END = frozenset({".", "!", "?", "؟", "۔", "…"})


def sentence_ids_from(norms: Sequence[str], texts: Sequence[str]) -> list[int]:
    """Sentence number of each token: a sentence ends at . ! ? ؟ … or a line
    break, also when the full stop is still stuck to its word."""
    ids = []
    current = 0
    for norm, text in zip(norms, texts):
        ids.append(current)
        if norm in SENTENCE_END or "\n" in text or (len(text) > 1 and text[-1] == "."):
            current += 1
    return ids


def sentence_ids(doc: Doc) -> list[int]:
    return sentence_ids_from([t.norm_ for t in doc], [t.text for t in doc])
