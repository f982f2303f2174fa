"""Single named victims: "مقتله", "الشهيد فلان", "مقتل العميد فلان", "محسن الفضلي قتل في ضربة"."""
from __future__ import annotations

from functools import lru_cache

from marsad.text.frequency import zipf
from marsad.text.person_names import person_name_words

from .groups import overlaps_place, read_count
from .model import NUMBER_COUNTS, PUNCT, QUOTES, CasualtyContext, Cue, Fact, Group


def person_trigger_fact(ctx: CasualtyContext, cue: Cue) -> Fact | None:
    """A trigger that names its victims: "مقتله" = 1, "مقتلهما" = 2, "الشهيد فلان" = 1."""
    count = NUMBER_COUNTS.get(cue.attrs.get("number", "sg"))
    if count is None:
        return None
    if cue.start in ctx.ends["named_after"]:
        return None  # "مستشفى الشهيد فلان": named after a martyr
    if cue.attrs["status"] == "injured" and not wounded(ctx, cue.end):
        return None  # "غاب عن التدريب بسبب إصابته في مباراة": not a wound of violence
    if ctx.doc[cue.end - 1].text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ة"):
        return None  # "قتلة" (killers) normalises like "قتله"
    nxt = cue.end
    if nxt < ctx.n and (ctx.norms[nxt] in ctx.words.demonstratives or nxt in ctx.groups or nxt in ctx.cues["victim_noun"]):
        return None  # "بقتلها هذا القيادي": the pronoun is the agent (but "قتله تنظيم داعش")
    end = cue.end
    if cue.attrs.get("named"):
        end = name_end(ctx, cue.end, cue.end)  # "الشهيد ناصر العلي"
    group = Group.of_count(cue.start, end, count, victims_start=cue.start, victims_end=end)
    group.person = True
    group.used = True
    return Fact(cue.attrs["status"], group, cue.start, cue.end)


def wounded(ctx: CasualtyContext, j: int) -> bool:
    """A wound or an attack within a few tokens: "بجروح", "برصاص", "في قصف"."""
    for k in range(j, min(ctx.n, j + 5)):
        if ctx.is_break(k):
            return False
        if k in ctx.cues["wound"] or k in ctx.cues["perpetrator_cue"]:
            return True
    return False


def name_end(ctx: CasualtyContext, start: int, limit_from: int) -> int:
    """End of a name of up to three words starting at `start`."""
    norms, doc = ctx.norms, ctx.doc
    end = start
    title = ctx.cues["person_title"].get(end)
    if title is not None:
        end = title.end
    while (
        end < ctx.n
        and end - limit_from < 4
        and doc[end].is_alpha
        and norms[end] not in ctx.words.name_stop
        and not ctx.is_cue(end)
        and end not in ctx.actors
    ):
        end += 1
    return end


def person_fact(ctx: CasualtyContext, cue: Cue) -> Fact | None:
    """A named single victim: "مقتل العميد فلان", "مقتل أبو عمر الشامي"."""
    j = cue.end
    if j < ctx.n and ctx.texts[j] in QUOTES:
        j += 1
    if j >= ctx.n:
        return None
    doc, norms = ctx.doc, ctx.norms
    listed = each_of(ctx, j)
    if listed is not None:
        end, count = listed
        if cue.attrs["status"] == "injured" and not wounded(ctx, end):
            return None
        group = Group.of_count(j, end, count, victims_start=j + 2, victims_end=end)
        group.used = True
        return Fact(cue.attrs["status"], group, cue.start, cue.end)
    title = ctx.cues["person_title"].get(j)
    person_end = None
    if title is not None:
        person_end = title.end
        while person_end < ctx.n and person_end - title.end < 3 and doc[person_end].is_alpha and norms[person_end] not in ctx.words.name_stop:
            if person_end in ctx.actors:
                break
            person_end += 1
    elif norms[j] in ctx.words.kunya and j + 1 < ctx.n and doc[j + 1].is_alpha and not ctx.is_cue(j + 1):
        person_end = name_end(ctx, j + 1, j + 1)  # kunya: "أبو خليل السوداني"
    elif doc[j].ent_type_ in ("PERS", "PER", "PERSON"):
        person_end = j
        while person_end < ctx.n and doc[person_end].ent_type_ == doc[j].ent_type_:
            person_end += 1
    elif looks_like_a_name(ctx, j):
        person_end = name_end(ctx, j, j)  # "مقتل محمد حمزة شحادة" without a trained NER
    if person_end is None or person_end <= j:
        return None
    if cue.attrs["status"] == "injured" and not wounded(ctx, person_end):
        return None  # "بعد إصابة قائد الدفاع بقطع في الرباط": a sports injury
    group = Group.of_count(j, person_end, 1, victims_start=j, victims_end=person_end)
    group.person = True
    group.used = True
    return Fact(cue.attrs["status"], group, cue.start, cue.end)


def subject_fact(ctx: CasualtyContext, cue: Cue) -> Fact | None:
    """A singular verb with nothing after it: its subject is one person ("محسن الفضلي قتل في ضربة")."""
    if cue.attrs.get("pos") != "verb" or cue.attrs.get("number", "sg") != "sg" or cue.start == 0:
        return None
    if ctx.after_verbal_noun_word(cue.start):
        return None
    norms, doc = ctx.norms, ctx.doc
    if cue.end < ctx.n:
        nxt = norms[cue.end]
        if not (nxt in ctx.words.prepositions or nxt in PUNCT or ctx.is_break(cue.end) or cue.end in ctx.cues["filler"]
                or cue.end in ctx.cues["wound"] or nxt.endswith("ا") and not read_count(norms, cue.end)):
            return None
    if cue.attrs["status"] == "injured" and not wounded(ctx, cue.end):
        return None
    prev = cue.start - 1
    if not doc[prev].is_alpha or norms[prev] in ctx.words.subject_stop or prev in ctx.actor_at or ctx.is_cue(prev):
        return None
    if prev in ctx.cues["named_after"] or prev in ctx.ends["named_after"]:
        return None
    if prev in ctx.inside or prev + 1 in ctx.group_ends:
        return None
    start = prev
    while start - 1 >= 0 and prev - start < 3 and doc[start - 1].is_alpha and norms[start - 1] not in ctx.words.subject_stop \
            and (start - 1) not in ctx.actor_at and not ctx.is_cue(start - 1):
        start -= 1
    group = Group.of_count(start, prev + 1, 1, victims_start=start, victims_end=prev + 1)
    group.person = True
    group.used = True
    return Fact(cue.attrs["status"], group, cue.start, cue.end)


RARE_SURNAME_ZIPF = 3.5  # a word this rare after a given name is read as its surname


def name_word(ctx: CasualtyContext, k: int) -> bool:
    """A token that may be part of a name: a word, no lexicon cue, no actor, no place, no
    function word ("هذه", "كان", "الذي")."""
    if k >= ctx.n:
        return False
    norm, words = ctx.norms[k], ctx.words
    if norm in words.name_stop or norm in words.subject_stop or norm in words.demonstratives:
        return False
    return ctx.doc[k].is_alpha and not ctx.is_cue(k) and k not in ctx.actor_at and not overlaps_place(ctx, k, k + 1)


def looks_like_a_name(ctx: CasualtyContext, j: int) -> bool:
    """Two words after a trigger that read as a person's name: an indefinite word of the
    name list, then another of it or a rare word ("محمد حمزة", "هادي خنافر")."""
    names = person_name_words()
    first = ctx.norms[j]
    if first.startswith("ال") or first not in names or not name_word(ctx, j) or not name_word(ctx, j + 1):
        return False
    second = ctx.norms[j + 1]
    if second.endswith(("ها", "هم", "هما")) and len(second) > 4:
        return False  # "قتل كامل طاقمها" (its whole crew): a noun with a pronoun is no surname
    return second in names or zipf(ctx.doc[j + 1].text) < RARE_SURNAME_ZIPF


MAX_LISTED = 8  # names after "كل من"


def each_of(ctx: CasualtyContext, j: int) -> tuple[int, int] | None:
    """"أصيب كل من سامر الحلبي ومحمود الخطيب": (end, number of people listed). "علي"
    written with ي is the name Ali, not the preposition "على" it normalises like."""
    if j + 2 >= ctx.n or ctx.norms[j] != "كل" or ctx.norms[j + 1] != "من":
        return None
    k, count = j + 2, 0
    while k < ctx.n and count < MAX_LISTED:
        if ctx.texts[k] in ("،", ","):
            k += 1
            continue
        if ctx.norms[k] == "و" and count:
            k += 1
        elif count and ctx.norms[k].startswith("و") and len(ctx.norms[k]) > 2 and ctx.doc[k].is_alpha:
            pass  # "وعبد": the conjunction glued to the next name
        elif count:
            break
        start = k
        if k < ctx.n and (ctx.norms[k] in ctx.words.subject_stop or ctx.norms[k] in ctx.words.demonstratives):
            break  # "قتل كل من كان بداخلها": everyone who..., not a list of names
        while k < ctx.n and k - start < 4 and ctx.doc[k].is_alpha and ctx.norms[k] != "و" \
                and (ctx.norms[k] not in ctx.words.name_stop or ctx.texts[k] == "علي") \
                and not ctx.is_cue(k, ("action", "victim_noun", "victim_trigger", "wound", "perpetrator_cue")) \
                and not (k > start and ctx.norms[k].startswith("و") and len(ctx.norms[k]) > 2):
            k += 1
        if k == start:
            break
        count += 1
    return (k, count) if count >= 2 else None


@lru_cache(maxsize=1)
def nationality_counts() -> dict[str, int]:
    """Indefinite nationality nouns and how many people each names: "فلسطيني", "فلسطينيا",
    "فلسطينية" 1; "فلسطينيان", "فلسطينيتان" 2 ("فلسطينيين" is a plural too: no number)."""
    from marsad.components.actors.setting import nationality_adjectives

    counts: dict[str, int] = {}
    for form in nationality_adjectives():
        if form.startswith("ال") or not form.endswith("ي"):
            continue
        counts[form] = counts[form + "ا"] = counts[form + "ه"] = 1
        counts[form + "ان"] = counts[form + "تان"] = counts[form + "تين"] = 2
    return counts


def nationality_fact(ctx: CasualtyContext, cue: Cue) -> Fact | None:
    """"استشهد فلسطينيان", "مقتل أميركي", "أصيب سودانيتان": a nationality noun right after
    the trigger names its victims and their number."""
    j = cue.end
    if j >= ctx.n or j in ctx.actor_at or overlaps_place(ctx, j, j + 1):
        return None
    count = nationality_counts().get(ctx.norms[j])
    if count is None or (count == 1 and cue.attrs.get("number") not in (None, "sg")):
        return None
    if cue.attrs["status"] == "injured" and not wounded(ctx, j + 1):
        return None
    group = Group.of_count(j, j + 1, count, victims_start=j, victims_end=j + 1)
    group.used = True
    return Fact(cue.attrs["status"], group, cue.start, cue.end)


MAX_NAME_WORDS = 4  # the name (or title and name) after a single victim or a relative
KIN_COUNTS = {"sg": 1, "dual": 2, "pl": 3}  # a plural of relatives is at least three


def join_relatives(ctx: CasualtyContext, fact: Fact) -> None:
    """"استشهد الطفل يوسف ووالده", "قتل المواطن فلان وزوجته وطفلاهما": relatives joined by
    "و" to one victim are victims too. A relative with a verb of its own ("ووالدته أصيبت")
    is a fact of its own, and a plural makes the count a lower bound."""
    group = fact.group
    if group.count != 1 or group.qualifier != "exact" or group.anaphor or group.statuses:
        return
    k = _past_name(ctx, group.end)
    added, lower_bound, end = 0, False, None
    while k < ctx.n and not ctx.is_break(k):
        relative = _relative_at(ctx, k)
        if relative is None:
            break
        number, kin_end = relative
        after = _past_name(ctx, kin_end, named=True)
        if after < ctx.n and after in ctx.cues["action"]:
            break  # "ووالدته أصيبت بجروح": the relative's own fact
        added += KIN_COUNTS[number]
        lower_bound = lower_bound or number == "pl"
        end = k = after
    if not added:
        return
    group.count = group.low = group.count + added
    group.high = None if lower_bound else group.count
    group.qualifier = "at_least" if lower_bound else "exact"
    group.end = end
    if group.victims_end is not None:
        group.victims_end = end


def _past_name(ctx: CasualtyContext, k: int, named: bool = False) -> int:
    """The token after a title or victim word and a name of up to MAX_NAME_WORDS words at `k`;
    with `named`, a name without a title must start with a known given name."""
    start = k
    title = ctx.cues["person_title"].get(k) or ctx.cues["victim_noun"].get(k)
    if title is not None:
        k = start = title.end
    elif named and (k >= ctx.n or ctx.norms[k] not in person_name_words()):
        return k
    while k < ctx.n and k - start < MAX_NAME_WORDS and name_word(ctx, k) and ctx.norms[k] != "و" \
            and _relative_at(ctx, k) is None:
        k += 1
    return k


def _relative_at(ctx: CasualtyContext, k: int) -> tuple[str, int] | None:
    """(number, end) of "و" + a relative at `k` ("و والده", "وطفلاهما", "و أفراد أسرته")."""
    norm = ctx.norms[k]
    if norm == "و" and k + 1 < ctx.n:
        cue = ctx.cues["kin_noun"].get(k + 1)
        if cue is not None:
            return cue.attrs["number"], cue.end
        number = ctx.lexicon_kin.get(ctx.norms[k + 1])
        return (number, k + 2) if number else None
    number = ctx.lexicon_kin.get(norm[1:]) if norm.startswith("و") and len(norm) > 3 else None
    return (number, k + 1) if number else None
