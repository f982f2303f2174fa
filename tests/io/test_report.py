"""The HTML report: one highlighted view per document with a legend, the
events table, an offline SVG map, hostile text escaped, a complete page after
an interrupt, and what Chromium draws."""
import io
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser

import numpy as np
import pytest

from marsad.io.formats import make_writer, write_all
from marsad.io.report.svgmap import POINT_COLOR, MapPoint, Projection, render_map

TEXT = "قتل 12 عنصرا من قوات النظام السوري في هجوم لتنظيم داعش قرب مدينة تدمر، بحسب المرصد السوري."


def span(text, part, **fields):
    start = text.index(part)
    return {"start_char": start, "end_char": start + len(part), "text": part, **fields}


def report_record(record_id="doc-1", text=TEXT, lat=34.56, lon=38.28, best=12, place="Palmyra"):
    killed = span(text, "قتل 12 عنصرا من قوات النظام السوري", status="killed", count=best)
    return {
        "id": record_id, "text": text, "date": "2024-02-01",
        "actors": [span(text, "قوات النظام السوري", actor_id="SY_GOV", name="Syrian government forces"),
                   span(text, "تنظيم داعش", actor_id="IS", name="Islamic State")],
        "sources": [span(text, "المرصد السوري", source_id="SOHR", name="Syrian Observatory")],
        "places": [span(text, "تدمر", name=place, country_code="SY", geonameid=170017)],
        "casualties": [killed],
        "events": [{
            "event_id": f"{record_id}-1", "event_date": "2024-01-31", "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": {"actor_id": "IS", "name": "Islamic State", "type": "rebel_group"},
            "actor2": {"actor_id": "SY_GOV", "name": "Syrian government forces", "type": "state_forces"},
            "location": {"text": "تدمر", "name": place, "lat": lat, "lon": lon, "country_code": "SY", "admin1": "11"},
            "deaths_a": 0, "deaths_b": best, "deaths_civilians": 0, "deaths_unknown": 0,
            "best": best, "low": best, "high": best, "injured": 4, "captured": 2, "missing": 0,
            "source_text": "Syrian Observatory for Human Rights", "notes": [],
        }],
    }


def render(records):
    out = io.StringIO()
    write_all("html", records, out)
    return out.getvalue()


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page):
    parser = Tags()
    parser.feed(page)
    return parser.tags


def test_each_document_once_with_legend_and_nested_highlights():
    page = render([report_record()])
    assert page.count('<article class="document"') == 1 and page.count(TEXT[:20]) == 0  # text is cut by marks
    assert 'class="legend"' in page and "casualty" in page
    # the actor inside the killed mention is marked inside the underline
    assert re.search(r'<span class="cas killed"[^>]*>قتل 12 عنصرا من <mark class="actor"[^>]*>قوات النظام السوري</mark></span>', page)
    assert '<mark class="place" title="place: Palmyra, SY (GeoNames 170017)">تدمر</mark>' in page
    assert page.rstrip().endswith("</html>")


def test_table_shows_deaths_injured_captured_and_sources():
    page = render([report_record()])
    row = re.search(r'<tr id="ev-1">(.*?)</tr>', page).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert len(cells) == 12
    assert cells[6] == "12" and cells[8] == "4" and cells[9] == "2"
    assert cells[11].startswith("Syrian Observatory for Human Rights")
    assert "Tadmur" not in row and "Palmyra" in row


def test_hostile_text_is_escaped():
    evil = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>'
    text = TEXT + " " + evil
    record = report_record(record_id=evil, text=text, place=evil)
    record["actors"][0]["name"] = evil
    record["events"][0]["actor1"]["name"] = evil
    page = render([record, {"id": evil, "error": evil}])
    assert "<script" not in page and "<img" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert {tag for tag, _ in tags(page)} <= {
        "html", "head", "meta", "title", "style", "body", "div", "section", "h1", "h2", "h3", "p", "ul", "li",
        "span", "mark", "article", "table", "thead", "tbody", "tr", "th", "td", "br", "figure", "figcaption",
        "svg", "rect", "g", "path", "title", "text", "a", "circle",
    }
    assert all(not name.startswith("on") for _, attrs in tags(page) for name in attrs)


def test_map_fits_the_events_and_counts_unlocated():
    points = [MapPoint(38.28, 34.56, "Palmyra", "ev-1", 12), MapPoint(44.02, 13.58, "Taiz", "ev-2", 3)]
    projection = Projection.fit(points)
    for point in points:
        x, y = projection.xy(point.lon, point.lat)
        assert 0 < x < projection.width and 0 < y < projection.height
    svg = render_map(points, unlocated=2)
    assert svg.count("<circle") == 2 and "2 without coordinates" in svg
    assert "Yemen" in svg and "Syria" in svg  # outlines of the countries in view
    assert "No event has coordinates" in render_map([])


def test_bad_record_does_not_stop_the_report_and_interrupt_leaves_a_page():
    def interrupted():
        yield report_record("doc-1")
        bad = report_record("doc-\udc80")
        bad["text"] = TEXT + "\ud800"
        yield bad
        yield report_record("doc-3", lat=15.35, lon=44.2)
        raise KeyboardInterrupt

    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        write_all("html", interrupted(), out)
    page = out.getvalue()
    assert page.rstrip().endswith("</html>") and page.count("</html>") == 1
    assert "2 documents, 2 events." in page and "1 records could not be rendered" in page
    assert page.count("<circle") == 2
    page.encode("utf8")


def png_pixels(path):
    """An 8-bit RGB/RGBA PNG as a (height, width, 3) array (PIL is not a dependency)."""
    data = path.read_bytes()
    pos, chunks, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    width, height, depth, color = header
    assert depth == 8 and color in (2, 6)
    n = 3 if color == 2 else 4
    stride = width * n
    raw = np.frombuffer(zlib.decompress(b"".join(chunks)), dtype=np.uint8).reshape(height, stride + 1)
    image, previous = np.zeros((height, stride), dtype=np.uint8), np.zeros(stride, dtype=np.int64)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int64)
        if kind == 1:
            line = line.reshape(width, n).cumsum(axis=0).reshape(-1)
        elif kind == 2:
            line = line + previous
        elif kind in (3, 4):  # each byte depends on the one decoded before it
            out, up = line.tolist(), previous.tolist()
            for i in range(stride):
                left, corner = (out[i - n], up[i - n]) if i >= n else (0, 0)
                if kind == 3:
                    out[i] = (out[i] + (left + up[i]) // 2) & 255
                else:
                    p = left + up[i] - corner
                    pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - corner)
                    out[i] = (out[i] + (left if pa <= pb and pa <= pc else up[i] if pb <= pc else corner)) & 255
            line = np.array(out, dtype=np.int64)
        previous = line & 255
        image[y] = previous
    return image.reshape(height, width, n)[:, :, :3]


def test_report_renders_in_chromium(tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    records = [
        report_record("palmyra"),
        report_record("taiz", lat=13.58, lon=44.02, best=3, place="Taiz"),
        report_record("fashir", lat=13.63, lon=25.35, best=20, place="El Fasher"),
        report_record("nowhere", lat=None, lon=None, best=1, place="somewhere"),
        {"id": "broken", "error": "[E003] no text"},
    ]
    page = tmp_path / "report.html"
    with page.open("w", encoding="utf8", newline="") as f:
        writer = make_writer("html", f)
        for record in records:
            writer.write(record)
        writer.close()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]
    html = page.read_text(encoding="utf8")
    assert html.count('<tr id="ev-') == 4 and html.count("<circle") == 3 and "Records that failed" in html
    shot = tmp_path / "report.png"
    subprocess.run([chromium, *flags, f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri()],
                   capture_output=True, timeout=120)
    image = png_pixels(shot)
    assert image.shape == (1000, 1400, 3)
    target = np.array([int(POINT_COLOR[i:i + 2], 16) for i in (1, 3, 5)])
    point_pixels = np.abs(image.astype(int) - target).sum(axis=2) < 30
    assert point_pixels.sum() > 150  # three filled circles, drawn in the first screen
    ys, xs = np.nonzero(point_pixels)
    assert len({(x // 40, y // 40) for x, y in zip(xs, ys)}) >= 3  # in separate places
    colours = {tuple(rgb) for rgb in image[::10, ::10].reshape(-1, 3)}
    assert len(colours) > 20  # outlines, sea, land and text, not a blank page
