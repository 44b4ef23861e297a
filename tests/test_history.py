"""Specification of release versions, row changes between releases and the changelog."""
from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from flows.history import (
    ReleaseRecord,
    TableChanges,
    changelog_markdown,
    next_version,
    read_history,
    row_differences,
    table_changes,
    version_key,
)

DAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(("existing", "expected"), [
    ([], "2026.11.23.1"),
    (["2026.11.22.1", "2026.11.22.2"], "2026.11.23.1"),
    (["2026.11.23.1"], "2026.11.23.2"),
    ([f"2026.11.23.{n}" for n in range(1, 10)], "2026.11.23.10"),
])
def test_versions_count_the_releases_of_the_day(existing: list[str], expected: str) -> None:
    assert next_version(existing, DAY) == expected


def test_versions_sort_numerically_not_as_text() -> None:
    versions = ["2026.11.23.10", "2026.11.23.9", "2026.11.22.12"]
    assert sorted(versions, key=version_key) == ["2026.11.22.12", "2026.11.23.9", "2026.11.23.10"]


def write_releases(folder, previous_of: dict[str, str | None]) -> None:
    for version, previous in previous_of.items():
        (folder / version).mkdir(parents=True)
        record = ReleaseRecord(version=version, content_id=version, created="2026-11-23T00:00:00Z",
                               previous=previous, rows={})
        (folder / version / "release.json").write_bytes(record.to_json())


@pytest.mark.parametrize(("previous_of", "current", "expected"), [
    ({"2026.11.23.1": None, "2026.11.23.2": "2026.11.23.1"}, "2026.11.23.2", ["2026.11.23.2", "2026.11.23.1"]),
    # .2 was renamed into place by a run killed before the switch: .3 was compared with .1
    ({"2026.11.23.1": None, "2026.11.23.2": "2026.11.23.1", "2026.11.23.3": "2026.11.23.1"}, "2026.11.23.3",
     ["2026.11.23.3", "2026.11.23.1"]),
    # the same, before any later run: .2 is newer than the current release
    ({"2026.11.23.1": None, "2026.11.23.2": "2026.11.23.1"}, "2026.11.23.1", ["2026.11.23.1"]),
])
def test_the_history_lists_only_releases_that_became_current(tmp_path, previous_of, current, expected) -> None:
    write_releases(tmp_path, previous_of)
    assert [record.version for record in read_history(tmp_path, current)] == expected


def test_a_release_folder_with_an_unreadable_record_is_left_out_of_the_history(tmp_path) -> None:
    write_releases(tmp_path, {"2026.11.23.1": None})
    (tmp_path / "2026.11.23.2").mkdir()
    (tmp_path / "2026.11.23.3").mkdir()
    (tmp_path / "2026.11.23.3" / "release.json").write_text("[1,", encoding="utf-8")
    assert [record.version for record in read_history(tmp_path, "2026.11.23.1")] == ["2026.11.23.1"]


def events(*rows: tuple[str, str]) -> pl.DataFrame:
    return pl.DataFrame({"event_id": [r[0] for r in rows], "description": [r[1] for r in rows]})


@pytest.mark.parametrize(("before", "after", "added", "removed", "changed"), [
    (None, events(("e1", "visit"), ("e2", "talks")), 2, 0, 0),
    (events(("e1", "visit")), events(("e1", "visit")), 0, 0, 0),
    (events(("e1", "visit")), events(("e1", "visit"), ("e2", "talks")), 1, 0, 0),
    (events(("e1", "visit"), ("e2", "talks")), events(("e2", "talks")), 0, 1, 0),
    (events(("e1", "visit"), ("e2", "talks")), events(("e1", "state visit"), ("e2", "talks")), 0, 0, 1),
    (events(("e1", "visit")), events(("e2", "visit")), 1, 1, 0),
])
def test_changes_match_rows_by_id(before: pl.DataFrame | None, after: pl.DataFrame,
                                  added: int, removed: int, changed: int) -> None:
    change = table_changes("events", before, after)
    assert (change.added, change.removed, change.changed) == (added, removed, changed)


def test_a_null_becoming_a_value_is_a_change() -> None:
    before = pl.DataFrame({"event_id": ["e1"], "description": [None]}, schema={"event_id": pl.String, "description": pl.String})
    assert table_changes("events", before, events(("e1", "visit"))).changed == 1


def test_changelog_lists_releases_newest_first_with_counts_per_table() -> None:
    first = ReleaseRecord("2026.11.22.1", "aaaa", "2026-11-22T06:00:00Z", None, {"events": 3},
                          {"events": {"added": 3, "removed": 0, "changed": 0}})
    second = ReleaseRecord("2026.11.23.1", "bbbb", "2026-11-23T06:00:00Z", "2026.11.22.1", {"events": 4},
                           {"events": {"added": 2, "removed": 1, "changed": 1}})
    text = changelog_markdown([second, first])
    assert text.index("## 2026.11.23.1") < text.index("## 2026.11.22.1")
    assert "| events | 4 | 2 | 1 | 1 |" in text
    assert "compared with 2026.11.22.1" in text and "(first release)" in text


def test_a_changed_list_is_a_change_and_an_equal_one_is_not() -> None:
    before = pl.DataFrame({"event_id": ["e1", "e2"], "participants": [["To Lam", "Kishida"], []]})
    after = pl.DataFrame({"event_id": ["e1", "e2"], "participants": [["To Lam"], []]})
    assert table_changes("events", before, after) == TableChanges(added=0, removed=0, changed=1)
    assert table_changes("events", before, before.reverse()) == TableChanges(added=0, removed=0, changed=0)


def test_a_column_added_changes_every_kept_row() -> None:
    after = events(("e1", "visit"), ("e2", "talks")).with_columns(pl.lit(1).alias("char_start"))
    assert table_changes("events", events(("e1", "visit")), after) == TableChanges(added=1, removed=0, changed=1)


def test_a_null_list_differs_from_an_empty_one_and_lists_compare_element_by_element() -> None:
    before = pl.DataFrame({"event_id": ["e1", "e2", "e3", "e4"], "participants": [None, [], ["a", "b"], ["a", "b"]]})
    after = pl.DataFrame({"event_id": ["e1", "e2", "e3", "e4"], "participants": [[], None, ["b", "a"], ["a", "b"]]})
    assert row_differences("events", before, after).changed.to_list() == ["e1", "e2", "e3"]


def test_the_differences_name_the_ids_added_removed_and_changed() -> None:
    before = events(("e1", "visit"), ("e2", "talks"), ("e3", "summit"))
    after = events(("e4", "call"), ("e3", "summit"), ("e2", "state visit"))
    differences = row_differences("events", before, after)
    assert (differences.added.to_list(), differences.removed.to_list(), differences.changed.to_list()) == (["e4"], ["e1"], ["e2"])
