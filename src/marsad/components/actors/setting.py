"""Where and when a text is set: the country it reports on and its date.

The country is found cheaply before the location linker runs: country names,
nationality adjectives ("السوداني", "اليمنية"), capitals and main battle towns
(data/actor_countries.jsonl, places/countries.jsonl, places/admin1.jsonl) vote,
and so do the local actors the text names ("قوات الدعم السريع" -> SD). A word
in the opening date-line ("الخرطوم - ...") counts double. Ties go to the
country named first.
"""
from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from marsad.components.actors.kb import Actor, date_key
from marsad.components.context import doc_context
from marsad.components.patterns import pattern_norms
from marsad.components.phrase_table import PhraseTable
from marsad.resources import read_jsonl
from marsad.text.orthography import normalize

DATELINE_TOKENS = 6


def adjective_forms(adjective: str) -> list[str]:
    """"السوري" -> السوري، السورية، السوريين، السوريون and the forms without the article."""
    base = adjective[2:] if adjective.startswith("ال") else adjective
    if " " in base:
        return [adjective]
    forms = [base, base + "ة", base + "ين", base + "ون"]
    return forms + ["ال" + f for f in forms]


ADJECTIVE_VOTE = 1  # "مسيرة تركية" says who fights, less surely where
PLACE_VOTE = 2


def country_phrases() -> dict[str, tuple[str, int]]:
    """Phrase -> (ISO code of the country it points to, weight of its vote)."""
    phrases: dict[str, tuple[str, int]] = {}
    for row in read_jsonl("actor_countries.jsonl"):
        for phrase in row.get("places", []):
            phrases.setdefault(phrase, (row["iso"], PLACE_VOTE))
        if row.get("votes") is False:  # adjectives of foreign armies only, not where a text is set
            continue
        for phrase in adjective_forms(row["adjective"]):
            phrases.setdefault(phrase, (row["iso"], ADJECTIVE_VOTE))
    for row in read_jsonl("places/countries.jsonl"):
        for phrase in [row["name_ar"], *row.get("aliases_ar", [])]:
            phrases.setdefault(phrase, (row["iso"], PLACE_VOTE))
    for row in read_jsonl("places/admin1.jsonl"):
        if row.get("name_ar") and row.get("country_code"):
            phrases.setdefault(row["name_ar"], (row["country_code"], PLACE_VOTE))
    return phrases


def nationality_adjectives() -> dict[str, str]:
    """Every form of every nationality adjective -> ISO code ("إسرائيليين" -> IL)."""
    forms: dict[str, str] = {}
    for row in read_jsonl("actor_countries.jsonl"):
        for form in adjective_forms(row["adjective"]):
            forms.setdefault(normalize(form), row["iso"])
        base = row["adjective"].removeprefix("ال")
        if " " not in base:  # duals: "جنديان تركيان", "سيدتان سودانيتان"
            for ending in ("ان", "تان", "تين"):
                for form in (base + ending, "ال" + base + ending):
                    forms.setdefault(normalize(form), row["iso"])
    return forms


class CountryFinder:
    """Votes for the country a document reports on."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseTable()
        self.country_of: dict[str, str] = {}
        for phrase, (iso, weight) in country_phrases().items():
            self.matcher.add(f"COUNTRY::{iso}::{weight}", [pattern_norms(nlp, phrase)])

    def __call__(self, doc: Doc, named: list[Actor], inside: set[int] = frozenset()) -> str | None:
        """`named`: actors the text names unambiguously; `inside`: their tokens, whose
        adjectives ("الجيش الإسرائيلي") say who fights, not where."""
        votes: Counter = Counter()
        first: dict[str, int] = {}
        for key, start, _ in self.matcher(doc_context(doc).norms):
            if start in inside:
                continue
            _, iso, weight = key.split("::")
            votes[iso] += int(weight) * (2 if start < DATELINE_TOKENS else 1)
            first.setdefault(iso, start)
        for position, actor in enumerate(named):
            if actor.type != "external_forces" and actor.country not in ("", "XX"):
                votes[actor.country] += 1
                first.setdefault(actor.country, len(doc) + position)
        if not votes:
            return None
        return max(votes, key=lambda iso: (votes[iso], -first[iso]))


def doc_date(doc: Doc) -> str | None:
    """The record's date as "YYYY-MM-DD", or None (no date: no filtering by date)."""
    value = getattr(doc._, "date", None)
    if not value or not isinstance(value, str) or not value[:4].isdigit():
        return None
    return date_key(value)


def choose(candidates: list[Actor], *, date: str | None, country: str | None) -> Actor | None:
    """The identity an alias names on `date` in `country`.

    Identities valid on the date win; among them one of the country (home
    country, then operating there); then the newest (latest valid_from). With no date the newest identity is
    taken. When no identity is valid on the date (an old name used later), the
    one whose period ends nearest the date is kept, so the mention is still reported.
    A `dated_only` identity is never taken without a date.
    """
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    if date is None:
        candidates = [a for a in candidates if not a.dated_only] or candidates
    valid = [a for a in candidates if a.valid_on(date)]
    if not valid:
        return max(candidates, key=lambda a: date_key(a.valid_to, end=True) or "9999")
    local = [a for a in valid if a.operates_in(country)]
    native = [a for a in local if a.country == country]
    pool = native or local or valid
    return max(pool, key=lambda a: (date_key(a.valid_from) or "0000", a.valid_to is None))
