"""The casualty engine's pass over a doc: triggers, victim triggers and carried statuses, in text order.

Each fact then gets its context (`context.attach_context`); hypothetical facts are dropped and
repeats merged (`merging`).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from .context import attach_context, carry_sides_after_merging, name_sides_by_their_force, share_coordinated_sides
from .groups import ONE_OF, bare_group, find_groups
from .lexicon import Lexicon
from .merging import merge_duplicates, merge_orphans
from .model import CARRY_WINDOW, NUMBER_COUNTS, QUOTES, CasualtyContext, Fact, Group
from .persons import join_relatives
from .triggers import action_facts, group_facts, toll_facts


@dataclass
class OpenStatus:
    """The status a trigger opened, carried on to groups joined to its fact: "قتل 5 و3 آخرون"."""

    status: str
    last: int  # token index after the last trigger or fact
    by_trigger: bool  # an action or toll opened it (not a victim trigger: "28 ألف قتيل و700 ألف نازح")


def find_facts(doc: Doc, lexicon: Lexicon) -> list[Fact]:
    """The casualty facts of a doc, in text order."""
    if len(doc) == 0:
        return []
    ctx = CasualtyContext(doc, lexicon)
    ctx.set_groups(find_groups(ctx))
    cues, norms, n = ctx.cues, ctx.norms, ctx.n
    facts: list[Fact] = []
    orphans: list[Group] = []
    active: OpenStatus | None = None
    last_fact: Fact | None = None
    breakdown_of: Fact | None = None  # the fact whose breakdown ("بينهم ...") is being listed
    i = 0
    while i < n:
        if ctx.is_break(i):
            active = None
            breakdown_of = None
            i += 1
            continue
        toll = cues["toll"].get(i)
        if toll is not None and i not in ctx.inside:
            found = toll_facts(ctx, toll)
            if found:
                facts.extend(found)
                last_fact = found[-1]
                active = OpenStatus(found[-1].status, found[-1].end, True)
                breakdown_of = None
            i = toll.end
            continue
        cue = cues["action"].get(i)
        if cue is not None and i not in ctx.inside:
            found = action_facts(ctx, cue)
            if found:
                facts.extend(found)
                last_fact = found[-1]
            breakdown_of = None
            status = found[-1].status if found else cue.attrs["status"]
            active = OpenStatus(status, max([cue.end] + [f.end for f in found]), True)
            # "قتلت وأسرت العشرات": a second trigger read into one total is not read again
            i = max([cue.end] + [f.trigger_end for f in found if f.trigger_start == cue.start])
            continue
        if i in cues["breakdown"] and last_fact is not None and ctx.same_sentence(i, last_fact.start) \
                and 0 <= i - last_fact.end <= 2:
            breakdown_of = last_fact  # "مقتل 7 أشخاص بينهم مدير المدرسة وثلاثة أطفال"
        group = ctx.groups.get(i)
        if group is None and breakdown_of is not None and i > 0 and norms[i - 1] == "و":
            group = bare_group(ctx, i)  # "بينهم 5 أطفال وامرأة"
        elif group is None and breakdown_of is None and other_kind_after(ctx, i, last_fact):
            # "مقتل جنديين ومدني", "أصيب 4 جنود ومدنيان": victims of the other kind, a fact of their own
            group = bare_group(ctx, i)
            fact = Fact(last_fact.status, group, group.start, group.end)
            group.used = True
            facts.append(fact)
            last_fact = fact
            i = group.end
            continue
        if group is not None and not group.used:
            if group.status is None and last_fact is not None and (
                is_breakdown(ctx, i, last_fact)
                or (breakdown_of is last_fact and i > 0 and norms[i - 1] == "و" and ctx.same_sentence(i, last_fact.start))
            ):
                last_fact.includes.append(group)
                group.used = True
                breakdown_of = last_fact
            elif group.status is not None or group.statuses:
                breakdown_of = None
                if group.standalone and group.number == "sg" and not single_allowed(ctx, group):
                    i = group.end
                    continue
                if group.standalone and group.count is None and norms[group.start].startswith("ال") \
                        and group.side_actor is None:
                    i = group.end  # "اللهم ارحم الشهداء", "علاج الجرحى": no event
                    continue
                found = group_facts(group, group.status, group.start, group.start)
                facts.extend(found)
                last_fact = found[-1]
                active = OpenStatus(found[-1].status, group.end, False)
            elif last_fact is not None and is_apposition(ctx, group, last_fact):
                describe_person(last_fact, group)
            elif (
                active is not None
                and (active.by_trigger or group.status is not None)  # "28 ألف قتيل و700 ألف نازح": not carried
                and (group.count is not None or group.anaphor)
                and i - active.last <= CARRY_WINDOW
                and ctx.same_sentence(i, max(active.last - 1, 0))
                and after_connector(ctx, i)
                # a bare number is carried only straight after "و" and a counted fact
                and (
                    group.victims_start is not None
                    or group.side_actor is not None
                    or (norms[i - 1] == "و" and last_fact is not None and last_fact.group.count is not None)
                )
            ):
                breakdown_of = None
                fact = Fact(active.status, group, group.start, group.end)
                group.used = True
                facts.append(fact)
                last_fact = fact
                active = OpenStatus(active.status, group.end, active.by_trigger)
            else:
                orphans.append(group)
            i = group.end
            continue
        i += 1
    all_groups = sorted(list(ctx.groups.values()) + orphans, key=lambda g: g.start)
    facts.sort(key=lambda f: f.start)
    for fact in facts:
        join_relatives(ctx, fact)
    for index, fact in enumerate(facts):
        attach_context(ctx, fact, facts[index - 1] if index else None, all_groups)
    share_coordinated_sides(ctx, facts)
    facts = [f for f in facts if not f.hypothetical]
    facts = merge_duplicates(ctx, facts)
    merge_orphans(ctx, facts, orphans)
    carry_sides_after_merging(ctx, facts)
    name_sides_by_their_force(ctx, facts)
    return facts


def other_kind_after(ctx: CasualtyContext, i: int, last_fact: Fact | None) -> bool:
    """A singular or dual victim noun right after "و" and a fact whose victims are of the other kind
    (civilians after fighters, fighters after civilians), in its sentence."""
    if last_fact is None or i < 1 or ctx.norms[i - 1] != "و" or i - last_fact.end != 1:
        return False
    noun = ctx.cues["victim_noun"].get(i)
    if noun is None or noun.attrs["number"] not in NUMBER_COUNTS or not ctx.same_sentence(i, last_fact.start):
        return False
    kinds = {noun.attrs["victim_type"], last_fact.group.victim_type}
    return kinds == {"civilian", "combatant"}


def single_allowed(ctx: CasualtyContext, group: Group) -> bool:
    """A lone singular victim trigger ("شهيد") is a fact only when coordinated with a count."""
    k = group.end
    return k + 1 < ctx.n and ctx.norms[k] == "و" and (ctx.groups.get(k + 1) is not None)


APPOSITION_OPENERS = frozenset({",", "،", "هو", "هي", "وهو", "وهي"})


def is_apposition(ctx: CasualtyContext, group: Group, last_fact: Fact) -> bool:
    """"مقتل أبو محمد الشامي، أحد قادة الهيئة": "one of" right after a named victim and a comma
    describes that victim; it is no second victim."""
    if not last_fact.group.person or last_fact.group.count not in (None, 1) or group.count != 1:
        return False
    if ctx.norms[group.start] not in ONE_OF or not ctx.same_sentence(group.start, last_fact.start):
        return False
    between = [k for k in range(last_fact.end, group.start) if ctx.texts[k] not in QUOTES]
    return bool(between) and ctx.norms[between[0]] in (",", "،") and len(between) <= 2 and all(
        ctx.norms[k] in APPOSITION_OPENERS for k in between
    )


def describe_person(fact: Fact, apposition: Group) -> None:
    """The apposition's side and kind become the named victim's."""
    apposition.used = True
    person = fact.group
    if person.side_actor is None and apposition.side_actor is not None:
        person.side_actor = apposition.side_actor
    if person.victim_type == "unknown":
        person.victim_type = apposition.victim_type


def is_breakdown(ctx: CasualtyContext, i: int, last_fact: Fact) -> bool:
    """A group right after "بينهم"/"منهم" (one token may stand between) in the sentence of the fact."""
    for k in (i, i - 1):
        cue_start = ctx.breakdown_starts.get(k)
        if cue_start is not None and ctx.same_sentence(cue_start, i) and cue_start >= last_fact.start:
            return True
    return False


def after_connector(ctx: CasualtyContext, i: int) -> bool:
    if i in ctx.ends["connector"]:
        return True
    k = i - 1
    while k >= 0 and ctx.texts[k] in QUOTES | {")", "("}:
        k -= 1
    if k < 0:
        return False
    if ctx.norms[k] in (",", "،"):
        return True
    return k + 1 in ctx.ends["connector"] and k + 1 != i
