"""marsad (مرصد): structured conflict-event data from Arabic news, as a spaCy pipeline."""
from __future__ import annotations

from .pipeline import DEFAULT_CONFIG_PATH, load

__version__ = "0.1.0"
__all__ = ["load", "DEFAULT_CONFIG_PATH", "__version__"]
