"""`bilateral.duckdb`: the release as one typed database for DuckDB, Superset or Metabase.

BI tools connect to a database file more readily than to a folder of Parquet. The tables are
created from the pandera models, so the database carries the same contract as the files:
DATE/BIGINT/DOUBLE/VARCHAR[] columns, ENUM types for controlled vocabularies, NOT NULL, primary
keys, and the column descriptions as SQL comments (shown by `duckdb_columns()` and BI tools).

A release that changes a few rows (a scheduled refresh) starts from a copy of the previous
release's file and only deletes and inserts the rows that differ: writing the whole file again
(compressing every column, building every primary-key index) was the longest step of a refresh.
Which rows differ is found by the caller, comparing the new tables with the previous release's
in polars (flows.history.row_differences, which also counts the release's changes): comparing
every row inside DuckDB (EXCEPT) cost more than the rest of the refresh of the file together.
The copy then holds exactly the rows a new file would hold; only the physical order of rows can
differ, which SQL never promises anyway (queries order with ORDER BY). A database keeps deleted
rows' bytes in its file until the space is reused, so a release in which an article was removed
or changed (a takedown, a correction) is written anew: no byte of the old version may ship.

The file is written in the storage format of DuckDB 1.0, which every DuckDB since reads: left to
itself, DuckDB 2.x writes a format that the 1.x readers most tools still bundle refuse ("can only
read 64-68"). A previous file in another format is not built on: the new one is written anew.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc

from flows.history import RowDifferences
from schemas.tables import PRIMARY_KEYS, TABLES, enum_columns, table_schema

STORAGE_COMPATIBILITY = "v1.0.0"
# Storage version numbers (a little-endian uint64 at byte 12 of the file) DuckDB 1.0 to 1.5 read.
READABLE_BY_DUCKDB_1 = range(64, 69)
_VERSION_FIELD = slice(12, 20)

_SQL_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Date: "DATE",
    pl.Boolean: "BOOLEAN",
    pl.List: "VARCHAR[]",
}


@dataclass(frozen=True)
class PreviousDatabase:
    """The previous release's database file, and how the new tables differ from the rows it holds
    (flows.history.row_differences against that release's tables)."""

    path: Path
    differences: Mapping[str, RowDifferences]


def write_duckdb(tables: Mapping[str, pl.DataFrame | pa.Table], path: Path,
                 previous: PreviousDatabase | None = None) -> None:
    """Create a database file holding every table (the file must not exist yet). Arrow tables
    with plain types (flows.publish.release_arrow) load fastest: no string_view conversion.

    `previous`: when its file defines the tables exactly as this code does and no article row is
    removed or changed, the new file is a copy of it with the differing rows replaced."""
    if previous is not None and _may_patch(previous, tables):
        shutil.copyfile(previous.path, path)
        if _replace_differing_rows(tables, path, previous.differences):
            return
        path.unlink()
    _write_new(tables, path)


def _may_patch(previous: PreviousDatabase, tables: Mapping[str, pl.DataFrame | pa.Table]) -> bool:
    """Whether every table's differences are known, no article row goes or changes, and the file
    is defined as a new one would be."""
    articles = previous.differences.get(_ARTICLES)
    articles_kept = articles is None or (articles.removed.is_empty() and articles.changed.is_empty())
    return previous.differences.keys() == tables.keys() and articles_kept \
        and storage_version(previous.path) in READABLE_BY_DUCKDB_1 and _same_definitions(previous.path)


def storage_version(path: Path) -> int | None:
    """The storage version number in a database file's header (None if it has none)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(_VERSION_FIELD.stop)
    except OSError:
        return None
    return int.from_bytes(header[_VERSION_FIELD], "little") if len(header) == _VERSION_FIELD.stop else None


def _write_new(tables: Mapping[str, pl.DataFrame | pa.Table], path: Path) -> None:
    with duckdb.connect(str(path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY}) as connection:
        connection.execute("BEGIN")  # one commit: not one write-ahead-log flush per type, table and comment
        for table in TABLES:
            if table in tables:
                connection.execute(";\n".join(_table_statements(table)))
                _insert(connection, table, tables[table])
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")


_ARTICLES = "articles"   # one row per published article: a row gone or changed there is a removed or corrected article


def _replace_differing_rows(tables: Mapping[str, pl.DataFrame | pa.Table], path: Path,
                            differences: Mapping[str, RowDifferences]) -> bool:
    """Bring every table of the database at `path` to `tables`: the removed and changed ids are
    deleted, then the added and changed rows inserted. Only those ids are touched (the primary-key
    index finds them): the values were compared beforehand, in polars, which was several times
    faster than comparing every row in DuckDB (EXCEPT). The differences are those from the previous
    release's Parquet files, written from the same rows as its database; a table that does not
    end with as many rows as it should (rows added to or deleted from that file since) rolls the
    whole patch back: False, and the file is to be written anew."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("BEGIN")
        for table, difference in differences.items():
            name, key = _quote(table), _quote(PRIMARY_KEYS[table])
            if gone := [*difference.removed, *difference.changed]:
                connection.execute(f"DELETE FROM {name} WHERE {key} IN (SELECT UNNEST(?))", [gone])
            if new := [*difference.added, *difference.changed]:
                _insert(connection, table, _rows_with_ids(tables[table], PRIMARY_KEYS[table], new))
            if connection.execute(f"SELECT count(*) FROM {name}").fetchall() != [(len(tables[table]),)]:
                connection.execute("ROLLBACK")
                return False
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")
    return True


def _rows_with_ids(frame: pl.DataFrame | pa.Table, key: str, ids: list[str]) -> pa.Table:
    arrow = frame.to_arrow() if isinstance(frame, pl.DataFrame) else frame
    return arrow.filter(pc.is_in(arrow[key], value_set=pa.array(ids, type=arrow.schema.field(key).type)))


def _same_definitions(previous: Path) -> bool:
    """Whether the database at `previous` defines its tables, types, constraints and comments
    exactly as a new file would, and nothing else (False if it cannot be read, or was opened for
    writing since: a write-ahead log beside it): a release written by an older version of the
    schemas, or one a user added views or tables to, is written anew."""
    if previous.with_name(previous.name + ".wal").exists():
        return False
    try:
        with duckdb.connect(str(previous), read_only=True) as connection:
            found = _definitions(connection)
    except (duckdb.Error, OSError):
        return False
    return found == _expected_definitions()


@lru_cache(maxsize=1)
def _expected_definitions() -> tuple:
    with duckdb.connect() as connection:
        connection.execute(";\n".join(statement for table in TABLES for statement in _table_statements(table)))
        return _definitions(connection)


def _definitions(connection: duckdb.DuckDBPyConnection) -> tuple:
    """Everything a CREATE script sets: tables (their CREATE statement holds columns, types,
    enum values and constraints), table and column comments, enum types; and whatever else a
    user could have added (views, indexes, sequences, macros)."""
    here = "database_name = current_database()"
    return tuple(connection.execute(query).fetchall() for query in (
        f"SELECT table_name, sql, comment FROM duckdb_tables() WHERE {here} ORDER BY ALL",
        f"SELECT table_name, column_name, comment FROM duckdb_columns() WHERE {here} ORDER BY ALL",
        f"SELECT type_name, labels FROM duckdb_types() WHERE {here} AND logical_type = 'ENUM' ORDER BY ALL",
        f"SELECT view_name, sql FROM duckdb_views() WHERE {here} AND NOT internal ORDER BY ALL",
        f"SELECT index_name, sql FROM duckdb_indexes() WHERE {here} ORDER BY ALL",
        f"SELECT sequence_name FROM duckdb_sequences() WHERE {here} ORDER BY ALL",
        f"SELECT function_name FROM duckdb_functions() WHERE {here} AND NOT internal ORDER BY ALL",
    ))


def _table_statements(table: str) -> list[str]:
    """The table's enum types, CREATE TABLE and comments, run as one script (one call into DuckDB)."""
    schema = table_schema(table)
    enums = enum_columns(table)
    statements, definitions = [], []
    for name, column in schema.columns.items():
        sql_type = _SQL_TYPES[column.dtype.type.base_type()]
        if name in enums:
            sql_type = _quote(f"{table}_{name}")
            statements.append(f"CREATE TYPE {sql_type} AS ENUM ({', '.join(_literal(value) for value in enums[name])})")
        constraint = " PRIMARY KEY" if name == PRIMARY_KEYS[table] else ("" if column.nullable else " NOT NULL")
        definitions.append(f"{_quote(name)} {sql_type}{constraint}")
    statements.append(f"CREATE TABLE {_quote(table)} ({', '.join(definitions)})")
    statements.append(f"COMMENT ON TABLE {_quote(table)} IS {_literal(schema.description or '')}")
    statements += [f"COMMENT ON COLUMN {_quote(table)}.{_quote(name)} IS {_literal(column.description or '')}"
                   for name, column in schema.columns.items()]
    return statements


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame | pa.Table) -> None:
    with _registered(connection, frame):
        connection.execute(f"INSERT INTO {_quote(table)} SELECT * FROM incoming")


@contextmanager
def _registered(connection: duckdb.DuckDBPyConnection, frame: pl.DataFrame | pa.Table) -> Iterator[None]:
    """`frame` visible to SQL as the view `incoming`."""
    connection.register("incoming", frame.to_arrow() if isinstance(frame, pl.DataFrame) else frame)
    try:
        yield
    finally:
        connection.unregister("incoming")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
