"""One row per incident: reports grouped within blocks, then reconciled.

Reports are taken in date order; each joins the existing incident of its
block it matches best (its best pair score with one of that incident's reports,
at least THRESHOLD; every report of the incident compatible with it, at least
MIN_LINK; no report of the same article in it), or starts a new one. An existing dataset's incidents carry their reports' summaries,
so a new batch joins them without the old texts.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter, defaultdict
from statistics import median_low

from marsad.dataset.similarity import THRESHOLD, block_key, day, pair_score, window

# The weakest pair an incident may hold (its best pair must still reach THRESHOLD).
MIN_LINK = 0.5
DEATH_KEYS = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")


class Incident:
    def __init__(self, reports: list[dict] | None = None, scores: list[float] | None = None) -> None:
        self.reports: list[dict] = list(reports or [])
        self.scores: list[float] = list(scores or [])

    @property
    def day(self) -> int:
        days = [d for d in (day(r) for r in self.reports) if d is not None]
        return min(days) if days else 0

    def match(self, report: dict) -> float:
        if any(r["id"] == report["id"] for r in self.reports):
            return 0.0
        scores = [pair_score(report, r) for r in self.reports]
        if not scores or min(scores) < MIN_LINK:
            return 0.0  # every report of the incident must be compatible with the new one
        # the report that tells it most alike speaks for the incident: a detailed report
        # should not be held back by a vague one it is compatible with
        return max(scores)


def cluster(reports: list[dict], incidents: list[Incident] | None = None, threshold: float = THRESHOLD) -> list[Incident]:
    """Group reports (one block or many) into incidents, extending `incidents` when given."""
    incidents = list(incidents or [])
    by_block: dict[str, list[tuple[int, int]]] = defaultdict(list)  # block -> sorted (day, incident index)
    for index, incident in enumerate(incidents):
        for report in incident.reports:
            insort(by_block[block_key(report)], (day(report) or 0, index))
    for report in sorted(reports, key=lambda r: (day(r) or 0, r["id"], r["event_id"])):
        key = block_key(report)
        d = day(report) or 0
        span = window(report) + 15  # stored incidents may hold month-precision reports
        entries = by_block[key]
        lo = bisect_left(entries, (d - span, -1))
        candidates = {index for when, index in entries[lo:] if when <= d + span}
        best, best_score = None, threshold
        for index in sorted(candidates):
            if abs((day(report) or 0) - incidents[index].day) > max(window(report), max(window(r) for r in incidents[index].reports)):
                continue
            score = incidents[index].match(report)
            if score >= best_score:
                best, best_score = index, score
        if best is None:
            incidents.append(Incident([report]))
            best = len(incidents) - 1
        else:
            incidents[best].reports.append(report)
            incidents[best].scores.append(best_score)
        insort(entries, (d, best))
    return incidents


# ---------------------------------------------------------------------- reconciling


def merged_event(incident: Incident, number: int | None = None) -> dict:
    """The dataset row of one incident: UCDP-style counts over its reports, the most
    precise date and place, the most reported type and actors, every report cited."""
    reports = incident.reports
    dated = [r for r in reports if r.get("event_date")]
    date_report = min(dated, key=lambda r: (r.get("date_precision") or 9, r["event_date"])) if dated else {}
    placed = [r for r in reports if r.get("location")]
    place_report = min(placed, key=lambda r: ((r["location"].get("precision") or 9), r["location"].get("lat") is None)) if placed else {}
    bests = [r.get("best") or 0 for r in reports]
    lows = [r.get("low") if r.get("low") is not None else (r.get("best") or 0) for r in reports]
    highs = [r.get("high") for r in reports]
    best = median_low(bests) if bests else 0
    deaths_from = min(reports, key=lambda r: (abs((r.get("best") or 0) - best), -(r.get("date_precision") or 9) * 0))
    confidence = 1.0 if len(reports) == 1 else round(min(incident.scores), 3)
    return {
        "event_id": f"M{number}" if number is not None else None,
        "event_date": date_report.get("event_date"),
        "date_precision": date_report.get("date_precision"),
        "event_type": _most_common([r.get("event_type") for r in reports]),
        "sub_event_type": _most_common([r.get("sub_event_type") for r in reports]),
        "civilian_targeting": _most_common([r.get("civilian_targeting") for r in reports]),
        "actor1": _most_common([r.get("actor1") for r in reports]),
        "actor2": _most_common([r.get("actor2") for r in reports if r.get("actor2") != _most_common([x.get("actor1") for x in reports])]),
        "interaction": _most_common([r.get("interaction") for r in reports]),
        "location": place_report.get("location"),
        **{key: deaths_from.get(key) or 0 for key in DEATH_KEYS},
        "best": best,
        "low": min(min(lows), best) if lows else 0,
        "high": None if not highs or any(h is None for h in highs) else max(max(highs), best),
        "injured": median_low([r.get("injured") or 0 for r in reports]),
        "is_background": all(r.get("is_background") for r in reports),
        "n_reports": len(reports),
        "n_sources": len({r.get("source") or r["id"] for r in reports}),
        "merge_confidence": confidence,
        "reports": [dict(r) for r in reports],
    }


def incident_from_row(row: dict) -> Incident:
    """An incident of a stored dataset, ready to take new reports."""
    reports = [dict(r) for r in row.get("reports") or []]
    confidence = row.get("merge_confidence") or 1.0
    return Incident(reports, [confidence] * max(len(reports) - 1, 0))


def _most_common(values: list):
    counts = Counter(v for v in values if v not in (None, ""))
    return counts.most_common(1)[0][0] if counts else None
