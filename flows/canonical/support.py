"""Which value sources support, and where they disagree: shared by every canonical table.

A canonical row takes, field by field, the value given by the most articles; on a tie, the
value of the earliest-reported mention (the first report is usually the one others repeat).
Every field on which sources give different non-null values becomes `conflicts` rows, one per
value, naming the articles behind it, so a disagreement is shown rather than silently resolved.

Everything here works on whole columns (polars group-bys over all groups at once): a release
holds hundreds of thousands of mentions, and a Python loop per group cost seconds per run.
"""
from __future__ import annotations

from collections.abc import Callable

import polars as pl

from flows.ids import stable_id
from schemas.tables import DATE_PRECISIONS, column_dtypes, conform_frame

GROUP = "_group"     # the canonical row a mention belongs to
ORDER = "_order"     # the mention's place in reported order: earliest report first
# Finest first, as the date_precisions vocabulary lists them: day, month, year, unknown.
PRECISION_RANK = {precision: rank for rank, precision in enumerate(DATE_PRECISIONS)}


def precision_rank() -> pl.Expr:
    return pl.col("date_precision").cast(pl.String).replace_strict(PRECISION_RANK, return_dtype=pl.Int64)


def with_reported_order(mentions: pl.DataFrame, groups: pl.Series, row_id: str) -> pl.DataFrame:
    """The mentions with their group and their place in reported order, earliest-reported first
    (undated last, ties by id): "first" below always means first in this order. The rows stay
    where they are: every use goes by that place, and moving all columns cost more than sorting.
    One thread sorts: split over two cores, with statistics grouped beside, it took 2-3x longer."""
    place = pl.arg_sort_by("reported", row_id, nulls_last=True, multithreaded=False).arg_sort()
    return mentions.with_columns(groups.cast(pl.Int64).alias(GROUP), place.alias(ORDER))


def best_supported(members: pl.DataFrame, values: list[str], given: pl.Expr) -> pl.DataFrame:
    """Per group, the value (one or several columns) that the most articles give, among the
    members where `given` holds; ties go to the earliest-reported. Columns: GROUP, *values."""
    return (members.filter(given)
            .group_by(GROUP, *values)
            .agg(pl.col("article_id").n_unique().alias("_support"), pl.col(ORDER).min().alias("_first"))
            .sort(GROUP, "_support", "_first", descending=[False, True, False])
            .unique(GROUP, keep="first", maintain_order=True)
            .select(GROUP, *values))


def summary_columns(row_id: str) -> list[pl.Expr]:
    """The counting columns every canonical table shares (aggregations over a group); merge_groups
    sorts the two id lists (`article_ids`, and the row ids as `<row_id>s`) afterwards."""
    return [
        pl.col("article_id").n_unique().alias("num_articles"),
        pl.len().alias("num_mentions"),
        pl.col("reported").min().alias("first_reported"),
        pl.col("article_id").alias("article_ids"),
        pl.col(row_id).alias(f"{row_id}s"),
    ]


def conflicts(members: pl.DataFrame, canonical_table: str, canonical_column: str, row_id: str,
              fields: dict[str, pl.Expr]) -> pl.DataFrame:
    """One row per value of each field on which a group's non-null values differ."""
    found = [_field_conflicts(members, canonical_column, row_id, field, value) for field, value in fields.items()]
    rows = pl.concat(found).rename({canonical_column: "canonical_id"}) if found else None
    if rows is None or rows.is_empty():
        return pl.DataFrame(schema=column_dtypes("conflicts"))
    # zipped columns, not iter_rows: a release has ~80k conflicts and row tuples cost a third
    parts = zip(rows["canonical_id"].to_list(), rows["field"].to_list(), rows["value"].to_list(), strict=True)
    ids = [stable_id("con", canonical_table, canonical, field, text) for canonical, field, text in parts]
    return conform_frame("conflicts", rows.with_columns(pl.Series("conflict_id", ids, dtype=pl.String),
                                                        pl.lit(canonical_table).alias("canonical_table")))


def _field_conflicts(members: pl.DataFrame, canonical_column: str, row_id: str, field: str, value: pl.Expr) -> pl.DataFrame:
    given = members.select(canonical_column, "article_id", row_id, value.alias("value")).filter(pl.col("value").is_not_null())
    given = given.with_columns(as_text(given["value"]))
    disputed = given.group_by(canonical_column).agg(pl.col("value").n_unique().alias("_values")).filter(pl.col("_values") > 1)
    return (given.join(disputed.select(canonical_column), on=canonical_column, how="semi")
            .group_by(canonical_column, "value")
            .agg(pl.col("article_id").n_unique().alias("num_articles"),
                 pl.col("article_id").alias("article_ids"), pl.col(row_id).alias("mention_ids"))
            .with_columns(sorted_list(pl.col("article_ids"), unique=True), sorted_list(pl.col("mention_ids")),
                          pl.lit(field).alias("field"))
            .cast({"num_articles": pl.Int64}))


def as_text(values: pl.Series) -> pl.Series:
    """Dates in ISO 8601, whole numbers without a trailing .0, as conflicts show them."""
    if values.dtype == pl.Date:
        return values.dt.to_string("%Y-%m-%d")
    if values.dtype.is_float():
        texts = {value: _number_text(value) for value in values.unique().to_list()}
        return values.replace_strict(texts, return_dtype=pl.String)
    return values.cast(pl.String)


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def canonical_ids(members: pl.DataFrame, prefix: str, row_id: str, canonical_column: str) -> pl.DataFrame:
    """GROUP -> the first-reported mention's id under the canonical prefix: stable while later
    reports arrive."""
    first = members.group_by(GROUP).agg(pl.col(row_id).sort_by(ORDER).first())
    return first.select(GROUP, (pl.lit(f"{prefix}_") + pl.col(row_id).str.splitn("_", 2).struct.field("field_1"))
                        .alias(canonical_column))


def merge_groups(mentions: pl.DataFrame, groups: pl.Series, canonical_table: str, prefix: str, row_id: str,
                 canonical_column: str, aggregate: Callable[[pl.DataFrame], pl.DataFrame],
                 conflict_fields: dict[str, pl.Expr]) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """The step every canonical table shares. `mentions` carry a `reported` date, `groups` the
    group of each mention, `aggregate` makes the table's own columns per GROUP from the members
    (with ORDER, their place in reported order). Returns (mentions with their canonical id,
    canonical rows, conflicts)."""
    members = with_reported_order(mentions, groups, row_id)
    ids = canonical_ids(members, prefix, row_id, canonical_column)
    members = members.join(ids, on=GROUP, how="left", maintain_order="left")
    disputes = conflicts(members, canonical_table, canonical_column, row_id, conflict_fields)
    canonical = (aggregate(members)
                 .with_columns(sorted_list(pl.col("article_ids"), unique=True), sorted_list(pl.col(f"{row_id}s")))
                 .join(ids, on=GROUP, how="left")
                 .with_columns(pl.col(canonical_column).is_in(disputes["canonical_id"].unique().implode())
                               .alias("has_conflicts")))
    helpers = [name for name in mentions.columns if name.startswith("_") or name in ("reported", canonical_column)]
    return (mentions.drop(helpers).with_columns(members[canonical_column]),
            conform_frame(canonical_table, canonical), disputes)


def sorted_list(lists: pl.Expr, unique: bool = False) -> pl.Expr:
    """Each list sorted, optionally without repeats. (In polars 2.1, `list.sort()` on a column of
    short lists, or `.sort()` inside a group-by, is 3-60x slower than this.) `list.eval` still
    costs ~0.4 us a list, and most groups have one member: lists of one or none are already
    sorted, and polars evaluates the `then` branch only on the rows it selects."""
    element = pl.element().unique() if unique else pl.element()
    return pl.when(lists.list.len() > 1).then(lists.list.eval(element.sort())).otherwise(lists)


def with_sorted_lists(frame: pl.DataFrame, column: str, alias: str) -> pl.DataFrame:
    """`frame` with `alias`: each list of `column` sorted, a null one as empty. Sorted once per
    distinct list and joined back: a release repeats a few lists (country pairs) over and over."""
    lists = frame.select(pl.col(column).unique()).with_columns(sorted_list(or_empty(pl.col(column))).alias(alias))
    return frame.join(lists, on=column, how="left", maintain_order="left", nulls_equal=True)


def or_empty(lists: pl.Expr) -> pl.Expr:
    """A null list as an empty one: published list columns are never null."""
    return lists.fill_null(pl.lit([], dtype=pl.List(pl.String)))


def first_value(column: str) -> pl.Expr:
    """In an aggregation over members in reported order: the first member's value."""
    return pl.col(column).sort_by(ORDER).first()


