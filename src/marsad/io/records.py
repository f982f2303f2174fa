"""Reading input records (txt, directories, JSONL, CSV, stdin) and running the pipeline over them.

Every input record yields exactly one output record, in input order. A record
that cannot be read or processed yields {"id": ..., "error": "..."} and the
batch goes on.
"""
from __future__ import annotations

import csv
import datetime
import io
import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import srsly

from marsad.errors import Errors, InputError

logger = logging.getLogger("marsad")

# Long texts are processed in chunks of at most this many characters, cut at
# paragraph or sentence ends, so a 5 MB document neither hits nlp.max_length nor
# blows up memory.
MAX_CHUNK_CHARS = 50_000

_BOM = b"\xef\xbb\xbf"
# Unpaired UTF-16 surrogates (U+D800-U+DFFF) are valid in a Python str (a JSON
# "\ud800" escape produces one) but cannot be encoded as UTF-8: spaCy's string
# store, and any JSON output, would fail on them. Records holding one are
# rejected with E011 instead.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
E011 = Errors.E011


@dataclass
class InputRecord:
    id: str
    text: str | None = None
    date: str | None = None
    error: str | None = None
    meta: dict | None = None


def read_records(source: str | Path) -> Iterator[InputRecord]:
    """Records from a .txt file, a directory of .txt files, a .jsonl/.csv file, or "-" for stdin."""
    if str(source) == "-":
        yield from _read_stream(sys.stdin.buffer.read(), "stdin")
        return
    path = Path(source)
    if not path.exists():
        raise InputError(Errors.E001.format(path=path))
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.txt") if p.is_file())
        for file in files:
            yield _read_text_file(file, str(file.relative_to(path).with_suffix("")))
        return
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        yield from _read_jsonl_bytes(path.read_bytes(), path.stem)
    elif suffix == ".csv":
        yield from _read_csv(path)
    elif suffix in (".txt", ".text", ""):
        yield _read_text_file(path, path.stem)
    else:
        raise InputError(Errors.E006.format(path=path))


def count_records(source: str | Path) -> int | None:
    """Cheap record count for the progress bar (None when unknown)."""
    path = Path(str(source))
    if str(source) == "-" or not path.exists():
        return None
    if path.is_dir():
        return sum(1 for p in path.rglob("*.txt") if p.is_file())
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    return None


def _read_text_file(path: Path, record_id: str) -> InputRecord:
    try:
        return InputRecord(record_id, path.read_bytes().decode("utf8"))
    except UnicodeDecodeError as err:
        return InputRecord(record_id, error=Errors.E005.format(path=path, err=err))


def _read_stream(data: bytes, name: str) -> Iterator[InputRecord]:
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if data.lstrip()[:1] == b"{":
        yield from _read_jsonl_bytes(data, name)
        return
    try:
        yield InputRecord(name, data.decode("utf8"))
    except UnicodeDecodeError as err:
        yield InputRecord(name, error=Errors.E005.format(path=name, err=err))


def _read_jsonl_bytes(data: bytes, name: str) -> Iterator[InputRecord]:
    if data.startswith(_BOM):  # written by some Windows tools; not part of the first record
        data = data[len(_BOM):]
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        fallback_id = f"{name}:{number}"
        try:
            line = raw.decode("utf8")
        except UnicodeDecodeError as err:
            yield InputRecord(fallback_id, error=Errors.E005.format(path=fallback_id, err=err))
            continue
        try:
            obj = srsly.json_loads(line)
        except ValueError as err:
            yield InputRecord(fallback_id, error=Errors.E002.format(line=number, err=err))
            continue
        if _SURROGATE_ESCAPE.search(raw):
            field = _surrogate_field(obj)
            if field is not None:
                yield InputRecord(_clean_id(obj, fallback_id), error=E011.format(line=number, field=field))
                continue
        yield _record_from_object(obj, number, fallback_id)


def _surrogate_field(obj, field: str = "") -> str | None:
    """The first place (a key path such as "text" or "meta.title") in a decoded JSON
    value that holds an unpaired surrogate, or None."""
    if isinstance(obj, str):
        return (field or "value") if _SURROGATE.search(obj) else None
    if isinstance(obj, dict):
        for key, value in obj.items():
            path = f"{field}.{key}" if field else str(key)
            if isinstance(key, str) and _SURROGATE.search(key):
                return path
            found = _surrogate_field(value, path)
            if found is not None:
                return found
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found = _surrogate_field(value, f"{field}[{i}]")
            if found is not None:
                return found
    return None


def text_error(text) -> str | None:
    """Why `text` cannot be processed (None when it can): not a str, or a str with
    unpaired surrogates, which no UTF-8 based component can handle."""
    if not isinstance(text, str):
        return f"[E003] Record has no usable 'text' field (got {type(text).__name__})"
    if _SURROGATE.search(text):
        return Errors.E011_TEXT
    return None


def record_from_dict(obj, number: int = 0, fallback_id: str | None = None) -> InputRecord:
    """An InputRecord from a dict with "id", "text" and optional "date" (other keys
    go to `meta`), validated exactly as JSONL and CSV records are. An InputRecord
    is returned as it is.

    number (int): the record's position, for error messages and the fallback id.
    fallback_id (str | None): the id when the dict has none; default "record:{number}".
    """
    if isinstance(obj, InputRecord):
        return obj
    fallback_id = fallback_id or f"record:{number}"
    field = _surrogate_field(obj)
    if field is not None:
        return InputRecord(_clean_id(obj, fallback_id), error=E011.format(line=number, field=field))
    return _record_from_object(obj, number, fallback_id)


def _clean_id(obj, fallback_id: str) -> str:
    """The record's id when it can be written out (no surrogates), else the fallback."""
    record_id = obj.get("id") if isinstance(obj, dict) else None
    if record_id in (None, "") or _surrogate_field(record_id) is not None:
        return fallback_id
    return str(record_id)


def _read_csv(path: Path) -> Iterator[InputRecord]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        yield InputRecord(path.stem, error=Errors.E005.format(path=path, err=err))
        return
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        yield _record_from_object(dict(row), number, f"{path.stem}:{number}")


def _record_from_object(obj, number: int, fallback_id: str) -> InputRecord:
    if not isinstance(obj, dict):
        return InputRecord(fallback_id, error=Errors.E004.format(line=number))
    record_id = str(obj["id"]) if obj.get("id") not in (None, "") else fallback_id
    text = obj.get("text")
    if not isinstance(text, str):
        return InputRecord(record_id, error=Errors.E003.format(line=number, kind=type(text).__name__))
    date = obj.get("date") or None
    if date is not None:
        try:
            datetime.date.fromisoformat(str(date)[:10])
        except ValueError:
            return InputRecord(record_id, error=Errors.E009.format(line=number, value=date))
    meta = {k: v for k, v in obj.items() if k not in ("id", "text", "date")}
    return InputRecord(record_id, text, str(date)[:10] if date else None, meta=meta or None)


def split_long_text(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """Cut text into (offset, chunk) pieces of at most max_chars, at paragraph,
    sentence or space boundaries where possible."""
    if len(text) <= max_chars:
        return [(0, text)]
    pieces = []
    start = 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("."))
            if cut < max_chars // 2:
                cut = window.rfind(" ")
            if cut > 0:
                end = start + cut + 1
        pieces.append((start, text[start:end]))
        start = end
    return pieces
