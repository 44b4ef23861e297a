"""`bilateral.duckdb`: the release as one typed database for DuckDB, Superset or Metabase.

BI tools connect to a database file more readily than to a folder of Parquet. The tables are
created from the pandera models, so the database carries the same contract as the files:
DATE/BIGINT/DOUBLE/VARCHAR[] columns, ENUM types for controlled vocabularies, NOT NULL, primary
keys, and the column descriptions as SQL comments (shown by `duckdb_columns()` and BI tools).

A release that changes a few rows (a scheduled refresh) starts from a copy of the previous
release's file and only deletes and inserts the rows that differ: writing the whole file again
(compressing every column, building every primary-key index) was the longest step of a refresh.
The copy then holds exactly the rows a new file would hold; only the physical order of rows can
differ, which SQL never promises anyway (queries order with ORDER BY). A database keeps deleted
rows' bytes in its file until the space is reused, so a release in which an article was removed
or changed (a takedown, a correction) is written anew: no byte of the old version may ship.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from flows.history import TableChanges
from schemas.tables import PRIMARY_KEYS, TABLES, enum_columns, table_schema

_SQL_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Date: "DATE",
    pl.Boolean: "BOOLEAN",
    pl.List: "VARCHAR[]",
}


def write_duckdb(tables: Mapping[str, pl.DataFrame | pa.Table], path: Path,
                 previous: Path | None = None) -> dict[str, TableChanges] | None:
    """Create a database file holding every table (the file must not exist yet). Arrow tables
    with plain types (flows.publish.release_arrow) load fastest: no string_view conversion.

    `previous`: the database of the previous release. When its tables are defined exactly as this
    code defines them, the new file is a copy of it with the differing rows replaced, and the rows
    added, removed and changed per table are returned (the release's changes, found on the way).
    None when the file was written anew."""
    if previous is not None and _same_definitions(previous):
        shutil.copyfile(previous, path)
        if (changes := _replace_differing_rows(tables, path)) is not None:
            return changes
        path.unlink()
    _write_new(tables, path)
    return None


def _write_new(tables: Mapping[str, pl.DataFrame | pa.Table], path: Path) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute("BEGIN")  # one commit: not one write-ahead-log flush per type, table and comment
        for table in TABLES:
            if table in tables:
                connection.execute(";\n".join(_table_statements(table)))
                _insert(connection, table, tables[table])
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")


_ARTICLES = "articles"   # one row per published article: a row gone or changed there is a removed or corrected article


def _replace_differing_rows(tables: Mapping[str, pl.DataFrame | pa.Table], path: Path) -> dict[str, TableChanges] | None:
    """Bring every table of the database at `path` to `tables`: rows that are gone or whose values
    differ are deleted, then rows whose id is not in the table (new, or just deleted) are inserted.
    EXCEPT compares whole rows as DISTINCT does (nulls equal, lists element by element), so an id
    both deleted and inserted is a changed row, as flows.history.table_changes counts them. None,
    with nothing changed, when an article row would be deleted."""
    changes: dict[str, TableChanges] = {}
    with duckdb.connect(str(path)) as connection:
        connection.execute("BEGIN")
        for table in sorted(tables, key=lambda name: name != _ARTICLES):   # articles first
            name, key = _quote(table), _quote(PRIMARY_KEYS[table])
            with _registered(connection, tables[table]):
                deleted = _ids(connection, f"DELETE FROM {name} WHERE {key} IN "
                                           f"(SELECT {key} FROM (SELECT * FROM {name} EXCEPT SELECT * FROM incoming)) "
                                           f"RETURNING {key}")
                if table == _ARTICLES and deleted:
                    connection.execute("ROLLBACK")
                    return None
                inserted = _ids(connection, f"INSERT INTO {name} SELECT * FROM incoming "
                                            f"WHERE {key} NOT IN (SELECT {key} FROM {name}) RETURNING {key}")
            changes[table] = TableChanges(added=len(inserted - deleted), removed=len(deleted - inserted),
                                          changed=len(inserted & deleted))
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")
    return changes


def _ids(connection: duckdb.DuckDBPyConnection, statement: str) -> set[str]:
    return {row[0] for row in connection.execute(statement).fetchall()}


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
