"""`bilateral.duckdb`: the release as one typed database for DuckDB, Superset or Metabase.

BI tools connect to a database file more readily than to a folder of Parquet. The tables are
created from the pandera models, so the database carries the same contract as the files:
DATE/BIGINT/DOUBLE/VARCHAR[] columns, ENUM types for controlled vocabularies, NOT NULL, primary
keys, and the column descriptions as SQL comments (shown by `duckdb_columns()` and BI tools).
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from schemas.tables import PRIMARY_KEYS, TABLES, enum_columns, table_schema

_SQL_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Date: "DATE",
    pl.Boolean: "BOOLEAN",
    pl.List: "VARCHAR[]",
}


def write_duckdb(tables: Mapping[str, pl.DataFrame | pa.Table], path: Path) -> None:
    """Create a new database file holding every table (the file must not exist yet). Arrow tables
    with plain types (flows.publish.release_arrow) load fastest: no string_view conversion."""
    with duckdb.connect(str(path)) as connection:
        connection.execute("BEGIN")  # one commit: not one write-ahead-log flush per type, table and comment
        for table in TABLES:
            if table in tables:
                connection.execute(";\n".join(_table_statements(table)))
                _insert(connection, table, tables[table])
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")


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
    arrow = frame.to_arrow() if isinstance(frame, pl.DataFrame) else frame
    connection.register("incoming", arrow)
    try:
        connection.execute(f"INSERT INTO {_quote(table)} SELECT * FROM incoming")
    finally:
        connection.unregister("incoming")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
