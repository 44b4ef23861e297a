"""CPU milliseconds per article of each extraction stage, for rule authors: `make bench` says what
a run costs end to end; this says which extractor a rule change made dearer.

    python bench/stage_times.py RAW_DIR [LIMIT]

Reads up to LIMIT articles (default 300) of RAW_DIR, extracts them once to warm the caches, then
times each stage over all of them five times and prints the best pass (CPU time, so other load on
the machine matters less). Time rules on the bench corpus (`python bench/corpus.py 1500 DIR`),
not only on the development articles: its long articles are what `make bench` pays for. With
BILATERAL_NATIVE=0 the pure-Python modules run, otherwise the compiled ones when current.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from flows.extract import extract_article
from flows.extract.actors import extract_actor_mentions
from flows.extract.agreements import extract_agreements
from flows.extract.context import build_context
from flows.extract.events import extract_events
from flows.extract.statistics import extract_statistics
from flows.ingest import Article, read_input

STAGES = ("context", "events", "agreements", "statistics", "actors")
PASSES = 5


def stage_seconds(articles: list[Article]) -> dict[str, float]:
    """CPU seconds of one pass over `articles`, per stage."""
    spent = dict.fromkeys(STAGES, 0.0)
    for article in articles:
        started = time.process_time()
        ctx = build_context(article)
        spent["context"] += (now := time.process_time()) - started
        events = extract_events(ctx)
        spent["events"] += (then := time.process_time()) - now
        extract_agreements(ctx, events)
        spent["agreements"] += (now := time.process_time()) - then
        extract_statistics(ctx)
        spent["statistics"] += (then := time.process_time()) - now
        extract_actor_mentions(ctx, events)
        spent["actors"] += time.process_time() - then
    return spent


def main(raw: Path, limit: int) -> None:
    articles = [read_input(path, path.name, raw_dir=raw) for path in sorted(raw.glob("*.txt"))[:limit]]
    for article in articles:
        extract_article(article)
    passes = [stage_seconds(articles) for _ in range(PASSES)]
    best = {stage: min(spent[stage] for spent in passes) for stage in STAGES}
    per_article = {stage: 1000 * seconds / len(articles) for stage, seconds in best.items()}
    print(" ".join(f"{stage} {ms:.3f}" for stage, ms in per_article.items()),
          f"total {sum(per_article.values()):.3f} ms/article ({len(articles)} articles)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 300)
