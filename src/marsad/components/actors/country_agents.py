"""A country named as the subject of a verb of saying or acting is its state, not a place:
"شنت الولايات المتحدة غارات", "أعلن العراق", "أفادت إسرائيل بإصابة ...".

Arabic puts the verb first, so the subject is the name right after the verb. The verbs are
data (`agent_verb` in actor_open_world.jsonl); the country's actor is its armed forces in the
knowledge base (the same "army of ISO" table nationality adjectives use), chosen by date.
A country without forces in the knowledge base stays a place.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from marsad.components.actors.kb import ACTOR_LABEL, ActorKB
from marsad.components.actors.setting import choose
from marsad.components.context import doc_context
from marsad.components.patterns import pattern_norms
from marsad.components.phrase_table import PhraseTable
from marsad.resources import read_jsonl
from marsad.text.orthography import normalize


class CountryAgents:
    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseTable()
        for row in read_jsonl("places/countries.jsonl"):
            names = {row["name_ar"], *row.get("aliases_ar", [])}
            self.matcher.add(row["iso"], [pattern_norms(nlp, name) for name in sorted(names)])
        self.verbs = {
            normalize(r["phrase"]) for r in read_jsonl("actor_open_world.jsonl") if r["kind"] == "agent_verb"
        }

    def __call__(self, doc: Doc, taken: set[int], date: str | None, kb: ActorKB,
                 armies: dict[str, list[str]]) -> list[Span]:
        spans: list[Span] = []
        for iso, start, end in sorted(self.matcher(doc_context(doc).norms), key=lambda m: (m[1], -m[2])):
            if start == 0 or (spans and start < spans[-1].end) or any(k in taken for k in range(start, end)):
                continue
            verb = doc[start - 1].norm_
            if verb not in self.verbs and not (verb[:1] in "وف" and verb[1:] in self.verbs):
                continue
            army = choose([kb.by_id[a] for a in armies.get(iso, [])], date=date, country=iso)
            if army is not None:
                spans.append(Span(doc, start, end, label=ACTOR_LABEL, kb_id=army.actor_id))
        return spans
