"""Which knowledge-base actor a mention names: functions the ruler calls.

- `mention_date`: a year written in the mention's sentence that is older than
  the report dates the mention ("في عام 2013 قصفت قوات النظام ..." in a 2025
  report is the Assad-era army, not the loyalists of 2025);
- `resolve_generic`: a generic phrase ("التنظيم") names the owner mentioned
  nearest, else the owner operating in the text's country;
- `local_branch`: a global movement named where it has a branch is the branch;
- `national_forces`: a unit noun and a nationality adjective ("دورية تركية",
  "وزارة الدفاع التركية") name that country's army.
"""
from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right

import re

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from marsad.components.actors.kb import ACTOR_LABEL, Actor, ActorKB
from marsad.components.actors.setting import choose
from marsad.components.context import doc_context

QUOTES = {'"', "“", "”", "«", "»", "'"}
YEAR = re.compile(r"(?<![0-9])(19[89][0-9]|20[0-4][0-9])(?![0-9])")
SENTENCE_END = {".", "!", "?", "؟"}


def year_in_text(text: str) -> str | None:
    """The latest year written in a text, as a mid-year date (a report is never older than it)."""
    years = YEAR.findall(text)
    return f"{max(years)}-07-01" if years else None


def sentence_ids(doc: Doc) -> list[int]:
    """Sentence number of each token: sentences end at . ! ? and the Arabic question mark."""
    ids, current = [], 0
    for text in doc_context(doc).texts:
        ids.append(current)
        if text in SENTENCE_END:
            current += 1
    return ids


def sentence_years(doc: Doc, sentence_of: list[int]) -> dict[int, int]:
    """Sentence number -> the latest year written in it (YEAR only matches ASCII digits)."""
    years: dict[int, int] = {}
    for i, text in enumerate(doc_context(doc).texts):
        if YEAR.fullmatch(text):
            sid = sentence_of[i]
            years[sid] = max(years.get(sid, 0), int(text))
    return years


def mention_date(date: str | None, year: int | None) -> str | None:
    """The date that picks a mention's identity: the report's, unless its sentence narrates an older year."""
    if year is None or date is None or year >= int(date[:4]):
        return date
    return f"{year}-07-01"


def resolve_generic(
    explicit: list[Span],
    candidates: list[Actor],
    position: int,
    phrase: str,
    *,
    date: str | None,
    country: str | None,
    by_country_words: set[str],
    country_first: bool = False,
) -> str | None:
    """The owner named nearest before the phrase (else after), else the owner in the text's country.

    An owner is also reached through its affiliation: "المسلحين الموالين لها"
    after "قوات النظام" is the pro-government militia allied to SY_GOV.
    With `country_first` an owner named just before (NEAR_OWNER_TOKENS) is taken, then the text's
    country: "الحكومة" in a report from Aden is Yemen's, even after a sentence about the Syrian
    regime, while "أعلنت وزارة الدفاع التركية ... واتهمت الحكومة" is Turkey's in a report on Syria.
    """
    if not candidates:
        return None
    ids = [a.actor_id for a in candidates]

    def owner_of(span: Span) -> str | None:
        if span.kb_id_ in ids:
            return span.kb_id_
        for owner in candidates:
            if span.kb_id_ in owner.affiliation:
                return owner.actor_id
        return None

    if country_first and country is not None:
        for span in _outward(explicit, position):
            if span.end > position or position - span.end > NEAR_OWNER_TOKENS:
                break
            owner = owner_of(span)
            if owner is not None:
                return owner
        local = [a for a in candidates if a.country == country]
        best = choose(local, date=date, country=country) if local else None
        if best is not None:
            return best.actor_id
    for span in _outward(explicit, position):
        owner = owner_of(span)
        if owner is not None:
            return owner
    if country is None or (" " not in phrase and phrase not in by_country_words):
        return None
    local = [a for a in candidates if a.operates_in(country)]
    best = choose(local, date=date, country=country) if local else None
    return best.actor_id if best else None


# A state named this few tokens before "الحكومة" is the one meant, whatever the text's country.
NEAR_OWNER_TOKENS = 30

# per thread: the explicit span list of the document being resolved and its (starts, ends)
_SPAN_INDEX = threading.local()


def _outward(explicit: list[Span], position: int):
    """The spans ending before `position`, nearest first, then those starting at or after it, in
    text order; the spans are in text order, so two bisections find them (a long document would
    otherwise rescan every span for every generic phrase)."""
    if getattr(_SPAN_INDEX, "spans", None) is not explicit:
        _SPAN_INDEX.spans = explicit
        _SPAN_INDEX.bounds = ([s.start for s in explicit], [s.end for s in explicit])
    starts, ends = _SPAN_INDEX.bounds
    before = bisect_right(ends, position)
    for k in range(before - 1, -1, -1):
        yield explicit[k]
    for k in range(bisect_left(starts, position), len(explicit)):
        yield explicit[k]


def local_branch(actor: Actor, branches: dict[str, list[Actor]], date: str | None, country: str | None) -> Actor:
    """"داعش" in a Somali report is Islamic State (Somalia)."""
    if actor.country != "XX" or country is None or actor.operates_in(country):
        return actor
    local = [a for a in branches.get(actor.actor_id, []) if a.operates_in(country) and a.valid_on(date)]
    return choose(local, date=date, country=country) if local else actor


class NounIndex:
    """Unit nouns of one or two words ("دورية", "طائرة مسيرة"), looked up per token without
    building a two-word string at every token."""

    def __init__(self, nouns: set[str]) -> None:
        self.words = frozenset(n for n in nouns if " " not in n)
        self.pairs: dict[str, frozenset[str]] = {}
        for noun in nouns:
            if noun.count(" ") == 1:
                first, second = noun.split(" ")
                self.pairs[first] = self.pairs.get(first, frozenset()) | {second}
        self.firsts = self.words | frozenset(self.pairs)  # the words a unit noun can begin with

    def __contains__(self, phrase: str) -> bool:
        if " " not in phrase:
            return phrase in self.words
        first, _, second = phrase.partition(" ")
        return second in self.pairs.get(first, ())


def _unit_noun_at(norms: list[str], i: int, nouns: NounIndex) -> int:
    """Length in tokens of the unit noun ("دورية", "وزارة الدفاع") starting at token i, or 0."""
    seconds = nouns.pairs.get(norms[i])
    if seconds and i + 1 < len(norms) and norms[i + 1] in seconds:
        return 2
    return 1 if norms[i] in nouns.words else 0


def _noun_starts(norms: list[str], stop: int, nouns: NounIndex) -> list[int]:
    """The token indices below `stop` where a unit noun may begin: the few worth `_unit_noun_at`."""
    firsts = nouns.firsts
    return [i for i in range(stop) if norms[i] in firsts]


def country_name_at(norms: list[str], i: int, names: dict[tuple[str, ...], str], longest: int) -> tuple[int, str] | None:
    """(end, ISO code) of the longest country name (normalised words, at most `longest`) starting at token i."""
    for width in range(longest, 0, -1):
        iso = names.get(tuple(norms[i:i + width])) if i + width <= len(norms) else None
        if iso is not None:
            return i + width, iso
    return None


def soldiers_of_country(doc: Doc, taken: set[int], date: str | None, *, kb: ActorKB, nouns: NounIndex,
                        country_names: dict[tuple[str, ...], str], armies: dict[str, list[str]]) -> list[Span]:
    """"100 جندي من بوركينا فاسو", "جنديان من تشاد": soldiers "from" a country are its army's;
    the country's name becomes that army's mention (the victims' side of the soldiers), and
    stays a place."""
    spans = []
    norms = doc_context(doc).norms
    longest = 0
    for i in _noun_starts(norms, len(norms) - 2, nouns):
        width = 0 if norms[i].startswith("ال") else _unit_noun_at(norms, i, nouns)
        j = i + width
        if not width or j + 1 >= len(norms) or norms[j] != "من" or j + 1 in taken:
            continue  # "انسحب الجنود من سوريا": the definite soldiers move from a country
        longest = longest or max((len(words) for words in country_names), default=0)  # once per doc, at its first soldier
        found = country_name_at(norms, j + 1, country_names, longest)
        if found is None or any(k in taken for k in range(j + 1, found[0])):
            continue
        end, iso = found
        army = choose([kb.by_id[a] for a in armies.get(iso, [])], date=date, country=iso)
        if army is not None:
            spans.append(Span(doc, j + 1, end, label=ACTOR_LABEL, kb_id=army.actor_id))
    return spans


def national_forces(
    doc: Doc,
    taken: set[int],
    date: str | None,
    *,
    kb: ActorKB,
    nouns: NounIndex,
    not_national: set[str],
    adjective_heads: frozenset[str] = frozenset(),
    adjectives: dict[str, str],
    armies: dict[str, list[str]],
) -> list[Span]:
    """"دورية إسرائيلية", "وزارة الدفاع التركية", "جنديين تركيين": a unit noun or a noun of
    soldiers and a nationality adjective name that country's forces."""
    spans = []
    norms = doc_context(doc).norms
    for i in _noun_starts(norms, len(doc) - 1, nouns):
        width = 0 if i in taken else _unit_noun_at(norms, i, nouns)
        if not width or i + width >= len(doc):
            continue
        j = i + width
        if doc[j].text in QUOTES and j + 1 < len(doc):  # القوات “الإسرائيلية”
            j += 1
        if i and norms[i - 1] in adjective_heads:  # "قادة عسكريين أمريكيين": military leaders, not soldiers
            continue
        head = " ".join(t.norm_ for t in doc[i : i + width])
        if any(k in taken for k in range(i, j + 1)) or f"{head} {doc[j].norm_}" in not_national:
            continue
        iso = adjectives.get(doc[j].norm_)
        if iso is None and norms[i].endswith("ا") and doc[j].norm_.endswith("يا"):
            # after 11-99 a counted noun and its adjective are accusative: "11 جنديا صوماليا"
            # (only then: "حكومة بريطانيا" is Britain's government)
            iso = adjectives.get(doc[j].norm_[:-1])
        army = choose([kb.by_id[a] for a in armies.get(iso, [])], date=date, country=iso)
        if army is not None:
            end = j + 2 if j > i + width and j + 1 < len(doc) and doc[j + 1].text in QUOTES else j + 1
            spans.append(Span(doc, i, end, label=ACTOR_LABEL, kb_id=army.actor_id))
    return filter_spans(spans)  # "طائرة مسيرة إسرائيلية" over "مسيرة إسرائيلية"
