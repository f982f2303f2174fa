"""Phrase patterns as the pipeline tokenises them, cached on disk.

The actor ruler, the casualty matcher and the event builder match thousands of
phrases on token norms. Tokenising and normalising every phrase at each
`marsad.load()` took most of the start-up time (the clitic splitter also pulls
in wordfreq's table). The norms of each phrase only change when the tokenizer,
the normalisation or the phrases change, so they are computed once and kept in
the cache directory (`MARSAD_CACHE_DIR`, else ~/.cache/marsad) under a digest
of all of these; a missing, stale or unreadable cache file is simply rebuilt.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import spacy
import srsly
from spacy.language import Language
from spacy.tokens import Doc

from marsad.components.normalizer import normalize_doc
from marsad.resources import data_path

logger = logging.getLogger("marsad")
CACHE_ENV = "MARSAD_CACHE_DIR"
FORMAT = 1


@lru_cache(maxsize=1)
def _tokenizer_fingerprint() -> str:
    """Everything besides the phrases that decides their tokens and norms."""
    from importlib.metadata import version

    import marsad.components.tokenizer as tokenizer_module
    import marsad.text.clitics as clitics_module
    import marsad.text.orthography as orthography_module

    digest = hashlib.sha256(f"{FORMAT}|{spacy.__version__}|{version('wordfreq')}".encode())
    for path in (Path(tokenizer_module.__file__), Path(clitics_module.__file__), Path(orthography_module.__file__),
                 data_path("normalization.json"), data_path("no_split.txt")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "marsad")


def _uses_default_tokenizer(nlp: Language) -> bool:
    tokenizer = getattr(nlp, "tokenizer", None)
    splitter = getattr(tokenizer, "splitter", None)
    if splitter is None:
        return False
    from marsad.resources import read_lines
    from marsad.text.clitics import _light

    return splitter.no_split == frozenset(_light(w) for w in read_lines("no_split.txt"))


def phrase_norms(nlp: Language, phrases: Sequence[str]) -> list[tuple[tuple[str, ...], tuple[bool, ...]]]:
    """Each phrase as (normalised token norms, whether a space follows each token), in order;
    cached on disk for marsad's own tokenizer."""
    phrases = list(phrases)
    cacheable = _uses_default_tokenizer(nlp)
    path = None
    if cacheable:
        key = hashlib.sha256(_tokenizer_fingerprint().encode())
        key.update("\x00".join(phrases).encode("utf8", "surrogatepass"))
        path = _cache_dir() / f"patterns-{key.hexdigest()[:24]}.msgpack"
        try:
            cached = srsly.msgpack_loads(path.read_bytes())
            if isinstance(cached, list) and len(cached) == len(phrases):
                return [(tuple(norms), tuple(spaces)) for norms, spaces in cached]
        except (OSError, ValueError, TypeError):
            pass
    found = []
    for phrase in phrases:
        doc = normalize_doc(nlp.make_doc(phrase))
        found.append((tuple(t.norm_ for t in doc), tuple(bool(t.whitespace_) for t in doc)))
    if path is not None:
        _write(path, srsly.msgpack_dumps([[list(n), list(s)] for n, s in found]))
    return found


def norm_doc(nlp: Language, norms: Sequence[str], spaces: Sequence[bool] | None = None) -> Doc:
    """A pattern Doc whose tokens carry these norms (what a PhraseMatcher on NORM compares)."""
    doc = Doc(nlp.vocab, words=list(norms), spaces=list(spaces) if spaces is not None else None)
    for token, norm in zip(doc, norms):
        token.norm_ = norm
    return doc


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as handle:
            handle.write(data)
        os.replace(handle.name, path)
    except OSError as err:  # a read-only cache only costs time
        logger.debug("pattern cache not written: %s", err)
