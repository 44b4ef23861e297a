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

from schemas.tables import PRIMARY_KEYS, TABLES, enum_columns, table_schema

_SQL_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Date: "DATE",
    pl.Boolean: "BOOLEAN",
    pl.List: "VARCHAR[]",
}


def write_duckdb(tables: Mapping[str, pl.DataFrame], path: Path) -> None:
    """Create a new database file holding every table (the file must not exist yet)."""
    with duckdb.connect(str(path)) as connection:
        for table in TABLES:
            if table in tables:
                _create_table(connection, table)
                _insert(connection, table, tables[table])
        connection.execute("CHECKPOINT")


def _create_table(connection: duckdb.DuckDBPyConnection, table: str) -> None:
    schema = table_schema(table)
    enums = enum_columns(table)
    definitions = []
    for name, column in schema.columns.items():
        sql_type = _SQL_TYPES[column.dtype.type.base_type()]
        if name in enums:
            sql_type = _enum_type(connection, table, name, enums[name])
        constraint = " PRIMARY KEY" if name == PRIMARY_KEYS[table] else ("" if column.nullable else " NOT NULL")
        definitions.append(f"{_quote(name)} {sql_type}{constraint}")
    connection.execute(f"CREATE TABLE {_quote(table)} ({', '.join(definitions)})")
    connection.execute(f"COMMENT ON TABLE {_quote(table)} IS {_literal(schema.description or '')}")
    for name, column in schema.columns.items():
        connection.execute(f"COMMENT ON COLUMN {_quote(table)}.{_quote(name)} IS {_literal(column.description or '')}")


def _enum_type(connection: duckdb.DuckDBPyConnection, table: str, column: str, values: list[str]) -> str:
    type_name = f"{table}_{column}"
    members = ", ".join(_literal(value) for value in values)
    connection.execute(f"CREATE TYPE {_quote(type_name)} AS ENUM ({members})")
    return _quote(type_name)


def _insert(connection: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    arrow = frame.to_arrow()
    connection.register("incoming", arrow)
    try:
        connection.execute(f"INSERT INTO {_quote(table)} SELECT * FROM incoming")
    finally:
        connection.unregister("incoming")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
