"""The Prefect flow: ingest -> clean -> extract -> normalise -> validate -> publish.

Flows orchestrate only; the work is in pure functions (flows.ingest, flows.extract, schemas,
flows.publish). Tasks take batches of articles: Prefect's per-task overhead (~30 ms) would
dominate if every article were a task of its own.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from prefect import flow, task  # noqa: E402  (the environment default must be set first)

from flows.extract import extract_article  # noqa: E402
from flows.ingest import Article, Rejection, list_inputs, read_articles, split_duplicates  # noqa: E402
from flows.publish import PublishedRelease, publish_release  # noqa: E402
from schemas.tables import frame_from_records  # noqa: E402
from schemas.validate import validate_release  # noqa: E402

BATCH_SIZE = 500
FACT_TABLES = ("events", "agreements", "statistics")


@dataclass(frozen=True)
class RunSummary:
    articles_read: int
    rejections: list[Rejection]
    release: PublishedRelease


@task(name="ingest-and-clean")
def ingest_batch(paths: list[Path], raw_dir: Path) -> tuple[list[Article], list[Rejection]]:
    return read_articles(paths, raw_dir)


@task(name="extract")
def extract_batch(articles: list[Article]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {table: [] for table in FACT_TABLES}
    for article in articles:
        for table, records in extract_article(article).items():
            rows[table].extend(records)
    return rows


@task(name="normalise-and-validate")
def build_tables(articles: list[Article], rejections: list[Rejection], rows: dict[str, list[dict]]) -> dict:
    frames = {"articles": frame_from_records("articles", [a.record() for a in articles]),
              "rejections": frame_from_records("rejections", [r.record() for r in rejections])}
    frames.update({table: frame_from_records(table, rows[table]) for table in FACT_TABLES})
    return validate_release(frames)


@task(name="publish")
def publish(frames: dict, output_dir: Path) -> PublishedRelease:
    return publish_release(frames, output_dir)


@flow(name="publish_datasets", log_prints=True)
def publish_datasets(raw_dir: Path, output_dir: Path) -> RunSummary:
    """Publish the events, agreements and statistics of every article in `raw_dir`."""
    raw_dir, output_dir = Path(raw_dir).resolve(), Path(output_dir).resolve()
    paths = list_inputs(raw_dir)
    batches = [paths[i:i + BATCH_SIZE] for i in range(0, len(paths), BATCH_SIZE)]
    articles: list[Article] = []
    rejections: list[Rejection] = []
    rows: dict[str, list[dict]] = {table: [] for table in FACT_TABLES}
    for batch in batches:
        read, rejected = ingest_batch(batch, raw_dir)
        unique, duplicates = split_duplicates(articles + read)  # the same text may sit in two batches
        fresh = unique[len(articles):]
        articles, rejections = unique, rejections + rejected + duplicates
        for table, records in extract_batch(fresh).items():
            rows[table] += records
    frames = build_tables(articles, rejections, rows)
    release = publish(frames, output_dir)
    return RunSummary(len(paths), rejections, release)

