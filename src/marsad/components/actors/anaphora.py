"""A bare definite head noun that takes up an actor named before it.

News names a force once in full and then by its head noun alone: "القيادة الأمريكية في
أفريقيا ... وأوضحت القيادة، في بيان"، "قوات الدعم السريع ... أن القوات انسحبت"، "مليشيا
الحرس الوطني ... هجوم شنته هذه المليشيا". The bare noun ("القيادة", "القوات", "المليشيا") is
that actor when an actor whose first word is the same noun was named earlier in the text, and
the noun stands alone: no modifier with the article after it ("القوات الحكومية" is another
phrase, found by the generic rules).
"""
from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from marsad.text.orthography import strip_article

ANTECEDENT_WINDOW = 400  # tokens back to the actor the head noun takes up


def head_anaphors(doc: Doc, actors: list[Span], taken: set[int], heads: frozenset[str],
                  norms: list[str]) -> dict[Span, Span]:
    """Spans of bare head nouns (in `heads`, normalised with the article) taking up the nearest
    earlier actor span whose first word is that noun, each with that actor's label and id,
    mapped to the span they take up."""
    if not actors:
        return {}
    by_head: dict[str, list[Span]] = {}  # in text order: the actors whose first word is that noun
    for span in actors:
        if span.kb_id_:
            by_head.setdefault(strip_article(norms[span.start]), []).append(span)
    ends = {head: [s.end for s in spans] for head, spans in by_head.items()}
    found = {}
    for i, norm in enumerate(norms):
        if norm not in heads or i in taken:
            continue
        if i + 1 < len(norms) and norms[i + 1].startswith("ال"):
            continue  # "القوات الحكومية", "القيادة المركزية": a phrase of its own
        head = strip_article(norm)
        last = bisect_right(ends.get(head, ()), i) - 1  # the latest actor ending before the noun
        if last < 0:
            continue
        antecedent = by_head[head][last]
        if i - antecedent.end <= ANTECEDENT_WINDOW and len(antecedent) > 1:
            found[Span(doc, i, i + 1, label=antecedent.label_, kb_id=antecedent.kb_id_)] = antecedent
    return found
