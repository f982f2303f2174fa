"""The marsad_casualty_matcher component: killed, injured, captured and missing counts.

All casualty logic lives here; the words it reacts to live in
data/casualty_lexicon.jsonl (one rule per line: kind, phrase and attributes).

How a fact is found, in one sentence at a time:
- an *action* trigger ("مقتل", "أصيب", "اعتقال") opens a status. Its count
  group comes after it ("25 عنصرا على الأقل من قوات النظام"), possibly after
  fillers ("قتل فيها 13"), the agent of an active verb ("أعدم تنظيم داعش 23
  شخصا") or a prepositional phrase ("قتل في الهجوم 5 جنود"); for verbs it may
  come before ("25 عنصرا قتلوا", "جنديين قتلا", "لقي 12 آخرون مصرعهم"). A bare
  victim noun counts by its number ("مقتل مدني" = 1, "جنديين" = 2,
  "عسكريين آخرين اثنين" = 2); a trigger that names its victim counts 1
  ("مقتله", "الشهيد فلان"), so do a title or kunya after it ("مقتل العميد
  فلان", "مقتل أبو خليل") and a named subject before a singular verb ("محسن
  الفضلي قتل في ضربة"). Further groups joined by "و"/"مقابل" take the same status;
- a *victim trigger* noun carries its own status ("10 قتلى", "جريحين"); a
  total over two statuses ("400 قتيل وجريح") gives one vague fact per status;
- a *toll* ("حصيلة القتلى ... بلغت 42 ألفا") takes the count after its link word;
- groups after "بينهم" (and groups joined to them by "و") become `includes`;
- a count group with no trigger is kept aside and merged into a fact of the
  same count (a headline repeated in the body).
Then each fact gets its context: the victims' side (an actor after the
victims, "من"/"في صفوف" + actor, an adjective, the antecedent of "منهم", the
same side as the fact it is coordinated with, the positions that were hit,
the state forces a soldier belongs to), negation, hypothetical and
cumulative-toll cues, perpetrator and place. Repeats of a fact in other
sentences are merged.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.attrs import NORM, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from marsad import extensions  # noqa: F401
from marsad.components.normalizer import normalize_doc
from marsad.text.numbers import Quantity, read_quantity
from marsad.resources import read_jsonl
from marsad.text.sentences import sentence_ids_from
from marsad.text.orthography import strip_article

SPAN_KEY = "casualties"
STATUSES = ("killed", "injured", "captured", "missing")
QUALIFIERS = ("exact", "at_least", "about", "at_most", "vague")
# Lexicon kinds and the attributes each needs. Optional attributes: on actions "pos"
# (verb|noun), "number" (sg|dual|pl: verb agreement, or how many a pronoun trigger
# names), "neutral" (the victims' word gives the status: "سقوط 20 جريحا"), "person"
# (the trigger names its victim: "مقتله"), "named" (a name follows: "الشهيد فلان"),
# "frame" ("مصرعهم" closes "لقي ..."); on victim nouns "force": "state" (soldiers,
# police) and "definite" (a singular also read with the article); on victim triggers
# "alone" (a fact on its own: "جثة"); on negation/hypothetical cues "scope" (tokens).
LEXICON_KINDS = {
    "action": {"status"},  # مقتل، أصيب، اعتقال، لقوا مصرعهم
    "victim_trigger": {"status", "number"},  # قتلى، جريحين، أسرى
    "victim_noun": {"victim_type", "number"},  # مدنيا، جنود، عناصر
    "qualifier_before": {"qualifier"},  # أكثر من، نحو
    "qualifier_after": {"qualifier"},  # على الأقل
    "negation": set(),  # نفى، لم يسفر، محاولة اغتيال
    "hypothetical": set(),  # يهدد بقتل: no fact at all
    "aggregate": set(),  # منذ بدء النزاع
    "breakdown": set(),  # بينهم
    "perpetrator_cue": set(),  # برصاص، على يد، غارة
    "person_title": set(),  # العميد، القيادي
    "side_noun": set(),  # عناصر، قوات، صفوف
    "connector": set(),  # و، مقابل
    "toll": {"status"},  # حصيلة القتلى، عدد الجرحى
    "toll_link": set(),  # بلغت، إلى، ارتفع
    "target_noun": set(),  # مواقع، تجمعات: whose positions were hit
    "filler": set(),  # أمس، فيها: may stand between a trigger and its count
    "unit": set(),  # أيام، غارة، صواريخ: a number before them counts no people
    "named_after": set(),  # مستشفى الشهيد ...: not a casualty
    "not_trigger": set(),  # استشهد برأي، أصيب بخيبة أمل، جريمة قتل
    "state_word": set(),  # الحكومة، الجيش: makes a phrase name state forces
    "side_pronoun": set(),  # جنوده، عناصره: the side is the possessor
    "wound": set(),  # بجروح، برصاص: a violent injury, not a sports one
    "not_side": set(),  # السكان، المناطق: never an armed side
}
POS = ("verb", "noun")
NUMBER_COUNTS = {"sg": 1, "dual": 2}
# How far (tokens) a trigger reaches for its count group, and a status carries on.
FORWARD_WINDOW = 4
BACKWARD_WINDOW = 4
# A plural or dual verb may close a long subject: "12 ألفا و200 مقاتل أجنبي دخلوا البلاد ... قد قتلوا".
LONG_BACKWARD_WINDOW = 16
# A passive verb may put a prepositional phrase before its subject: "قتل في الهجوم 5 جنود".
PP_WINDOW = 10
CARRY_WINDOW = 14
MERGE_GAP = 6  # facts this close in one sentence are never repeats of each other
TOLL_WINDOW = 20
PERPETRATOR_WINDOW = 12
TARGET_WINDOW = 25
NEGATION_SCOPE = 10
SENTENCE_END = {".", "!", "?", "؟", "\n", "\n\n", "۔"}
PUNCT = {",", "،", ";", "؛", ":", "(", ")", "-", "–", "/"}
QUOTES = {'"', "«", "»", "'", "“", "”", "/"}
# Closed-class words (normalised): they never start a victims phrase.
PREPOSITIONS = {"في", "ب", "خلال", "جراء", "اثر", "عقب", "بعد", "علي", "داخل", "قرب", "بسبب", "نتيجه", "اثناء", "لدي", "ل", "عند", "امام", "بين", "مع"}
PP_HEADS = PREPOSITIONS | {"منذ", "قبل"}
# Words that are never the subject of a verb after them ("في سياق آخر قتل", "التي قتل فيها").
SUBJECT_STOP = {
    "و", "ف", "قد", "لقد", "وقد", "فقد", "الي", "اخر", "اخري", "ذلك", "هنا", "هناك", "ثم", "بينما", "فيما",
    "لكن", "لكنه", "غير", "التي", "الذي", "الذين", "اللذين", "اللتين", "ان", "انه", "انها", "انهم", "حيث",
    "كما", "ما", "مما", "لم", "لن", "لا", "من", "عن", "او", "ام", "بعدما", "عندما", "حين", "حتي", "كان",
    "كانت", "اذ", "اذا", "لو", "ايضا", "كذلك", "الا", "هل", "منذ",
} | PREPOSITIONS
NAME_STOP = {"في", "من", "علي", "و", "ب", "ل", "الذي", "التي", "بعد", "قبل", "خلال", "اثر", "جراء", "عن", "الي", "منذ", "مع", "عند", "قرب", "برصاص", "بنيران", "امس", "اليوم"}
NISBA_STOP = {"الذي", "التي", "الاخري", "اخري", "الاولي", "الثاني", "الثانيه", "الماضي", "الحالي", "الجاري", "اليومي", "التالي"}
OTHERS = {"اخر", "اخرين", "اخرون", "اخري", "اخريات", "الاخرين", "الاخرون"}
CLAUSE_HEADS = {"و", "قد", "وقد", "فقد", ",", "،", "كما", "فيما", "بينما", "حيث", "ف", ":"}
# Participles that start a description after a group's name: "كتيبة النخبة المكنى ...".
NP_STOP = {"المكني", "المدعو", "الملقب", "المعروف", "المعروفه", "المسمي", "المسماه", "البالغ", "الواقع", "الواقعه",
           "التابع", "التابعه", "الموجود", "الموجوده", "المتواجد", "المتواجده"}
RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"}
MASDAR_BEFORE = PREPOSITIONS | {"عن", "من", "الي", "بعد", "قبل", "حول", "ضد", "دون", "لاجل"}
FRAME_VERBS = {"لقي", "لقوا", "لقيت", "لقيا", "يلقي", "تلقي", "يلقون"}  # "لقي ... مصرعه"
DEMONSTRATIVES = {"هذا", "هذه", "ذلك", "تلك", "هؤلاء", "اولئك", "هاتين", "هذين"}
ANAPHORS = {"منهم": "pl", "منهن": "pl", "منهما": "dual"}
COMBINE_WORDS = {"بين"}


def validate_lexicon(records: list[dict]) -> list[str]:
    """Check casualty lexicon records; RETURNS (list[str]): the problems found."""
    problems = []
    for i, record in enumerate(records, start=1):
        kind = record.get("kind")
        if kind not in LEXICON_KINDS:
            problems.append(f"line {i}: unknown kind {kind!r}")
            continue
        if not isinstance(record.get("phrase"), str) or not record["phrase"].strip():
            problems.append(f"line {i}: missing phrase")
        missing = LEXICON_KINDS[kind] - set(record)
        if missing:
            problems.append(f"line {i}: {kind} needs {sorted(missing)}")
        if "status" in record and record["status"] not in STATUSES:
            problems.append(f"line {i}: bad status {record['status']!r}")
        if "qualifier" in record and record["qualifier"] not in QUALIFIERS:
            problems.append(f"line {i}: bad qualifier {record['qualifier']!r}")
        if "number" in record and record["number"] not in ("sg", "dual", "pl"):
            problems.append(f"line {i}: bad number {record['number']!r}")
        if "pos" in record and record["pos"] not in POS:
            problems.append(f"line {i}: bad pos {record['pos']!r}")
        if "scope" in record and (not isinstance(record["scope"], int) or record["scope"] < 0):
            problems.append(f"line {i}: bad scope {record['scope']!r}")
    return problems


@dataclass
class Cue:
    kind: str
    start: int
    end: int
    attrs: dict


@dataclass
class Group:
    """A count and who it counts: "أكثر من 25 عنصرا", "جنديين", "10 قتلى"."""

    start: int
    end: int
    count: int | None
    qualifier: str
    low: int | None
    high: int | None
    victims_start: int | None = None
    victims_end: int | None = None
    victim_type: str = "unknown"
    status: str | None = None
    side_actor: dict | None = None
    used: bool = False
    number: str | None = None  # grammatical number of a count-less victim word
    force: str | None = None  # "state" for soldiers and police
    statuses: tuple = ()  # a total over several statuses: "قتيل وجريح"
    anaphor: bool = False  # "خمسة منهم"
    person: bool = False  # a named or titled single victim
    standalone: bool = False  # a victim trigger with no number


@dataclass
class Fact:
    status: str
    group: Group
    trigger_start: int
    trigger_end: int
    victim_side: dict | None = None
    perpetrator: dict | None = None
    place: dict | None = None
    negated: bool = False
    aggregate: bool = False
    hypothetical: bool = False
    includes: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    agent: dict | None = None  # the agent of an active verb, skipped on the way to the count

    @property
    def start(self) -> int:
        return min(self.trigger_start, self.group.start)

    @property
    def end(self) -> int:
        return max(self.trigger_end, self.group.end)


class _Context:
    """Everything about one doc the matcher looks up, computed once."""

    def __init__(self, doc: Doc, find_cues: Callable) -> None:
        self.doc = doc
        self.n = len(doc)
        strings = doc.vocab.strings
        array = doc.to_array([NORM, ORTH])
        self.norms: list[str] = [strings[h] for h in array[:, 0].tolist()]
        self.texts: list[str] = [strings[h] for h in array[:, 1].tolist()]
        self.cues = cues = find_cues(doc, self.norms)
        self.sentence = sentence_ids_from(self.norms, self.texts)
        self.actors = _actor_spans(doc)
        self.actor_at: dict[int, dict] = {}
        for actor in self.actors.values():
            for k in range(actor["start"], actor["end"]):
                self.actor_at[k] = actor
        self.ends = {kind: {c.end for c in by_start.values()} for kind, by_start in cues.items()}
        self.breakdown_starts = {c.end: c.start for c in cues["breakdown"].values()}
        self.groups: dict[int, Group] = {}
        self.group_ends: dict[int, Group] = {}
        self.inside: set[int] = set()
        self._by_sentence: dict[str, dict[int, list]] = {}
        self.place_tokens: set[int] | None = None

    def in_sentence(self, kind: str, sent: int) -> list:
        """Cues of a kind (or "actors") in one sentence, in text order."""
        index = self._by_sentence.get(kind)
        if index is None:
            index = defaultdict(list)
            items = self.actors.values() if kind == "actors" else self.cues[kind].values()
            for item in sorted(items, key=lambda x: x["start"] if kind == "actors" else x.start):
                index[self.sentence[item["start"] if kind == "actors" else item.start]].append(item)
            self._by_sentence[kind] = index
        return index.get(sent, [])

    def set_groups(self, groups: dict[int, Group]) -> None:
        self.groups = groups
        self.group_ends = {g.end: g for g in groups.values()}
        self.inside = {k for g in groups.values() for k in range(g.start + 1, g.end)}

    def same_sentence(self, a: int, b: int) -> bool:
        return self.sentence[min(a, self.n - 1)] == self.sentence[min(b, self.n - 1)]

    def is_break(self, i: int) -> bool:
        return self.norms[i] in SENTENCE_END or "\n" in self.texts[i]


@Language.factory(
    "marsad_casualty_matcher",
    default_config={"lexicon_path": None},
    default_score_weights={"casualties_f": 1.0, "casualties_p": 0.0, "casualties_r": 0.0},
)
def make_casualty_matcher(nlp: Language, name: str, *, lexicon_path: str | None) -> "CasualtyMatcher":
    return CasualtyMatcher(nlp, name, lexicon_path=lexicon_path)


class CasualtyMatcher:
    """Finds casualty facts; writes `doc._.casualties` and `doc.spans["casualties"]`."""

    def __init__(self, nlp: Language, name: str = "marsad_casualty_matcher", *, lexicon_path: str | None = None) -> None:
        self.nlp = nlp
        self.name = name
        self.lexicon_path = lexicon_path
        self.lexicon: list[dict] = []
        self._matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        self._attrs: dict[str, tuple[str, dict]] = {}
        self._single: dict[str, list[tuple[str, dict]]] = {}

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        self.set_lexicon(read_jsonl(self.lexicon_path or "casualty_lexicon.jsonl"))

    def set_lexicon(self, records: list[dict]) -> None:
        self.lexicon = records
        self._matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._attrs = {}
        self._single = {}
        grouped: dict[str, list[Doc]] = defaultdict(list)
        for record in records:
            attrs = {k: v for k, v in record.items() if k not in ("kind", "phrase")}
            key = record["kind"] + "|" + "|".join(f"{k}={v}" for k, v in sorted(attrs.items()))
            self._attrs[key] = (record["kind"], attrs)
            phrases = [record["phrase"]]
            if (
                record["kind"] in ("victim_noun", "victim_trigger")
                and not record["phrase"].startswith("ال")
                and (record.get("number") != "sg" or record.get("definite"))
            ):
                # "الصحافيين" in "ثلاثة من الصحافيين", "الجندي" in "مقتل الجندي"; not
                # "الإرهابي", an adjective in "التفجير الإرهابي"
                phrases.append("ال" + record["phrase"])
            for phrase in phrases:
                pattern = normalize_doc(self.nlp.make_doc(phrase))
                grouped[key].append(pattern)
                if len(pattern) == 1 and record["kind"] in ("victim_noun", "victim_trigger", "unit"):
                    self._single.setdefault(pattern[0].norm_, []).append((record["kind"], attrs))
        for key, docs in grouped.items():
            self._matcher.add(key, docs)

    # ------------------------------------------------------------------ matching
    def __call__(self, doc: Doc) -> Doc:
        facts = self.find_facts(doc)
        doc.spans[SPAN_KEY] = [Span(doc, f.start, f.end, label=f.status) for f in facts]
        doc._.casualties = [self._to_dict(doc, f) for f in facts]
        return doc

    def find_facts(self, doc: Doc) -> list[Fact]:
        if len(doc) == 0:
            return []
        ctx = _Context(doc, self._cues)
        ctx.set_groups(self._groups(ctx))
        cues, norms, n = ctx.cues, ctx.norms, ctx.n
        facts: list[Fact] = []
        orphans: list[Group] = []
        # (status, token index of the last trigger or fact, whether an action or toll opened it)
        active: tuple[str, int, bool] | None = None
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
                found = self._toll_facts(ctx, toll)
                if found:
                    facts.extend(found)
                    last_fact = found[-1]
                    active = (found[-1].status, found[-1].end, True)
                    breakdown_of = None
                i = toll.end
                continue
            cue = cues["action"].get(i)
            if cue is not None and i not in ctx.inside:
                found = self._action_facts(ctx, cue)
                if found:
                    facts.extend(found)
                    last_fact = found[-1]
                breakdown_of = None
                status = found[-1].status if found else cue.attrs["status"]
                active = (status, max([cue.end] + [f.end for f in found]), True)
                i = cue.end
                continue
            if i in cues["breakdown"] and last_fact is not None and ctx.same_sentence(i, last_fact.start) \
                    and 0 <= i - last_fact.end <= 2:
                breakdown_of = last_fact  # "مقتل 7 أشخاص بينهم مدير المدرسة وثلاثة أطفال"
            group = ctx.groups.get(i)
            if group is None and breakdown_of is not None and i > 0 and norms[i - 1] == "و":
                group = self._bare_group(ctx, i)  # "بينهم 5 أطفال وامرأة"
            if group is not None and not group.used:
                if group.status is None and last_fact is not None and (
                    self._is_breakdown(ctx, i, last_fact)
                    or (breakdown_of is last_fact and i > 0 and norms[i - 1] == "و" and ctx.same_sentence(i, last_fact.start))
                ):
                    last_fact.includes.append(group)
                    group.used = True
                    breakdown_of = last_fact
                elif group.status is not None or group.statuses:
                    breakdown_of = None
                    if group.standalone and group.number == "sg" and not self._single_allowed(ctx, group):
                        i = group.end
                        continue
                    if group.standalone and group.count is None and norms[group.start].startswith("ال") \
                            and group.side_actor is None:
                        i = group.end  # "اللهم ارحم الشهداء", "علاج الجرحى": no event
                        continue
                    found = self._group_facts(group, group.status, group.start, group.start)
                    facts.extend(found)
                    last_fact = found[-1]
                    active = (found[-1].status, group.end, False)
                elif (
                    active is not None
                    and (active[2] or group.status is not None)  # "28 ألف قتيل و700 ألف نازح": not carried
                    and (group.count is not None or group.anaphor)
                    and i - active[1] <= CARRY_WINDOW
                    and ctx.same_sentence(i, max(active[1] - 1, 0))
                    and self._after_connector(ctx, i)
                    # a bare number is carried only straight after "و" and a counted fact
                    and (
                        group.victims_start is not None
                        or group.side_actor is not None
                        or (norms[i - 1] == "و" and last_fact is not None and last_fact.group.count is not None)
                    )
                ):
                    breakdown_of = None
                    fact = Fact(active[0], group, group.start, group.end)
                    group.used = True
                    facts.append(fact)
                    last_fact = fact
                    active = (active[0], group.end, active[2])
                else:
                    orphans.append(group)
                i = group.end
                continue
            i += 1
        all_groups = sorted(list(ctx.groups.values()) + orphans, key=lambda g: g.start)
        facts.sort(key=lambda f: f.start)
        for index, fact in enumerate(facts):
            self._attach_context(ctx, fact, facts[index - 1] if index else None, all_groups)
        self._share_coordinated_sides(ctx, facts)
        facts = [f for f in facts if not f.hypothetical]
        facts = _merge_duplicates(ctx, facts)
        _merge_orphans(ctx, facts, orphans)
        return facts

    def _cues(self, doc: Doc, norms: list[str]) -> dict[str, dict[int, Cue]]:
        """Lexicon matches by kind and start token; the longest wins at a start."""
        by_kind: dict[str, dict[int, Cue]] = {kind: {} for kind in LEXICON_KINDS}
        strings = doc.vocab.strings
        for match_id, start, end in self._matcher(doc):
            kind, attrs = self._attrs[strings[match_id]]
            current = by_kind[kind].get(start)
            if current is None or end - start > current.end - current.start:
                by_kind[kind][start] = Cue(kind, start, end, attrs)
        # "قتيلاً." keeps its full stop as one token: read the word without it
        for i, norm in enumerate(norms):
            if len(norm) > 2 and norm[-1] == "." and norm[:-1] in self._single:
                for kind, attrs in self._single[norm[:-1]]:
                    by_kind[kind].setdefault(i, Cue(kind, i, i + 1, attrs))
        # "استشهد برأي" (cited), "أصيب بخيبة أمل": look like triggers, are not
        for cue in by_kind["not_trigger"].values():
            for k in range(cue.start, cue.end):
                for kind in ("action", "victim_trigger", "victim_noun", "toll"):
                    by_kind[kind].pop(k, None)
        return by_kind

    # ------------------------------------------------------------------ count groups
    def _groups(self, ctx: _Context) -> dict[int, Group]:
        """Count groups by start token."""
        groups: dict[int, Group] = {}
        i = 0
        while i < ctx.n:
            group = self._group_at(ctx, i)
            if group is not None:
                groups[group.start] = group
                i = group.end
            else:
                i += 1
        return groups

    def _victims_at(self, ctx: _Context, j: int, nisba: bool = False) -> Cue | None:
        if j >= ctx.n:
            return None
        cue = ctx.cues["victim_noun"].get(j) or ctx.cues["victim_trigger"].get(j)
        if cue is None and nisba and _is_people_nisba(ctx, j):
            # "أكثر من عشرين مصريا", "3 يمنيين": a nisba after a number names people
            cue = Cue("victim_noun", j, j + 1, {"victim_type": "unknown", "number": "pl"})
        return cue

    def _group_at(self, ctx: _Context, i: int) -> Group | None:
        cues, norms, n = ctx.cues, ctx.norms, ctx.n
        qualifier = None
        start = i
        qual = cues["qualifier_before"].get(i)
        if qual is not None:
            qualifier = qual.attrs["qualifier"]
            i = qual.end
        if i >= n:
            return None
        quantity = _read_count(norms, i, ctx)
        if quantity is None:
            if qualifier is None and i in ctx.ends["breakdown"]:
                # A bare noun in a breakdown: "بينهم طفلان" = 2, "بينهم امرأة" = 1
                group = self._bare_group(ctx, i)
                if group is not None:
                    return group
            # A victim trigger on its own: "جريحين", "قتلى"
            vt = cues["victim_trigger"].get(i)
            if vt is None or qualifier is not None:
                return None
            count = NUMBER_COUNTS.get(vt.attrs["number"])
            group = Group(i, vt.end, count, "exact" if count else "vague", count, count, i, vt.end, "unknown", vt.attrs["status"])
            group.number = vt.attrs["number"]
            group.standalone = not vt.attrs.get("alone", False)
            self._combine(ctx, group, vt.attrs["status"])
            return self._with_side(ctx, group)
        j = i + quantity.n_words
        if j < n and j in cues["unit"]:
            return None  # "3 أشهر", "16 غارة", "5 صواريخ": not people
        victims = None
        actor_here = None
        anaphor = j < n and norms[j] in ANAPHORS
        of = False
        if not anaphor:
            if j < n and norms[j] == "من":
                of = True
                if quantity.vague or self._victims_at(ctx, j + 1) is not None:
                    j += 1  # "عشرات من المدنيين", "ثلاثة من الصحافيين"
                    of = False
            victims = self._victims_at(ctx, j, nisba=(j == i + quantity.n_words))
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
        group = Group(
            start,
            end,
            quantity.value,
            qualifier or "exact",
            quantity.low,
            quantity.high,
            victims_start,
            victims_end,
            vtype,
            status,
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
            self._combine(ctx, group, group.status)
        if actor_here is not None and victims is None:
            group.side_actor = _side(actor_here["text"], actor_here)
        group = self._with_side(ctx, group)
        if of and qualifier is None and group.side_actor is None:
            return None  # "5 من" followed by neither victims nor a side
        return group

    def _combine(self, ctx: _Context, group: Group, status: str | None) -> None:
        """A total over statuses: "400 قتيل وجريح", "90 مدنيا بين قتيل وجريح"."""
        cues, norms, n = ctx.cues, ctx.norms, ctx.n
        j = group.end
        statuses = [status] if status else []
        if not statuses:
            if j < n and norms[j] in COMBINE_WORDS and cues["victim_trigger"].get(j + 1):
                first = cues["victim_trigger"][j + 1]
                statuses = [first.attrs["status"]]
                j = first.end
            else:
                return
        while j + 1 < n and norms[j] in ("و", "او") and cues["victim_trigger"].get(j + 1):
            nxt = cues["victim_trigger"][j + 1]
            if nxt.attrs["status"] in statuses:
                break
            statuses.append(nxt.attrs["status"])
            j = nxt.end
        if len(statuses) > 1:
            group.statuses = tuple(statuses)
            group.status = statuses[0]
            group.end = j
            group.count = None
            group.qualifier = "vague"

    def _bare_group(self, ctx: _Context, i: int) -> Group | None:
        """A singular or dual victim noun with no number: "مدني", "جنديين", "امرأة واحدة"."""
        noun = ctx.cues["victim_noun"].get(i)
        if noun is None or noun.attrs["number"] not in NUMBER_COUNTS:
            return None
        count = NUMBER_COUNTS[noun.attrs["number"]]
        group = Group(i, noun.end, count, "exact", count, count, i, noun.end, noun.attrs["victim_type"])
        group.number = noun.attrs["number"]
        group.force = noun.attrs.get("force")
        if group.end < ctx.n:
            adjective = _read_count(ctx.norms, group.end)
            if adjective is not None and adjective.value == count and adjective.n_words == 1:
                group.end += 1  # "امرأة واحدة", "طفلين اثنين"
        return self._with_side(ctx, group)

    def _with_side(self, ctx: _Context, group: Group) -> Group:
        """Extend the group over its side: "من قوات النظام والمسلحين الموالين لها",
        "مسلحا حوثيا", "جنود ليبيين من قوات الحكومة", "في صفوف الحوثيين"."""
        if group.side_actor is not None:
            return group
        norms, n, cues, actors = ctx.norms, ctx.n, ctx.cues, ctx.actors
        if group.victims_start is not None:
            # An actor alias that includes the victims noun: "جنود سعوديين"
            actor = actors.get(group.victims_start)
            if actor is not None and actor["end"] >= group.victims_end:
                group.side_actor = _side(actor["text"], actor)
                group.end = max(group.end, actor["end"])
                _type_from_side(group, actor)
                return group
        j = group.end
        after = cues["qualifier_after"].get(j)
        if after is not None:
            if group.qualifier == "exact":
                group.qualifier = after.attrs["qualifier"]
            j = after.end
        # nationality or other adjectives: "جنود ليبيين", "عنصرا آخر"
        k = j
        while k < n and k - j < 2 and k not in actors and _is_adjective(norms[k]) and not _is_cue(ctx, k):
            k += 1
        if k < n and (k in actors or norms[k] in ("من", "في")):
            j = k
        direct = actors.get(j)
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
            np_end = actor["end"] if actor else _np_end(ctx, j)
            if np_end is not None:
                group.side_actor = _side(ctx.doc[side_start:np_end].text, actor) if actor else \
                    {"text": ctx.doc[side_start:np_end].text, "actor_id": None}
                if group.victim_type == "unknown":
                    group.victim_type = "combatant"
                group.end = max(group.end, np_end)
            return group
        if direct is None:
            if j >= n or norms[j] not in ("من", "في"):
                return group
            j = _skip_quotes(ctx, j + 1)
            side_start = j
            if j in cues["side_pronoun"]:
                # "5 من جنوده": the possessor is the actor named last before
                owner = next((ctx.actor_at[k] for k in range(group.start - 1, max(-1, group.start - 20), -1)
                              if k in ctx.actor_at and ctx.same_sentence(k, j)), None)
                if owner is not None:
                    group.side_actor = _side(owner["text"], owner)
                    _type_from_side(group, owner)
                    group.end = max(group.end, cues["side_pronoun"][j].end)
                return group
            for _ in range(2):  # "من عناصر تنظيم ” داعش ”"
                noun = cues["side_noun"].get(j)
                if actors.get(j) is not None or noun is None or noun.end - j > 2:
                    break
                j = _skip_quotes(ctx, noun.end)
            actor = actors.get(j)
            if actor is None and j < n and ctx.doc[j].text == "#":
                actor = actors.get(j + 1)
            if actor is None:
                # A side the knowledge base does not know: "من عناصر حرس الحدود", "من عناصر
                # التمرد"; without a side noun only state forces: "أربعة عناصر من الشرطة"
                np_end = _np_end(ctx, j)
                if np_end is not None and j == side_start and not any(
                    k in ctx.cues["state_word"] for k in range(j, np_end)
                ) and not (group.victim_type == "combatant" and not _overlaps_place(ctx, j, np_end)):
                    np_end = None  # but fighters "من المعارضة السورية" name their side
                if np_end is None:
                    return group
                group.side_actor = {"text": ctx.doc[side_start:np_end].text, "actor_id": None}
                if group.victim_type == "unknown":
                    group.victim_type = "combatant"
                group.end = max(group.end, np_end)
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
        group.side_actor = _side(ctx.doc[side_start:side_end].text, actor)
        _type_from_side(group, actor)
        group.end = max(group.end, side_end)
        return group

    # ------------------------------------------------------------------ facts from triggers
    def _group_facts(self, group: Group, status: str, trigger_start: int, trigger_end: int) -> list[Fact]:
        group.used = True
        if group.statuses:
            facts = []
            for s in group.statuses:
                copy = Group(**{**vars(group), "count": None, "low": None, "high": None, "qualifier": "vague"})
                facts.append(Fact(s, copy, trigger_start, trigger_end))
            return facts
        return [Fact(status, group, trigger_start, trigger_end)]

    def _action_facts(self, ctx: _Context, cue: Cue) -> list[Fact]:
        if cue.attrs.get("person"):
            # "وقتله أكثر من عشرين مصريا": the pronoun is the agent when a count follows
            j = cue.end
            while j < ctx.n and j in ctx.cues["filler"]:
                j = ctx.cues["filler"][j].end
            group = ctx.groups.get(j)
            if group is not None and not group.used and group.count is not None and group.status is None:
                return self._take(ctx, cue, group)
            fact = self._person_trigger_fact(ctx, cue)
            return [fact] if fact else []
        second = ctx.cues["action"].get(cue.end + 1) if cue.end + 1 < ctx.n and ctx.norms[cue.end] == "و" else None
        if (
            second is not None
            and second.attrs["status"] != cue.attrs["status"]
            and not second.attrs.get("person")
            and (
                cue.attrs.get("pos") == "noun"
                # a verb only at the head of its clause: "وقد قتل وجرح نحو 50", not "جنديا تركيا قتل وأصيب آخر"
                or (cue.attrs.get("number") == "sg" and (cue.start == 0 or ctx.norms[cue.start - 1] in CLAUSE_HEADS
                                                         or ctx.is_break(cue.start - 1)))
            )
        ):
            # "مقتل وإصابة 20 شخصا": one total over two statuses, vague for each
            found = self._facts_after(ctx, second)
            if found:
                group = found[0].group
                group.statuses = (cue.attrs["status"], second.attrs["status"])
                return self._group_facts(group, cue.attrs["status"], cue.start, second.end)
        found = self._facts_after(ctx, cue)
        if found:
            return found
        before = self._facts_before(ctx, cue)
        if before:
            return before
        fact = self._person_fact(ctx, cue) or self._subject_fact(ctx, cue)
        return [fact] if fact else []

    def _take(self, ctx: _Context, cue: Cue, group: Group, agent: dict | None = None) -> list[Fact]:
        status = cue.attrs["status"]
        if group.status is not None and cue.attrs.get("neutral"):
            status = group.status  # "سقوط 20 جريحا"
        if group.count is None and group.qualifier != "vague" and group.victims_start is not None and not group.anaphor:
            number = _noun_number(ctx.cues, group.victims_start)
            group.count = group.low = group.high = NUMBER_COUNTS.get(number)
            if group.count is None:
                group.qualifier = "vague"
        facts = self._group_facts(group, status, cue.start, cue.end)
        for fact in facts:
            fact.agent = agent
        return facts

    def _facts_after(self, ctx: _Context, cue: Cue) -> list[Fact]:
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
                quantity = _read_count(norms, j, ctx)
                if quantity is not None and self._bare_count_ends(ctx, j + quantity.n_words):
                    qualifier = "vague" if quantity.vague else "exact"
                    group = Group(j, j + quantity.n_words, quantity.value, qualifier, quantity.low, quantity.high)
                    self._combine(ctx, group, None)  # "سقط المئات بين قتيل وجريح"
                    group = self._with_side(ctx, group)
            if group is not None:
                if group.used:
                    return []
                return self._take(ctx, cue, group, agent)
            if _skippable(norms[j]) or j in cues["filler"] or ctx.texts[j] in QUOTES:
                j = cues["filler"][j].end if j in cues["filler"] else j + 1
                continue
            if verb and agent is None:
                agent_end = _agent_end(ctx, j)
                if agent_end is not None:
                    # "أعدم تنظيم داعش 23 شخصا": the agent stands between verb and count
                    agent = ctx.actor_at[agent_end - 1]
                    j = agent_end
                    steps += 1
                    continue
                group = self._after_agent_phrase(ctx, j)
                if group is not None:
                    # "اعتقلت قوات الأمن 25 شخصا": an agent the knowledge base does not know
                    return self._take(ctx, cue, group)
            # A bare victim noun after the trigger: "مقتل مدني" = 1, "إصابة جنديين" = 2
            noun = cues["victim_noun"].get(j)
            if noun is not None and not cue.attrs.get("neutral"):
                group = self._noun_group(ctx, noun)
                return self._take(ctx, cue, group, agent)
            if cue.attrs.get("neutral") and steps < 2 and norms[j] not in PREPOSITIONS:
                # "سقط الجندي قتيلا"
                j += 1
                steps += 1
                continue
            if verb and norms[j] in PP_HEADS:
                group = self._subject_after_pp(ctx, j)
                if group is not None:
                    return self._take(ctx, cue, group, agent)
            return []
        return []

    def _after_agent_phrase(self, ctx: _Context, j: int) -> Group | None:
        """The count after a definite agent phrase of up to three words ("الشرطة", "قوات الأمن")."""
        for k in range(j, min(ctx.n, j + 4)):
            group = ctx.groups.get(k)
            if k > j and group is not None:
                if group.used or group.status is not None or (group.count is None and not group.anaphor):
                    return None
                return group if group.victims_start is not None or group.anaphor else None
            norm = ctx.norms[k]
            if not ctx.doc[k].is_alpha or _is_cue(ctx, k) or not (norm.startswith("ال") or k in ctx.cues["side_noun"]):
                return None
        return None

    def _bare_count_ends(self, ctx: _Context, k: int) -> bool:
        """A number right after a trigger is a count unless a non-human noun follows it:
        "مقتل 5 وإصابة 10", not "أصابت خمس وحدات", "قتل 3 أيام"."""
        return k >= ctx.n or k not in ctx.cues["unit"]

    def _noun_group(self, ctx: _Context, noun: Cue) -> Group:
        """Group of a bare victim noun, with a number adjective after it: "عسكريين آخرين اثنين"."""
        norms, n = ctx.norms, ctx.n
        count = NUMBER_COUNTS.get(noun.attrs["number"])
        end = noun.end
        k = end
        if k < n and norms[k] in OTHERS:
            k += 1
        adjective = _read_count(norms, k) if k < n else None
        if adjective is not None and not adjective.vague and adjective.n_words <= 2 and (count is None or count == adjective.value):
            count = adjective.value
            end = k + adjective.n_words
        group = Group(noun.start, end, count, "exact" if count else "vague", count, count,
                      noun.start, noun.end, noun.attrs["victim_type"])
        group.number = noun.attrs["number"]
        group.force = noun.attrs.get("force")
        group = self._with_side(ctx, group)
        group.used = True
        return group

    def _subject_after_pp(self, ctx: _Context, j: int) -> Group | None:
        """The subject of a passive verb after a prepositional phrase: "قتل في الهجوم 5 جنود"."""
        norms = ctx.norms
        for k in range(j + 1, min(ctx.n, j + PP_WINDOW)):
            if ctx.is_break(k) or norms[k] in PUNCT or k in ctx.cues["action"] or norms[k] == "و":
                return None
            group = ctx.groups.get(k)
            if group is not None:
                if group.used or (group.count is None and group.qualifier != "vague") or group.victims_start is None \
                        or group.status is not None:
                    return None
                return group
        return None

    def _facts_before(self, ctx: _Context, cue: Cue) -> list[Fact]:
        """Subjects before a verb, one fact each: "25 حوثيا و10 من رجال المقاومة سقطوا قتلى"."""
        if cue.start > 0 and ctx.norms[cue.start - 1] in MASDAR_BEFORE:
            return []  # "أقدم على قتل", "بعد قتل": a verbal noun, not a verb
        fact = self._fact_before(ctx, cue)
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

    def _framed_subject(self, ctx: _Context, cue: Cue) -> Fact | None:
        """"لقي 4 من القيادات الحوثية في محافظة إب، مصرعهم": the subject follows "لقي"."""
        for k in range(cue.start - 1, max(-1, cue.start - LONG_BACKWARD_WINDOW - 1), -1):
            if ctx.is_break(k) or k in ctx.cues["action"]:
                return None
            if ctx.norms[k] in FRAME_VERBS:
                for j in range(k + 1, min(cue.start, k + 3)):
                    group = ctx.groups.get(j)
                    if group is not None and not group.used and group.count is not None and group.status is None:
                        group.used = True
                        return Fact(cue.attrs["status"], group, cue.start, cue.end)
                return None
        return None

    def _fact_before(self, ctx: _Context, cue: Cue) -> Fact | None:
        """Subject before a verb: "25 عنصرا قتلوا", "جنديين ليبيين قتلا", "خمسة منهم قتلوا"."""
        if cue.attrs.get("pos") == "noun":
            return None
        if cue.attrs.get("frame"):
            fact = self._framed_subject(ctx, cue)
            if fact is not None:
                return fact
        norms = ctx.norms
        number = cue.attrs.get("number")
        window = LONG_BACKWARD_WINDOW if number in ("pl", "dual") else BACKWARD_WINDOW
        for k in range(cue.start, max(-1, cue.start - window - 1), -1):
            if k < cue.start and (ctx.is_break(k) or k in ctx.cues["action"]):
                return None
            if k < cue.start and cue.start - k > BACKWARD_WINDOW and norms[k] in PUNCT:
                return None
            group = ctx.group_ends.get(k)
            if group is not None:
                if group.used or group.status is not None:
                    return None
                if group.count is None and not group.anaphor:
                    return None
                if group.victims_start is None and not group.anaphor:
                    return None
                group.used = True
                fact = Fact(cue.attrs["status"], group, cue.start, cue.end)
                self._breakdown_head(ctx, fact)
                return fact
            if k < cue.start and cue.start - k <= 3 and number in NUMBER_COUNTS:
                noun = ctx.cues["victim_noun"].get(k)
                if noun is not None and noun.attrs["number"] == number and k not in ctx.inside \
                        and all(_describes(ctx, m) for m in range(noun.end, cue.start)):
                    # "جنديين ليبيين قتلا": a bare noun agreeing with the verb
                    group = self._noun_group(ctx, noun)
                    return Fact(cue.attrs["status"], group, cue.start, cue.end)
        return None

    def _breakdown_head(self, ctx: _Context, fact: Fact) -> None:
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
            for k in range(cue_start, max(-1, cue_start - 5), -1):  # "خمسة عناصر مفترضين من تنظيم القاعدة من بينهم"
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

    def _person_trigger_fact(self, ctx: _Context, cue: Cue) -> Fact | None:
        """A trigger that names its victims: "مقتله" = 1, "مقتلهما" = 2, "الشهيد فلان" = 1."""
        count = NUMBER_COUNTS.get(cue.attrs.get("number", "sg"))
        if count is None:
            return None
        if cue.start in ctx.ends["named_after"]:
            return None  # "مستشفى الشهيد فلان": named after a martyr
        if cue.attrs["status"] == "injured" and not self._wounded(ctx, cue.end):
            return None  # "غاب عن التدريب بسبب إصابته في مباراة": not a wound of violence
        if ctx.doc[cue.end - 1].text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ة"):
            return None  # "قتلة" (killers) normalises like "قتله"
        nxt = cue.end
        if nxt < ctx.n and (ctx.norms[nxt] in DEMONSTRATIVES or nxt in ctx.groups or nxt in ctx.cues["victim_noun"]):
            return None  # "بقتلها هذا القيادي": the pronoun is the agent (but "قتله تنظيم داعش")
        end = cue.end
        if cue.attrs.get("named"):
            end = self._name_end(ctx, cue.end, cue.end)  # "الشهيد ناصر العلي"
        group = Group(cue.start, end, count, "exact", count, count, cue.start, end, "unknown")
        group.person = True
        group.used = True
        return Fact(cue.attrs["status"], group, cue.start, cue.end)

    def _wounded(self, ctx: _Context, j: int) -> bool:
        """A wound or an attack within a few tokens: "بجروح", "برصاص", "في قصف"."""
        for k in range(j, min(ctx.n, j + 5)):
            if ctx.is_break(k):
                return False
            if k in ctx.cues["wound"] or k in ctx.cues["perpetrator_cue"]:
                return True
        return False

    def _name_end(self, ctx: _Context, start: int, limit_from: int) -> int:
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
            and norms[end] not in NAME_STOP
            and not _is_cue(ctx, end)
            and end not in ctx.actors
        ):
            end += 1
        return end

    def _person_fact(self, ctx: _Context, cue: Cue) -> Fact | None:
        """A named single victim: "مقتل العميد فلان", "مقتل أبو عمر الشامي"."""
        j = cue.end
        if j < ctx.n and ctx.texts[j] in QUOTES:
            j += 1
        if j >= ctx.n:
            return None
        doc, norms = ctx.doc, ctx.norms
        title = ctx.cues["person_title"].get(j)
        person_end = None
        if title is not None:
            person_end = title.end
            while person_end < ctx.n and person_end - title.end < 3 and doc[person_end].is_alpha and norms[person_end] not in NAME_STOP:
                if person_end in ctx.actors:
                    break
                person_end += 1
        elif norms[j] in ("ابو", "ابي", "ابا", "ام") and j + 1 < ctx.n and doc[j + 1].is_alpha and not _is_cue(ctx, j + 1):
            person_end = self._name_end(ctx, j + 1, j + 1)  # kunya: "أبو خليل السوداني"
        elif doc[j].ent_type_ in ("PERS", "PER", "PERSON"):
            person_end = j
            while person_end < ctx.n and doc[person_end].ent_type_ == doc[j].ent_type_:
                person_end += 1
        if person_end is None or person_end <= j:
            return None
        if cue.attrs["status"] == "injured" and not self._wounded(ctx, person_end):
            return None  # "بعد إصابة قائد الدفاع بقطع في الرباط": a sports injury
        group = Group(j, person_end, 1, "exact", 1, 1, j, person_end, "unknown")
        group.person = True
        group.used = True
        return Fact(cue.attrs["status"], group, cue.start, cue.end)

    def _subject_fact(self, ctx: _Context, cue: Cue) -> Fact | None:
        """A singular verb with nothing after it: its subject is one person ("محسن الفضلي قتل في ضربة")."""
        if cue.attrs.get("pos") != "verb" or cue.attrs.get("number", "sg") != "sg" or cue.start == 0:
            return None
        if ctx.norms[cue.start - 1] in MASDAR_BEFORE:
            return None
        norms, doc = ctx.norms, ctx.doc
        if cue.end < ctx.n:
            nxt = norms[cue.end]
            if not (nxt in PREPOSITIONS or nxt in PUNCT or ctx.is_break(cue.end) or cue.end in ctx.cues["filler"]
                    or cue.end in ctx.cues["wound"] or nxt.endswith("ا") and not _read_count(norms, cue.end)):
                return None
        if cue.attrs["status"] == "injured" and not self._wounded(ctx, cue.end):
            return None
        prev = cue.start - 1
        if not doc[prev].is_alpha or norms[prev] in SUBJECT_STOP or prev in ctx.actor_at or _is_cue(ctx, prev):
            return None
        if prev in ctx.cues["named_after"] or prev in ctx.ends["named_after"]:
            return None
        if prev in ctx.inside or prev + 1 in ctx.group_ends:
            return None
        start = prev
        while start - 1 >= 0 and prev - start < 3 and doc[start - 1].is_alpha and norms[start - 1] not in SUBJECT_STOP \
                and (start - 1) not in ctx.actor_at and not _is_cue(ctx, start - 1):
            start -= 1
        group = Group(start, prev + 1, 1, "exact", 1, 1, start, prev + 1, "unknown")
        group.person = True
        group.used = True
        return Fact(cue.attrs["status"], group, cue.start, cue.end)

    def _toll_facts(self, ctx: _Context, cue: Cue) -> list[Fact]:
        """A toll and its figure: "حصيلة القتلى ... بلغت 42 ألفا", "ارتفع عدد القتلى إلى 30",
        "بلغت حصيلة القتلى في صفوف قوات النظام 60 عنصرا"."""
        norms = ctx.norms
        # The side the toll names: "في صفوف مسلحي المعارضة", "عدد قتلى الحوثيين"
        probe = Group(cue.start, cue.end, None, "vague", None, None, victims_start=cue.start, victims_end=cue.end)
        self._with_side(ctx, probe)
        side = probe.side_actor
        if side is None and cue.end in ctx.actors:
            actor = ctx.actors[cue.end]
            side = _side(actor["text"], actor)
            probe.end = actor["end"]
        # With the link verb before the toll ("بلغ عدد القتلى ... 300"), the first count is the figure.
        linked = cue.start in ctx.ends["toll_link"]
        for j in range(probe.end, min(ctx.n, cue.end + TOLL_WINDOW)):
            if ctx.is_break(j) or j in ctx.cues["toll"]:
                return []
            if j in ctx.cues["action"] and not (j > 0 and norms[j - 1] in ("الذين", "الذي", "التي", "اللذين")):
                return []  # but "عدد الضحايا الذين قضوا ... إلى 178"
            link = ctx.cues["toll_link"].get(j)
            if link is None and j != probe.end and not linked:
                continue
            k = link.end if link is not None else j
            while k < ctx.n and k in ctx.cues["toll_link"]:
                k = ctx.cues["toll_link"][k].end  # "وصلت إلى"
            group = ctx.groups.get(k)
            if group is None:
                quantity = _read_count(norms, k, ctx)
                if quantity is None:
                    continue
                group = Group(k, k + quantity.n_words, quantity.value, "vague" if quantity.vague else "exact",
                              quantity.low, quantity.high)
            if group.used:
                return []
            if group.side_actor is None and side is not None:
                group.side_actor = side
            status = group.status or cue.attrs["status"]
            return self._group_facts(group, status, cue.start, cue.end)
        return []

    def _single_allowed(self, ctx: _Context, group: Group) -> bool:
        """A lone singular victim trigger ("شهيد") is a fact only when coordinated with a count."""
        k = group.end
        return k + 1 < ctx.n and ctx.norms[k] == "و" and (ctx.groups.get(k + 1) is not None)

    def _is_breakdown(self, ctx: _Context, i: int, last_fact: Fact) -> bool:
        """A group right after "بينهم"/"منهم" (one token may stand between) in the sentence of the fact."""
        for k in (i, i - 1):
            cue_start = ctx.breakdown_starts.get(k)
            if cue_start is not None and ctx.same_sentence(cue_start, i) and cue_start >= last_fact.start:
                return True
        return False

    def _after_connector(self, ctx: _Context, i: int) -> bool:
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

    # ------------------------------------------------------------------ context
    def _attach_context(self, ctx: _Context, fact: Fact, previous: Fact | None, all_groups: list[Group]) -> None:
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
        fact.perpetrator = _find_perpetrator(ctx, fact)
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
            and (_is_others(ctx.norms, group) or group.victims_start is None)
            and not group.person
        ):
            # "قتل 12 عنصرا ... وأصيب 20 آخرون", "قتل جنديان وأصيب خمسة": the same victims
            fact.victim_side = previous.victim_side
            if group.victim_type == "unknown":
                group.victim_type = previous.group.victim_type
        if group.person and fact.victim_side is None:
            fact.victim_side = self._person_side(ctx, fact)
        if fact.victim_side is None and group.force == "state":
            fact.victim_side = _state_side(ctx, fact)
        if fact.victim_side is None and (group.victim_type == "combatant" or group.victims_start is None or group.anaphor) \
                and not group.person:
            fact.victim_side = _target_side(ctx, fact)
        if fact.victim_side is not None and group.victim_type == "unknown":
            group.victim_type = "combatant"
        if fact.perpetrator is None and fact.agent is not None:
            fact.perpetrator = _side(fact.agent["text"], fact.agent)
        if fact.perpetrator and fact.victim_side and fact.perpetrator["actor_id"] == fact.victim_side["actor_id"]:
            fact.perpetrator = None
        fact.place = _find_place(ctx, fact)

    def _person_side(self, ctx: _Context, fact: Fact) -> dict | None:
        """The group a named victim belonged to: "أبو خليل "القائد في تنظيم القاعدة"",
        "قائد لواء النخبة الحوثي", "القيادي البارز في تنظيم القاعدة ... فلان"."""
        group = fact.group
        sent = ctx.sentence[fact.start]
        if group.start >= fact.trigger_end:
            # After the trigger: the name, then its description up to a comma.
            for k in range(group.start, min(ctx.n, group.end + 8)):
                if ctx.sentence[k] != sent or (k >= group.end and (ctx.norms[k] in PUNCT or _is_cue(ctx, k, ("action", "perpetrator_cue")))):
                    break
                actor = ctx.actors.get(k)
                if actor is not None:
                    return _side(actor["text"], actor)
                noun = ctx.cues["side_noun"].get(k)
                if noun is not None:
                    end = _np_end(ctx, noun.end)
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
        return _side(found["text"], found) if found else None

    def _share_coordinated_sides(self, ctx: _Context, facts: list[Fact]) -> None:
        """"استشهاد اثنين وإصابة أربعة من عناصر حرس الحدود": both facts are of the same side."""
        for a, b in zip(facts, facts[1:]):
            if a.victim_side is not None or a.group.victims_start is not None or b.victim_side is None:
                continue
            if b.trigger_start - a.group.end <= 1 and ctx.same_sentence(a.start, b.start) and b.trigger_start > a.group.end - 1:
                a.victim_side = b.victim_side
                if a.group.victim_type == "unknown":
                    a.group.victim_type = b.group.victim_type

    def _to_dict(self, doc: Doc, fact: Fact) -> dict:
        group = fact.group
        victims = doc[group.victims_start:group.victims_end].text if group.victims_start is not None else None
        return {
            "status": fact.status,
            "count": group.count,
            "qualifier": group.qualifier,
            "low": group.low,
            "high": group.high,
            "victim_type": group.victim_type,
            "victims": victims,
            "victim_side": fact.victim_side,
            "perpetrator": fact.perpetrator,
            "place": fact.place,
            "negated": fact.negated,
            "aggregate": fact.aggregate,
            "includes": [
                {"count": g.count, "who": doc[g.victims_start:g.victims_end].text if g.victims_start is not None else doc[g.start:g.end].text}
                for g in fact.includes
            ],
            "text": doc[fact.start:fact.end].text,
            "start_char": doc[fact.start].idx,
            "end_char": doc[fact.end - 1].idx + len(doc[fact.end - 1].text),
            "mentions": [[doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)] for s, e in sorted(fact.mentions or [(fact.start, fact.end)])],
        }

    def score(self, examples, **kwargs):
        from marsad.evaluation.scorers import score_casualties

        return score_casualties(examples)

    # Serialisation: the lexicon travels with the pipeline.
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"lexicon": self.lexicon})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "CasualtyMatcher":
        self.set_lexicon(srsly.msgpack_loads(data)["lexicon"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "lexicon.jsonl", self.lexicon)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = tuple()) -> "CasualtyMatcher":
        self.set_lexicon(list(srsly.read_jsonl(ensure_path(path) / "lexicon.jsonl")))
        return self


# ---------------------------------------------------------------------- helpers
def _read_count(norms: list[str], i: int, ctx: _Context | None = None) -> Quantity | None:
    quantity = read_quantity(norms, i)
    if quantity is None:
        return None
    # Years are not counts: "2015" (but "3600 آخرين" and "1916 قتيلا" are).
    if quantity.value is not None and 1900 <= quantity.value <= 2099 and norms[i].isdigit() and len(norms[i]) == 4:
        after = i + quantity.n_words
        if ctx is None or (after not in ctx.cues["victim_noun"] and after not in ctx.cues["victim_trigger"]):
            return None
    return quantity


def _skippable(norm: str) -> bool:
    return norm in ("عن", "الي", "من", "ما", "لا", "يقل", '"', "«", "»", "(", ")")


def _skip_quotes(ctx: _Context, j: int) -> int:
    while j < ctx.n and ctx.texts[j] in QUOTES:
        j += 1
    return j


def _is_cue(ctx: _Context, k: int, kinds: tuple = ("action", "victim_noun", "victim_trigger", "breakdown", "toll", "connector")) -> bool:
    return any(k in ctx.cues[kind] for kind in kinds)


def _describes(ctx: _Context, m: int) -> bool:
    """A token that may stand between a subject noun and its verb: "جنديين ليبيين قتلا",
    "الشاب الذي قتل", "عنصرين فقط لقيا حتفهما", "عنصرا في التنظيم قتل"."""
    norm = ctx.norms[m]
    return (
        _is_adjective(norm) or norm in RELATIVES or m in ctx.cues["filler"] or m in ctx.actor_at or ctx.texts[m] in QUOTES
        or (norm in ("في", "من", "ب") and m + 1 in ctx.actors)
    )


def _is_people_nisba(ctx: _Context, j: int) -> bool:
    norm = ctx.norms[j]
    if j in ctx.actors or j in ctx.actor_at or _is_cue(ctx, j) or j in ctx.cues["unit"] or norm in NISBA_STOP:
        return False
    if len(norm) < 5 or not norm.isalpha() or norm.startswith("ال"):
        return False
    return norm.endswith(("يين", "يون", "يا")) and not ctx.doc[j].ent_type_ == "LOC"


def _is_adjective(norm: str) -> bool:
    """A nisba adjective ("ليبيين", "حوثيا", "الإسبان" is not one) or "آخر"."""
    if norm in OTHERS:
        return True
    if len(norm) < 4 or norm in NISBA_STOP or not norm.isalpha():
        return False
    return norm.endswith(("يين", "يون", "يا", "يه", "ي", "يتين", "يان"))


def _side(text: str, actor: dict) -> dict:
    return {"text": text, "actor_id": actor["actor_id"]}


def _type_from_side(group: Group, actor: dict) -> None:
    if group.victim_type == "unknown":
        group.victim_type = "civilian" if actor.get("type") == "civilians" else "combatant"


def _is_others(norms: list[str], group: Group) -> bool:
    return group.victims_start is not None and norms[group.victims_start] in OTHERS


def _noun_number(cues, i: int) -> str | None:
    cue = cues["victim_noun"].get(i) or cues["victim_trigger"].get(i)
    return cue.attrs.get("number") if cue else None


def _actor_spans(doc: Doc) -> dict[int, dict]:
    """Actor spans by start token (from the actor ruler)."""
    spans = {}
    records = {(a["start_char"], a["end_char"]): a for a in (doc._.actors or [])}
    for span in doc.spans.get("actors", []):
        record = records.get((span.start_char, span.end_char))
        if record is None or span.label_ != "ACTOR":
            continue
        spans[span.start] = {
            "text": span.text,
            "actor_id": record["actor_id"],
            "type": record["type"],
            "start": span.start,
            "end": span.end,
        }
    return spans


def _find_perpetrator(ctx: _Context, fact: Fact) -> dict | None:
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
            if actor is not None and actor["actor_id"] != victim_id and not _is_target(ctx, j):
                return _side(actor["text"], actor)
    return None


def _state_side(ctx: _Context, fact: Fact) -> dict | None:
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
            return _side(best["text"], best)
        phrases = []
        for cue in ctx.in_sentence("side_noun", wanted):
            if cue.start in ctx.actor_at:
                continue
            end = _np_end(ctx, cue.end)
            if end is not None and any(k in ctx.cues["state_word"] for k in range(cue.end, end)):
                phrases.append((abs(cue.start - fact.start), cue.start, end))
        if phrases:
            _, start, end = min(phrases)
            return {"text": ctx.doc[start:end].text, "actor_id": None}
    return None


def _np_end(ctx: _Context, k: int, max_words: int = 4) -> int | None:
    """End of a definite noun phrase naming a group: "حرس الحدود", "التمرد", "موالية للحكومة"."""
    end = k
    definite = False
    while end < ctx.n and end - k < max_words:
        norm = ctx.norms[end]
        if norm == "ل" and end + 1 < ctx.n and ctx.norms[end + 1].startswith("ال"):
            end += 1  # "قوات للجيش"
            continue
        if not ctx.doc[end].is_alpha or norm in NAME_STOP or norm in PREPOSITIONS or norm in RELATIVES \
                or norm in NP_STOP or _is_cue(ctx, end):
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


def _target_side(ctx: _Context, fact: Fact) -> dict | None:
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
        end = _agent_end(ctx, k)
        if end is None:
            continue
        actor = ctx.actor_at[end - 1]
        if actor["actor_id"] == perpetrator or actor["type"] == "civilians":
            continue
        if best is None or cue.start > best[0]:
            best = (cue.start, actor)
    return _side(best[1]["text"], best[1]) if best else None


def _overlaps_place(ctx: _Context, start: int, end: int) -> bool:
    if ctx.place_tokens is None:
        ctx.place_tokens = set()
        for place in ctx.doc._.places or []:
            span = ctx.doc.char_span(place["start_char"], place["end_char"], alignment_mode="expand")
            if span is not None:
                ctx.place_tokens.update(range(span.start, span.end))
    return any(k in ctx.place_tokens for k in range(start, end))


def _is_target(ctx: _Context, j: int) -> bool:
    """An actor whose positions were hit: "تجمعات تنظيم داعش", "مواقع للحوثيين"."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if k in ctx.cues["target_noun"]:
            return True
        if not (k in ctx.cues["side_noun"] or ctx.norms[k] == "ل" or ctx.texts[k] in QUOTES):
            return False
    return False


def _agent_end(ctx: _Context, j: int) -> int | None:
    k = j
    for _ in range(2):
        noun = ctx.cues["side_noun"].get(k)
        if noun is None or k in ctx.actors:
            break
        k = _skip_quotes(ctx, noun.end)
    k = _skip_quotes(ctx, k)
    if k < ctx.n and ctx.norms[k] == "ل":
        k += 1  # "تجمع لإرهابيي داعش"
    actor = ctx.actors.get(k)
    if actor is None:
        return None
    return actor["end"]


def _find_place(ctx: _Context, fact: Fact) -> dict | None:
    doc = ctx.doc
    places = doc._.places or []
    if not places:
        return None
    sent = ctx.sentence[fact.start]
    start_char = doc[fact.start].idx
    candidates = []
    for place in places:
        token = doc.char_span(place["start_char"], place["end_char"], alignment_mode="expand")
        if token is None or ctx.sentence[token.start] != sent or _is_dateline(doc, place):
            continue
        # Prefer a place below country level, then one after the fact, then the nearest.
        distance = place["start_char"] - start_char
        candidates.append((_coarse(place), 0 if distance >= 0 else 1, abs(distance), place))
    if not candidates:
        return None
    best = min(candidates, key=lambda c: c[:3])[3]
    return {"text": best["text"], "geonameid": best.get("geonameid"), "precision": best.get("precision")}


def _coarse(place: dict) -> int:
    """A country is a poor event location when a town or province is named."""
    return 1 if (place.get("precision") or 1) >= 4 else 0


# A dateline ("حاتم العميري - سبق - مكة المكرمة:") names where the report was
# filed, not where the event happened.
DATELINE_CHARS = 80


def _is_dateline(doc: Doc, place: dict) -> bool:
    if place["start_char"] > DATELINE_CHARS:
        return False
    return doc.text[place["end_char"]:place["end_char"] + 3].lstrip().startswith(":")


def _side_key(fact: Fact) -> str | None:
    return fact.victim_side["actor_id"] if fact.victim_side else None


def _compatible(ctx: _Context, a: Fact, b: Fact) -> bool:
    if a.status != b.status or a.group.count is None or a.group.count != b.group.count:
        return False
    if a.negated != b.negated:
        return False
    # Neighbouring counts are different facts: "مقتل 11 من داعش و11 مدنيا".
    last_start, last_end = (a.mentions or [(a.start, a.end)])[-1]
    if ctx.same_sentence(last_start, b.start) and b.start - last_end <= MERGE_GAP:
        return False
    types = {a.group.victim_type, b.group.victim_type} - {"unknown"}
    if len(types) > 1:
        return False
    if a.group.count == 1 and not _same_person(ctx, a, b):
        return False
    side_a, side_b = _side_key(a), _side_key(b)
    return side_a is None or side_b is None or side_a == side_b


def _victim_words(ctx: _Context, fact: Fact) -> set[str]:
    g = fact.group
    if g.victims_start is None:
        return set()
    return {strip_article(w) for w in ctx.norms[g.victims_start:g.victims_end] if w.isalpha()}


def _is_pronoun(fact: Fact) -> bool:
    """"مقتله", "إصابتها": the trigger itself is the only mention of the victim."""
    return fact.group.person and fact.group.start == fact.trigger_start and fact.group.end == fact.trigger_end


def _same_person(ctx: _Context, a: Fact, b: Fact) -> bool:
    """One victim mentioned twice: the same name or noun ("قيادي"/"القيادي"), or a
    pronoun ("مقتله") that refers back to the victim before it."""
    if _is_pronoun(b):
        return a.start < b.start
    if _is_pronoun(a):
        return False
    words_a, words_b = _victim_words(ctx, a), _victim_words(ctx, b)
    return not words_a or not words_b or bool(words_a & words_b)


def _absorb(into: Fact, other: Fact) -> None:
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
    if into.place is None or (other.place and _coarse(into.place) > _coarse(other.place)):
        into.place = other.place or into.place
    into.includes = into.includes or other.includes
    into.aggregate = into.aggregate and other.aggregate


def _merge_duplicates(ctx: _Context, facts: list[Fact]) -> list[Fact]:
    merged: list[Fact] = []
    for fact in facts:
        target = next((m for m in merged if _compatible(ctx, m, fact)), None)
        if target is None:
            merged.append(fact)
        else:
            _absorb(target, fact)
    return merged


def _merge_orphans(ctx: _Context, facts: list[Fact], orphans: list[Group]) -> None:
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
        if _compatible(ctx, fact, orphan):
            _absorb(fact, orphan)
