"""Grouping mentions into real-world facts, never two mentions of one article in one group.

An article's extractor already merged its own mentions of one event; two rows left in one
article are two facts by construction. So a union of groups that would put two rows of the
same article together is refused, which also stops chains of loose matches from snowballing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


class ArticleDisjointClusters:
    """Union-find over mention indexes, refusing unions that share an article."""

    def __init__(self, article_ids: Sequence[str]) -> None:
        self._parent = list(range(len(article_ids)))
        self._articles = [{article} for article in article_ids]

    def find(self, index: int) -> int:
        root = index
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[index] != root:
            self._parent[index], index = root, self._parent[index]
        return root

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

    def groups(self) -> list[list[int]]:
        grouped: dict[int, list[int]] = {}
        for index in range(len(self._parent)):
            grouped.setdefault(self.find(index), []).append(index)
        return list(grouped.values())


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
