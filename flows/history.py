"""Release history: versions, what changed between releases, and CHANGELOG.md.

Users pin a release by its version (`output/releases/2026.11.23.1/`) and read CHANGELOG.md to
see what a refresh did to their tables. The history is not a separate mutable file: each
release folder carries its own `release.json`, written before the folder is renamed into place,
so the history can never disagree with the releases that exist on disk.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from schemas.tables import PRIMARY_KEYS

RELEASE_RECORD = "release.json"
CHANGELOG = "CHANGELOG.md"
_BEFORE, _AFTER = "\x1fbefore", "\x1fafter"   # row positions in a before/after join: no column is named so


@dataclass(frozen=True)
class TableChanges:
    added: int
    removed: int
    changed: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class ReleaseRecord:
    """What `release.json` says about one release."""

    version: str
    content_id: str
    created: str                       # ISO 8601 UTC timestamp of the publish
    previous: str | None               # version this release was compared with
    rows: dict[str, int]
    changes: dict[str, dict[str, int]] = field(default_factory=dict)
    # every other file of the release: relative path -> {"bytes", "hash"} (flows.release_check)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), indent=2, sort_keys=False) + "\n").encode("utf-8")

    @classmethod
    def read(cls, release_dir: Path) -> ReleaseRecord:
        return cls(**json.loads((release_dir / RELEASE_RECORD).read_text(encoding="utf-8")))


def next_version(existing: list[str], today: dt.date) -> str:
    """Calendar versions, YYYY.MM.DD.N with N counting the day's releases from 1."""
    prefix = f"{today:%Y.%m.%d}."
    counters = [int(version[len(prefix):]) for version in existing
                if version.startswith(prefix) and version[len(prefix):].isdigit()]
    return f"{prefix}{max(counters, default=0) + 1}"


def version_key(version: str) -> tuple[int, ...]:
    """Sort key: 2026.11.23.10 comes after 2026.11.23.9."""
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


@dataclass(frozen=True)
class RowDifferences:
    """The ids by which a table's new rows differ from its previous ones: what a changelog counts,
    and what a database holding the previous rows must delete and insert (flows.duckdb_export)."""

    added: pl.Series
    removed: pl.Series
    changed: pl.Series

    @property
    def changes(self) -> TableChanges:
        return TableChanges(added=self.added.len(), removed=self.removed.len(), changed=self.changed.len())


def table_changes(table: str, before: pl.DataFrame | None, after: pl.DataFrame) -> TableChanges:
    """Rows added, removed, and kept under the same id with different values."""
    return row_differences(table, before, after).changes


def row_differences(table: str, before: pl.DataFrame | None, after: pl.DataFrame) -> RowDifferences:
    """Ids added, removed, and kept with different values.

    Matches rows on the id and compares values rather than serialised rows: exact (a null differs
    from every value, lists compare element by element) and independent of any hash seed."""
    key = PRIMARY_KEYS[table]
    if before is None:
        return RowDifferences(added=after[key], removed=after[key].clear(), changed=after[key].clear())
    positions = (before.select(key).with_row_index(_BEFORE)
                 .join(after.select(key).with_row_index(_AFTER), on=key, how="full", coalesce=True,
                       maintain_order="right_left"))
    kept = positions.drop_nulls()   # in the order of `after`
    return RowDifferences(
        added=positions.filter(pl.col(_BEFORE).is_null())[key],
        removed=positions.filter(pl.col(_AFTER).is_null())[key],
        changed=kept.filter(_values_differ(before, after, kept, key))[key],
    )


def _values_differ(before: pl.DataFrame, after: pl.DataFrame, kept: pl.DataFrame, key: str) -> pl.Series:
    """Per kept row (its positions in `before` and `after`), whether any value differs; a column
    added or dropped changes them all. Column by column: a join carrying every column copies all
    the text of both frames."""
    differs = pl.repeat(set(before.columns) != set(after.columns), kept.height, eager=True)
    if differs.any():
        return differs
    old, new = _rows_at(before, kept[_BEFORE]), _rows_at(after, kept[_AFTER])
    for name in (name for name in after.columns if name != key):
        differs |= _column_differs(old[name], new[name])
    return differs


def _column_differs(old: pl.Series, new: pl.Series) -> pl.Series:
    return _lists_differ(old, new) if new.dtype.base_type() is pl.List else old.ne_missing(new)


def _rows_at(frame: pl.DataFrame, positions: pl.Series) -> pl.DataFrame:
    """The frame's rows at `positions`: the frame itself when those are all its rows in order (a
    side nothing was added to or removed from, the usual case), sparing a copy of every column."""
    return frame if positions.len() == frame.height and positions.is_sorted() else frame[positions]


def _lists_differ(old: pl.Series, new: pl.Series) -> pl.Series:
    """`old.ne_missing(new)` for lists, several times faster: lists of equal length are compared
    as their flattened elements, aligned one to one (an empty list flattens to a null on both sides)."""
    lengths_differ = old.list.len().ne_missing(new.list.len())
    elements = (pl.DataFrame({"row": pl.int_range(old.len(), eager=True), "old": old, "new": new})
                .filter(~lengths_differ).explode(["old", "new"]))
    differing_rows = elements.filter(pl.col("old").ne_missing(pl.col("new")))["row"]
    return lengths_differ | pl.int_range(old.len(), eager=True).is_in(differing_rows.implode())


def read_history(releases_dir: Path, current: str | None) -> list[ReleaseRecord]:
    """The releases that were published, newest first (folders being written start with '.' and
    are skipped). A release renamed into place by a run killed before it switched `current` never
    was: it is newer than the current release, or a later release's `previous` skips over it."""
    records = _readable_records(releases_dir)
    skipped = [(version_key(record.previous), version_key(record.version)) for record in records if record.previous]
    newest = version_key(current) if current else None
    published = [record for record in records
                 if (newest is None or version_key(record.version) <= newest)
                 and not any(before < version_key(record.version) < after for before, after in skipped)]
    return sorted(published, key=lambda record: version_key(record.version), reverse=True)


def release_folder_names(releases_dir: Path) -> list[str]:
    """Every version folder, complete or not: a new version must not collide with any of them."""
    return [entry.name for entry in releases_dir.iterdir() if not entry.name.startswith(".")] \
        if releases_dir.is_dir() else []


def _readable_records(releases_dir: Path) -> list[ReleaseRecord]:
    records = []
    for name in release_folder_names(releases_dir):
        try:
            records.append(ReleaseRecord.read(releases_dir / name))
        except (OSError, ValueError, TypeError):   # no release.json, or not one this version reads
            continue
    return records


def changelog_markdown(history: list[ReleaseRecord]) -> str:
    """CHANGELOG.md: newest release first, rows added/removed/changed per table."""
    lines = ["# Changelog", "",
             "One section per release, newest first. Row counts compare each release with the one",
             "before it, table by table, matching rows by their id. Every release stays available",
             "under `releases/<version>/`.", ""]
    for record in history:
        since = f" (compared with {record.previous})" if record.previous else " (first release)"
        lines += [f"## {record.version}", "", f"Published {record.created}{since}; content id `{record.content_id}`.", "",
                  "| table | rows | added | removed | changed |", "|---|---:|---:|---:|---:|"]
        for table, rows in record.rows.items():
            change = record.changes.get(table, {})
            lines.append(f"| {table} | {rows} | {change.get('added', 0)} | {change.get('removed', 0)} "
                         f"| {change.get('changed', 0)} |")
        lines.append("")
    return "\n".join(lines)
