"""Grouping mentions into real-world facts, never two mentions of one article in one group.

An article's extractor already merged its own mentions of one event; two rows left in one
article are two facts by construction. So a union of groups that would put two rows of the
same article together is refused, which also stops chains of loose matches from snowballing.

Refusals make the result depend on the order of the unions, so the matching pairs must be
visited in one fixed order. Visiting every pair is quadratic in a busy month (a thousand
reports of one earthquake), so callers first find which mentions could be linked at all
(`Components`, fed with a spanning set of links such as `chained_overlaps`): a component whose
mentions all come from different articles can never see a refusal and is one group outright;
only components with two mentions of one article replay their pairs in order.
"""
from __future__ import annotations

import bisect
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


@dataclass(frozen=True)
class Block:
    """A run of overlapping spans: together they cover start..end without a gap."""
    start: dt.date
    end: dt.date
    member: int          # index of one span in the block


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


def chained_overlaps(spans: list[Span]) -> tuple[list[tuple[int, int]], list[Block]]:
    """(links, blocks) of the overlap graph in linear time after sorting.

    Each span overlapping an earlier one is linked to the earlier span reaching furthest, which
    connects exactly the spans that `overlapping_pairs` connects, with one link per span instead
    of every pair. The blocks are the resulting connected runs, in date order."""
    links: list[tuple[int, int]] = []
    blocks: list[Block] = []
    reach: Span | None = None            # of the current block, the span ending last
    block_start: dt.date | None = None
    for span in sorted(spans, key=lambda span: (span.start, span.end, span.index)):
        if reach is not None and span.start <= reach.end:
            links.append((reach.index, span.index))
            if span.end > reach.end:
                reach = span
            continue
        if reach is not None:
            blocks.append(Block(block_start, reach.end, reach.index))
        reach, block_start = span, span.start
    if reach is not None:
        blocks.append(Block(block_start, reach.end, reach.index))
    return links, blocks


def blocks_overlapping(blocks: list[Block], ends: list[dt.date], span: Span) -> list[Block]:
    """The blocks (in date order, `ends` their end dates) whose covered dates overlap `span`."""
    found: list[Block] = []
    for block in blocks[bisect.bisect_left(ends, span.start):]:
        if block.start > span.end:
            break
        found.append(block)
    return found
