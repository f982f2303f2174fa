"""JSONL, CSV and GeoJSON writers."""
from __future__ import annotations

import csv
import io
import json
import math
from typing import IO

from marsad.io.output import error_record
from marsad.io.writers.base import Writer, _record_id
from marsad.io.writers.rows import CSV_COLUMNS, NUMERIC_COLUMNS, event_rows

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def dumps(obj: object) -> str:
    """Compact JSON, readable UTF-8, strict (NaN and infinity are errors)."""
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class JSONLWriter(Writer):
    """One JSON object a line, in readable UTF-8 (`grep الفاشر out.jsonl` works)."""

    def serialise(self, record: dict) -> str:
        text = dumps(record) + "\n"
        text.encode("utf-8")  # a lone surrogate is an error, whatever the stream's encoding
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:  # a stream that is not UTF-8 (a Windows code page): escape
            text = json.dumps(record, ensure_ascii=True, allow_nan=False, separators=(",", ":")) + "\n"
        return text

    def error_text(self, record: object, message: str) -> str:
        return dumps(error_record(_record_id(record), message)) + "\n"


class CSVWriter(Writer):
    """One row per event, ACLED's columns first (see `rows`).

    bom: start with a UTF-8 byte order mark, so Excel reads the file as UTF-8.
    escape_formulas: prefix "'" to text cells that a spreadsheet would execute
        (OWASP's CSV injection advice); numbers are written as they are.
    """

    def __init__(self, out: IO[str], bom: bool = True, escape_formulas: bool = True) -> None:
        super().__init__(out)
        self.escape_formulas = escape_formulas
        self.out.write(("\ufeff" if bom and _at_start(out) else "") + self._lines([dict(zip(CSV_COLUMNS, CSV_COLUMNS))]))

    def serialise(self, record: dict) -> str:
        return self._lines([{c: self._cell(c, row[c]) for c in CSV_COLUMNS} for row in event_rows(record)])

    def _cell(self, column: str, value: object) -> object:
        if value is None or isinstance(value, bool):
            return "" if value is None else value
        if isinstance(value, (int, float)):
            return value if math.isfinite(value) else ""
        text = value if isinstance(value, str) else dumps(value)
        if self.escape_formulas and text.startswith(FORMULA_STARTS) and not (column in NUMERIC_COLUMNS and _is_number(text)):
            return "'" + text
        return text

    @staticmethod
    def _lines(rows: list[dict]) -> str:
        buffer = io.StringIO()
        csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue()


class GeoJSONWriter(Writer):
    """A FeatureCollection with every event: geometry null where its
    coordinates are unknown. Streamed; `close()` writes the closing "]}"."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(out)
        self.out.write('{"type":"FeatureCollection","features":[\n')

    def serialise(self, record: dict) -> str:
        features = []
        for row in event_rows(record):
            lon, lat = row["longitude"], row["latitude"]
            located = all(isinstance(v, (int, float)) and math.isfinite(v) for v in (lon, lat))
            geometry = {"type": "Point", "coordinates": [lon, lat]} if located else None
            features.append(dumps({"type": "Feature", "geometry": geometry, "properties": row}))
        if not features:
            return ""
        return ("" if self.written == 0 else ",\n") + ",\n".join(features)

    def tail(self) -> str:
        return "\n]}\n"


def _at_start(out: IO[str]) -> bool:
    try:
        return out.tell() == 0
    except (OSError, ValueError, AttributeError):
        return True  # a pipe or the terminal


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
