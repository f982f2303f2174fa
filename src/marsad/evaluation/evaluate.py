"""Evaluate a pipeline on the gold dev paragraphs (news/dev.jsonl, see its ANNOTATION.md).

    python -m marsad.evaluation.evaluate ../shared/data/news/dev.jsonl [--model DIR] [--output metrics.json]

Prints actor P/R/F1, casualty (status, count) P/R/F1 with side-attributed
recall and an error table by cause, and place detection recall, F1 within
161 km and exact geonameid recall.
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Optional

import srsly
import typer

from marsad.evaluation.scorers import (
    PLACE_MATCH_KM,
    actor_counts,
    actor_scores,
    casualty_counts,
    countable,
    match_casualties,
    place_counts,
    km,
    prf,
    side_matches,
    texts_overlap,
)

DEFAULT_DEV_PATH = Path(os.environ.get("MARSAD_DATA_DIR", "../shared/data")) / "news" / "dev.jsonl"


def evaluate(nlp, records: list[dict]) -> dict:
    """Score `nlp` on gold records; RETURNS (dict): the figures and error counts."""
    totals = {"actors": Counter(), "casualties": Counter(), "places": Counter(), "events": Counter()}
    errors: Counter = Counter()
    docs = nlp.pipe(_make_doc(nlp, r) for r in records)
    for record, doc in zip(records, docs):
        pred_cas = doc._.casualties or []
        totals["actors"] += actor_counts(doc._.actors or [], record.get("actors", []), record["text"])
        totals["casualties"] += casualty_counts(pred_cas, record.get("casualties", []))
        totals["places"] += place_counts(doc._.places or [], record.get("places", []), record["text"])
        errors += casualty_errors(pred_cas, record.get("casualties", []))
        totals["events"] += event_counts(doc._.events or [], pred_cas, record)
    cas = totals["casualties"]
    pla = totals["places"]
    cas_scores = prf(cas["tp"], cas["pred"], cas["gold"])
    place_scores = prf(pla["tp"], pla["pred"], pla["gold"])
    return {
        "n_docs": len(records),
        "actors": {**actor_scores(totals["actors"]), "n_gold": totals["actors"]["gold"]},
        "casualties": {
            **cas_scores,
            "side_r": cas["side_tp"] / cas["gold_with_side"] if cas["gold_with_side"] else 0.0,
            "n_gold": cas["gold"],
            "n_pred": cas["pred"],
        },
        "places": {
            **place_scores,
            "detection_r": pla["detected"] / pla["gold"] if pla["gold"] else 0.0,
            "id_r": pla["id_tp"] / pla["gold_with_id"] if pla["gold_with_id"] else 0.0,
            "n_gold": pla["gold"],
        },
        "events": {
            "facts_in_event_at_right_place": totals["events"]["placed"] / totals["events"]["gold"]
            if totals["events"]["gold"]
            else 0.0,
            "n_gold": totals["events"]["gold"],
        },
        "casualty_errors": dict(errors.most_common()),
    }


def _make_doc(nlp, record: dict):
    doc = nlp.make_doc(record["text"])
    doc._.date = record.get("date") or (record.get("date_extracted") or "")[:10] or None
    return doc


def _gold_fact_place(fact: dict, record: dict) -> dict | None:
    """Coordinates of a gold fact's place: its own place, else the paragraph's
    most specific gold place with coordinates."""
    places = [p for p in record.get("places", []) if p.get("lat") is not None]
    if fact.get("place"):
        own = [p for p in places if texts_overlap(p["text"], fact["place"])]
        if own:
            return own[0]
    ranked = sorted(places, key=lambda p: p.get("kind") in ("country", "admin1", "region"))
    return ranked[0] if ranked else None


def event_counts(events: list[dict], pred: list[dict], record: dict) -> Counter:
    """Gold facts that end up in an event located within 161 km of their place
    (cumulative tolls are not events and are left out)."""
    counts: Counter = Counter()
    gold = [g for g in record.get("casualties", []) if countable(g) and not g.get("aggregate")]
    counts["gold"] += len(gold)
    for fact, g in match_casualties(pred, gold):
        place = _gold_fact_place(g, record)
        for event in events:
            location = event.get("location") or {}
            in_event = any(c["text"] == fact["text"] and c["count"] == fact["count"] for c in event["casualties"])
            if in_event and place is not None and location.get("lat") is not None:
                if km(location["lat"], location["lon"], place["lat"], place["lon"]) <= PLACE_MATCH_KM:
                    counts["placed"] += 1
                break
    return counts


def casualty_errors(pred: list[dict], gold: list[dict]) -> Counter:
    """Why facts were missed or spurious, for the confusion table."""
    errors: Counter = Counter()
    pairs = match_casualties(pred, gold)
    matched_pred = [p for p, _ in pairs]
    matched_gold = [g for _, g in pairs]
    for g in (g for g in gold if countable(g) and g not in matched_gold):
        same_status = [p for p in pred if p["status"] == g["status"] and p not in matched_pred]
        if any(p.get("negated") for p in pred if p["status"] == g["status"] and p["count"] == g["count"]):
            errors["missed: wrongly negated"] += 1
        elif any(p["count"] == g["count"] for p in pred if p not in matched_pred):
            errors["missed: wrong status"] += 1
        elif same_status:
            errors["missed: wrong count"] += 1
        else:
            errors["missed: not found"] += 1
    for p in (p for p in pred if countable(p) and p not in matched_pred):
        errors["spurious: extra fact"] += 1
    for p, g in pairs:
        if g.get("victim_side") and not side_matches(p, g):
            errors["side: wrong or missing"] += 1
    return errors


def format_report(result: dict) -> str:
    a, c, p = result["actors"], result["casualties"], result["places"]
    lines = [
        f"dev paragraphs: {result['n_docs']}",
        "",
        f"{'task':<34}{'P':>7}{'R':>7}{'F1':>7}",
        f"{'actors (text overlap)':<34}{a['p']:>7.3f}{a['r']:>7.3f}{a['f']:>7.3f}",
        f"{'casualties (status, count)':<34}{c['p']:>7.3f}{c['r']:>7.3f}{c['f']:>7.3f}",
        f"{'places (overlap, <=161 km)':<34}{p['p']:>7.3f}{p['r']:>7.3f}{p['f']:>7.3f}",
        "",
        f"casualty recall with victim side: {c['side_r']:.3f}",
        f"place detection recall:           {p['detection_r']:.3f}",
        f"place exact geonameid recall:     {p['id_r']:.3f}",
        f"gold casualty facts in an event at the right place (<=161 km): {result['events']['facts_in_event_at_right_place']:.3f}",
        "",
        "casualty errors by cause:",
    ]
    lines += [f"  {cause:<32}{n:>5}" for cause, n in result["casualty_errors"].items()] or ["  none"]
    return "\n".join(lines)


def main(
    dev_path: Path = typer.Argument(DEFAULT_DEV_PATH, help="Gold JSONL (default: $MARSAD_DATA_DIR/news/dev.jsonl)."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Pipeline directory or package (default: marsad.load())."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the figures as JSON here."),
) -> None:
    import spacy

    import marsad

    if not dev_path.exists():
        typer.echo(f"[E001] Input file not found: {dev_path} (set MARSAD_DATA_DIR or pass the path)", err=True)
        raise typer.Exit(2)
    nlp = spacy.load(model) if model else marsad.load()
    result = evaluate(nlp, list(srsly.read_jsonl(dev_path)))
    typer.echo(format_report(result))
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        srsly.write_json(output, result)


if __name__ == "__main__":
    typer.run(main)
