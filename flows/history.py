"""Release history: versions, what changed between releases, and CHANGELOG.md.

Users pin a release by its version (`output/releases/2026.11.23.1/`) and read CHANGELOG.md to
see what a refresh did to their tables. The history is not a separate mutable file: each
release folder carries its own `release.json`, written before the folder is renamed into place,
so the history can never disagree with the releases that exist on disk.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl

from schemas.tables import PRIMARY_KEYS

RELEASE_RECORD = "release.json"
CHANGELOG = "CHANGELOG.md"
_AFTER = "\x1fafter"     # suffix of the new values in a before/after join: no column ends with it


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


def table_changes(table: str, before: pl.DataFrame | None, after: pl.DataFrame) -> TableChanges:
    """Rows added, removed, and kept under the same id with different values.

    Joins on the id rather than comparing serialised rows: exact (a null differs from every
    value, lists compare element by element) and independent of any hash seed."""
    key = PRIMARY_KEYS[table]
    if before is None or before.is_empty():
        return TableChanges(added=after.height, removed=0, changed=0)
    old_keys, new_keys = before.select(key), after.select(key)
    return TableChanges(
        added=new_keys.join(old_keys, on=key, how="anti").height,
        removed=old_keys.join(new_keys, on=key, how="anti").height,
        changed=_changed_rows(before, after, key),
    )


def _changed_rows(before: pl.DataFrame, after: pl.DataFrame, key: str) -> int:
    """How many ids in both frames carry different values; a column added or dropped changes them all."""
    kept = before.join(after, on=key, how="inner", suffix=_AFTER)
    if set(before.columns) != set(after.columns):
        return kept.height
    columns = [name for name in after.columns if name != key]
    if not columns or kept.is_empty():
        return 0
    differs = pl.any_horizontal([pl.col(name).ne_missing(pl.col(name + _AFTER)) for name in columns])
    return int(kept.select(differs.sum()).item())


def all_changes(before: Mapping[str, pl.DataFrame] | None, after: Mapping[str, pl.DataFrame]) -> dict[str, TableChanges]:
    return {table: table_changes(table, (before or {}).get(table), frame) for table, frame in after.items()}


def read_history(releases_dir: Path) -> list[ReleaseRecord]:
    """Every complete release, newest first (folders being written start with '.' and are skipped)."""
    if not releases_dir.is_dir():
        return []
    records = [ReleaseRecord.read(folder) for folder in releases_dir.iterdir()
               if not folder.name.startswith(".") and (folder / RELEASE_RECORD).is_file()]
    return sorted(records, key=lambda record: version_key(record.version), reverse=True)


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
