"""The Prefect flow: ingest -> clean -> extract -> normalise -> validate -> publish.

Flows orchestrate only; the work is in pure functions (flows.ingest, flows.extract, schemas,
flows.publish). Tasks take batches of articles: Prefect's per-task overhead (~0.2 s of CPU in a
worker process) would dominate if every article were a task of its own, and batches run in
parallel on the task runner (a process per core by default; flows.runners). Runs are incremental
(flows.incremental): inputs unchanged since the current release are not extracted again, their
rows are reused.
"""
from __future__ import annotations

import itertools
import math
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

import polars as pl  # noqa: E402
from prefect import Flow, flow, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from flows.canonical.build import add_cross_article_tables  # noqa: E402
from flows.batches import ROW_TABLES, ProcessedBatch, process_batch  # noqa: E402
from flows.gc_thresholds import raised_gc_thresholds  # noqa: E402
from flows.history import ReleaseRecord  # noqa: E402
from flows.interrupts import remove_staging, stopping_cleanly_on_signals  # noqa: E402
from flows.incremental import (  # noqa: E402
    EMPTY_STATE,
    STATE_FILE,
    RunState,
    StateFileError,
    build_state,
    load_state,
    reused_rows,
    save_state,
    state_disagreements,
)
from flows.ingest import (  # noqa: E402
    DEFAULT_MAX_ARTICLE_BYTES,
    KnownArticle,
    Rejection,
    list_sources,
)
from flows.lock import DEFAULT_LOCK_TIMEOUT, output_lock  # noqa: E402
from flows.ownership import claim_output  # noqa: E402
from flows.progress import progress_bar  # noqa: E402
from flows.publish import (  # noqa: E402
    PublishedRelease,
    current_release,
    pause_point,
    publish_release,
    read_release_tables,
    release_file_names,
    remove_leftovers,
)
from flows.release_check import release_damage  # noqa: E402
from flows.remote import is_remote, pull_current, push_release, working_folder  # noqa: E402
from flows.report import run_report_markdown  # noqa: E402
from flows.runners import DEFAULT_TASK_RUNNER, default_workers, make_task_runner  # noqa: E402
from flows.signatures import input_signatures, text_size  # noqa: E402
from schemas.tables import frame_from_records  # noqa: E402
from schemas.validate import validate_release  # noqa: E402

# Inputs per task. Each task costs Prefect ~0.2 s of CPU in its worker, and more in the flow's
# process and the server (runs, states, events): at 20,000 articles, batches of at most 1,000
# made 31 tasks, at most 2,000 taking a quarter of what was left 18; at most 3,000 taking a
# worker's share (guided self-scheduling) make 11. Fewer new inputs than the minimum are read in
# the flow's process, without starting workers. The maximum bounds a worker's memory (a worker
# holds its batch's articles and rows: ~550 MiB at 3,000 inputs, its rows made frames every 250
# articles (flows.batches); ~900 at 5,000 when the rows stayed dicts).
MAX_BATCH_SIZE = 3000
# A run that finds more than this share of the current release's articles gone publishes nothing
# unless told to (allow_shrink): a scheduled run on an unmounted share would otherwise empty the release.
MAX_SHRINK = 0.5
MIN_BATCH_SIZE = 200


@dataclass(frozen=True)
class RunSummary:
    articles_read: int                 # input files found
    articles_extracted: int            # new or changed articles read and extracted in this run
    articles_reused: int               # unchanged articles whose rows came from the previous release
    rejections: list[Rejection]
    release: PublishedRelease
    timings: dict[str, float] = field(default_factory=dict)   # seconds per stage, for the benchmark
    warnings: list[str] = field(default_factory=list)         # what the run found wrong and repaired


@task(name="cross-article-and-validate", cache_policy=NO_CACHE)
def build_tables(batches: list[dict[str, pl.DataFrame]], reused: dict[str, pl.DataFrame], rejections: pl.DataFrame,
                 timings: dict[str, float]) -> dict:
    """`rejections` as a frame: Prefect walks every item of a list passed to a task."""
    started = time.perf_counter()
    frames = {table: pl.concat([*(batch[table] for batch in batches), *([reused[table]] if table in reused else [])])
              if batches or table in reused else frame_from_records(table, [])
              for table in ROW_TABLES}
    frames["rejections"] = rejections
    frames = add_cross_article_tables(frames)
    checked = time.perf_counter()
    timings["cross_article"] = checked - started
    validated = validate_release(frames)
    timings["validate"] = time.perf_counter() - checked
    return validated


@task(name="publish", cache_policy=NO_CACHE)
def publish(frames: dict, output_dir: Path, inputs: pl.DataFrame, damaged: dict[str, str]) -> PublishedRelease:
    """`inputs`: source_file, input_sha256 and signature of every published input. A frame, not
    dicts: Prefect walks every item of a dict or list passed to a task (~0.3 s per 20,000).
    `damaged`: files of the current release found missing or changed, restored by a new release."""
    release = publish_release(frames, output_dir, damaged=damaged)
    pause_point("before_state_save")
    sources = inputs["source_file"].to_list()
    save_state(output_dir, build_state(release.content_id, frames, dict(zip(sources, inputs["input_sha256"].to_list())),
                                       dict(zip(sources, inputs["signature"].to_list()))))
    return release


@flow(name="publish_datasets", log_prints=True, task_runner=make_task_runner())
def publish_datasets(raw_dir: Path, output_dir: str | Path, lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
                     max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES, work_dir: Path | None = None,
                     allow_shrink: bool = False, force: bool = False) -> RunSummary:
    """Publish the events, agreements and statistics of every article in `raw_dir`.

    `output_dir` is a local folder or an fsspec URL (s3://, gs://, file://...); a URL is
    published through the local working folder `work_dir` (flows.remote).

    One run at a time per output folder: this one waits up to `lock_timeout` seconds for a run
    already writing there, then raises flows.lock.OutputLockedError. Holding the lock, it first
    removes what a killed run left behind.

    Inputs larger than `max_article_bytes` are rejected as too_large without being read. A raw
    folder with more than MAX_SHRINK fewer inputs than the current release has articles raises
    ShrinkRefusedError and publishes nothing, unless `allow_shrink`. An output folder holding
    files bilateral did not write raises flows.ownership.OutputNotOwnedError, unless `force`.
    Batches run on the flow's task runner (see `with_task_runner`).
    """
    raw_dir = Path(raw_dir).resolve()
    url = str(output_dir) if is_remote(output_dir) else None
    local = (working_folder(url, work_dir) if url else Path(output_dir)).resolve()
    with output_lock(local, timeout=lock_timeout), stopping_cleanly_on_signals(remove_staging(local)), \
            raised_gc_thresholds():
        claim_output(local, force)
        remove_leftovers(local)
        pause_point("lock_acquired")
        if url:
            pull_current(url, local)
        summary = _publish_locked(raw_dir, local, max_article_bytes, allow_shrink)
        if url:
            push_release(local, url, summary.release.version, [path.name for path in summary.release.files])
        return summary


def with_task_runner(kind: str = DEFAULT_TASK_RUNNER, workers: int | None = None,
                     dask_address: str | None = None) -> Flow:
    """The flow on another task runner: process (default), thread, or dask."""
    return publish_datasets.with_options(task_runner=make_task_runner(kind, workers, dask_address))


def _publish_locked(raw_dir: Path, output_dir: Path, max_article_bytes: int, allow_shrink: bool) -> RunSummary:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    unlistable: list[Rejection] = []
    sources = list_sources(raw_dir, unlistable)
    current = current_release(output_dir)
    _refuse_shrinking(raw_dir, len(sources), current, allow_shrink)
    warnings: list[str] = []
    damaged = _damaged_files(output_dir, current, warnings)
    state = _usable_state(output_dir, current, damaged, warnings)
    signatures = input_signatures(raw_dir, sources)
    unchanged = _unchanged_inputs(sources, state, signatures, max_article_bytes)
    timings["list"] = time.perf_counter() - started
    timings["ingest"] = timings["extract"] = 0.0
    parallel = time.perf_counter()
    results = [ProcessedBatch([], list(unchanged.values()), {}, [], {})] if unchanged else []
    with progress_bar(len(sources), "articles") as advance:
        advance(len(unchanged))
        for batch in _run_batches({raw_dir / source: source for source in sources if source not in unchanged},
                                  raw_dir, state, max_article_bytes):
            results.append(batch)
            timings["ingest"] += batch.seconds["ingest"]
            timings["extract"] += batch.seconds["extract"]
            advance(len(batch.extracted) + len(batch.known) + len(batch.rejections))
    timings["parallel_wall"] = time.perf_counter() - parallel
    accepted, rejections, reused_ids, batches = _merge_results(results, sources)
    rejections = sorted([*rejections, *unlistable], key=lambda rejection: rejection.source_file)
    del results
    reading = time.perf_counter()
    # the previous release is read only now, and only its reused rows are kept: at most one copy
    # of a large release's rows is in memory at any time
    reused = reused_rows(read_release_tables(output_dir / "current", ROW_TABLES), reused_ids) if reused_ids else {}
    timings["list"] += time.perf_counter() - reading
    frames = build_tables(batches, reused, frame_from_records("rejections", [r.record() for r in rejections]), timings)
    del batches, reused
    publishing = time.perf_counter()
    inputs = pl.DataFrame([(item.source_file, item.input_sha256, signatures[item.source_file])
                           for item in accepted.values()],
                          schema={"source_file": pl.String, "input_sha256": pl.String, "signature": pl.String},
                          orient="row")
    release = publish(frames, output_dir, inputs, damaged)
    for name in release.not_linked:
        _warn(warnings, f"{output_dir / name} is not bilateral's: left as it is (this release's copy is "
                        f"{output_dir / 'current' / name})")
    timings["publish"] = time.perf_counter() - publishing
    timings["total"] = time.perf_counter() - started
    summary = RunSummary(len(sources), len(accepted) - len(reused_ids), len(reused_ids), rejections, release, timings,
                         warnings)
    create_markdown_artifact(key="bilateral-run", markdown=run_report_markdown(summary),
                             description="Rows per table and every rejected input of this run")
    return summary


class ShrinkRefusedError(RuntimeError):
    """The raw folder holds far fewer inputs than the current release has articles: most likely
    an unmounted share or a wrong path, not a corpus that lost its articles."""


def _refuse_shrinking(raw_dir: Path, inputs: int, current: ReleaseRecord | None, allow_shrink: bool) -> None:
    published = current.rows.get("articles", 0) if current is not None else 0
    if not allow_shrink and published and inputs < published * (1 - MAX_SHRINK):
        raise ShrinkRefusedError(
            f"raw folder {raw_dir} holds {inputs} article files where the current release has {published} "
            f"articles (more than {MAX_SHRINK:.0%} fewer): nothing was published; pass --allow-shrink if "
            "the articles were removed on purpose")


def _damaged_files(output_dir: Path, current: ReleaseRecord | None, warnings: list[str]) -> dict[str, str]:
    """Files of the current release that are missing or not as published (flows.release_check)."""
    if current is None:
        return {}
    folder = output_dir / "releases" / current.version
    damaged = release_damage(folder, current, release_file_names())
    for name, problem in damaged.items():
        _warn(warnings, f"{folder / name}: {problem}; every article is read again and a complete release published")
    return damaged


def _usable_state(output_dir: Path, current: ReleaseRecord | None, damaged: dict[str, str],
                  warnings: list[str]) -> RunState:
    """The saved state, if it can be trusted: it describes the current, intact release and every
    input it lists is published there under the article id it records."""
    if current is None or damaged:
        return EMPTY_STATE
    try:
        state = load_state(output_dir, current.content_id)
    except StateFileError as error:
        _warn(warnings, f"{output_dir / STATE_FILE}: {error}; every article is read again")
        return EMPTY_STATE
    if state.articles:
        published = pl.read_parquet(output_dir / "releases" / current.version / "articles.parquet",
                                    columns=["source_file", "article_id"])
        disagreeing = state_disagreements(state, published)
        if disagreeing:
            _warn(warnings, f"{output_dir / STATE_FILE}: {len(disagreeing)} inputs recorded under article ids the "
                            f"current release does not hold for them (first: {disagreeing[0]}); every article is read again")
            return EMPTY_STATE
    return state


def _warn(warnings: list[str], message: str) -> None:
    """Kept for the command's output and the run's report (a print in a flow becomes a log line)."""
    warnings.append(message)


def _merge_results(results: list[ProcessedBatch], sources: list[str]
                   ) -> tuple[dict[str, KnownArticle], list[Rejection], list[str], list[dict[str, pl.DataFrame]]]:
    """The batches as one run: (article id -> first input with that text, rejections sorted by
    input, ids of the articles whose rows are reused, the extracted rows per batch). The same
    text may come from two inputs: in path order, later copies are duplicates, their rows dropped."""
    order = {source: position for position, source in enumerate(sources)}
    accepted: dict[str, KnownArticle] = {}
    rejections = [rejection for batch in results for rejection in batch.rejections]
    repeated = _accept(accepted, sorted((item for batch in results for item in (*batch.extracted, *batch.known)),
                                        key=lambda item: order[item.source_file]), rejections)
    reused_ids = [item.article_id for batch in results for item in batch.known if item.source_file not in repeated]
    batches = [_without_articles(batch.frames, _ids(batch.extracted, repeated)) for batch in results if batch.frames]
    rejections.sort(key=lambda rejection: rejection.source_file)
    return accepted, rejections, reused_ids, batches


def _run_batches(sources: dict[Path, str], raw_dir: Path, state: RunState, max_article_bytes: int
                 ) -> Iterator[ProcessedBatch]:
    """Batches of the inputs (path -> source name) in path order; more than one runs on the task
    runner's workers in parallel."""
    paths = list(sources)
    ends = list(itertools.accumulate(batch_sizes(len(paths), default_workers())))
    chunks = [paths[start:end] for start, end in zip([0, *ends], ends)]
    known = [_known_subset(state, [sources[path] for path in chunk]) for chunk in chunks]
    new_inputs = len(paths) - sum(len(subset) for subset in known)
    # One batch, or a refresh where nearly every input is known and only needs hashing: worker
    # processes would only add their start-up time.
    if len(chunks) <= 1 or new_inputs < MIN_BATCH_SIZE:
        yield from (process_batch(chunk, raw_dir, subset, max_article_bytes) for chunk, subset in zip(chunks, known))
        return
    futures = [process_batch.submit(chunk, raw_dir, subset, max_article_bytes) for chunk, subset in zip(chunks, known)]
    futures.reverse()
    while futures:                      # a future let go as soon as it is read: its rows live once
        yield futures.pop().result()


def batch_sizes(inputs: int, workers: int) -> list[int]:
    """Batches big enough to hide Prefect's per-task cost, small enough to keep every worker busy:
    each takes a worker's share of what is left (guided self-scheduling), so batches shrink
    towards the end: while one worker reads a large batch the others take several smaller ones,
    and no worker is left alone with a large last batch while the others wait."""
    sizes: list[int] = []
    left = inputs
    while left > 0:
        size = min(left, max(MIN_BATCH_SIZE, min(MAX_BATCH_SIZE, math.ceil(left / max(1, workers)))))
        sizes.append(size)
        left -= size
    return sizes


def _known_subset(state: RunState, sources: list[str]) -> dict[str, tuple[str, str]]:
    """Only the chunk's own entries travel to its worker, not the whole state."""
    return {source: (entry.input_sha256, entry.article_id)
            for source in sources if (entry := state.articles.get(source)) is not None}


def _unchanged_inputs(sources: list[str], state: RunState, signatures: dict[str, str | None],
                      max_article_bytes: int) -> dict[str, KnownArticle]:
    """Inputs whose file metadata is as when they were last read (flows.signatures): reused
    without being opened. Source file -> the article it gave."""
    unchanged: dict[str, KnownArticle] = {}
    for source in sources:
        entry, signature = state.articles.get(source), signatures[source]
        if entry is not None and signature is not None and entry.signature == signature \
                and text_size(signature) <= max_article_bytes:
            unchanged[source] = KnownArticle(entry.article_id, source, entry.input_sha256)
    return unchanged


def _accept(accepted: dict[str, KnownArticle], items: list[KnownArticle], rejections: list[Rejection]) -> set[str]:
    """Record first inputs by article id; later ones become duplicate rejections. Their source files."""
    repeated: set[str] = set()
    for item in items:
        first = accepted.setdefault(item.article_id, item)
        if first is not item:
            rejections.append(Rejection(item.source_file, "duplicate", f"same text as {first.source_file}"))
            repeated.add(item.source_file)
    return repeated


def _without_articles(frames: dict[str, pl.DataFrame], article_ids: set[str]) -> dict[str, pl.DataFrame]:
    """The batch's frames without the rows of `article_ids`; the frames themselves when there are
    none (a filter copies every row, and the batch's copy is still held until the merge ends)."""
    if not article_ids:
        return frames
    return {table: frame.filter(~pl.col("article_id").is_in(sorted(article_ids))) for table, frame in frames.items()}


def _ids(items: list[KnownArticle], sources: set[str]) -> set[str]:
    return {item.article_id for item in items if item.source_file in sources}
