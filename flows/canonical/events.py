"""Canonical events: mentions of one real-world event across articles become one row.

Two mentions in different articles are the same event when they have the same type, their date
ranges overlap, and they share a participant (by actor id) or, when one of them names nobody,
the country it took place in. Only day- or month-precise dates take part: "a visit in 2023"
overlaps every visit that year, and two visits by one person a month apart must stay two.
Undated mentions stay events of their own.
"""
from __future__ import annotations

import polars as pl

from flows.canonical.clusters import ArticleDisjointClusters, Components, Span, overlapping_pairs
from flows.canonical.support import (
    GROUP,
    ORDER,
    best_supported,
    first_value,
    merge_groups,
    or_empty,
    precision_rank,
    summary_columns,
)

MERGEABLE_PRECISIONS = ("day", "month")
CONFLICT_FIELDS = {
    "start_date": pl.when(pl.col("date_precision") == "day").then(pl.col("start_date")),
    "end_date": pl.when(pl.col("date_precision") == "day").then(pl.col("end_date")),
    "country_code": pl.col("country_code"),
}
ROW = "_row"
KEY_COUNTRY = ["event_type", "country_code"]
Columns = dict[str, dict[int, object]]     # column -> row number -> value, for the rows being replayed


def canonical_events(events: pl.DataFrame, reported: pl.DataFrame, actor_names: dict[str, str]
                     ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(events with canonical_event_id, canonical rows, conflict rows).

    `reported` maps article_id to its report date; `actor_names` maps actor ids to names."""
    mentions = events.join(reported, on="article_id", how="left")
    return merge_groups(mentions, group_mentions(mentions), "canonical_events", "cev", "event_id", "canonical_event_id",
                        lambda members: _aggregate(members, actor_names), CONFLICT_FIELDS)


def group_mentions(mentions: pl.DataFrame) -> pl.Series:
    """The group of each mention, labelled by a member's row number."""
    dated = (mentions.select(pl.col("article_id", "event_type", "date_precision", "country_code").cast(pl.String),
                             "start_date", pl.coalesce("end_date", "start_date").alias("end_date"), "participant_ids")
             .with_row_index(ROW)
             .filter(pl.col("start_date").is_not_null() & pl.col("date_precision").is_in(MERGEABLE_PRECISIONS)))
    components = dated.select(ROW, "article_id").join(_components(dated, mentions.height), on=ROW)
    sizes = components.group_by("_component").agg(pl.len().alias("_size"), pl.col("article_id").n_unique().alias("_articles"))
    components = components.join(sizes.filter(pl.col("_size") > 1), on="_component", how="inner")
    # no two mentions of one article: nothing can be refused, the component is the group
    outright = components.filter(pl.col("_size") == pl.col("_articles")).select(ROW, pl.col("_component").alias(GROUP))
    replayed = _replay(dated.join(components.filter(pl.col("_size") > pl.col("_articles")).select(ROW, "_component"), on=ROW))
    grouped = pl.concat([outright, replayed])
    return pl.int_range(mentions.height, eager=True).scatter(grouped[ROW], grouped[GROUP])


def _components(dated: pl.DataFrame, size: int) -> pl.DataFrame:
    """(ROW, _component) of every linked mention, labelled by a member's row number. A link joins a
    mention to the first of its run, so each run is a star: a mention in one run (most are) is in
    its run's component, and only the runs of a mention in several need joining in the union-find."""
    links = pl.concat([_actor_links(dated), _country_links(dated)])
    stars = links.group_by(ROW).agg(pl.col("_first").min().alias("_star"))
    bridges = links.join(stars, on=ROW).filter(pl.col("_first") != pl.col("_star"))
    linked = Components(size)
    for star, other in bridges.select("_star", "_first").iter_rows():
        linked.union(star, other)
    bridged = pl.concat([bridges["_star"], bridges["_first"]]).unique().to_list()
    roots = pl.DataFrame({"_star": bridged, "_component": [linked.find(star) for star in bridged]},
                         schema={"_star": pl.UInt32, "_component": pl.Int64})
    return stars.join(roots, on="_star", how="left").select(ROW, pl.coalesce("_component", "_star").alias("_component"))


def _replay(rows: pl.DataFrame) -> pl.DataFrame:
    """Components with two mentions of one article: their pairs in the sweep's order, so that
    which union is refused is the same whatever else the release holds. (ROW, GROUP) of each row."""
    columns: Columns = {name: dict(zip(rows[ROW].to_list(), rows[name].to_list())) for name in rows.columns}
    clusters = ArticleDisjointClusters(list(columns["article_id"].values()))
    position = {row: pos for pos, row in enumerate(columns["article_id"])}
    by_component: dict[int, list[Span]] = {}
    for row, component in columns["_component"].items():
        by_component.setdefault(component, []).append(Span(row, columns["start_date"][row], columns["end_date"][row]))
    for spans in by_component.values():
        for a, b in overlapping_pairs(spans):
            if columns["article_id"][a] != columns["article_id"][b] and _same_event(columns, a, b):
                clusters.union(position[a], position[b])
    rows_in_order = list(position)
    return pl.DataFrame({ROW: rows_in_order, GROUP: [rows_in_order[root] for root in clusters.labels()]},
                        schema={ROW: pl.UInt32, GROUP: pl.Int64})


def _actor_links(dated: pl.DataFrame) -> pl.DataFrame:
    """Mentions of one type naming one actor, with overlapping dates, linked run by run."""
    per_actor = (dated.select(ROW, "event_type", "start_date", "end_date", pl.col("participant_ids").alias("_actor"))
                 .explode("_actor").drop_nulls("_actor").unique([ROW, "_actor"]))
    return _runs(per_actor, ["event_type", "_actor"]).select("_first", ROW)


def _country_links(dated: pl.DataFrame) -> pl.DataFrame:
    """Mentions of one type and country where one names nobody, with overlapping dates: the
    unnamed ones linked run by run, and a named one to every unnamed run it overlaps."""
    placed = dated.filter(pl.col("country_code").is_not_null())
    unnamed = placed.filter(pl.col("participant_ids").list.len() == 0)
    runs = _runs(unnamed, KEY_COUNTRY)
    blocks = (runs.group_by(*KEY_COUNTRY, "_run").agg(pl.col("_first").first(), pl.col("start_date").min(),
                                                      pl.col("end_date").max())
              .sort(*KEY_COUNTRY, "start_date").with_columns(pl.int_range(pl.len()).over(KEY_COUNTRY).alias("_k")))
    named = placed.filter(pl.col("participant_ids").list.len() > 0).select(ROW, *KEY_COUNTRY, "start_date", "end_date")
    first_block = named.sort("start_date").join_asof(       # the first run ending on or after the start
        blocks.select(*KEY_COUNTRY, pl.col("end_date").alias("_block_end"), pl.col("_k").alias("_low")).sort("_block_end"),
        left_on="start_date", right_on="_block_end", by=KEY_COUNTRY, strategy="forward", check_sortedness=False)
    last_block = named.sort("end_date").join_asof(          # the last run starting on or before the end
        blocks.select(*KEY_COUNTRY, pl.col("start_date").alias("_block_start"), pl.col("_k").alias("_high")).sort("_block_start"),
        left_on="end_date", right_on="_block_start", by=KEY_COUNTRY, strategy="backward", check_sortedness=False)
    overlapped = (first_block.select(ROW, *KEY_COUNTRY, "_low").join(last_block.select(ROW, "_high"), on=ROW)
                  .filter(pl.col("_low") <= pl.col("_high"))
                  .select(ROW, *KEY_COUNTRY, pl.int_ranges("_low", pl.col("_high") + 1).alias("_k")).explode("_k")
                  .join(blocks.select(*KEY_COUNTRY, "_k", "_first"), on=[*KEY_COUNTRY, "_k"]))
    return pl.concat([runs.select("_first", ROW), overlapped.select("_first", ROW)])


def _runs(spans: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Per key, runs of date ranges that overlap one after another (each starting no later than
    the latest end before it): every span with `_run` and `_first`, its run's first row.

    The key is numbered first, and the latest end is shifted outside its window: sorting on the
    key's text columns, or a shift inside the window, each cost 5-10x more."""
    numbered = spans.join(spans.select(keys).unique().with_row_index("_key"), on=keys, nulls_equal=True)
    same_key = pl.col("_key") == pl.col("_key").shift(1)
    reach = pl.when(same_key).then(pl.col("_latest_end").shift(1))
    return (numbered.sort("_key", "start_date", "end_date", ROW)
            .with_columns(pl.col("end_date").cum_max().over("_key").alias("_latest_end"))
            .with_columns((reach.is_null() | (pl.col("start_date") > reach)).cum_sum().alias("_run"))
            .with_columns(pl.col(ROW).first().over("_run").alias("_first")))


def _actors(columns: Columns, index: int) -> set[str]:
    return {actor for actor in columns["participant_ids"][index] or [] if actor is not None}


def _same_event(columns: Columns, a: int, b: int) -> bool:
    if _actors(columns, a) & _actors(columns, b):
        return True
    someone_unnamed = not columns["participant_ids"][a] or not columns["participant_ids"][b]
    country = columns["country_code"]
    return someone_unnamed and country[a] is not None and country[a] == country[b]


def _aggregate(members: pl.DataFrame, actor_names: dict[str, str]) -> pl.DataFrame:
    """Per group: dates most sources give at the finest precision any gives, the place most give,
    the description of a mention with those dates, everyone any source names."""
    ranked = members.with_columns(precision_rank().alias("_rank"))
    precise = ranked.filter(pl.col("_rank") == pl.col("_rank").min().over(GROUP))
    dates = best_supported(precise, ["start_date", "end_date"], pl.col("start_date").is_not_null())
    place = best_supported(members, ["location", "country_code"], _written("location") | _written("country_code"))
    with_dates = (precise.join(dates, on=[GROUP, "start_date", "end_date"], how="semi", nulls_equal=True)
                  .group_by(GROUP).agg(first_value("description").alias("_dated_description"),
                                       first_value("date_precision").cast(pl.String).alias("_dated_precision")))
    # sorted once for all groups (a group-by keeps row order): sorting inside each group cost 2x
    participant_ids = (members.select(GROUP, ORDER, "participant_ids").explode("participant_ids")
                       .filter(pl.col("participant_ids").is_not_null())
                       .sort(ORDER, maintain_order=True)
                       .group_by(GROUP).agg(pl.col("participant_ids").unique(maintain_order=True)))
    return (members.group_by(GROUP)
            .agg(first_value("event_type"), first_value("description"), *summary_columns("event_id"))
            .join(dates, on=GROUP, how="left")
            .join(place, on=GROUP, how="left")
            .join(with_dates, on=GROUP, how="left")
            .join(participant_ids, on=GROUP, how="left")
            .with_columns(pl.coalesce("_dated_description", "description").alias("description"),
                          pl.coalesce("_dated_precision", pl.lit("unknown")).alias("date_precision"),
                          or_empty(pl.col("participant_ids")))
            .with_columns(pl.col("participant_ids").list.eval(pl.element().replace(actor_names)).alias("participants")))


def _written(column: str) -> pl.Expr:
    """Neither null nor empty, as a place part must be to count."""
    return pl.col(column).is_not_null() & (pl.col(column).cast(pl.String) != "")
