"""A fact's context: the victims' side, perpetrator, place, negation, hypothetical and aggregate cues.

Lookups stay within a window of the fact (bisect over cue starts per sentence), so the time
per fact does not grow with the length of its sentence.
"""
from __future__ import annotations

from marsad.components.context import doc_context

from bisect import bisect_left

from marsad.text.numbers import is_year
from marsad.text.orthography import normalize

from .groups import agent_end, attacker_before, np_end, possessor, side_with_unit
from .lexicon import month_words
from .model import (
    CLAUSE_BREAKS,
    HYPOTHETICAL_SCOPE,
    NEGATION_SCOPE,
    PERPETRATOR_WINDOW,
    PUNCT,
    QUOTES,
    STATE_TYPES,
    TARGET_WINDOW,
    CasualtyContext,
    Fact,
    Group,
    side_of,
)


def attach_context(ctx: CasualtyContext, fact: Fact, previous: Fact | None, all_groups: list[Group]) -> None:
    """Fill in the victims' side, perpetrator, place, negation, hypothetical and aggregate of a fact."""
    sentence = ctx.sentence
    sent = sentence[fact.start]
    group = fact.group
    fact.victim_side = group.side_actor
    fact.negated = in_scope(ctx, "negation", NEGATION_SCOPE, fact.start)
    fact.hypothetical = in_scope(ctx, "hypothetical", HYPOTHETICAL_SCOPE, fact.start)
    fact.aggregate = bool(ctx.in_sentence("aggregate", sent)) or since_a_date(ctx, fact)
    fact.perpetrator = find_perpetrator(ctx, fact)
    trigger = ctx.cues["action"].get(fact.trigger_start)
    if fact.victim_side is None and trigger is not None and trigger.attrs.get("agent_is_side"):
        loser = fact.agent or actor_ending_at(ctx, fact.trigger_start)
        if loser is not None:  # "فقدت القوات المسلحة ثلاثة من جنودها", "إن الشرطة فقدت 4 من عناصرها"
            fact.victim_side, fact.agent = side_of(loser["text"], loser), None
            group.victim_type = "combatant"
    if fact.victim_side is None and group.anaphor:
        attackers = attacker_antecedent(ctx, group.start)
        antecedent = None if attackers is not None else antecedent_group(ctx, group, all_groups, sent)
        if attackers is not None:  # "اشتبكت مع المهاجمين، ما أسفر عن مقتل عدد منهم"
            fact.victim_side = side_of(attackers["text"], attackers)
            group.victim_type = "combatant"
        elif antecedent is not None:
            fact.victim_side = antecedent.side_actor
            group.victim_type = antecedent.victim_type
    if (
        fact.victim_side is None
        and previous is not None
        and sentence[previous.start] == sent
        and not (contrasted(ctx, previous.end, fact.start) and fact.status in ctx.memo.get(("statuses", sent), ()))
        and (is_others(ctx, group) or group.victims_start is None or same_victim_noun(ctx, group, previous.group))
        and not group.person
    ):
        # "قتل 12 عنصرا ... وأصيب 20 آخرون", "قتل جنديان وأصيب خمسة": the same victims
        fact.victim_side = previous.victim_side
        if group.victim_type == "unknown":
            group.victim_type = previous.group.victim_type
    if group.person and fact.victim_side is None:
        fact.victim_side = possessed_title_side(ctx, group) or person_side(ctx, fact)
    if fact.victim_side is None and group.victim_type != "civilian":
        fact.victim_side = mourner_side(ctx, fact) or sufferer_side(ctx, fact)
    if fact.victim_side is None and group.force == "state":
        fact.victim_side = state_side(ctx, fact)
    # victims of unknown kind ("4 قتلى") in an armed group's hit positions are its members
    if fact.victim_side is None and group.victim_type in ("combatant", "unknown") and not group.person:
        fact.victim_side = target_side(ctx, fact)
    if fact.victim_side is None and group.nationality is not None:
        fact.victim_side = group.nationality
    if fact.victim_side is None and not group.person and (
        group.victim_type == "combatant" or group.anaphor or (is_others(ctx, group) and previous is not None
                                                             and previous.group.victim_type == "combatant")
    ):
        kind_of = previous.group if is_others(ctx, group) and previous is not None else group
        fact.victim_side = discourse_side(ctx, fact, kind_of)
    if fact.victim_side is not None and group.victim_type == "unknown":
        group.victim_type = "combatant"
    if fact.perpetrator is None and fact.agent is not None:
        fact.perpetrator = side_of(fact.agent["text"], fact.agent)
    if fact.perpetrator and fact.victim_side and same_actor(fact.perpetrator, fact.victim_side):
        fact.perpetrator = None
    fact.place = find_place(ctx, fact)
    ctx.memo.setdefault(("statuses", sent), set()).add(fact.status)


def possessed_title_side(ctx: CasualtyContext, group: Group) -> dict | None:
    """"أكدت قوات الدعم السريع مقتل قائدها الميداني": the side the title's pronoun refers to."""
    title = ctx.cues["person_title"].get(group.victims_start) if group.victims_start is not None else None
    if title is None or not title.attrs.get("possessive"):
        return None
    owner = possessor(ctx, group.start, ctx.sentence[group.start], ctx.norms[title.end - 1])
    if owner is None:
        return None
    group.victim_type = "combatant"
    return side_of(owner["text"], owner)


def actor_ending_at(ctx: CasualtyContext, k: int) -> dict | None:
    """The actor right before token k ("قد" may stand between): a verb's subject before it."""
    end = k - 1 if k > 0 and ctx.norms[k - 1] == "قد" else k
    actor = ctx.actor_at.get(end - 1)
    return actor if actor is not None and actor["end"] == end else None


SINCE_WINDOW = 5  # tokens after "منذ" in which a month or a year makes a toll cumulative
SINCE_BEFORE, SINCE_AFTER = 12, 16  # how far from the fact "منذ" is looked for, within its clause


def since_a_date(ctx: CasualtyContext, fact: Fact) -> bool:
    """A toll counted "since" a month or a year in its own clause ("ترتفع الحصيلة منذ الثامن من
    تشرين الأول 2023 إلى ..."، "قتلت 223 عنصرا ... منذ إبريل الماضي") is cumulative; "منذ ساعات",
    or "منذ 2013" in another clause of the sentence ("، وتحاصر القوات البلدة منذ 2013"), are not;
    a sentence that opens with it ("ومنذ السابع من أكتوبر 2023، ...") counts all of its tolls so."""
    start, end = doc_context(ctx.doc).sentence_bounds[ctx.sentence[fact.start]]
    months = month_words()

    def dated(k: int) -> bool:
        return any(ctx.norms[m] in months or is_year(ctx.norms[m].rstrip("."))
                   for m in range(k + 1, min(end, k + 1 + SINCE_WINDOW)))

    first = start + 1 if start + 1 < end and ctx.norms[start] == "و" else start
    if ctx.norms[first] == "منذ" and dated(first):
        return True  # "ومنذ السابع من أكتوبر 2023، تشن قوات ... حربا أسفرت عن ...": the whole sentence
    for k in range(fact.start, min(end, fact.end + SINCE_AFTER)):  # also inside: "عدد القتلى منذ 25 أكتوبر إلى 80"
        if k >= fact.end and ctx.norms[k] in CLAUSE_BREAKS:
            break
        if ctx.norms[k] == "منذ" and dated(k):
            return True
    for k in range(fact.start - 1, max(start - 1, fact.start - SINCE_BEFORE - 1), -1):
        if ctx.norms[k] in CLAUSE_BREAKS:
            break
        if ctx.norms[k] == "منذ" and dated(k):
            return True
    return False


ATTACKER_ANTECEDENT_WINDOW = 12  # tokens back from "منهم" to "المهاجمين"


def attacker_antecedent(ctx: CasualtyContext, start: int) -> dict | None:
    """The side "منهم" refers to when the noun it takes up is "المهاجمين" (the attackers) in its
    sentence: the actor that attacked."""
    sent = ctx.sentence[start]
    for k in range(start - 1, max(-1, start - ATTACKER_ANTECEDENT_WINDOW), -1):
        if ctx.sentence[k] != sent:
            return None
        if ctx.norms[k] in ctx.words.attacker_nouns:
            return attacker_before(ctx, k)
        if k in ctx.actor_at:
            return None  # an actor named nearer is the antecedent
    return None


def in_scope(ctx: CasualtyContext, kind: str, default_scope: int, start: int) -> bool:
    """Whether a cue of `kind` ("negation", "hypothetical") before `start` in its sentence reaches it."""
    widest = ctx.memo.get(("scope", kind))
    if widest is None:
        widest = ctx.memo[("scope", kind)] = max(
            [c.attrs.get("scope", default_scope) for c in ctx.cues[kind].values()], default=0
        )
    return any(
        start - c.start <= c.attrs.get("scope", default_scope)
        for c in ctx.in_window(kind, ctx.sentence[start], start - widest, start)
    )


def antecedent_group(ctx: CasualtyContext, group: Group, all_groups: list[Group], sent: int) -> Group | None:
    """The group with a side that "منهم" refers to: the last one before it, in the fact's sentence
    (`sent`) or the one before."""
    starts = ctx.memo.get("group_starts")
    if starts is None or len(starts) != len(all_groups):
        starts = ctx.memo["group_starts"] = [g.start for g in all_groups]
    for k in range(bisect_left(starts, group.start) - 1, -1, -1):
        candidate = all_groups[k]
        if ctx.sentence[candidate.start] < sent - 1:
            return None  # groups are in text order: all before are further back
        if candidate.end <= group.start and candidate.side_actor is not None:
            return candidate
    return None


# "القيادي في حزب الله فلان", "قائد ميداني لقوات ...": a named victim's side follows one of these
DESCRIPTION_PREPOSITIONS = frozenset({"ب", "في", "من", "ل"})


# "، وهو قيادي في ..."، "وهم عناصر في ..."، "الذي يشغل منصب ... في ...": a description of named victims
APPOSITION_OPENERS = frozenset({"هو", "هي", "هما", "هم", "وهو", "وهي", "وهما", "وهم", "الذي", "التي", "اللذين", "اللذان", "الذين"})
APPOSITION_REACH = 10  # tokens of the description after its opener


def apposition_after(ctx: CasualtyContext, k: int) -> int | None:
    """The token after an apposition's opener at k (a comma, "و" and an opener may lead it),
    or None when no apposition starts there."""
    if ctx.norms[k] in CLAUSE_BREAKS:
        k += 1
    if k < ctx.n and ctx.norms[k] == "و":
        k += 1
    if k < ctx.n and ctx.norms[k] in APPOSITION_OPENERS and _membership_word(ctx, k + 1):
        return k + 1
    return None


MEMBERSHIP_LEAD = 4  # tokens after an apposition's opener in which its membership word stands


def _membership_word(ctx: CasualtyContext, start: int) -> bool:
    """Whether a title or a fighter noun ("قيادي"، "عنصر"، "عناصر"، "أحد") opens the description,
    so that "وهو في طريقه قرب مواقع قوات ..." names no side."""
    for m in range(start, min(ctx.n, start + MEMBERSHIP_LEAD)):
        if ctx.norms[m] in PUNCT:
            return False
        noun = ctx.cues["victim_noun"].get(m)
        if m in ctx.cues["person_title"] or m in ctx.cues["side_noun"] or ctx.norms[m] in ("احد", "عضو") \
                or (noun is not None and noun.attrs.get("victim_type") == "combatant"):
            return True
    return False


def person_side(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """The group a named victim belonged to: "أبو خليل "القائد في تنظيم القاعدة"",
    "قائد لواء النخبة الحوثي", "القيادي البارز في تنظيم القاعدة ... فلان"."""
    group = fact.group
    sent = ctx.sentence[fact.start]
    if group.start >= fact.trigger_end:
        # After the trigger: the name, then its description up to a comma, or in an apposition
        # after it ("، وهو قيادي في حركة حماس").
        k = group.start
        reach = group.end + 8
        while k < min(ctx.n, reach):
            if ctx.sentence[k] != sent:
                break
            if k >= group.end and (ctx.norms[k] in PUNCT or ctx.is_cue(k, ("action", "perpetrator_cue"))):
                opener = apposition_after(ctx, k)
                if opener is None:
                    break
                k, reach = opener, opener + APPOSITION_REACH
                continue
            actor = ctx.actors.get(k)
            if actor is not None:
                return side_of(actor["text"], actor)
            noun = ctx.cues["side_noun"].get(k)
            if noun is not None:
                end = np_end(ctx, noun.end)
                if end is not None:  # "قائد لواء النخبة الحوثي"
                    return {"text": ctx.doc[k:end].text, "actor_id": None}
            k += 1
        return None
    # Between the subject and a framed verb: "لقي قائد ميداني في قوات الدعم السريع مصرعه"
    for k in range(group.start + 1, fact.trigger_start):
        actor = ctx.actors.get(k)
        if actor is not None and ctx.norms[k - 1] in DESCRIPTION_PREPOSITIONS:
            return side_of(actor["text"], actor)
    # Before a verb: the description before the name, back to the clause start.
    start = group.start
    found = None
    for k in range(start - 1, max(-1, start - 14), -1):
        if ctx.sentence[k] != sent or ctx.norms[k] in PUNCT or ctx.norms[k] in ("ان", "انه", "انها") or k in ctx.cues["action"]:
            break
        actor = ctx.actor_at.get(k)
        if actor is not None and actor["start"] > 0 and ctx.norms[actor["start"] - 1] in DESCRIPTION_PREPOSITIONS:
            found = actor
    return side_of(found["text"], found) if found else None


MOURNER_WINDOW = 3  # tokens between a mourning verb and the actor that mourns


SUFFER_REACH = 10  # tokens from "تكبدت" to the toll of its losses, in one clause


def sufferer_side(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """"تكبدت قوات الدعم السريع خسائر فادحة بلغت 45 قتيلا": the side that suffered the losses,
    the armed actor right after the verb, in the fact's clause."""
    for k in range(fact.start - 1, max(-1, fact.start - SUFFER_REACH), -1):
        if ctx.norms[k] in CLAUSE_BREAKS or ctx.sentence[k] != ctx.sentence[fact.start]:
            return None
        if ctx.word_in(k, ctx.words.suffer_verbs, clitics="و"):
            for m in range(k + 1, min(fact.start, k + 1 + MOURNER_WINDOW)):
                actor = ctx.actor_at.get(m)
                if actor is not None and actor.get("type") != "civilians":
                    return side_of(actor["text"], actor)
            return None
        norm = ctx.norms[k].lstrip("و")
        if norm.startswith(INFLICT_STEMS) and norm.endswith(OBJECT_PRONOUNS):
            # "صدوا هجوما لفصائل X وكبدوها 23 قتيلا": the object pronoun suffered the losses
            owner = possessor(ctx, k, ctx.sentence[k], norm)
            return side_of(owner["text"], owner) if owner is not None else None
    return None


INFLICT_STEMS = ("كبد",)  # "كبّدوها 23 قتيلا": inflicted losses on the object
OBJECT_PRONOUNS = ("ها", "هم", "ه")


def mourner_side(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """"نعى حزب الله أحد عناصره ...", "نعت كتائب القسام ...": a group mourns its own dead.
    The nearest mourning verb before the fact, in its sentence or the one before, whose
    subject (the first actor within a few tokens after it) is an armed actor."""
    sent = ctx.sentence[fact.start]
    for s in (sent, sent - 1):
        if s < 0:
            break
        verbs = ctx.in_window("mourning_verb", s, 0, fact.start)
        for verb in reversed(verbs):
            start = ctx.skip_quotes(verb.end)  # نعى "حزب الله"
            for k in range(start, min(ctx.n, start + MOURNER_WINDOW)):
                actor = ctx.actor_at.get(k)
                if actor is not None:
                    return side_of(actor["text"], actor)
                if ctx.texts[k] in PUNCT:
                    break
    return None


def carry_sides_after_merging(ctx: CasualtyContext, facts: list[Fact]) -> None:
    """"قتل 10 "حوثيين" وأصيب اثنان آخران": the first fact may learn its side only from a repeat
    merged into it; the others after it in its sentence then share it."""
    for a, b in zip(facts, facts[1:]):
        if b.victim_side is not None or a.victim_side is None or b.group.person or not ctx.same_sentence(a.start, b.start):
            continue
        if b.start < a.end or contrasted(ctx, a.end, b.start):
            continue
        if is_others(ctx, b.group) or b.group.victims_start is None:
            b.victim_side = a.victim_side
            if b.group.victim_type == "unknown":
                b.group.victim_type = a.group.victim_type


def name_sides_by_their_force(ctx: CasualtyContext, facts: list[Fact]) -> None:
    """"مقتل ضابط من لواء كفير": the victims' side is the army the brigade belongs to. A state
    force's side named by a formation (a KB alias that starts with "لواء", "كتيبة", "الفرقة" ...) is
    reported under the nearest mention of the same actor that is not a formation, in the
    text before the fact (else after); the formation stays in the side's "unit"."""
    heads = ctx.words.formation_heads
    if not heads:
        return
    def is_formation(text: str) -> bool:
        first = normalize(text).split(" ", 1)[0]
        return first in heads

    for fact in facts:
        side = fact.victim_side
        if not side or not side.get("actor_id") or "unit" in side or not is_formation(side["text"]):
            continue
        same = [a for a in ctx.actors.values() if a["actor_id"] == side["actor_id"] and not is_formation(a["text"])]
        if not same or same[0].get("type") not in STATE_TYPES:
            continue  # an armed group's own brigade ("كتيبة النخبة الحوثية") is named as itself
            continue
        before = [a for a in same if a["start"] < fact.start]
        named = max(before, key=lambda a: a["start"]) if before else min(same, key=lambda a: a["start"])
        fact.victim_side = {"text": named["text"], "actor_id": side["actor_id"], "unit": side["text"]}


def share_coordinated_sides(ctx: CasualtyContext, facts: list[Fact]) -> None:
    """"استشهاد اثنين وإصابة أربعة من عناصر حرس الحدود": both facts are of the same side; so are
    "قتل 7 أشخاص وجرح 12 آخرون من عناصر الشرطة": the "others" are more of the same victims."""
    for a, b in zip(facts, facts[1:]):
        if a.victim_side is not None or b.victim_side is None or a.group.victim_type == "civilian":
            continue
        if a.group.victims_start is not None and not is_others(ctx, b.group):
            continue
        if b.trigger_start - a.group.end <= 1 and ctx.same_sentence(a.start, b.start) and b.trigger_start > a.group.end - 1:
            a.victim_side = b.victim_side
            if a.group.victim_type == "unknown":
                a.group.victim_type = b.group.victim_type


def contrasted(ctx: CasualtyContext, lo: int, hi: int) -> bool:
    """"قتل 23 من الحوثيين فيما قتل 2 من المقاومة": a contrast word before a status already
    counted in the sentence opens a clause about other victims ("قتل 15 وجرح آخرون فيما أسر 2" does not)."""
    return any(ctx.norms[k] in ctx.words.contrast for k in range(lo, hi))


def same_victim_noun(ctx: CasualtyContext, group: Group, other: Group) -> bool:
    """"مقتل 11 مسلحا حوثيا وجرح 30 مسلحا": the same victim noun again names the same victims."""
    if group.victims_start is None or other.victims_start is None:
        return False
    return stem(ctx.norms[group.victims_start]) == stem(ctx.norms[other.victims_start])


def stem(norm: str) -> str:
    """A victim noun without its case or number ending (مسلحا، مسلحين -> مسلح)."""
    for ending in ("ين", "ون", "ان", "ا"):
        if norm.endswith(ending) and len(norm) - len(ending) >= 3:
            return norm[: -len(ending)]
    return norm


# Combatants with no side near them: the armed actor named last before them, this far back (sentences).
DISCOURSE_SENTENCES = 2
UNARMED_TYPES = ("civilians",)


def discourse_side(ctx: CasualtyContext, fact: Fact, kind_of: Group) -> dict | None:
    """Combatants whose side is named earlier in the text, not next to them: "اشتباكات مع مسلحي
    التنظيم. وقتل 11 مسلحا", "قصفت الطائرات مواقع للمتمردين ... وأصيب 20 آخرون". The latest actor
    of a fitting kind before the fact, in its sentence or the two before, that is neither the
    perpetrator nor an attacker (the actor after "شنت"، "برصاص"). An actor named by the victims'
    own word comes first: "26 متمردا" are of "التمرد الحوثي" even when "الثوار" were named later.
    `kind_of` is the group whose victim noun tells the kind (the one before "آخرون")."""
    sent = ctx.sentence[fact.start]
    force = kind_of.force
    noun = stem(ctx.norms[kind_of.victims_start]) if kind_of.victims_start is not None else None
    perpetrator = fact.perpetrator
    candidates = []
    for wanted in range(sent, max(-1, sent - DISCOURSE_SENTENCES - 1), -1):
        for actor in reversed(ctx.in_sentence("actors", wanted)):
            if actor["start"] >= fact.start or actor["type"] in UNARMED_TYPES:
                continue
            if not fits_force(force, actor):
                continue
            if (perpetrator and same_actor(actor, perpetrator)) or is_attacker(ctx, actor["start"]):
                continue
            candidates.append(actor)
    if not candidates:
        return None
    if noun is not None:
        # a participle names its group's noun: متمرد -> التمرد، مسلح -> مسلحي
        roots = {noun, noun[1:]} if noun.startswith("م") and len(noun) >= 5 else {noun}
        for actor in candidates:
            if any(root in ctx.norms[k] for root in roots for k in range(actor["start"], actor["end"])):
                return side_of(actor["text"], actor)
    return side_of(candidates[0]["text"], candidates[0])


def fits_force(force: str | None, actor: dict) -> bool:
    """Soldiers and police belong to state forces, rebels and jihadists to other groups."""
    if force not in ("state", "nonstate"):
        return True
    return (force == "state") == (actor["type"] in STATE_TYPES)


def is_attacker(ctx: CasualtyContext, j: int) -> bool:
    """An actor named right after an attack verb or a perpetrator cue ("شنت X"، "برصاص X"), not a target."""
    if is_target(ctx, j):
        return False
    for k in range(j - 1, max(-1, j - ATTACKER_REACH - 1), -1):
        if k in ctx.cues["attack_verb"] or k in ctx.cues["perpetrator_cue"]:
            return True
        if ctx.norms[k] in PUNCT or k in ctx.actor_at or k in ctx.cues["action"] or ctx.norms[k] in TARGET_PREPOSITIONS:
            return False  # "شنت غارات على ميليشيات ...": the target
    return False


ATTACKER_REACH = 4  # "هجمات انتحارية عنيفة من تنظيم داعش"


def is_others(ctx: CasualtyContext, group: Group) -> bool:
    """"20 آخرون": the victims are others of the same kind as before."""
    return group.victims_start is not None and ctx.norms[group.victims_start] in ctx.words.others


# State forces abroad are typed external_forces where they fight (country-aware typing): soldiers still belong to them.


def same_actor(a: dict, b: dict) -> bool:
    """Same known actor (same id), or the same words for actors without an id (provisional ones)."""
    if a.get("actor_id") is not None or b.get("actor_id") is not None:
        return a.get("actor_id") == b.get("actor_id")
    return a.get("text") == b.get("text")


def find_perpetrator(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """The actor after a perpetrator cue ("برصاص", "على يد") nearest the fact, not the victims."""
    sent = ctx.sentence[fact.start]
    victim = fact.victim_side
    lo = max(0, fact.start - PERPETRATOR_WINDOW)
    hi = min(ctx.n, fact.end + PERPETRATOR_WINDOW)
    for cue in sorted(ctx.in_window("perpetrator_cue", sent, lo, hi), key=lambda c: abs(c.start - fact.end)):
        for j in range(cue.end, min(cue.end + 5, ctx.n)):
            if ctx.norms[j] in TARGET_PREPOSITIONS:
                break  # "غارات على ميليشيات ...": what follows is the target
            actor = ctx.actors.get(j)
            if actor is not None and not (victim and same_actor(actor, victim)) and not is_target(ctx, j):
                return side_of(actor["text"], actor)
    return None


TARGET_PREPOSITIONS = frozenset({"على", "علي", "ضد"})  # after an attack noun they lead its target


def state_side(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """Soldiers and police belong to the state forces named nearest in the sentence (else the
    one before): an actor of type state_forces, else a generic phrase ("قوات الحكومة",
    "قوات للجيش", "قوات موالية للحكومة") with no actor id."""
    perpetrator = fact.perpetrator
    sent = ctx.sentence[fact.start]
    # "وأسر جنديين ماليين" beside Russian forces: soldiers named by their nation are not another state's
    nation = ctx.soldier_armies.get(fact.group.victims_start, (None, None))[1] if fact.group.nationality else None
    for wanted in (sent, sent - 1):
        actors, phrases = state_forces_in(ctx, wanted)
        best = nearest(actors, fact.start, lambda a: not (perpetrator and same_actor(a[1], perpetrator))
                       and not (nation and a[1].get("country") not in (None, "XX", nation)))
        if best is not None:
            return side_with_unit(ctx, best[1])
        if nation:
            continue  # no force of that nation here: the nationality names the side
        best = nearest(phrases, fact.start)
        if best is not None:
            start, end = best
            return {"text": ctx.doc[start:end].text, "actor_id": None}
    return None


def state_forces_in(ctx: CasualtyContext, sent: int) -> tuple[list[tuple[int, dict]], list[tuple[int, int]]]:
    """The state forces named in a sentence, in text order: (start, actor) of actors of type
    state_forces, and (start, end) of generic phrases naming them ("قوات الحكومة")."""
    found = ctx.memo.get(("state_forces", sent))
    if found is None:
        actors = [(a["start"], a) for a in ctx.in_sentence("actors", sent) if a["type"] in STATE_TYPES]
        phrases = []
        for cue in ctx.in_sentence("side_noun", sent):
            if cue.start in ctx.actor_at:
                continue
            end = np_end(ctx, cue.end)
            if end is not None and any(k in ctx.cues["state_word"] for k in range(cue.end, end)):
                phrases.append((cue.start, end))
        found = ctx.memo[("state_forces", sent)] = (actors, phrases)
    return found


def nearest(items: list[tuple], position: int, accept=lambda item: True) -> tuple | None:
    """The accepted item (start first, sorted by start) nearest `position`; the earlier on a tie."""
    right = bisect_left(items, position, key=lambda item: item[0])
    left = right - 1
    while left >= 0 and not accept(items[left]):
        left -= 1
    while right < len(items) and not accept(items[right]):
        right += 1
    if left < 0:
        return items[right] if right < len(items) else None
    if right >= len(items) or position - items[left][0] <= items[right][0] - position:
        return items[left]
    return items[right]


def target_side(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """Fighters killed where an actor's positions were hit: "قصفت تجمعات تنظيم داعش ... مما أسفر عن مقتل 20 عنصرا"."""
    perpetrator = fact.perpetrator
    sent = ctx.sentence[fact.start]
    best = None
    longest = ctx.memo.get("longest_target")
    if longest is None:
        longest = ctx.memo["longest_target"] = max((c.end - c.start for c in ctx.cues["target_noun"].values()), default=0)
    for cue in ctx.in_window("target_noun", sent, fact.start - TARGET_WINDOW - longest, fact.start):
        if cue.end > fact.start or fact.start - cue.end > TARGET_WINDOW:
            continue
        actor = positions_owner(ctx, cue)
        if actor is None or (perpetrator and same_actor(actor, perpetrator)) or actor["type"] == "civilians":
            continue
        if best is None or cue.start > best[0]:
            best = (cue.start, actor)
    if best is None:
        best = target_after(ctx, fact, sent)
    return side_of(best[1]["text"], best[1]) if best else None


def positions_owner(ctx: CasualtyContext, cue) -> dict | None:
    """The actor whose positions a target noun names ("مواقع لتنظيم داعش", "مقر X", "المواقع التي
    يتمركز فيها مسلحو الحركة"), if any."""
    k = cue.end
    if k < ctx.n and ctx.norms[k] == "ل":
        k += 1
    k = held_by(ctx, k)
    end = agent_end(ctx, k)
    return ctx.actor_at[end - 1] if end is not None else None


# "المواقع التي (كان) يتمركز فيها X": a relative clause naming who holds the positions
HOLDING_STEMS = ("تجمع", "تمركز", "تحصن", "تواجد")  # found inside the verb: "يتمركز", "تتحصن"
HOLDING_PLACE_WORDS = frozenset({"فيها", "فيه", "بها", "به", "داخلها", "بداخلها"})


def held_by(ctx: CasualtyContext, k: int) -> int:
    """The token after "التي (كان) يتمركز فيها" at k, where the holder of the positions is named; else k."""
    norms, n = ctx.norms, ctx.n
    j = k
    if j >= n or norms[j] not in ("التي", "الذي"):
        return k
    j += 1
    if j < n and norms[j] in ("كان", "كانت"):
        j += 1
    if j >= n or norms[j][:1] not in ("ي", "ت") or not any(stem in norms[j] for stem in HOLDING_STEMS):
        return k
    j += 1
    if j < n and norms[j] in HOLDING_PLACE_WORDS:
        j += 1
    return j


def target_after(ctx: CasualtyContext, fact: Fact, sent: int) -> tuple | None:
    """"مقتل 12 عنصرا في غارات استهدفت مواقع لتنظيم داعش", "4 قتلى حصيلة القصف الذي طال مقر X":
    positions hit by the attack named after the fact, the attack ("غارات"، "استهدفت") between them."""
    perpetrator = fact.perpetrator
    for cue in ctx.in_window("target_noun", sent, fact.end, fact.end + TARGET_WINDOW):
        between = range(fact.end, cue.start)
        if not any(k in ctx.cues["attack_verb"] or k in ctx.cues["perpetrator_cue"] for k in between):
            continue
        if any(ctx.norms[k] in ctx.words.own_attack for k in between):
            return None  # "قتل 5 متمردين خلال هجوم شنوه على مواقع للقوات": the victims attacked
        actor = positions_owner(ctx, cue)
        if actor is None or (perpetrator and same_actor(actor, perpetrator)) or actor["type"] == "civilians" \
                or not fits_force(fact.group.force, actor):
            continue
        return (cue.start, actor)
    return None


def is_target(ctx: CasualtyContext, j: int) -> bool:
    """An actor whose positions were hit: "تجمعات تنظيم داعش", "مواقع للحوثيين"."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if k in ctx.cues["target_noun"]:
            return True
        if not (k in ctx.cues["side_noun"] or ctx.norms[k] == "ل" or ctx.texts[k] in QUOTES):
            return False
    return False


def find_place(ctx: CasualtyContext, fact: Fact) -> dict | None:
    """The place of a fact: in its sentence (not a dateline), below country level if one is named,
    the nearest after the fact, else the nearest before it."""
    by_level = places_in(ctx, ctx.sentence[fact.start])
    if by_level is None:
        return None
    start_char = ctx.doc[fact.start].idx
    best = None
    for candidates in by_level:
        if not candidates:
            continue
        # (start_char, index, place), sorted: the first at or after the fact, else the last before it
        k = bisect_left(candidates, start_char, key=lambda c: c[0])
        if k < len(candidates):
            best = candidates[k][2]
        else:
            before = candidates[k - 1][0]
            first = bisect_left(candidates, before, key=lambda c: c[0])
            best = candidates[first][2]
            if first > 0 and _is_landmark_of(ctx, best, candidates[first - 1][2]):
                best = candidates[first - 1][2]  # "بلدة الناقورة جنوب لبنان، ما أدى إلى مقتل"
        break
    if best is None:
        return None
    return {"text": best["text"], "geonameid": best.get("geonameid"), "precision": best.get("precision")}


DIRECTIONS = frozenset({"شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي"})


def _is_landmark_of(ctx: CasualtyContext, place: dict, earlier: dict) -> bool:
    """`place` locates `earlier` ("الناقورة جنوب لبنان", "قرية X شمال مدينة Y"): it starts with a
    direction word at most two tokens after it and is no more precise, so the scene is `earlier`."""
    if (earlier.get("precision") or 9) > (place.get("precision") or 9):
        return False
    shared = doc_context(ctx.doc)
    start = shared.token_at_char(place["start_char"])
    end = shared.token_at_char(max(earlier["end_char"] - 1, earlier["start_char"])) + 1
    if not 0 <= start - end <= 2:
        return False
    if any(ctx.norms[k] in DIRECTIONS for k in range(end, min(start + 1, ctx.n))):
        return True
    # "قرى غرب مدينة القطينة بولاية النيل الأبيض": the province only says where the town is
    return start < ctx.n and ctx.norms[start] in PARENT_HEADS and all(ctx.norms[k] in ("ب", "في") for k in range(end, start))


PARENT_HEADS = frozenset(normalize(w) for w in ("ولاية", "محافظة", "إقليم", "مديرية", "قضاء", "ناحية", "محلية", "ريف"))


def places_in(ctx: CasualtyContext, sent: int) -> tuple[list, list] | None:
    """The places of a sentence that are no dateline, as (fine, coarse) lists of (start_char, index, place)."""
    index = ctx.memo.get("places")
    if index is None:
        index = ctx.memo["places"] = {}
        for i, place in enumerate(ctx.doc._.places or []):
            span = ctx.place_span(i)
            if span is None or is_dateline(ctx, place):
                continue
            levels = index.setdefault(ctx.sentence[span[0]], ([], []))
            levels[coarse(place)].append((place["start_char"], i, place))
        for levels in index.values():
            for candidates in levels:
                candidates.sort(key=lambda c: c[:2])
    return index.get(sent)


def coarse(place: dict) -> int:
    """A country is a poor event location when a town or province is named."""
    return 1 if (place.get("precision") or 1) >= 4 else 0


# A dateline ("أحمد سالم - وكالة الأنباء - عدن:") names where the report was
# filed, not where the event happened.
DATELINE_CHARS = 80


def is_dateline(ctx: CasualtyContext, place: dict) -> bool:
    """A place followed by ":" in the first characters of a text is a dateline."""
    if place["start_char"] > DATELINE_CHARS:
        return False
    return ctx.text[place["end_char"]:place["end_char"] + 3].lstrip().startswith(":")
