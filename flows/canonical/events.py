"""Canonical events: mentions of one real-world event across articles become one row.

Two mentions in different articles are the same event when they have the same type, their date
ranges overlap, and they share a participant (by actor id) or, when one of them names nobody,
the country it took place in. Only day- or month-precise dates take part: "a visit in 2023"
overlaps every visit that year, and two visits by one person a month apart must stay two.
Undated mentions stay events of their own.
"""
from __future__ import annotations

import polars as pl

from flows.canonical.clusters import (
    ArticleDisjointClusters,
    Components,
    Span,
    blocks_overlapping,
    chained_overlaps,
    overlapping_pairs,
)
from flows.canonical.support import GROUP, ORDER, best_supported, first_value, merge_groups, precision_rank, summary_columns

MERGEABLE_PRECISIONS = ("day", "month")
CONFLICT_FIELDS = {
    "start_date": pl.when(pl.col("date_precision") == "day").then(pl.col("start_date")),
    "end_date": pl.when(pl.col("date_precision") == "day").then(pl.col("end_date")),
    "country_code": pl.col("country_code"),
}
_GROUPING_COLUMNS = ("article_id", "event_type", "start_date", "end_date", "date_precision", "participant_ids", "country_code")
Columns = dict[str, list]


def canonical_events(events: pl.DataFrame, reported: pl.DataFrame, actor_names: dict[str, str]
                     ) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """(events with canonical_event_id, canonical rows, conflict rows).

    `reported` maps article_id to its report date; `actor_names` maps actor ids to names."""
    mentions = events.join(reported, on="article_id", how="left")
    columns = mentions.select(_GROUPING_COLUMNS).with_columns(pl.col("event_type", "date_precision").cast(pl.String)).to_dict(as_series=False)
    return merge_groups(mentions, _group(columns), "canonical_events", "cev", "event_id", "canonical_event_id",
                        lambda members: _aggregate(members, actor_names), CONFLICT_FIELDS)


def _group(columns: Columns) -> list[int]:
    """The group of each mention."""
    articles = columns["article_id"]
    clusters = ArticleDisjointClusters(articles)
    spans: dict[str, list[Span]] = {}
    for index, (start, end, precision) in enumerate(zip(columns["start_date"], columns["end_date"], columns["date_precision"])):
        if start is not None and precision in MERGEABLE_PRECISIONS:
            spans.setdefault(columns["event_type"][index], []).append(Span(index, start, end or start))
    for same_type in spans.values():
        for component in _linked(columns, same_type):
            if len({articles[span.index] for span in component}) == len(component):
                for span in component[1:]:           # no two of one article: nothing can be refused
                    clusters.union(component[0].index, span.index)
                continue
            for a, b in overlapping_pairs(component):
                if articles[a] != articles[b] and _same_event(columns, a, b):
                    clusters.union(a, b)
    return clusters.labels()


def _linked(columns: Columns, spans: list[Span]) -> list[list[Span]]:
    """Spans that `_same_event` could connect, directly or through others, ignoring articles:
    components of a few links per span (clusters.chained_overlaps), never all pairs."""
    position = {span.index: pos for pos, span in enumerate(spans)}
    links = Components(len(spans))
    by_actor: dict[str, list[Span]] = {}
    unnamed: dict[str, list[Span]] = {}
    named: dict[str, list[Span]] = {}
    for span in spans:
        for actor in _actors(columns, span.index):
            by_actor.setdefault(actor, []).append(span)
        if (country := columns["country_code"][span.index]) is not None:
            (named if columns["participant_ids"][span.index] else unnamed).setdefault(country, []).append(span)
    for same_actor in by_actor.values():
        for a, b in chained_overlaps(same_actor)[0]:
            links.union(position[a], position[b])
    for country, without_names in unnamed.items():
        chain, blocks = chained_overlaps(without_names)
        for a, b in chain:
            links.union(position[a], position[b])
        ends = [block.end for block in blocks]
        for span in named.get(country, []):          # a named mention joins every unnamed run it overlaps
            for block in blocks_overlapping(blocks, ends, span):
                links.union(position[block.member], position[span.index])
    return [[spans[pos] for pos in group] for group in links.groups() if len(group) > 1]


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
    participant_ids = (members.select(GROUP, ORDER, "participant_ids").explode("participant_ids")
                       .filter(pl.col("participant_ids").is_not_null())
                       .group_by(GROUP).agg(pl.col("participant_ids").sort_by(ORDER, maintain_order=True).unique(maintain_order=True)))
    return (members.group_by(GROUP)
            .agg(first_value("event_type"), first_value("description"), *summary_columns("event_id", "event_ids"))
            .join(dates, on=GROUP, how="left")
            .join(place, on=GROUP, how="left")
            .join(with_dates, on=GROUP, how="left")
            .join(participant_ids, on=GROUP, how="left")
            .with_columns(pl.coalesce("_dated_description", "description").alias("description"),
                          pl.coalesce("_dated_precision", pl.lit("unknown")).alias("date_precision"),
                          pl.col("participant_ids").fill_null(pl.lit([], dtype=pl.List(pl.String))))
            .with_columns(pl.col("participant_ids").list.eval(pl.element().replace(actor_names)).alias("participants")))


def _written(column: str) -> pl.Expr:
    """Neither null nor empty, as a place part must be to count."""
    return pl.col(column).is_not_null() & (pl.col(column).cast(pl.String) != "")
