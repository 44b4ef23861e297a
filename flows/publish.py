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
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import BinaryIO

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from flows.duckdb_export import write_duckdb
from flows.history import (
    CHANGELOG,
    RELEASE_RECORD,
    ReleaseRecord,
    TableChanges,
    all_changes,
    changelog_markdown,
    next_version,
    read_history,
)
from flows.partitions import write_year_partitions
from flows.site import render_landing_page
from schemas.datapackage import build_datapackage, data_dictionary_markdown
from schemas.tables import CSV_FORMULA_ESCAPE, CSV_FORMULA_TRIGGERS, LIST_SEPARATOR, PRIMARY_KEYS, TABLES, column_dtypes, enum_columns, table_schema

# Bump when the way files are written changes, so the new layout counts as new content.
RELEASE_FORMAT = "2"
CONTENT_ID_LENGTH = 16
DATAPACKAGE = "datapackage.json"
DATA_DICTIONARY = "data_dictionary.md"
DUCKDB_FILE = "bilateral.duckdb"
LANDING_PAGE = "index.html"
PROTECTED_FILES = frozenset({"README.md"})

_ARROW_TYPES: dict[type[pl.DataType], pa.DataType] = {
    pl.String: pa.string(),
    pl.Int64: pa.int64(),
    pl.Float64: pa.float64(),
    pl.Date: pa.date32(),
    pl.Boolean: pa.bool_(),
    pl.List: pa.list_(pa.string()),
}
_ENUM_TYPE = pa.dictionary(pa.int32(), pa.string())


@dataclass(frozen=True)
class PublishedRelease:
    release_dir: Path
    version: str
    content_id: str
    files: list[Path]
    rows: dict[str, int]
    reused: bool                                   # True: the rows equal the current release's
    changes: dict[str, TableChanges] = field(default_factory=dict)


class IncompleteReleaseError(ValueError):
    """The frames do not cover exactly the registered tables."""


def publish_release(frames: Mapping[str, pl.DataFrame], output_dir: Path,
                    now: dt.datetime | None = None) -> PublishedRelease:
    _require_exact_tables(frames)
    tables = {table: canonical_frame(table, frames[table]) for table in TABLES}
    dictionary = data_dictionary_markdown()
    content_id = content_release_id(tables, dictionary)
    releases = output_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    history = read_history(releases)
    current = current_release(output_dir)
    if current is not None and current.content_id == content_id:
        record, changes, reused = current, {}, True
    else:
        previous = read_release_tables(releases / current.version) if current else None
        changes = all_changes(previous, tables)
        record = ReleaseRecord(
            version=next_version([r.version for r in history], (now or _utc_now()).date()),
            content_id=content_id,
            created=(now or _utc_now()).strftime("%Y-%m-%dT%H:%M:%SZ"),
            previous=current.version if current else None,
            rows={table: frame.height for table, frame in tables.items()},
            changes={table: {"added": c.added, "removed": c.removed, "changed": c.changed} for table, c in changes.items()},
        )
        _write_release(tables, dictionary, [record, *history], releases / record.version)
        reused = False
    names = release_file_names()
    _switch_current(output_dir, record.version)
    pause_point("after_current_switch")
    _link_top_level(output_dir, names)
    return PublishedRelease(
        release_dir=releases / record.version,
        version=record.version,
        content_id=content_id,
        files=[releases / record.version / name for name in names],
        rows={table: frame.height for table, frame in tables.items()},
        reused=reused,
        changes=changes,
    )


def current_release(output_dir: Path) -> ReleaseRecord | None:
    """What `output/current` points at, if it is a complete release of this format."""
    current = output_dir / "current"
    if not (current / RELEASE_RECORD).is_file():
        return None
    return ReleaseRecord.read(current.resolve())


def read_release_tables(release_dir: Path) -> dict[str, pl.DataFrame]:
    """A release's tables with the published dtypes (Parquet enums read back as plain text)."""
    return {table: canonical_frame(table, pl.read_parquet(release_dir / f"{table}.parquet"))
            for table in TABLES if (release_dir / f"{table}.parquet").is_file()}


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _require_exact_tables(frames: Mapping[str, pl.DataFrame]) -> None:
    missing = [table for table in TABLES if table not in frames]
    unknown = [table for table in frames if table not in TABLES]
    if missing or unknown:
        raise IncompleteReleaseError(f"refusing to publish: missing tables {missing}, unknown tables {unknown}")


def canonical_frame(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Published column order and dtypes, rows sorted by id: same content, same bytes."""
    dtypes = column_dtypes(table)
    return frame.select([pl.col(name).cast(dtype) for name, dtype in dtypes.items()]).sort(PRIMARY_KEYS[table])


def content_release_id(tables: Mapping[str, pl.DataFrame], dictionary: str) -> str:
    """Hash of what a release says (rows, types, documentation), independent of file encoders."""
    digest = hashlib.sha256(f"bilateral release format {RELEASE_FORMAT}\n".encode())
    for table, frame in tables.items():
        digest.update(f"\x1etable {table} {frame.schema}\n".encode())
        digest.update(frame.write_ndjson().encode("utf-8"))
    digest.update(dictionary.encode("utf-8"))
    return digest.hexdigest()[:CONTENT_ID_LENGTH]


def release_file_names() -> list[str]:
    per_table = [name for table in TABLES for name in (f"{table}.parquet", f"{table}.csv")]
    return [*per_table, DUCKDB_FILE, DATAPACKAGE, DATA_DICTIONARY, CHANGELOG, LANDING_PAGE]


# --- Writing a release -------------------------------------------------------------------------


def _write_release(tables: Mapping[str, pl.DataFrame], dictionary: str, history: list[ReleaseRecord],
                   release_dir: Path) -> None:
    """Write into a temporary folder, then rename it into place: the folder appears complete or not at all."""
    staging = release_dir.parent / f".tmp-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        _write_files(tables, dictionary, history, staging)
        _fsync_dir(staging)
        pause_point("before_release_rename")
        os.rename(staging, release_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(release_dir.parent)
    pause_point("after_release_rename")


def _write_files(tables: Mapping[str, pl.DataFrame], dictionary: str, history: list[ReleaseRecord], folder: Path) -> None:
    record = history[0]
    resource_files: dict[str, dict[str, Path]] = {}
    for table, frame in tables.items():
        resource_files[table] = {"parquet": folder / f"{table}.parquet", "csv": folder / f"{table}.csv"}
        _write_parquet(table, frame, resource_files[table]["parquet"], folder)
        _write_csv(frame, resource_files[table]["csv"])
    pause_point("release_tables_written")
    write_duckdb(tables, folder / DUCKDB_FILE)
    _fsync_file(folder / DUCKDB_FILE)
    package = build_datapackage(tables, resource_files, version=record.version, content_id=record.content_id)
    page = render_landing_page(tables, [asdict(r) for r in history], release_file_names())
    documents = {DATAPACKAGE: _json_bytes(package), DATA_DICTIONARY: dictionary.encode("utf-8"),
                 CHANGELOG: changelog_markdown(history).encode("utf-8"), LANDING_PAGE: page.encode("utf-8"),
                 RELEASE_RECORD: record.to_json()}
    for name, data in documents.items():
        _write_durably(folder / name, lambda out, data=data: out.write(data))


def _write_parquet(table: str, frame: pl.DataFrame, path: Path, folder: Path) -> None:
    """Plain Arrow types (string, not string_view) so every Parquet reader gets date32/int64/list<string>;
    a large table also gets a year-partitioned copy."""
    arrow = frame.to_arrow().cast(_arrow_schema(table))
    _write_durably(path, lambda out: pq.write_table(arrow, out, compression="zstd"))
    write_year_partitions(table, frame, arrow, folder)


def _arrow_schema(table: str) -> pa.Schema:
    """Non-nullable contract columns become `required` Parquet columns, whatever this release holds;
    vocabulary columns are dictionary-encoded, so readers load them as categoricals/enums."""
    enums = enum_columns(table)
    return pa.schema([
        pa.field(name, _ENUM_TYPE if name in enums else _ARROW_TYPES[column.dtype.type.base_type()],
                 nullable=column.nullable)
        for name, column in table_schema(table).columns.items()
    ])


def _write_csv(frame: pl.DataFrame, path: Path) -> None:
    _write_durably(path, lambda out: csv_frame(frame).write_csv(out, include_header=True, null_value=""))


def csv_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists become '; '-joined text (an empty list and a null both become an empty cell), and
    text a spreadsheet would run as a formula is neutralised."""
    lists = [name for name, dtype in frame.schema.items() if dtype.base_type() is pl.List]
    joined = frame.with_columns(pl.col(name).list.join(LIST_SEPARATOR) for name in lists)
    texts = [name for name, dtype in joined.schema.items() if dtype == pl.String]
    return joined.with_columns(neutralise_formula(pl.col(name)) for name in texts)


def neutralise_formula(text: pl.Expr) -> pl.Expr:
    """OWASP's CSV-injection defence: a leading quote makes the cell plain text in spreadsheets."""
    starts_formula = pl.any_horizontal([text.str.starts_with(trigger) for trigger in CSV_FORMULA_TRIGGERS])
    return pl.when(starts_formula).then(pl.lit(CSV_FORMULA_ESCAPE) + text).otherwise(text).name.keep()


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _write_durably(path: Path, write: Callable[[BinaryIO], object]) -> None:
    with path.open("wb") as out:
        write(out)
        out.flush()
        os.fsync(out.fileno())


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


def _link_top_level(output_dir: Path, names: list[str]) -> None:
    for name in names:
        if name not in PROTECTED_FILES:
            _replace_with_symlink(output_dir / name, Path("current") / name)
    _remove_dangling_links(output_dir)


def _replace_with_symlink(link: Path, target: Path) -> None:
    """Atomically make `link` a relative symlink to `target` (a stale regular file is replaced)."""
    if link.is_symlink() and os.readlink(link) == str(target):
        return
    if link.is_dir() and not link.is_symlink():
        raise IsADirectoryError(f"{link} is a directory; refusing to replace it with a symlink")
    staging = link.with_name(f".{link.name}-{uuid.uuid4().hex}")
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

# Staging names used above and by flows.incremental.save_state: `.<name>-<uuid4 hex>`.
_STAGING_NAME = re.compile(r"\.(.+)-[0-9a-f]{32}")
PAUSE_ENV = "BILATERAL_TEST_PAUSE_AT"


def remove_leftovers(output_dir: Path) -> list[Path]:
    """Delete what a killed run left half-done: `releases/.tmp-<uuid>/` folders and the staging
    links and files (`.current-<uuid>`, `.<file>-<uuid>`, `.state.json-<uuid>`) at the top level.
    Readers never look at them; call only while holding the output lock (flows.lock), since
    otherwise they could belong to a live run."""
    folders = [output_dir, output_dir / "releases"]
    removed = [entry for folder in folders if folder.is_dir() for entry in folder.iterdir()
               if _STAGING_NAME.fullmatch(entry.name)]
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
