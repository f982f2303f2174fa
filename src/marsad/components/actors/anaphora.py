"""A bare definite head noun that takes up an actor named before it.

News names a force once in full and then by its head noun alone: "القيادة الأمريكية في
أفريقيا ... وأوضحت القيادة، في بيان"، "قوات الدعم السريع ... أن القوات انسحبت"، "مليشيا
الحرس الوطني ... هجوم شنته هذه المليشيا". The bare noun ("القيادة", "القوات", "المليشيا") is
that actor when an actor whose first word is the same noun was named earlier in the text, and
the noun stands alone: no modifier with the article after it ("القوات الحكومية" is another
phrase, found by the generic rules).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from marsad.text.orthography import normalize

ANTECEDENT_WINDOW = 400  # tokens back to the actor the head noun takes up


def _bare(word: str) -> str:
    """A word without its article: "القوات" -> "قوات"."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def head_anaphors(doc: Doc, actors: list[Span], taken: set[int], heads: frozenset[str],
                  norms: list[str]) -> dict[Span, Span]:
    """Spans of bare head nouns (in `heads`, normalised with the article) taking up the nearest
    earlier actor span whose first word is that noun, each with that actor's label and id,
    mapped to the span they take up."""
    if not actors:
        return {}
    by_head: dict[str, list[Span]] = {}
    for span in actors:
        if span.kb_id_:
            by_head.setdefault(_bare(norms[span.start]), []).append(span)
    found = {}
    for i, norm in enumerate(norms):
        if norm not in heads or i in taken:
            continue
        if i + 1 < len(norms) and norms[i + 1].startswith("ال"):
            continue  # "القوات الحكومية", "القيادة المركزية": a phrase of its own
        earlier = [s for s in by_head.get(_bare(norm), ()) if s.end <= i and i - s.end <= ANTECEDENT_WINDOW]
        if earlier and len(earlier[-1]) > 1:
            antecedent = earlier[-1]
            found[Span(doc, i, i + 1, label=antecedent.label_, kb_id=antecedent.kb_id_)] = antecedent
    return found


def normalized_heads(words: set[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)
