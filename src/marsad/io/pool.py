"""Worker processes for `marsad extract -j N`.

Each worker gets the pipeline once (inherited by fork on Linux, pickled once
elsewhere) and processes whole batches of records with the same function a
single process uses, so the output is identical to -j 1, in input order.

Shutdown is the point of this module (spaCy's `nlp.pipe(n_process=...)` left
orphans and hung on Ctrl-C):

- workers ignore SIGINT: Ctrl-C to the process group reaches the parent, which
  stops them; no worker tracebacks;
- workers die with their parent: PR_SET_PDEATHSIG on Linux, and a watchdog
  thread that checks the parent pid once a second everywhere (it also covers
  the moment between fork and prctl);
- when the consumer stops early (an exception, an interrupt, `close()`), the
  workers are terminated, then killed after a grace period;
- a worker that dies (killed, out of memory, a crash in C code) turns the
  batches it held into error records (E010) and is replaced;
- each worker writes its results on its own pipe, synchronously: a worker
  killed in the middle of a write can break only its own pipe. (A shared
  multiprocessing.Queue has one write lock; a worker killed while its feeder
  thread held it blocked every other worker, and the run, forever.)
"""
from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_for_any
from typing import Callable, Iterable, Iterator

from marsad.errors import Errors

logger = logging.getLogger("marsad")

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
POLL_SECONDS = 0.2
TERMINATE_GRACE_SECONDS = 2.0


def die_with_parent(parent_pid: int) -> None:
    """Make this process exit when `parent_pid` is no longer its parent."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # no prctl (e.g. musl without it): the watchdog remains
            pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=watch, name="marsad-parent-watchdog", daemon=True).start()


def _worker_main(process_batch: Callable, tasks, results, parent_pid: int) -> None:
    """`results` is this worker's own pipe end; `send` writes there before the
    next batch starts, so no thread is left writing when the worker dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a handler inherited by fork would not exit
    die_with_parent(parent_pid)
    while True:
        task = tasks.get()
        if task is None:
            return
        index, batch = task
        try:
            out = list(process_batch(batch))
        except Exception as err:  # noqa: BLE001 - the batch fails, the worker goes on
            out = [_failed(record.id, f"{type(err).__name__}: {err}") for record in batch]
        results.send((index, out))


def _failed(record_id, why: str) -> dict:
    from marsad.io.output import error_record

    return error_record(record_id, Errors.E010.format(err=why))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    tasks: object  # a multiprocessing Queue of (index, batch) or None
    results: object  # the reading end of this worker's own pipe
    pending: deque = field(default_factory=deque)


class WorkerPool:
    """`n_workers` processes running `process_batch(list_of_records) -> iterable of dicts`."""

    def __init__(self, process_batch: Callable, n_workers: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        # fork shares the loaded pipeline copy-on-write; macOS's fork is unsafe with system libraries.
        method = "fork" if "fork" in methods and sys.platform.startswith("linux") else "spawn"
        self._context = multiprocessing.get_context(method)
        self._process_batch = process_batch
        self._workers = [self._start() for _ in range(n_workers)]
        self._closed = False

    def _start(self) -> _Worker:
        tasks = self._context.Queue()
        results, results_writer = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_worker_main, args=(self._process_batch, tasks, results_writer, os.getpid()),
            name="marsad-worker", daemon=True,
        )
        process.start()
        results_writer.close()  # the worker holds the only writer: its death reads as EOF here
        return _Worker(process, tasks, results)

    def map(self, batches: Iterable[list]) -> Iterator[list[dict]]:
        """The output of each batch, in input order. At most two batches per
        worker are in flight, so memory stays bounded on any input size."""
        batches = iter(batches)
        held: dict[int, list] = {}  # batches sent and not returned
        done: dict[int, list[dict]] = {}
        submitted = returned = 0
        exhausted = False
        try:
            while True:
                while not exhausted and len(held) < 2 * len(self._workers):
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    worker = min(self._workers, key=lambda w: len(w.pending))
                    worker.tasks.put((submitted, batch))
                    worker.pending.append(submitted)
                    held[submitted] = batch
                    submitted += 1
                while returned in done:
                    yield done.pop(returned)
                    returned += 1
                if exhausted and not held and not done:
                    return
                ready = wait_for_any([w.results for w in self._workers], timeout=POLL_SECONDS)
                if not ready:
                    self._replace_dead_workers(held, done)
                    continue
                for worker in [w for w in self._workers if w.results in ready]:
                    try:
                        index, out = worker.results.recv()
                    except Exception:  # noqa: BLE001 - EOF or a torn message: the worker is gone
                        self._replace(worker, held, done)
                        continue
                    if held.pop(index, None) is not None:
                        if index in worker.pending:
                            worker.pending.remove(index)
                        done[index] = out
        finally:
            self.close(wait=exhausted and not held)

    def _replace_dead_workers(self, held: dict, done: dict) -> None:
        for worker in list(self._workers):
            if not worker.process.is_alive():
                self._replace(worker, held, done)

    def _replace(self, worker: _Worker, held: dict, done: dict) -> None:
        """The worker's batches become error records; a new worker takes its slot."""
        if worker.process.is_alive():  # a torn message from a live worker: do not trust it further
            worker.process.kill()
        worker.process.join(TERMINATE_GRACE_SECONDS)
        why = f"worker process {worker.process.pid} died (exit code {worker.process.exitcode})"
        logger.warning("%s; its %d batch(es) become error records", why, len(worker.pending))
        for index in worker.pending:
            batch = held.pop(index, None)
            if batch is not None:
                done[index] = [_failed(record.id, why) for record in batch]
        worker.tasks.cancel_join_thread()
        worker.results.close()
        self._workers[self._workers.index(worker)] = self._start()

    def close(self, wait: bool = False) -> None:
        """Stop the workers: let them finish (wait=True), else terminate them now."""
        if self._closed:
            return
        self._closed = True
        for worker in self._workers:
            if wait:
                worker.tasks.put(None)
            else:
                worker.tasks.cancel_join_thread()  # do not block exit on undelivered tasks
                worker.process.terminate()
        deadline = time.monotonic() + TERMINATE_GRACE_SECONDS
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(1.0)
            worker.results.close()
