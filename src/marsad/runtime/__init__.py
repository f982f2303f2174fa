"""Process-wide settings marsad applies to the libraries it runs on (see msgpack_codecs)."""
from marsad.runtime.msgpack_codecs import cache_msgpack_codecs

__all__ = ["cache_msgpack_codecs"]
