"""The worker pool behind `marsad extract -j N`: order, a dying worker, shutdown,
and workers that exit when their parent dies. Cheap batch functions stand in
for the pipeline here (the pipeline through the pool is tested in test_signals
and test_hardening)."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from marsad.io.pool import WorkerPool
from marsad.io.records import InputRecord

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process checks read /proc")


def echo_batch(batch):
    time.sleep(0.01 * (len(batch) % 3))  # batches finish out of order
    return [{"id": r.id, "pid": os.getpid()} for r in batch]


def die_on_poison(batch):
    if any(r.text == "poison" for r in batch):
        os._exit(9)  # a crash in C code or the OOM killer looks like this
    return [{"id": r.id} for r in batch]


def raise_on_poison(batch):
    if any(r.text == "poison" for r in batch):
        raise ValueError("bad batch")
    return [{"id": r.id} for r in batch]


def batches(n, size, poison_at=None):
    records = [InputRecord(str(i), "poison" if i == poison_at else "ok") for i in range(n)]
    return [records[i:i + size] for i in range(0, n, size)]


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_output_in_input_order_from_several_workers():
    pool = WorkerPool(echo_batch, 2)
    out = [r for batch in pool.map(batches(50, 4)) for r in batch]
    assert [r["id"] for r in out] == [str(i) for i in range(50)]
    assert len({r["pid"] for r in out}) == 2 and os.getpid() not in {r["pid"] for r in out}
    assert not any(w.process.is_alive() for w in pool._workers)


def test_dead_worker_turns_its_batches_into_error_records_and_is_replaced():
    pool = WorkerPool(die_on_poison, 2)
    out = [r for batch in pool.map(batches(40, 4, poison_at=13)) for r in batch]
    assert [r["id"] for r in out] == [str(i) for i in range(40)]
    failed = [r for r in out if "error" in r]
    assert {r["id"] for r in failed} >= {"12", "13", "14", "15"}
    assert all("E010" in r["error"] and "died" in r["error"] for r in failed)
    assert len(failed) < 40


def test_exception_in_a_batch_is_error_records_not_a_crash():
    pool = WorkerPool(raise_on_poison, 2)
    out = [r for batch in pool.map(batches(12, 4, poison_at=5)) for r in batch]
    assert [r.get("error", "")[:6] for r in out] == [""] * 4 + ["[E010]"] * 4 + [""] * 4
    assert "ValueError: bad batch" in out[5]["error"]


def test_closing_early_stops_the_workers():
    pool = WorkerPool(echo_batch, 2)
    results = pool.map(batches(10_000, 4))
    next(results)
    pids = [w.process.pid for w in pool._workers]
    started = time.monotonic()
    results.close()
    assert time.monotonic() - started < 3
    assert not any(alive(pid) for pid in pids)


PARENT = textwrap.dedent("""
    import sys, time
    sys.path[:0] = {paths!r}
    from test_pool import WorkerPool, batches, echo_batch
    pool = WorkerPool(echo_batch, 2)
    print(" ".join(str(w.process.pid) for w in pool._workers), flush=True)
    results = pool.map(batches(10**6, 1))
    next(results)
    time.sleep(60)
""")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_parent_dies(how):
    paths = [os.path.dirname(__file__)] + sys.path
    parent = subprocess.Popen([sys.executable, "-c", PARENT.format(paths=paths)], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(alive(pid) for pid in workers)
    os.kill(parent.pid, how)
    parent.wait(10)
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "orphaned workers"



def test_a_dying_worker_never_hangs_the_run():
    """A worker that dies while its last result is being written must not block
    the others (a shared result queue kept its write lock held: ~3% of these
    runs hung on a loaded machine)."""
    import threading

    def run(outcome):
        for _ in range(25):
            pool = WorkerPool(die_on_poison, 2)
            out = [r for batch in pool.map(batches(40, 4, poison_at=13)) for r in batch]
            outcome.append([r["id"] for r in out] == [str(i) for i in range(40)])

    outcome = []
    runner = threading.Thread(target=run, args=(outcome,), daemon=True)
    runner.start()
    runner.join(90)
    assert not runner.is_alive(), f"the run hung after {len(outcome)} of 25 pools"
    assert outcome == [True] * 25
