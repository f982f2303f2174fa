"""The marsad command line: `marsad extract`, `marsad merge`, `marsad evaluate`, `marsad gazetteer`,
`marsad train`, `marsad evaluate-ner` (also `python -m marsad`).

Every mistake in the command line is one line on stderr and exit code 2; an
unexpected error is one line and exit code 4 (--verbose shows the traceback).
"""
from __future__ import annotations

import logging
import os
import sys
from typing import Optional

import typer

from marsad.cli import tools
from marsad.cli.extract_command import extract
from marsad.dataset.cli import merge_cli

EXIT_INTERNAL = 4
INTERRUPTED_CODES = (130, 143)

app = typer.Typer(help="marsad: conflict events from Arabic news.", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
logger = logging.getLogger("marsad")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"marsad {version('marsad')}")
        except PackageNotFoundError:
            typer.echo("marsad (not installed)")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details; show tracebacks."),
    version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


app.command()(extract)
app.command("merge")(merge_cli)
tools.register(app)


def _is_usage_error(err: Exception) -> bool:
    # typer vendors its own click: recognise click's exceptions of either copy by shape
    return any(cls.__name__ == "ClickException" for cls in type(err).__mro__) and hasattr(err, "format_message")


def main(argv: Optional[list[str]] = None) -> None:
    """The console script: click's usage errors and unexpected exceptions
    become one line (exit 2 and 4) instead of a box or a traceback."""
    args = sys.argv[1:] if argv is None else argv
    try:
        code = app(args=args, prog_name="marsad", standalone_mode=False)
    except Exception as err:  # noqa: BLE001 - one line, not a traceback, unless --verbose
        if _is_usage_error(err):  # unknown option, bad value, missing argument
            command = err.ctx.command_path if getattr(err, "ctx", None) else "marsad"
            typer.echo(f"{command}: {err.format_message()} (see {command} --help)", err=True)
            sys.exit(err.exit_code)
        if type(err).__name__ == "Abort":
            typer.echo("interrupted", err=True)
            sys.exit(130)
        if "-v" in args or "--verbose" in args:
            raise
        typer.echo(f"[E099] Internal error: {type(err).__name__}: {err} (rerun with --verbose for details)", err=True)
        sys.exit(EXIT_INTERNAL)
    if code in INTERRUPTED_CODES:
        _exit_now(code)
    sys.exit(code or 0)


def _exit_now(code: int) -> None:
    """Exit without the interpreter's teardown (seconds with a loaded pipeline):
    after an interrupt the output is already closed and the workers stopped."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
