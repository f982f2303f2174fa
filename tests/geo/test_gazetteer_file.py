"""The gazetteer file is checked on loading (issue 22): every flipped byte
or truncation of a small index either loads the identical data or is
rejected; a damaged default cache is rebuilt with a warning."""
from __future__ import annotations

import logging
import random

import pytest

from marsad.errors import MarsadError
from marsad.geo.gazetteer import Gazetteer, GazetteerFileError

PLACES = [
    {"name": "Aleppo", "name_ar": "حلب", "aliases": ["Halab"], "lat": 36.2, "lon": 37.16,
     "country_code": "SY", "feature_code": "PPL", "geonameid": 170063, "population": 2098210, "admin1": "09"},
    {"name": "Aleppo Governorate", "name_ar": "حلب", "lat": 36.39, "lon": 37.3, "country_code": "SY",
     "feature_code": "ADM1", "population": 0, "admin1": "09"},
    {"name": "Dayr az Zawr", "name_ar": "دير الزور", "aliases": ["ديرالزور"], "lat": 35.34, "lon": 40.14,
     "country_code": "SY", "geonameid": 170794, "population": 242565},
    {"name": "Red Sea", "name_ar": "البحر الأحمر", "lat": 20.0, "lon": 38.0, "country_code": None,
     "feature_code": "SEA"},
]


def small_index() -> Gazetteer:
    gaz = Gazetteer()
    gaz.add_places(PLACES)
    gaz.meta = {"source": "test"}
    return Gazetteer.from_bytes(gaz.to_bytes())


def contents(gaz: Gazetteer) -> tuple:
    return (sorted((key, tuple(gaz.lookup(key))) for key in gaz.keys()),
            sorted(gaz._first_words), gaz.max_words, gaz.meta)


def check(data: bytes, expected: tuple) -> str:
    try:
        loaded = Gazetteer.from_bytes(data)
    except GazetteerFileError:
        return "rejected"
    assert contents(loaded) == expected, "a damaged file loaded different data"
    return "identical"


def test_every_byte_flip_and_truncation_is_caught():
    data = small_index().to_bytes()
    expected = contents(Gazetteer.from_bytes(data))
    outcomes = {"rejected": 0, "identical": 0}
    rng = random.Random(7)
    for pos in range(len(data)):
        for mask in (0x01, 0x80, rng.randrange(1, 256)):
            damaged = bytearray(data)
            damaged[pos] ^= mask
            outcomes[check(bytes(damaged), expected)] += 1
        outcomes[check(data[:pos], expected)] += 1
    assert outcomes["rejected"] == 4 * len(data)  # nothing damaged got through, not even identical
    assert check(data + b"\0", expected) == "rejected"


def test_bounds_are_checked_behind_a_valid_checksum():
    """A file whose checksum matches but whose row index points past the
    places (a writer's bug) is rejected too."""
    gaz = small_index()
    gaz._rows[0] = len(gaz) + 5
    with pytest.raises(GazetteerFileError, match="row index"):
        Gazetteer.from_bytes(gaz.to_bytes())
    gaz = small_index()
    gaz._lat[0] = 1000.0
    with pytest.raises(GazetteerFileError, match="coordinate"):
        Gazetteer.from_bytes(gaz.to_bytes())


def test_damaged_file_on_disk_names_the_file(tmp_path):
    path = tmp_path / "places.bin"
    path.write_bytes(small_index().to_bytes()[:-10])
    with pytest.raises(MarsadError) as err:
        Gazetteer.from_disk(path)
    assert str(err.value).startswith("[E027]") and str(path) in str(err.value)
    assert isinstance(err.value, ValueError)  # callers that caught ValueError still do


@pytest.mark.slow
def test_damaged_default_cache_is_rebuilt_with_a_warning(tmp_path, monkeypatch, caplog):
    from marsad.geo.gazetteer import default_cache_path, load_default

    monkeypatch.setenv("MARSAD_CACHE_DIR", str(tmp_path))
    path = default_cache_path()
    path.write_bytes(small_index().to_bytes()[:-1])
    with caplog.at_level(logging.WARNING, logger="marsad"):
        gaz = load_default()
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("Rebuilding the damaged gazetteer cache") for m in messages)
    assert any(m.startswith("Building the marsad place gazetteer") for m in messages)
    assert any(m.startswith("Built the marsad place gazetteer") for m in messages)
    assert len(gaz) > 10_000 and Gazetteer.from_disk(path).n_keys == gaz.n_keys
