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
from flows.canonical.support import GROUP, best_supported, first_value, merge_groups, sorted_list, summary_columns

KEY = ("indicator", "unit", "currency", "year", "_subject_key")
CONFLICT_FIELDS = {"value": pl.col("value")}


def canonical_statistics(statistics: pl.DataFrame, reported: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(statistics with canonical_statistic_id, canonical rows, conflict rows)."""
    mentions = statistics.join(reported, on="article_id", how="left").with_columns(
        pl.col("subject_countries").fill_null(pl.lit([], dtype=pl.List(pl.String))).pipe(sorted_list).alias("_subject_countries"))
    keys = mentions.select(*(pl.col(column).cast(pl.String) for column in ("indicator", "unit", "currency")), "year",
                           pl.col("_subject_countries").list.join(" ").alias("_subject_key"), "article_id", "value")
    return merge_groups(mentions, _group(keys.to_dict(as_series=False)), "canonical_statistics", "cst", "statistic_id",
                        "canonical_statistic_id", _aggregate, CONFLICT_FIELDS)


def _group(columns: dict[str, list]) -> list[int]:
    """The group of each mention."""
    articles, values = columns["article_id"], columns["value"]
    clusters = ArticleDisjointClusters(articles)
    by_key: dict[tuple, list[int]] = {}
    for index, key in enumerate(zip(*(columns[field] for field in KEY))):
        if key[3] is not None:               # the year
            by_key.setdefault(key, []).append(index)
    for members in by_key.values():
        per_article = Counter(articles[i] for i in members)
        if max(per_article.values()) == 1:
            for other in members[1:]:
                clusters.union(members[0], other)
            continue
        by_value: dict[float, list[int]] = {}
        for index in members:
            by_value.setdefault(values[index], []).append(index)
        for same in by_value.values():
            for other in same[1:]:
                clusters.union(same[0], other)
    return clusters.labels()


def _aggregate(members: pl.DataFrame) -> pl.DataFrame:
    """Per group: the value most sources give, the range of all, and the qualifier most sources
    of that value give."""
    value = best_supported(members, ["value"], pl.col("value").is_not_null())
    qualifier = best_supported(members.join(value, on=[GROUP, "value"], how="semi"), ["qualifier"],
                               pl.col("qualifier").is_not_null())
    return (members.group_by(GROUP)
            .agg(*(first_value(column) for column in ("indicator", "unit", "currency", "year", "_subject_countries")),
                 pl.col("value").min().alias("value_min"), pl.col("value").max().alias("value_max"),
                 *summary_columns("statistic_id", "statistic_ids"))
            .join(value, on=GROUP, how="left")
            .join(qualifier, on=GROUP, how="left")
            .with_columns(pl.col("_subject_countries").alias("subject_countries"),
                          (pl.col("value_min") == pl.col("value_max")).alias("values_agree")))
