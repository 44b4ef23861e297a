"""datapackage.json and the data dictionary, generated from the pandera models.

Both documents describe the same tables as `schemas/tables.py`; generating them means a
column added or re-described there shows up everywhere in the next release, with no copy to
forget. The Data Package follows the Frictionless v1 spec so `frictionless validate` can
check the CSV files against it; the Parquet twin of each table is described in a custom
`parquet` property of the same resource (Frictionless tooling does not read Parquet).
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandera.polars as pa
import polars as pl

from schemas.tables import (
    CHECK_SUMMARIES,
    CSV_FORMULA_ESCAPE,
    CSV_FORMULA_TRIGGERS,
    LIST_SEPARATOR,
    ROW_CHECKS,
    TABLES,
    foreign_keys,
    primary_key,
    table_schema,
    vocabulary,
    vocabulary_descriptions,
)

PACKAGE_NAME = "bilateral"
PACKAGE_TITLE = "Bilateral relations from news articles"
PACKAGE_DESCRIPTION = (
    "Events, agreements and statistics about relations between countries, extracted from "
    "English news articles. Every row cites the sentence it was read from (`evidence`, with "
    "character offsets into the article). Evidence quotes are short excerpts of the source "
    "articles, whose copyright stays with their publishers."
)
LICENSES = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
]
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
_CHARACTER_NAMES = {"\t": "a tab", "\r": "a carriage return"}
_LIST_NOTE = f"In CSV, values joined with '{LIST_SEPARATOR}'; an empty cell is an empty list."

_FRICTIONLESS_TYPES: dict[type[pl.DataType], str] = {
    pl.String: "string",
    pl.Int64: "integer",
    pl.Float64: "number",
    pl.Date: "date",
    pl.Boolean: "boolean",
    pl.Datetime: "datetime",
    pl.List: "string",
}


def build_datapackage(
    frames: Mapping[str, pl.DataFrame],
    resource_files: Mapping[str, Mapping[str, Path]],
    version: str | None = None,
    content_id: str | None = None,
    file_stats: Mapping[Path, FileStats] | None = None,
) -> dict[str, Any]:
    """The descriptor for files sitting next to datapackage.json.

    `resource_files[table]` maps "csv" and "parquet" to the written files; paths in the
    descriptor are file names, so the package stays valid wherever the folder is copied.
    `file_stats`: sizes and hashes the writer already knows; other files are read and hashed.
    """
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": PACKAGE_DESCRIPTION,
        "licenses": LICENSES,
    }
    if version is not None:
        package["version"] = version          # the release folder: releases/<version>/
    if content_id is not None:
        package["content_id"] = content_id    # hash of the rows; equal content, equal id
    package["resources"] = [
        _resource(table, frames[table], resource_files[table], file_stats or {}) for table in TABLES if table in frames
    ]
    return package


def _resource(table: str, frame: pl.DataFrame, files: Mapping[str, Path], known: Mapping[Path, FileStats]) -> dict[str, Any]:
    schema = table_schema(table)
    return {
        "profile": "tabular-data-resource",
        "name": table,
        "title": schema.title or table,
        "description": schema.description or "",
        "path": files["csv"].name,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",   # UTF-8 with a byte-order mark: spreadsheets then read it as UTF-8
        "dialect": {"delimiter": ",", "header": True, "quoteChar": '"', "doubleQuote": True},
        **(known.get(files["csv"]) or _read_file_stats(files["csv"])),
        "rows": frame.height,
        "schema": table_descriptor(table),
        "parquet": {
            "path": files["parquet"].name,
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            **(known.get(files["parquet"]) or _read_file_stats(files["parquet"])),
        },
    }


FileStats = dict[str, Any]   # a file's "bytes" and "hash" as a Data Package resource gives them


def file_stats(size: int, sha256_hex: str) -> FileStats:
    return {"bytes": size, "hash": f"sha256:{sha256_hex}"}


def _read_file_stats(path: Path) -> FileStats:
    data = path.read_bytes()
    return file_stats(len(data), hashlib.sha256(data).hexdigest())


def table_descriptor(table: str) -> dict[str, Any]:
    """Frictionless Table Schema: fields with constraints, primary and foreign keys."""
    schema = table_schema(table)
    descriptor: dict[str, Any] = {
        "fields": [_field(name, column) for name, column in schema.columns.items()],
        "missingValues": [""],
        "primaryKey": primary_key(table),
    }
    references = foreign_keys(table)
    if references:
        descriptor["foreignKeys"] = [
            {"fields": column, "reference": {"resource": target, "fields": target_column}}
            for column, (target, target_column) in references.items()
        ]
    return descriptor


def _field(name: str, column: pa.Column) -> dict[str, Any]:
    is_list = _is_list(column)
    description = column.description or ""
    field: dict[str, Any] = {
        "name": name,
        "type": _FRICTIONLESS_TYPES[_base_type(column)],
        "description": f"{description} {_LIST_NOTE}" if is_list else description,
    }
    if field["type"] == "date":
        field["format"] = "default"  # ISO 8601, YYYY-MM-DD
    field["constraints"] = _constraints(column, is_list)
    return field


def _base_type(column: pa.Column) -> type[pl.DataType]:
    """pandera keeps either a dtype class or an instance (List(String)); compare on the class."""
    return column.dtype.type.base_type()


def _is_list(column: pa.Column) -> bool:
    return _base_type(column) is pl.List


def _constraints(column: pa.Column, is_list: bool) -> dict[str, Any]:
    # An empty list and a null are both an empty CSV cell, so list columns cannot be "required".
    constraints: dict[str, Any] = {"required": not column.nullable and not is_list}
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        constraints.update(_check_constraints(check.name, check.statistics or {}))
    return constraints


def _check_constraints(name: str, statistics: dict[str, Any]) -> dict[str, Any]:
    if name == "isin":
        return {"enum": list(statistics["allowed_values"])}
    if name in ("greater_than_or_equal_to", "greater_than"):
        return {"minimum": statistics["min_value"]}
    if name in ("less_than_or_equal_to", "less_than"):
        return {"maximum": statistics["max_value"]}
    if name == "in_range":
        return {"minimum": statistics["min_value"], "maximum": statistics["max_value"]}
    if name == "str_matches":
        return {"pattern": _xsd_pattern(str(statistics["pattern"]))}
    if name == "str_length":
        lengths = {"minLength": statistics.get("min_value"), "maxLength": statistics.get("max_value")}
        return {key: value for key, value in lengths.items() if value}
    return {}


def _xsd_pattern(pattern: str) -> str:
    """Table Schema patterns are implicitly anchored; explicit anchors would be literal there."""
    return pattern.removeprefix("^").removesuffix("$")


# --- Data dictionary ---------------------------------------------------------------------------


def data_dictionary_markdown() -> str:
    sections = [_dictionary_intro()]
    sections += [_table_section(table) for table in TABLES]
    sections.append(_vocabulary_section())
    return "\n\n".join(sections) + "\n"


def _dictionary_intro() -> str:
    return "\n".join(
        [
            f"# {PACKAGE_TITLE}: data dictionary",
            "",
            "Generated from `schemas/tables.py` and `schemas/vocabulary.yaml`; do not edit by hand.",
            "",
            "Every table is published twice with the same rows: `<table>.parquet` (typed: dates, "
            "64-bit integers, doubles, lists of strings) and `<table>.csv` (UTF-8 with a byte-order mark, "
            f"header row). In CSV, dates are ISO 8601 (`YYYY-MM-DD`), list values are joined with `{LIST_SEPARATOR}` "
            "and an empty cell is a missing value. Rows are sorted by the table's id.",
            "",
            "Only an empty cell is missing: Namibia's country code is `NA`, which pandas turns into a missing "
            "value by default. Read the CSV files with "
            "`pandas.read_csv(path, keep_default_na=False, na_values=[\"\"])` to keep it.",
            "",
            f"CSV safety: a text cell that a spreadsheet would evaluate as a formula (one starting with "
            f"{', '.join(_CHARACTER_NAMES.get(t, f'`{t}`') for t in CSV_FORMULA_TRIGGERS)}) is written with a leading "
            f"`{CSV_FORMULA_ESCAPE}` in CSV files, as OWASP recommends against CSV injection; strip that one "
            "character to get the text back. Parquet and DuckDB files keep the exact text.",
        ]
    )


def _table_section(table: str) -> str:
    schema = table_schema(table)
    lines = [f"## {table}", "", schema.description or "", "", f"Row id: `{primary_key(table)}`."]
    lines += [f"`{column}` refers to `{target}.{target_column}`." for column, (target, target_column) in foreign_keys(table).items()]
    lines += ["", "| Column | Type | Required | Description | Allowed values |", "|---|---|---|---|---|"]
    lines += [_column_row(name, column) for name, column in schema.columns.items()]
    rules = [f"- {ROW_CHECKS[check.name].summary}" for check in schema.checks if check.name in ROW_CHECKS]
    if rules:
        lines += ["", "Row rules:", "", *rules]
    return "\n".join(lines)


def _column_row(name: str, column: pa.Column) -> str:
    required = "no" if column.nullable else "yes"
    if column.unique:
        required += ", unique"
    description = (column.description or "").replace("|", "\\|")
    return f"| `{name}` | {_type_label(column)} | {required} | {description} | {_allowed_values(column)} |"


def _type_label(column: pa.Column) -> str:
    if _is_list(column):
        return "list of strings"
    return {pl.String: "string", pl.Int64: "integer", pl.Float64: "number", pl.Date: "date"}.get(
        _base_type(column), str(column.dtype)
    )


def _allowed_values(column: pa.Column) -> str:
    parts = [_check_label(check.name, check.statistics or {}) for check in column.checks]
    return "; ".join(part for part in parts if part).replace("|", "\\|")


def _check_label(name: str, statistics: dict[str, Any]) -> str:
    if name == "isin":
        vocabulary_name = _vocabulary_of(statistics["allowed_values"])
        values = ", ".join(f"`{value}`" for value in statistics["allowed_values"])
        return f"{values} (see {vocabulary_name})" if vocabulary_name else values
    if name == "greater_than_or_equal_to":
        return f"≥ {statistics['min_value']}"
    if name == "in_range":
        return f"{statistics['min_value']} to {statistics['max_value']}"
    if name == "str_matches":
        return f"matches `{statistics['pattern']}`"
    if name == "str_length" and statistics.get("max_value"):
        return f"at most {statistics['max_value']:,} characters"
    return CHECK_SUMMARIES.get(name, "")


def _vocabulary_of(values: list[str]) -> str | None:
    return next((name for name, entries in vocabulary().items() if list(entries) == list(values)), None)


def _vocabulary_section() -> str:
    lines = ["## Vocabularies"]
    for name, entries in vocabulary().items():
        has_units = any(isinstance(entry, dict) and "unit" in entry for entry in entries.values())
        lines += ["", f"### {name}", ""]
        lines += ["| Value | Default unit | Description |", "|---|---|---|"] if has_units else ["| Value | Description |", "|---|---|"]
        for value, description in vocabulary_descriptions(name).items():
            unit = f" `{entries[value]['unit']}` |" if has_units else ""
            lines.append(f"| `{value}` |{unit} {description} |")
    return "\n".join(lines)
