"""Output writers for `marsad extract --format jsonl|csv|geojson|html`.

JSONL keeps everything, one record per input. CSV has one row per event with
ACLED-like columns (plus UCDP's deaths per side). GeoJSON is a FeatureCollection
of event points. HTML is a report per batch: each document with actors,
sources, places and casualty spans highlighted by displaCy, right to left, and
the table of events.
"""
from __future__ import annotations

import csv
import html
import json
from typing import IO, Iterable

import srsly

FORMATS = ("jsonl", "csv", "geojson", "html")

ACLED_INTER = {"state_forces": 1, "rebel_group": 2, "political_militia": 3, "identity_militia": 4, "civilians": 7, "external_forces": 8}

CSV_COLUMNS = [
    "event_id", "doc_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor1_id", "inter1", "actor2", "actor2_id", "inter2", "interaction",
    "country", "admin1", "location", "location_ar", "geonameid", "latitude", "longitude", "geo_precision",
    "relation", "source", "fatalities", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown",
    "best", "low", "high", "injured", "captured", "missing", "notes",
]


def event_rows(record: dict) -> list[dict]:
    """One flat ACLED-like row per event of an output record."""
    rows = []
    for event in record.get("events") or []:
        location = event.get("location") or {}
        actor1 = event.get("actor1") or {}
        actor2 = event.get("actor2") or {}
        rows.append({
            "event_id": event["event_id"],
            "doc_id": record["id"],
            "event_date": event.get("event_date"),
            "time_precision": event.get("date_precision"),
            "event_type": event.get("event_type"),
            "sub_event_type": event.get("sub_event_type"),
            "actor1": actor1.get("name"),
            "actor1_id": actor1.get("actor_id"),
            "inter1": ACLED_INTER.get(actor1.get("type")),
            "actor2": actor2.get("name"),
            "actor2_id": actor2.get("actor_id"),
            "inter2": ACLED_INTER.get(actor2.get("type")),
            "interaction": event.get("interaction"),
            "country": location.get("country_code"),
            "admin1": location.get("admin1"),
            "location": location.get("name"),
            "location_ar": location.get("text"),
            "geonameid": location.get("geonameid"),
            "latitude": location.get("lat"),
            "longitude": location.get("lon"),
            "geo_precision": location.get("precision"),
            "relation": location.get("relation"),
            "source": event.get("source_text"),
            "fatalities": event.get("best"),
            "deaths_a": event.get("deaths_a"),
            "deaths_b": event.get("deaths_b"),
            "deaths_civilians": event.get("deaths_civilians"),
            "deaths_unknown": event.get("deaths_unknown"),
            "best": event.get("best"),
            "low": event.get("low"),
            "high": event.get("high"),
            "injured": event.get("injured"),
            "captured": event.get("captured"),
            "missing": event.get("missing"),
            "notes": " | ".join(event.get("notes") or []),
        })
    return rows


class Writer:
    """Base writer: `write(record)` per output record, then `close()`."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, record: dict) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class JSONLWriter(Writer):
    def write(self, record: dict) -> None:
        self.out.write(srsly.json_dumps(record) + "\n")


class CSVWriter(Writer):
    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

    def write(self, record: dict) -> None:
        for row in event_rows(record):
            self.writer.writerow(row)


class GeoJSONWriter(Writer):
    """A FeatureCollection, streamed: events without coordinates are left out
    of the map (they stay in CSV/JSONL)."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.out.write('{"type": "FeatureCollection", "features": [\n')
        self.first = True

    def write(self, record: dict) -> None:
        for row in event_rows(record):
            if row["latitude"] is None or row["longitude"] is None:
                continue
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": row,
            }
            self.out.write(("" if self.first else ",\n") + json.dumps(feature, ensure_ascii=False))
            self.first = False

    def close(self) -> None:
        self.out.write("\n]}\n")
        super().close()


class HTMLWriter(Writer):
    """One page per batch; displaCy renders each document right to left."""

    COLORS = {
        "ACTOR": "#f4a582", "SOURCE": "#bababa", "LOC": "#92c5de",
        "KILLED": "#d6604d", "INJURED": "#fddbc7", "CAPTURED": "#b2abd2", "MISSING": "#e0e0e0",
    }

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.sections: list[str] = []
        self.rows: list[dict] = []
        self.errors: list[tuple[str, str]] = []

    def write(self, record: dict) -> None:
        if "error" in record:
            self.errors.append((record["id"], record["error"]))
            return
        self.rows.extend(event_rows(record))
        self.sections.append(self._document(record))

    def _render(self, text: str, spans: list[dict], title: str) -> str:
        from spacy import displacy

        parsed = {
            "text": text,
            "ents": sorted(spans, key=lambda s: s["start"]),
            "title": title,
            "settings": {"lang": "ar", "direction": "rtl"},
        }
        return displacy.render(parsed, style="ent", manual=True, page=False, options={"colors": self.COLORS})

    def _document(self, record: dict) -> str:
        text = record.get("text", "")
        entities = _non_overlapping(
            [{"start": a["start_char"], "end": a["end_char"], "label": "ACTOR"} for a in record["actors"]]
            + [{"start": s["start_char"], "end": s["end_char"], "label": "SOURCE"} for s in record.get("sources", [])]
            + [{"start": p["start_char"], "end": p["end_char"], "label": "LOC"} for p in record["places"]]
        )
        casualties = _non_overlapping(
            [
                {"start": start, "end": end, "label": c["status"].upper()}
                for c in record["casualties"]
                for start, end in c.get("mentions") or [[c["start_char"], c["end_char"]]]
            ]
        )
        head = html.escape(f"{record['id']}" + (f" ({record['date']})" if record.get("date") else ""))
        return (
            f'<section class="document" dir="rtl" lang="ar"><h2 dir="ltr">{head}</h2>'
            f'<div class="view entities">{self._render(text, entities, "")}</div>'
            f'<div class="view casualties">{self._render(text, casualties, "")}</div></section>'
        )

    def close(self) -> None:
        columns = ["event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "location",
                   "location_ar", "latitude", "longitude", "geo_precision", "deaths_a", "deaths_b",
                   "deaths_civilians", "deaths_unknown", "best", "injured", "captured", "source"]
        header = "".join(f"<th>{c}</th>" for c in columns)
        body = "\n".join(
            "<tr>" + "".join(f"<td>{html.escape('' if row[c] is None else str(row[c]))}</td>" for c in columns) + "</tr>"
            for row in self.rows
        )
        errors = "".join(f"<li>{html.escape(i)}: {html.escape(e)}</li>" for i, e in self.errors)
        self.out.write(PAGE.format(
            n_docs=len(self.sections), n_events=len(self.rows), header=header, body=body,
            errors=f"<h2>Records that failed</h2><ul>{errors}</ul>" if errors else "",
            documents="\n".join(self.sections),
        ))
        super().close()


def _non_overlapping(spans: list[dict]) -> list[dict]:
    """displaCy's entity view cannot nest: keep the longest of overlapping spans."""
    kept: list[dict] = []
    for span in sorted(spans, key=lambda s: (s["start"], -(s["end"] - s["start"]))):
        if span["end"] > span["start"] and all(span["start"] >= k["end"] or span["end"] <= k["start"] for k in kept):
            kept.append(span)
    return kept


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>marsad report</title>
<style>
body {{ font-family: sans-serif; margin: 2em; }}
table {{ border-collapse: collapse; font-size: 0.85em; }}
th, td {{ border: 1px solid #ccc; padding: 0.3em 0.5em; }}
th {{ background: #eee; }}
section.document {{ border-top: 2px solid #333; margin-top: 2em; }}
.view {{ margin: 0.5em 0; }}
</style></head>
<body>
<h1>marsad report</h1>
<p>{n_docs} documents, {n_events} events.</p>
<h2>Events</h2>
<table id="events"><thead><tr>{header}</tr></thead><tbody>
{body}
</tbody></table>
{errors}
<h2>Documents</h2>
{documents}
<script>
// Lets a headless browser report what it rendered.
(function () {{
  var doc = document.querySelector(".document .entities .entities") || document.querySelector(".document");
  var info = {{
    direction: doc ? getComputedStyle(doc).direction : null,
    rows: document.querySelectorAll("#events tbody tr").length,
    marks: document.querySelectorAll("mark").length
  }};
  document.body.setAttribute("data-rendered", JSON.stringify(info));
}})();
</script>
</body></html>
"""


def make_writer(fmt: str, out: IO[str]) -> Writer:
    writers = {"jsonl": JSONLWriter, "csv": CSVWriter, "geojson": GeoJSONWriter, "html": HTMLWriter}
    return writers[fmt](out)


def write_all(fmt: str, records: Iterable[dict], out: IO[str]) -> None:
    writer = make_writer(fmt, out)
    for record in records:
        writer.write(record)
    writer.close()
