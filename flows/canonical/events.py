"""Canonical events: mentions of one real-world event across articles become one row.

Two mentions in different articles are the same event when they have the same type, their date
ranges overlap, and they share a participant (by actor id) or, when one of them names nobody,
the country it took place in. Only day- or month-precise dates take part: "a visit in 2023"
overlaps every visit that year, and two visits by one person a month apart must stay two.
Undated mentions stay events of their own.
"""
from __future__ import annotations

import polars as pl

from flows.canonical.clusters import ArticleDisjointClusters, Span, overlapping_pairs
from flows.canonical.support import PRECISION_RANK, Row, best_supported, canonical_id, merge_groups, summary

MERGEABLE_PRECISIONS = ("day", "month")
CONFLICT_FIELDS = {
    "start_date": lambda row: row["start_date"] if row["date_precision"] == "day" else None,
    "end_date": lambda row: row["end_date"] if row["date_precision"] == "day" else None,
    "country_code": lambda row: row["country_code"],
}


def canonical_events(events: pl.DataFrame, reported: pl.DataFrame, actor_names: dict[str, str]
                     ) -> tuple[pl.DataFrame, list[Row], list[Row]]:
    """(events with canonical_event_id, canonical rows, conflict rows).

    `reported` maps article_id to its report date; `actor_names` maps actor ids to names."""
    rows = events.join(reported, on="article_id", how="left").to_dicts()
    return merge_groups(events, rows, _group(rows), "canonical_events", "event_id", "canonical_event_id",
                        lambda members: _canonical_row(members, actor_names), CONFLICT_FIELDS)

def _group(rows: list[Row]) -> list[list[int]]:
    clusters = ArticleDisjointClusters([row["article_id"] for row in rows])
    spans: dict[str, list[Span]] = {}
    for index, row in enumerate(rows):
        if row["start_date"] is not None and row["date_precision"] in MERGEABLE_PRECISIONS:
            spans.setdefault(row["event_type"], []).append(Span(index, row["start_date"], row["end_date"] or row["start_date"]))
    for same_type in spans.values():
        for a, b in overlapping_pairs(same_type):
            if rows[a]["article_id"] != rows[b]["article_id"] and _same_event(rows[a], rows[b]):
                clusters.union(a, b)
    return clusters.groups()


def _same_event(a: Row, b: Row) -> bool:
    if set(a["participant_ids"] or []) & set(b["participant_ids"] or []):
        return True
    someone_unnamed = not a["participant_ids"] or not b["participant_ids"]
    return someone_unnamed and a["country_code"] is not None and a["country_code"] == b["country_code"]


def _canonical_row(members: list[Row], actor_names: dict[str, str]) -> Row:
    finest = min(PRECISION_RANK[m["date_precision"]] for m in members)
    precise = [m for m in members if PRECISION_RANK[m["date_precision"]] == finest]
    dates = best_supported(precise, lambda m: (m["start_date"], m["end_date"]) if m["start_date"] else None)
    place = best_supported(members, lambda m: (m["location"], m["country_code"]) if m["location"] or m["country_code"] else None)
    best = next((m for m in precise if (m["start_date"], m["end_date"]) == dates), members[0]) if dates else members[0]
    participant_ids = list(dict.fromkeys(actor for m in members for actor in m["participant_ids"] or []))
    return {
        "canonical_event_id": canonical_id("cev", members[0]["event_id"]),
        "event_type": members[0]["event_type"],
        "description": best["description"],
        "start_date": dates[0] if dates else None,
        "end_date": dates[1] if dates else None,
        "date_precision": best["date_precision"] if dates else "unknown",
        "location": place[0] if place else None,
        "country_code": place[1] if place else None,
        "participants": [actor_names.get(actor, actor) for actor in participant_ids],
        "participant_ids": participant_ids,
        **summary(members),
        "event_ids": sorted(m["event_id"] for m in members),
    }
