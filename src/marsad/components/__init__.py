"""The pipeline components (registered as spaCy factories through entry points)."""
from marsad.runtime import cache_msgpack_codecs

# every process that runs a marsad component serialises Docs (n_process, DocBin, -j N)
cache_msgpack_codecs()
