"""The plain dicts the ruler writes to `doc._.actors` and `doc._.sources`."""
from __future__ import annotations

from spacy.tokens import Span

from marsad.components.actors.kb import ACLED_INTER, ACTOR_LABEL, Actor
from marsad.components.actors.open_world import Provisional


def actor_record(span: Span, actor: Actor, country: str | None, generic: bool) -> dict:
    actor_type = actor.type_in(country) if actor.label == ACTOR_LABEL else actor.type
    return {
        "text": span.text,
        "start_char": span.start_char,
        "end_char": span.end_char,
        "actor_id": actor.actor_id,
        "name": actor.name,
        "type": actor_type,
        "country": actor.country,
        "generic": generic,
        "inter": ACLED_INTER.get(actor_type),
        "provisional": False,
        "context_country": country,
    }


def provisional_record(span: Span, unit: Provisional, country: str | None, country_names: dict[str, str]) -> dict:
    """An armed actor outside the knowledge base: actor_id None, provisional True."""
    if unit.unidentified:
        where = country_names.get(country or "")
        name = f"Unidentified Armed Group ({where})" if where else "Unidentified Armed Group"
    else:
        name = " ".join(t.norm_ for t in span)
    return {
        "text": span.text,
        "start_char": span.start_char,
        "end_char": span.end_char,
        "actor_id": None,
        "name": name,
        "type": unit.type,
        "country": country or "XX",
        "generic": False,
        "inter": ACLED_INTER.get(unit.type),
        "provisional": True,
        "context_country": country,
    }
