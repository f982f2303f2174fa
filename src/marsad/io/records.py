"""Reading input records (txt, directories, JSONL, CSV, stdin) and running the pipeline over them.

Every input record yields exactly one output record, in input order. A record
that cannot be read or processed yields {"id": ..., "error": "..."} and the
batch goes on.
"""
from __future__ import annotations

import codecs
import csv
import datetime
import io
import logging
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import srsly

from marsad.errors import Errors, InputError, Warnings
from marsad.text.script import LETTERS

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
_ARABIC = re.compile(f"[{LETTERS}]")
# Extra fields nested deeper than this make the record an error record (E016):
# deeper values cannot be written back by JSON encoders with recursion limits.
MAX_NESTING = 100
# csv's default field limit is 131,072 characters; a long article is more.
CSV_FIELD_LIMIT = 2**31 - 1


@dataclass
class InputRecord:
    id: str
    text: str | None = None
    date: str | None = None
    error: str | None = None
    meta: dict | None = None


def read_records(source: str | Path, *, text_column: str = "text", encoding: str = "utf-8") -> Iterator[InputRecord]:
    """Records from a .txt file, a directory of .txt files, a .jsonl/.csv file, or "-" for stdin.

    stdin is JSONL when its first non-blank character is "{", else one text.
    text_column: the JSONL key or CSV column holding the text.
    encoding: of the input bytes (default UTF-8, a BOM is dropped).

    RAISES (InputError): for a problem with the whole input (missing file, no
        records in a directory, a CSV without the text column, undecodable
        text); a problem with one record gives that record's error record.
    """
    _check_encoding(encoding)
    if str(source) == "-":
        yield from _read_stream(sys.stdin.buffer.read(), "stdin", text_column, encoding)
        return
    path = Path(source)
    if not path.exists():
        raise InputError(Errors.E001.format(path=path))
    if path.is_dir():
        files = directory_files(path)
        if not files:
            raise InputError(Errors.E015.format(path=path, why=" (no .txt files)"))
        for file in files:
            yield _read_text_file(file, str(file.relative_to(path).with_suffix("")), encoding)
        return
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        yield from _read_jsonl_bytes(path.read_bytes(), path.stem, text_column, encoding, path)
    elif suffix == ".csv":
        yield from _read_csv(path, text_column, encoding)
    elif suffix in (".txt", ".text", ""):
        data = path.read_bytes()
        yield InputRecord(path.stem, decode(data, encoding, path))
    else:
        raise InputError(Errors.E006.format(path=path))


def directory_files(directory: Path) -> list[Path]:
    """The .txt files under `directory`, sorted; symbolic links that lead outside
    it are skipped (with W003), so a link cannot pull in files from elsewhere."""
    root = directory.resolve()
    files = []
    for path in sorted(directory.rglob("*.txt")):
        if not path.is_file():
            continue
        target = path.resolve()
        if target != root and root not in target.parents:
            logger.warning(Warnings.W003.format(path=path, target=target))
            continue
        files.append(path)
    return files


def count_records(source: str | Path) -> int | None:
    """Cheap record count for the progress bar (None when unknown)."""
    path = Path(str(source))
    if str(source) == "-" or not path.exists():
        return None
    if path.is_dir():
        return len(directory_files(path))
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    return None


def _check_encoding(encoding: str) -> None:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(Errors.E025.format(encoding=encoding)) from None


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name == "utf-8"


def decode(data: bytes, encoding: str, path) -> str:
    """`data` as text; a UTF-8 BOM is dropped. RAISES (InputError): E014 with a
    hint at --encoding (cp1256 when the bytes read as Windows Arabic)."""
    try:
        return data.decode("utf-8-sig" if _is_utf8(encoding) else encoding)
    except UnicodeDecodeError as err:
        raise InputError(Errors.E014.format(path=path, err=err, hint=encoding_hint(data, encoding))) from None


def encoding_hint(data: bytes, encoding: str) -> str:
    if _is_utf8(encoding):
        try:
            if _ARABIC.search(data.decode("cp1256")):
                return "it reads as Windows Arabic: pass --encoding cp1256"
        except UnicodeDecodeError:
            pass
    return "pass the file's encoding with --encoding ENC (e.g. cp1256, iso-8859-6)"


def _read_text_file(path: Path, record_id: str, encoding: str = "utf-8") -> InputRecord:
    """One file of a directory: a file that cannot be decoded is an error record."""
    try:
        return InputRecord(record_id, decode(path.read_bytes(), encoding, path))
    except (InputError, OSError) as err:
        return InputRecord(record_id, error=str(err))


def _read_stream(data: bytes, name: str, text_column: str = "text", encoding: str = "utf-8") -> Iterator[InputRecord]:
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if data.lstrip()[:1] == b"{":
        yield from _read_jsonl_bytes(data, name, text_column, encoding, name)
        return
    yield InputRecord(name, decode(data, encoding, name))


def _read_jsonl_bytes(
    data: bytes, name: str, text_column: str = "text", encoding: str = "utf-8", path=None
) -> Iterator[InputRecord]:
    if data.startswith(_BOM):  # written by some Windows tools; not part of the first record
        data = data[len(_BOM):]
    codec = "utf-8" if _is_utf8(encoding) else encoding
    seen_good_line = False
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        fallback_id = f"{name}:{number}"
        try:
            line = raw.decode(codec)
        except UnicodeDecodeError as err:
            if not seen_good_line:  # the whole file is in another encoding
                raise InputError(Errors.E014.format(path=path or name, err=err, hint=encoding_hint(data, encoding))) from None
            yield InputRecord(fallback_id, error=Errors.E005.format(path=fallback_id, err=err))
            continue
        seen_good_line = True
        try:
            obj = srsly.json_loads(line)
        except ValueError as err:
            yield InputRecord(fallback_id, error=Errors.E002.format(line=number, err=err))
            continue
        except Exception as err:  # noqa: BLE001 - e.g. RecursionError: one record never aborts the run
            yield InputRecord(fallback_id, error=Errors.E002.format(line=number, err=f"{type(err).__name__}: {err}"))
            continue
        yield _safe_record(obj, number, fallback_id, text_column, check_surrogates=bool(_SURROGATE_ESCAPE.search(raw)))


def _safe_record(obj, number: int, fallback_id: str, text_column: str, check_surrogates: bool = True) -> InputRecord:
    """`_record_from_object` with every exception turned into an error record."""
    try:
        return _record_from_object(obj, number, fallback_id, text_column, check_surrogates)
    except Exception as err:  # noqa: BLE001 - one record never aborts the run
        return InputRecord(fallback_id, error=Errors.E010.format(err=f"{type(err).__name__}: {err}"))


@dataclass
class _ValueScan:
    surrogate: str | None = None  # key path of the first string with an unpaired surrogate
    too_deep: str | None = None  # top-level key of a value nested deeper than MAX_NESTING
    non_finite: list[str] = field(default_factory=list)  # key paths of inf/nan numbers


def _scan_value(obj, surrogates: bool = True, limit: int = MAX_NESTING) -> _ValueScan:
    """Walk a decoded JSON value without recursion (a hostile record can nest
    thousands of levels): unpaired surrogates, excessive depth, non-finite numbers."""
    scan = _ValueScan()
    stack = [(obj, "", 0)]
    while stack and scan.surrogate is None and scan.too_deep is None:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            if surrogates and _SURROGATE.search(value):
                scan.surrogate = path or "value"
        elif isinstance(value, float):
            if not math.isfinite(value):
                scan.non_finite.append(path or "value")
        elif isinstance(value, (dict, list)):
            if depth >= limit:
                scan.too_deep = re.split(r"[.\[]", path, maxsplit=1)[0] or "value"
                continue
            if isinstance(value, dict):
                children = []
                for key, child in value.items():
                    child_path = f"{path}.{key}" if path else str(key)
                    if surrogates and isinstance(key, str) and _SURROGATE.search(key):
                        scan.surrogate = child_path
                        break
                    children.append((child, child_path, depth + 1))
            else:
                children = [(child, f"{path}[{i}]", depth + 1) for i, child in enumerate(value)]
            stack.extend(reversed(children))
    return scan


def _surrogate_field(obj, field: str = "") -> str | None:
    """The first place (a key path such as "text" or "meta.title") in a decoded JSON
    value that holds an unpaired surrogate, or None."""
    found = _scan_value(obj).surrogate
    if found is not None and field:
        return found if found == "value" else f"{field}.{found}"
    return found


def _finite(value):
    """`value` with inf/nan numbers as strings (depth is bounded by MAX_NESTING)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {key: _finite(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_finite(child) for child in value]
    return value


def text_error(text) -> str | None:
    """Why `text` cannot be processed (None when it can): not a str, or a str with
    unpaired surrogates, which no UTF-8 based component can handle."""
    if not isinstance(text, str):
        return f"[E003] Record has no usable 'text' field (got {type(text).__name__})"
    if _SURROGATE.search(text):
        return Errors.E011_TEXT
    return None


def record_from_dict(obj, number: int = 0, fallback_id: str | None = None, text_column: str = "text") -> InputRecord:
    """An InputRecord from a dict with "id", "text" and optional "date" (other keys
    go to `meta`), validated exactly as JSONL and CSV records are. An InputRecord
    is returned as it is.

    number (int): the record's position, for error messages and the fallback id.
    fallback_id (str | None): the id when the dict has none; default "record:{number}".
    """
    if isinstance(obj, InputRecord):
        return obj
    return _safe_record(obj, number, fallback_id or f"record:{number}", text_column)


def _clean_id(obj, fallback_id: str) -> str:
    """The record's id when it can be written out (a string, number or bool
    without surrogates), else the fallback."""
    record_id = obj.get("id") if isinstance(obj, dict) else None
    if isinstance(record_id, float) and not math.isfinite(record_id):
        return str(record_id)
    if record_id in (None, "") or not isinstance(record_id, (str, int, float)) or _SURROGATE.search(str(record_id)):
        return fallback_id
    return str(record_id)


def _read_csv(path: Path, text_column: str = "text", encoding: str = "utf-8") -> Iterator[InputRecord]:
    text = decode(path.read_bytes(), encoding, path)
    if not text.strip():
        return
    csv.field_size_limit(CSV_FIELD_LIMIT)  # the default, 131,072 characters, is a short article
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    if text_column not in columns:
        found = ", ".join(repr(c) for c in columns) if columns else "none (empty file)"
        raise InputError(Errors.E013.format(path=path, column=text_column, found=found))
    number = 1
    while True:
        number += 1
        fallback_id = f"{path.stem}:{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield InputRecord(fallback_id, error=Errors.E002.format(line=number, err=f"CSV: {err}"))
            continue
        if None in row:  # more fields than the header names
            row["_extra"] = row.pop(None)
        yield _safe_record(row, number, fallback_id, text_column)


def _record_from_object(obj, number: int, fallback_id: str, text_column: str = "text", check_surrogates: bool = True) -> InputRecord:
    if not isinstance(obj, dict):
        return InputRecord(fallback_id, error=Errors.E004.format(line=number))
    scan = _scan_value(obj, surrogates=check_surrogates)
    if scan.surrogate is not None:
        return InputRecord(_clean_id(obj, fallback_id), error=E011.format(line=number, field=scan.surrogate))
    if scan.too_deep is not None:
        return InputRecord(_clean_id(obj, fallback_id), error=Errors.E016.format(line=number, field=scan.too_deep, limit=MAX_NESTING))
    record_id = _clean_id(obj, fallback_id)
    if scan.non_finite:
        logger.warning(Warnings.W004.format(id=record_id, fields=", ".join(scan.non_finite[:5])))
        obj = _finite(obj)
    text = obj.get(text_column)
    if not isinstance(text, str):
        return InputRecord(record_id, error=Errors.E003.format(line=number, kind=type(text).__name__))
    date = obj.get("date") or _publication_date(obj)
    if date is not None:
        try:
            datetime.date.fromisoformat(str(date)[:10])
        except ValueError:
            return InputRecord(record_id, error=Errors.E009.format(line=number, value=date))
    meta = {k: v for k, v in obj.items() if k not in ("id", text_column, "date")}
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


# Keys other datasets give the publication date under (SaudiNewsNet: date_extracted); used only when
# "date" is absent, and only when they hold an ISO date.
PUBLICATION_DATE_KEYS = ("date_extracted", "published", "publication_date", "pub_date")


def _publication_date(obj: dict) -> str | None:
    for key in PUBLICATION_DATE_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and len(value) >= 10:
            try:
                datetime.date.fromisoformat(value[:10])
            except ValueError:
                continue
            return value[:10]
    return None

