"""Canonical agreements: mentions of one agreement or commitment across articles become one row.

Two mentions in different articles are the same agreement when they have the same type and the
same parties, and either were announced at the same canonical event or have the same specific
title (the same content words, in any case and order) and compatible dates (overlapping at their
precision, or one unknown).
"""
from __future__ import annotations

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
    with_sorted_lists,
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


def group_mentions(mentions: pl.DataFrame) -> pl.Series:
    """The group of each mention. Candidates come from two indexes (same canonical event; same
    specific title), never all pairs."""
    keyed = with_sorted_lists(mentions, "parties", "_parties").select(
        "article_id", "signed_date", pl.col("date_precision").cast(pl.String), "_canonical_event", "title",
        pl.concat_str(pl.col("agreement_type").cast(pl.String), pl.col("_parties").list.join(" "), separator="|").alias("_kind"),
    ).with_row_index("_row").join(_title_words(mentions["title"]), on="title", how="left", maintain_order="left",
                                  nulls_equal=True)
    clusters = ArticleDisjointClusters(keyed["article_id"].to_list())
    # groups in order of their first mention, as union order decides which union is refused
    by_event = (keyed.filter(pl.col("_canonical_event").is_not_null())
                .group_by("_kind", "_canonical_event", maintain_order=True).agg(pl.col("_row"))
                .filter(pl.col("_row").list.len() > 1))
    for first, *others in by_event["_row"].to_list():
        for other in others:
            clusters.union(first, other)
    for earlier, later in _title_links(keyed).iter_rows():
        clusters.union(earlier, later)
    return pl.Series(clusters.labels())


def _title_words(titles: pl.Series) -> pl.DataFrame:
    """Each distinct title and its content words, sorted: a release repeats few titles many times."""
    return titles.unique().to_frame("title").with_columns(
        pl.col("title").str.to_lowercase().str.extract_all(r"[a-z]+")
        .list.eval(pl.element().filter(~pl.element().is_in(list(_NOT_CONTENT))).unique().sort()).alias("_words"))


def _title_links(keyed: pl.DataFrame) -> pl.DataFrame:
    """(earlier, later) rows to join, in union order: per specific title (titles in order of their
    first mention), each mention with the next by date (undated first), where the dates are
    compatible - unknown, or overlapping at their precision."""
    titled = keyed.filter(pl.col("_words").list.len() >= SPECIFIC_TITLE_WORDS).with_columns(
        pl.col("_row").min().over("_kind", "_words").alias("_title"), _span_start().alias("_start"), _span_end().alias("_end"))
    ordered = titled.sort("_title", pl.col("signed_date").is_not_null(), "signed_date", "_row")
    compatible = (pl.col("_earlier_start").is_null() | pl.col("_start").is_null()
                  | ((pl.col("_earlier_start") <= pl.col("_end")) & (pl.col("_start") <= pl.col("_earlier_end"))))
    return (ordered.with_columns(pl.col("_title", "_row", "_start", "_end").shift(1).name.prefix("_earlier"))
            .filter((pl.col("_earlier_title") == pl.col("_title")) & compatible)
            .select("_earlier_row", "_row"))


def _span_start() -> pl.Expr:
    """The first day a signed date at its precision may be."""
    date, precision = pl.col("signed_date"), pl.col("date_precision")
    return (pl.when(precision == "year").then(date.dt.truncate("1y"))
            .when(precision == "month").then(date.dt.month_start()).otherwise(date))


def _span_end() -> pl.Expr:
    """The last day a signed date at its precision may be."""
    date, precision = pl.col("signed_date"), pl.col("date_precision")
    return (pl.when(precision == "year").then(pl.date(date.dt.year(), 12, 31))
            .when(precision == "month").then(date.dt.month_end()).otherwise(date))


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
