"""Reports: one per event of one article, flattened from `marsad extract` JSONL.

A report keeps only what the merge compares and cites (ids, source, date,
place, type, actors, death counts, the hashes of its text's word triples), never the article's text, so a merged
dataset can take new batches without re-reading old articles.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from marsad.errors import MarsadError

REPORT_KEYS = (
    "id", "event_id", "source", "url", "event_date", "date_precision", "is_background", "event_type",
    "sub_event_type", "civilian_targeting", "actor1", "actor2", "interaction", "location", "date_source", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "low", "high", "injured", "captured", "source_text", "fingerprint",
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
    published = publication_date(record, info)
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
        if not report.get("event_date") and published:
            # undated events (extracted without a reference date) stand at the publication date
            report["event_date"], report["date_precision"], report["date_source"] = published, 2, "publication"
        out.append(report)
    return out


def publication_date(record: dict, info: dict | None = None) -> str | None:
    """The article's date: the extract record's `date`, else its input's `date`/`date_extracted`
    (kept in `meta`, or given with --metadata), as YYYY-MM-DD."""
    meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
    for value in (record.get("date"), meta.get("date"), meta.get("date_extracted"), (info or {}).get("date")):
        if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return value[:10]
    return None


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
