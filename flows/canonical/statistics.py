"""Canonical statistics: one figure (indicator, year, unit, currency, country pair) across articles.

When every article gives the figure at most once, all its mentions form one row: the value
most sources give, the range, and a conflict row per differing value. An article that gives
several values for one key ("more than 40 delegations ... over 10 delegations") reports
different things, so there mentions merge only with equal values from other articles.
"""
from __future__ import annotations

import polars as pl

from flows.canonical.support import GROUP, best_supported, first_value, merge_groups, summary_columns, with_sorted_lists

KEY = ("indicator", "unit", "currency", "year", "_subject_countries")
CONFLICT_FIELDS = {"value": pl.col("value")}


def canonical_statistics(statistics: pl.DataFrame, reported: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(statistics with canonical_statistic_id, canonical rows, conflict rows)."""
    mentions = with_sorted_lists(statistics.join(reported, on="article_id", how="left"), "subject_countries",
                                 "_subject_countries")
    return merge_groups(mentions, _group(mentions), "canonical_statistics", "cst", "statistic_id",
                        "canonical_statistic_id", _aggregate, CONFLICT_FIELDS)


def _group(mentions: pl.DataFrame) -> pl.Series:
    """The group of each mention: its key's, or with several values in one article, its key and
    value's. A second mention of the same value in the same article stays alone. Each group is
    labelled by the row number of its first member."""
    keyed = mentions.select(*KEY, "article_id", "value").with_row_index("_row")
    keyed = keyed.with_columns(pl.len().over(*KEY, "article_id").alias("_per_article"))
    keyed = keyed.with_columns(pl.when(pl.col("_per_article").max().over(KEY) > 1).then(pl.col("value")).alias("_split"))
    # a repeat is not the first of its value in its article (a min over the window: 10x faster
    # than numbering the window's rows)
    repeat = pl.col("_row") != pl.col("_row").min().over(*KEY, "_split", "article_id")
    alone = pl.col("year").is_null() | repeat
    labels = keyed.select(pl.when(alone).then(pl.col("_row")).otherwise(pl.col("_row").min().over(*KEY, "_split")))
    return labels.to_series()


def _aggregate(members: pl.DataFrame) -> pl.DataFrame:
    """Per group: the value most sources give, the range of all, and the qualifier most sources
    of that value give."""
    value = best_supported(members, ["value"], pl.col("value").is_not_null())
    qualifier = best_supported(members.join(value, on=[GROUP, "value"], how="semi"), ["qualifier"],
                               pl.col("qualifier").is_not_null())
    return (members.group_by(GROUP)
            .agg(*(first_value(column) for column in ("indicator", "unit", "currency", "year", "_subject_countries")),
                 pl.col("value").min().alias("value_min"), pl.col("value").max().alias("value_max"),
                 *summary_columns("statistic_id"))
            .join(value, on=GROUP, how="left")
            .join(qualifier, on=GROUP, how="left")
            .with_columns(pl.col("_subject_countries").alias("subject_countries"),
                          (pl.col("value_min") == pl.col("value_max")).alias("values_agree")))
