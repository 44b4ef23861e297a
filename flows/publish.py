"""Write a validated release so that readers never see a half-written one.

Analysts point DuckDB, Power BI or a spreadsheet at `output/<table>.parquet|csv`. Those are
symlinks through `output/current` into an immutable, content-addressed release folder:

    output/releases/<release_id>/   complete releases, never modified once renamed into place
    output/current -> releases/<release_id>
    output/<file>  -> current/<file>

A release is written into a temporary folder, fsynced and renamed into place; only then does
`current` switch, with one atomic os.replace. A run killed at any point leaves the previous
release readable and every top-level file consistent with it. Validation is the caller's job
(schemas.validate.validate_release); this module only refuses an incomplete set of tables.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.datapackage import build_datapackage, data_dictionary_markdown
from schemas.tables import LIST_SEPARATOR, PRIMARY_KEYS, TABLES, column_dtypes, table_schema

# Bump when the way files are written changes, so the new layout gets a new release id.
RELEASE_FORMAT = "1"
RELEASE_ID_LENGTH = 16
DATAPACKAGE = "datapackage.json"
DATA_DICTIONARY = "data_dictionary.md"
PROTECTED_FILES = frozenset({"README.md"})

_ARROW_TYPES: dict[type[pl.DataType], pa.DataType] = {
    pl.String: pa.string(),
    pl.Int64: pa.int64(),
    pl.Float64: pa.float64(),
    pl.Date: pa.date32(),
    pl.Boolean: pa.bool_(),
    pl.List: pa.list_(pa.string()),
}


@dataclass(frozen=True)
class PublishedRelease:
    release_dir: Path
    files: list[Path]
    rows: dict[str, int]
    reused: bool


class IncompleteReleaseError(ValueError):
    """The frames do not cover exactly the registered tables."""


def publish_release(frames: Mapping[str, pl.DataFrame], output_dir: Path) -> PublishedRelease:
    _require_exact_tables(frames)
    tables = {table: canonical_frame(table, frames[table]) for table in TABLES}
    dictionary = data_dictionary_markdown()
    release_id = content_release_id(tables, dictionary)
    releases = output_dir / "releases"
    releases.mkdir(parents=True, exist_ok=True)
    release_dir = releases / release_id
    reused = release_dir.is_dir()
    if not reused:
        reused = not _write_release(tables, dictionary, release_id, release_dir)
    names = release_file_names()
    _switch_current(output_dir, release_id)
    _link_top_level(output_dir, names)
    return PublishedRelease(
        release_dir=release_dir,
        files=[release_dir / name for name in names],
        rows={table: frame.height for table, frame in tables.items()},
        reused=reused,
    )


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
    return digest.hexdigest()[:RELEASE_ID_LENGTH]


def release_file_names() -> list[str]:
    per_table = [name for table in TABLES for name in (f"{table}.parquet", f"{table}.csv")]
    return [*per_table, DATAPACKAGE, DATA_DICTIONARY]


# --- Writing a release -------------------------------------------------------------------------


def _write_release(tables: Mapping[str, pl.DataFrame], dictionary: str, release_id: str, release_dir: Path) -> bool:
    """Write into a temporary folder and rename it into place; False if another run got there first."""
    staging = release_dir.parent / f".tmp-{uuid.uuid4().hex}"
    staging.mkdir()
    try:
        _write_files(tables, dictionary, release_id, staging)
        _fsync_dir(staging)
        os.rename(staging, release_dir)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if release_dir.is_dir():
            return False
        raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync_dir(release_dir.parent)
    return True


def _write_files(tables: Mapping[str, pl.DataFrame], dictionary: str, release_id: str, folder: Path) -> None:
    resource_files: dict[str, dict[str, Path]] = {}
    for table, frame in tables.items():
        resource_files[table] = {"parquet": folder / f"{table}.parquet", "csv": folder / f"{table}.csv"}
        _write_parquet(table, frame, resource_files[table]["parquet"])
        _write_csv(frame, resource_files[table]["csv"])
    package = build_datapackage(tables, resource_files, release_id=release_id)
    _write_durably(folder / DATAPACKAGE, lambda out: out.write(_json_bytes(package)))
    _write_durably(folder / DATA_DICTIONARY, lambda out: out.write(dictionary.encode("utf-8")))


def _write_parquet(table: str, frame: pl.DataFrame, path: Path) -> None:
    """Plain Arrow types (string, not string_view) so every Parquet reader gets date32/int64/list<string>."""
    arrow = frame.to_arrow().cast(_arrow_schema(table))
    _write_durably(path, lambda out: pq.write_table(arrow, out, compression="zstd"))


def _arrow_schema(table: str) -> pa.Schema:
    """Non-nullable contract columns become `required` Parquet columns, whatever this release holds."""
    columns = table_schema(table).columns
    return pa.schema(
        [pa.field(name, _ARROW_TYPES[column.dtype.type.base_type()], nullable=column.nullable) for name, column in columns.items()]
    )


def _write_csv(frame: pl.DataFrame, path: Path) -> None:
    _write_durably(path, lambda out: csv_frame(frame).write_csv(out, include_header=True, null_value=""))


def csv_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists become '; '-joined text (an empty list and a null both become an empty cell)."""
    lists = [name for name, dtype in frame.schema.items() if dtype.base_type() is pl.List]
    return frame.with_columns(pl.col(name).list.join(LIST_SEPARATOR) for name in lists)


def _json_bytes(document: dict) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _write_durably(path: Path, write: Callable[[BinaryIO], object]) -> None:
    with path.open("wb") as out:
        write(out)
        out.flush()
        os.fsync(out.fileno())


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# --- Switching what readers see ----------------------------------------------------------------


def _switch_current(output_dir: Path, release_id: str) -> None:
    _replace_with_symlink(output_dir / "current", Path("releases") / release_id)


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
