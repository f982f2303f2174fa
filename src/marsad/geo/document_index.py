"""Indexes the place ranker builds once per document, so that ranking stays linear in its length:
the country votes tallied once (`VoteTally`), the resolved places named near a mention
(`Anchors`) and the place an unknown name is anchored at (`AnchorIndex`)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from marsad.geo.mentions import Mention


class Anchors:
    """The resolved places named near a mention (a window of the sorted anchors), other
    than the mention itself and its own reading; iterated lazily, as often as needed."""

    def __init__(self, anchors: list, lo: int, hi: int, mention: Mention) -> None:
        self.anchors, self.lo, self.hi, self.mention = anchors, lo, hi, mention

    def __iter__(self):
        mention, best = self.mention, self.mention.best  # its reading does not change while it is scored
        for owner, place in self.anchors[self.lo:self.hi]:
            if place is not best and owner is not mention:
                yield place

    def __bool__(self) -> bool:
        return next(iter(self), None) is not None


class VoteTally:
    """Country votes summed once, so each mention's context (the votes of everything
    but it and its namesakes) costs its own votes, not all of them."""

    def __init__(self, votes) -> None:
        self.total: dict[str, float] = {}
        self.count: dict[str, int] = {}
        self.by_key: dict[str, dict[str, tuple[float, int]]] = {}
        self.owned = 0
        self.owned_by_key: dict[str, int] = {}
        for owner, country, weight in votes:
            self.total[country] = self.total.get(country, 0.0) + weight
            self.count[country] = self.count.get(country, 0) + 1
            if owner is not None:
                self.owned += 1
                self.owned_by_key[owner.key] = self.owned_by_key.get(owner.key, 0) + 1
                own = self.by_key.setdefault(owner.key, {})
                weight_sum, n = own.get(country, (0.0, 0))
                own[country] = (weight_sum + weight, n + 1)

    def without(self, mention: Mention) -> dict[str, float]:
        own = self.by_key.get(mention.key, {})
        weights = {}
        for country, total in self.total.items():
            weight_sum, n = own.get(country, (0.0, 0))
            if self.count[country] > n:
                weights[country] = total - weight_sum
        return weights

    def others_named(self, mention: Mention) -> bool:
        """Whether a place name other than the mention and its namesakes voted."""
        return self.owned > self.owned_by_key.get(mention.key, 0)


def context_without(votes, mention: Mention | None, default: tuple[str, ...]) -> dict[str, float]:
    """Country weights from the votes of everything but `mention` and its
    namesakes (three "عمان" do not make each other Oman)."""
    weights: dict[str, float] = {}
    key = mention.key if mention is not None else None
    for owner, country, weight in votes:
        if owner is not None and (owner is mention or owner.key == key):
            continue
        weights[country] = weights.get(country, 0.0) + weight
    if not weights:
        weights = {code: 0.5 for code in default}
    return weights


class AnchorIndex:
    """Where an unknown name is placed: one named right after it ("بلدة تبن بمحافظة لحج"),
    else the nearest in its sentence (before it first), else in the text; places in the
    countries the text is mostly about come first. The usable places are sorted once, so
    each lookup is a bisection, not a scan of every place in the text."""

    def __init__(self, known: list[Mention], context: dict[str, float], bounds: list[tuple[int, int]]) -> None:
        usable = [m for m in known if m.best is not None and m.best.lat is not None
                  and m.best.feature_code not in ("PCLI", "CONT", "SEA", "GULF", "STRT")
                  and m.best.country_code is not None]
        if context and usable:
            top = max(context.values())
            main = [m for m in usable if context.get(m.best.country_code, 0.0) >= top / 2]
            usable = main or usable
        self.usable = sorted(usable, key=lambda m: m.start)  # stable: text order on ties
        self.starts = [m.start for m in self.usable]
        # (end, -index) sorted: the latest end before a position; on equal ends the earliest mention
        self.by_end = sorted((m.end, -k) for k, m in enumerate(self.usable))
        self.bounds = bounds

    def anchor(self, mention: Mention, sentence: list[int]) -> Mention | None:
        usable, starts = self.usable, self.starts
        if not usable:
            return None
        sent = sentence[mention.start]
        first, last = self.bounds[sent]
        lo, hi = bisect_left(starts, first), bisect_left(starts, last)
        same = usable[lo:hi]
        after = [m for m in same if 0 <= m.start - mention.end <= 4]
        if after:
            return min(after, key=lambda m: m.start)
        if same:
            before = [m for m in same if m.end <= mention.start]
            if before:
                return max(before, key=lambda m: m.end)
            return min(same, key=lambda m: abs(m.start - mention.end))
        k = bisect_right(self.by_end, (mention.start, 1)) - 1
        if k >= 0:  # among equal ends the last entry has the smallest index: the earliest mention
            return usable[-self.by_end[k][1]]
        i = bisect_left(starts, mention.end)
        near = [c for c in (i - 1, i) if 0 <= c < len(usable)]
        return usable[min(near, key=lambda c: (abs(starts[c] - mention.end), c))]
