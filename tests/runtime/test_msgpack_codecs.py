"""srsly's msgpack codec lookup, cached by marsad: the same codecs, new ones still seen."""
import catalogue
import numpy
import srsly
from srsly import msgpack as srsly_msgpack

from marsad.runtime import cache_msgpack_codecs


def test_the_cached_lookup_returns_the_codecs_srsly_would_find():
    cache_msgpack_codecs()
    for registry in (srsly_msgpack.msgpack_encoders, srsly_msgpack.msgpack_decoders):
        assert registry.get_all() == type(registry).get_all(registry)
        assert "numpy" in registry.get_all()
    array = numpy.arange(6, dtype="int32").reshape(2, 3)
    assert (srsly.msgpack_loads(srsly.msgpack_dumps({"a": array}))["a"] == array).all()


def test_a_codec_registered_later_is_used():
    cache_msgpack_codecs()
    cache_msgpack_codecs()  # idempotent
    srsly.msgpack_dumps({"warm": 1})  # fills the cache

    def encode_complex(obj, chain=None):
        if isinstance(obj, complex):
            return {"__complex__": [obj.real, obj.imag]}
        return obj if chain is None else chain(obj)

    def decode_complex(obj, chain=None):
        if isinstance(obj, dict) and "__complex__" in obj:
            return complex(*obj["__complex__"])
        return obj if chain is None else chain(obj)

    srsly_msgpack.msgpack_encoders.register("marsad_test_complex", func=encode_complex)
    srsly_msgpack.msgpack_decoders.register("marsad_test_complex", func=decode_complex)
    try:
        assert srsly.msgpack_loads(srsly.msgpack_dumps({"z": 1 + 2j})) == {"z": 1 + 2j}
    finally:
        for kind in ("msgpack_encoders", "msgpack_decoders"):
            catalogue.REGISTRY.pop(("srsly", kind, "marsad_test_complex"), None)


def test_a_marsad_doc_round_trips_through_bytes(nlp):
    from spacy.tokens import Doc

    doc = nlp("قتل 5 جنود سودانيين في هجوم لقوات الدعم السريع على الفاشر.")
    copy = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert copy.text == doc.text
    assert copy._.casualties == doc._.casualties and copy._.events == doc._.events
    assert [a["actor_id"] for a in copy._.actors] == [a["actor_id"] for a in doc._.actors]
