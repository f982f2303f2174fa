"""Figures for gold files, held-back splits and groups, from per-record counts.

Every gold record is scored once into a flat Counter ("section:key" -> n); any subset's
figures are computed from the sum of its records' counters, so the per-file, per-split,
per-region and per-year figures all use the same counts.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from marsad.evaluation.event_scorers import event_counts, fact_placement_counts
from marsad.evaluation.groups import HELDOUT, REGIONS, TUNE, YEAR_GROUPS, region_of, split_of, year_group
from marsad.evaluation.scorers import actor_counts, casualty_counts, casualty_errors, place_counts

SPLITS = (TUNE, HELDOUT, "all")
GROUPINGS = {"region": (region_of, REGIONS), "year": (year_group, YEAR_GROUPS)}

DEFINITIONS = {
    "actors": "text overlap of predicted mentions with gold mention texts; gold lists each mention text once, "
    "predictions are grouped by text",
    "casualties": "non-negated facts with a number, matched on (status, count); side_r: matched facts whose victim "
    "side overlaps the gold side, over gold facts with a side",
    "places": "text overlap and coordinates within 161 km; id_r: gold places with a geonameid the output also has; "
    "detection_r: gold places whose text a prediction overlaps",
    "events": "records with gold `events` only. A predicted and a gold event of one paragraph can match when their "
    "places agree (within 161 km, or texts overlap where coordinates are missing, or both have no place), or when "
    "one side has no place and their actors overlap; greedy one-to-one, place agreement first, then actor overlap, "
    "then equal fatalities. type_acc and fatalities_acc are among matched events (fatalities: gold stated, compared "
    "with the event's best estimate). actor_named_r: gold events with an actor1/actor2 whose matched predicted event "
    "names one of them (mention text or name overlaps after normalisation); actor_named_of_found: the same over the "
    "gold events with an actor that were found (matched); actor_in_paragraph_r: the same, named "
    "by any predicted actor mention of the paragraph. facts_in_event_at_right_place: matched gold casualty facts "
    "(not cumulative) put into an event located within 161 km of the fact's place",
    "split": "HELDOUT when int(sha1(id), 16) % 3 == 0, else TUNE; all = both",
    "region": "train's `region`; otherwise inferred from the gold places' countries (the most frequent listed "
    "region, ties to the first named), else OTHER",
    "year": "2015 or 2019-2026, from `year`, else the date; dev.jsonl is all 2015",
}


def record_counts(record: dict, predicted: dict) -> Counter:
    """All counts for one gold record against its predictions ({"actors", "casualties",
    "places", "events"} lists as marsad outputs them)."""
    pred_actors = predicted.get("actors") or []
    pred_cas = predicted.get("casualties") or []
    pred_events = predicted.get("events") or []
    gold_cas = record.get("casualties", [])
    counts: Counter = Counter({"docs:n": 1})
    sections = {
        "actors": actor_counts(pred_actors, record.get("actors", []), record["text"]),
        "casualties": casualty_counts(pred_cas, gold_cas),
        "places": place_counts(predicted.get("places") or [], record.get("places", []), record["text"]),
        "facts": fact_placement_counts(pred_events, pred_cas, record),
        "errors": casualty_errors(pred_cas, gold_cas),
    }
    if "events" in record:
        counts["docs:with_events"] += 1
        sections["events"] = event_counts(pred_events, record["events"], pred_actors, record.get("places", []))
    for section, section_counts in sections.items():
        for key, n in section_counts.items():
            counts[f"{section}:{key}"] += n
    return counts


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict:
    """P and R, None when nothing was predicted / nothing is gold; F1 is 0 when only one of
    them has anything, None when neither has."""
    p, r = _ratio(tp_pred, n_pred), _ratio(tp_gold, n_gold)
    f = None if p is None and r is None else _f1(p or 0.0, r or 0.0)
    return {"p": p, "r": r, "f": f}


def figures(counts: Counter) -> dict:
    """Every figure from summed counts; None where a figure has nothing to count."""
    c = lambda section, key: counts[f"{section}:{key}"]  # noqa: E731
    events = None
    if c("docs", "with_events"):
        events = {
            **_prf(c("events", "tp"), c("events", "pred"), c("events", "tp"), c("events", "gold")),
            "type_acc": _ratio(c("events", "type_right"), c("events", "tp")),
            "fatalities_acc": _ratio(c("events", "fatalities_right"), c("events", "fatalities_compared")),
            "actor_named_r": _ratio(c("events", "actor_named"), c("events", "gold_with_actor")),
            "actor_named_of_found": _ratio(c("events", "actor_named"), c("events", "found_with_actor")),
            "actor_in_paragraph_r": _ratio(c("events", "actor_in_paragraph"), c("events", "gold_with_actor")),
            "n_gold": c("events", "gold"),
            "n_pred": c("events", "pred"),
            "n_matched": c("events", "tp"),
            "n_docs": c("docs", "with_events"),
        }
    errors = {key.split(":", 1)[1]: n for key, n in counts.most_common() if key.startswith("errors:") and n}
    return {
        "n_docs": c("docs", "n"),
        "actors": {
            **_prf(c("actors", "tp_pred"), c("actors", "pred"), c("actors", "tp_gold"), c("actors", "gold")),
            "n_gold": c("actors", "gold"),
            "n_pred": c("actors", "pred"),
        },
        "casualties": {
            **_prf(c("casualties", "tp"), c("casualties", "pred"), c("casualties", "tp"), c("casualties", "gold")),
            "side_r": _ratio(c("casualties", "side_tp"), c("casualties", "gold_with_side")),
            "n_gold": c("casualties", "gold"),
            "n_pred": c("casualties", "pred"),
        },
        "places": {
            **_prf(c("places", "tp"), c("places", "pred"), c("places", "tp"), c("places", "gold")),
            "detection_r": _ratio(c("places", "detected"), c("places", "gold")),
            "id_r": _ratio(c("places", "id_tp"), c("places", "gold_with_id")),
            "n_gold": c("places", "gold"),
            "n_pred": c("places", "pred"),
        },
        "events": events,
        "facts_in_event_at_right_place": _ratio(c("facts", "placed"), c("facts", "gold")),
        "casualty_errors": errors,
    }


def _total(counters: Iterable[Counter]) -> Counter:
    total: Counter = Counter()
    for counts in counters:
        total.update(counts)
    return total


def summarise(scored: list[tuple[str, dict, Counter]]) -> dict:
    """Figures per scope (each file, and all files together when there are several), per
    split (tune, heldout, all), overall and by region and year group.

    `scored`: (file label, gold record, record_counts) triples."""
    labels = list(dict.fromkeys(label for label, _, _ in scored))
    scopes = {label: [s for s in scored if s[0] == label] for label in labels}
    if len(labels) > 1:
        scopes["+".join(labels)] = scored
    results: dict = {}
    for scope, items in scopes.items():
        results[scope] = {}
        for split in SPLITS:
            chosen = [(r, c) for _, r, c in items if split == "all" or split_of(r) == split]
            entry = figures(_total(c for _, c in chosen))
            for grouping, (group_of, values) in GROUPINGS.items():
                entry[f"by_{grouping}"] = {
                    value: figures(_total(c for r, c in chosen if group_of(r) == value))
                    for value in values
                    if any(group_of(r) == value for r, _ in chosen)
                }
            results[scope][split] = entry
    return results
