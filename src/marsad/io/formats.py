"""Output writers for `marsad extract --format jsonl|csv|geojson|html`.

JSONL keeps everything, one record per input, in readable UTF-8. CSV has one
row per event with ACLED's column names and order (plus UCDP's deaths per
side and marsad's ids), a UTF-8 BOM for Excel and formula cells neutralised.
GeoJSON is a FeatureCollection with every event (null geometry when the place
has no coordinates). HTML is a report: an offline map and a table of the
events, and each document with its highlights.

Each writer takes `write(record)` per output record and `close()` at the end;
one record that cannot be serialised never stops the run (see
`marsad.io.writers.base`).
"""
from __future__ import annotations

from typing import IO, Iterable

from marsad.io.writers.base import Writer
from marsad.io.writers.html import HTMLWriter
from marsad.io.writers.rows import CSV_COLUMNS, event_rows
from marsad.io.writers.text import CSVWriter, GeoJSONWriter, JSONLWriter

FORMATS = ("jsonl", "csv", "geojson", "html")
WRITERS = {"jsonl": JSONLWriter, "csv": CSVWriter, "geojson": GeoJSONWriter, "html": HTMLWriter}

__all__ = ["FORMATS", "CSV_COLUMNS", "Writer", "event_rows", "make_writer", "write_all"]


def make_writer(fmt: str, out: IO[str], *, csv_bom: bool = True, csv_escape_formulas: bool = True) -> Writer:
    """The writer of format `fmt` on the text stream `out` (open it with newline="").

    csv_bom: start a CSV file with a UTF-8 byte order mark (Excel then reads it as UTF-8).
    csv_escape_formulas: prefix "'" to CSV text cells starting with = + - @ tab or CR.
    """
    if fmt == "csv":
        return CSVWriter(out, bom=csv_bom, escape_formulas=csv_escape_formulas)
    return WRITERS[fmt](out)


def write_all(fmt: str, records: Iterable[dict], out: IO[str], **options: bool) -> Writer:
    writer = make_writer(fmt, out, **options)
    try:
        for record in records:
            writer.write(record)
    finally:
        writer.close()
    return writer
