"""An offline map of the events: country outlines (Natural Earth, shipped in
marsad/data/map) and one point per located event, drawn as inline SVG in an
equirectangular projection fitted to the events' extent. No tile server, no
script: each point has a <title> tooltip and links to its row of the table.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from marsad.io.report.outlines import load_outlines

POINT_COLOR = "#d01c8b"
WIDTH = 960.0
MIN_SPAN = 6.0  # degrees: a single event still shows its surroundings


@dataclass
class MapPoint:
    lon: float
    lat: float
    title: str
    anchor: str  # id of the event's table row
    deaths: float = 0.0


@dataclass
class Projection:
    lon0: float
    lat1: float
    scale: float  # pixels per degree of latitude
    cos0: float
    width: float
    height: float

    @classmethod
    def fit(cls, points: list[MapPoint]) -> "Projection":
        lon_min, lon_max = min(p.lon for p in points), max(p.lon for p in points)
        lat_min, lat_max = min(p.lat for p in points), max(p.lat for p in points)
        lon_c, lat_c = (lon_min + lon_max) / 2, (lat_min + lat_max) / 2
        cos0 = max(math.cos(math.radians(lat_c)), 0.2)
        lon_span = max((lon_max - lon_min) * 1.3, MIN_SPAN)
        lat_span = max((lat_max - lat_min) * 1.3, MIN_SPAN)
        # keep the frame between 2:1 and 5:3 (wide) by widening the narrow side
        lat_span = max(lat_span, lon_span * cos0 / 2.0)
        lon_span = max(lon_span, lat_span / cos0 * 5 / 3)
        scale = WIDTH / (lon_span * cos0)
        return cls(lon_c - lon_span / 2, lat_c + lat_span / 2, scale, cos0, WIDTH, round(lat_span * scale, 1))

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.scale * self.cos0, (self.lat1 - lat) * self.scale

    def sees(self, ring: list[list[float]]) -> bool:
        xs, ys = zip(*(self.xy(lon, lat) for lon, lat in ring))
        return min(xs) < self.width and max(xs) > 0 and min(ys) < self.height and max(ys) > 0


def render_map(points: list[MapPoint], unlocated: int = 0) -> str:
    if not points:
        return '<p class="map-note">No event has coordinates, so there is no map.</p>'
    projection = Projection.fit(points)
    countries, labels, placed = [], [], []
    for country in load_outlines():
        rings = [r for r in country["rings"] if projection.sees(r)]
        if not rings:
            continue
        path = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (projection.xy(lon, lat) for lon, lat in ring)) + " Z"
            for ring in rings
        )
        countries.append(f'<path d="{path}"><title>{escape(country["name"])}</title></path>')
        labels.append(_label(projection, country["name"], max(rings, key=len), placed))
    dots = []
    for point in sorted(points, key=lambda p: -p.deaths):  # small points on top
        x, y = projection.xy(point.lon, point.lat)
        radius = min(4 + 1.5 * math.sqrt(max(point.deaths, 0)), 16)
        dots.append(
            f'<a href="#{escape(point.anchor)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}">'
            f"<title>{escape(point.title)}</title></circle></a>"
        )
    note = f"{len(points)} events on the map"
    if unlocated:
        note += f"; {unlocated} without coordinates are only in the table"
    return (
        f'<figure class="map"><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="map of the events" '
        f'viewBox="0 0 {projection.width:.0f} {projection.height:.0f}" width="{projection.width:.0f}" '
        f'height="{projection.height:.0f}">'
        f'<rect class="sea" width="100%" height="100%"/>'
        f'<g class="land">{"".join(countries)}</g><g class="labels">{"".join(l for l in labels if l)}</g>'
        f'<g class="events">{"".join(dots)}</g></svg>'
        f"<figcaption>{escape(note)}. Point size grows with the deaths reported; hover for details, click for the "
        f"table row. Country outlines: Natural Earth (public domain).</figcaption></figure>"
    )


def _label(projection: Projection, name: str, ring: list[list[float]], placed: list[tuple]) -> str:
    """A country's name in the middle of its largest ring, unless it would crowd another."""
    xs, ys = zip(*(projection.xy(lon, lat) for lon, lat in ring))
    x, y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    half = 3.5 * len(name)  # about half the width of the text at 12px
    box = (x - half, y - 14, x + half, y + 4)
    if not (half < x < projection.width - half and 14 < y < projection.height - 4) or max(xs) - min(xs) < 2 * half:
        return ""
    if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
        return ""
    placed.append(box)
    return f'<text x="{x:.0f}" y="{y:.0f}">{escape(name)}</text>'
