"""Canonical agreements: mentions of one agreement or commitment across articles become one row.

Two mentions in different articles are the same agreement when they have the same type and the
same parties, and either were announced at the same canonical event or have the same specific
title (the same content words, in any case and order) and compatible dates (overlapping at their
precision, or one unknown).
"""
from __future__ import annotations

import calendar
import datetime as dt

import polars as pl

from flows.canonical.clusters import ArticleDisjointClusters
from flows.canonical.support import (
    GROUP,
    best_supported,
    first_value,
    merge_groups,
    or_empty,
    precision_rank,
    sorted_list,
    summary_columns,
)

# A title with fewer content words ("cooperation documents") names a kind of paper, not one
# agreement: such mentions merge only through a shared event.
SPECIFIC_TITLE_WORDS = 3
# Words that say how many or what kind of paper, not what the agreement is about.
_NOT_CONTENT = frozenset("a an the of for and in on to with between two five four three six several new "
                         "document documents agreement agreements".split())
CONFLICT_FIELDS = {
    "signed_date": pl.when(pl.col("date_precision") == "day").then(pl.col("signed_date")),
    "document_count": pl.col("document_count"),
}
Columns = dict[str, list]


def canonical_agreements(agreements: pl.DataFrame, reported: pl.DataFrame, event_canonical: pl.DataFrame
                         ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(agreements with canonical_agreement_id, canonical rows, conflict rows).

    `event_canonical` maps event ids to canonical event ids (event_id, canonical_event_id)."""
    events = event_canonical.select(pl.col("event_id").alias("related_event_id"),
                                    pl.col("canonical_event_id").alias("_canonical_event"))
    mentions = (agreements.join(reported, on="article_id", how="left")
                .join(events, on="related_event_id", how="left", maintain_order="left"))
    return merge_groups(mentions, group_mentions(mentions), "canonical_agreements", "cag", "agreement_id",
                        "canonical_agreement_id", _aggregate, CONFLICT_FIELDS)


def group_mentions(mentions: pl.DataFrame) -> list[int]:
    """The group of each mention. Candidates come from two indexes (same canonical event; same
    specific title), never all pairs."""
    keyed = mentions.select(
        "article_id", "signed_date", pl.col("date_precision").cast(pl.String), "_canonical_event",
        pl.concat_str(pl.col("agreement_type").cast(pl.String),
                      sorted_list(or_empty(pl.col("parties"))).list.join(" "),
                      separator="|").alias("_kind"),
        pl.col("title").str.to_lowercase().str.extract_all(r"[a-z]+")
        .list.eval(pl.element().filter(~pl.element().is_in(list(_NOT_CONTENT))).unique().sort()).alias("_words"),
    ).with_row_index("_row")
    columns = keyed.select("article_id", "signed_date", "date_precision").to_dict(as_series=False)
    clusters = ArticleDisjointClusters(columns["article_id"])
    # groups in order of their first mention, as union order decides which union is refused
    by_event = (keyed.filter(pl.col("_canonical_event").is_not_null())
                .group_by("_kind", "_canonical_event", maintain_order=True).agg(pl.col("_row")))
    for members in by_event["_row"].to_list():
        for other in members[1:]:
            clusters.union(members[0], other)
    by_title = (keyed.filter(pl.col("_words").list.len() >= SPECIFIC_TITLE_WORDS)
                .group_by("_kind", "_words", maintain_order=True)
                .agg(pl.col("_row").sort_by(pl.col("signed_date").is_not_null(), "signed_date", "_row")))
    for members in by_title["_row"].to_list():
        for earlier, later in zip(members, members[1:]):
            if _dates_compatible(columns, earlier, later):
                clusters.union(earlier, later)
    return clusters.labels()


def _dates_compatible(columns: Columns, a: int, b: int) -> bool:
    """Unknown dates are compatible with anything; known ones must overlap at their precision."""
    dates, precisions = columns["signed_date"], columns["date_precision"]
    if dates[a] is None or dates[b] is None:
        return True
    a_start, a_end = date_span(dates[a], precisions[a])
    b_start, b_end = date_span(dates[b], precisions[b])
    return a_start <= b_end and b_start <= a_end


def date_span(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day, day


def _aggregate(members: pl.DataFrame) -> pl.DataFrame:
    """Per group: the date most sources give at the finest precision any gives, and the title,
    document count and event most give; every party and topic."""
    dated = members.filter(pl.col("signed_date").is_not_null()).with_columns(precision_rank().alias("_rank"))
    precise = dated.filter(pl.col("_rank") == pl.col("_rank").min().over(GROUP))
    precision = precise.group_by(GROUP).agg(first_value("date_precision").cast(pl.String).alias("_precision"))
    topics = (members.select(GROUP, "topics").explode("topics").filter(pl.col("topics").is_not_null())
              .group_by(GROUP).agg(pl.col("topics")).with_columns(sorted_list(pl.col("topics"), unique=True)))
    return (members.group_by(GROUP)
            .agg(first_value("agreement_type"), first_value("parties"), *summary_columns("agreement_id"))
            .join(best_supported(precise, ["signed_date"], pl.lit(True)), on=GROUP, how="left")
            .join(precision, on=GROUP, how="left")
            .join(best_supported(members, ["title"], pl.col("title").is_not_null()), on=GROUP, how="left")
            .join(best_supported(members, ["document_count"], pl.col("document_count").is_not_null()), on=GROUP, how="left")
            .join(best_supported(members, ["_canonical_event"], pl.col("_canonical_event").is_not_null()), on=GROUP, how="left")
            .join(topics, on=GROUP, how="left")
            .with_columns(sorted_list(or_empty(pl.col("parties"))),
                          pl.coalesce("_precision", pl.lit("unknown")).alias("date_precision"),
                          pl.col("_canonical_event").alias("canonical_event_id"),
                          or_empty(pl.col("topics"))))
