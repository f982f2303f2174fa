"""Which subsets a gold record belongs to: the held-back split, the year group and the region.

All functions are pure and read only the gold record's own fields.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter

TUNE, HELDOUT = "tune", "heldout"
REGIONS = ("SD", "PS-IL", "LB", "SY", "YE", "IQ", "LY", "SO", "SAHEL", "OTHER")
YEAR_GROUPS = ("2015", "2019-2026")

# ISO2 country of a gold place -> the region code train.jsonl uses.
COUNTRY_REGION = {
    "SD": "SD", "SS": "SD",
    "PS": "PS-IL", "IL": "PS-IL",
    "LB": "LB", "SY": "SY", "YE": "YE", "IQ": "IQ", "LY": "LY", "SO": "SO",
    "ML": "SAHEL", "BF": "SAHEL", "NE": "SAHEL", "TD": "SAHEL", "MR": "SAHEL",
}


def split_of(record: dict) -> str:
    """The project-wide held-back split: a third of the ids, by SHA-1, are held out."""
    return HELDOUT if int(hashlib.sha1(record["id"].encode()).hexdigest(), 16) % 3 == 0 else TUNE


def year_of(record: dict) -> int | None:
    """The record's `year`, else the year of its `date` or `date_extracted`."""
    if record.get("year") is not None:
        return int(record["year"])
    for key in ("date", "date_extracted"):
        found = re.match(r"(\d{4})", str(record.get(key) or ""))
        if found:
            return int(found.group(1))
    return None


def year_group(record: dict) -> str:
    """"2015" (the SaudiNewsNet paragraphs; also a record without any date) or "2019-2026"."""
    year = year_of(record)
    return "2015" if year is None or year < 2019 else "2019-2026"


def infer_region(places: list[dict]) -> str:
    """The region most of the gold places lie in (ties: the one named first); OTHER when
    no place is in a listed region."""
    regions = [COUNTRY_REGION[p["country"]] for p in places if p.get("country") in COUNTRY_REGION]
    if not regions:
        return "OTHER"
    counts = Counter(regions)
    best = max(counts.values())
    return next(r for r in regions if counts[r] == best)


def region_of(record: dict) -> str:
    """The record's `region` when annotated, else inferred from its gold places' countries."""
    region = record.get("region")
    return region if region in REGIONS else infer_region(record.get("places", []))
