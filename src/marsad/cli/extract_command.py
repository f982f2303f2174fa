"""`marsad extract`: batch extraction over files.

Exit codes: 0 every record processed; 1 some records failed (see their
"error" field); 2 a mistake in the command line or the input (one line on
stderr, nothing processed); 3 the output cannot be written (disk full, no
permission); 4 an unexpected internal error; 130 / 143 interrupted by SIGINT
(Ctrl-C) / SIGTERM, after closing the output so it stays valid.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, Optional

import typer

from marsad.cli import checks
from marsad.cli.interrupts import InterruptGuard, Interrupted
from marsad.errors import Errors, MarsadError, UsageError

EXIT_RECORDS_FAILED = 1
EXIT_USAGE = 2
EXIT_OUTPUT = 3

INPUT_HELP = (
    "A .txt file, a directory of .txt files (symbolic links leading outside it are skipped), "
    "a .jsonl or .csv file, or '-' for stdin: stdin is JSONL when its first non-blank character is '{', "
    "else one text."
)


def _load_pipeline(model: Optional[str]):
    return checks.load_pipeline(model)


def extract(
    input: str = typer.Argument(..., help=INPUT_HELP),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output file (default: stdout). An existing file needs --force or --resume."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl (everything), csv (one row per event), geojson (event points) or html (report); any case."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for records without a 'date'; relative dates resolve against it."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="A pipeline directory or package (default: marsad.load())."),
    text_column: str = typer.Option("text", "--text-column", help="The JSONL key or CSV column holding the text."),
    encoding: str = typer.Option("utf-8", "--encoding", help="Encoding of the input, e.g. cp1256 for Windows Arabic."),
    batch_size: int = typer.Option(64, min=1, help="Records per batch."),
    n_process: int = typer.Option(1, "--n-process", "-j", min=1, help="Worker processes."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar (default: on a terminal)."),
    engine: str = typer.Option("local", "--engine", help="local (this machine; -j worker processes) or dask (a Dask cluster: --scheduler, else a LocalCluster with -j workers)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run: keep the records already in --output (marsad JSONL of this input) and append the rest."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing --output file."),
    actors: Optional[Path] = typer.Option(None, "--actors", help="A JSONL of extra actors (actors.jsonl's format) added to the shipped knowledge base."),
    sources: Optional[Path] = typer.Option(None, "--sources", help="A JSONL of extra reporting sources (sources.jsonl's format) added to the shipped ones."),
    csv_bom: bool = typer.Option(True, "--csv-bom/--no-csv-bom", help="Start CSV output with a UTF-8 byte order mark, so Excel reads Arabic right."),
    escape_formulas: bool = typer.Option(True, "--escape-formulas/--no-escape-formulas", help="Prefix ' to CSV cells a spreadsheet would run as a formula (= + - @)."),
) -> None:
    """Extract events, casualties, places and actors from Arabic news.

    Exit codes: 0 done; 1 some records failed (their 'error' field says why);
    2 a mistake in the options or the input; 3 the output cannot be written;
    4 an internal error; 130/143 interrupted (the output is closed and valid;
    continue a JSONL output with --resume).
    """
    try:
        extras = dict(actors=actors, sources=sources, csv_bom=csv_bom, escape_formulas=escape_formulas)
        _extract(input, output, fmt.lower(), date, model, text_column, encoding, batch_size, n_process,
                 progress, engine, scheduler, resume, force, extras)
    except UsageError as err:
        _fail(err, EXIT_USAGE)
    except checks.OutputError as err:
        _fail(err, EXIT_OUTPUT)
    except MarsadError as err:  # an InputError about the whole input
        _fail(err, EXIT_USAGE)


def _fail(err: Exception, code: int) -> None:
    typer.echo(str(err), err=True)
    raise typer.Exit(code)


def _check_options(fmt, engine, scheduler, resume, output, force) -> None:
    from marsad.io.formats import FORMATS

    if fmt not in FORMATS:
        raise UsageError(Errors.E008.format(fmt=fmt, choices=", ".join(FORMATS)))
    if engine not in ("local", "dask"):
        raise UsageError(f"Unknown --engine {engine!r}; choose local or dask")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if resume and (output is None or fmt != "jsonl"):
        raise UsageError("--resume needs --output FILE and --format jsonl")
    if resume and force:
        raise UsageError("--resume and --force contradict each other: choose one")


def _extract(input, output, fmt, date, model, text_column, encoding, batch_size, n_process,
             progress, engine, scheduler, resume, force, extras) -> None:
    from marsad.io.records import count_records, read_records

    _check_options(fmt, engine, scheduler, resume, output, force)
    _check_user_actors(extras, engine)
    checks.check_date(date)
    checks.check_output(output, input, force, resume)
    checks.check_model(model if engine == "local" else None)
    records = read_records(input, text_column=text_column, encoding=encoding)
    first = next(records, None)  # whole-input problems surface here, before the pipeline loads
    if first is None:
        raise UsageError(Errors.E015.format(path=input, why=""))
    finished = None
    if resume:
        from marsad.io.resume import check_resumable, prepare_resume

        check_resumable(output, first.id, lambda: (r.id for r in read_records(input, text_column=text_column, encoding=encoding)))
        finished = prepare_resume(output)  # drops a line cut off by the interruption
    total = count_records(input)
    if finished and total is not None:
        total = max(total - sum(finished.counts.values()), 0)
    source = _chain(first, records)
    if finished:
        from marsad.io.resume import skip_finished

        source = skip_finished(source, finished)  # records already in --output, in input order
    show_progress = sys.stderr.isatty() if progress is None else progress
    with InterruptGuard() as guard:
        try:
            results = _results(source, engine, scheduler, model, n_process, batch_size, date, fmt, extras)
            _write(results, output, fmt, resume, total, show_progress, guard, extras)
        except Interrupted as stop:
            if not getattr(stop, "reported", False):
                typer.echo("interrupted before the first record was written", err=True)
            raise typer.Exit(stop.exit_code)


def _chain(first, records) -> Iterator:
    from marsad.errors import InputError

    yield first
    try:
        yield from records
    except InputError as err:  # e.g. a file of a directory vanished while reading
        typer.echo(str(err), err=True)


def _check_user_actors(extras: dict, engine: str) -> None:
    """A user's actors/sources file is checked before anything loads (one line, exit 2)."""
    if not (extras["actors"] or extras["sources"]):
        return
    if engine != "local":
        raise UsageError("--actors and --sources need --engine local (for Dask, set extra_actors_path in the pipeline's config)")
    from marsad.components.actors.kb import read_user_records
    from marsad.resources import read_jsonl

    if extras["actors"]:  # affiliations may name shipped actors
        read_user_records(extras["actors"], label="ACTOR", known_ids=[r["actor_id"] for r in read_jsonl("actors.jsonl")])
    if extras["sources"]:
        read_user_records(extras["sources"], label="SOURCE")


def _pipeline(model, extras: dict):
    nlp = _load_pipeline(model)
    if extras["actors"] or extras["sources"]:
        from marsad.components.actors import extend_actors

        extend_actors(nlp, actors_path=extras["actors"], sources_path=extras["sources"])
    return nlp


def _results(source, engine, scheduler, model, n_process, batch_size, date, fmt, extras):
    options = dict(batch_size=batch_size, default_date=date, include_text=fmt == "html")
    if engine == "dask":
        from marsad.io.distributed import extract_with_dask

        return extract_with_dask(source, scheduler, model=model, n_workers=n_process if n_process > 1 else None, **options)
    from marsad.io.extract import extract as run_extract

    return run_extract(_pipeline(model, extras), source, n_process=n_process, **options)


def _write(results, output, fmt, resume, total, show_progress, guard: InterruptGuard, extras: dict) -> None:
    from marsad.io.formats import make_writer

    try:
        out = output.open("a" if resume else "w", encoding="utf8", newline="") if output else sys.stdout
    except OSError as err:
        results.close()
        raise checks.output_error(output, err) from err
    writer = make_writer(fmt, out, csv_bom=extras["csv_bom"], csv_escape_formulas=extras["escape_formulas"])
    failed = written = 0
    bar = None
    try:
        if show_progress:
            from rich.progress import Progress

            bar = Progress(transient=False)
            bar.start()
            task = bar.add_task("extracting", total=total)
        for result in results:
            with guard.deferred():
                writer.write(result)
                failed += "error" in result
                written += 1
                if bar is not None:
                    bar.advance(task)
        with guard.deferred():
            writer.close()
    except Interrupted as stop:
        stop.reported = True
        _stop(results, bar)
        _close_quietly(writer, out, output)
        hint = "; rerun with --resume" if output and fmt == "jsonl" else f"; {output or 'the output'} holds them"
        typer.echo(f"interrupted after {written} records{hint}", err=True)
        raise
    except OSError as err:
        _stop(results, bar)
        _close_quietly(writer, out, output)
        raise checks.output_error(output, err) from err
    finally:
        if bar is not None:
            bar.stop()
    try:
        if output:
            out.close()
    except OSError as err:
        raise checks.output_error(output, err) from err
    if failed:
        typer.echo(f"{failed} of {written} records failed; see their 'error' field.", err=True)
        raise typer.Exit(EXIT_RECORDS_FAILED)


def _stop(results, bar) -> None:
    if bar is not None:
        bar.stop()
    close = getattr(results, "close", None)
    if close is not None:
        close()  # stops the worker processes


def _close_quietly(writer, out, output) -> None:
    try:
        writer.close()
    except Exception:  # noqa: BLE001 - e.g. the disk is still full; the first error is the one to report
        pass
    if output:
        try:
            out.close()
        except OSError:
            pass
