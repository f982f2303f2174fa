"""Who acted and who was hit in an incident, and its deaths per side (UCDP style).

actor1 is the side that acted: the perpetrator the casualty matcher found, an
actor in agent position of a trigger ("قصفت قوات حفتر", "غارة للتحالف",
"هجمات شنتها جماعة الحوثي", "على يد ..."), or the state a nationality
adjective names ("غارة إسرائيلية"). actor2 is the target: an actor after
"على/ضد/استهدف", else the side the victims belong to.
"""
from __future__ import annotations

from marsad.components.actors.kb import ACLED_INTER
from marsad.components.events.lexicon import token_key

# "... شنتها X", "على يد X", "من قبل X": X acted.
AGENT_MARKERS = {
    "شنها", "شنتها", "نفذها", "نفذتها", "اطلقها", "اطلقتها", "يد", "قبل", "شنه", "شنته", "نفذه", "نفذته", "تبنت", "تبني",
    "شن", "شنت", "نفذ", "نفذت", "اطلق", "اطلقت", "يشن", "تشن", "لـ", "ل",
}
# "... على X", "استهدفت X": X was the target.
TARGET_MARKERS = {"علي", "ضد", "استهدف", "استهدفت", "استهدفوا", "يستهدف", "تستهدف", "مواقع", "مقر", "مقرات", "تجمعات", "تجمع", "مراكز", "مركز", "ثكنه", "دوريه", "رتل", "موكب", "مع"}
# "أعلن تنظيم داعش مسؤوليته عن الهجوم": the actor right before a claim of responsibility acted.
CLAIM_WORDS = {"مسؤوليته", "مسؤوليتها", "مسؤوليتهم", "مسئوليته", "مسئوليتها", "مسئوليتهم", "المسؤوليه", "المسئوليه"}
# Words naming civilians as the ones hit.
CIVILIAN_WORDS = {"مدنيين", "مدنيا", "مدني", "مدنيون", "اطفال", "طفل", "طفلا", "طفلين", "نساء", "امراه", "امراتين", "سيدات", "مواطنين", "مواطنا", "مواطن", "سكان", "الاهالي", "اهالي", "نازحين", "مسعفين", "صحفيين", "صحفي", "اطباء", "طبيب", "مسنين", "فتاه", "فتيات"}


def actor_key(actor: dict) -> str:
    """An actor's id, or its name for an armed group the knowledge base does not know (actor_id null)."""
    return actor.get("actor_id") or "?" + (actor.get("name") or actor.get("text") or "")


def actor_record(key: str | None, info: dict) -> dict | None:
    """The event's view of an actor; `info` maps actor_key -> the doc's actor record."""
    if key is None:
        return None
    record = info.get(key, {})
    actor_id = record.get("actor_id", None if key.startswith("?") else key)
    return {"actor_id": actor_id, "name": record.get("name", key.lstrip("?")), "type": record.get("type")}


def named_sides(ctx, sents: list[int], order: list[str]) -> list[str]:
    """`order` completed to two sides with the armed actors named in the incident's sentences
    (else in the sentence before), in text order: a clash or strike names its sides even when
    no casualty fact carries them."""
    if len(order) >= 2:
        return order
    out = list(order)
    def armed(sent: int) -> list[dict]:
        # counted soldiers ("جنديين تركيين") are a side only through the facts they are victims of
        # nor are the forces of a ministry that only reports ("قالت وزارة الداخلية إن ...")
        return [a for a in ctx.in_sentence("actors", sent)
                if a.get("type") != "civilians" and not a.get("person_noun") and not a.get("via_source")]

    named = [a for sent in sorted(set(sents)) for a in armed(sent)]
    if not named and not out and sents:
        named = armed(min(sents) - 1)
    for actor in sorted(named, key=lambda a: a["start_char"]):
        if len(out) >= 2:
            break
        _add(out, actor_key(actor))
    return out


def find_roles(ctx, sents: list[int], trigger_spans: list[tuple[int, int]], facts: list[dict], attackers) -> tuple[list[str], list[str]]:
    """(attackers, targets): actor ids, the strongest evidence first."""
    doc = ctx.doc
    agents: list[tuple[int, int, str]] = []  # (strength, position, actor id)
    targets: list[tuple[int, int, str]] = []
    for fact in facts:
        perpetrator = (fact.get("perpetrator") or {}).get("actor_id")
        if perpetrator:
            agents.append((0, ctx.token_at_char(fact["start_char"]), perpetrator))
    wanted = set(sents)
    trigger_starts = {start for start, _ in trigger_spans}
    trigger_ends = {end for _, end in trigger_spans}
    for actor in [a for sent in sorted(wanted) for a in ctx.in_sentence("actors", sent)]:
        i = ctx.token_at_char(actor["start_char"])
        last = ctx.token_at_char(max(actor["end_char"] - 1, actor["start_char"]))
        sent_start = ctx.sentence_bounds[ctx.sentence[i]][0]
        before = [ctx.norms[k] for k in range(max(sent_start, i - 3), i)]
        if before and any(w in TARGET_MARKERS for w in before) and not any(w in AGENT_MARKERS - {"ل", "لـ"} for w in before):
            targets.append((1, i, actor_key(actor)))
        elif before and before[-1] in AGENT_MARKERS and before[-1] not in {"ل", "لـ"}:
            agents.append((1, i, actor_key(actor)))
        elif i in trigger_ends or (i - 1 in trigger_ends and before and before[-1] in {"ل", "لـ"}):
            agents.append((1, i, actor_key(actor)))  # "قصفت قوات حفتر", "غارة للتحالف"
        elif last + 1 in trigger_starts:
            agents.append((2, i, actor_key(actor)))  # "الجيش الإسرائيلي قصف"
        elif any(ctx.norms[k] in CLAIM_WORDS for k in range(last + 1, min(last + 3, ctx.n))):
            agents.append((1, i, actor_key(actor)))  # "أعلن تنظيم داعش مسؤوليته عن الهجوم"
    # "غارة إسرائيلية", "قصف أمريكي": a nationality adjective right after the trigger.
    for start, end in trigger_spans:
        for k in range(start + 1, min(end + 2, ctx.n)):
            actor_id = attackers.get(token_key(ctx.norms[k]))
            if actor_id:
                agents.append((1, k, actor_id))
                break
    for fact in facts:
        side = (fact.get("victim_side") or {}).get("actor_id")
        if side:
            targets.append((2, ctx.token_at_char(fact["start_char"]), side))
    agent_ids = _ordered(agents)
    target_ids = [t for t in _ordered(targets) if t not in agent_ids[:1]]
    agent_ids = [a for a in agent_ids if a not in target_ids[:1]]
    return agent_ids, target_ids


def _ordered(found: list[tuple[int, int, str]]) -> list[str]:
    out: list[str] = []
    for _, _, actor_id in sorted(found):
        if actor_id not in out:
            out.append(actor_id)
    return out


def _add(order: list[str], actor_id: str) -> None:
    if actor_id not in order:
        order.append(actor_id)


def _bounds(fact: dict) -> tuple[int, int, int | None]:
    count = fact.get("count")
    low = fact.get("low") if fact.get("low") is not None else (count or 0)
    high = fact.get("high") if fact.get("high") is not None else count
    best = count if count is not None else low
    return best or 0, low or 0, high


def _civilian_share(fact: dict) -> int:
    """Victims a breakdown names as civilians ("بينهم 7 أطفال")."""
    total = 0
    for part in fact.get("includes") or []:
        who = {w[2:] if w.startswith("ال") else w for w in _words(part.get("who") or "")}
        if who & {w[2:] if w.startswith("ال") else w for w in CIVILIAN_WORDS} and part.get("count"):
            total += int(part["count"])
    return total


def _words(text: str) -> list[str]:
    from marsad.text.orthography import normalize

    return normalize(text).split()


def deaths(facts: list[dict], sentence_of, actor1: str | None, actor2: str | None) -> dict:
    """deaths_a/b/civilians/unknown and best/low/high, one toll per victim group.

    The same victims are often counted twice (a ministry and an army statement,
    a lead and a detail sentence): facts about one victim group in different
    sentences are one toll (the largest); facts in one sentence add up; a
    count of unspecified victims restates the others unless it is larger;
    a vague toll ("عشرات", "عدد من") adds nothing to a stated one.
    """
    killed = [f for f in facts if f["status"] == "killed"]
    if any(f.get("count") for f in killed):
        # "سقوط عدد من القتلى" beside a stated number names no further victims: the number is the toll
        killed = [f for f in killed if f.get("count") is not None]
    per_sentence: dict[int, dict[str, list[int]]] = {}
    for fact in killed:
        best, low, high = _bounds(fact)
        side = (fact.get("victim_side") or {}).get("actor_id")
        civilians = min(_civilian_share(fact), best)
        if fact["victim_type"] == "civilian":
            parts = {"deaths_civilians": best}
        elif side and side == actor1:
            parts = {"deaths_a": best}
        elif side and side == actor2:
            parts = {"deaths_b": best}
        elif side:
            parts = {"deaths_b" if actor2 is None else "deaths_unknown": best}
        else:
            parts = {"deaths_unknown": best - civilians, "deaths_civilians": civilians}
        group = per_sentence.setdefault(sentence_of(fact), {})
        for key, value in parts.items():
            bucket = group.setdefault(key, [0, 0, 0])
            bucket[0] += value
            bucket[1] += low if len(parts) == 1 else value
            bucket[2] = None if high is None or bucket[2] is None else bucket[2] + (high if len(parts) == 1 else value)
    out = {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": 0}
    low_of = {k: 0 for k in out}
    high_of: dict[str, int | None] = {k: 0 for k in out}
    for key in out:
        values = [g[key] for g in per_sentence.values() if key in g]
        if values:
            best = max(values, key=lambda v: v[0])
            out[key], low_of[key], high_of[key] = best[0], best[1], best[2]
    known = out["deaths_a"] + out["deaths_b"] + out["deaths_civilians"]
    if known and out["deaths_unknown"]:
        # unspecified victims in a sentence without named ones restate them
        only_unknown = [g["deaths_unknown"][0] for g in per_sentence.values() if set(g) <= {"deaths_unknown"}]
        mixed = max([g["deaths_unknown"][0] for g in per_sentence.values() if "deaths_unknown" in g and len(g) > 1] or [0])
        unknown = max(mixed, max(only_unknown or [0]) - known, 0)
        if unknown != out["deaths_unknown"]:
            out["deaths_unknown"] = unknown
            low_of["deaths_unknown"] = min(low_of["deaths_unknown"], unknown)
            high_of["deaths_unknown"] = unknown
    out["best"] = sum(out.values())
    out["low"] = min(sum(low_of.values()), out["best"])
    highs = list(high_of.values())
    out["high"] = None if any(h is None for h in highs) else max(sum(h for h in highs if h is not None), out["best"])
    return out


def total(facts: list[dict], status: str, sentence_of) -> int:
    """A status's total: facts in one sentence add up, restatements across sentences do not."""
    per_sentence: dict[int, int] = {}
    for fact in facts:
        if fact["status"] == status:
            s = sentence_of(fact)
            per_sentence[s] = per_sentence.get(s, 0) + _bounds(fact)[0]
    return max(per_sentence.values(), default=0)


def interaction(actor1: dict | None, actor2: dict | None) -> int | None:
    codes = sorted(ACLED_INTER.get((a or {}).get("type"), 0) for a in (actor1, actor2) if a)
    if not codes:
        return None
    return int("".join(str(c) for c in codes)) if len(codes) == 2 else codes[0] * 10
