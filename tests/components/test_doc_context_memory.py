"""The per-document context goes away with its doc: a long run must not keep every doc alive."""
from __future__ import annotations

import gc

from marsad.components import context


def test_contexts_are_freed_with_their_docs(nlp):
    for i in range(40):
        nlp(f"قتل {i + 2} مدنيين في قصف على مدينة حلب.")
    gc.collect()
    assert len(context._CONTEXTS) <= 2


def test_a_context_holds_its_doc_only_weakly(nlp):
    doc = nlp("قتل 5 مدنيين في قصف على مدينة حلب.")
    ctx = context.doc_context(doc)
    assert ctx.doc is doc
    del doc
    gc.collect()
    try:
        ctx.doc
    except ReferenceError:
        return
    raise AssertionError("the context kept its doc alive")
