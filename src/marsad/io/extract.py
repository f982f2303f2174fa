"""Running a pipeline over input records: batching, long texts, error isolation."""
from __future__ import annotations

import functools
import logging
from typing import Iterable, Iterator

from spacy.language import Language

from marsad.errors import Errors
from marsad.io.output import doc_to_record, error_record, merge_records
from marsad.io.records import MAX_CHUNK_CHARS, InputRecord, split_long_text, text_error

logger = logging.getLogger("marsad")


# Records per task sent to a worker process (-j N): large enough that the
# inter-process traffic is noise, small enough to balance the workers.
MIN_WORKER_BATCH = 8


def extract(
    nlp: Language,
    records: Iterable[InputRecord],
    *,
    batch_size: int = 64,
    n_process: int = 1,
    default_date: str | None = None,
    include_text: bool = False,
) -> Iterator[dict]:
    """Yield one output record per input record, in input order.

    A record that fails (bad input, or an exception inside the pipeline) yields
    an error record; the rest of the batch is processed. Relative dates in a
    text resolve against its record's "date", else `default_date`.

    With n_process > 1 the worker processes start here, at the call (before the
    caller starts threads, e.g. a progress bar), and stop when the returned
    iterator is exhausted or closed (see `marsad.io.pool`).
    """
    process = functools.partial(_process_batch, nlp, n_process=1, default_date=default_date, include_text=include_text)
    if n_process > 1:
        from marsad.io.pool import WorkerPool

        pool = WorkerPool(process, n_process)
        task_size = max(MIN_WORKER_BATCH, batch_size // 2)
        return _pooled(pool, _batches(records, task_size))
    return (record for batch in _batches(records, batch_size) for record in process(batch))


def _pooled(pool, batches: Iterator[list[InputRecord]]) -> Iterator[dict]:
    try:
        for out in pool.map(batches):
            yield from out
    finally:
        pool.close()


def _batches(records: Iterable[InputRecord], size: int) -> Iterator[list[InputRecord]]:
    batch: list[InputRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _make_doc(nlp: Language, text: str, date: str | None):
    doc = nlp.make_doc(text)
    doc._.date = date
    return doc


def _process_batch(
    nlp: Language,
    batch: list[InputRecord],
    n_process: int = 1,
    default_date: str | None = None,
    include_text: bool = False,
) -> Iterator[dict]:
    # Each record becomes one or more chunks; chunks are processed together.
    chunks: list[tuple[int, int, str]] = []  # (record index, offset, text)
    invalid: dict[int, str] = {}  # records built in Python, not by read_records, can hold anything
    max_chars = min(MAX_CHUNK_CHARS, nlp.max_length)
    for index, record in enumerate(batch):
        if record.error is None:
            problem = text_error(record.text)
            if problem is not None:
                invalid[index] = problem
                continue
            for offset, text in split_long_text(record.text, max_chars):
                chunks.append((index, offset, text))
    results: dict[int, list[dict]] = {}
    errors: dict[int, str] = {}
    try:
        dates = [batch[index].date or default_date for index, _, _ in chunks]
        docs = nlp.pipe((_make_doc(nlp, text, date) for (_, _, text), date in zip(chunks, dates)), n_process=n_process)
        for (index, offset, _), doc in zip(chunks, docs):
            results.setdefault(index, []).append(doc_to_record(doc, batch[index].id, batch[index].date, offset))
    except Exception as err:  # noqa: BLE001 - isolate the failing record, keep the batch
        logger.warning("Batch failed (%s); retrying record by record", err)
        results, errors = _process_one_by_one(nlp, batch, chunks, default_date)
    errors.update(invalid)
    for index, record in enumerate(batch):
        if record.error is not None:
            yield error_record(record.id, record.error)
        elif index in errors:
            yield error_record(record.id, errors[index])
        else:
            try:
                yield _output_record(nlp, record, results.get(index), include_text)
            except Exception as err:  # noqa: BLE001 - one record never aborts the run
                yield error_record(record.id, Errors.E010.format(err=f"{type(err).__name__}: {err}"))


def _output_record(nlp: Language, record: InputRecord, parts: list[dict] | None, include_text: bool) -> dict:
    parts = parts or [doc_to_record(nlp.make_doc(""), record.id, record.date)]
    out = merge_records(parts) if len(parts) > 1 else parts[0]
    if record.meta:
        out["meta"] = record.meta
    if include_text:
        out["text"] = record.text
    return out


def _process_one_by_one(nlp: Language, batch, chunks, default_date: str | None = None):
    results: dict[int, list[dict]] = {}
    errors: dict[int, str] = {}
    for index, offset, text in chunks:
        if index in errors:
            continue
        try:
            doc = nlp(_make_doc(nlp, text, batch[index].date or default_date))
        except Exception as err:  # noqa: BLE001
            errors[index] = Errors.E010.format(err=f"{type(err).__name__}: {err}")
            results.pop(index, None)
            continue
        results.setdefault(index, []).append(doc_to_record(doc, batch[index].id, batch[index].date, offset))
    return results, errors
