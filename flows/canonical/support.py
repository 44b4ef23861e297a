"""Which value sources support, and where they disagree: shared by every canonical table.

A canonical row takes, field by field, the value given by the most articles; on a tie, the
value of the earliest-reported mention (the first report is usually the one others repeat).
Every field on which sources give different non-null values becomes `conflicts` rows, one per
value, naming the articles behind it, so a disagreement is shown rather than silently resolved.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from flows.ids import stable_id
from schemas.tables import DATE_PRECISIONS

Row = dict[str, Any]
# Finest first, as the date_precisions vocabulary lists them: day, month, year, unknown.
PRECISION_RANK = {precision: rank for rank, precision in enumerate(DATE_PRECISIONS)}


def reported_order(rows: Sequence[Row], row_id: str) -> list[Row]:
    """Earliest-reported first; rows without a date last; ties by id, so the order is stable."""
    return sorted(rows, key=lambda row: (row["reported"] is None, row["reported"] or dt.date.max, row[row_id]))


def best_supported(rows: Sequence[Row], value: Callable[[Row], Any]) -> Any:
    """The non-null value the most articles give; ties go to the earliest-reported row.
    `rows` must be in reported order."""
    support: dict[Any, set[str]] = {}
    for row in rows:
        if (candidate := value(row)) is not None:
            support.setdefault(candidate, set()).add(row["article_id"])
    if not support:
        return None
    first_seen = list(support)
    return max(first_seen, key=lambda candidate: (len(support[candidate]), -first_seen.index(candidate)))


def conflicts(canonical_table: str, canonical_id: str, rows: Sequence[Row], row_id: str,
              fields: dict[str, Callable[[Row], Any]]) -> list[Row]:
    """One row per value of each field on which the rows' non-null values differ."""
    found: list[Row] = []
    for field, value in fields.items():
        by_value: dict[str, list[Row]] = {}
        for row in rows:
            if (candidate := value(row)) is not None:
                by_value.setdefault(as_text(candidate), []).append(row)
        if len(by_value) < 2:
            continue
        for text, supporting in sorted(by_value.items()):
            found.append({
                "conflict_id": stable_id("con", canonical_table, canonical_id, field, text),
                "canonical_table": canonical_table,
                "canonical_id": canonical_id,
                "field": field,
                "value": text,
                "num_articles": len({row["article_id"] for row in supporting}),
                "article_ids": sorted({row["article_id"] for row in supporting}),
                "mention_ids": sorted(row[row_id] for row in supporting),
            })
    return found


def as_text(value: Any) -> str:
    """Dates in ISO 8601, whole numbers without a trailing .0."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def canonical_id(prefix: str, first_row_id: str) -> str:
    """The first-reported mention's id under the canonical prefix: stable while later reports arrive."""
    return f"{prefix}_{first_row_id.split('_', 1)[1]}"


def summary(rows: Sequence[Row]) -> Row:
    """The counting columns every canonical table shares."""
    reported = [row["reported"] for row in rows if row["reported"] is not None]
    return {
        "num_articles": len({row["article_id"] for row in rows}),
        "num_mentions": len(rows),
        "first_reported": min(reported, default=None),
        "article_ids": sorted({row["article_id"] for row in rows}),
    }


def merge_groups(mentions: pl.DataFrame, rows: list[Row], groups: list[list[int]], canonical_table: str,
                 row_id: str, canonical_column: str, make_row: Callable[[list[Row]], Row],
                 conflict_fields: dict[str, Callable[[Row], Any]]) -> tuple[pl.DataFrame, list[Row], list[Row]]:
    """The step every canonical table shares: one canonical row and its conflicts per group, and
    the mentions given their canonical id. Returns (mentions, canonical rows, conflict rows)."""
    assignment: dict[str, str] = {}
    canonical: list[Row] = []
    disputes: list[Row] = []
    for group in groups:
        members = reported_order([rows[i] for i in group], row_id)
        row = make_row(members)
        found = conflicts(canonical_table, row[canonical_column], members, row_id, conflict_fields)
        row["has_conflicts"] = bool(found)
        canonical.append(row)
        disputes += found
        assignment.update({member[row_id]: row[canonical_column] for member in members})
    ids = pl.DataFrame({row_id: list(assignment), canonical_column: list(assignment.values())},
                       schema={row_id: pl.String, canonical_column: pl.String})
    return mentions.drop(canonical_column, strict=False).join(ids, on=row_id, how="left"), canonical, disputes
