"""Time the default pipeline on dense casualty text of growing length.

    PYTHONPATH=src python benchmarks/dense_text.py [--sizes 2000 8000 32000] [--components]

The text repeats one short casualty clause with no sentence end, the worst case for
per-sentence lookups: a linear pipeline keeps the time per character flat as the text
grows. Prints, per size, the seconds, the microseconds per character and their ratio to
the smallest size, for the whole pipeline and for the casualty matcher alone; with
--components, the seconds spent in each component.
"""
from __future__ import annotations

import argparse
import time

CLAUSE = "قتل 5 جنود in Aleppo "


def dense_text(n_chars: int) -> str:
    return (CLAUSE * (n_chars // len(CLAUSE) + 1))[:n_chars]


def time_pipeline(nlp, text: str) -> tuple[float, dict[str, float]]:
    """Seconds for the whole pipeline, and per component."""
    per_component = {}
    start = time.perf_counter()
    doc = nlp.make_doc(text)
    per_component["tokenizer"] = time.perf_counter() - start
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        doc = proc(doc)
        per_component[name] = time.perf_counter() - t0
    return time.perf_counter() - start, per_component


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 8000, 32000])
    parser.add_argument("--components", action="store_true", help="also print the seconds per component")
    args = parser.parse_args()

    import marsad

    nlp = marsad.load()
    nlp(dense_text(500))  # warm up: lazy indexes, caches
    first = first_casualties = None
    print(f"{'chars':>8}{'seconds':>10}{'us/char':>10}{'ratio':>8}{'casualties s':>14}{'us/char':>10}{'ratio':>8}")
    for size in args.sizes:
        seconds, per_component = time_pipeline(nlp, dense_text(size))
        per_char = seconds / size * 1e6
        first = first or per_char
        casualties = per_component.get("marsad_casualty_matcher", 0.0)
        casualties_per_char = casualties / size * 1e6
        first_casualties = first_casualties or casualties_per_char
        print(f"{size:>8}{seconds:>10.2f}{per_char:>10.1f}{per_char / first:>8.2f}"
              f"{casualties:>14.2f}{casualties_per_char:>10.1f}{casualties_per_char / first_casualties:>8.2f}")
        if args.components:
            print("        " + "  ".join(f"{name}={s:.2f}" for name, s in per_component.items()))


if __name__ == "__main__":
    main()
