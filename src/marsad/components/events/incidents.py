"""Incidents of one document: what happened where, found from event triggers
and casualty facts, each sentence's mentions grouped into the incidents they
report.

A sentence reports an incident when it holds an event trigger (data/event_types.jsonl)
used as news, not as a threat, forecast, condemnation or denial
(data/event_cues.jsonl, cue "not_event"), or a casualty fact. A mention joins
the incident before it when it names no other scene and either refers back to
it (a definite trigger noun: "الهجوم", "الغارة"), adds no trigger of its own,
or repeats its toll; a "separate" cue ("في حادث منفصل", "وكان ... قد") or another
scene starts a new incident.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from marsad.components.events.fields import place_key, places_compatible, scene_places
from marsad.components.events.lexicon import Match


SEIZED_REACH = 8  # tokens from "ضبط"/"تفكيك عبوة" to the weapon words it takes ("ضبط أحزمة ناسفة وعبوات معدة للتفجير")


@dataclass
class Mention:
    sentence: int
    triggers: list[Match] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    place: dict | None = None
    separate: bool = False
    refers_back: bool = False


@dataclass
class Incident:
    mentions: list[Mention] = field(default_factory=list)
    place: dict | None = None

    @property
    def sentences(self) -> list[int]:
        return sorted({m.sentence for m in self.mentions})

    @property
    def facts(self) -> list[dict]:
        return [f for m in self.mentions for f in m.facts]

    @property
    def triggers(self) -> list[Match]:
        return [t for m in self.mentions for t in m.triggers]

    def killed_counts(self) -> set[int]:
        return {f["count"] for f in self.facts if f["status"] == "killed" and f.get("count")}


def mentions_of(ctx, facts_by_sentence: dict[int, list[dict]], triggers_by_sentence: dict[int, list[Match]], cues_by_sentence) -> list[Mention]:
    """The mentions of each sentence, one per scene when a sentence's facts name different places."""
    out: list[Mention] = []
    for sent in sorted(set(facts_by_sentence) | set(triggers_by_sentence)):
        cues = cues_by_sentence.get(sent, {})
        facts = facts_by_sentence.get(sent, [])
        # "ضبط أحزمة ناسفة": weapons seized or defused are no explosion, tolls in the sentence or not
        triggers = [t for t in triggers_by_sentence.get(sent, [])
                    if not any(0 < t.start - c <= SEIZED_REACH for c in cues.get("seized", []))]
        if not facts:
            # a trigger alone is news only when not threatened, denied, condemned or forecast
            # (a seizure too: "العثور على سيارة مفخخة ... وإحباط عمليات التفجير")
            triggers = [t for t in triggers if not any(c < t.start for c in cues.get("not_event", []) + cues.get("seized", []))]
            if not triggers:
                continue
        ranked = [p for score, p in scene_places(ctx, sent) if score < 9]
        sentence_place = ranked[0] if ranked else None
        separate = bool(cues.get("separate"))
        refers_back = any(ctx.norms[t.start].startswith("ال") for t in triggers) and not any(
            not ctx.norms[t.start].startswith("ال") for t in triggers
        )
        scenes: list[Mention] = []
        for fact in facts:
            place = _fact_place(fact, ranked) or sentence_place
            # one sentence reports two incidents only when their scenes lie apart
            scene = next((m for m in scenes if place is None or m.place is None or not _apart(place, m.place)), None)
            if scene is None:
                scene = Mention(sent, place=place, separate=separate, refers_back=refers_back)
                scenes.append(scene)
            elif scene.place is None:
                scene.place = place
            scene.facts.append(fact)
        scenes = scenes or [Mention(sent, place=sentence_place, separate=separate, refers_back=refers_back)]
        # scenes without a place belong with the sentence's placed scene
        placed = [m for m in scenes if m.place is not None]
        if placed:
            for m in [m for m in scenes if m.place is None]:
                placed[0].facts.extend(m.facts)
            scenes = placed
        scenes[0].triggers = triggers
        if len(scenes) > 1:
            for m in scenes[1:]:
                m.triggers = [t for t in triggers if _near(t, m, ctx)]
        out.extend(scenes)
    return out


def _apart(a: dict, b: dict) -> bool:
    return not places_compatible(a, b) and a.get("lat") is not None and b.get("lat") is not None


def _fact_place(fact: dict, ranked: list[dict]) -> dict | None:
    own = fact.get("place")
    if not own:
        return None
    for place in ranked:
        if place_key(place) == place_key(own) or place.get("text") == own.get("text"):
            return place
    return None


def _near(trigger: Match, mention: Mention, ctx) -> bool:
    if not mention.facts:
        return False
    i = ctx.token_at_char(mention.facts[0]["start_char"])
    return abs(trigger.start - i) <= 8


def group(mentions: list[Mention]) -> list[Incident]:
    incidents: list[Incident] = []
    for mention in mentions:
        target = _incident_for(mention, incidents)
        if target is None:
            target = Incident()
            incidents.append(target)
        target.mentions.append(mention)
        if mention.place is not None and (
            target.place is None or (mention.place.get("precision") or 9) < (target.place.get("precision") or 9)
        ):
            target.place = mention.place
    return incidents


def _incident_for(mention: Mention, incidents: list[Incident]) -> Incident | None:
    if not incidents:
        return None
    last = incidents[-1]
    if mention.separate and mention.sentence not in last.sentences:
        return None
    counts = {f["count"] for f in mention.facts if f["status"] == "killed" and f.get("count")}
    if not mention.facts and not mention.separate and (mention.refers_back or mention.place is None):
        return last  # a trigger alone, referring back or with no scene of its own, elaborates
    for incident in reversed(incidents):
        if not places_compatible(mention.place, incident.place):
            continue
        same_scene = mention.place is not None and incident.place is not None and place_key(mention.place) == place_key(incident.place)
        adjacent = any(abs(mention.sentence - s) <= 1 for s in incident.sentences)
        repeats_toll = bool(counts & incident.killed_counts())
        if mention.sentence in incident.sentences:
            return incident
        if repeats_toll or mention.refers_back:
            return incident
        refines = mention.place is not None and incident.place is not None and (incident.place.get("precision") or 2) >= 3 > (mention.place.get("precision") or 2)
        if adjacent and (mention.place is None or same_scene or refines) and (not mention.triggers or not incident.triggers or mention.refers_back or _same_kind(mention, incident)):
            return incident  # the next sentence, at a compatible place, goes on telling it
        if same_scene and (mention.place.get("precision") or 2) <= 2 and _same_kind(mention, incident) and _within(mention, incident, 3):
            return incident  # the same kind of incident at the same town, told again a little later
        if not mention.triggers and not mention.facts:
            return incident
        if incident is last and mention.place is None and not mention.triggers:
            return incident
        break
    return None


def _within(mention: Mention, incident: Incident, sentences: int) -> bool:
    return any(abs(mention.sentence - s) <= sentences for s in incident.sentences)


def _same_kind(mention: Mention, incident: Incident) -> bool:
    kinds = {t.record["event_type"] for t in incident.triggers}
    return any(t.record["event_type"] in kinds for t in mention.triggers)
