"""One highlighted view of a document: names as coloured marks, casualty
mentions underlined in the colour of their status, with a legend.

Marks of the two layers may overlap (an actor inside a casualty mention):
the text is cut at every span boundary, and each piece gets the name mark and
the casualty underline that cover it. Every piece of text is escaped.
"""
from __future__ import annotations

from html import escape

# label -> (css class, colour, legend text)
NAME_LABELS = {
    "ACTOR": ("actor", "#f4a582", "actor"),
    "SOURCE": ("source", "#c9c9c9", "source of the report"),
    "LOC": ("place", "#92c5de", "place (linked to GeoNames)"),
    "NER": ("name", "#e6f5d0", "other name (statistical NER)"),
}
CASUALTY_LABELS = {
    "killed": ("killed", "#b2182b", "killed"),
    "injured": ("injured", "#ef8a62", "injured"),
    "captured": ("captured", "#5e3c99", "captured / abducted"),
    "missing": ("missing", "#777777", "missing"),
}


def highlight_css() -> str:
    rules = [f"mark.{cls} {{ background: {color}; }}" for cls, color, _ in NAME_LABELS.values()]
    rules += [f"span.cas.{cls} {{ border-bottom-color: {color}; }}" for cls, color, _ in CASUALTY_LABELS.values()]
    rules += [f".swatch.{cls} {{ background: {color}; }}" for cls, color, _ in NAME_LABELS.values()]
    rules += [f".swatch.cas.{cls} {{ background: none; border-bottom: 3px solid {color}; }}"
              for cls, color, _ in CASUALTY_LABELS.values()]
    return "\n".join(rules)


def legend() -> str:
    names = "".join(f'<li><span class="swatch {cls}">&nbsp;</span> {escape(text)}</li>' for cls, _, text in NAME_LABELS.values())
    casualties = "".join(
        f'<li><span class="swatch cas {cls}">&nbsp;</span> {escape(text)}</li>' for cls, _, text in CASUALTY_LABELS.values()
    )
    return f'<ul class="legend" aria-label="legend">{names}{casualties}</ul>'


def _span(item: object, label: str, title: str, text_len: int, start_key="start_char", end_key="end_char"):
    if not isinstance(item, dict):
        return None
    start, end = item.get(start_key), item.get(end_key)
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= text_len):
        return None
    return (start, end, label, title)


def _name_spans(record: dict, text_len: int) -> list[tuple]:
    spans = []
    for actor in record.get("actors") or []:
        if isinstance(actor, dict):
            spans.append(_span(actor, "ACTOR", f"actor: {actor.get('name') or ''} {actor.get('actor_id') or ''}", text_len))
    for source in record.get("sources") or []:
        if isinstance(source, dict):
            spans.append(_span(source, "SOURCE", f"source: {source.get('name') or source.get('source_id') or ''}", text_len))
    for place in record.get("places") or []:
        if isinstance(place, dict):
            where = ", ".join(str(place[k]) for k in ("name", "country_code") if place.get(k))
            spans.append(_span(place, "LOC", f"place: {where} (GeoNames {place.get('geonameid')})", text_len))
    for entity in record.get("entities") or []:
        if isinstance(entity, dict):
            spans.append(_span(entity, "NER", f"name ({entity.get('label')})", text_len))
    return _non_overlapping([s for s in spans if s])


def _casualty_spans(record: dict, text_len: int) -> list[tuple]:
    spans = []
    for fact in record.get("casualties") or []:
        if not isinstance(fact, dict) or fact.get("status") not in CASUALTY_LABELS:
            continue
        title = f"{fact['status']}: {fact.get('count')}" + (" (negated)" if fact.get("negated") else "")
        mentions = fact.get("mentions") or [[fact.get("start_char"), fact.get("end_char")]]
        for mention in mentions:
            if isinstance(mention, (list, tuple)) and len(mention) == 2:
                spans.append(_span({"s": mention[0], "e": mention[1]}, fact["status"], title, text_len, "s", "e"))
    return _non_overlapping([s for s in spans if s])


def _non_overlapping(spans: list[tuple]) -> list[tuple]:
    """Within one layer, keep the longest of overlapping spans."""
    kept: list[tuple] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if all(span[0] >= k[1] or span[1] <= k[0] for k in kept):
            kept.append(span)
    return sorted(kept)


def _covering(spans: list[tuple], starts: list[int]) -> list:
    """For each start (ascending), the span (sorted, non-overlapping) covering it, or None."""
    out, k = [], 0
    for start in starts:
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        out.append(spans[k] if k < len(spans) and spans[k][0] <= start else None)
    return out


def render_text(record: dict) -> str:
    """The document's text as HTML, with both layers of highlights."""
    text = record.get("text")
    if not isinstance(text, str):
        return ""
    names, casualties = _name_spans(record, len(text)), _casualty_spans(record, len(text))
    cuts = sorted({0, len(text)} | {b for s in names + casualties for b in s[:2]})
    # pieces: (start, end, name span or None, casualty span or None)
    starts = cuts[:-1]
    pieces = list(zip(starts, cuts[1:], _covering(names, starts), _covering(casualties, starts)))
    out, i = [], 0
    while i < len(pieces):
        casualty = pieces[i][3]
        j = i
        while j < len(pieces) and pieces[j][3] is casualty:
            j += 1
        inner = _names_html(text, pieces[i:j])
        if casualty:
            cls = CASUALTY_LABELS[casualty[2]][0]
            inner = f'<span class="cas {cls}" title="{escape(casualty[3])}">{inner}</span>'
        out.append(inner)
        i = j
    return "".join(out)


def _names_html(text: str, pieces: list[tuple]) -> str:
    out, i = [], 0
    while i < len(pieces):
        name = pieces[i][2]
        j = i
        while j < len(pieces) and pieces[j][2] is name:
            j += 1
        chunk = escape(text[pieces[i][0]:pieces[j - 1][1]])
        if name:
            chunk = f'<mark class="{NAME_LABELS[name[2]][0]}" title="{escape(name[3].strip())}">{chunk}</mark>'
        out.append(chunk)
        i = j
    return "".join(out)
