"""Turning processed docs into the output records of the extraction contract."""
from __future__ import annotations

from spacy.tokens import Doc

# Labels of the statistical NER (ANERcorp's four classes).
MODEL_LABELS = ("PERS", "ORG", "LOC", "MISC")


def model_entities(doc: Doc) -> list[dict]:
    """Named entities the trained NER found and the rules did not: the rule
    components overwrite overlapping model spans, and model LOC spans that the
    location linker turned into places are reported under "places" instead."""
    places = [(p["start_char"], p["end_char"]) for p in doc._.places or []]
    return [
        {"text": e.text, "label": e.label_, "start_char": e.start_char, "end_char": e.end_char}
        for e in doc.ents
        if e.label_ in MODEL_LABELS and not any(s < e.end_char and e.start_char < t for s, t in places)
    ]


def doc_to_record(doc: Doc, record_id: str, date: str | None = None, offset: int = 0) -> dict:
    """The JSON record for one document (char offsets shifted by `offset`)."""
    record = {
        "id": record_id,
        "casualties": [_shift(c, offset, ("mentions",)) for c in doc._.casualties or []],
        "places": [_shift(p, offset) for p in doc._.places or []],
        "actors": [_shift(a, offset) for a in doc._.actors or []],
        "sources": [_shift(s, offset) for s in doc._.sources or []],
        "entities": [_shift(e, offset) for e in model_entities(doc)],
        "events": [dict(e, event_id=f"{record_id}-{e['event_id']}") for e in doc._.events or []],
    }
    if date:
        record["date"] = date
    return record


def merge_records(parts: list[dict]) -> dict:
    """Join the records of the chunks of one long document."""
    merged = dict(parts[0])
    for key in ("casualties", "places", "actors", "sources", "entities", "events"):
        merged[key] = [item for part in parts for item in part.get(key, [])]
    for number, event in enumerate(merged["events"], start=1):
        event["event_id"] = f"{merged['id']}-{number}"
    return merged


def error_record(record_id: str, message: str) -> dict:
    return {"id": record_id, "casualties": [], "places": [], "actors": [], "error": message}


def _shift(item: dict, offset: int, nested: tuple[str, ...] = ()) -> dict:
    if not offset:
        return dict(item)
    out = dict(item)
    out["start_char"] += offset
    out["end_char"] += offset
    for key in nested:
        if key in out:
            out[key] = [[s + offset, e + offset] for s, e in out[key]]
    return out
