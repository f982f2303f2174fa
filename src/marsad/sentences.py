"""Sentence ids per token, cheap and dependency-free (no parser in the pipeline)."""
from __future__ import annotations

from spacy.tokens import Doc

SENTENCE_END = {".", "!", "?", "؟", "۔"}


def sentence_ids(doc: Doc) -> list[int]:
    """Sentence number of each token: a sentence ends at . ! ? ؟ or a line break."""
    ids = []
    current = 0
    for token in doc:
        ids.append(current)
        if token.norm_ in SENTENCE_END or "\n" in token.text:
            current += 1
    return ids
