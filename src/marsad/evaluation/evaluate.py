"""Evaluate a pipeline on the gold news paragraphs (news/dev.jsonl, news/train.jsonl; see ANNOTATION.md).

    python -m marsad.evaluation.evaluate [FILE ...] [--model DIR | --predictions OUT.jsonl]
        [--output figures.json] [--split tune|heldout|all] [--by region --by year]

Scores each file, and all files together, on the TUNE and HELDOUT records and on both; by
region and by year group: actors, casualties (with victims' side), places (within 161 km, exact
GeoNames ids) and events (train.jsonl's gold events). `evaluate()` is the single-file scorer the
project's `evaluate` step used before; `evaluate_command` is the command (`marsad evaluate`).
"""
from __future__ import annotations

import os
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import srsly
import typer

from marsad.evaluation.event_scorers import fact_placement_counts
from marsad.evaluation.groups import split_of
from marsad.evaluation.report import DEFINITIONS, record_counts, summarise
from marsad.evaluation.scorers import actor_counts, actor_scores, casualty_counts, casualty_errors, place_counts, prf

DEFAULT_NEWS_DIR = Path(os.environ.get("MARSAD_DATA_DIR", "../shared/data")) / "news"
DEFAULT_DEV_PATH = DEFAULT_NEWS_DIR / "dev.jsonl"
DEFAULT_FILES = [DEFAULT_DEV_PATH, DEFAULT_NEWS_DIR / "train.jsonl"]


class BadInput(ValueError):
    """A user mistake in an input file, reported on one line."""


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
        totals["events"] += fact_placement_counts(doc._.events or [], pred_cas, record)
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




# ------------------------------------------------------------------ the command
class SplitChoice(str, Enum):
    tune = "tune"
    heldout = "heldout"
    all = "all"


class GroupChoice(str, Enum):
    region = "region"
    year = "year"


def read_gold(path: Path) -> list[dict]:
    """Gold records of a JSONL file; BadInput names the file and line of a broken record."""
    if not path.exists():
        raise BadInput(f"[E001] Input file not found: {path} (set MARSAD_DATA_DIR or pass the path)")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = srsly.json_loads(line)
        except ValueError:
            raise BadInput(f"{path}, line {number}: not valid JSON") from None
        if not isinstance(record, dict) or not isinstance(record.get("id"), str) or not isinstance(record.get("text"), str):
            raise BadInput(f"{path}, line {number}: a gold record needs a string 'id' and 'text'")
        records.append(record)
    return records


def predict(nlp, records: list[dict]) -> Iterator[dict]:
    """marsad's actors, casualties, places and events for each record, as plain dicts."""
    for doc in nlp.pipe(_make_doc(nlp, r) for r in records):
        yield {key: getattr(doc._, key) or [] for key in ("actors", "casualties", "places", "events")}


def saved_predictions(path: Path, records: list[dict]) -> list[dict]:
    """Predictions from a `marsad extract` JSONL output, in the order of the gold records."""
    by_id = {r.get("id"): r for r in _read_jsonl(path)}
    missing = [r["id"] for r in records if r["id"] not in by_id]
    if missing:
        raise BadInput(f"{path} has no output for {len(missing)} gold records (first: {missing[0]})")
    return [by_id[r["id"]] for r in records]


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        raise BadInput(f"[E001] Input file not found: {path}")
    try:
        return [r for r in srsly.read_jsonl(path) if isinstance(r, dict)]
    except ValueError as err:
        raise BadInput(f"{path}: not valid JSONL ({err})") from None


def run_evaluation(files: list[Path], nlp=None, predictions: Optional[Path] = None) -> dict:
    """Score every gold record of `files` once; RETURNS the JSON-ready report."""
    labelled = [(path.stem, record) for path in files for record in read_gold(path)]
    records = [record for _, record in labelled]
    predicted = saved_predictions(predictions, records) if predictions else list(predict(nlp, records))
    scored = [(label, record, record_counts(record, pred)) for (label, record), pred in zip(labelled, predicted)]
    return {
        "files": {path.stem: str(path) for path in files},
        "split_sizes": {
            label: dict(Counter(split_of(r) for lab, r in labelled if lab == label)) for label in dict.fromkeys(l for l, _ in labelled)
        },
        "definitions": DEFINITIONS,
        "results": summarise(scored),
    }


def evaluate_command(
    files: Optional[List[Path]] = typer.Argument(
        None, help="Gold JSONL files (default: dev.jsonl and train.jsonl under $MARSAD_DATA_DIR/news, else ../shared/data/news)."
    ),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Pipeline directory or package (default: marsad.load())."),
    predictions: Optional[Path] = typer.Option(
        None, "--predictions", "-p", help="Score a saved `marsad extract` JSONL output (matched by id) instead of running a pipeline."
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write every figure as JSON here."),
    split: SplitChoice = typer.Option(SplitChoice.all, "--split", help="Show TUNE, HELDOUT, or all three side by side (TUNE, HELDOUT, ALL)."),
    by: Optional[List[GroupChoice]] = typer.Option(None, "--by", help="Group tables to show: region, year (repeatable; default both)."),
) -> None:
    """Score marsad on gold paragraphs: per file and together, TUNE vs HELDOUT, by region and year."""
    from marsad.evaluation.tables import print_report

    if model and predictions:
        typer.echo("Give --model or --predictions, not both", err=True)
        raise typer.Exit(2)
    paths = list(files) if files else DEFAULT_FILES
    try:
        for path in paths:
            if not path.exists():
                raise BadInput(f"[E001] Input file not found: {path} (set MARSAD_DATA_DIR or pass the path)")
        nlp = None if predictions else _load(model)
        report = run_evaluation(paths, nlp, predictions)
    except BadInput as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2)
    splits = ["tune", "heldout", "all"] if split == SplitChoice.all else [split.value]
    print_report(report["results"], splits, [g.value for g in by] if by else ["region", "year"])
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        srsly.write_json(output, report)


def _load(model: Optional[str]):
    import spacy

    import marsad

    return spacy.load(model) if model else marsad.load()


app = typer.Typer(add_completion=False)
app.command("evaluate")(evaluate_command)


if __name__ == "__main__":
    typer.run(evaluate_command)
