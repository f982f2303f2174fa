"""Checks of the command line, run before the pipeline loads (it takes seconds):
each mistake is one line on stderr and exit code 2."""
from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Optional

from marsad.errors import Errors, MarsadError, OutputError, UsageError

# A saved spaCy pipeline always has these; a copy without them is incomplete.
PIPELINE_FILES = ("config.cfg", "meta.json")


def check_output(output: Optional[Path], input: str, force: bool, resume: bool) -> None:
    """The output's directory exists; an existing file is only overwritten with
    --force (or continued with --resume); the input is never the output."""
    if output is None:
        return
    if not output.parent.is_dir():
        raise UsageError(Errors.E017.format(path=output.parent))
    if output.is_dir():
        raise UsageError(Errors.E018.format(path=output).split(";")[0] + " and is a directory; name a file")
    if input != "-" and Path(input).exists() and output.exists() and _same_file(output, Path(input)):
        raise UsageError(Errors.E019.format(path=output))
    if output.exists() and output.stat().st_size > 0 and not (force or resume):
        raise UsageError(Errors.E018.format(path=output))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_model(model: Optional[str]) -> None:
    """A --model is a pipeline directory with its files, or an installed package."""
    if model is None:
        return
    path = Path(model)
    if path.exists():
        if not path.is_dir():
            raise UsageError(Errors.E020.format(model=model))
        missing = [name for name in PIPELINE_FILES if not (path / name).is_file()]
        if missing:
            raise UsageError(Errors.E021.format(path=path, missing="no " + ", no ".join(missing)))
        return
    from spacy.util import is_package

    if os.sep in model or model.startswith(".") or not is_package(model):
        raise UsageError(Errors.E020.format(model=model))


def load_pipeline(model: Optional[str]):
    """The pipeline; a model that fails to load (e.g. truncated files) is one line."""
    import spacy

    import marsad

    if not model:
        return marsad.load()
    try:
        return spacy.load(model)
    except MemoryError:
        raise
    except Exception as err:  # noqa: BLE001 - a broken model is the user's to fix, in one line
        message = str(err).strip().splitlines()[0] if str(err).strip() else ""
        raise UsageError(Errors.E022.format(model=model, err=f"{type(err).__name__}: {message}"[:300])) from err


def check_date(date: Optional[str]) -> None:
    if date is None:
        return
    from marsad.text.dates import parse_reference

    if parse_reference(date) is None:
        raise UsageError(Errors.E023.format(value=date))


def output_error(path, err: OSError) -> MarsadError:
    """One line for a failed write; disk full gets its own wording."""
    if err.errno == errno.ENOSPC:
        return OutputError(Errors.E024.format(path=path or "stdout", err="no space left on the device"))
    return OutputError(Errors.E024.format(path=path or "stdout", err=err.strerror or err))
