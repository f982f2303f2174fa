"""Pairwise precision/recall/F1 of a merge against a human clustering.

Gold: rows {"id": record id, "cluster": label}; a record reporting two
incidents has two rows. Two records are a gold pair when they share a label,
a predicted pair when one merged event cites both. Only records in the gold
are scored.

    python -m marsad.dataset.pairwise MERGED.jsonl GOLD.jsonl
"""
from __future__ import annotations

import sys
from collections import defaultdict
from itertools import combinations

from marsad.dataset.reports import read_jsonl


def _pairs(groups: list[set[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for group in groups for p in combinations(sorted(group), 2)}


def pairwise_scores(merged: list[dict], gold: list[dict]) -> dict:
    scored = {str(row["id"]) for row in gold}
    by_label: dict[str, set[str]] = defaultdict(set)
    for row in gold:
        by_label[row["cluster"]].add(str(row["id"]))
    gold_pairs = _pairs(list(by_label.values()))
    pred_groups = [{str(r["id"]) for r in row.get("reports") or []} & scored for row in merged]
    pred_pairs = _pairs(pred_groups)
    tp = len(gold_pairs & pred_pairs)
    p = tp / len(pred_pairs) if pred_pairs else 0.0
    r = tp / len(gold_pairs) if gold_pairs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f": round(f, 3), "tp": tp, "n_pred_pairs": len(pred_pairs), "n_gold_pairs": len(gold_pairs)}


if __name__ == "__main__":  # pragma: no cover
    if len(sys.argv) != 3:
        sys.exit("usage: python -m marsad.dataset.pairwise MERGED.jsonl GOLD.jsonl")
    print(pairwise_scores(list(read_jsonl(sys.argv[1])), list(read_jsonl(sys.argv[2]))))
