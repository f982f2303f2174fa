"""Reports: one per event of one article, flattened from `marsad extract` JSONL.

A report keeps only what the merge compares and cites (ids, source, date,
place, type, actors, death counts), never the article's text, so a merged
dataset can take new batches without re-reading old articles.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from marsad.errors import MarsadError

REPORT_KEYS = (
    "id", "event_id", "source", "url", "event_date", "date_precision", "is_background", "event_type",
    "sub_event_type", "civilian_targeting", "actor1", "actor2", "interaction", "location", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "low", "high", "injured", "captured", "source_text",
)


def read_jsonl(path: str | Path) -> Iterator[dict]:
    """Records of a JSONL file; a line that is not JSON raises one clear error."""
    path = Path(path)
    if not path.exists():
        raise MarsadError(f"[merge] input file not found: {path}")
    with path.open(encoding="utf8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise MarsadError(f"[merge] {path}:{number} is not JSON ({err.msg})") from None
            if not isinstance(record, dict):
                raise MarsadError(f"[merge] {path}:{number} is not a JSON object")
            yield record


def read_metadata(paths: Iterable[str | Path]) -> dict[str, dict]:
    """id -> {"source", "url", "date"} from the input files given to `marsad extract`."""
    meta: dict[str, dict] = {}
    for path in paths:
        for record in read_jsonl(path):
            if "id" in record:
                meta[str(record["id"])] = {
                    "source": record.get("source"),
                    "url": record.get("url"),
                    "date": record.get("date") or (record.get("date_extracted") or "")[:10] or None,
                }
    return meta


def reports_of(record: dict, meta: dict | None = None) -> list[dict]:
    """The reports of one extract record (none for error records)."""
    if record.get("error") or "id" not in record:
        return []
    record_id = str(record["id"])
    info = (meta or {}).get(record_id, {})
    out = []
    for event in record.get("events") or []:
        report = {key: event.get(key) for key in REPORT_KEYS if key in event}
        report["id"] = record_id
        report["event_id"] = str(event.get("event_id"))
        report["source"] = record.get("source") or info.get("source") or event.get("source_text")
        report["url"] = record.get("url") or info.get("url")
        if report.get("best") is None:
            report["best"] = event.get("fatalities") or 0
        report["actor1"] = _actor_id(event.get("actor1"))
        report["actor2"] = _actor_id(event.get("actor2"))
        report["location"] = _place(event.get("location"))
        out.append(report)
    return out


def read_reports(paths: Iterable[str | Path], meta: dict | None = None) -> list[dict]:
    return [report for path in paths for record in read_jsonl(path) for report in reports_of(record, meta)]


def _actor_id(actor) -> str | None:
    if isinstance(actor, dict):
        return actor.get("actor_id") or actor.get("name")
    return actor


def _place(location: dict | None) -> dict | None:
    if not location:
        return None
    keys = ("text", "name", "geonameid", "lat", "lon", "country_code", "admin1", "precision", "population")
    return {k: location.get(k) for k in keys}
