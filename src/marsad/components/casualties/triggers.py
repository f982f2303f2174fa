"""Facts from triggers: the count group an action ("مقتل", "قتلوا") or a toll ("حصيلة القتلى") takes.

An action's group comes after it, possibly after fillers, the agent of an active verb or a
prepositional phrase; for verbs it may come before ("25 عنصرا قتلوا", "لقي 12 آخرون مصرعهم").
"""
from __future__ import annotations

from .groups import agent_end, combine, is_adjective, noun_group, noun_number, possessor, quantity_group, read_count, with_side
from .model import (
    BACKWARD_WINDOW,
    FORWARD_WINDOW,
    LONG_BACKWARD_WINDOW,
    NUMBER_COUNTS,
    PP_WINDOW,
    PUNCT,
    QUOTES,
    TOLL_WINDOW,
    CasualtyContext,
    Cue,
    Fact,
    Group,
    is_vowelled_passive,
    side_of,
)
from .persons import nationality_fact, person_fact, person_trigger_fact, subject_fact


def group_facts(group: Group, status: str, trigger_start: int, trigger_end: int) -> list[Fact]:
    """The fact(s) of a group: one per status for a total over several statuses."""
    group.used = True
    if group.statuses:
        facts = []
        for s in group.statuses:
            copy = Group(**{**vars(group), "count": None, "low": None, "high": None, "qualifier": "vague"})
            facts.append(Fact(s, copy, trigger_start, trigger_end))
        return facts
    return [Fact(status, group, trigger_start, trigger_end)]


def action_facts(ctx: CasualtyContext, cue: Cue) -> list[Fact]:
    """The facts an action trigger opens: its group after it, else before it, else a named victim."""
    if cue.attrs.get("person"):
        # "وقتله أكثر من عشرين مصريا": the pronoun is the agent when a count follows
        j = cue.end
        while j < ctx.n and j in ctx.cues["filler"]:
            j = ctx.cues["filler"][j].end
        group = ctx.groups.get(j)
        if group is not None and not group.used and group.count is not None and group.status is None:
            return take(ctx, cue, group)
        fact = person_trigger_fact(ctx, cue)
        return [fact] if fact else []
    second = ctx.cues["action"].get(cue.end + 1) if cue.end + 1 < ctx.n and ctx.norms[cue.end] == "و" else None
    if (
        second is not None
        and second.attrs["status"] != cue.attrs["status"]
        and not second.attrs.get("person")
        and (
            cue.attrs.get("pos") == "noun"
            # a verb only at the head of its clause: "وقد قتل وجرح نحو 50", not "جنديا تركيا قتل وأصيب آخر"
            or (cue.attrs.get("number") == "sg" and (cue.start == 0 or ctx.norms[cue.start - 1] in ctx.words.clause_heads
                                                     or ctx.is_break(cue.start - 1)))
        )
    ):
        # "مقتل وإصابة 20 شخصا": one total over two statuses, vague for each
        found = facts_after(ctx, second)
        if found:
            group = found[0].group
            group.statuses = (cue.attrs["status"], second.attrs["status"])
            return group_facts(group, cue.attrs["status"], cue.start, second.end)
    found = facts_after(ctx, cue)
    if found:
        return found
    before = facts_before(ctx, cue)
    if before:
        return before
    fact = nationality_fact(ctx, cue) or person_fact(ctx, cue) or subject_fact(ctx, cue)
    return [fact] if fact else []


def take(ctx: CasualtyContext, cue: Cue, group: Group, agent: dict | None = None) -> list[Fact]:
    """The facts of a trigger that took a group; a victims word without a number counts by its number."""
    status = cue.attrs["status"]
    if group.status is not None and cue.attrs.get("neutral"):
        status = group.status  # "سقوط 20 جريحا"
    if group.count is None and group.qualifier != "vague" and group.victims_start is not None and not group.anaphor:
        number = noun_number(ctx.cues, group.victims_start)
        group.count = group.low = group.high = NUMBER_COUNTS.get(number)
        if group.count is None:
            group.qualifier = "vague"
    if agent is not None and group.side_actor is not None and agent.get("actor_id") and not cue.attrs.get("mourner") \
            and group.side_actor.get("actor_id") == agent.get("actor_id") and "عدم" not in ctx.norms[cue.start]:
        # "اغتيال الجيش الإسرائيلي أحد قادته": whose commanders is not the agent's (a group may
        # execute or mourn its own men, "أعدم التنظيم 5 من عناصره", but does not assassinate them)
        group.side_actor = None
    facts = group_facts(group, status, cue.start, cue.end)
    for fact in facts:
        # "نعت حركة الجهاد ثلاثة من مقاتليها": the subject of a mourning verb mourns, it did not kill
        fact.agent = None if cue.attrs.get("mourner") else agent
    return facts


def facts_after(ctx: CasualtyContext, cue: Cue) -> list[Fact]:
    """The group after a trigger, within FORWARD_WINDOW tokens, past fillers and an agent."""
    norms, n, cues = ctx.norms, ctx.n, ctx.cues
    verb = cue.attrs.get("pos") == "verb"
    j = cue.end
    steps = 0
    agent = None
    while j < n and steps < FORWARD_WINDOW:
        if ctx.is_break(j) or (j in cues["action"] and j != cue.start):
            return []
        group = ctx.groups.get(j)
        if group is None:
            # A bare number right after the trigger: "مقتل 5 وإصابة 10"
            quantity = read_count(norms, j, ctx)
            if quantity is not None and bare_count_ends(ctx, j + quantity.n_words):
                group = quantity_group(j, quantity)
                combine(ctx, group, None)  # "سقط المئات بين قتيل وجريح"
                group = with_side(ctx, group)
        if group is not None:
            if group.used:
                return []
            return take(ctx, cue, group, agent)
        if norms[j] in ctx.words.skippable or j in cues["filler"] or ctx.texts[j] in QUOTES:
            j = cues["filler"][j].end if j in cues["filler"] else j + 1
            continue
        if norms[j] in PARENTHETICAL_COMMAS and (j + 1 in cues["filler"] or j in ctx.ends["filler"]):
            j += 1  # "أعدمت ميدانيا، صباح الاثنين، ثمانية": a time set off by commas
            continue
        dual = dual_nisba_group(ctx, j)
        if dual is not None:
            return take(ctx, cue, dual, agent)
        if agent is None:
            end = agent_end(ctx, j)
            after = ctx.groups.get(end) if end is not None else None
            # a verbal noun's agent only with its counted victims right after it:
            # "اغتيال الجيش الإسرائيلي أحد قادته", not "مقتل عناصر الجيش"
            counted = after is not None and after.count is not None and not after.used
            if end is not None and verb and not counted and j in cues["victim_noun"] and clause_goes_on(ctx, end):
                end = None  # "قتل مستوطن في عملية": a victims word with no object after it is the subject
            if end is not None and passive_verb(ctx, cue):
                end = None  # "قُتل مستوطن": the verb is vowelled as a passive
            if end is not None and (verb or counted or (end < n and read_count(norms, end, ctx) is not None)):
                # "أعدم تنظيم داعش 23 شخصا": the agent stands between verb and count
                agent = ctx.actor_at[end - 1]
                j = end
                steps += 1
                continue
            group = after_agent_phrase(ctx, j) if verb else None
            if group is not None:
                # "اعتقلت قوات الأمن 25 شخصا": an agent the knowledge base does not know
                return take(ctx, cue, group)
        counted = counted_possessed_group(ctx, j)
        if counted is not None:  # "واعتقال أفرادها السبعة": its seven members
            return take(ctx, cue, counted, agent)
        # A bare victim noun after the trigger: "مقتل مدني" = 1, "إصابة جنديين" = 2
        noun = cues["victim_noun"].get(j)
        if noun is not None and not cue.attrs.get("neutral") and (not noun.attrs.get("anaphor") or finite_verb(ctx, cue)):
            # "فقتلوا أحدهما": "one of them" after a verb only ("همّ أحدهما بقتل الآخر" is no toll)
            group = noun_group(ctx, noun)
            return take(ctx, cue, group, agent)
        if cue.attrs.get("neutral") and steps < 2 and norms[j] not in ctx.words.prepositions:
            # "سقط الجندي قتيلا"
            j += 1
            steps += 1
            continue
        if verb and norms[j] in ctx.words.pp_heads:
            group = subject_after_pp(ctx, j)
            if group is not None:
                return take(ctx, cue, group, agent)
        return []
    return []


PARENTHETICAL_COMMAS = frozenset({",", "،"})


def counted_possessed_group(ctx: CasualtyContext, j: int) -> Group | None:
    """A possessed fighters' noun with a definite number after it ("أفرادها السبعة", "عناصره
    الخمسة"): that many, of the side the pronoun refers to."""
    pronoun = ctx.cues["side_pronoun"].get(j)
    if pronoun is None or pronoun.end >= ctx.n or not ctx.norms[pronoun.end].startswith("ال"):
        return None
    number = read_count(ctx.norms, pronoun.end)
    if number is None or number.vague or not number.value:
        return None
    group = Group.of_count(j, pronoun.end + number.n_words, number.value, victims_start=j, victims_end=pronoun.end,
                           victim_type="combatant")
    owner = possessor(ctx, j, ctx.sentence[j], ctx.norms[pronoun.end - 1])
    if owner is not None:
        group.side_actor = side_of(owner["text"], owner)
    group.used = True
    return group


def finite_verb(ctx: CasualtyContext, cue: Cue) -> bool:
    """A verb trigger not read as a verbal noun after a preposition ("بقتل")."""
    return cue.attrs.get("pos") == "verb" and not ctx.after_verbal_noun_word(cue.start)


def clause_goes_on(ctx: CasualtyContext, k: int) -> bool:
    """Whether the clause goes on at token k without an object: a preposition, its end, or
    "و" and another trigger ("قتل مستوطن في عملية", "قُتل مستوطن وأصيب اثنان")."""
    if k >= ctx.n or ctx.is_break(k):
        return True
    return ctx.norms[k] in ctx.words.prepositions or (ctx.norms[k] == "و" and k + 1 in ctx.cues["action"])


def passive_verb(ctx: CasualtyContext, cue: Cue) -> bool:
    """A verb whose first letter carries a damma is passive: what follows is its subject, no agent."""
    return is_vowelled_passive(ctx.texts[cue.start])


def dual_nisba_group(ctx: CasualtyContext, j: int) -> Group | None:
    """"قتل حوثيان", "أصيب يمنيان": a dual nisba naming an armed side is two of its members, not the agent."""
    actor = ctx.actors.get(j)
    if actor is None or actor["end"] != j + 1 or actor["type"] == "civilians" or j in ctx.groups:
        return None
    norm = ctx.norms[j]
    if not (norm.endswith("يان") and len(norm) >= 6):
        return None
    group = Group.of_count(j, j + 1, 2, victims_start=j, victims_end=j + 1, victim_type="combatant")
    group.side_actor = side_of(actor["text"], actor)
    return group


def after_agent_phrase(ctx: CasualtyContext, j: int) -> Group | None:
    """The count after a definite agent phrase of up to three words ("الشرطة", "قوات الأمن"),
    past how it was done ("أعدمت الحركة رميا بالرصاص رجلا")."""
    k, words = j, 0
    while k < ctx.n and words < 4:
        if k > j and k in ctx.cues["filler"]:
            k = ctx.cues["filler"][k].end
            noun = ctx.cues["victim_noun"].get(k)
            if k < ctx.n and noun is not None and k not in ctx.groups:
                return noun_group(ctx, noun)  # a bare victim noun after the filler: one person
            continue
        group = ctx.groups.get(k)
        if k > j and group is not None:
            if group.used or group.status is not None or (group.count is None and not group.anaphor):
                return None
            return group if group.victims_start is not None or group.anaphor or group.side_actor else None
        norm = ctx.norms[k]
        if not ctx.doc[k].is_alpha or ctx.is_cue(k) or not (norm.startswith("ال") or k in ctx.cues["side_noun"]):
            return None
        k += 1
        words += 1
    return None


def bare_count_ends(ctx: CasualtyContext, k: int) -> bool:
    """A number right after a trigger is a count unless a non-human noun follows it:
    "مقتل 5 وإصابة 10", not "أصابت خمس وحدات", "قتل 3 أيام"."""
    return k >= ctx.n or k not in ctx.cues["unit"]


def subject_after_pp(ctx: CasualtyContext, j: int) -> Group | None:
    """The subject of a passive verb after a prepositional phrase: "قتل في الهجوم 5 جنود",
    or a dual noun that is its own count: "قتل في الهجوم عنصران"."""
    norms = ctx.norms
    for k in range(j + 1, min(ctx.n, j + PP_WINDOW)):
        if ctx.is_break(k) or norms[k] in PUNCT or k in ctx.cues["action"] or norms[k] == "و":
            return None
        dual = ctx.cues["victim_noun"].get(k)
        if k not in ctx.groups and dual is not None and dual.attrs.get("number") == "dual" and k not in ctx.inside:
            return noun_group(ctx, dual)
        group = ctx.groups.get(k)
        if group is not None:
            if group.used or (group.count is None and group.qualifier != "vague") or group.status is not None \
                    or (group.victims_start is None and group.side_actor is None):
                return None
            return group
    return None


def facts_before(ctx: CasualtyContext, cue: Cue) -> list[Fact]:
    """Subjects before a verb, one fact each: "25 حوثيا و10 من رجال المقاومة سقطوا قتلى"."""
    if ctx.after_verbal_noun_word(cue.start):
        return []  # "أقدم على قتل", "بعد قتل": a verbal noun, not a verb
    fact = fact_before(ctx, cue)
    if fact is None:
        return []
    facts = [fact]
    while cue.attrs.get("number") == "pl":
        k = facts[0].group.start - 1
        if k < 1 or ctx.norms[k] != "و":
            break
        group = ctx.group_ends.get(k)
        if group is None or group.used or group.count is None or group.status is not None \
                or (group.victims_start is None and group.side_actor is None):
            break
        group.used = True
        facts.insert(0, Fact(cue.attrs["status"], group, cue.start, cue.end))
    return facts


def framed_subject(ctx: CasualtyContext, cue: Cue) -> Fact | None:
    """"لقي 4 من القيادات الحوثية في محافظة إب، مصرعهم": the subject follows "لقي"."""
    for k in range(cue.start - 1, max(-1, cue.start - LONG_BACKWARD_WINDOW - 1), -1):
        if ctx.is_break(k) or k in ctx.cues["action"]:
            return None
        if ctx.norms[k] in ctx.words.frame_verbs:
            for j in range(k + 1, min(cue.start, k + 3)):
                group = ctx.groups.get(j)
                if group is not None and not group.used and group.count is not None and group.status is None:
                    group.used = True
                    return Fact(cue.attrs["status"], group, cue.start, cue.end)
            noun = ctx.cues["victim_noun"].get(k + 1)
            number = cue.attrs.get("number")
            if noun is not None and number in NUMBER_COUNTS and noun.attrs.get("number") == number \
                    and k + 1 not in ctx.inside and k + 1 not in ctx.groups:
                # "لقي طفل، في العاشرة من عمره، مصرعه": a bare noun agreeing with the verb
                return Fact(cue.attrs["status"], noun_group(ctx, noun), cue.start, cue.end)
            if number == "sg":
                # "لقي قائد ميداني في قوات الدعم السريع مصرعه": a titled or named person
                opener = Cue("action", k, k + 1, {"status": cue.attrs["status"]})
                fact = person_fact(ctx, opener)
                if fact is not None and fact.group.end <= cue.start:
                    return Fact(cue.attrs["status"], fact.group, cue.start, cue.end)
            return None
    return None


def fact_before(ctx: CasualtyContext, cue: Cue) -> Fact | None:
    """Subject before a verb: "25 عنصرا قتلوا", "جنديين ليبيين قتلا", "خمسة منهم قتلوا"."""
    if cue.attrs.get("pos") == "noun":
        return None
    if cue.attrs.get("frame"):
        fact = framed_subject(ctx, cue)
        if fact is not None:
            return fact
    norms = ctx.norms
    number = cue.attrs.get("number")
    window = LONG_BACKWARD_WINDOW if number in ("pl", "dual") else BACKWARD_WINDOW
    for k in range(cue.start, max(-1, cue.start - window - 1), -1):
        if k < cue.start and (ctx.is_break(k) or k in ctx.cues["action"]):
            break
        if k < cue.start and cue.start - k > BACKWARD_WINDOW and norms[k] in PUNCT:
            break
        group = ctx.group_ends.get(k)
        if group is not None:
            if group.used or group.status is not None:
                return None
            if group.count is None and group.low is None and not group.anaphor:
                return None  # a bare noun ("المدنيين قتلوا") is read by agreement, not as a count
            if group.count is None and not group.anaphor and number != "pl":
                return None  # "ملايين المواطنين ... الموت قتلا": a vague count takes a plural verb
            # "23 من الحوثيين قتلوا": a partitive side stands for the victims noun
            # ("العشرات من المتمردين قتلوا": a vague quantity is a count too)
            if group.victims_start is None and not group.anaphor and group.side_actor is None:
                return None
            group.used = True
            fact = Fact(cue.attrs["status"], group, cue.start, cue.end)
            breakdown_head(ctx, fact)
            return fact
        if k < cue.start and cue.start - k <= 3 and number in NUMBER_COUNTS:
            noun = ctx.cues["victim_noun"].get(k)
            if noun is not None and noun.attrs["number"] == number and k not in ctx.inside \
                    and not noun.attrs.get("anaphor") \
                    and all(describes(ctx, m) for m in range(noun.end, cue.start)):
                # "جنديين ليبيين قتلا": a bare noun agreeing with the verb
                group = noun_group(ctx, noun)
                return Fact(cue.attrs["status"], group, cue.start, cue.end)
    return subject_with_side(ctx, cue) or coordinated_subject(ctx, cue)


SIDE_LINKS = frozenset({"من", "في"})
SIDE_PHRASE_MAX = 6  # tokens of "من الجيش السوري", "في جهاز الحرس الرئاسي" between a subject and its verb


def subject_with_side(ctx: CasualtyContext, cue: Cue) -> Fact | None:
    """"إن عنصرا من الجيش السوري قتل", "جنديا في وحدة اليمام أصيب": a bare noun agreeing with the
    verb, then the side it belongs to, right before the verb."""
    number = cue.attrs.get("number")
    if number not in NUMBER_COUNTS:
        return None
    for link in range(cue.start - 2, max(0, cue.start - SIDE_PHRASE_MAX - 1), -1):
        if ctx.norms[link] not in SIDE_LINKS or ctx.is_break(link):
            continue
        noun = next((c for c in (ctx.cues["victim_noun"].get(m) for m in range(max(0, link - 2), link))
                     if c is not None and c.end == link), None)
        if noun is None or noun.attrs["number"] != number or noun.start in ctx.inside or noun.attrs.get("anaphor") \
                or any(k in ctx.group_ends for k in range(noun.start, cue.start)):
            return None
        group = noun_group(ctx, noun)
        if group.end != cue.start or group.side_actor is None:
            group.used = False
            return None
        return Fact(cue.attrs["status"], group, cue.start, cue.end)
    return None


MAX_CONJUNCTS = 4


def coordinated_subject(ctx: CasualtyContext, cue: Cue) -> Fact | None:
    """"جنديين تركيين وحارسا مسلحا قتلوا" = 3, "طفل وامرأة قتلا" = 2: bare singular or dual
    victim nouns joined by "و" before a plural or dual verb, each with its adjectives."""
    if cue.attrs.get("number") not in ("pl", "dual"):
        return None
    k, count, start, conjuncts = cue.start - 1, 0, None, 0
    while k >= 0 and conjuncts < MAX_CONJUNCTS:
        while k >= 0 and k not in ctx.cues["victim_noun"] and describes(ctx, k) and not ctx.is_break(k):
            k -= 1  # the conjunct's adjectives ("مسلحا", "تركيين")
        noun = ctx.cues["victim_noun"].get(k)
        number = noun.attrs["number"] if noun is not None else None
        head = ctx.cues["victim_noun"].get(k - 1) if k >= 1 else None
        if head is not None and head.end == k and head.attrs["number"] == number:
            k = head.start  # "حارسا مسلحا": the second noun describes the first
        if number not in NUMBER_COUNTS or k in ctx.inside or k + 1 in ctx.group_ends:
            return None
        count += NUMBER_COUNTS[number]
        conjuncts += 1
        start = k
        if k >= 2 and ctx.norms[k - 1] == "و":
            k -= 2
            continue
        break
    expected = 2 if cue.attrs["number"] == "dual" else 3
    if start is None or count < expected or conjuncts < 2:
        return None  # one noun alone is read by its agreement above
    group = noun_group(ctx, ctx.cues["victim_noun"][start])  # the first noun's type and nationality
    group.count = group.low = group.high = count
    group.qualifier, group.end, group.victims_end, group.used = "exact", cue.start, cue.start, True
    return Fact(cue.attrs["status"], group, cue.start, cue.end)


def breakdown_head(ctx: CasualtyContext, fact: Fact) -> None:
    """"9 أشخاص بينهم 5 مدنيين لقوا حتفهم": the subject is the group before the
    breakdown; the group found next to the verb is its breakdown."""
    while True:
        group = fact.group
        cue_start = ctx.breakdown_starts.get(group.start)
        if cue_start is None:
            cue_start = ctx.breakdown_starts.get(group.start - 1)
        if cue_start is None:
            return
        head = None
        for k in range(cue_start, max(-1, cue_start - 5), -1):  # "ستة عناصر مفترضين من التنظيم من بينهم"
            if k < cue_start and (ctx.is_break(k) or k in ctx.cues["action"]):
                break
            head = ctx.group_ends.get(k)
            if head is not None:
                break
        if head is None or head.used or head.count is None or head.status is not None:
            return
        head.used = True
        fact.includes.insert(0, group)
        fact.group = head


def describes(ctx: CasualtyContext, m: int) -> bool:
    """A token that may stand between a subject noun and its verb: "جنديين ليبيين قتلا",
    "الشاب الذي قتل", "عنصرين فقط لقيا حتفهما", "عنصرا في التنظيم قتل"."""
    norm = ctx.norms[m]
    return (
        is_adjective(ctx.words, norm) or norm in ctx.words.relatives or m in ctx.cues["filler"] or m in ctx.actor_at or ctx.texts[m] in QUOTES
        or (norm in ("في", "من", "ب") and m + 1 in ctx.actors)
    )


def toll_facts(ctx: CasualtyContext, cue: Cue) -> list[Fact]:
    """A toll and its figure: "حصيلة القتلى ... بلغت 42 ألفا", "ارتفع عدد القتلى إلى 30",
    "بلغت حصيلة القتلى في صفوف قوات النظام 60 عنصرا"."""
    norms = ctx.norms
    # The side the toll names: "في صفوف مسلحي المعارضة", "عدد قتلى الحوثيين"
    probe = Group.of_count(cue.start, cue.end, None, victims_start=cue.start, victims_end=cue.end)
    with_side(ctx, probe)
    side = probe.side_actor
    if side is None and cue.end in ctx.actors:
        actor = ctx.actors[cue.end]
        side = side_of(actor["text"], actor)
        probe.end = actor["end"]
    # With the link verb before the toll ("بلغ عدد القتلى ... 300"), the first count is the figure.
    linked = cue.start in ctx.ends["toll_link"]
    for j in range(probe.end, min(ctx.n, cue.end + TOLL_WINDOW)):
        if ctx.is_break(j) or j in ctx.cues["toll"]:
            break
        if j in ctx.cues["action"] and not (j > 0 and norms[j - 1] in ("الذين", "الذي", "التي", "اللذين")):
            break  # but "عدد الضحايا الذين قضوا ... إلى 178"
        link = ctx.cues["toll_link"].get(j)
        if link is None and j != probe.end and not linked:
            continue
        k = link.end if link is not None else j
        while k < ctx.n and k in ctx.cues["toll_link"]:
            k = ctx.cues["toll_link"][k].end  # "وصلت إلى"
        group = ctx.groups.get(k)
        if group is None:
            quantity = read_count(norms, k, ctx)
            if quantity is None:
                continue
            group = quantity_group(k, quantity)
        if group.used:
            return []
        if group.side_actor is None and side is not None:
            group.side_actor = side
        status = group.status or cue.attrs["status"]
        return group_facts(group, status, cue.start, cue.end) + elided_toll(ctx, group.end, side)
    return figure_before(ctx, cue, side)


def toll_figure(ctx: CasualtyContext, k: int) -> Group | None:
    """The unused count group (or bare number) at token k."""
    group = ctx.groups.get(k)
    if group is None:
        quantity = read_count(ctx.norms, k, ctx)
        if quantity is None:
            return None
        group = quantity_group(k, quantity)
    return None if group.used else group


def elided_toll(ctx: CasualtyContext, k: int, side: dict | None) -> list[Fact]:
    """"ارتفع عدد القتلى إلى 12 والجرحى إلى 40": a second toll named by its noun alone."""
    norms, n = ctx.norms, ctx.n
    if k + 3 >= n or norms[k] != "و":
        return []
    noun = ctx.cues["toll_noun"].get(k + 1)
    if noun is None or noun.end not in ctx.cues["toll_link"]:
        return []
    group = toll_figure(ctx, ctx.cues["toll_link"][noun.end].end)
    if group is None:
        return []
    if group.side_actor is None and side is not None:
        group.side_actor = side
    return group_facts(group, noun.attrs["status"], noun.start, noun.end)


def figure_before(ctx: CasualtyContext, cue: Cue, side: dict | None) -> list[Fact]:
    """"ارتفع إلى 4 عدد قتلى الجيش": the figure between the link and the toll."""
    for k in range(cue.start - 1, max(-1, cue.start - 4), -1):
        if k not in ctx.ends["toll_link"]:
            continue
        group = toll_figure(ctx, k)
        if group is None or group.end != cue.start:
            return []
        if group.side_actor is None and side is not None:
            group.side_actor = side
        return group_facts(group, group.status or cue.attrs["status"], cue.start, cue.end)
    return []
