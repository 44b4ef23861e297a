"""Write a validated release so that readers never see a half-written one.

Analysts point DuckDB, Power BI or a spreadsheet at `output/<table>.parquet|csv` or at
`output/bilateral.duckdb`. Those are symlinks through `output/current` into an immutable,
versioned release folder:

    output/releases/<version>/      complete releases, never modified once renamed into place
    output/current -> releases/<version>
    output/<file>  -> current/<file>

A release is written into a temporary folder, fsynced and renamed into place; only then does
`current` switch, with one atomic os.replace. A run killed at any point leaves the previous
release readable and every top-level file consistent with it, plus at most dot-named staging
leftovers that the next run removes (remove_leftovers; one run at a time: flows.lock). A run
whose rows equal the current release's writes nothing new. Validation is the caller's job
(schemas.validate.validate_release); this module only refuses an incomplete set of tables.

Speed: each table is encoded to Parquet in memory first; those bytes give the content id (so an
unchanged release costs one encoding). The files are then written by a small thread pool
(pyarrow, polars and DuckDB release the GIL), with the DuckDB file, the slowest, loaded from the
same Arrow tables alongside the CSV and Parquet. Its job also reads the previous release's
tables back and compares them with the new ones: the rows that differ are both the release's
changes and the only rows a database built from the previous one has to replace.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import BinaryIO, TypeVar

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows.duckdb_export import PreviousDatabase, write_duckdb
from flows.history import (
    CHANGELOG,
    RELEASE_RECORD,
    ReleaseRecord,
    TableChanges,
    changelog_markdown,
    next_version,
    read_history,
    release_folder_names,
    row_differences,
)
from flows.ownership import STAGING_PREFIX, USERS_FILES, made_by_tool
from flows.partitions import write_year_partitions
from flows.release_check import release_manifest
from flows.site import render_landing_page
from schemas.datapackage import FileStats, build_datapackage, data_dictionary_markdown, file_stats
from schemas.tables import CSV_FORMULA_ESCAPE, CSV_FORMULA_TRIGGERS, LIST_SEPARATOR, PRIMARY_KEYS, TABLES, column_dtypes, conform_frame, enum_columns, table_schema

T = TypeVar("T")

# Bump when the way files are written changes, so the new layout counts as new content.
# 3: the content id hashes each table's Parquet encoding instead of its rows as ndjson.
RELEASE_FORMAT = "3"
CONTENT_ID_LENGTH = 16
DATAPACKAGE = "datapackage.json"
DATA_DICTIONARY = "data_dictionary.md"
DUCKDB_FILE = "bilateral.duckdb"
LANDING_PAGE = "index.html"
PROTECTED_FILES = USERS_FILES
# Threads writing a release, one per core of the target machine: the DuckDB load (the longest job)
# keeps one busy, the table files and the change counts share the other (the native writers
# release the GIL and polars adds its own threads). More did not help on 2 cores.
WORKERS = 2

_ARROW_TYPES: dict[type[pl.DataType], pa.DataType] = {
    pl.String: pa.string(),
    pl.Int64: pa.int64(),
    pl.Float64: pa.float64(),
    pl.Date: pa.date32(),
    pl.Boolean: pa.bool_(),
    pl.List: pa.list_(pa.string()),
}
_ENUM_TYPE = pa.dictionary(pa.int32(), pa.string())
# Text starting with any CSV_FORMULA_TRIGGERS character (written as \x{..} escapes: tab and CR included).
_FORMULA_START = "^[" + "".join(f"\\x{{{ord(trigger):02X}}}" for trigger in CSV_FORMULA_TRIGGERS) + "]"


@dataclass(frozen=True)
class PublishedRelease:
    release_dir: Path
    version: str
    content_id: str
    files: list[Path]
    rows: dict[str, int]
    reused: bool                                   # True: the rows equal the current release's
    changes: dict[str, TableChanges] = field(default_factory=dict)
    not_linked: list[str] = field(default_factory=list)   # top-level names held by the user's own files


class IncompleteReleaseError(ValueError):
    """The frames do not cover exactly the registered tables."""


@dataclass(frozen=True)
class EncodedTable:
    """A table as its Parquet file will hold it, encoded once and used for the id, the file and DuckDB."""

    arrow: pa.Table
    parquet: pa.Buffer
    sha256: str


@dataclass
class _Staging:
    """A release being written: its temporary folder and the jobs writing into it or describing it."""

    folder: Path
    database: Future[dict[str, TableChanges] | None] | None = None
    tables: list[Future[dict[Path, FileStats]]] = field(default_factory=list)

    def jobs(self) -> list[Future]:
        return [job for job in (self.database, *self.tables) if job is not None]


def publish_release(frames: Mapping[str, pl.DataFrame], output_dir: Path,
                    now: dt.datetime | None = None, damaged: Collection[str] = ()) -> PublishedRelease:
    """`damaged`: files of the current release found missing or changed (flows.release_check).
    Then a new release is written even if the rows are the same, restoring them; the changes are
    counted only against the current release's intact tables, and its database is not built on."""
    _require_exact_tables(frames)
    dictionary = data_dictionary_markdown()
    releases = output_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    current = current_release(output_dir)
    history = read_history(releases, current.version if current else None)
    # the current release: the new database starts from its database (flows.duckdb_export)
    previous_release = _PreviousRelease(releases / current.version, frozenset(damaged)) if current is not None else None
    with _worker_pool() as pool, ExitStack() as stack:
        tables = dict(zip(TABLES, pool.map(canonical_frame, TABLES, (frames[table] for table in TABLES))))
        arrows = dict(zip(tables, pool.map(release_arrow, tables, tables.values())))
        staging = None
        if _surely_new(current, tables):  # no need to wait for the content id: start the slowest file now
            staging = stack.enter_context(_staging(releases))
            staging.database = pool.submit(_write_duckdb_file, tables, arrows, staging.folder / DUCKDB_FILE,
                                           previous_release)
        encoded = dict(zip(tables, pool.map(encode_table, arrows.values())))
        content_id = content_release_id(encoded, dictionary)
        if current is not None and current.content_id == content_id and not damaged:
            record, changes, reused = current, {}, True
        else:
            staging = staging or stack.enter_context(_staging(releases))
            created = now or _utc_now()
            version = next_version(release_folder_names(releases), created.date())
            describe = partial(_describe_release, version, content_id, created, current, tables)
            record, changes = _write_release(pool, staging, tables, encoded, dictionary, history, describe,
                                             releases / version, previous_release)
            reused = False
    names = release_file_names()
    _switch_current(output_dir, record.version)
    pause_point("after_current_switch")
    kept = _link_top_level(output_dir, names)
    return PublishedRelease(
        release_dir=releases / record.version,
        version=record.version,
        content_id=content_id,
        files=[releases / record.version / name for name in names],
        rows={table: frame.height for table, frame in tables.items()},
        reused=reused,
        changes=changes,
        not_linked=[name for name in kept if name not in PROTECTED_FILES],
    )


def _surely_new(current: ReleaseRecord | None, tables: Mapping[str, pl.DataFrame]) -> bool:
    """Other row counts than the current release's (or none): the content cannot be the same."""
    return current is None or current.rows != {table: frame.height for table, frame in tables.items()}


Describe = Callable[[dict[str, TableChanges]], ReleaseRecord]


def _describe_release(version: str, content_id: str, created: dt.datetime, current: ReleaseRecord | None,
                      tables: Mapping[str, pl.DataFrame], changes: dict[str, TableChanges]) -> ReleaseRecord:
    """The new release's record, once the database job has found its changes against the current one."""
    return ReleaseRecord(
        version=version,
        content_id=content_id,
        created=created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        previous=current.version if current else None,
        rows={table: frame.height for table, frame in tables.items()},
        changes={table: {"added": c.added, "removed": c.removed, "changed": c.changed} for table, c in changes.items()},
    )


@contextmanager
def _worker_pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="publish") as pool:
        yield pool


@contextmanager
def _staging(releases: Path) -> Iterator[_Staging]:
    """A temporary folder for a new release. Unless it was renamed into place (failure, or content
    found unchanged), its queued jobs are cancelled, the running ones awaited, and it is removed."""
    staging = _Staging(releases / f"{STAGING_PREFIX}release-{uuid.uuid4().hex}")
    staging.folder.mkdir()
    try:
        yield staging
    finally:
        if staging.folder.exists():
            for job in staging.jobs():
                job.cancel()
            wait(staging.jobs())
            shutil.rmtree(staging.folder, ignore_errors=True)


def current_release(output_dir: Path) -> ReleaseRecord | None:
    """What `output/current` points at, if it is a complete release of this format."""
    current = output_dir / "current"
    if not (current / RELEASE_RECORD).is_file():
        return None
    try:
        return ReleaseRecord.read(current.resolve())
    except (ValueError, TypeError):   # a damaged release.json: the release cannot be trusted
        return None


def read_release_tables(release_dir: Path, tables: Sequence[str] = tuple(TABLES)) -> dict[str, pl.DataFrame]:
    """A release's tables (all, or those named) with the published dtypes (Parquet enums read
    back as plain text)."""
    present = [table for table in tables if (release_dir / f"{table}.parquet").is_file()]
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="read-release") as pool:
        return dict(zip(present, pool.map(partial(read_release_table, release_dir), present)))


def read_release_table(release_dir: Path, table: str) -> pl.DataFrame | None:
    """One table of a release with the published dtypes; None if the release has no such table.
    A release written before a column existed gets it as nulls, so an output folder published by
    an older version still diffs against the new tables (its rows count as changed)."""
    path = release_dir / f"{table}.parquet"
    if not path.is_file():
        return None
    frame = pl.read_parquet(path)
    missing = [pl.lit(None, dtype=dtype).alias(name) for name, dtype in column_dtypes(table).items() if name not in frame.columns]
    return canonical_frame(table, frame.with_columns(missing) if missing else frame)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _require_exact_tables(frames: Mapping[str, pl.DataFrame]) -> None:
    missing = [table for table in TABLES if table not in frames]
    unknown = [table for table in frames if table not in TABLES]
    if missing or unknown:
        raise IncompleteReleaseError(f"refusing to publish: missing tables {missing}, unknown tables {unknown}")


def canonical_frame(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Published column order and dtypes, rows sorted by id, one chunk: same content, same bytes.
    (A frame already in id order, such as a release read back, is not sorted again.)"""
    ordered = conform_frame(table, frame)
    key = PRIMARY_KEYS[table]
    return (ordered if ordered[key].is_sorted() else ordered.sort(key)).rechunk()


def release_arrow(table: str, frame: pl.DataFrame) -> pa.Table:
    """The canonical frame with plain Arrow types (string, not string_view), so every Parquet reader
    gets date32/int64/list<string>, and DuckDB loads it without converting."""
    return frame.to_arrow().cast(_arrow_schema(table))


def encode_table(arrow: pa.Table) -> EncodedTable:
    """The table's Parquet file, in memory. Deterministic: one chunk in id order (canonical_frame),
    fixed types and settings, and pyarrow writes no timestamps, so equal rows give equal bytes."""
    sink = pa.BufferOutputStream()
    pq.write_table(arrow, sink, compression="zstd")
    data = sink.getvalue()
    return EncodedTable(arrow=arrow, parquet=data, sha256=hashlib.sha256(data).hexdigest())


def content_release_id(encoded: Mapping[str, EncodedTable], dictionary: str) -> str:
    """Hash of what a release says: each table's Parquet encoding (rows, types and the column
    contract, deterministic for equal rows: encode_table) and the documentation. Hashing bytes
    that are written anyway costs nothing, unlike serialising every row a second time."""
    digest = hashlib.sha256(f"bilateral release format {RELEASE_FORMAT}\n".encode())
    for table, item in encoded.items():
        digest.update(f"\x1etable {table} parquet sha256 {item.sha256}\n".encode())
    digest.update(dictionary.encode("utf-8"))
    return digest.hexdigest()[:CONTENT_ID_LENGTH]


def release_file_names() -> list[str]:
    per_table = [name for table in TABLES for name in (f"{table}.parquet", f"{table}.csv")]
    return [*per_table, DUCKDB_FILE, DATAPACKAGE, DATA_DICTIONARY, CHANGELOG, LANDING_PAGE]


# --- Writing a release -------------------------------------------------------------------------


def _write_release(pool: ThreadPoolExecutor, staging: _Staging, tables: Mapping[str, pl.DataFrame],
                   encoded: Mapping[str, EncodedTable], dictionary: str, history: list[ReleaseRecord],
                   describe: Describe, release_dir: Path,
                   previous_release: _PreviousRelease | None) -> tuple[ReleaseRecord, dict[str, TableChanges]]:
    """Write into the staging folder, then rename it into place: the folder appears complete or not at all."""
    described = _write_files(pool, staging, tables, encoded, dictionary, history, describe, previous_release)
    _fsync_dir(staging.folder)
    pause_point("before_release_rename")
    os.rename(staging.folder, release_dir)
    _fsync_dir(release_dir.parent)
    pause_point("after_release_rename")
    return described


def _write_files(pool: ThreadPoolExecutor, staging: _Staging, tables: Mapping[str, pl.DataFrame],
                 encoded: Mapping[str, EncodedTable], dictionary: str, history: list[ReleaseRecord],
                 describe: Describe, previous_release: _PreviousRelease | None) -> tuple[ReleaseRecord, dict[str, TableChanges]]:
    """DuckDB (the longest job, maybe already running) and the tables, largest first, on the pool;
    the release's changes from the database job; the documents once every file and the changes
    are known."""
    folder = staging.folder
    if staging.database is None:
        staging.database = pool.submit(_write_duckdb_file, tables, {t: item.arrow for t, item in encoded.items()},
                                       folder / DUCKDB_FILE, previous_release)
    largest_first = sorted(tables, key=lambda table: tables[table].height, reverse=True)
    staging.tables = [pool.submit(_write_table, table, tables[table], encoded[table], folder) for table in largest_first]
    changes = staging.database.result()
    record = describe(changes)
    _results(staging.tables)
    pause_point("release_tables_written")
    resource_files = {table: {"parquet": folder / f"{table}.parquet", "csv": folder / f"{table}.csv"} for table in tables}
    written = {path: stats for job in staging.tables for path, stats in job.result().items()}
    package = build_datapackage(tables, resource_files, version=record.version, content_id=record.content_id,
                                file_stats=written)
    page = render_landing_page(tables, [asdict(r) for r in [record, *history]], release_file_names())
    documents = {DATAPACKAGE: _json_bytes(package), DATA_DICTIONARY: dictionary.encode("utf-8"),
                 CHANGELOG: changelog_markdown([record, *history]).encode("utf-8"), LANDING_PAGE: page.encode("utf-8")}
    for name, data in documents.items():
        _write_durably(folder / name, lambda out, data=data: out.write(data))
    record = replace(record, files=release_manifest(folder, written))
    _write_durably(folder / RELEASE_RECORD, lambda out: out.write(record.to_json()))
    return record, changes


def _results(jobs: Sequence[Future]) -> None:
    """Wait for the jobs; the first failure is raised as soon as it happens."""
    done, _ = wait(jobs, return_when=FIRST_EXCEPTION)
    for job in done:
        if job.exception() is not None:
            job.result()
    for job in jobs:
        job.result()


def _write_table(table: str, frame: pl.DataFrame, encoded: EncodedTable, folder: Path) -> dict[Path, FileStats]:
    """The table's Parquet file (a large table also gets a year-partitioned copy) and its CSV,
    with the size and hash of each for datapackage.json."""
    parquet, csv = folder / f"{table}.parquet", folder / f"{table}.csv"
    _write_durably(parquet, lambda out: out.write(encoded.parquet))
    write_year_partitions(table, frame, encoded.arrow, folder)
    return {parquet: file_stats(encoded.parquet.size, encoded.sha256), csv: _write_csv(frame, encoded.arrow, csv)}


def _write_duckdb_file(tables: Mapping[str, pl.DataFrame], arrows: Mapping[str, pa.Table], path: Path,
                       previous_release: _PreviousRelease | None) -> dict[str, TableChanges]:
    """The database, and the release's changes against the previous release: the rows that differ
    from its rows are the ones a database built from its database replaces (only an intact one:
    with a table damaged, its differences are not the database's)."""
    differences = {table: row_differences(table, _previous_rows(previous_release, table), frame)
                   for table, frame in tables.items()}
    previous = (PreviousDatabase(previous_release.folder / DUCKDB_FILE, differences)
                if previous_release is not None and not previous_release.damaged else None)
    write_duckdb(arrows, path, previous)
    _fsync_file(path)
    return {table: difference.changes for table, difference in differences.items()}


@dataclass(frozen=True)
class _PreviousRelease:
    """The current release a new one is compared with, and its files found damaged."""

    folder: Path
    damaged: frozenset[str]


def _previous_rows(previous_release: _PreviousRelease | None, table: str) -> pl.DataFrame | None:
    """Its rows of the table; None (every row counts as added) when it has none or they are damaged."""
    if previous_release is None or f"{table}.parquet" in previous_release.damaged:
        return None
    return read_release_table(previous_release.folder, table)


def _arrow_schema(table: str) -> pa.Schema:
    """Non-nullable contract columns become `required` Parquet columns, whatever this release holds;
    vocabulary columns are dictionary-encoded, so readers load them as categoricals/enums."""
    enums = enum_columns(table)
    return pa.schema([
        pa.field(name, _ENUM_TYPE if name in enums else _ARROW_TYPES[column.dtype.type.base_type()],
                 nullable=column.nullable)
        for name, column in table_schema(table).columns.items()
    ])


def _write_csv(frame: pl.DataFrame, arrow: pa.Table, path: Path) -> FileStats:
    def write(out: BinaryIO) -> _HashingWriter:
        hashing = _HashingWriter(out)
        csv_frame(frame, arrow).write_csv(hashing, include_bom=True, include_header=True, null_value="")
        return hashing

    hashing = _write_durably(path, write)
    return file_stats(hashing.size, hashing.digest.hexdigest())


class _HashingWriter:
    """Passes bytes on to a file and hashes them on the way: datapackage.json records every
    file's size and sha256, which would otherwise mean reading each file back after writing it."""

    def __init__(self, out: BinaryIO) -> None:
        self.digest = hashlib.sha256()
        self.size = 0
        self._out = out

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += memoryview(data).nbytes
        return self._out.write(data)


def csv_frame(frame: pl.DataFrame, arrow: pa.Table) -> pl.DataFrame:
    """Lists become '; '-joined text (an empty list and a null both become an empty cell), and
    text a spreadsheet would run as a formula is neutralised. `arrow`: the frame as release_arrow."""
    lists = [name for name, dtype in frame.schema.items() if dtype.base_type() is pl.List]
    joined = frame.with_columns(_joined_list(frame[name], arrow[name]) for name in lists)
    texts = [name for name, dtype in joined.schema.items() if dtype == pl.String]
    return joined.with_columns(neutralise_formula(pl.col(name)) for name in texts)


def _joined_list(column: pl.Series, arrow: pa.ChunkedArray) -> pl.Series:
    """Arrow joins lists several times faster than polars, but a list holding a null item becomes
    null there while polars skips the item: a column with null items is joined by polars."""
    if pc.list_flatten(arrow).null_count:
        return column.list.join(LIST_SEPARATOR)
    return pl.Series(column.name, pc.binary_join(arrow, LIST_SEPARATOR))


def neutralise_formula(text: pl.Expr) -> pl.Expr:
    """OWASP's CSV-injection defence: a leading quote makes the cell plain text in spreadsheets.
    (One anchored regex per column rather than a `starts_with` per trigger: one pass over the text.)"""
    return pl.when(text.str.contains(_FORMULA_START)).then(pl.lit(CSV_FORMULA_ESCAPE) + text).otherwise(text).name.keep()


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _write_durably(path: Path, write: Callable[[BinaryIO], T]) -> T:
    """What `write` returns, once what it wrote is on disk."""
    with path.open("wb") as out:
        written = write(out)
        out.flush()
        os.fsync(out.fileno())
    return written


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- Switching what readers see ----------------------------------------------------------------


def _switch_current(output_dir: Path, version: str) -> None:
    _replace_with_symlink(output_dir / "current", Path("releases") / version)


def _link_top_level(output_dir: Path, names: list[str]) -> list[str]:
    """Link each release file at the top level, except where the user keeps a file of that name
    (never replaced: flows.ownership). The names left to the user."""
    kept = [name for name in names if name in PROTECTED_FILES
            or (os.path.lexists(output_dir / name) and not made_by_tool(output_dir / name))]
    for name in names:
        if name not in kept:
            _replace_with_symlink(output_dir / name, Path("current") / name)
    _remove_dangling_links(output_dir)
    return kept


def _replace_with_symlink(link: Path, target: Path) -> None:
    """Atomically make `link` a relative symlink to `target`."""
    if link.is_symlink() and os.readlink(link) == str(target):
        return
    if link.is_dir() and not link.is_symlink():
        raise IsADirectoryError(f"{link} is a directory; refusing to replace it with a symlink")
    staging = link.with_name(f"{STAGING_PREFIX}{link.name}-{uuid.uuid4().hex}")
    os.symlink(target, staging)
    try:
        pause_point(f"before_replace:{link.name}")
        os.replace(staging, link)
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    _fsync_dir(link.parent)


def _remove_dangling_links(output_dir: Path) -> None:
    """Drop top-level links to files the current release no longer has (e.g. a removed table)."""
    for entry in output_dir.iterdir():
        points_into_current = entry.is_symlink() and os.readlink(entry).startswith("current/")
        if points_into_current and not entry.exists() and entry.name not in PROTECTED_FILES:
            entry.unlink()


# --- Crash safety ------------------------------------------------------------------------------

# Staging names: STAGING_PREFIX, then what is being written and a uuid4 (above, and flows.incremental.save_state).
# Releases written before the prefix existed staged in `releases/.tmp-<uuid4 hex>`.
_EARLIER_RELEASE_STAGING = re.compile(r"\.tmp-[0-9a-f]{32}")
PAUSE_ENV = "BILATERAL_TEST_PAUSE_AT"


def remove_leftovers(output_dir: Path) -> list[Path]:
    """Delete what a killed run left half-done: entries named with STAGING_PREFIX (folders in
    `releases/`, links and files at the top level). Only the tool writes that prefix, so a user's
    hidden file is never taken for a leftover. Readers never look at them; call only while
    holding the output lock (flows.lock), since otherwise they could belong to a live run."""
    releases = output_dir / "releases"
    removed = [entry for entry in output_dir.iterdir() if entry.name.startswith(STAGING_PREFIX)]
    if releases.is_dir():
        removed += [entry for entry in releases.iterdir()
                    if entry.name.startswith(STAGING_PREFIX) or _EARLIER_RELEASE_STAGING.fullmatch(entry.name)]
    for entry in removed:
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return removed


def pause_point(name: str) -> None:
    """Test hook (tests/test_crash_safety.py): with BILATERAL_TEST_PAUSE_AT=<name> in the
    environment the run says so on stderr and sleeps here for an hour, so the test can SIGKILL it
    at a known point of publishing. A no-op otherwise."""
    if os.environ.get(PAUSE_ENV) == name:
        sys.stderr.write(f"bilateral: paused at {name}\n")
        sys.stderr.flush()
        time.sleep(3600)
