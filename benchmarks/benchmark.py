"""Benchmark the default marsad pipeline: throughput, start-up, peak memory, profile.

    python benchmarks/benchmark.py [--data DIR_OR_FILE] [--output benchmarks/results.json]
                                   [--limit N] [--runs 3] [--profile 500] [--profile-out FILE]

Input: news/paragraphs.jsonl under the shared data directory (--data, else
$MARSAD_DATA_DIR, else ../shared/data next to the repository); --data may also
name a JSONL file directly.

Every measurement runs in a fresh interpreter, so import caches, warm
pipelines and memory high-water marks never leak from one number into the
next; peak memory is that process's resource.getrusage() ru_maxrss (with
n_process=2, also the largest worker's). Measured:

- paragraphs/s and words/s (whitespace words of the input) of `marsad.load()`
  over all paragraphs with nlp.pipe(n_process=1) and n_process=2; the
  n_process=2 time includes starting the workers, as a real run does;
- the same through `marsad.io.extract.extract` (what `marsad extract -j N`
  runs: records, batches of 64, error isolation, output dicts);
- the same through `marsad.io.distributed.extract_with_dask` on a fresh
  LocalCluster of 2 worker processes (cluster start and pipeline loads
  included: workers send back output dicts, not Docs);
- the same texts tokenised by `spacy.blank("ar")` in the same run (the ratio
  says how many times slower than bare tokenisation the pipeline is), and by
  spaCy with marsad's tokenizer only;
- start-up of `marsad.load()` in a fresh process, split into importing marsad
  and spaCy, loading spaCy's factory entry points (every installed spaCy
  plugin; spacy-transformers pulls in torch and transformers here), and
  building the pipeline; median of --runs processes;
- a cProfile of the default pipeline over --profile paragraphs, with the wall
  time per component (no profiler overhead) and the hottest functions.

- with --model DIR (the full pipeline from `spacy project run assemble`, or
  "ar_marsad" when installed): the same over that pipeline (trained NER +
  rules), one process; without it the "full pipeline with NER" row says
  "not measured".

Prints a table and writes JSON to --output (keep benchmarks/results.json out of
git).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# issue 23's targets, as ratios within one run on the project's 2-core machine
TARGETS = {"rules_x_blank": 3.0, "ner_x_blank": 8.0, "j2_speedup": 1.6, "load_above_spacy_s": 0.5, "peak_rss_mb": 600.0}
NER_ROW = "not measured (give --model DIR: the assembled full pipeline)"

# ------------------------------------------------------------------ children
# Each child prints one JSON object on its last stdout line.
PRELUDE = r"""
import json, resource, sys, time

def peak_mb(who=resource.RUSAGE_SELF):
    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024

def read_texts(path, limit):
    texts = []
    with open(path, encoding="utf8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts
"""

STARTUP = PRELUDE + r"""
t0 = time.perf_counter()
import spacy
ts = time.perf_counter()
import marsad
import marsad.pipeline
t1 = time.perf_counter()
# spaCy loads every installed package's factory entry points when a pipeline is created
# (spacy-transformers, and with it transformers, in a developer install)
from spacy.util import registry
registry._entry_point_factories.get_all()
t2 = time.perf_counter()
nlp = marsad.load()
t3 = time.perf_counter()
plugins = sorted(nlp.factory_names)
nlp("قتل 5 جنود في حلب")
t4 = time.perf_counter()
print(json.dumps({"import_spacy_s": ts - t0, "load_above_spacy_s": t3 - ts, "import_s": t1 - t0, "entry_points_s": t2 - t1, "build_s": t3 - t2, "first_doc_s": t4 - t3,
                  "load_total_s": t3 - t0, "factories": plugins, "peak_rss_mb": peak_mb(),
                  "modules": len(sys.modules), "torch_imported": "torch" in sys.modules,
                  "pipe_names": nlp.pipe_names}))
"""

THROUGHPUT = PRELUDE + r"""
path, limit, kind, n_process, batch_size = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
model = sys.argv[6] if len(sys.argv) > 6 else ""
texts = read_texts(path, limit)
t0 = time.perf_counter()
if kind in ("pipeline", "extract"):
    import marsad
    nlp = marsad.load()
elif kind == "model":  # a saved or installed pipeline, e.g. the full one with the trained NER
    import spacy
    import marsad
    nlp = spacy.load(model)
    batch_size = nlp.batch_size  # the pipeline's own setting (the full config keeps it small for memory)
elif kind == "dask":  # workers load their own pipelines (inside the timed part)
    nlp = None
elif kind == "blank":
    import spacy
    nlp = spacy.blank("ar")
elif kind == "tokenizer":
    import spacy
    import marsad.components.tokenizer
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "marsad.ArabicTokenizer.v1"}}})
load_s = time.perf_counter() - t0
rss_loaded = peak_mb()
# A component that raises drops its doc and the run goes on (counted as errors).
from spacy.util import ignore_error
if nlp is not None:
    for _, proc in nlp.pipeline:
        try:
            proc.set_error_handler(ignore_error)
        except AttributeError:  # spaCy's compiled ner cannot take one; it does not raise on odd text
            pass
tokens = docs = 0
t0 = time.perf_counter()
if kind == "dask":  # `marsad extract --engine dask -j N`: a fresh LocalCluster of N workers
    from marsad.io.distributed import extract_with_dask
    from marsad.io.records import InputRecord
    records = [InputRecord(str(i), text) for i, text in enumerate(texts)]
    for record in extract_with_dask(records, n_workers=n_process, batch_size=64):
        docs += "error" not in record
elif kind == "extract":  # what `marsad extract -j N` runs (its default batch size, 64)
    from marsad.io.extract import extract
    from marsad.io.records import InputRecord
    records = [InputRecord(str(i), text) for i, text in enumerate(texts)]
    for record in extract(nlp, records, batch_size=64, n_process=n_process):
        docs += "error" not in record
else:
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        tokens += len(doc)
        docs += 1
elapsed = time.perf_counter() - t0
print(json.dumps({"kind": kind, "n_process": n_process, "paragraphs": len(texts), "errors": len(texts) - docs,
                  "words": sum(len(t.split()) for t in texts), "chars": sum(map(len, texts)), "tokens": tokens,
                  "seconds": elapsed, "load_s": load_s, "peak_rss_mb": peak_mb(), "rss_after_load_mb": rss_loaded,
                  "peak_rss_worker_mb": peak_mb(resource.RUSAGE_CHILDREN) if n_process > 1 else None,
                  "pipe_names": list(nlp.pipe_names) if nlp else None,
                  "has_ner": bool(nlp) and "ner" in nlp.pipe_names}))
"""

PROFILE = PRELUDE + r"""
import cProfile, io, os, pstats
path, limit, top, prof_out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
import marsad
from spacy.util import ignore_error
nlp = marsad.load()
nlp.set_error_handler(ignore_error)
texts = read_texts(path, 0)
warm, sample = texts[-100:], texts[:limit]
for doc in nlp.pipe(warm):  # caches (word frequencies, lookups) as in a long run
    pass

# Wall time per component, without profiler overhead.
steps = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
t0 = time.perf_counter()
for text in sample:
    s = time.perf_counter()
    doc = nlp.make_doc(text)
    steps["tokenizer"] += time.perf_counter() - s
    for name, proc in nlp.pipeline:
        s = time.perf_counter()
        try:
            doc = proc(doc)
        except Exception:
            steps[name] += time.perf_counter() - s
            break
        steps[name] += time.perf_counter() - s
total = time.perf_counter() - t0

profiler = cProfile.Profile()
profiler.enable()
for doc in nlp.pipe(sample):
    pass
profiler.disable()
if prof_out:
    profiler.dump_stats(prof_out)
stats = pstats.Stats(profiler)

def where(func):
    filename, line, name = func
    for marker in ("site-packages/", "/src/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
    return f"{filename}:{line}({name})" if line else name

rows = []
for func, (cc, nc, tt, ct, callers) in stats.stats.items():
    rows.append({"function": where(func), "calls": nc, "tottime_s": tt, "cumtime_s": ct})
by_tot = sorted(rows, key=lambda r: -r["tottime_s"])[:top]
by_cum = sorted((r for r in rows if "language.py" not in r["function"] and "util.py" not in r["function"]),
                key=lambda r: -r["cumtime_s"])[:top]
print(json.dumps({"paragraphs": len(sample), "wall_s": total, "components_s": steps,
                  "profiled_s": stats.total_tt, "top_tottime": by_tot, "top_cumtime": by_cum}))
"""


def run_child(code: str, *args, env: dict) -> dict:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, *map(str, args)], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode:
        sys.exit(f"benchmark child failed:\n{result.stderr[-4000:]}")
    out = json.loads(result.stdout.strip().splitlines()[-1])
    out["process_wall_s"] = wall
    return out


def find_data(arg: str | None) -> Path:
    base = Path(arg or os.environ.get("MARSAD_DATA_DIR") or REPO.parent / "shared" / "data")
    path = base if base.is_file() else base / "news" / "paragraphs.jsonl"
    if not path.exists():
        sys.exit(f"no input at {path}: give --data DIR (containing news/paragraphs.jsonl) or a JSONL file")
    return path


def environment() -> dict:
    import spacy

    info = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "spacy": spacy.__version__,
        "executable": sys.executable,
        "loadavg_at_start": os.getloadavg(),  # other processes on the machine skew every number
    }
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                        text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="shared data dir (with news/paragraphs.jsonl) or a JSONL file")
    parser.add_argument("--output", default=str(REPO / "benchmarks" / "results.json"), help="JSON results file")
    parser.add_argument("--limit", type=int, default=0, help="use the first N paragraphs (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes for the start-up time (median)")
    parser.add_argument("--batch-size", type=int, default=256, help="nlp.pipe batch size (the config default)")
    parser.add_argument("--profile", type=int, default=500, help="paragraphs to profile (0: no profile)")
    parser.add_argument("--profile-out", help="also write the cProfile stats to this file (for snakeviz etc.)")
    parser.add_argument("--top", type=int, default=25, help="hot functions to report")
    parser.add_argument("--no-extract", dest="extract", action="store_false",
                        help="skip the marsad.io.extract.extract rows (the CLI's code path, -j 1 and -j 2)")
    parser.add_argument("--model", help="also measure this pipeline (directory or package), e.g. training/marsad")
    parser.add_argument("--no-dask", dest="dask", action="store_false",
                        help="skip the Dask row (a LocalCluster of 2 workers, start-up included)")
    args = parser.parse_args()

    data = find_data(args.data)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH")) if p)
    results: dict = {"data": str(data), "environment": environment(), "targets": TARGETS}

    print(f"data: {data}", flush=True)
    # One untimed load first: builds the gazetteer cache if this machine has none.
    prepare = run_child(STARTUP, env=env)
    results["prepare_wall_s"] = prepare["process_wall_s"]

    startup = [run_child(STARTUP, env=env) for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in startup)
           for k in ("import_spacy_s", "load_above_spacy_s", "import_s", "entry_points_s", "build_s", "first_doc_s", "load_total_s", "process_wall_s", "peak_rss_mb")}
    results["startup"] = {"median": med, "runs": startup}
    print(f"start-up (median of {args.runs} fresh processes): import {med['import_s']:.2f} s + spaCy entry points "
          f"{med['entry_points_s']:.2f} s + build {med['build_s']:.2f} s = {med['load_total_s']:.2f} s "
          f"(process {med['process_wall_s']:.2f} s)", flush=True)

    rows = []
    kinds = [("pipeline", 1), ("pipeline", 2), ("blank", 1), ("tokenizer", 1)]
    if args.extract:
        kinds += [("extract", 1), ("extract", 2)]
    if args.dask:
        kinds += [("dask", 2)]
    if args.model:
        kinds += [("model", 1)]
    for kind, n_process in kinds:
        row = run_child(THROUGHPUT, data, args.limit, kind, n_process, args.batch_size, args.model or "", env=env)
        row["paragraphs_per_s"] = row["paragraphs"] / row["seconds"]
        row["words_per_s"] = row["words"] / row["seconds"]
        rows.append(row)
        print(f"  {kind} n_process={n_process}: {row['paragraphs_per_s']:.0f} paragraphs/s", flush=True)
    blank = next(r for r in rows if r["kind"] == "blank")
    for row in rows:
        row["slowdown_vs_blank"] = row["seconds"] / blank["seconds"]
    results["throughput"] = rows
    results["ner"] = NER_ROW if not any(r["has_ner"] for r in rows) else "see the row above"

    if args.profile:
        profile = run_child(PROFILE, data, args.profile, args.top, args.profile_out or "", env=env)
        results["profile"] = profile

    one = rows[0]
    two = rows[1]
    extract_one = next((r for r in rows if r["kind"] == "extract" and r["n_process"] == 1), None)
    extract_two = next((r for r in rows if r["kind"] == "extract" and r["n_process"] == 2), None)
    model = next((r for r in rows if r["kind"] == "model"), None)
    checks = {
        "rules_x_blank": (one["slowdown_vs_blank"], f"<= {TARGETS['rules_x_blank']}", one["slowdown_vs_blank"] <= TARGETS["rules_x_blank"]),
        "n_process_2_speedup": (one["seconds"] / two["seconds"], f">= {TARGETS['j2_speedup']}", one["seconds"] / two["seconds"] >= TARGETS["j2_speedup"]),
        "load_above_spacy_s": (med["load_above_spacy_s"], f"<= {TARGETS['load_above_spacy_s']}", med["load_above_spacy_s"] <= TARGETS["load_above_spacy_s"]),
        "peak_rss_mb_rules": (one["peak_rss_mb"], f"< {TARGETS['peak_rss_mb']:.0f}", one["peak_rss_mb"] < TARGETS["peak_rss_mb"]),
    }
    if extract_one and extract_two:
        speedup = extract_one["seconds"] / extract_two["seconds"]
        checks["j2_speedup"] = (speedup, f">= {TARGETS['j2_speedup']}", speedup >= TARGETS["j2_speedup"])
    if model:
        checks["ner_x_blank"] = (model["slowdown_vs_blank"], f"<= {TARGETS['ner_x_blank']}", model["slowdown_vs_blank"] <= TARGETS["ner_x_blank"])
    results["checks"] = {name: {"value": v, "target": t, "ok": ok} for name, (v, t, ok) in checks.items()}

    results["environment"]["loadavg_at_end"] = os.getloadavg()
    print_report(results)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf8")
    print(f"\nwrote {out}")


def print_report(results: dict) -> None:
    rows = results["throughput"]
    n = rows[0]["paragraphs"]
    words = rows[0]["words"]
    env = results["environment"]
    print(f"\n{n} paragraphs, {words} words, {rows[0]['chars']} characters; "
          f"{env['cpus']} CPUs, Python {env['python']}, spaCy {env['spacy']}; load average "
          f"{env['loadavg_at_start'][0]:.1f} at start, {env['loadavg_at_end'][0]:.1f} at end\n")
    header = f"{'pipeline':<44} {'proc':>4} {'para/s':>8} {'words/s':>9} {'seconds':>8} {'x blank':>8} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    names = {"pipeline": "marsad.load() (rules, default)", "blank": 'spacy.blank("ar") tokenizer',
             "tokenizer": "spaCy + marsad tokenizer only", "extract": "marsad.io.extract.extract() (CLI -j N)",
             "dask": "extract_with_dask, LocalCluster (N workers)", "model": "full pipeline with NER (--model)"}
    for r in rows:
        peak = f"{r['peak_rss_mb']:.0f}"
        if r["peak_rss_worker_mb"]:
            peak += f"+{r['peak_rss_worker_mb']:.0f}w"
        errors = f"  ({r['errors']} docs failed)" if r["errors"] else ""
        print(f"{names[r['kind']]:<44} {r['n_process']:>4} {r['paragraphs_per_s']:>8.0f} {r['words_per_s']:>9.0f} "
              f"{r['seconds']:>8.2f} {r['slowdown_vs_blank']:>8.1f} {peak:>8}{errors}")
    if not any(r["has_ner"] for r in rows):
        print(f"{'full pipeline with NER':<44} {'':>4} {results['ner']}")

    med = results["startup"]["median"]
    print(f"\nstart-up of marsad.load() in a fresh process (median of {len(results['startup']['runs'])}):")
    print(f"  import spaCy                 {med['import_spacy_s']:6.2f} s   (marsad.load() above it: "
          f"{med['load_above_spacy_s']:.2f} s, spaCy's entry points included)")
    print(f"  import marsad + spaCy        {med['import_s']:6.2f} s")
    print(f"  spaCy factory entry points   {med['entry_points_s']:6.2f} s   "
          f"(plugins: {', '.join(results['startup']['runs'][0]['factories'])})")
    print(f"  build + initialize           {med['build_s']:6.2f} s")
    print(f"  = marsad.load() ready        {med['load_total_s']:6.2f} s   (whole process incl. interpreter: "
          f"{med['process_wall_s']:.2f} s; first doc {med['first_doc_s'] * 1000:.0f} ms; "
          f"peak {med['peak_rss_mb']:.0f} MB)")

    if "profile" in results:
        p = results["profile"]
        print(f"\nwall time per component over {p['paragraphs']} paragraphs ({p['wall_s']:.2f} s, "
              f"{p['paragraphs'] / p['wall_s']:.0f} paragraphs/s):")
        for name, seconds in sorted(p["components_s"].items(), key=lambda kv: -kv[1]):
            print(f"  {name:<28} {seconds:6.3f} s  {100 * seconds / p['wall_s']:5.1f} %")
        print("\nhottest functions (cProfile, own time; its per-call overhead inflates small, frequent calls "
              "such as spaCy's Token creation: trust the wall times above for proportions):")
        for r in p["top_tottime"][:15]:
            print(f"  {r['tottime_s']:6.3f} s {r['calls']:>9}  {r['function']}")
        print("\nhottest functions (cProfile, cumulative):")
        for r in p["top_cumtime"][:15]:
            print(f"  {r['cumtime_s']:6.3f} s {r['calls']:>9}  {r['function']}")

    print("\ntargets on this machine:")
    for name, check in results["checks"].items():
        print(f"  {name:<24} {check['value']:9.2f}  target {check['target']:<8} {'ok' if check['ok'] else 'MISSED'}")


if __name__ == "__main__":
    main()
