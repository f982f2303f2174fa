"""Resolving Arabic date expressions against a reference (publication) date.

Pure functions over normalised tokens; the words live in data/date_words.jsonl.
Covers what news uses: "أمس", "اليوم", weekday names ("الأربعاء" = the most
recent Wednesday, the reference day itself included), "الشهر الماضي", explicit
dates with Gregorian/Egyptian ("أكتوبر"), Levantine ("تشرين الأول"), Maghrebi
("أكتوبر"/"جوان") or Hijri ("رمضان 1436 هـ", converted with hijridate) month
names, and numeric dates ("19/4/2018", parsed with dateparser).

Precision codes follow UCDP's date_prec: 1 exact day, 2 within a week,
3 month, 4 year.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Sequence

from marsad.resources import read_jsonl
from marsad.text.orthography import normalize

NUMERIC_DATE = re.compile(r"^[0-9]{1,4}[/\-.][0-9]{1,2}[/\-.][0-9]{1,4}$")
ASCII_DIGITS = frozenset("0123456789")  # a numeric date starts with one: most tokens need no regex
HIJRI_MARKS = {"ه", "هـ", "هجري", "هجريه", "للهجره"}
SEPARATORS = {"/", "-", "(", ")", "،", ","}


@dataclass(frozen=True)
class DateMention:
    start: int          # token indices [start, end)
    end: int
    date: dt.date
    precision: int      # 1 day, 2 week, 3 month, 4 year
    kind: str           # relative_day, weekday, relative_period, explicit, numeric


class DateResolver:
    """Finds and resolves date expressions in a list of normalised tokens."""

    def __init__(self, records: list[dict] | None = None) -> None:
        records = records if records is not None else read_jsonl("date_words.jsonl")
        self.records = records
        # phrase (tuple of normalised words) -> record; longest first at lookup
        self.phrases: dict[tuple[str, ...], dict] = {}
        for record in records:
            words = tuple(normalize(record["phrase"]).split())
            self.phrases[words] = record
        self.max_len = max((len(k) for k in self.phrases), default=1)
        self.first_words = frozenset(k[0] for k in self.phrases if k)

    def _phrase_at(self, norms: Sequence[str], i: int) -> tuple[int, dict] | None:
        if norms[i] not in self.first_words:
            return None  # most tokens: one set lookup instead of max_len slices
        for length in range(min(self.max_len, len(norms) - i), 0, -1):
            record = self.phrases.get(tuple(norms[i:i + length]))
            if record is not None:
                return i + length, record
        return None

    def find(self, norms: Sequence[str], reference: dt.date | None) -> list[DateMention]:
        """All date mentions, resolved against `reference` (None: explicit dates only)."""
        mentions: list[DateMention] = []
        i = 0
        while i < len(norms):
            if norms[i][:1] in ASCII_DIGITS and NUMERIC_DATE.match(norms[i]):
                date = _numeric_date(norms[i])
                if date is not None:
                    mentions.append(DateMention(i, i + 1, date, 1, "numeric"))
                i += 1
                continue
            found = self._phrase_at(norms, i)
            if found is None:
                i += 1
                continue
            end, record = found
            mention = self._resolve(norms, i, end, record, reference)
            if mention is not None:
                mentions.append(mention)
                i = mention.end
            else:
                i = end
        return mentions

    def _resolve(self, norms, start, end, record, reference) -> DateMention | None:
        kind = record["kind"]
        if kind == "month":
            return self._explicit(norms, start, end, record, reference)
        if reference is None:
            return None
        if kind == "relative_day":
            return DateMention(start, end, reference + dt.timedelta(days=record["days"]), 1, kind)
        if kind == "weekday":
            back = (reference.weekday() - record["weekday"]) % 7
            return DateMention(start, end, reference - dt.timedelta(days=back), 1, kind)
        if kind == "relative_period":
            return DateMention(start, end, *_period(reference, record["unit"], record["offset"]), kind)
        return None

    def _explicit(self, norms, start, end, record, reference) -> DateMention | None:
        """[day] MONTH [/ MONTH] [year] [هـ]"""
        day = None
        first = start
        if start > 0 and _small_number(norms[start - 1]) and 1 <= int(norms[start - 1]) <= 31:
            day = int(norms[start - 1])
            first = start - 1
        j = end
        # "تشرين الأول/أكتوبر": a second name for the same month
        if j + 1 < len(norms) and norms[j] in SEPARATORS:
            alias = self._phrase_at(norms, j + 1)
            if alias is not None and alias[1]["kind"] == "month":
                j = alias[0]
        year = None
        if j < len(norms) and _small_number(norms[j]) and len(norms[j]) == 4:
            year = int(norms[j])
            j += 1
        hijri = record["calendar"] == "hijri"
        if j < len(norms) and norms[j] in HIJRI_MARKS:
            j += 1
        month = record["month"]
        if hijri:
            return _hijri_mention(first, j, day, month, year, reference)
        if year is None:
            if reference is None:
                return None
            year = reference.year
            if (month, day or 1) > (reference.month, reference.day):
                year -= 1  # a month after the reference date is last year's
        try:
            date = dt.date(year, month, day or 1)
        except ValueError:
            return None
        return DateMention(first, j, date, 1 if day else 3, "explicit")


def _small_number(token: str) -> bool:
    """ASCII digits only (normalisation maps Arabic-Indic and Persian ones), at most 4."""
    return 0 < len(token) <= 4 and token.isascii() and token.isdigit()


def _hijri_mention(first, end, day, month, year, reference) -> DateMention | None:
    from hijridate import Gregorian, Hijri

    try:
        if year is None:
            if reference is None:
                return None
            year = Gregorian(reference.year, reference.month, reference.day).to_hijri().year
        date = Hijri(year, month, day or 1).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return DateMention(first, end, dt.date(date.year, date.month, date.day), 1 if day else 3, "explicit")


def _numeric_date(token: str) -> dt.date | None:
    import dateparser

    parsed = dateparser.parse(token, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def _period(reference: dt.date, unit: str, offset: int) -> tuple[dt.date, int]:
    if unit == "week":
        return reference + dt.timedelta(days=7 * offset), 2
    if unit == "month":
        month = reference.month + offset
        year = reference.year + (month - 1) // 12
        return dt.date(year, (month - 1) % 12 + 1, 1), 3
    return dt.date(reference.year + offset, 1, 1), 4


def parse_reference(value: str | dt.date | None) -> dt.date | None:
    """An ISO date (or datetime) string as a date; None when absent or invalid."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
