"""Text fingerprints: a bottom-k MinHash sketch of word 3-shingles.

News agencies' copy is republished nearly word for word by many papers. Two
reports whose sentences share most of their word triples tell one incident,
whatever the extractor made of each. A sketch holds the number of
shingles and at most SKETCH_SIZE 64-bit hashes (never the words), so a merged
dataset can compare new reports with old ones without keeping the articles'
text. The Jaccard similarity of two texts is estimated from their sketches
(Broder's bottom-k estimator), and from it and the two sizes, how much of the
shorter text the longer one contains (a paper that adds a sentence to the
agency's copy still contains it).
"""
from __future__ import annotations

import hashlib
from heapq import nsmallest
from typing import Iterable

SKETCH_SIZE = 32
SHINGLE_WORDS = 3


def _hash(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf8"), digest_size=8).digest(), "big")


def text_sketch(words: Iterable[str], size: int = SKETCH_SIZE) -> dict:
    """{"shingles": how many distinct word 3-shingles `words` (normalised, no punctuation)
    have, "minhash": the `size` smallest of their hashes, ascending}."""
    tokens = [w for w in words if w.isalnum()]
    hashes = {_hash(" ".join(tokens[i : i + SHINGLE_WORDS])) for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    return {"shingles": len(hashes), "minhash": sorted(nsmallest(size, hashes))}


def jaccard(a: dict | None, b: dict | None) -> float:
    """Estimated Jaccard similarity of the texts behind two sketches (0.0 when either is empty)."""
    ha, hb = (a or {}).get("minhash") or [], (b or {}).get("minhash") or []
    if not ha or not hb:
        return 0.0
    first = nsmallest(max(len(ha), len(hb)), set(ha) | set(hb))
    shared = set(ha) & set(hb)
    return sum(1 for h in first if h in shared) / len(first)


def containment(a: dict | None, b: dict | None) -> float:
    """Estimated share of the shorter text's shingles found in the other text."""
    j = jaccard(a, b)
    if j == 0.0:
        return 0.0
    na, nb = a["shingles"], b["shingles"]
    union = (na + nb) / (1 + j)
    return min(1.0, j * union / min(na, nb))
