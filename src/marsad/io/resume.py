"""Resuming an interrupted extraction into a JSONL output file.

``marsad extract news.jsonl -o out.jsonl --resume`` after a crash or a kill:

1. `prepare_resume` reads the ids already in out.jsonl. A last line cut off in
   the middle (no newline and not a complete JSON object, or not valid UTF-8)
   is truncated away: its record is done again. A complete last record that
   only lacks its newline is kept and the newline added.
2. `skip_finished` drops the input records already written;
3. the remaining output records are appended to the file.

Order: the extractor writes records in input order, so an interrupted file
holds a prefix of the input and the appended records continue it; the
resumed file has every record exactly once, in input order. (If the input
changed between the runs, already written records stay where they are and
the rest follow in the new input order.)

Records are matched by id. A record whose id occurs k times in the output is
skipped the first k times it occurs in the input, so repeated ids resume
correctly too. Error records count as finished: a record that failed is not
retried (delete its line, or the file, to retry it).

Only the last line may be broken: a broken line followed by good ones means
the file is not an interrupted marsad output, and `ResumeError` is raised
rather than touching it.
"""
from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, TypeVar

import srsly

from marsad.errors import Errors, InputError

logger = logging.getLogger("marsad")

T = TypeVar("T")


class ResumeError(InputError):
    """The output file cannot be resumed."""


class FinishedIds(set):
    """The ids already written (a set), with how often each was written (`counts`)."""

    def __init__(self, counts: Counter | None = None) -> None:
        counts = Counter(counts or {})
        super().__init__(counts)
        self.counts = counts


@dataclass
class _Scan:
    counts: Counter = field(default_factory=Counter)
    good_end: int = 0  # byte offset just after the last complete record (and its newline, if any)
    size: int = 0
    broken_line: int | None = None  # number of a broken last line
    missing_newline: bool = False  # the last complete record has no newline after it


def _record_id(line: bytes) -> str | None:
    try:
        obj = srsly.json_loads(line.decode("utf8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        return None
    return obj["id"]


def _scan(path: Path) -> _Scan:
    scan = _Scan()
    if not path.exists():
        return scan
    pos = 0
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            end = pos + len(line)
            if line.strip():
                record_id = _record_id(line)
                if record_id is None:
                    if scan.broken_line is not None:
                        raise ResumeError(_corrupt(path, scan.broken_line))
                    scan.broken_line = number
                else:
                    if scan.broken_line is not None:
                        raise ResumeError(_corrupt(path, scan.broken_line))
                    scan.counts[record_id] += 1
                    scan.good_end = end
                    scan.missing_newline = not line.endswith(b"\n")
            pos = end
    scan.size = pos
    return scan


MARSAD_KEYS = ("id", "casualties", "places", "actors")


def check_resumable(path: str | Path, first_input_id: str, input_ids) -> None:
    """Refuse to append to a file that is not marsad output for this input.

    The first line must be a marsad record (it has the keys of every output
    record, error records included) whose id is an input id: the output of an
    interrupted run is a prefix of the input in input order, so it is normally
    `first_input_id`; `input_ids()` (a callable giving the ids) is read only
    when it is not, e.g. when the input changed between the runs.

    RAISES (ResumeError): E026 saying why.
    """
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        line = next((line for line in f if line.strip()), b"")
    try:
        obj = srsly.json_loads(line.decode("utf8"))
    except (UnicodeDecodeError, ValueError):
        obj = None
    if obj is None and not line.endswith(b"\n"):
        return  # the only line was cut off by the interruption: prepare_resume drops it
    if not isinstance(obj, dict) or not all(key in obj for key in MARSAD_KEYS):
        raise ResumeError(Errors.E026.format(path=path, why="its first line is not a marsad output record"))
    if obj["id"] == first_input_id or obj["id"] in set(input_ids()):
        return
    raise ResumeError(Errors.E026.format(path=path, why=f"its first record {obj['id']!r} is not in the input"))


def _corrupt(path: Path, number: int) -> str:
    return Errors.E012.format(path=path, line=number)


def finished_counts(path: str | Path) -> Counter:
    """How many times each id was written to `path` (empty if it does not exist).
    A broken last line is ignored; the file is not changed."""
    return Counter(_scan(Path(path)).counts)


def finished_ids(path: str | Path) -> set[str]:
    """The ids of the records already written to `path` (empty if it does not
    exist). A broken last line is ignored; the file is not changed."""
    return FinishedIds(_scan(Path(path)).counts)


def prepare_resume(path: str | Path) -> FinishedIds:
    """Make `path` ready for appending and return the ids already written.

    A broken last line (an interrupted write) is truncated away, so its record
    is processed again; a complete last record without its newline gets one.
    Trailing blank lines are dropped. A missing file is fine (nothing is done).

    RETURNS (FinishedIds): a set of ids, with `.counts` for repeated ids.
    RAISES (ResumeError): when a broken line is followed by good ones.
    """
    path = Path(path)
    scan = _scan(path)
    if not path.exists():
        return FinishedIds()
    if scan.good_end < scan.size:
        if scan.broken_line is not None:
            logger.warning(
                "Resuming %s: dropped the incomplete line %d (%d bytes); its record is done again",
                path, scan.broken_line, scan.size - scan.good_end,
            )
        os.truncate(path, scan.good_end)
    if scan.missing_newline:
        with path.open("ab") as f:
            f.write(b"\n")
    return FinishedIds(scan.counts)


def skip_finished(records: Iterable[T], finished: set[str] | Counter) -> Iterator[T]:
    """The records not written yet, in input order.

    records: InputRecord objects (or anything with an `id`) or dicts with "id".
    finished: from `prepare_resume` (or a Counter of ids); with a plain set, every
        record whose id is in it is skipped.
    """
    counts = getattr(finished, "counts", finished)
    remaining = Counter(counts) if isinstance(counts, Counter) else None
    for record in records:
        record_id = record.get("id") if isinstance(record, dict) else getattr(record, "id", None)
        record_id = None if record_id is None else str(record_id)
        if remaining is None:
            if record_id in finished:
                continue
        elif remaining.get(record_id, 0) > 0:
            remaining[record_id] -= 1
            continue
        yield record
