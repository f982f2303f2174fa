"""The page around the report: head (styles, no script allowed), the events
table, the summary block written at close."""
from __future__ import annotations

from html import escape

from marsad.io.report.highlight import highlight_css, legend
from marsad.io.report.svgmap import POINT_COLOR

TABLE_COLUMNS = (
    "#", "date", "type", "actor 1", "actor 2", "location", "killed (best)", "deaths by side",
    "injured", "captured", "missing", "sources",
)

CSS = """
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 0; color: #222; }
.page { display: flex; flex-direction: column; max-width: 1360px; margin: 0 auto; padding: 1em 1.5em; }
#summary { order: -1; }
h1 { margin: 0.2em 0; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table.events { border-collapse: collapse; font-size: 0.85em; width: 100%; }
table.events th, table.events td { border: 1px solid #ccc; padding: 0.3em 0.45em; vertical-align: top;
  overflow-wrap: anywhere; }
table.events th { background: #eee; position: sticky; top: 0; white-space: nowrap; }
table.events td.num { text-align: right; white-space: nowrap; }
table.events td.sub { color: #555; }
table.events tr:target { background: #fff3b0; }
.small { color: #555; font-size: 0.9em; }
figure.map { margin: 0.5em 0 1em; }
figure.map svg { max-width: 100%; height: auto; max-height: 560px; border: 1px solid #999; }
figure.map .sea { fill: #dcecf5; }
figure.map .land path { fill: #f4f1ea; stroke: #8c8c8c; stroke-width: 0.8; }
figure.map .labels text { font-size: 12px; fill: #666; text-anchor: middle; }
figure.map .events circle { fill: POINT; stroke: #fff; stroke-width: 1.2; }
figure.map figcaption { font-size: 0.85em; color: #555; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; font-size: 0.9em; }
.swatch { display: inline-block; width: 1.6em; height: 1em; vertical-align: middle; }
article.document { border-top: 2px solid #333; margin-top: 1.2em; }
article.document h3 { font-size: 1em; margin: 0.5em 0; }
.text { font-size: 1.15em; line-height: 2.1; }
mark { padding: 0.1em 0; }  /* no side padding: it would break the joining of Arabic letters */
span.cas { border-bottom: 3px solid; padding-bottom: 1px; }
.errors li, .failed { color: #a50026; }
""".replace("POINT", POINT_COLOR)

HEAD = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>marsad report</title>
<style>{CSS}{highlight_css()}
</style></head>
<body><div class="page">
<section id="documents"><h2>Documents</h2>
<p class="small">Each document once: names are marked by kind, casualty mentions are underlined by status
(hover a mark for what marsad linked it to).</p>
{legend()}
"""


def cell(value: object, css: str = "") -> str:
    text = "" if value is None else str(value)
    attr = f' class="{css}"' if css else ""
    return f'<td{attr} dir="auto">{escape(text)}</td>'


def stacked(*lines: object) -> str:
    """A cell with a main line and smaller lines under it."""
    parts = [escape(str(v)) for v in lines if v not in (None, "")]
    if not parts:
        return "<td></td>"
    rest = "".join(f'<br><span class="small">{p}</span>' for p in parts[1:])
    return f'<td dir="auto">{parts[0]}{rest}</td>'


def summary(n_docs: int, rows: list[str], map_html: str, errors: list[tuple[str, str]], failed: int) -> str:
    header = "".join(f"<th>{escape(c)}</th>" for c in TABLE_COLUMNS)
    failed_note = f' <span class="failed">{failed} records could not be rendered.</span>' if failed else ""
    error_list = ""
    if errors:
        items = "".join(f"<li>{escape(i)}: {escape(e)}</li>" for i, e in errors)
        error_list = f'<h2>Records that failed</h2><ul class="errors">{items}</ul>'
    return (
        f'</section>\n<section id="summary"><h1>marsad report</h1>'
        f"<p>{n_docs} documents, {len(rows)} events.{failed_note}</p>"
        f"<h2>Map</h2>{map_html}"
        f'<h2>Events</h2><div class="table-wrap"><table class="events" id="events"><thead><tr>{header}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>{error_list}</section>\n</div></body></html>\n'
    )
