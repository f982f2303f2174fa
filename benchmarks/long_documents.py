"""Time per 1,000 characters of one `nlp()` call on one long document: is the pipeline linear?

    python benchmarks/long_documents.py [--sizes 10000,100000,1000000] [--data PARAGRAPHS] [--output F.json]

The document is real news paragraphs (news/paragraphs.jsonl under $MARSAD_DATA_DIR, else ../shared/data)
joined with blank lines and cut to each size; with no data, invented sentences repeated. Each size runs in the
same process after a warm-up call, and the script prints seconds per 1,000 characters and the ratio of the
largest to the smallest figure (linear: within 1.5x). `nlp.max_length` is raised to the largest size.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INVENTED = ("قتل 12 عنصرا من قوات النظام في قصف على مدينة حلب أمس، وأصيب 5 مدنيين بجروح. "
            "وقال المرصد إن الاشتباكات استمرت في ريف إدلب الجنوبي.\n\n")


def source_text(data: str | None) -> str:
    path = Path(data) if data else Path(os.environ.get("MARSAD_DATA_DIR", REPO.parent / "shared" / "data")) / "news" / "paragraphs.jsonl"
    if path.is_file():
        with path.open(encoding="utf8") as handle:
            return "\n\n".join(json.loads(line)["text"] for line in handle if line.strip())
    return INVENTED * 200


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--data", default=None)
    parser.add_argument("--output", default=None)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    import marsad

    nlp = marsad.load()
    nlp.max_length = max(sizes) + 1
    text = source_text(args.data)
    while len(text) < max(sizes):
        text = text + "\n\n" + text
    nlp(text[:2000])  # warm-up: lazy tables, caches
    rows = []
    for size in sizes:
        start = time.perf_counter()
        doc = nlp(text[:size])
        seconds = time.perf_counter() - start
        rows.append({"chars": size, "seconds": round(seconds, 3), "s_per_1k_chars": round(1000 * seconds / size, 5),
                     "tokens": len(doc), "casualties": len(doc._.casualties or []), "events": len(doc._.events or [])})
        print(f"{size:>9,} chars  {seconds:8.2f} s  {1000 * seconds / size:.4f} s per 1k chars  "
              f"({len(doc):,} tokens, {len(doc._.casualties or [])} facts, {len(doc._.events or [])} events)", flush=True)
    per_k = [r["s_per_1k_chars"] for r in rows]
    ratio = max(per_k) / min(per_k)
    print(f"largest / smallest time per 1k chars: {ratio:.2f}x (linear: <= 1.5x)")
    if args.output:
        Path(args.output).write_text(json.dumps({"rows": rows, "ratio": round(ratio, 3)}, indent=2), encoding="utf8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
