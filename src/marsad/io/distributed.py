"""Running marsad on a Dask cluster (`dask.distributed`).

Install the extra first: ``pip install "marsad[dask]"``.

Every worker process loads the pipeline ONCE, on its first task (or in
`warm_up`), and keeps it in a module-level cache keyed by model name; tasks
only ship model names and records, never the pipeline. Each partition is run
through `marsad.io.extract.extract`, the same function the command line uses, so
the output records are exactly the dicts a single process produces, with the
same error isolation: a record that cannot be read or processed becomes an
error record (``{"id": ..., "error": "..."}``), the rest go on.

Bags of records::

    import dask.bag as db
    from marsad.io.distributed import extract_bag, write_jsonl

    bag = db.read_text("news/*.jsonl").filter(str.strip).map(json.loads)  # dicts: id, text[, date]
    write_jsonl(extract_bag(bag), "out/")                    # out/part-00000.jsonl, ...

Data frames (one row per record; the output is parquet friendly)::

    import dask.dataframe as dd
    from marsad.io.distributed import extract_dataframe

    out = extract_dataframe(dd.read_parquet("news/"), text_column="text", id_column="id", date_column="date")
    out.to_parquet("out/")          # columns id, date, error, record (the output record as JSON)

A stream, in input order, on an existing cluster or a LocalCluster (this is
what ``marsad extract --engine dask [--scheduler ADDRESS]`` runs)::

    from marsad.io.distributed import extract_with_dask
    for record in extract_with_dask(read_records("news.jsonl"), scheduler_address="tcp://10.0.0.5:8786"):
        ...

Input records are `marsad.io.records.InputRecord` objects or dicts with "id",
"text" and optional "date" (other keys go to "meta"), validated exactly as
JSONL records are. A dict without an id gets the fallback id "record:N", N its 1-based
position in the whole input (in `extract_dataframe`: "row:LABEL", its index
label).

A ``model`` is a name for `spacy.load` (an installed package, or a directory
that every worker can read); None builds the default pipeline with
`marsad.load()`.
"""
from __future__ import annotations

import datetime
import logging
import math
import threading
from collections import deque
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import srsly

from marsad.errors import Errors
from marsad.io.extract import extract
from marsad.io.output import error_record
from marsad.io.records import InputRecord, record_from_dict

if TYPE_CHECKING:  # dask is an optional dependency
    import dask.bag
    import dask.dataframe
    import pandas
    from distributed import Client
    from spacy.language import Language

logger = logging.getLogger("marsad")

DEFAULT_MODEL = "marsad.load()"
DEFAULT_PARTITION_SIZE = 256
#: Columns of the data frame `extract_dataframe` returns.
FRAME_COLUMNS = ("id", "date", "error", "record")

# ------------------------------------------------------------------ worker side
_PIPELINES: dict[str, "Language"] = {}
_LOCKS: dict[str, threading.Lock] = {}
_CACHE_LOCK = threading.Lock()


def get_pipeline(model: str | None = None) -> "Language":
    """The pipeline for `model` in this process, loaded on first use and cached.

    Thread-safe: concurrent first calls load the pipeline once.

    model (str | None): a `spacy.load` name or path; None for `marsad.load()`.
    RETURNS (Language): the cached pipeline.
    """
    key = model or DEFAULT_MODEL
    nlp = _PIPELINES.get(key)
    if nlp is not None:
        return nlp
    with _lock_for(key):
        nlp = _PIPELINES.get(key)
        if nlp is None:
            nlp = _load_pipeline(model)
            _PIPELINES[key] = nlp
    return nlp


def _lock_for(key: str) -> threading.Lock:
    with _CACHE_LOCK:
        return _LOCKS.setdefault(key, threading.Lock())


def _load_pipeline(model: str | None) -> "Language":
    if model:
        import spacy

        return spacy.load(model)
    import marsad

    return marsad.load()


def extract_partition(
    records: Iterable[Any],
    model: str | None = None,
    batch_size: int = 64,
    start: int = 0,
    extract_kwargs: dict | None = None,
) -> list[dict]:
    """Run one partition of records through the cached pipeline (on a worker).

    records: InputRecord objects or dicts (see the module docstring).
    start (int): how many records come before this partition in the whole
        input, so dicts without an id get the fallback id "record:N" they
        would get in one piece.
    extract_kwargs (dict | None): further keyword arguments of `marsad.io.extract.extract`.
    RETURNS (list[dict]): one output record per input record, in order.
    """
    inputs = [_to_record(obj, number) for number, obj in enumerate(records, start=start + 1)]
    nlp = get_pipeline(model)
    # The components keep no per-document state on the instance (the per-document
    # context lives in a weak map keyed by the Doc), so a worker's threads share one pipeline.
    return list(extract(nlp, inputs, batch_size=batch_size, **(extract_kwargs or {})))


def _to_record(obj: Any, number: int, fallback_id: str | None = None) -> InputRecord:
    return record_from_dict(obj, number, fallback_id or f"record:{number}")


def _loaded(model: str | None) -> str:
    get_pipeline(model)
    return model or DEFAULT_MODEL


def warm_up(client: "Client", model: str | None = None) -> list[str]:
    """Load the pipeline on every worker now (in a task on each worker's thread
    pool, so the workers stay responsive), instead of on their first task.

    RETURNS (list[str]): the addresses of the workers that loaded it.
    """
    workers = list(client.scheduler_info()["workers"])
    futures = [
        client.submit(_loaded, model, workers=[address], allow_other_workers=False, pure=False)
        for address in workers
    ]
    client.gather(futures)
    return workers


# ---------------------------------------------------------------------- bags
def extract_bag(
    bag: "dask.bag.Bag",
    model: str | None = None,
    *,
    batch_size: int = 64,
    **extract_kwargs: Any,
) -> "dask.bag.Bag":
    """Map a bag of input records through the pipeline, partition by partition.

    bag (dask.bag.Bag): InputRecord objects or dicts with "id", "text", "date".
    model (str | None): see the module docstring.
    batch_size (int): records per `nlp.pipe` batch inside a partition.
    extract_kwargs: further keyword arguments of `marsad.io.extract.extract`
        (e.g. ``default_date``).
    RETURNS (dask.bag.Bag): the output records (dicts), partitioned as the input,
        in input order.
    """
    import operator

    import dask
    import dask.bag as db

    task = dask.delayed(extract_partition, pure=True)
    length = dask.delayed(len, pure=True)
    add = dask.delayed(operator.add, pure=True)
    kwargs = extract_kwargs or None
    out = []
    start: Any = 0  # records before this partition (a delayed sum of the lengths before it)
    for part in bag.to_delayed():
        out.append(task(part, model, batch_size, start, kwargs))
        start = add(start, length(part))
    return db.from_delayed(out)


def dumps(record: dict) -> str:
    """One output record as a JSONL line (without the newline), as the CLI writes it."""
    return srsly.json_dumps(record)


def write_jsonl(bag: "dask.bag.Bag", directory: str | Path, *, compute: bool = True):
    """Write a bag of output records as partitioned JSONL: DIR/part-00000.jsonl, ...

    File names sort in partition order, so reading ``sorted(DIR.glob("*.jsonl"))``
    line by line gives the records in input order.

    RETURNS: the written paths (compute=True), else the delayed writes.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    return bag.map(dumps).to_textfiles(
        str(directory / "part-*.jsonl"),
        name_function=lambda index: f"{index:05d}",
        encoding="utf-8",
        last_endline=True,
        compute=compute,
    )


# --------------------------------------------------------------- data frames
def extract_dataframe(
    df: "dask.dataframe.DataFrame",
    text_column: str = "text",
    id_column: str | None = "id",
    date_column: str | None = None,
    *,
    model: str | None = None,
    batch_size: int = 64,
    **extract_kwargs: Any,
) -> "dask.dataframe.DataFrame":
    """Map a data frame of texts through the pipeline.

    Other columns are not carried over (join the result back on the id or the
    index). Missing ids (None/NaN) get the fallback id "row:LABEL" (the row's
    index label); a missing or non-string text
    gives an error record; dates may be ISO strings, dates or timestamps.

    RETURNS (dask.dataframe.DataFrame): one row per input row, in input order
        and with the input's index, with string columns "id", "date", "error" (None unless the record
        failed) and "record", the complete output record as JSON (exactly the
        line the CLI writes; `records_from_frame` turns a partition back into
        dicts). All-string columns keep the frame easy to write to Parquet.
    """
    import pandas as pd

    meta = pd.DataFrame({name: pd.Series([], dtype="string") for name in FRAME_COLUMNS})
    return df.map_partitions(
        _extract_frame,
        text_column,
        id_column,
        date_column,
        model,
        batch_size,
        extract_kwargs or None,
        meta=meta,
        align_dataframes=False,
    )


def _extract_frame(
    pdf: "pandas.DataFrame",
    text_column: str,
    id_column: str | None,
    date_column: str | None,
    model: str | None,
    batch_size: int,
    extract_kwargs: dict | None,
) -> "pandas.DataFrame":
    import pandas as pd

    texts = pdf[text_column].tolist()
    ids = pdf[id_column].tolist() if id_column else [None] * len(pdf)
    dates = pdf[date_column].tolist() if date_column else [None] * len(pdf)
    records = []
    for number, (label, record_id, text, date) in enumerate(zip(pdf.index, ids, texts, dates), start=1):
        obj = {"text": None if _missing(text) else text}
        if not _missing(record_id):
            obj["id"] = _id_str(record_id)
        if not _missing(date):
            obj["date"] = _date_str(date)
        records.append(_to_record(obj, number, f"row:{label}"))
    results = extract_partition(records, model, batch_size, 0, extract_kwargs)
    columns = {
        "id": [r["id"] for r in results],
        "date": [r.get("date") for r in results],
        "error": [r.get("error") for r in results],
        "record": [dumps(r) for r in results],
    }
    return pd.DataFrame({k: pd.Series(v, dtype="string", index=pdf.index) for k, v in columns.items()})


def records_from_frame(pdf: "pandas.DataFrame") -> list[dict]:
    """The output records (dicts) of a computed `extract_dataframe` result."""
    return [srsly.json_loads(line) for line in pdf["record"]]


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (str, list, dict, tuple)) else False
    except (TypeError, ValueError):
        return False


def _id_str(value: Any) -> str:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))  # an int column with missing values reads as float
    return str(value)


def _date_str(value: Any) -> Any:
    if isinstance(value, datetime.datetime):  # includes pandas.Timestamp
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# ------------------------------------------------------------- ordered stream
def extract_with_dask(
    records: Iterable[Any],
    scheduler_address: str | None = None,
    *,
    model: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    batch_size: int = 64,
    n_workers: int | None = None,
    max_in_flight: int | None = None,
    client: "Client | None" = None,
    **extract_kwargs: Any,
) -> Iterator[dict]:
    """Yield one output record per input record, IN INPUT ORDER, computed on Dask.

    Records are read lazily and sent in partitions of `partition_size`; at most
    `max_in_flight` partitions (default: twice the number of workers) are
    queued at a time, so memory stays bounded on long inputs.

    If a partition's task fails as a whole (a worker died on it, say), its
    records are retried one by one; a record that still fails yields an error
    record, so no record is ever lost.

    records: InputRecord objects or dicts (see the module docstring).
    scheduler_address (str | None): e.g. "tcp://10.0.0.5:8786"; None starts a
        LocalCluster (one single-threaded worker process per core, or
        `n_workers`, on 127.0.0.1) for the duration of the call.
    client (Client | None): use this client instead (it is left open).
    extract_kwargs: further keyword arguments of `marsad.io.extract.extract`.
    """
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    own_client, cluster, log_level = None, None, None
    if client is None:
        log_level = _quiet_distributed_logs()
        client, cluster = _connect(scheduler_address, n_workers)
        own_client = client
    pending: deque = deque()
    try:
        if max_in_flight is None:
            max_in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        submit = _submitter(client, model, batch_size, extract_kwargs or None)
        iterator = iter(records)
        number = 0
        while True:
            chunk = []
            for obj in islice(iterator, partition_size):
                number += 1
                chunk.append(_to_record(obj, number))
            if not chunk:
                break
            pending.append((chunk, submit(chunk)))
            while len(pending) >= max_in_flight:
                yield from _collect(*pending.popleft(), submit)
        while pending:
            yield from _collect(*pending.popleft(), submit)
    finally:
        for _, future in pending:
            future.cancel()
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()
        if log_level is not None:
            logging.getLogger("distributed").setLevel(log_level)


def _quiet_distributed_logs() -> int | None:
    """Keep distributed's INFO chatter (scheduler and worker start and stop) off a
    command line that logs at WARNING; RETURNS the level to restore, or None."""
    import distributed  # noqa: F401  (its import sets up the "distributed" logger)

    logger = logging.getLogger("distributed")
    if logging.getLogger().getEffectiveLevel() <= logging.INFO or logger.getEffectiveLevel() >= logging.WARNING:
        return None
    level = logger.level
    logger.setLevel(logging.WARNING)
    return level


def _connect(scheduler_address: str | None, n_workers: int | None):
    from distributed import Client, LocalCluster

    if scheduler_address:
        return Client(scheduler_address, set_as_default=False), None
    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster, set_as_default=False), cluster


def _submitter(client: "Client", model: str | None, batch_size: int, extract_kwargs: dict | None):
    def submit(chunk: list[InputRecord]):
        return client.submit(extract_partition, chunk, model, batch_size, 0, extract_kwargs, pure=False)

    return submit


def _collect(chunk: list[InputRecord], future, submit) -> Iterator[dict]:
    try:
        results = future.result()
    except Exception as err:  # noqa: BLE001 - the task failed as a whole
        if len(chunk) == 1:
            yield _task_error(chunk[0], err)
            return
        logger.warning("A Dask partition of %d records failed (%s); retrying them one by one", len(chunk), err)
        singles = [submit([record]) for record in chunk]
        for record, single in zip(chunk, singles):
            try:
                yield from single.result()
            except Exception as single_err:  # noqa: BLE001
                yield _task_error(record, single_err)
        return
    if len(results) != len(chunk):  # extract() guarantees one per record; never trust silently
        raise RuntimeError(f"Dask partition returned {len(results)} records for {len(chunk)} inputs")
    yield from results


def _task_error(record: InputRecord, err: BaseException) -> dict:
    return error_record(record.id, record.error or Errors.E010.format(err=f"{type(err).__name__}: {err}"))
