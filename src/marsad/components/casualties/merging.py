"""Repeats of a fact in a document merge into one fact with several mentions; a count group with
no trigger that repeats a fact's count (a headline repeated in the body) enriches that fact."""
from __future__ import annotations

from collections import defaultdict

from marsad.text.orthography import strip_article

from .context import coarse
from .model import MERGE_GAP, CasualtyContext, Fact, Group


def side_key(fact: Fact) -> str | None:
    """The actor id of the victims' side, if any."""
    return fact.victim_side["actor_id"] if fact.victim_side else None


def compatible(ctx: CasualtyContext, a: Fact, b: Fact) -> bool:
    """Whether b repeats a: same status, count, negation, victim type, side (and person for one victim)."""
    if a.status != b.status or a.group.count is None or a.group.count != b.group.count:
        return False
    if a.negated != b.negated:
        return False
    if a.group.victims_start is not None and a.group.victims_start == b.group.victims_start:
        return True  # one victims word read by two triggers: "نعى جنديا رابعا قتل"
    # Neighbouring counts are different facts: "مقتل 11 من داعش و11 مدنيا".
    last_start, last_end = (a.mentions or [(a.start, a.end)])[-1]
    if ctx.same_sentence(last_start, b.start) and b.start - last_end <= MERGE_GAP:
        return False
    types = {a.group.victim_type, b.group.victim_type} - {"unknown"}
    if len(types) > 1:
        return False
    if a.group.count == 1 and not same_person(ctx, a, b):
        return False
    side_a, side_b = side_key(a), side_key(b)
    return side_a is None or side_b is None or side_a == side_b


def victim_words(ctx: CasualtyContext, fact: Fact) -> set[str]:
    """The victims' words, without the article."""
    g = fact.group
    if g.victims_start is None:
        return set()
    return {strip_article(w) for w in ctx.norms[g.victims_start:g.victims_end] if w.isalpha()}


def is_pronoun(fact: Fact) -> bool:
    """"مقتله", "إصابتها": the trigger itself is the only mention of the victim."""
    return fact.group.person and fact.group.start == fact.trigger_start and fact.group.end == fact.trigger_end


def same_person(ctx: CasualtyContext, a: Fact, b: Fact) -> bool:
    """One victim mentioned twice: the same name or noun ("قيادي"/"القيادي"), or a
    pronoun ("مقتله") that refers back to the victim before it."""
    if is_pronoun(b):
        return a.start < b.start
    if is_pronoun(a):
        return False
    words_a, words_b = victim_words(ctx, a), victim_words(ctx, b)
    return not words_a or not words_b or bool(words_a & words_b)


def absorb(into: Fact, other: Fact) -> None:
    """Merge `other` (a repeat of the same fact) into `into`."""
    into.mentions = (into.mentions or [(into.start, into.end)]) + [(other.start, other.end)]
    if into.group.qualifier == "exact" and other.group.qualifier != "exact":
        into.group.qualifier = other.group.qualifier
    if other.victim_side and (
        into.victim_side is None or len(other.victim_side["text"]) > len(into.victim_side["text"])
    ):
        into.victim_side = other.victim_side
    if into.group.victim_type == "unknown":
        into.group.victim_type = other.group.victim_type
    into.perpetrator = into.perpetrator or other.perpetrator
    if into.place is None or (other.place and coarse(into.place) > coarse(other.place)):
        into.place = other.place or into.place
    into.includes = into.includes or other.includes
    into.aggregate = into.aggregate and other.aggregate


def merge_duplicates(ctx: CasualtyContext, facts: list[Fact]) -> list[Fact]:
    """Facts with each repeat merged into the first fact it repeats."""
    merged: list[Fact] = []
    for fact in facts:
        target = next((m for m in merged if compatible(ctx, m, fact)), None)
        if target is None:
            merged.append(fact)
        else:
            absorb(target, fact)
    return merged


def merge_orphans(ctx: CasualtyContext, facts: list[Fact], orphans: list[Group]) -> None:
    """A count group with no trigger that repeats a fact's count enriches that fact."""
    by_count: dict[int, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_count[fact.group.count].append(fact)
    for group in orphans:
        if group.count is None or group.victims_start is None:
            continue
        matches = by_count.get(group.count, [])
        if len(matches) != 1:
            continue
        fact = matches[0]
        orphan = Fact(fact.status, group, group.start, group.end, victim_side=group.side_actor)
        orphan.negated = fact.negated
        if compatible(ctx, fact, orphan):
            absorb(fact, orphan)
