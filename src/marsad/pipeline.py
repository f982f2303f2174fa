"""Building the default pipeline from the config shipped inside the library."""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.util import load_config, load_model_from_config

from marsad.components import actors, casualties, events, normalizer, tokenizer  # noqa: F401  (register factories)
from marsad.components.patterns import save_pattern_cache
from marsad.geo import linker  # noqa: F401
from marsad.resources import data_path

DEFAULT_CONFIG_PATH = data_path("default.cfg")


def load(config_path: str | Path | None = None, *, overrides: dict | None = None) -> Language:
    """Build and initialise the marsad pipeline; no network, no training.

    config_path (str | Path | None): a pipeline config; None for the default.
    overrides (dict | None): config overrides, e.g. {"paths.gazetteer": "gaz"}.
    RETURNS (Language): the ready pipeline.
    """
    config = load_config(config_path or DEFAULT_CONFIG_PATH, overrides=overrides or {}, interpolate=False)
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    save_pattern_cache()
    if config_path is None:
        from marsad.training.meta import fill_meta, rules_meta

        nlp.meta.update(fill_meta(nlp.meta, rules_meta()))
    return nlp
