"""Writing a merged dataset: JSONL (everything) and CSV (ACLED columns, UCDP deaths)."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

INTER_CODES = {"state_forces": 1, "rebel_group": 2, "political_militia": 3, "identity_militia": 4, "civilians": 7, "external_forces": 8}
# ACLED's column names, then UCDP's death fields, then the merge's own.
CSV_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "interaction", "civilian_targeting", "iso", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high",
    "n_reports", "merge_confidence", "report_ids",
)


def write_jsonl(rows: list[dict], path: Path | None) -> None:
    handle = open(path, "w", encoding="utf8") if path else sys.stdout
    try:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if path:
            handle.close()


def csv_row(row: dict) -> dict:
    place = row.get("location") or {}
    date = row.get("event_date") or ""
    iso = place.get("country_code") or ""
    sources = sorted({r.get("source") for r in row.get("reports") or [] if r.get("source")})
    return {
        "event_id_cnty": f"{iso or 'XX'}{row.get('event_id') or ''}",
        "event_date": date,
        "year": date[:4],
        "time_precision": row.get("date_precision"),
        "event_type": row.get("event_type"),
        "sub_event_type": row.get("sub_event_type"),
        "actor1": row.get("actor1"),
        "actor2": row.get("actor2"),
        "interaction": row.get("interaction"),
        "civilian_targeting": row.get("civilian_targeting") or "",
        "iso": iso,
        "country": iso,
        "admin1": place.get("admin1"),
        "location": place.get("name") or place.get("text"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": min(place.get("precision") or 3, 3) if place else "",
        "source": "; ".join(sources),
        "notes": f"{row.get('n_reports')} report(s) merged" + (" (background)" if row.get("is_background") else ""),
        "fatalities": row.get("best") or 0,
        **{k: row.get(k) for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high")},
        "n_reports": row.get("n_reports"),
        "merge_confidence": row.get("merge_confidence"),
        "report_ids": " ".join(f"{r['id']}#{r['event_id']}" for r in row.get("reports") or []),
    }


def write_csv(rows: list[dict], path: Path | None) -> None:
    handle = open(path, "w", encoding="utf8", newline="") if path else sys.stdout
    try:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(csv_row(row))
    finally:
        if path:
            handle.close()
