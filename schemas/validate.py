"""Release gate: every table against its schema, then the links between tables.

Invalid data is never published, so the error has to be good enough to fix the extractor
from: it names the table, the column, the check, and the ids of the offending rows.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandera.errors
import polars as pl

from schemas.tables import PRIMARY_KEYS, ROW_CHECKS, TABLES, foreign_keys

MAX_EXAMPLES = 10
_MAX_CHECK_CHARS = 80
_MAX_VALUE_CHARS = 120


@dataclass(frozen=True)
class Failure:
    """One failing value: a row (by primary key, when known) that broke one check."""

    table: str
    column: str
    check: str
    row_id: str | None
    value: str


class ReleaseValidationError(Exception):
    def __init__(self, failures: list[Failure]) -> None:
        self.failures = failures
        super().__init__(format_report(failures))


def validate_release(frames: Mapping[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The validated (coerced) tables in registry order, or ReleaseValidationError with a report."""
    failures = _table_set_failures(frames)
    validated: dict[str, pl.DataFrame] = {}
    for table, model in TABLES.items():
        if table in frames:
            frame, table_failures = _validate_table(table, model, frames[table])
            failures += table_failures
            validated[table] = frame
    failures += _foreign_key_failures(validated)
    if failures:
        raise ReleaseValidationError(failures)
    return validated


def _table_set_failures(frames: Mapping[str, pl.DataFrame]) -> list[Failure]:
    missing = [Failure(table, "(table)", "table_present", None, "missing") for table in TABLES if table not in frames]
    unknown = [Failure(table, "(table)", "table_known", None, "not in schemas.TABLES") for table in frames if table not in TABLES]
    return missing + unknown


def _validate_table(table: str, model: Any, frame: pl.DataFrame) -> tuple[pl.DataFrame, list[Failure]]:
    """The coerced frame on success; on failure the input frame (still usable for key lookups)."""
    try:
        return model.validate(frame, lazy=True), []
    except pandera.errors.SchemaErrors as errors:
        cases = errors.failure_cases.to_dicts()
        return frame, [_failure_from_case(table, frame, case) for case in cases]


def _failure_from_case(table: str, frame: pl.DataFrame, case: dict[str, Any]) -> Failure:
    index = case.get("index")
    check = str(case.get("check"))
    row_check = ROW_CHECKS.get(check)
    if case.get("schema_context") == "DataFrameSchema":
        column = ", ".join(row_check.columns) if row_check else "(table)"
    else:
        column = str(case.get("column"))
    value = _row_values(frame, index, row_check.columns) if row_check and index is not None else case.get("failure_case")
    return Failure(table, column, check, _row_id(table, frame, index), _short(str(value), _MAX_VALUE_CHARS))


def _row_id(table: str, frame: pl.DataFrame, index: int | None) -> str | None:
    key = PRIMARY_KEYS[table]
    if index is None or key not in frame.columns or index >= frame.height:
        return None
    row_key = frame[key][index]
    return f"row {index}" if row_key is None else str(row_key)


def _row_values(frame: pl.DataFrame, index: int, columns: Iterable[str]) -> str:
    present = [column for column in columns if column in frame.columns]
    return ", ".join(f"{column}={frame[column][index]}" for column in present)


def _foreign_key_failures(frames: Mapping[str, pl.DataFrame]) -> list[Failure]:
    failures: list[Failure] = []
    for table, frame in frames.items():
        for column, (target_table, target_column) in foreign_keys(table).items():
            target = frames.get(target_table)
            failures += _dangling_references(table, frame, column, target, f"{target_table}.{target_column}")
    return failures


def _dangling_references(
    table: str, frame: pl.DataFrame, column: str, target: pl.DataFrame | None, reference: str
) -> list[Failure]:
    target_column = reference.split(".", 1)[1]
    if target is None or column not in frame.columns or target_column not in target.columns:
        return []  # already reported as a missing table or column
    key = PRIMARY_KEYS[table]
    known = target[target_column].drop_nulls().unique()
    dangling = frame.filter(pl.col(column).is_not_null() & ~pl.col(column).is_in(known.implode()))
    row_ids = dangling[key] if key in dangling.columns else [None] * dangling.height
    check = f"foreign_key({reference})"
    return [
        Failure(table, column, check, None if row_id is None else str(row_id), str(value))
        for row_id, value in zip(row_ids, dangling[column])
    ]


def format_report(failures: list[Failure]) -> str:
    """Grouped by table, then by (column, check); each group shows a count and a few examples."""
    groups = _group(failures)
    lines = [f"Release validation failed: {len(failures)} failing value(s) in {len(groups)} check(s)."]
    current_table = None
    for (table, column, check), group in groups.items():
        if table != current_table:
            lines += ["", f"table {table}"]
            current_table = table
        lines += _group_lines(table, column, check, group)
    return "\n".join(lines)


def _group(failures: list[Failure]) -> dict[tuple[str, str, str], list[Failure]]:
    groups: dict[tuple[str, str, str], list[Failure]] = defaultdict(list)
    for failure in failures:
        groups[(failure.table, failure.column, failure.check)].append(failure)
    table_order = {table: position for position, table in enumerate(TABLES)}
    return dict(sorted(groups.items(), key=lambda item: table_order.get(item[0][0], len(table_order))))


def _group_lines(table: str, column: str, check: str, group: list[Failure]) -> list[str]:
    key = PRIMARY_KEYS.get(table, "row")
    lines = [f"  column {column} | check {_short(check, _MAX_CHECK_CHARS)} | {len(group)} failing"]
    for failure in group[:MAX_EXAMPLES]:
        where = f"{key}={failure.row_id}" if failure.row_id is not None else "(no row id)"
        lines.append(f"    {where}: {failure.value}")
    if len(group) > MAX_EXAMPLES:
        lines.append(f"    ... and {len(group) - MAX_EXAMPLES} more")
    return lines


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
