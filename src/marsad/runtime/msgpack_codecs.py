"""Cache srsly's msgpack codec lookup.

srsly finds its msgpack encoders and decoders (catalogue registries that also
read package entry points) on every `msgpack_dumps`/`msgpack_loads`: each call
scans the installed packages' entry points and copies catalogue's whole
function registry, which spaCy fills with thousands of entries - about 1.5 ms
per call. spaCy's `Doc.to_bytes`/`Doc.from_bytes` call it seven times per doc,
so `nlp.pipe(n_process=2)` spent most of its main process there and ran slower
than one process. The cached lookup returns the same codecs; it is computed
again whenever anything new is registered in catalogue (a new codec included).
"""
from __future__ import annotations

from typing import Callable

import catalogue
from srsly import msgpack as srsly_msgpack

_MARK = "_marsad_cached"


def _cached(registry: catalogue.Registry) -> Callable[[], dict]:
    compute = type(registry).get_all.__get__(registry)
    state: dict = {"size": None, "codecs": {}}

    def get_all() -> dict:
        size = len(catalogue.REGISTRY)
        if state["size"] != size:
            state["codecs"] = compute()
            state["size"] = size
        return dict(state["codecs"])

    setattr(get_all, _MARK, True)
    return get_all


def cache_msgpack_codecs() -> None:
    """Make srsly's msgpack codec lookup a cached one (idempotent, no lookup at call time)."""
    for registry in (srsly_msgpack.msgpack_encoders, srsly_msgpack.msgpack_decoders):
        if not getattr(registry.get_all, _MARK, False):
            registry.get_all = _cached(registry)
