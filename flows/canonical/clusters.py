"""Grouping mentions into real-world facts, never two mentions of one article in one group.

An article's extractor already merged its own mentions of one event; two rows left in one
article are two facts by construction. So a union of groups that would put two rows of the
same article together is refused, which also stops chains of loose matches from snowballing.

Refusals make the result depend on the order of the unions, so the matching pairs must be
visited in one fixed order. Visiting every pair is quadratic in a busy month (a thousand
reports of one earthquake), so callers first find which mentions could be linked at all
(`Components`, fed with a few links per mention that connect the same mentions as all the
pairs would): a component whose mentions all come from different articles can never see a
refusal and is one group outright; only components with two mentions of one article replay
their pairs in order.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


class Components:
    """Union-find over indexes 0..size-1: which mentions are linked, directly or through others."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def find(self, index: int) -> int:
        root = index
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[index] != root:
            self._parent[index], index = root, self._parent[index]
        return root

    def union(self, a: int, b: int) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self._parent[root_b] = root_a
        return True

    def labels(self) -> list[int]:
        """The group of each index: its root."""
        return [self.find(index) for index in range(len(self._parent))]

    def groups(self) -> list[list[int]]:
        grouped: dict[int, list[int]] = {}
        for index in range(len(self._parent)):
            grouped.setdefault(self.find(index), []).append(index)
        return list(grouped.values())


class ArticleDisjointClusters(Components):
    """Union-find over mention indexes, refusing unions that share an article."""

    def __init__(self, article_ids: Sequence[str]) -> None:
        super().__init__(len(article_ids))
        self._articles = [{article} for article in article_ids]

    def union(self, a: int, b: int) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if self._articles[root_a] & self._articles[root_b]:
            return False
        self._parent[root_b] = root_a
        self._articles[root_a] |= self._articles[root_b]
        self._articles[root_b] = set()
        return True


@dataclass(frozen=True)
class Span:
    """A mention's date range, for the overlap sweep."""
    index: int
    start: dt.date
    end: dt.date


def overlapping_pairs(spans: list[Span]) -> list[tuple[int, int]]:
    """Index pairs whose date ranges overlap: a sweep over start dates, not all pairs."""
    ordered = sorted(spans, key=lambda span: (span.start, span.end, span.index))
    active: list[Span] = []
    pairs: list[tuple[int, int]] = []
    for span in ordered:
        active = [other for other in active if other.end >= span.start]
        pairs += [(other.index, span.index) for other in active]
        active.append(span)
    return pairs
