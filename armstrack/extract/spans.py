"""A set of text spans answering "does [start, end) touch any of them?" in logarithmic time.

Extraction asks this for every token and every candidate name; with a plain list the cost grows
with the square of the text, which a long article turns into minutes.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from armstrack.records import Mention


class Spans:
    """Disjoint sorted intervals; added spans that touch existing ones are merged."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(spans):
            if end <= start:
                continue
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with any span."""
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def holds(self, position: int) -> bool:
        """Whether a position lies inside a span."""
        i = bisect_right(self.starts, position) - 1
        return i >= 0 and self.ends[i] > position

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        i = bisect_left(self.starts, start)
        # Merge with the span before (if it reaches start) and any it now covers after.
        if i > 0 and self.ends[i - 1] >= start:
            i -= 1
            start = self.starts[i]
            end = max(end, self.ends[i])
            del self.starts[i], self.ends[i]
        while i < len(self.starts) and self.starts[i] <= end:
            end = max(end, self.ends[i])
            del self.starts[i], self.ends[i]
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def first_inside(
    mentions: list[Mention], starts: list[int], start: int, end: int
) -> Mention | None:
    """The first of `mentions` (sorted by start; `starts` their starts) lying within
    [start, end), found by bisection."""
    i = bisect_left(starts, start)
    while i < len(mentions) and starts[i] < end:
        if mentions[i].end <= end:
            return mentions[i]
        i += 1
    return None
