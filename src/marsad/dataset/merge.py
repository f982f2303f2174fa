"""`marsad merge`: from per-article events to one row per incident.

    marsad merge out1.jsonl out2.jsonl -o events.jsonl [--csv events.csv]
        [--into events.jsonl] [--metadata input.jsonl] [--engine dask -j 4]

Reads `marsad extract` JSONL outputs, merges the events that report one
incident (blocked by country and date window) and writes JSONL (one merged
event a line, citing every report) and optionally CSV with ACLED column
names and UCDP death fields. `--into` adds a new batch to an existing merged
dataset without re-reading old articles.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional

from marsad.dataset.cluster import Incident, cluster, incident_from_row, merged_event
from marsad.dataset.reports import read_jsonl, read_metadata, read_reports
from marsad.dataset.similarity import THRESHOLD, block_key


def merge_reports(reports: list[dict], existing: Iterable[dict] = (), threshold: float = THRESHOLD) -> list[dict]:
    """Merged events from reports (and the rows of an existing merged dataset)."""
    incidents = cluster(reports, [incident_from_row(row) for row in existing], threshold)
    return _rows(incidents)


def merge_reports_dask(reports: list[dict], existing: Iterable[dict] = (), threshold: float = THRESHOLD, npartitions: int = 4, scheduler: str | None = None) -> list[dict]:
    """The same merge on Dask: one task per block group (blocks never share an incident)."""
    try:
        import dask.bag as db
    except ImportError as err:  # dask stays optional
        raise ImportError("`--engine dask` needs dask: pip install 'dask[bag]'") from err
    existing_rows = list(existing)
    groups: dict[str, tuple[list[dict], list[dict]]] = {}
    for report in reports:
        groups.setdefault(block_key(report), ([], []))[0].append(report)
    for row in existing_rows:
        key = block_key((row.get("reports") or [{}])[0]) if row.get("reports") else "??"
        groups.setdefault(key, ([], []))[1].append(row)
    bag = db.from_sequence(list(groups.values()), npartitions=max(1, min(npartitions, len(groups) or 1)))
    parts = bag.map(_cluster_group, threshold)
    compute_kwargs = {"scheduler": scheduler} if scheduler else {}
    incidents = [Incident(reports, scores) for part in parts.compute(**compute_kwargs) for reports, scores in part]
    return _rows(incidents)


def _cluster_group(group: tuple[list[dict], list[dict]], threshold: float) -> list[tuple[list[dict], list[float]]]:
    reports, rows = group
    return [(i.reports, i.scores) for i in cluster(reports, [incident_from_row(r) for r in rows], threshold)]


def _rows(incidents: list[Incident]) -> list[dict]:
    ordered = sorted(incidents, key=lambda i: (i.day, block_key(i.reports[0]), i.reports[0]["id"]))
    return [merged_event(incident, number) for number, incident in enumerate(ordered, start=1)]


def merge_files(
    inputs: Iterable[str | Path],
    into: str | Path | None = None,
    metadata: Iterable[str | Path] = (),
    engine: str = "local",
    threshold: float = THRESHOLD,
    npartitions: int = 4,
) -> list[dict]:
    meta = read_metadata(metadata)
    reports = read_reports(inputs, meta)
    existing = list(read_jsonl(into)) if into and Path(into).exists() else []
    known = {(r["id"], r["event_id"]) for row in existing for r in row.get("reports") or []}
    reports = [r for r in reports if (r["id"], r["event_id"]) not in known]  # a batch merged twice adds nothing
    if engine == "dask":
        return merge_reports_dask(reports, existing, threshold, npartitions)
    return merge_reports(reports, existing, threshold)


def merge_command(
    inputs: list[Path],
    output: Optional[Path] = None,
    csv_output: Optional[Path] = None,
    into: Optional[Path] = None,
    metadata: Optional[list[Path]] = None,
    engine: str = "local",
    threshold: float = THRESHOLD,
    npartitions: int = 4,
) -> int:
    """The CLI body: merge and write; RETURNS the number of merged events."""
    from marsad.dataset.writers import write_csv, write_jsonl

    rows = merge_files(inputs, into, metadata or [], engine, threshold, npartitions)
    write_jsonl(rows, output)
    if csv_output is not None:
        write_csv(rows, csv_output)
    return len(rows)
