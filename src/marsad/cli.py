"""The marsad command line: batch extraction over files."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Optional

import typer

from marsad.errors import InputError, MarsadError

app = typer.Typer(help="marsad: conflict events from Arabic news.", no_args_is_help=True, add_completion=False)
logger = logging.getLogger("marsad")


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details.")) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _load_pipeline(model: Optional[str]):
    import spacy

    import marsad

    if model:
        return spacy.load(model)
    return marsad.load()


@app.command()
def extract(
    input: str = typer.Argument(..., help="A .txt file, a directory of .txt files, a .jsonl/.csv file, or '-' for stdin."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output file (default: stdout)."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (everything), csv (one row per event), geojson (event points) or html (report)."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for records without a 'date'; relative dates resolve against it."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="A pipeline directory or package (default: marsad.load())."),
    batch_size: int = typer.Option(64, help="Records per batch."),
    n_process: int = typer.Option(1, "--n-process", "-j", help="Worker processes."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    engine: str = typer.Option("local", "--engine", help="local (this machine; -j worker processes) or dask (a Dask cluster: --scheduler, else a LocalCluster with -j workers)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: keep the records already in --output and append the rest (jsonl only)."),
) -> None:
    """Extract events, casualties, places and actors from Arabic news."""
    from marsad.text.dates import parse_reference
    from marsad.errors import Errors
    from marsad.io.extract import extract as run_extract
    from marsad.io.formats import FORMATS, make_writer
    from marsad.io.records import count_records, read_records

    if fmt not in FORMATS:
        typer.echo(Errors.E008.format(fmt=fmt, choices=", ".join(FORMATS)), err=True)
        raise typer.Exit(2)
    if date is not None and parse_reference(date) is None:
        typer.echo(Errors.E009.format(line="--date", value=date), err=True)
        raise typer.Exit(2)
    if engine not in ("local", "dask"):
        typer.echo(f"Unknown --engine {engine!r}; choose local or dask", err=True)
        raise typer.Exit(2)
    if scheduler and engine != "dask":
        typer.echo("--scheduler needs --engine dask", err=True)
        raise typer.Exit(2)
    if resume and (output is None or fmt != "jsonl"):
        typer.echo("--resume needs --output FILE and --format jsonl", err=True)
        raise typer.Exit(2)
    finished = None
    if resume:
        from marsad.io.resume import prepare_resume

        try:
            finished = prepare_resume(output)  # drops a line cut off by the interruption
        except MarsadError as err:
            typer.echo(str(err), err=True)
            raise typer.Exit(2)
    try:
        records = read_records(input)
        first = next(records, None)
    except MarsadError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(2)
    total = count_records(input)
    if finished and total is not None:
        total = max(total - sum(finished.counts.values()), 0)
    show_progress = sys.stderr.isatty() if progress is None else progress

    def all_records():
        if first is not None:
            yield first
        try:
            yield from records
        except InputError as err:
            typer.echo(str(err), err=True)

    source = all_records()
    if finished:
        from marsad.io.resume import skip_finished

        source = skip_finished(source, finished)  # records already in --output, in input order
    options = dict(batch_size=batch_size, default_date=date, include_text=fmt == "html")
    if engine == "dask":
        from marsad.io.distributed import extract_with_dask

        results = extract_with_dask(
            source, scheduler, model=model, n_workers=n_process if n_process > 1 else None, **options
        )
    else:
        results = run_extract(_load_pipeline(model), source, n_process=n_process, **options)

    failed = written = 0
    out = output.open("a" if resume else "w", encoding="utf8", newline="") if output else sys.stdout
    writer = make_writer(fmt, out)
    try:
        if show_progress:
            from rich.progress import Progress

            with Progress(transient=False) as bar:
                task = bar.add_task("extracting", total=total)
                for result in results:
                    failed += "error" in result
                    written += 1
                    writer.write(result)
                    bar.advance(task)
        else:
            for result in results:
                failed += "error" in result
                written += 1
                writer.write(result)
        writer.close()
    finally:
        if output:
            out.close()
    if failed:
        typer.echo(f"{failed} of {written} records failed; see their 'error' field.", err=True)
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
