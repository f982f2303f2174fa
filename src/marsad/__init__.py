"""marsad (مرصد): structured conflict-event data from Arabic news, as a spaCy pipeline."""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["load", "__version__"]

if TYPE_CHECKING:
    from spacy.language import Language


def load(config_path=None, *, overrides: dict | None = None) -> "Language":
    """Build the default marsad pipeline from resources shipped in the library.

    config_path (str | Path | None): a pipeline config; None for the default.
    overrides (dict | None): config overrides, e.g. {"paths.gazetteer": "gaz"}.
    RETURNS (Language): the initialised pipeline.
    """
    from marsad.pipeline import load as _load

    return _load(config_path, overrides=overrides)
