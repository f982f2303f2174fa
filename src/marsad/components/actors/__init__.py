"""Actors: the knowledge base (kb), where and when a text is set (setting),
armed actors outside the knowledge base (open_world) and the marsad_actor_ruler
component (ruler).

Users add actors and sources to the shipped base with the component's
`extra_actors_path` / `extra_sources_path` config keys, or `extend_actors(nlp, ...)`
on a loaded pipeline.
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language

from marsad.components.actors.kb import (
    ACLED_INTER,
    ACTOR_LABEL,
    ACTOR_TYPES,
    SOURCE_LABEL,
    SOURCE_TYPES,
    Actor,
    ActorKB,
    read_user_records,
    validate_actor_records,
)
from marsad.components.actors.ruler import SPAN_KEY, ActorRuler, make_actor_ruler
from marsad.errors import Errors, MarsadError

RULER_NAME = "marsad_actor_ruler"


def extend_actors(
    nlp: Language, actors_path: str | Path | None = None, sources_path: str | Path | None = None
) -> ActorRuler:
    """Add a user's JSONL of actors (and/or sources) to a loaded pipeline's knowledge base.

    The shipped actors stay; a user record with a shipped id replaces that one.
    Raises MarsadError (one line) for a missing or invalid file.
    """
    if RULER_NAME not in nlp.pipe_names:
        raise MarsadError(Errors.E030.format(name=RULER_NAME))
    ruler: ActorRuler = nlp.get_pipe(RULER_NAME)
    known = [a.actor_id for a in ruler.kb.by_id.values() if a.label == ACTOR_LABEL]
    actors = read_user_records(actors_path, label=ACTOR_LABEL, known_ids=known) if actors_path else []
    sources = read_user_records(sources_path, label=SOURCE_LABEL) if sources_path else []
    ruler.add_records(actors, sources)
    return ruler


__all__ = [
    "ACLED_INTER",
    "ACTOR_LABEL",
    "ACTOR_TYPES",
    "SOURCE_LABEL",
    "SOURCE_TYPES",
    "SPAN_KEY",
    "Actor",
    "ActorKB",
    "ActorRuler",
    "extend_actors",
    "make_actor_ruler",
    "validate_actor_records",
]
