"""Extraction: pure functions from an article to the rows of the published tables."""
from __future__ import annotations

from flows.extract.actors import extract_actor_mentions
from flows.extract.agreements import extract_agreements
from flows.extract.context import build_context
from flows.extract.events import extract_events
from flows.extract.statistics import extract_statistics
from flows.ingest import Article


def extract_article(article: Article) -> dict[str, list[dict]]:
    ctx = build_context(article)
    events = extract_events(ctx)
    return {
        "events": events,
        "agreements": extract_agreements(ctx, events),
        "statistics": extract_statistics(ctx),
        "actor_mentions": extract_actor_mentions(ctx, events),
    }
