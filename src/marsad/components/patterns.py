"""Phrase patterns as the pipeline tokenises them, cached on disk.

The actor ruler, the casualty matcher, the event builder and the location
linker match thousands of phrases on token norms. Tokenising and normalising
every phrase at each `marsad.load()` took most of the start-up time (and the
clitic splitter pulls in wordfreq's table). A phrase's tokens only change when
the tokenizer or the normalisation change, so `pattern_doc` keeps them in one
cache file per tokenizer version (`MARSAD_CACHE_DIR`, else ~/.cache/marsad),
named by a digest of the tokenizer's code, its no-split list, the
normalisation tables and the versions of spaCy and wordfreq. `marsad.load()`
writes new phrases back after initialising; a missing, stale or unreadable
file is simply rebuilt. Pipelines with another tokenizer tokenise directly.
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import weakref
from functools import lru_cache
from pathlib import Path
from typing import Callable

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from marsad.components.normalizer import normalize_doc
from marsad.resources import data_path

logger = logging.getLogger("marsad")
CACHE_ENV = "MARSAD_CACHE_DIR"
FORMAT = 2
_US, _RS = "\x1f", "\x1e"  # unit and record separators of a cache entry
_ONE = "1"
_Entry = tuple  # (texts, norms, spaces)


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """Everything besides a phrase that decides its tokens and norms."""
    from importlib.metadata import version

    import marsad.components.tokenizer as tokenizer_module
    import marsad.text.clitics as clitics_module
    import marsad.text.orthography as orthography_module

    digest = hashlib.sha256(f"{FORMAT}|{version('spacy')}|{version('wordfreq')}".encode())
    for path in (Path(tokenizer_module.__file__), Path(clitics_module.__file__), Path(orthography_module.__file__),
                 data_path("normalization.json"), data_path("no_split.txt")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


class _PatternCache:
    def __init__(self, path: Path) -> None:
        self.path = path
        # phrase -> "texts<RS>norms<RS>spaces", tokens joined by <US>: plain strings, which the
        # garbage collector never scans (40,000 nested lists cost a third of a second per start)
        self.entries: dict[str, str] = {}
        self.dirty = False
        try:
            loaded = srsly.msgpack_loads(path.read_bytes())
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError, TypeError, IndexError, KeyError):
            self.entries = {}

    def get(self, text: str) -> _Entry | None:
        value = self.entries.get(text)
        if not isinstance(value, str):
            return None
        parts = value.split(_RS)
        if len(parts) != 3:
            return None
        texts, norms, spaces = tuple(parts[0].split(_US)), tuple(parts[1].split(_US)), parts[2]
        if not len(texts) == len(norms) == len(spaces):
            return None
        return texts, norms, tuple(map(_ONE.__eq__, spaces))

    def put(self, text: str, entry: _Entry) -> None:
        texts, norms, spaces = entry
        if not texts or any(_US in t or _RS in t for t in (*texts, *norms)):
            return  # not representable: tokenised again next time
        self.entries[text] = _RS.join((_US.join(texts), _US.join(norms), "".join("1" if s else "0" for s in spaces)))
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        data = srsly.msgpack_dumps(self.entries)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.path.parent, delete=False, suffix=".tmp") as handle:
                handle.write(data)
            os.replace(handle.name, self.path)
            self.dirty = False
        except OSError as err:  # a read-only cache only costs time
            logger.debug("pattern cache not written: %s", err)


_CACHES: dict[str, _PatternCache] = {}
# tokenizer -> (cache folder, its cache or None): looked up once per tokenizer, not per phrase
_BY_TOKENIZER: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _cache_for(nlp: Language) -> _PatternCache | None:
    folder = os.environ.get(CACHE_ENV) or str(Path.home() / ".cache" / "marsad")
    try:
        known = _BY_TOKENIZER.get(nlp.tokenizer)
    except TypeError:  # a tokenizer without weak references: not marsad's
        known = None
    if known is not None and known[0] == folder:
        return known[1]
    cache = None
    if _uses_default_tokenizer(nlp):
        path = Path(folder) / f"patterns-{_fingerprint()}.msgpack"
        cache = _CACHES.get(str(path))
        if cache is None:
            cache = _CACHES[str(path)] = _PatternCache(path)
    try:
        _BY_TOKENIZER[nlp.tokenizer] = (folder, cache)
    except TypeError:
        pass
    return cache


@lru_cache(maxsize=8)
def _default_no_split() -> frozenset[str]:
    from marsad.resources import read_lines
    from marsad.text.clitics import _light

    return frozenset(_light(w) for w in read_lines("no_split.txt"))


def _uses_default_tokenizer(nlp: Language) -> bool:
    splitter = getattr(getattr(nlp, "tokenizer", None), "splitter", None)
    return splitter is not None and splitter.no_split == _default_no_split()


def pattern_entry(nlp: Language, text: str) -> _Entry:
    """(token texts, token norms, whitespace flags) of `text` as the pipeline's tokenizer and
    `normalize_doc` give them; from the cache when known, without building a Doc."""
    return pattern_reader(nlp)(text)


def pattern_reader(nlp: Language) -> Callable[[str], _Entry]:
    """`pattern_entry` for many phrases: the cache is looked up once, not per phrase."""
    cache = _cache_for(nlp)

    def entry_of(text: str) -> _Entry:
        entry = cache.get(text) if cache is not None else None
        if entry is None:
            doc = normalize_doc(nlp.make_doc(text))
            entry = (tuple(t.text for t in doc), tuple(t.norm_ for t in doc), tuple(bool(t.whitespace_) for t in doc))
            if cache is not None:
                cache.put(text, entry)
        return entry

    return entry_of


def pattern_doc(nlp: Language, text: str) -> Doc:
    """`text` tokenised by the pipeline's tokenizer with normalised norms, as
    `normalize_doc(nlp.make_doc(text))` gives it."""
    texts, norms, spaces = pattern_entry(nlp, text)
    doc = Doc(nlp.vocab, words=list(texts), spaces=list(spaces))
    for token, norm in zip(doc, norms):
        if token.norm_ != norm:
            token.norm_ = norm
    return doc


def pattern_norms(nlp: Language, text: str) -> tuple[str, ...]:
    """The token norms of `text` as `pattern_doc` gives them (for a `PhraseTable`)."""
    return pattern_entry(nlp, text)[1]


def save_pattern_cache() -> None:
    """Write the phrases tokenised since the cache was read (called by `marsad.load()`)."""
    for cache in _CACHES.values():
        cache.save()
