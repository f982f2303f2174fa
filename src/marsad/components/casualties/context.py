"""A fact's context: the victims' side, perpetrator, place, negation, hypothetical and aggregate cues.

Lookups stay within a window of the fact (bisect over cue starts per sentence), so the time
per fact does not grow with the length of its sentence.
"""
from __future__ import annotations

from bisect import bisect_left

from .groups import agent_end, np_end
from .model import (
    HYPOTHETICAL_SCOPE,
    NEGATION_SCOPE,
    PERPETRATOR_WINDOW,
    PUNCT,
    QUOTES,
    TARGET_WINDOW,
    CasualtyContext,
    Fact,
    Group,
    side_of,
)


def attach_context(ctx: CasualtyContext, fact: Fact, previous: Fact | None, all_groups: list[Group]) -> None:
    sentence = ctx.sentence
    sent = sentence[fact.start]
    group = fact.group
    fact.victim_side = group.side_actor
    fact.negated = any(
        c.start < fact.start and fact.start - c.start <= c.attrs.get("scope", NEGATION_SCOPE)
        for c in ctx.in_sentence("negation", sent)
    )
    fact.hypothetical = any(
        c.start < fact.start and fact.start - c.start <= c.attrs.get("scope", 3)
        for c in ctx.in_sentence("hypothetical", sent)
    )
    fact.aggregate = bool(ctx.in_sentence("aggregate", sent))
    fact.perpetrator = find_perpetrator(ctx, fact)
    if fact.victim_side is None and group.anaphor:
        antecedent = next(
            (g for g in reversed(all_groups) if g.end <= group.start and g.side_actor is not None
             and sentence[g.start] >= sent - 1),
            None,
        )
        if antecedent is not None:
            fact.victim_side = antecedent.side_actor
            group.victim_type = antecedent.victim_type
    if (
        fact.victim_side is None
        and previous is not None
        and sentence[previous.start] == sent
        and (is_others(ctx, group) or group.victims_start is None)
        and not group.person
    ):
        # "قتل 12 عنصرا ... وأصيب 20 آخرون", "قتل جنديان وأصيب خمسة": the same victims
        fact.victim_side = previous.victim_side
        if group.victim_type == "unknown":
            group.victim_type = previous.group.victim_type
    if group.person and fact.victim_side is None:
        fact.victim_side = person_side(ctx, fact)
    if fact.victim_side is None and group.force == "state":
        fact.victim_side = state_side(ctx, fact)
    if fact.victim_side is None and (group.victim_type == "combatant" or group.victims_start is None or group.anaphor) \
            and not group.person:
        fact.victim_side = target_side(ctx, fact)
    if fact.victim_side is not None and group.victim_type == "unknown":
        group.victim_type = "combatant"
    if fact.perpetrator is None and fact.agent is not None:
        fact.perpetrator = side_of(fact.agent["text"], fact.agent)
    if fact.perpetrator and fact.victim_side and fact.perpetrator["actor_id"] == fact.victim_side["actor_id"]:
        fact.perpetrator = None
    fact.place = find_place(ctx, fact)


def person_side(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """The group a named victim belonged to: "أبو خليل "القائد في تنظيم القاعدة"",
    "قائد لواء النخبة الحوثي", "القيادي البارز في تنظيم القاعدة ... فلان"."""
    group = fact.group
    sent = ctx.sentence[fact.start]
    if group.start >= fact.trigger_end:
        # After the trigger: the name, then its description up to a comma.
        for k in range(group.start, min(ctx.n, group.end + 8)):
            if ctx.sentence[k] != sent or (k >= group.end and (ctx.norms[k] in PUNCT or ctx.is_cue(k, ("action", "perpetrator_cue")))):
                break
            actor = ctx.actors.get(k)
            if actor is not None:
                return side_of(actor["text"], actor)
            noun = ctx.cues["side_noun"].get(k)
            if noun is not None:
                end = np_end(ctx, noun.end)
                if end is not None:  # "قائد لواء النخبة الحوثي"
                    return {"text": ctx.doc[k:end].text, "actor_id": None}
        return None
    # Before a verb: the description before the name, back to the clause start.
    start = group.start
    found = None
    for k in range(start - 1, max(-1, start - 14), -1):
        if ctx.sentence[k] != sent or ctx.norms[k] in PUNCT or ctx.norms[k] in ("ان", "انه", "انها") or k in ctx.cues["action"]:
            break
        actor = ctx.actor_at.get(k)
        if actor is not None and actor["start"] > 0 and ctx.norms[actor["start"] - 1] in ("ب", "في", "من", "ل"):
            found = actor
    return side_of(found["text"], found) if found else None


def share_coordinated_sides(ctx: CasualtyContext, facts: list[Fact]) -> None:
    """"استشهاد اثنين وإصابة أربعة من عناصر حرس الحدود": both facts are of the same side."""
    for a, b in zip(facts, facts[1:]):
        if a.victim_side is not None or a.group.victims_start is not None or b.victim_side is None:
            continue
        if b.trigger_start - a.group.end <= 1 and ctx.same_sentence(a.start, b.start) and b.trigger_start > a.group.end - 1:
            a.victim_side = b.victim_side
            if a.group.victim_type == "unknown":
                a.group.victim_type = b.group.victim_type


def is_others(ctx: CasualtyContext, group: Group) -> bool:
    """"20 آخرون": the victims are others of the same kind as before."""
    return group.victims_start is not None and ctx.norms[group.victims_start] in ctx.words.others


def find_perpetrator(ctx: CasualtyContext, fact: Fact) -> dict | None:
    sentence = ctx.sentence
    sent = sentence[fact.start]
    victim_id = fact.victim_side["actor_id"] if fact.victim_side else None
    lo = max(0, fact.start - PERPETRATOR_WINDOW)
    hi = min(ctx.n, fact.end + PERPETRATOR_WINDOW)
    for cue in sorted(ctx.in_sentence("perpetrator_cue", sent), key=lambda c: abs(c.start - fact.end)):
        if not (lo <= cue.start < hi):
            continue
        for j in range(cue.end, min(cue.end + 5, ctx.n)):
            actor = ctx.actors.get(j)
            if actor is not None and actor["actor_id"] != victim_id and not is_target(ctx, j):
                return side_of(actor["text"], actor)
    return None


def state_side(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """Soldiers and police belong to the state forces named nearest in the sentence (else the
    one before): an actor of type state_forces, else a generic phrase ("قوات الحكومة",
    "قوات للجيش", "قوات موالية للحكومة") with no actor id."""
    perpetrator = fact.perpetrator["actor_id"] if fact.perpetrator else None
    sent = ctx.sentence[fact.start]
    for wanted in (sent, sent - 1):
        candidates = [
            a for a in ctx.in_sentence("actors", wanted) if a["type"] == "state_forces" and a["actor_id"] != perpetrator
        ]
        if candidates:
            best = min(candidates, key=lambda a: abs(a["start"] - fact.start))
            return side_of(best["text"], best)
        phrases = []
        for cue in ctx.in_sentence("side_noun", wanted):
            if cue.start in ctx.actor_at:
                continue
            end = np_end(ctx, cue.end)
            if end is not None and any(k in ctx.cues["state_word"] for k in range(cue.end, end)):
                phrases.append((abs(cue.start - fact.start), cue.start, end))
        if phrases:
            _, start, end = min(phrases)
            return {"text": ctx.doc[start:end].text, "actor_id": None}
    return None


def target_side(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """Fighters killed where an actor's positions were hit: "قصفت تجمعات تنظيم داعش ... مما أسفر عن مقتل 20 عنصرا"."""
    perpetrator = fact.perpetrator["actor_id"] if fact.perpetrator else None
    sent = ctx.sentence[fact.start]
    best = None
    for cue in ctx.in_sentence("target_noun", sent):
        if cue.end > fact.start or fact.start - cue.end > TARGET_WINDOW:
            continue
        k = cue.end
        if k < ctx.n and ctx.norms[k] == "ل":
            k += 1
        end = agent_end(ctx, k)
        if end is None:
            continue
        actor = ctx.actor_at[end - 1]
        if actor["actor_id"] == perpetrator or actor["type"] == "civilians":
            continue
        if best is None or cue.start > best[0]:
            best = (cue.start, actor)
    return side_of(best[1]["text"], best[1]) if best else None


def is_target(ctx: CasualtyContext, j: int) -> bool:
    """An actor whose positions were hit: "تجمعات تنظيم داعش", "مواقع للحوثيين"."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if k in ctx.cues["target_noun"]:
            return True
        if not (k in ctx.cues["side_noun"] or ctx.norms[k] == "ل" or ctx.texts[k] in QUOTES):
            return False
    return False


def find_place(ctx: CasualtyContext, fact: Fact) -> dict | None:
    doc = ctx.doc
    places = doc._.places or []
    if not places:
        return None
    sent = ctx.sentence[fact.start]
    start_char = doc[fact.start].idx
    candidates = []
    for place in places:
        token = doc.char_span(place["start_char"], place["end_char"], alignment_mode="expand")
        if token is None or ctx.sentence[token.start] != sent or is_dateline(ctx, place):
            continue
        # Prefer a place below country level, then one after the fact, then the nearest.
        distance = place["start_char"] - start_char
        candidates.append((coarse(place), 0 if distance >= 0 else 1, abs(distance), place))
    if not candidates:
        return None
    best = min(candidates, key=lambda c: c[:3])[3]
    return {"text": best["text"], "geonameid": best.get("geonameid"), "precision": best.get("precision")}


def coarse(place: dict) -> int:
    """A country is a poor event location when a town or province is named."""
    return 1 if (place.get("precision") or 1) >= 4 else 0


# A dateline ("حاتم العميري - سبق - مكة المكرمة:") names where the report was
# filed, not where the event happened.
DATELINE_CHARS = 80


def is_dateline(ctx: CasualtyContext, place: dict) -> bool:
    if place["start_char"] > DATELINE_CHARS:
        return False
    return ctx.text[place["end_char"]:place["end_char"] + 3].lstrip().startswith(":")
