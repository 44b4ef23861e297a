"""Canonical statistics: one figure (indicator, year, unit, currency, country pair) across articles.

When every article gives the figure at most once, all its mentions form one row: the value
most sources give, the range, and a conflict row per differing value. An article that gives
several values for one key ("more than 40 delegations ... over 10 delegations") reports
different things, so there mentions merge only with equal values from other articles.
"""
from __future__ import annotations

from collections import Counter

import polars as pl

from flows.canonical.clusters import ArticleDisjointClusters
from flows.canonical.support import Row, as_text, best_supported, canonical_id, merge_groups, summary

KEY = ("indicator", "unit", "currency", "year", "subject_key")
CONFLICT_FIELDS = {"value": lambda row: row["value"]}


def canonical_statistics(statistics: pl.DataFrame, reported: pl.DataFrame) -> tuple[pl.DataFrame, list[Row], list[Row]]:
    """(statistics with canonical_statistic_id, canonical rows, conflict rows)."""
    rows = statistics.join(reported, on="article_id", how="left").to_dicts()
    for row in rows:
        row["subject_key"] = tuple(sorted(row["subject_countries"] or []))
    return merge_groups(statistics, rows, _group(rows), "canonical_statistics", "statistic_id",
                        "canonical_statistic_id", _canonical_row, CONFLICT_FIELDS)

def _group(rows: list[Row]) -> list[list[int]]:
    clusters = ArticleDisjointClusters([row["article_id"] for row in rows])
    by_key: dict[tuple, list[int]] = {}
    for index, row in enumerate(rows):
        if row["year"] is not None:
            by_key.setdefault(tuple(row[field] for field in KEY), []).append(index)
    for members in by_key.values():
        per_article = Counter(rows[i]["article_id"] for i in members)
        if max(per_article.values()) == 1:
            for other in members[1:]:
                clusters.union(members[0], other)
            continue
        by_value: dict[str, list[int]] = {}
        for index in members:
            by_value.setdefault(as_text(rows[index]["value"]), []).append(index)
        for same in by_value.values():
            for other in same[1:]:
                clusters.union(same[0], other)
    return clusters.groups()


def _canonical_row(members: list[Row]) -> Row:
    value = best_supported(members, lambda m: m["value"])
    values = [m["value"] for m in members]
    first = members[0]
    return {
        "canonical_statistic_id": canonical_id("cst", first["statistic_id"]),
        "indicator": first["indicator"],
        "unit": first["unit"],
        "currency": first["currency"],
        "year": first["year"],
        "subject_countries": list(first["subject_key"]),
        "value": value,
        "value_min": min(values),
        "value_max": max(values),
        "values_agree": min(values) == max(values),
        "qualifier": best_supported([m for m in members if m["value"] == value], lambda m: m["qualifier"]),
        **summary(members),
        "statistic_ids": sorted(m["statistic_id"] for m in members),
    }
