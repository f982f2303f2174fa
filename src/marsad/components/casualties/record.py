"""A fact as the record stored in `doc._.casualties`."""
from __future__ import annotations

from spacy.tokens import Doc

from .model import Fact


def to_dict(doc: Doc, fact: Fact) -> dict:
    """The record of a fact in `doc._.casualties`."""
    group = fact.group
    victims = doc[group.victims_start:group.victims_end].text if group.victims_start is not None else None
    return {
        "status": fact.status,
        "count": group.count,
        "qualifier": group.qualifier,
        "low": group.low,
        "high": group.high,
        "victim_type": group.victim_type,
        "victims": victims,
        "victim_side": fact.victim_side,
        "perpetrator": fact.perpetrator,
        "place": fact.place,
        "negated": fact.negated,
        "aggregate": fact.aggregate,
        "includes": [
            {"count": g.count, "who": doc[g.victims_start:g.victims_end].text if g.victims_start is not None else doc[g.start:g.end].text}
            for g in fact.includes
        ],
        "text": doc[fact.start:fact.end].text,
        "start_char": doc[fact.start].idx,
        "end_char": doc[fact.end - 1].idx + len(doc[fact.end - 1].text),
        "mentions": [[doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)] for s, e in sorted(fact.mentions or [(fact.start, fact.end)])],
    }
