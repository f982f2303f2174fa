"""One per-document context, built once per doc and shared by the components.

Everything a component would otherwise rescan per fact or per sentence is
indexed here once: token norms and texts, sentence ids and bounds (one
sentence splitter for the package: `marsad.text.sentences`), a char -> token
index, and the actors and places found so far, indexed by token. Lookups are
O(1) or O(log n), so a component's time stays linear in the document's length.

The context is kept in a weak map keyed by the Doc, never on the Doc itself:
docs stay plain (serialisable for `n_process` and `DocBin`) and the context
goes away with its doc. Indexes over `doc._.actors` / `doc._.places` are
rebuilt when an earlier component has replaced those lists.
"""
from __future__ import annotations

import weakref
from bisect import bisect_right
from collections import defaultdict

from spacy.attrs import IDX, NORM, ORTH, SPACY
from spacy.tokens import Doc

from marsad.text.sentences import sentence_ids_from

_CONTEXTS: "weakref.WeakKeyDictionary[Doc, DocContext]" = weakref.WeakKeyDictionary()


class DocContext:
    """Indexes over one doc; get it with `doc_context(doc)`."""

    def __init__(self, doc: Doc) -> None:
        # A weak reference: the weak map's value must not keep its own key alive, or no
        # context (and no doc) would ever be freed in a long run.
        self._doc = weakref.ref(doc)
        self.n = len(doc)
        strings = doc.vocab.strings
        array = doc.to_array([NORM, ORTH, IDX, SPACY]) if self.n else None
        self.norms: list[str] = [strings[h] for h in array[:, 0].tolist()] if self.n else []
        self.texts: list[str] = [strings[h] for h in array[:, 1].tolist()] if self.n else []
        self.starts: list[int] = array[:, 2].tolist() if self.n else []
        self.spaces: list[int] = array[:, 3].tolist() if self.n else []
        self._text: str | None = None
        self.sentence: list[int] = sentence_ids_from(self.norms, self.texts, self.spaces)
        # token bounds [start, end) of each sentence, by sentence id
        self.sentence_bounds: list[tuple[int, int]] = []
        for i, sent in enumerate(self.sentence):
            if sent == len(self.sentence_bounds):
                self.sentence_bounds.append((i, i + 1))
            else:
                self.sentence_bounds[sent] = (self.sentence_bounds[sent][0], i + 1)
        self._indexes: dict[str, tuple[int, int, object]] = {}
        # per-document results a component computes once and looks up per fact or event
        self.memo: dict = {}

    @property
    def doc(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the doc of this context was freed; get a context with doc_context(doc)")
        return doc

    @property
    def text(self) -> str:
        """`doc.text`, joined once from the token arrays (spaCy's joins Token objects on every call)."""
        if self._text is None:
            self._text = "".join(t + " " if space else t for t, space in zip(self.texts, self.spaces))
        return self._text

    # ------------------------------------------------------------------ positions
    def token_at_char(self, char: int) -> int:
        """Index of the token that contains (or last starts before) a character offset."""
        if not self.n:
            return 0
        return max(bisect_right(self.starts, char) - 1, 0)

    def sentence_of_char(self, char: int) -> int:
        return self.sentence[self.token_at_char(char)] if self.n else 0

    def sentence_text(self, sent: int, strip: str = " ,،\n") -> str:
        """The text of one sentence, O(its length)."""
        if not 0 <= sent < len(self.sentence_bounds):
            return ""
        start, end = self.sentence_bounds[sent]
        # a slice of the text, not a Span's text (which joins Token objects)
        return self.text[self.starts[start]:self.starts[end - 1] + len(self.texts[end - 1])].strip(strip)

    def same_sentence(self, a: int, b: int) -> bool:
        last = self.n - 1
        return self.sentence[min(a, last)] == self.sentence[min(b, last)]

    # ------------------------------------------------------------------ entities so far
    def _index(self, name: str, records: list[dict] | None) -> tuple[dict, dict]:
        """(by first token, by every token) over records with start_char/end_char."""
        records = records or []
        key = (id(records), len(records))
        cached = self._indexes.get(name)
        if cached is not None and cached[:2] == key:
            return cached[2]  # type: ignore[return-value]
        by_start: dict[int, dict] = {}
        at: dict[int, dict] = {}
        for record in records:
            start = self.token_at_char(record["start_char"])
            end = self.token_at_char(max(record["end_char"] - 1, record["start_char"])) + 1
            by_start.setdefault(start, record)
            for k in range(start, end):
                at.setdefault(k, record)
        self._indexes[name] = (*key, (by_start, at))
        return by_start, at

    def actor_at(self, i: int) -> dict | None:
        """The actor record (doc._.actors) covering token i, if any."""
        return self._index("actors", self.doc._.actors)[1].get(i)

    def place_at(self, i: int) -> dict | None:
        """The place record (doc._.places) covering token i, if any."""
        return self._index("places", self.doc._.places)[1].get(i)

    def in_sentence(self, name: str, sent: int) -> list[dict]:
        """The records of doc._.<name> ("actors", "sources", "places") starting in one sentence, in text order."""
        records = getattr(self.doc._, name) or []
        key = (id(records), len(records))
        cached = self._indexes.get("sentences:" + name)
        if cached is None or cached[:2] != key:
            cached = (*key, self.by_sentence(records))
            self._indexes["sentences:" + name] = cached
        return cached[2].get(sent, [])  # type: ignore[union-attr]

    def by_sentence(self, records: list[dict]) -> dict[int, list[dict]]:
        """Records with start_char grouped by sentence id, in text order."""
        grouped: dict[int, list[dict]] = defaultdict(list)
        for record in sorted(records, key=lambda r: r["start_char"]):
            grouped[self.sentence_of_char(record["start_char"])].append(record)
        return grouped


def doc_context(doc: Doc) -> DocContext:
    """The shared context of a doc, built on first use."""
    ctx = _CONTEXTS.get(doc)
    if ctx is None or ctx.n != len(doc):
        ctx = DocContext(doc)
        _CONTEXTS[doc] = ctx
    return ctx
