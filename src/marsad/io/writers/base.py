"""The writer protocol: `write(record)` per output record, then `close()`.

Serialising one record never raises out of `write()`: a record that cannot
be written (a non-finite number, a lone surrogate, nesting too deep for the
encoder) becomes an error record (`error_text`) or is skipped and counted,
and the run goes on. Each record reaches the stream in one `write` call, so an
interruption between records leaves whole records; `close()` writes the tail
once (it is idempotent) and is safe after an interrupt or a closed stream.
"""
from __future__ import annotations

import logging
from typing import IO

logger = logging.getLogger("marsad")


class Writer:
    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.encoding = getattr(out, "encoding", None) or "utf-8"
        self.closed = False
        self.failed = 0  # records written as an error record or skipped
        self.written = 0  # records written in full (with some text)

    def serialise(self, record: dict) -> str:
        """The text of one record (may be empty)."""
        raise NotImplementedError

    def error_text(self, record: object, message: str) -> str:
        """What to write instead of a record that cannot be serialised ("": skip it)."""
        return ""

    def head(self) -> str:
        return ""

    def tail(self) -> str:
        return ""

    def write(self, record: dict) -> None:
        if self.closed:
            raise ValueError("write() after close()")
        try:
            text = self.serialise(record)
            text.encode(self.encoding)  # a lone surrogate fails here, before anything is written
            self.written += bool(text)
        except Exception as err:  # noqa: BLE001 - one bad record must not end the run
            self.failed += 1
            message = f"output record could not be serialised: {type(err).__name__}: {_short(err)}"
            logger.warning("%s (record %s)", message, _record_id(record))
            text = self.error_text(record, message)
        if text:
            self.out.write(text)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if getattr(self.out, "closed", False):
            return
        tail = self.tail()
        if tail:
            self.out.write(tail)
        self.out.flush()


def _short(err: Exception, limit: int = 200) -> str:
    text = str(err).encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + "..."


def _record_id(record: object) -> str | None:
    """The record's id as safe text (a lone surrogate is escaped)."""
    record_id = record.get("id") if isinstance(record, dict) else None
    if record_id is None:
        return None
    return str(record_id).encode("utf-8", "backslashreplace").decode("utf-8")
