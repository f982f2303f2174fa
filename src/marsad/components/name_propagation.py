"""Document-level name consistency for the statistical NER.

A news article gives a person's full name once ("أنوش أنصاري") and then the
surname alone ("أنصاري"). The model reads a few words of context at a time,
finds the full name and misses the bare surname, or stops a name after the
given name it knows ("باتريك" for "باتريك دورتون").

`marsad_name_propagation` runs after the NER (and its entity ruler). It
collects the tokens of the names the model found anywhere in the doc and:
- labels the other, unlabelled occurrences of those tokens with the name's
  label;
- extends a name the model cut short over neighbouring tokens of the same name.

Only name-like tokens spread. A token that the training data mostly shows
outside any name ("الرئيس", "قال") never does. `initialize` counts this from
the training examples, and the list is saved with the pipeline. Matching is on
the normalised token norms written by `marsad_normalizer`.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import ensure_path, filter_spans

from marsad.text.orthography import normalize

COMMON_WORDS_FILE = "common_words.json"


@Language.factory(
    "marsad_name_propagation",
    default_config={"labels": ["PERS"], "max_outside_share": 0.5, "min_chars": 3, "max_name_tokens": 6},
)
def make_name_propagation(nlp: Language, name: str, labels: list[str], max_outside_share: float,
                          min_chars: int, max_name_tokens: int) -> "NamePropagation":
    return NamePropagation(name, labels=labels, max_outside_share=max_outside_share,
                           min_chars=min_chars, max_name_tokens=max_name_tokens)


class NamePropagation:
    """Spreads the labels of names found in a doc to their other mentions in it."""

    def __init__(self, name: str = "marsad_name_propagation", *, labels: Iterable[str] = ("PERS",),
                 max_outside_share: float = 0.5, min_chars: int = 3, max_name_tokens: int = 6,
                 common_words: Iterable[str] = ()):
        if not 0.0 < max_outside_share <= 1.0:
            raise ValueError(f"max_outside_share must be in (0, 1], not {max_outside_share}")
        self.name = name
        self.labels = frozenset(labels)
        self.max_outside_share = max_outside_share
        self.min_chars = min_chars
        self.max_name_tokens = max_name_tokens
        # norms the training data mostly shows outside names: never spread
        self.common_words = frozenset(common_words)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None) -> None:
        """Learn the common (non-name) words from the annotated training examples."""
        outside: Counter = Counter()
        inside: Counter = Counter()
        for example in get_examples():
            for token in example.reference:
                if token.ent_iob_ == "O":
                    outside[normalize(token.norm_)] += 1
                elif token.ent_iob_ in ("B", "I"):
                    inside[normalize(token.norm_)] += 1
        self.common_words = frozenset(
            word for word, n_out in outside.items()
            if n_out / (n_out + inside[word]) >= self.max_outside_share
        )

    def is_name_token(self, norm: str) -> bool:
        return len(norm) >= self.min_chars and norm not in self.common_words

    def __call__(self, doc: Doc) -> Doc:
        labels_seen: dict[str, Counter] = {}
        for ent in doc.ents:
            if ent.label_ in self.labels:
                for token in ent:
                    if self.is_name_token(token.norm_):
                        labels_seen.setdefault(token.norm_, Counter())[ent.label_] += 1
        if not labels_seen:
            return doc
        # a name token's label: the one it most often has in this doc
        label_of = {norm: counts.most_common(1)[0][0] for norm, counts in labels_seen.items()}
        taken = [False] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                taken[i] = True

        def free_name_token(i: int, label: str | None = None) -> bool:
            if not 0 <= i < len(doc) or taken[i] or doc[i].norm_ not in label_of:
                return False
            return label is None or label_of[doc[i].norm_] == label

        entities = []
        for ent in doc.ents:
            start, end = ent.start, ent.end
            if ent.label_ in self.labels:
                while end - start < self.max_name_tokens and free_name_token(end, ent.label_):
                    taken[end] = True
                    end += 1
                while end - start < self.max_name_tokens and free_name_token(start - 1, ent.label_):
                    taken[start - 1] = True
                    start -= 1
            entities.append(ent if (start, end) == (ent.start, ent.end)
                            else Span(doc, start, end, ent.label_, kb_id=ent.kb_id_, span_id=ent.id_))
        i = 0
        while i < len(doc):
            if not free_name_token(i):
                i += 1
                continue
            label = label_of[doc[i].norm_]
            end = i + 1
            while end - i < self.max_name_tokens and free_name_token(end, label):
                end += 1
            entities.append(Span(doc, i, end, label))
            for k in range(i, end):
                taken[k] = True
            i = end
        doc.ents = filter_spans(entities)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / COMMON_WORDS_FILE, sorted(self.common_words))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "NamePropagation":
        path = ensure_path(path) / COMMON_WORDS_FILE
        if not path.is_file():
            raise FileNotFoundError(f"{self.name}: no {COMMON_WORDS_FILE} in {path.parent}")
        self.common_words = frozenset(srsly.read_json(path))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"common_words": sorted(self.common_words)})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "NamePropagation":
        self.common_words = frozenset(srsly.msgpack_loads(data)["common_words"])
        return self
