"""SIGINT/SIGTERM for the command line: stop cleanly, never mid-write.

Inside `InterruptGuard`, SIGINT and SIGTERM raise `Interrupted` in the main
thread, so the command can stop its worker processes, close the output (a
writer's close() finishes GeoJSON and HTML) and say how far it got. While a
record is being written (`guard.deferred()`), the signal waits until the
record is complete; after the first signal, further ones are ignored so the
cleanup is not cut short.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """A SIGINT or SIGTERM arrived (BaseException: `except Exception` must not swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 130 for SIGINT, 143 for SIGTERM


class InterruptGuard:
    def __init__(self) -> None:
        self._deferring = 0
        self._pending: int | None = None
        self._stopping = False
        self._previous: dict[int, object] = {}

    def _handle(self, signum: int, frame) -> None:
        if self._stopping:
            return
        if self._deferring:
            self._pending = signum
            return
        self._stopping = True
        raise Interrupted(signum)

    def __enter__(self) -> "InterruptGuard":
        if threading.current_thread() is threading.main_thread():
            for signum in SIGNALS:
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    @contextmanager
    def deferred(self) -> Iterator[None]:
        """A section that a signal does not cut: it is raised at the end."""
        self._deferring += 1
        try:
            yield
        finally:
            self._deferring -= 1
            if not self._deferring and self._pending is not None and not self._stopping:
                signum, self._pending = self._pending, None
                self._stopping = True
                raise Interrupted(signum)
