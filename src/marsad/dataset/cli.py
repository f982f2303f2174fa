"""The `marsad merge` command (a typer app; the main CLI mounts `merge_command` or `app`)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from marsad.dataset.similarity import THRESHOLD
from marsad.errors import MarsadError

app = typer.Typer(help="Merge `marsad extract` outputs into one row per incident.", add_completion=False)


@app.command("merge")
def merge_cli(
    inputs: List[Path] = typer.Argument(..., help="`marsad extract` JSONL outputs."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Merged events, JSONL (default: stdout)."),
    csv_output: Optional[Path] = typer.Option(None, "--csv", help="Also write CSV (ACLED columns, UCDP death fields)."),
    into: Optional[Path] = typer.Option(None, "--into", help="An existing merged JSONL dataset to add this batch to."),
    metadata: Optional[List[Path]] = typer.Option(None, "--metadata", help="The extract inputs (JSONL with id, source, url) to name each report's source."),
    engine: str = typer.Option("local", "--engine", help="local or dask."),
    threshold: float = typer.Option(THRESHOLD, "--threshold", help="Pair score (0-1) needed to merge two reports."),
    npartitions: int = typer.Option(4, "--partitions", "-j", help="Dask partitions (with --engine dask)."),
) -> None:
    """Merge per-article events into one row per incident."""
    from marsad.dataset.merge import merge_command

    if engine not in ("local", "dask"):
        typer.echo(f"Unknown --engine {engine!r}; choose local or dask", err=True)
        raise typer.Exit(2)
    try:
        n = merge_command(inputs, output, csv_output, into, metadata, engine, threshold, npartitions)
    except (MarsadError, ImportError) as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2)
    typer.echo(f"{n} merged events", err=True)
