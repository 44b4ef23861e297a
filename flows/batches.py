"""The work of one task: read, clean and extract a batch of articles, in a worker process.

Its own module so that a worker imports what the batch needs (ingest, extraction, the table
dtypes) and not what only the flow's process uses (cross-article tables, publishing, DuckDB):
a worker starts ~0.5 s sooner.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl
from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.extract import extract_article
from flows.gc_thresholds import raised_gc_thresholds
from flows.interrupts import exit_with_parent
from flows.ingest import DEFAULT_MAX_ARTICLE_BYTES, Article, KnownArticle, Rejection, read_articles
from schemas.tables import frame_from_records

FACT_TABLES = ("events", "agreements", "statistics", "actor_mentions")   # what extract_article returns
ROW_TABLES = ("articles", *FACT_TABLES)
# Rows become frames every this many articles: as Python dicts they take ~80 KiB an article
# (~240 MiB for a batch of 3,000), as frames ~10 KiB.
FRAME_ARTICLES = 250


@dataclass(frozen=True)
class ProcessedBatch:
    """A batch as it comes back from a worker: rows as frames (compact to send between processes)."""
    extracted: list[KnownArticle]      # new or changed inputs, extracted here
    known: list[KnownArticle]          # unchanged inputs: their rows are reused from the release
    frames: dict[str, pl.DataFrame]    # the rows of `extracted`, per table
    rejections: list[Rejection]
    seconds: dict[str, float]          # CPU time of this batch's ingest and extract, in its worker


# Task inputs are large (whole batches of rows): hashing them for Prefect's cache would cost more
# than the work, and a run must never reuse another run's results anyway.
@task(name="ingest-and-extract", cache_policy=NO_CACHE)
def process_batch(paths: list[Path], raw_dir: Path, known: dict[str, tuple[str, str]],
                  max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> ProcessedBatch:
    """Read, clean and extract one batch. `known` maps source files to (input hash, article id)
    of the current release: those inputs, if unchanged, are hashed but not extracted again."""
    exit_with_parent()
    with raised_gc_thresholds():
        started = time.process_time()
        batch = read_articles(paths, raw_dir, lambda source, sha: _known_id(known, source, sha), max_article_bytes)
        read = time.process_time()
        parts = [_extracted_frames(batch.articles[start:start + FRAME_ARTICLES])
                 for start in range(0, len(batch.articles), FRAME_ARTICLES)]
    frames = {table: pl.concat([part[table] for part in parts]) if parts else frame_from_records(table, [])
              for table in ROW_TABLES}
    seconds = {"ingest": read - started, "extract": time.process_time() - read}
    return ProcessedBatch([_identity(a) for a in batch.articles], batch.known, frames, batch.rejections, seconds)


def _extracted_frames(articles: list[Article]) -> dict[str, pl.DataFrame]:
    """The rows of `articles`, per table."""
    rows: dict[str, list[dict]] = {table: [] for table in ROW_TABLES}
    for article in articles:
        rows["articles"].append(article.record())
        for table, records in extract_article(article).items():
            rows[table] += records
    return {table: frame_from_records(table, records) for table, records in rows.items()}


def _known_id(known: dict[str, tuple[str, str]], source_file: str, input_sha256: str) -> str | None:
    entry = known.get(source_file)
    return entry[1] if entry is not None and entry[0] == input_sha256 else None


def _identity(article: Article) -> KnownArticle:
    return KnownArticle(article.article_id, article.source_file, article.input_sha256)
