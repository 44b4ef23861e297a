"""The Prefect flow: ingest -> clean -> extract -> normalise -> validate -> publish.

Flows orchestrate only; the work is in pure functions (flows.ingest, flows.extract, schemas,
flows.publish). Tasks take batches of articles: Prefect's per-task overhead (~30 ms) would
dominate if every article were a task of its own. Runs are incremental (flows.incremental):
inputs unchanged since the current release are not extracted again, their rows are reused.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import polars as pl  # noqa: E402
from prefect import flow, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402

from flows.canonical.build import add_cross_article_tables  # noqa: E402
from flows.extract import extract_article  # noqa: E402
from flows.incremental import RunState, build_state, load_state, reused_rows, save_state  # noqa: E402
from flows.ingest import Article, IngestedBatch, KnownArticle, Rejection, list_inputs, read_articles, split_duplicates  # noqa: E402
from flows.ingest import DEFAULT_MAX_ARTICLE_BYTES  # noqa: E402
from flows.lock import DEFAULT_LOCK_TIMEOUT, output_lock  # noqa: E402
from flows.progress import progress_bar  # noqa: E402
from flows.publish import (  # noqa: E402
    PublishedRelease,
    current_release,
    pause_point,
    publish_release,
    read_release_tables,
    remove_leftovers,
)
from flows.report import run_report_markdown  # noqa: E402
from schemas.tables import frame_from_records  # noqa: E402
from schemas.validate import validate_release  # noqa: E402

BATCH_SIZE = 500
FACT_TABLES = ("events", "agreements", "statistics", "actor_mentions")   # what extract_article returns


@dataclass(frozen=True)
class RunSummary:
    articles_read: int                 # input files found
    articles_extracted: int            # new or changed articles read and extracted in this run
    articles_reused: int               # unchanged articles whose rows came from the previous release
    rejections: list[Rejection]
    release: PublishedRelease


@task(name="ingest-and-clean")
def ingest_batch(paths: list[Path], raw_dir: Path, state: RunState,
                 max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> IngestedBatch:
    def known_article_id(source_file: str, input_sha256: str) -> str | None:
        known = state.reusable(source_file, input_sha256)
        return known.article_id if known else None

    return read_articles(paths, raw_dir, known_article_id, max_article_bytes)


@task(name="extract")
def extract_batch(articles: list[Article]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {table: [a.record() for a in articles] if table == "articles" else []
                                   for table in ("articles", *FACT_TABLES)}
    for article in articles:
        for table, records in extract_article(article).items():
            rows[table].extend(records)
    return rows


@task(name="normalise-and-validate")
def build_tables(rows: dict[str, list[dict]], reused: dict[str, pl.DataFrame], rejections: list[Rejection]) -> dict:
    frames = {table: pl.concat([frame_from_records(table, records), *([reused[table]] if table in reused else [])])
              for table, records in rows.items()}
    frames["rejections"] = frame_from_records("rejections", [r.record() for r in rejections])
    return validate_release(add_cross_article_tables(frames))


@task(name="publish")
def publish(frames: dict, output_dir: Path, input_hashes: dict[str, str]) -> PublishedRelease:
    release = publish_release(frames, output_dir)
    pause_point("before_state_save")
    save_state(output_dir, build_state(release.content_id, frames, input_hashes))
    return release


@flow(name="publish_datasets", log_prints=True)
def publish_datasets(raw_dir: Path, output_dir: Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
                     max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> RunSummary:
    """Publish the events, agreements and statistics of every article in `raw_dir`.

    One run at a time per output folder: this one waits up to `lock_timeout` seconds for a run
    already writing there, then raises flows.lock.OutputLockedError. Holding the lock, it first
    removes what a killed run left behind.

    Inputs larger than `max_article_bytes` are rejected as too_large without being read.
    """
    raw_dir, output_dir = Path(raw_dir).resolve(), Path(output_dir).resolve()
    with output_lock(output_dir, timeout=lock_timeout):
        remove_leftovers(output_dir)
        pause_point("lock_acquired")
        return _publish_locked(raw_dir, output_dir, max_article_bytes)


def _publish_locked(raw_dir: Path, output_dir: Path, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> RunSummary:
    paths = list_inputs(raw_dir)
    current = current_release(output_dir)
    state = load_state(output_dir, current.content_id if current else None)
    previous = read_release_tables(output_dir / "current") if state.articles else {}
    accepted: list[Article | KnownArticle] = []
    rejections: list[Rejection] = []
    rows: dict[str, list[dict]] = {table: [] for table in ("articles", *FACT_TABLES)}
    reused_ids: list[str] = []
    with progress_bar(len(paths), "articles") as advance:
        for start in range(0, len(paths), BATCH_SIZE):
            batch = ingest_batch(paths[start:start + BATCH_SIZE], raw_dir, state, max_article_bytes)
            # the same text may sit in two batches: later copies are rejected as duplicates
            unique, duplicates = split_duplicates([*accepted, *batch.articles, *batch.known])
            new = unique[len(accepted):]
            accepted, rejections = unique, [*rejections, *batch.rejections, *duplicates]
            fresh = [item for item in new if isinstance(item, Article)]
            reused_ids += [item.article_id for item in new if isinstance(item, KnownArticle)]
            for table, records in extract_batch(fresh).items():
                rows[table] += records
            accepted = [_forget_text(item) for item in accepted]
            advance(len(batch.articles) + len(batch.known) + len(batch.rejections))
    frames = build_tables(rows, reused_rows(previous, reused_ids), rejections)
    release = publish(frames, output_dir, {item.source_file: item.input_sha256 for item in accepted})
    summary = RunSummary(len(paths), len(accepted) - len(reused_ids), len(reused_ids), rejections, release)
    create_markdown_artifact(key="bilateral-run", markdown=run_report_markdown(summary),
                             description="Rows per table and every rejected input of this run")
    return summary


def _forget_text(item: Article | KnownArticle) -> KnownArticle:
    """Keep only what duplicate detection and the state need, not every article's text."""
    return item if isinstance(item, KnownArticle) else KnownArticle(item.article_id, item.source_file, item.input_sha256)
