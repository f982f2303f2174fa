"""Access to the resource files shipped inside the library (marsad/data)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import srsly

from marsad.errors import Errors, MarsadError


def data_path(name: str) -> Path:
    """Path of a file shipped in marsad/data."""
    return Path(str(resources.files("marsad") / "data" / name))


def _resolve(path: str | Path) -> Path:
    """A relative name of a shipped resource ("actors.jsonl", "places/admin1.jsonl") is
    that resource, never a same-named file in the working directory; any other path
    (absolute, "./mine.jsonl", a name marsad does not ship) is read as given."""
    given = Path(path)
    if given.is_absolute() or str(path).startswith(("./", "../", ".\\")):
        return given
    shipped = data_path(str(given))
    return shipped if shipped.exists() else given


def read_lines(path: str | Path) -> list[str]:
    """Non-empty lines of a text resource, "#" comments removed."""
    lines = []
    for line in _resolve(path).read_text(encoding="utf8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return lines


def read_jsonl(path: str | Path) -> list[dict]:
    """Records of a JSONL resource; a bad line raises MarsadError naming it."""
    resolved = _resolve(path)
    records = []
    for i, line in enumerate(resolved.read_text(encoding="utf8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = srsly.json_loads(line)
        except ValueError as err:
            raise MarsadError(Errors.E007.format(path=resolved, line=i, err=err)) from None
        if not isinstance(record, dict):
            raise MarsadError(Errors.E007.format(path=resolved, line=i, err="not a JSON object"))
        records.append(record)
    return records
