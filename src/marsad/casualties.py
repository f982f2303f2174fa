"""The marsad_casualty_matcher component: killed, injured, captured and missing counts.

All casualty logic lives here; the words it reacts to live in
data/casualty_lexicon.jsonl (one rule per line: kind, phrase and attributes).

How a fact is found, in one sentence at a time:
- an *action* trigger ("مقتل", "أصيب", "اعتقال") opens a status; the count
  group after it ("25 عنصرا على الأقل من قوات النظام") or, for verbs, before it
  becomes a fact; further groups joined by "و"/"مقابل" take the same status;
- a *victim trigger* noun carries its own status ("10 قتلى", "جريحين");
- groups after "بينهم" become `includes` of the fact before them;
- a count group with no trigger is kept aside and merged into a fact of the
  same count (a headline repeated in the body);
- negation and cumulative-toll cues in the sentence set `negated`/`aggregate`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from . import extensions  # noqa: F401
from .normalizer import normalize_doc
from .numbers import Quantity, read_quantity
from .resources import read_jsonl

SPAN_KEY = "casualties"
STATUSES = ("killed", "injured", "captured", "missing")
QUALIFIERS = ("exact", "at_least", "about", "at_most", "vague")
LEXICON_KINDS = {
    "action": {"status"},
    "victim_trigger": {"status", "number"},
    "victim_noun": {"victim_type", "number"},
    "qualifier_before": {"qualifier"},
    "qualifier_after": {"qualifier"},
    "negation": set(),
    "aggregate": set(),
    "breakdown": set(),
    "perpetrator_cue": set(),
    "person_title": set(),
    "side_noun": set(),
    "connector": set(),
}
NUMBER_COUNTS = {"sg": 1, "dual": 2}
# How far (tokens) a trigger reaches for its count group, and a status carries on.
FORWARD_WINDOW = 4
BACKWARD_WINDOW = 4
CARRY_WINDOW = 14
PERPETRATOR_WINDOW = 12
SENTENCE_END = {".", "!", "?", "؟", "\n", "\n\n", "۔"}


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
    includes: list = field(default_factory=list)
    mentions: list = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(self.trigger_start, self.group.start)

    @property
    def end(self) -> int:
        return max(self.trigger_end, self.group.end)


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

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None) -> None:
        self.set_lexicon(read_jsonl(self.lexicon_path or "casualty_lexicon.jsonl"))

    def set_lexicon(self, records: list[dict]) -> None:
        self.lexicon = records
        self._matcher = PhraseMatcher(self.nlp.vocab, attr="NORM")
        self._attrs = {}
        grouped: dict[str, list[Doc]] = defaultdict(list)
        for record in records:
            attrs = {k: v for k, v in record.items() if k not in ("kind", "phrase")}
            key = record["kind"] + "|" + "|".join(f"{k}={v}" for k, v in sorted(attrs.items()))
            self._attrs[key] = (record["kind"], attrs)
            grouped[key].append(normalize_doc(self.nlp.make_doc(record["phrase"])))
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
        cues = self._cues(doc)
        norms = [t.norm_ for t in doc]
        sentence = _sentence_ids(doc)
        actors = _actor_spans(doc)
        groups = self._groups(doc, norms, cues, actors)
        facts: list[Fact] = []
        orphans: list[Group] = []
        active: tuple[str, int] | None = None  # (status, token index of last trigger or fact)
        last_fact: Fact | None = None
        i = 0
        while i < len(doc):
            cue = cues["action"].get(i)
            if cue is not None and not _inside_group(groups, i):
                status = cue.attrs["status"]
                fact = self._fact_after(doc, norms, cue, groups, cues, actors) or self._fact_before(cue, groups, sentence)
                if fact is None:
                    fact = self._person_fact(doc, cue, cues)
                if fact is not None:
                    facts.append(fact)
                    last_fact = fact
                active = (status, max(cue.end, fact.end if fact else cue.end))
                i = cue.end
                continue
            group = groups.get(i)
            if group is not None and not group.used:
                if self._is_breakdown(cues, i, last_fact, sentence):
                    last_fact.includes.append(group)
                    group.used = True
                elif group.status is not None:
                    fact = Fact(group.status, group, group.start, group.end)
                    group.used = True
                    facts.append(fact)
                    last_fact = fact
                    active = (group.status, group.end)
                elif (
                    active is not None
                    and group.count is not None
                    and i - active[1] <= CARRY_WINDOW
                    and sentence[i] == sentence[max(active[1] - 1, 0)]
                    and self._after_connector(cues, norms, i)
                ):
                    fact = Fact(active[0], group, group.start, group.end)
                    group.used = True
                    facts.append(fact)
                    last_fact = fact
                    active = (active[0], group.end)
                else:
                    orphans.append(group)
                i = group.end
                continue
            if norms[i] in SENTENCE_END:
                active = None
            i += 1
        previous = None
        for fact in facts:
            self._attach_context(doc, fact, cues, sentence, actors)
            if previous is not None and _is_others(norms, fact.group) and sentence[previous.start] == sentence[fact.start]:
                # "قتل 12 عنصرا ... وأصيب 20 آخرون": the others are of the same side
                fact.victim_side = fact.victim_side or previous.victim_side
                if fact.group.victim_type == "unknown":
                    fact.group.victim_type = previous.group.victim_type
            previous = fact
        facts = _merge_duplicates(facts)
        _merge_orphans(facts, orphans)
        return facts

    def _cues(self, doc: Doc) -> dict[str, dict[int, Cue]]:
        """Lexicon matches by kind and start token; the longest wins at a start."""
        by_kind: dict[str, dict[int, Cue]] = {kind: {} for kind in LEXICON_KINDS}
        strings = doc.vocab.strings
        for match_id, start, end in self._matcher(doc):
            kind, attrs = self._attrs[strings[match_id]]
            current = by_kind[kind].get(start)
            if current is None or end - start > current.end - current.start:
                by_kind[kind][start] = Cue(kind, start, end, attrs)
        return by_kind

    def _groups(self, doc: Doc, norms: list[str], cues, actors: dict[int, dict]) -> dict[int, Group]:
        """Count groups by start token."""
        groups: dict[int, Group] = {}
        i = 0
        n = len(doc)
        while i < n:
            group = self._group_at(doc, norms, i, cues, actors)
            if group is not None:
                groups[group.start] = group
                i = group.end
            else:
                i += 1
        return groups

    def _group_at(self, doc: Doc, norms: list[str], i: int, cues, actors) -> Group | None:
        qualifier = None
        start = i
        qual = cues["qualifier_before"].get(i)
        if qual is not None:
            qualifier = qual.attrs["qualifier"]
            i = qual.end
        if i >= len(doc):
            return None
        quantity = _read_count(norms, i)
        if quantity is None and qualifier is None and _ends_cue(cues["breakdown"], i):
            # A bare noun in a breakdown: "بينهم طفلان" = 2, "بينهم امرأة" = 1
            noun = cues["victim_noun"].get(i)
            if noun is not None and noun.attrs["number"] in NUMBER_COUNTS:
                count = NUMBER_COUNTS[noun.attrs["number"]]
                return Group(i, noun.end, count, "exact", count, count, i, noun.end, noun.attrs["victim_type"])
        if quantity is None:
            # A victim trigger on its own: "جريحين", "قتلى"
            vt = cues["victim_trigger"].get(i)
            if vt is None or qualifier is not None:
                return None
            count = NUMBER_COUNTS.get(vt.attrs["number"])
            group = Group(i, vt.end, count, "exact" if count else "vague", count, count, i, vt.end, "unknown", vt.attrs["status"])
            return self._with_side(doc, group, cues, actors)
        j = i + quantity.n_words
        if j < len(doc) and norms[j] == "من" and quantity.vague:
            j += 1  # "عشرات من المدنيين"
        victims = cues["victim_noun"].get(j) or cues["victim_trigger"].get(j)
        actor_here = actors.get(j)
        if victims is None and actor_here is None:
            if qualifier is None:
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
        if actor_here is not None and victims is None:
            group.side_actor = {"text": actor_here["text"], "actor_id": actor_here["actor_id"]}
        return self._with_side(doc, group, cues, actors)

    def _with_side(self, doc: Doc, group: Group, cues, actors) -> Group:
        """Extend the group over "من قوات النظام والمسلحين الموالين لها"."""
        if group.side_actor is not None:
            return group
        j = group.end
        after = cues["qualifier_after"].get(j)
        if after is not None:
            if group.qualifier == "exact":
                group.qualifier = after.attrs["qualifier"]
            j = after.end
        direct = actors.get(j)
        if direct is None:
            if j >= len(doc) or doc[j].norm_ not in ("من", "في"):
                return group
            j += 1
            side_start = j
            noun = cues["side_noun"].get(j)
            if actors.get(j) is None and noun is not None and noun.end - j <= 2:
                j = noun.end
            actor = actors.get(j)
            if actor is None and j < len(doc) and doc[j].text == "#":
                actor = actors.get(j + 1)
            if actor is None:
                return group
        else:
            side_start, actor = j, direct
        side_end = actor["end"]
        # Coordinated sides: "قوات النظام والمسلحين الموالين لها", "الفصائل المقاتلة وداعش"
        while side_end + 1 < len(doc) and doc[side_end].norm_ == "و" and actors.get(side_end + 1):
            side_end = actors[side_end + 1]["end"]
        group.side_actor = {"text": doc[side_start:side_end].text, "actor_id": actor["actor_id"]}
        if group.victim_type == "unknown":
            group.victim_type = "civilian" if actor.get("type") == "civilians" else "combatant"
        group.end = max(group.end, side_end)
        return group

    def _fact_after(self, doc: Doc, norms: list[str], cue: Cue, groups: dict[int, Group], cues, actors) -> Fact | None:
        for j in range(cue.end, min(cue.end + FORWARD_WINDOW, len(doc))):
            group = groups.get(j)
            if group is None:
                # A bare number right after the trigger: "مقتل 5 وإصابة 10"
                quantity = _read_count(norms, j)
                if quantity is not None:
                    qualifier = "vague" if quantity.vague else "exact"
                    group = Group(j, j + quantity.n_words, quantity.value, qualifier, quantity.low, quantity.high)
                    group = self._with_side(doc, group, cues, actors)
            if group is not None and not group.used:
                group.used = True
                if group.count is None and group.qualifier != "vague" and group.victims_start is not None:
                    number = _noun_number(cues, group.victims_start)
                    group.count = group.low = group.high = NUMBER_COUNTS.get(number)
                    if group.count is None:
                        group.qualifier = "vague"
                return Fact(cue.attrs["status"], group, cue.start, cue.end)
            if doc[j].norm_ in SENTENCE_END:
                return None
            if not _skippable(doc[j].norm_):
                # A bare victim noun after the trigger: "مقتل مدني" = 1, "إصابة جنديين" = 2
                noun = cues["victim_noun"].get(j)
                if noun is not None:
                    count = NUMBER_COUNTS.get(noun.attrs["number"])
                    group = Group(noun.start, noun.end, count, "exact" if count else "vague", count, count,
                                  noun.start, noun.end, noun.attrs["victim_type"])
                    group = self._with_side(doc, group, cues, actors)
                    group.used = True
                    return Fact(cue.attrs["status"], group, cue.start, cue.end)
                return None
        return None

    def _fact_before(self, cue: Cue, groups: dict[int, Group], sentence: list[int]) -> Fact | None:
        """Subject before a verb: "25 عنصرا قتلوا"."""
        for group in groups.values():
            if group.used or group.count is None or group.victims_start is None:
                continue
            if 0 <= cue.start - group.end <= BACKWARD_WINDOW and sentence[group.start] == sentence[cue.start]:
                group.used = True
                return Fact(cue.attrs["status"], group, cue.start, cue.end)
        return None

    def _person_fact(self, doc: Doc, cue: Cue, cues) -> Fact | None:
        """A named single victim: "مقتل العميد فلان", "مقتل أبو خليل السوداني"."""
        j = cue.end
        if j >= len(doc):
            return None
        title = cues["person_title"].get(j)
        person_end = None
        if title is not None:
            person_end = title.end
            while person_end < len(doc) and person_end - title.end < 3 and doc[person_end].is_alpha and doc[person_end].norm_ not in ("في", "من", "علي", "و"):
                person_end += 1
        elif doc[j].ent_type_ in ("PERS", "PER", "PERSON"):
            person_end = j
            while person_end < len(doc) and doc[person_end].ent_type_ == doc[j].ent_type_:
                person_end += 1
        if person_end is None:
            return None
        group = Group(j, person_end, 1, "exact", 1, 1, j, person_end, "unknown")
        group.used = True
        return Fact(cue.attrs["status"], group, cue.start, cue.end)

    def _is_breakdown(self, cues, i: int, last_fact: Fact | None, sentence: list[int]) -> bool:
        if last_fact is None:
            return False
        for cue in cues["breakdown"].values():
            if 0 <= i - cue.end <= 1 and sentence[cue.start] == sentence[i] and cue.start >= last_fact.start:
                return True
        return False

    def _after_connector(self, cues, norms: list[str], i: int) -> bool:
        for cue in cues["connector"].values():
            if 0 <= i - cue.end <= 1:
                return True
        return i > 0 and norms[i - 1] in (",", "،")

    def _attach_context(self, doc: Doc, fact: Fact, cues, sentence: list[int], actors: dict[int, dict]) -> None:
        sent = sentence[fact.start]
        fact.victim_side = fact.group.side_actor
        fact.negated = any(
            sentence[c.start] == sent and c.start < fact.start and fact.start - c.start <= 10
            for c in cues["negation"].values()
        )
        fact.aggregate = any(sentence[c.start] == sent for c in cues["aggregate"].values())
        fact.perpetrator = _find_perpetrator(doc, fact, cues, sentence, actors)
        fact.place = _find_place(doc, fact, sentence)

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
        from .scorers import score_casualties

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
def _read_count(norms: list[str], i: int) -> Quantity | None:
    quantity = read_quantity(norms, i)
    if quantity is None:
        return None
    # Years and dates are not counts: "2015", "14 تشرين".
    if quantity.value is not None and quantity.value >= 1900 and norms[i].isdigit() and len(norms[i]) == 4:
        return None
    return quantity


def _skippable(norm: str) -> bool:
    return norm in ("عن", "الي", "من", "ما", "لا", "يقل", '"', "«", "»", "(", ")")


OTHERS = {"اخر", "اخرين", "اخرون", "اخري", "اخريات"}


def _is_others(norms: list[str], group: Group) -> bool:
    return group.victims_start is not None and norms[group.victims_start] in OTHERS


def _ends_cue(cues: dict[int, Cue], i: int) -> bool:
    return any(cue.end == i for cue in cues.values())


def _inside_group(groups: dict[int, Group], i: int) -> bool:
    return any(g.start < i < g.end for g in groups.values())


def _noun_number(cues, i: int) -> str | None:
    cue = cues["victim_noun"].get(i) or cues["victim_trigger"].get(i)
    return cue.attrs.get("number") if cue else None


def _sentence_ids(doc: Doc) -> list[int]:
    ids = []
    current = 0
    for token in doc:
        ids.append(current)
        if token.norm_ in SENTENCE_END or "\n" in token.text:
            current += 1
    return ids


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


def _find_perpetrator(doc: Doc, fact: Fact, cues, sentence: list[int], actors: dict[int, dict]) -> dict | None:
    sent = sentence[fact.start]
    victim_id = fact.victim_side["actor_id"] if fact.victim_side else None
    lo = max(0, fact.start - PERPETRATOR_WINDOW)
    hi = min(len(doc), fact.end + PERPETRATOR_WINDOW)
    for cue in sorted(cues["perpetrator_cue"].values(), key=lambda c: abs(c.start - fact.end)):
        if not (lo <= cue.start < hi) or sentence[cue.start] != sent:
            continue
        for j in range(cue.end, min(cue.end + 5, len(doc))):
            actor = actors.get(j)
            if actor is not None and actor["actor_id"] != victim_id:
                return {"text": actor["text"], "actor_id": actor["actor_id"]}
    return None


def _find_place(doc: Doc, fact: Fact, sentence: list[int]) -> dict | None:
    places = doc._.places or []
    if not places:
        return None
    sent = sentence[fact.start]
    start_char = doc[fact.start].idx
    candidates = []
    for place in places:
        token = doc.char_span(place["start_char"], place["end_char"], alignment_mode="expand")
        if token is None or sentence[token.start] != sent:
            continue
        # Prefer the most precise place, then one after the fact, then the nearest.
        distance = place["start_char"] - start_char
        candidates.append((_coarse(place), 0 if distance >= 0 else 1, abs(distance), place))
    if not candidates:
        return None
    best = min(candidates, key=lambda c: c[:3])[3]
    return {"text": best["text"], "geonameid": best.get("geonameid"), "precision": best.get("precision")}


def _coarse(place: dict) -> int:
    """Countries and provinces are poor event locations when a town is named."""
    return 1 if (place.get("precision") or 1) >= 3 else 0


def _side_key(fact: Fact) -> str | None:
    return fact.victim_side["actor_id"] if fact.victim_side else None


def _compatible(a: Fact, b: Fact) -> bool:
    if a.status != b.status or a.group.count is None or a.group.count != b.group.count:
        return False
    if a.negated != b.negated:
        return False
    side_a, side_b = _side_key(a), _side_key(b)
    return side_a is None or side_b is None or side_a == side_b


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


def _merge_duplicates(facts: list[Fact]) -> list[Fact]:
    merged: list[Fact] = []
    for fact in facts:
        target = next((m for m in merged if _compatible(m, fact)), None)
        if target is None:
            merged.append(fact)
        else:
            _absorb(target, fact)
    return merged


def _merge_orphans(facts: list[Fact], orphans: list[Group]) -> None:
    """A count group with no trigger that repeats a fact's count enriches that fact."""
    for group in orphans:
        if group.count is None or group.victims_start is None:
            continue
        matches = [f for f in facts if f.group.count == group.count]
        if len(matches) != 1:
            continue
        fact = matches[0]
        orphan = Fact(fact.status, group, group.start, group.end, victim_side=group.side_actor)
        orphan.negated = fact.negated
        if _compatible(fact, orphan):
            _absorb(fact, orphan)
