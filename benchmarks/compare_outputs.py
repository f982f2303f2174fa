"""Compare two `marsad extract` JSONL outputs record by record (refactors must not change behaviour).

    marsad extract ../shared/data/news/paragraphs.jsonl -o before.jsonl    # on the old commit
    marsad extract ../shared/data/news/paragraphs.jsonl -o after.jsonl     # on the new one
    python benchmarks/compare_outputs.py before.jsonl after.jsonl [--fields casualties,places] [--show 5]

Records are compared as parsed JSON (so ASCII escapes vs raw UTF-8 do not count), matched by line.
Prints the number of identical and differing records, which top-level fields differ how often, and the
first differences; exits 1 when any record differs.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter


def _records(path: str) -> list[dict]:
    with open(path, encoding="utf8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def compare(before: list[dict], after: list[dict], fields: list[str] | None = None) -> tuple[Counter, list]:
    """RETURNS: (count of differing records per field, [(line, field, old, new), ...])."""
    per_field: Counter = Counter()
    examples = []
    for line, (old, new) in enumerate(zip(before, after), start=1):
        keys = fields or sorted(set(old) | set(new))
        for key in keys:
            if old.get(key) != new.get(key):
                per_field[key] += 1
                examples.append((line, key, old.get(key), new.get(key)))
    if len(before) != len(after):
        per_field["<record count>"] += abs(len(before) - len(after))
    return per_field, examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--fields", help="comma-separated top-level fields to compare (default: all)")
    parser.add_argument("--show", type=int, default=3, help="differences to print")
    args = parser.parse_args(argv)
    before, after = _records(args.before), _records(args.after)
    per_field, examples = compare(before, after, args.fields.split(",") if args.fields else None)
    differing = len({line for line, *_ in examples})
    print(f"records: {len(before)} before, {len(after)} after; {differing} differ")
    for key, count in per_field.most_common():
        print(f"  {key}: {count}")
    for line, key, old, new in examples[: args.show]:
        print(f"--- line {line}, field {key}\n  before: {json.dumps(old, ensure_ascii=False)[:600]}\n"
              f"  after:  {json.dumps(new, ensure_ascii=False)[:600]}")
    return 1 if per_field else 0


if __name__ == "__main__":
    sys.exit(main())
