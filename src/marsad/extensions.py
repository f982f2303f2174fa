"""Custom attributes, registered once and in one place.

Values are plain JSON (dicts and lists), never spaCy objects, so docs survive
`Doc.to_bytes`, `DocBin` and `nlp.pipe(n_process=...)`.
"""
from __future__ import annotations

from spacy.tokens import Doc

# date: the publication date (ISO string) that relative dates resolve against.
# instruments: weapons that name the force using them ("مسيرة إسرائيلية"), as actor records;
# not actor mentions, but agents for the casualty and event builders.
DOC_ATTRIBUTES = ("actors", "sources", "casualties", "places", "events", "date", "instruments")


def register_extensions() -> None:
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
