"""Count groups: a count and who it counts ("أكثر من 25 عنصرا من قوات النظام", "جنديين", "10 قتلى").

Pure functions over a `CasualtyContext`; `find_groups` finds every group of a doc once.
"""
from __future__ import annotations

from functools import lru_cache

from marsad.text.numbers import Quantity, is_year, may_begin_quantity, read_quantity

from .lexicon import WordClasses
from .model import CLAUSE_BREAKS, NUMBER_COUNTS, QUOTES, STATE_TYPES, CasualtyContext, Cue, Group, side_of


def find_groups(ctx: CasualtyContext) -> dict[int, Group]:
    """Count groups by start token."""
    groups: dict[int, Group] = {}
    resume = 0  # groups do not overlap: the next one starts after the last one's end
    for i in _group_starts(ctx):
        if i < resume:
            continue
        group = group_at(ctx, i)
        if group is not None:
            groups[group.start] = group
            resume = group.end
    return groups


def _group_starts(ctx: CasualtyContext) -> list[int]:
    """The tokens where `group_at` may find a group, in order: a qualifier, a number, "عدد" (of
    them), a breakdown's end or a victim trigger. At any other token it finds none."""
    starts = set(ctx.cues["qualifier_before"]) | set(ctx.cues["victim_trigger"]) | ctx.ends["breakdown"]
    starts.update(k for k, norm in enumerate(ctx.norms) if norm in SOME_OF or may_begin_quantity(norm))
    return sorted(starts)


def victims_at(ctx: CasualtyContext, j: int, nisba: bool = False) -> Cue | None:
    """The victims word at token j, or a nisba naming people right after a number."""
    if j >= ctx.n:
        return None
    cue = ctx.cues["victim_noun"].get(j) or ctx.cues["victim_trigger"].get(j)
    if cue is not None and cue.attrs.get("after_count") and not _violent_injuries(ctx, cue):
        return None
    if cue is not None and cue.attrs.get("anaphor"):
        return None  # "وأصيب تسعة أحدهم بجروح خطيرة": "one of them" is no victims word of the count
    if cue is None and nisba and is_people_nisba(ctx, j):
        # "أكثر من عشرين مصريا", "3 يمنيين": a nisba after a number names people
        cue = Cue("victim_noun", j, j + 1, {"victim_type": "unknown", "number": "pl"})
    return cue


def _violent_injuries(ctx: CasualtyContext, cue: Cue) -> bool:
    """"189 إصابة" counts the wounded in a sentence of violence (a strike, gunfire, the dead), not
    cases of a disease ("3 إصابات بالكوليرا") or a player's injuries."""
    if cue.end < ctx.n and ctx.norms[cue.end] == "ب" and cue.end not in ctx.cues["wound"]:
        return False
    sent = ctx.sentence[cue.start]
    return bool(ctx.in_sentence("perpetrator_cue", sent)) or any(
        c.attrs["status"] == "killed" for kind in ("victim_trigger", "action") for c in ctx.in_sentence(kind, sent))


def group_at(ctx: CasualtyContext, i: int) -> Group | None:
    """The count group starting at token i: an optional qualifier, a number, the victims or a side."""
    cues, norms, n = ctx.cues, ctx.norms, ctx.n
    qualifier = None
    start = i
    qual = cues["qualifier_before"].get(i)
    if qual is not None:
        qualifier = qual.attrs["qualifier"]
        i = qual.end
    if i >= n:
        return None
    quantity = read_count(norms, i, ctx)
    if quantity is None:
        if qualifier is None and i in ctx.ends["breakdown"]:
            # A bare noun in a breakdown: "بينهم طفلان" = 2, "بينهم امرأة" = 1
            group = bare_group(ctx, i)
            if group is not None:
                return group
        # A victim trigger on its own: "جريحين", "قتلى"
        vt = cues["victim_trigger"].get(i)
        if vt is None or qualifier is not None or vt.attrs.get("after_count"):
            return None
        count = NUMBER_COUNTS.get(vt.attrs["number"])
        group = Group.of_count(i, vt.end, count, victims_start=i, victims_end=vt.end, status=vt.attrs["status"])
        group.number = vt.attrs["number"]
        group.standalone = not vt.attrs.get("alone", False)
        combine(ctx, group, vt.attrs["status"])
        return with_side(ctx, group)
    j = i + quantity.n_words
    if j < n and j in cues["unit"]:
        return None  # "3 أشهر", "16 غارة", "5 صواريخ": not people
    between = cues["qualifier_after"].get(j)
    if between is not None and between.end < n and norms[between.end] == "من":
        qualifier = qualifier or between.attrs["qualifier"]  # "اثنين على الأقل من العمال"
        j = between.end
    victims = None
    actor_here = None
    anaphor = j < n and norms[j] in ctx.words.anaphors
    of = False
    if not anaphor:
        if j < n and norms[j] == "من":
            of = True
            if quantity.vague or victims_at(ctx, j + 1) is not None:
                j += 1  # "عشرات من المدنيين", "ثلاثة من الصحافيين"
                of = False
        victims = victims_at(ctx, j, nisba=(j == i + quantity.n_words))
        actor_here = ctx.actors.get(j)
    if anaphor:
        victims_start, victims_end, end = j, j + 1, j + 1
        vtype, status = "unknown", None
    elif victims is None and actor_here is None:
        if qualifier is None and not of:
            return None  # a bare number is a count only right after a trigger
        victims_start = victims_end = None
        end = j
        vtype = "unknown"
        status = None
    elif victims is not None:
        victims_start, victims_end, end = j, victims.end, victims.end
        vtype = victims.attrs.get("victim_type", "unknown")
        status = victims.attrs.get("status")
    else:
        victims_start, victims_end, end = j, actor_here["end"], actor_here["end"]
        vtype, status = "combatant", None
    after = cues["qualifier_after"].get(end)
    if after is not None:
        qualifier = qualifier or after.attrs["qualifier"]
        end = after.end
    if quantity.vague:
        qualifier = "vague"
    elif quantity.high is not None and quantity.high != quantity.low:
        qualifier = qualifier or "at_least"  # a range "بين 100 و200": its low end, high kept
    group = Group(
        start,
        end,
        count=quantity.value,
        qualifier=qualifier or "exact",
        low=quantity.low,
        high=quantity.high,
        victims_start=victims_start,
        victims_end=victims_end,
        victim_type=vtype,
        status=status,
    )
    group.anaphor = anaphor
    if victims is not None:
        group.force = victims.attrs.get("force")
        if status is None:
            # "3 جنود قتلى": a victim trigger after the victims gives the status
            trailing = cues["victim_trigger"].get(group.end)
            if trailing is not None and trailing.attrs["number"] != "sg":
                group.status = trailing.attrs["status"]
                group.end = trailing.end
        combine(ctx, group, group.status)
    if actor_here is not None and victims is None:
        group.side_actor = side_of(actor_here["text"], actor_here)
    group = with_side(ctx, group)
    if of and qualifier is None and group.side_actor is None and group.victims_start is None:
        return None  # "5 من" followed by neither victims nor a side
    return group


def combine(ctx: CasualtyContext, group: Group, status: str | None) -> None:
    """A total over statuses: "400 قتيل وجريح", "90 مدنيا بين قتيل وجريح"."""
    norms, n = ctx.norms, ctx.n

    def status_word(k: int) -> Cue | None:
        # "إصابة" after "و" is the action of a new fact ("13 قتيلا وإصابة 23"), not a second status word
        cue = ctx.cues["victim_trigger"].get(k)
        return None if cue is None or cue.attrs.get("after_count") else cue

    j = group.end
    statuses = [status] if status else []
    if not statuses:
        if j < n and norms[j] in ctx.words.combine and status_word(j + 1):
            first = status_word(j + 1)
            statuses = [first.attrs["status"]]
            j = first.end
        else:
            return
    while j + 1 < n and norms[j] in ("و", "او") and status_word(j + 1):
        nxt = status_word(j + 1)
        if nxt.attrs["status"] in statuses:
            break
        between = group.start > 0 and norms[group.start - 1] in ctx.words.combine  # "بين قتيل وجريح"
        if group.victims_start == group.start and not between and (
                group.number in NUMBER_COUNTS or nxt.attrs.get("number") in NUMBER_COUNTS):
            break  # "جثة وجريحين": a singular or dual word counts its own victims, no shared total
        statuses.append(nxt.attrs["status"])
        j = nxt.end
    if len(statuses) > 1:
        group.statuses = tuple(statuses)
        group.status = statuses[0]
        group.end = j
        group.count = None
        group.qualifier = "vague"


def bare_group(ctx: CasualtyContext, i: int) -> Group | None:
    """A singular or dual victim noun with no number: "مدني", "جنديين", "امرأة واحدة"."""
    noun = ctx.cues["victim_noun"].get(i)
    if noun is None or noun.attrs["number"] not in NUMBER_COUNTS:
        return None
    count = NUMBER_COUNTS[noun.attrs["number"]]
    group = Group.of_count(i, noun.end, count, victims_start=i, victims_end=noun.end,
                           victim_type=noun.attrs["victim_type"])
    group.number = noun.attrs["number"]
    group.force = noun.attrs.get("force")
    if group.end < ctx.n:
        adjective = read_count(ctx.norms, group.end)
        if adjective is not None and adjective.value == count and adjective.n_words == 1:
            group.end += 1  # "امرأة واحدة", "طفلين اثنين"
    return with_side(ctx, group)


# "البالغ عددهم سبعة", "وعددهم 12": the number of the victims stated after their noun
STATED_NUMBER = frozenset({"عددهم", "عددهن", "عددهما", "وعددهم", "وعددهن"})


def noun_group(ctx: CasualtyContext, noun: Cue) -> Group:
    """Group of a bare victim noun, with a number adjective after it: "عسكريين آخرين اثنين"."""
    norms, n = ctx.norms, ctx.n
    count = NUMBER_COUNTS.get(noun.attrs["number"])
    end = noun.end
    k = end
    if k < n and norms[k] in ctx.words.others:
        k += 1
    stated = False
    if k + 1 < n and norms[k] == "البالغ" and norms[k + 1] in STATED_NUMBER:
        k, stated = k + 2, True  # "الإرهابيين البالغ عددهم سبعة"
    elif k < n and norms[k] in STATED_NUMBER:
        k, stated = k + 1, True  # "وعددهم سبعة"
    adjective = read_count(norms, k) if k < n else None
    if adjective is not None and not adjective.vague and (adjective.n_words <= 2 or stated) and (count is None or count == adjective.value):
        count = adjective.value
        end = k + adjective.n_words
    group = Group.of_count(noun.start, end, count, victims_start=noun.start, victims_end=noun.end,
                           victim_type=noun.attrs["victim_type"])
    group.number = noun.attrs["number"]
    group.force = noun.attrs.get("force")
    group.anaphor = bool(noun.attrs.get("anaphor"))  # "أحدهما", "الآخر": the side is the antecedent's
    group = with_side(ctx, group)
    group.used = True
    return group


def with_side(ctx: CasualtyContext, group: Group) -> Group:
    """Extend the group over its side: "من قوات النظام والمسلحين الموالين لها",
    "مسلحا حوثيا", "جنود ليبيين من قوات الحكومة", "في صفوف الحوثيين"."""
    if group.side_actor is not None:
        return group
    norms, n, cues, actors = ctx.norms, ctx.n, ctx.cues, ctx.actors
    if group.victims_start is not None:
        # An actor alias that includes the victims noun: "جنود سعوديين"
        actor = actors.get(group.victims_start)
        if actor is not None and actor["end"] >= group.victims_end:
            return belongs_to(group, actor["text"], actor, actor["end"])
    j = group.end
    after = cues["qualifier_after"].get(j)
    if after is not None:
        if group.qualifier == "exact":
            group.qualifier = after.attrs["qualifier"]
        j = after.end
    # nationality or other adjectives: "جنود ليبيين", "عنصرا آخر"
    k = j
    while k < n and k - j < 2 and k not in actors and (
        norms[k] in ctx.words.rank_adjectives
        # "آخرين" is also a victims word: "ثلاثة عناصر آخرين من قوات النظام"
        or (is_adjective(ctx.words, norms[k]) and (norms[k] in ctx.words.others or not ctx.is_cue(k)))
    ):
        k += 1
    member_of = membership_side(ctx, k)
    if member_of is not None:
        side_start, actor = member_of
        return belongs_to(group, ctx.doc[side_start:actor["end"]].text, actor, actor["end"])
    if k < n and (k in actors or norms[k] in ("من", "في")):
        # before "من"/"في" a state force's nationality is still the fallback side ("جندي تركي في
        # اشتباك"); a force named right after ("جنود ليبيين من قوات الحكومة") is read below and wins
        if group.force == "state" and k > j and norms[j] in nationality_forms() and all(
            norms[m] in nationality_forms() or norms[m] in ctx.words.others for m in range(j, k)
        ):
            nationality_side(ctx, group, j, k)
        j = k
    else:
        nationality_side(ctx, group, j, k)
    direct = actors.get(j)
    if direct is None and j < n and ctx.texts[j] in QUOTES and group.victims_start is not None:
        quoted = actors.get(ctx.skip_quotes(j))  # a construct with a quoted name: "قادة «داعش»"
        if quoted is not None:
            j, direct = quoted["start"], quoted
    if direct is None and group.victims_start is not None and group.victims_start in cues["side_noun"] \
            and j == group.victims_end and j < n and (norms[j].startswith("ال") or j in cues["side_noun"]):
        # a construct: "13 من عناصر حرس المنشآت", "5 عناصر الأمن"
        side_start = group.victims_start
        for _ in range(2):
            noun = cues["side_noun"].get(j)
            if noun is None or j in actors:
                break
            j = noun.end
        actor = actors.get(j)
        phrase_end = actor["end"] if actor else np_end(ctx, j)
        if phrase_end is not None:
            group.side_actor = side_of(ctx.doc[side_start:phrase_end].text, actor) if actor else \
                {"text": ctx.doc[side_start:phrase_end].text, "actor_id": None}
            if group.victim_type == "unknown":
                group.victim_type = "combatant"
            group.end = max(group.end, phrase_end)
        return group
    attackers_at = attackers_after(ctx, group, j) if direct is None else None
    if attackers_at is not None:
        # "وقتلوا أحد المهاجمين", "قتلت 35 من المهاجمين", "اثنين من الإرهابيين المهاجمين": of the
        # side that attacked
        j = attackers_at
        group.victims_start, group.victims_end = j, j + 1
        group.victim_type = "combatant"
        group.end = max(group.end, j + 1)
        attacker = attacker_before(ctx, group.start)
        if attacker is not None:
            group.side_actor = side_of(attacker["text"], attacker)
        return group
    if direct is None and j < n and norms[j] in POSSESSIVE_LAM and group.victim_type == "combatant" \
            and group.victims_start is not None and group.side_actor is None:
        # "بعد مقتل عنصرين لها", "جرح ثلاثة جنود له": "of its own", the possessor named last before
        owner = possessor(ctx, group.start, ctx.sentence[j], norms[j])
        if owner is not None:
            group.side_actor = side_with_unit(ctx, owner)
            group.end = max(group.end, j + 1)
        return group
    if direct is None:
        # "أحد عناصره", "إحدى مقاتلاتها": "one of" takes the possessed noun without "من"
        one_of = j < n and j in cues["side_pronoun"] and group.end - group.start == 1 and norms[group.start] in ONE_OF
        if not one_of and (j >= n or norms[j] not in ("من", "في")):
            return group
        preposition = "من" if one_of else norms[j]
        j = j if one_of else ctx.skip_quotes(j + 1)
        side_start = j
        if j in cues["side_pronoun"]:
            # "5 من جنوده": the possessor is the actor named last before
            owner = possessor(ctx, group.start, ctx.sentence[j], ctx.norms[cues["side_pronoun"][j].end - 1])
            pronoun_end = cues["side_pronoun"][j].end
            if owner is not None:
                group.side_actor = side_with_unit(ctx, owner)  # "كتيبة ... بالجيش ... أحد جنودها"
                type_from_side(group, owner)
            elif group.victims_start is None:
                # "أربعة من جنوده قتلوا" with no actor before: still fighters, their side left to
                # the discourse (the antecedent of the pronoun, the sides named around)
                group.victims_start, group.victims_end = j, pronoun_end
                group.victim_type = "combatant"
                group.anaphor = True
            group.end = max(group.end, pronoun_end)
            return group
        for _ in range(2):  # "من عناصر تنظيم ” داعش ”"
            noun = cues["side_noun"].get(j)
            if actors.get(j) is not None or noun is None or noun.end - j > 2:
                break
            j = ctx.skip_quotes(noun.end)
        actor = actors.get(j)
        if actor is None and j < n and ctx.doc[j].text == "#":
            actor = actors.get(j + 1)
        if actor is None and j == side_start and j < n and norms[j] in ctx.words.attacker_nouns:
            attacker = attacker_before(ctx, group.start)
            if attacker is not None:  # "وقتل الجيش ثلاثة من المهاجمين"
                group.side_actor = side_of(attacker["text"], attacker)
                group.victim_type = "combatant"
                group.end = max(group.end, j + 1)
                return group
        if actor is None:
            # A side the knowledge base does not know: "من عناصر حرس الحدود", "من عناصر
            # التمرد"; without a side noun only state forces: "أربعة عناصر من الشرطة"
            phrase_end = np_end(ctx, j)
            if phrase_end is not None and j == side_start and not any(
                k in ctx.cues["state_word"] for k in range(j, phrase_end)
            ) and not (group.victim_type == "combatant" and not overlaps_place(ctx, j, phrase_end)):
                phrase_end = None  # but fighters "من المعارضة السورية" name their side
            if phrase_end is not None and j == side_start and (preposition == "في" or j in cues["perpetrator_cue"]):
                phrase_end = None  # "7 جنود في الهجوم", "من القصف": the event, not a side
            if phrase_end is None or (phrase_end < n and norms[phrase_end] in ctx.words.same_words):
                return group  # "من الوحدة نفسها": the unit named before, its side found in the discourse
            named = named_before(ctx, j, phrase_end, group.start)
            if named is not None:  # "قُتل جندي من القوات": the "قوات ..." named before
                return belongs_to(group, named["text"], named, phrase_end)
            group.side_actor = {"text": ctx.doc[side_start:phrase_end].text, "actor_id": None}
            if group.victim_type == "unknown":
                group.victim_type = "combatant"
            group.end = max(group.end, phrase_end)
            return group
    else:
        side_start, actor = j, direct
    side_end = actor["end"]
    # Coordinated sides: "قوات النظام والمسلحين الموالين لها", "الفصائل المقاتلة وداعش"
    while side_end + 1 < n and norms[side_end] == "و" and actors.get(side_end + 1):
        side_end = actors[side_end + 1]["end"]
    opened = sum(1 for t in ctx.doc[side_start:side_end] if t.text in QUOTES) % 2 == 1
    if side_end < n and ctx.texts[side_end] in QUOTES and (opened or (side_start > 0 and ctx.texts[side_start - 1] in QUOTES)):
        side_end += 1  # "تنظيم «داعش»", "ميليشيات “الحوثيين”"
    if actor.get("takes_up") and (side_start, side_end) == (actor["start"], actor["end"]):
        return belongs_to(group, actor["text"], actor, side_end)  # "من القوات": the force's full name
    return belongs_to(group, ctx.doc[side_start:side_end].text, actor, side_end)


def attackers_after(ctx: CasualtyContext, group: Group, j: int) -> int | None:
    """The token of the attackers noun a count takes, if any: "أحد المهاجمين", "35 من المهاجمين",
    "اثنين من الإرهابيين المهاجمين" (a fighters' noun with the attacker adjective)."""
    norms, n, attackers = ctx.norms, ctx.n, ctx.words.attacker_nouns
    if j < n and norms[j] in attackers and group.end - group.start == 1 and norms[group.start] in ONE_OF:
        return j
    if j + 1 < n and norms[j] == "من" and group.victims_start is None:
        if norms[j + 1] in attackers:
            return j + 1
        if j + 2 < n and norms[j + 2] in attackers and norms[j + 1].startswith("ال") and j + 1 not in ctx.actors:
            return j + 2
    return None


NAMED_BEFORE_SENTENCES = 2  # sentences searched back for the force a bare definite head takes up


def named_before(ctx: CasualtyContext, start: int, end: int, before: int) -> dict | None:
    """The actor a bare definite head noun takes up ("القوات" -> "قوات دراويش بونتلاند",
    "الكتيبة" -> "كتيبة ..."): the latest actor before `before`, in its sentence or the two
    before, whose name starts with that noun."""
    if end - start != 1 or not ctx.norms[start].startswith("ال"):
        return None
    head = ctx.norms[start][2:]
    sent = ctx.sentence[before]
    for s in range(sent, max(-1, sent - NAMED_BEFORE_SENTENCES - 1), -1):
        for actor in reversed(ctx.in_window("actors", s, 0, before)):
            if ctx.norms[actor["start"]] == head:
                return actor
    return None


def membership_side(ctx: CasualtyContext, k: int) -> tuple[int, dict] | None:
    """The known actor that victims ending at `k` belong to by lām: "قيادي بارز لحركة الشباب",
    "عشرات القتلى لحزب الله", "عنصرين تابعين لقوات الدعم السريع". RETURNS the actor's
    start and record. An unknown name after لـ is no side: "قتيلا للمرة الثانية"."""
    if k < ctx.n and ctx.norms[k] in ctx.words.membership_links:
        k += 1
    if k >= ctx.n or ctx.norms[k] != "ل":
        return None
    start = ctx.skip_quotes(k + 1)
    actor = ctx.actors.get(start)
    if actor is None and start < ctx.n and ctx.texts[start] == "#":
        start += 1
        actor = ctx.actors.get(start)
    return (start, actor) if actor is not None else None


POSSESSOR_WINDOW = 40  # tokens searched back for the actor a pronoun suffix refers to
AGENT_WINDOW = 4  # tokens after an assault verb in which its agent is named ("هاجم مسلحون من حركة الشباب")


def attacker_before(ctx: CasualtyContext, start: int) -> dict | None:
    """The side that attacked, for "ثلاثة من المهاجمين": the actor right after the last assault
    verb ("هاجم", "تبنت", "كمين نصبه") before `start` in its sentence or the two before (a known
    actor before a provisional one)."""
    sent = ctx.sentence[start]
    for k in range(start - 1, -1, -1):
        if ctx.sentence[k] < sent - 2:
            return None
        if ctx.norms[k] not in ctx.words.assault_verbs:
            continue
        subject = ctx.actor_at.get(k - 1) if k > 0 else None
        if subject is not None and subject["end"] == k and subject["actor_id"]:
            return subject  # "عناصر تنظيم داعش هاجمت قطعات تابعة للفرقة الثامنة": the subject before the verb
        agents = [ctx.actor_at[m] for m in range(k + 1, min(ctx.n, k + 1 + AGENT_WINDOW)) if m in ctx.actor_at]
        if not any(a["actor_id"] for a in agents):
            agents = hedged_agent(ctx, k + 1) + agents
        if agents:
            return next((a for a in agents if a["actor_id"]), agents[0])
    return None


HEDGE_WINDOW = 6  # tokens after a hedge ("يعتقد أنهم من") in which the group it names is read


def hedged_agent(ctx: CasualtyContext, start: int) -> list[dict]:
    """The known actor unnamed agents right after `start` are said to belong to: "شنه مسلحون
    يُعتقد أنهم من خلايا تنظيم الدولة", "مسلحون يشتبه بانتمائهم إلى حركة الشباب"."""
    for h in range(start, min(ctx.n, start + AGENT_WINDOW)):
        if ctx.norms[h] in ctx.words.hedges:
            for m in range(h + 1, min(ctx.n, h + 1 + HEDGE_WINDOW)):
                actor = ctx.actor_at.get(m)
                if actor is not None and actor["actor_id"]:
                    return [actor]
            return []
    return []


def possessor(ctx: CasualtyContext, start: int, sent: int, pronoun: str) -> dict | None:
    """The actor "جنوده" / "عناصرها" refers to: the one named last before `start`, in its
    sentence or the one before (the statement's subject: "قالت وزارة الدفاع التركية ...
    وأضافت أن أربعة من جنودها قتلوا"). A singular suffix (ه، ها) refers to a body, not
    to people named by a plural ("مسلحين", "الحوثيين" take "هم"), and "هم" only to them."""
    people = pronoun.endswith("هم")
    admitted = admitting_side(ctx, start, sent, people)
    if admitted is not None:
        return admitted
    for k in range(start - 1, max(-1, start - POSSESSOR_WINDOW), -1):
        if ctx.sentence[k] < sent - 1:
            return None
        actor = ctx.actor_at.get(k)
        if actor is None or actor.get("type") == "civilians":
            continue
        if people != ctx.norms[actor["end"] - 1].endswith(("ين", "ون")):
            continue  # "عناصرهم" is not "القوات الحكومية"'s; "جنودها" is not "المسلحين"'s
        relative = actor["end"] < ctx.n and ctx.norms[actor["end"]] in RELATIVE_PRONOUNS
        if not relative and _after_attack_word(ctx, actor["start"], start, soldiers=pronoun.startswith(SOLDIER_STEMS)
                                               and actor.get("type") not in STATE_TYPES):
            # "أدت غارات الطيران التركي إلى مقتل أحد مقاتليها": the PKK's, not Turkey's; but
            # "هجمات على قوات الأمن التي قتل عشرون من أفرادها": a relative clause's pronoun is its head's
            continue
        return actor
    return None


POSSESSIVE_LAM = frozenset({"له", "لها", "لهم", "لهما"})  # "عنصرين لها": two of its men
RELATIVE_PRONOUNS = frozenset({"التي", "الذي", "الذين", "اللذين", "اللتين"})
ADMISSION_REACH = 4  # tokens from an admission verb to the count of its own dead ("اعترفت بمقتل أربعة")
SPEAKER_REACH = 3  # tokens from a speech verb to its subject ("قالت قسد", "قال المتحدث باسم الجيش")


def admitting_side(ctx: CasualtyContext, start: int, sent: int, people: bool) -> dict | None:
    """"فيما اعترفت بمقتل أربعة من مقاتليها", "أعلنت الحركة مقتل اثنين من قادتها": a side that
    admits or announces losses speaks of its own men; the pronoun is the verb's subject, named
    after it or, when the verb has none, the speaker of the sentence."""
    verb = next((k for k in range(start - 1, max(-1, start - ADMISSION_REACH - 1), -1)
                 if ctx.word_in(k, ctx.words.admission_verbs)), None)
    if verb is None or ctx.sentence[verb] != ctx.sentence[start] \
            or any(ctx.norms[k] in CLAUSE_BREAKS for k in range(verb + 1, start)):
        return None
    subject = _armed_actor_after(ctx, verb + 1, start, people)
    return subject if subject is not None else speaker_before(ctx, verb, sent, people)


def _armed_actor_after(ctx: CasualtyContext, k: int, limit: int, people: bool) -> dict | None:
    for m in range(k, min(limit, k + SPEAKER_REACH)):
        actor = ctx.actors.get(m)
        if actor is not None and actor.get("type") != "civilians" \
                and people == ctx.norms[actor["end"] - 1].endswith(("ين", "ون")):
            return actor
    return None


def speaker_before(ctx: CasualtyContext, k: int, sent: int, people: bool) -> dict | None:
    """The armed actor right after the last speech verb before token k, in its sentence or the one
    before and within POSSESSOR_WINDOW tokens ("قالت قسد إنها ..."), or whose spokesman spoke
    ("قال المتحدث باسم الجيش التشادي"); None when that verb has no armed subject."""
    for m in range(k - 1, max(-1, k - POSSESSOR_WINDOW), -1):
        if ctx.sentence[m] < sent - 1:
            return None
        if ctx.word_in(m, ctx.words.speaker_verbs):
            j = m + 1
            if j + 1 < ctx.n and ctx.norms[j] in SPOKESMAN_WORDS and ctx.norms[j + 1] == "باسم":
                j += 2
            return _armed_actor_after(ctx, j, k, people)
    return None


SPOKESMAN_WORDS = frozenset({"المتحدث", "الناطق", "متحدث", "ناطق"})


SOLDIER_STEMS = ("جنود", "ضباط", "عسكري")  # "جنودها": a state's soldiers, not a militia's


def _after_attack_word(ctx: CasualtyContext, start: int, count: int, soldiers: bool = False) -> bool:
    """An actor right after an attack word ("غارات الطيران التركي", "شنتها طائرات إسرائيلية",
    "برصاص"): it struck, it is not whose men a later pronoun (at `count`) counts, unless the
    attack was repelled, no contrast ("فيما قتل اثنان من مقاتليها": the repellers' own) comes
    between, and the men are not soldiers of a state it is not (`soldiers`). Not "كمين
    للميليشيات": with "ل" the actor is the one attacked."""
    if start == 0 or ctx.norms[start] == "ل":
        return False
    cue = next((cue for cue in (ctx.cues["perpetrator_cue"].get(m) for m in range(max(0, start - 3), start))
                if cue is not None and cue.end == start), None)
    if cue is None:
        return False
    contrasted = any(ctx.norms[k] in ctx.words.contrast for k in range(start, count))
    return soldiers or contrasted or not _repelled(ctx, cue.start)


REPEL_REACH = 4  # tokens from "تصدت"/"أحبطت" to the attack it repelled ("تصدت قواته لهجوم شنته ...")


def _repelled(ctx: CasualtyContext, start: int) -> bool:
    """Whether the attack named at `start` was repelled: its attacker then lost the men counted
    after it ("تصدت لهجوم شنته الميليشيا وقتلت 20 من عناصرها")."""
    sent = ctx.sentence[start]
    return any(ctx.sentence[k] == sent and ctx.word_in(k, ctx.words.repel_verbs)
               for k in range(max(0, start - REPEL_REACH), start))


def quantity_group(start: int, quantity: Quantity) -> Group:
    """A group of a bare number, with no victims: "مقتل 5 وإصابة 10"."""
    return Group(start, start + quantity.n_words, count=quantity.value, qualifier="vague" if quantity.vague else "exact",
                 low=quantity.low, high=quantity.high)


def read_count(norms: list[str], i: int, ctx: CasualtyContext | None = None) -> Quantity | None:
    """The number at token i, unless it is a year (and no victims word follows it)."""
    quantity = read_quantity(norms, i)
    if quantity is None:
        # "مقتل عدد منهم": "a number of them" ("عدد" alone is "the number of", never a count)
        if ctx is not None and norms[i] in SOME_OF and i + 1 < len(norms) and norms[i + 1] in ctx.words.anaphors:
            return Quantity(None, 2, None, True, 1)
        return None
    # Years are not counts: "2015" (but "3600 آخرين" and "1916 قتيلا" are).
    if is_year(norms[i]) and quantity.value == int(norms[i]):  # not "2000 ألف"
        after = i + quantity.n_words
        if ctx is None or (after not in ctx.cues["victim_noun"] and after not in ctx.cues["victim_trigger"]):
            return None
    return quantity


def is_people_nisba(ctx: CasualtyContext, j: int) -> bool:
    """A nisba after a number names people: "3 يمنيين", "عشرين مصريا"."""
    norm = ctx.norms[j]
    if j in ctx.actors or j in ctx.actor_at or ctx.is_cue(j) or j in ctx.cues["unit"] or norm in ctx.words.nisba_stop:
        return False
    if len(norm) < 5 or not norm.isalpha() or norm.startswith("ال"):
        return False
    return norm.endswith(("يين", "يون", "يا")) and not ctx.doc[j].ent_type_ == "LOC"


def nationality_side(ctx: CasualtyContext, group: Group, j: int, k: int) -> None:
    """"جندي تركي", "17 عسكريا نيجيريا": fighters with a nationality adjective (tokens j..k) belong
    to that nation's forces; kept as `group.nationality` (the phrase, and the army the actor
    ruler gave it), the side when no force is named near them."""
    while k > j and ctx.norms[k - 1] in ctx.words.others:
        k -= 1  # "جندي إماراتي آخر"
    if k <= j or group.victims_start is None or group.victim_type != "combatant" or group.anaphor:
        return
    if any(ctx.norms[m] in ctx.words.others for m in range(j, k)):
        return  # "عنصرا آخر"
    army, _ = ctx.soldier_armies.get(group.victims_start, (None, None))
    group.nationality = {"text": ctx.doc[group.victims_start:k].text, "actor_id": army}
    group.end = max(group.end, k)


ONE_OF = frozenset({"احد", "احدي"})  # أحد، إحدى (normalised)
SOME_OF = frozenset({"عدد", "عددا", "العديد"})  # before "منهم": some of them (normalised)


@lru_cache(maxsize=1)
def nationality_forms() -> frozenset[str]:
    """Every normalised form of every nationality adjective ("تركي", "الإسرائيلية", "سودانيين"),
    with the accusative singular a count of 11-99 takes ("11 جنديا صوماليا")."""
    from marsad.components.actors.setting import nationality_adjectives

    forms = set(nationality_adjectives())
    return frozenset(forms | {f + "ا" for f in forms if f.endswith("ي") and not f.startswith("ال")})


def is_adjective(words: WordClasses, norm: str) -> bool:
    """A nisba adjective ("ليبيين", "حوثيا", "الإسبان" is not one) or "آخر"."""
    if norm in words.others:
        return True
    if len(norm) < 4 or norm in words.nisba_stop or not norm.isalpha():
        return False
    return norm.endswith(("يين", "يون", "يا", "يه", "ي", "يتين", "يان"))


def unit_of(ctx: CasualtyContext, force: dict) -> dict | None:
    """The unit named right before a force as one of its own ("الكتيبة الرابعة بالجيش الصومالي",
    "اللواء الثالث التابع لقوات درع الوطن"): reports name the unit hit and the force it
    serves, so the victims' side spans both (its "unit" keeps the unit's name)."""
    k = force["start"]
    if k >= 2 and ctx.norms[k - 1] == "ل" and ctx.norms[k - 2] in ctx.words.membership_links:
        k -= 2
    elif k >= 1 and ctx.norms[k - 1] == "ب":
        k -= 1
    else:
        return None
    unit = ctx.actor_at.get(k - 1)
    if unit is None or unit is force or unit["end"] != k:
        return None
    return unit


def side_with_unit(ctx: CasualtyContext, force: dict) -> dict:
    """The victims' side record of `force`, spanning the unit named right before it as its own."""
    side = side_of(force["text"], force)
    unit = unit_of(ctx, force)
    if unit is not None:
        side.update(text=ctx.doc[unit["start"]:force["end"]].text, unit=unit["text"])
    return side


def belongs_to(group: Group, text: str, actor: dict, end: int) -> Group:
    """The group's victims are of `actor`, named by `text`, and the group reaches `end`."""
    group.side_actor = side_of(text, actor)
    type_from_side(group, actor)
    group.end = max(group.end, end)
    return group


def type_from_side(group: Group, actor: dict) -> None:
    """Victims of a side are combatants, unless the side is civilians."""
    if group.victim_type == "unknown":
        group.victim_type = "civilian" if actor.get("type") == "civilians" else "combatant"


def noun_number(cues, i: int) -> str | None:
    """The grammatical number of the victims word at token i."""
    cue = cues["victim_noun"].get(i) or cues["victim_trigger"].get(i)
    return cue.attrs.get("number") if cue else None


def np_end(ctx: CasualtyContext, k: int, max_words: int = 4) -> int | None:
    """End of a definite noun phrase naming a group: "حرس الحدود", "التمرد", "موالية للحكومة"."""
    end = k
    definite = False
    while end < ctx.n and end - k < max_words:
        norm = ctx.norms[end]
        if norm == "ل" and end + 1 < ctx.n and ctx.norms[end + 1].startswith("ال"):
            end += 1  # "قوات للجيش"
            continue
        if not ctx.doc[end].is_alpha or norm in ctx.words.name_stop or norm in ctx.words.prepositions or norm in ctx.words.relatives \
                or norm in ctx.words.np_stop or ctx.is_cue(end):
            break
        if end in ctx.cues["not_side"]:
            return None  # "في صفوف السكان": not an armed side
        if end in ctx.actor_at and ctx.actor_at[end]["start"] == end and end > k:
            break
        is_definite = norm.startswith("ال")
        if definite and not is_definite:
            break
        definite = definite or is_definite
        end += 1
    return end if definite else None


def overlaps_place(ctx: CasualtyContext, start: int, end: int) -> bool:
    """Whether tokens [start, end) overlap a place found by the location linker."""
    if ctx.place_tokens is None:
        ctx.place_tokens = set()
        for index in range(len(ctx.doc._.places or [])):
            span = ctx.place_span(index)
            if span is not None:
                ctx.place_tokens.update(range(*span))
    return any(k in ctx.place_tokens for k in range(start, end))


def agent_end(ctx: CasualtyContext, j: int) -> int | None:
    """End of an actor phrase at token j, after up to two side nouns: "قوات تنظيم داعش"."""
    k = j
    for _ in range(2):
        noun = ctx.cues["side_noun"].get(k)
        if noun is None or k in ctx.actors:
            break
        k = ctx.skip_quotes(noun.end)
    k = ctx.skip_quotes(k)
    if k > j and k < ctx.n and ctx.norms[k] in ctx.words.membership_links:
        k += 1  # "قوة تابعة للدعم السريع"
    if k < ctx.n and ctx.norms[k] == "ل":
        k += 1  # "تجمع لإرهابيي داعش"
    actor = ctx.actors.get(k)
    if actor is None:
        return None
    return actor["end"]
