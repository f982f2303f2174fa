"""Interrupting `marsad extract` (issue 22 row 2): SIGINT/SIGTERM stop the
workers, close the output so it stays valid, say how far it got and exit
130/143; killing the parent outright leaves no orphaned workers; --resume then
completes the output. Each test starts the real command (pipeline load
included), hence slow."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")]

SENTENCES = [
    "قتل {n} جنود في هجوم على مدينة حلب أمس",
    "أصيب {n} مدنيين في قصف على ريف إدلب",
    "اعتقلت قوات الأمن {n} أشخاص في بغداد",
]


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    path = tmp_path_factory.mktemp("signals") / "news.jsonl"
    with path.open("w", encoding="utf8") as f:
        for i in range(3000):
            text = " ".join(s.format(n=i % 20 + 2) for s in SENTENCES)
            f.write(json.dumps({"id": f"r{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except FileNotFoundError:
        return []


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def start(news, out, *options):
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad", "extract", str(news), "-o", str(out), "--batch-size", "16", *options],
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.stat().st_size > 2000:
            return proc, children(proc.pid)
        time.sleep(0.3)
    proc.kill()
    pytest.fail(f"no output after 120 s: {proc.stderr.read()}")


def stop(proc, signum, group=False):
    (os.killpg if group else os.kill)(proc.pid, signum)
    started = time.monotonic()
    code = proc.wait(30)  # a hang fails here
    return code, proc.stderr.read(), time.monotonic() - started


def gone(pids, seconds=5.0):
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return not any(alive(p) for p in pids)


@pytest.mark.parametrize("signum, code, group", [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, True)])
def test_interrupt_with_workers_closes_output_and_resume_completes_it(news, tmp_path, signum, code, group):
    out = tmp_path / "out.jsonl"
    proc, workers = start(news, out, "-j", "2")
    assert len(workers) == 2
    exit_code, stderr, seconds = stop(proc, signum, group)
    assert exit_code == code and seconds < 10
    assert "Traceback" not in stderr
    written = int(stderr.split("interrupted after ")[1].split()[0])
    assert "rerun with --resume" in stderr
    assert gone(workers)
    rows = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    assert len(rows) == written and [r["id"] for r in rows] == [f"r{i}" for i in range(written)]

    subset = tmp_path / "subset.jsonl"  # resume on a shorter input, to keep the test short
    subset.write_text("".join(news.read_text(encoding="utf8").splitlines(True)[: written + 40]), encoding="utf8")
    done = subprocess.run([sys.executable, "-m", "marsad", "extract", str(subset), "-o", str(out), "--resume"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf8").splitlines()]
    assert [r["id"] for r in rows] == [f"r{i}" for i in range(written + 40)]


def test_kill_9_of_the_parent_leaves_no_workers(news, tmp_path):
    proc, workers = start(news, tmp_path / "out.jsonl", "-j", "2")
    assert len(workers) == 2
    proc.kill()
    proc.wait(10)
    assert gone(workers), "orphaned workers"


@pytest.mark.parametrize("fmt", ["geojson", "html"])
def test_ctrl_c_single_process_leaves_a_valid_file(news, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "extract", str(news), "-o", str(out), "-f", fmt],
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    # both writers stream records as they come: interrupt once the first ones are out
    deadline = time.monotonic() + 120
    while not (out.exists() and out.stat().st_size > 2000) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.3)
    assert proc.poll() is None, "finished before the interrupt"
    exit_code, stderr, _ = stop(proc, signal.SIGINT, group=True)
    assert exit_code == 130 and "interrupted" in stderr and "Traceback" not in stderr
    text = out.read_text(encoding="utf8")
    if fmt == "geojson":
        assert json.loads(text)["features"]
    else:
        assert text.rstrip().endswith("</html>") and "marsad report" in text
