"""From per-article mentions to cross-article facts: actors, canonical tables and conflicts.

Runs over the whole release (new and reused rows alike) on every publish, because a new
article can join an existing event or name an actor differently. Pure: frames in, frames out.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import polars as pl

from flows.canonical.actors import resolve_actors, with_participant_ids
from flows.canonical.agreements import canonical_agreements
from flows.canonical.events import canonical_events
from flows.canonical.statistics import canonical_statistics

# Columns of the mention tables that this step computes; reused rows carry last run's values.
DERIVED_COLUMNS = {
    "events": ["participant_ids", "canonical_event_id"],
    "agreements": ["canonical_agreement_id"],
    "statistics": ["canonical_statistic_id"],
    "actor_mentions": ["actor_id"],
}


def add_cross_article_tables(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    mentions = {table: frames[table].drop(columns, strict=False) for table, columns in DERIVED_COLUMNS.items()}
    reported = frames["articles"].select(
        "article_id", pl.coalesce("published_date", "reference_date").alias("reported"))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="canonical-statistics") as beside:
        # statistics need neither actors nor events: grouped on a second core meanwhile (polars
        # releases the GIL while it computes)
        statistics_job = beside.submit(canonical_statistics, mentions["statistics"], reported)
        actors, mention_actor = resolve_actors(mentions["actor_mentions"])
        actor_mentions = mentions["actor_mentions"].join(mention_actor.select("mention_id", "actor_id"), on="mention_id", how="left")
        events = with_participant_ids(mentions["events"], mention_actor)
        actor_names = dict(zip(actors["actor_id"].to_list(), actors["name"].to_list(), strict=True))
        events, canonical_event_rows, event_conflicts = canonical_events(events, reported, actor_names)
        agreements, canonical_agreement_rows, agreement_conflicts = canonical_agreements(
            mentions["agreements"], reported, events.select("event_id", "canonical_event_id"))
        statistics, canonical_statistic_rows, statistic_conflicts = statistics_job.result()
    return {
        **frames,
        "events": events,
        "agreements": agreements,
        "statistics": statistics,
        "actor_mentions": actor_mentions,
        "actors": actors,
        "canonical_events": canonical_event_rows,
        "canonical_agreements": canonical_agreement_rows,
        "canonical_statistics": canonical_statistic_rows,
        "conflicts": pl.concat([event_conflicts, agreement_conflicts, statistic_conflicts]),
    }
