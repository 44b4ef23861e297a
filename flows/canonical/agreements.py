"""Canonical agreements: mentions of one agreement or commitment across articles become one row.

Two mentions in different articles are the same agreement when they have the same type and the
same parties, and either were announced at the same canonical event or have the same specific
title (the same content words, in any case and order) and compatible dates (overlapping at their
precision, or one unknown).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

import polars as pl

from flows.canonical.clusters import ArticleDisjointClusters
from flows.canonical.support import PRECISION_RANK, Row, best_supported, canonical_id, merge_groups, summary

# A title with fewer content words ("cooperation documents") names a kind of paper, not one
# agreement: such mentions merge only through a shared event.
SPECIFIC_TITLE_WORDS = 3
# Words that say how many or what kind of paper, not what the agreement is about.
_NOT_CONTENT = frozenset("a an the of for and in on to with between two five four three six several new "
                         "document documents agreement agreements".split())
_WORD = re.compile(r"[a-z]+")
CONFLICT_FIELDS = {
    "signed_date": lambda row: row["signed_date"] if row["date_precision"] == "day" else None,
    "document_count": lambda row: row["document_count"],
}


def canonical_agreements(agreements: pl.DataFrame, reported: pl.DataFrame, event_canonical: dict[str, str]
                         ) -> tuple[pl.DataFrame, list[Row], list[Row]]:
    """(agreements with canonical_agreement_id, canonical rows, conflict rows).

    `event_canonical` maps event ids to canonical event ids."""
    rows = agreements.join(reported, on="article_id", how="left").to_dicts()
    for row in rows:
        row["canonical_event"] = event_canonical.get(row["related_event_id"]) if row["related_event_id"] else None
        row["title_words"] = frozenset(_WORD.findall(row["title"].lower())) - _NOT_CONTENT
    return merge_groups(agreements, rows, _group(rows), "canonical_agreements", "agreement_id",
                        "canonical_agreement_id", _canonical_row, CONFLICT_FIELDS)

def _group(rows: list[Row]) -> list[list[int]]:
    """Candidates come from two indexes (same canonical event; same specific title), never all pairs."""
    clusters = ArticleDisjointClusters([row["article_id"] for row in rows])
    by_event: dict[tuple, list[int]] = {}
    by_title: dict[tuple, list[int]] = {}
    for index, row in enumerate(rows):
        kind = (row["agreement_type"], tuple(sorted(row["parties"] or [])))
        if row["canonical_event"] is not None:
            by_event.setdefault((*kind, row["canonical_event"]), []).append(index)
        if len(row["title_words"]) >= SPECIFIC_TITLE_WORDS:
            by_title.setdefault((*kind, row["title_words"]), []).append(index)
    for members in by_event.values():
        for other in members[1:]:
            clusters.union(members[0], other)
    for members in by_title.values():
        ordered = sorted(members, key=lambda i: (rows[i]["signed_date"] is not None, rows[i]["signed_date"] or dt.date.min))
        for earlier, later in zip(ordered, ordered[1:]):
            if _dates_compatible(rows[earlier], rows[later]):
                clusters.union(earlier, later)
    return clusters.groups()


def _dates_compatible(a: Row, b: Row) -> bool:
    """Unknown dates are compatible with anything; known ones must overlap at their precision."""
    if a["signed_date"] is None or b["signed_date"] is None:
        return True
    a_start, a_end = date_span(a["signed_date"], a["date_precision"])
    b_start, b_end = date_span(b["signed_date"], b["date_precision"])
    return a_start <= b_end and b_start <= a_end


def date_span(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day, day


def _canonical_row(members: list[Row]) -> Row:
    dated = [m for m in members if m["signed_date"] is not None]
    finest = min(dated, key=lambda m: PRECISION_RANK[m["date_precision"]]) if dated else None
    precise = [m for m in dated if finest and m["date_precision"] == finest["date_precision"]]
    signed = best_supported(precise, lambda m: m["signed_date"])
    return {
        "canonical_agreement_id": canonical_id("cag", members[0]["agreement_id"]),
        "agreement_type": members[0]["agreement_type"],
        "title": best_supported(members, lambda m: m["title"]),
        "parties": sorted(members[0]["parties"] or []),
        "signed_date": signed,
        "date_precision": finest["date_precision"] if finest else "unknown",
        "document_count": best_supported(members, lambda m: m["document_count"]),
        "topics": sorted({topic for m in members for topic in m["topics"] or []}),
        "canonical_event_id": best_supported(members, lambda m: m["canonical_event"]),
        **summary(members),
        "agreement_ids": sorted(m["agreement_id"] for m in members),
    }
