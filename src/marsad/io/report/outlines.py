"""Country outlines for the offline map of the HTML report.

`load_outlines()` reads ``marsad/data/map/countries.jsonl``: "#" header lines
(source and licence), then one country a line,
``{"name": ..., "iso_a3": ..., "rings": [[[lon, lat], ...], ...]}``.

The file is built once from Natural Earth's 1:110m Admin 0 countries (public
domain), as bundled in geopandas 0.14.4 (``geopandas/datasets/naturalearth_lowres``)::

    pip download geopandas==0.14.4 --no-deps && unzip geopandas-0.14.4-*.whl 'geopandas/datasets/*'
    python -m marsad.io.report.outlines geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp

The shapefile is read with `struct` (polygons only; no GIS dependency).
"""
from __future__ import annotations

import json
import struct
import sys
from functools import lru_cache
from pathlib import Path

from marsad.resources import data_path

OUTLINES_FILE = "map/countries.jsonl"
# The region the file covers (lon_min, lat_min, lon_max, lat_max): the Middle
# East, North and East Africa, the Sahel, and the Mediterranean's north shore.
REGION = (-26.0, -16.0, 80.0, 48.0)
HEADER = """\
# Country outlines for marsad's offline HTML map.
# Source: Natural Earth, 1:110m Cultural Vectors, Admin 0 - Countries (https://www.naturalearthdata.com),
# as bundled in geopandas 0.14.4 (geopandas/datasets/naturalearth_lowres). Natural Earth is in the public
# domain ("No permission is needed to use Natural Earth"); made with Natural Earth.
# Kept: countries with a part inside lon {0}..{2}, lat {1}..{3}; coordinates rounded to 0.01 degree.
# Built by `python -m marsad.io.report.outlines SHP`. Boundaries are de facto (Natural Earth's), not an endorsement.
"""


@lru_cache(maxsize=1)
def load_outlines() -> tuple[dict, ...]:
    lines = data_path(OUTLINES_FILE).read_text(encoding="utf8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip() and not line.startswith("#"))


def read_shapefile(shp: Path) -> list[dict]:
    """Polygons of a shapefile with the "name" and "iso_a3" of its .dbf."""
    names = _read_dbf(shp.with_suffix(".dbf"))
    data = shp.read_bytes()
    countries, pos = [], 100
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8:pos + 8 + 2 * length]
        pos += 8 + 2 * length
        shape_type = struct.unpack("<i", content[:4])[0]
        rings = []
        if shape_type == 5:  # Polygon
            n_parts, n_points = struct.unpack("<ii", content[36:44])
            parts = list(struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts])) + [n_points]
            start = 44 + 4 * n_parts
            points = struct.unpack(f"<{2 * n_points}d", content[start:start + 16 * n_points])
            rings = [[(points[2 * i], points[2 * i + 1]) for i in range(a, b)] for a, b in zip(parts, parts[1:])]
        countries.append(dict(names[len(countries)], rings=rings))
    return countries


def _read_dbf(path: Path) -> list[dict]:
    data = path.read_bytes()
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_records):
        record, offset, row = data[header_len + i * record_len:], 1, {}
        for name, width in fields:
            row[name] = record[offset:offset + width].decode("latin-1").strip()  # the .cpg says ISO-8859-1
            offset += width
        rows.append({"name": row["name"], "iso_a3": row["iso_a3"]})
    return rows


def _inside(ring: list[tuple[float, float]]) -> bool:
    lon_min, lat_min, lon_max, lat_max = REGION
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons) <= lon_max and max(lons) >= lon_min and min(lats) <= lat_max and max(lats) >= lat_min


def _rounded(ring: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, 2), round(lat, 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def build(shp: Path, target: Path) -> int:
    kept = []
    for country in read_shapefile(shp):
        rings = [_rounded(r) for r in country["rings"] if _inside(r)]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            kept.append({"name": country["name"], "iso_a3": country["iso_a3"], "rings": rings})
    with target.open("w", encoding="utf8") as f:
        f.write(HEADER.format(*REGION))
        for country in sorted(kept, key=lambda c: c["name"]):
            f.write(json.dumps(country, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(kept)


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), data_path(OUTLINES_FILE)), "countries")
