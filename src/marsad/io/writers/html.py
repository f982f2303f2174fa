"""The HTML report: a map and a table of the events, then every document once
with its highlights. Documents are streamed as they come; `close()` writes
the map, the table and the end of the page (the summary is shown first with
CSS), so an interrupted run still ends with a complete page."""
from __future__ import annotations

import math
from html import escape
from typing import IO

from marsad.io.report.highlight import render_text
from marsad.io.report.page import HEAD, cell, stacked, summary
from marsad.io.report.svgmap import MapPoint, render_map
from marsad.io.writers.base import Writer, _record_id
from marsad.io.writers.rows import event_rows


class HTMLWriter(Writer):
    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.out.write(HEAD)
        self.rows: list[str] = []
        self.points: list[MapPoint] = []
        self.unlocated = 0
        self.errors: list[tuple[str, str]] = []
        self.documents = 0

    def serialise(self, record: dict) -> str:
        record_id = "" if record.get("id") is None else str(record["id"])
        if "error" in record:
            error = (record_id, str(record["error"]))
            "".join(error).encode(self.encoding)
            self.errors.append(error)
            return ""
        rows, points, unlocated = [], [], 0
        for row in event_rows(record):
            anchor = f"ev-{len(self.rows) + len(rows) + 1}"
            rows.append(_table_row(anchor, len(self.rows) + len(rows) + 1, row))
            lon, lat = row["longitude"], row["latitude"]
            if _finite(lon) and _finite(lat):
                points.append(MapPoint(float(lon), float(lat), _point_title(row), anchor,
                                       float(row["best"]) if _finite(row["best"]) else 0.0))
            else:
                unlocated += 1
        date = f" ({record['date']})" if record.get("date") else ""
        n_events = f", {len(rows)} event{'s' if len(rows) > 1 else ''}" if rows else ""
        text = (
            f'<article class="document" id="doc-{self.documents + 1}"><h3 dir="auto">{escape(record_id + date)}'
            f'<span class="small">{escape(n_events)}</span></h3>'
            f'<div class="text" dir="rtl" lang="ar">{render_text(record)}</div></article>\n'
        )
        (text + "".join(rows) + "".join(p.title for p in points)).encode(self.encoding)
        self.rows.extend(rows)
        self.points.extend(points)
        self.unlocated += unlocated
        self.documents += 1
        return text

    def error_text(self, record: object, message: str) -> str:
        self.errors.append((_record_id(record) or "", message))
        return ""

    def tail(self) -> str:
        return summary(self.documents, self.rows, render_map(self.points, self.unlocated), self.errors, self.failed)


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _table_row(anchor: str, number: int, row: dict) -> str:
    sides = [f"{label} {row[key]}" for label, key in (("A", "deaths_a"), ("B", "deaths_b"),
             ("civilians", "deaths_civilians"), ("unknown", "deaths_unknown")) if row.get(key)]
    low_high = f"{row['low']}-{row['high']}" if row.get("low") != row.get("high") and row.get("high") is not None else ""
    place = ", ".join(str(v) for v in (row["admin1"], row["country"]) if v)
    return (
        f'<tr id="{anchor}">{cell(number, "num")}{stacked(row["event_date"] or "no date", row["event_id_cnty"])}'
        f'{stacked(row["event_type"], row["sub_event_type"])}{stacked(row["actor1"], row["actor1_id"])}'
        f'{stacked(row["actor2"], row["actor2_id"])}{stacked(row["location"], row["location_ar"], place)}'
        f'{stacked(row["best"], low_high)}{cell(", ".join(sides))}{cell(row["injured"], "num")}'
        f'{cell(row["captured"], "num")}{cell(row["missing"], "num")}{stacked(row["source"], row["source_ids"])}</tr>'
    )


def _point_title(row: dict) -> str:
    parts = [row["event_date"], row["sub_event_type"] or row["event_type"], row["location"] or row["location_ar"]]
    head = " - ".join(str(p) for p in parts if p)
    deaths = f"{row['best']} killed" if row.get("best") is not None else ""
    actors = " vs ".join(str(a) for a in (row["actor1"], row["actor2"]) if a)
    return "\n".join(p for p in (head, deaths, actors) if p)
