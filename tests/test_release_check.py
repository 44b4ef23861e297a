"""A release lists its files with sizes and hashes; a folder that no longer matches is named file by file."""
from __future__ import annotations

from pathlib import Path

import pytest

from flows.history import ReleaseRecord
from flows.release_check import release_damage, release_manifest


def release(folder: Path) -> ReleaseRecord:
    (folder / "part" / "year=2024").mkdir(parents=True)
    for name, data in {"events.parquet": b"PAR1 rows", "events.csv": b"a,b\n", "part/year=2024/x.parquet": b"x"}.items():
        (folder / name).write_bytes(data)
    return ReleaseRecord("2026.11.23.1", "c1", "2026-11-23T00:00:00Z", None, {}, files=release_manifest(folder, {}))


def test_an_untouched_release_has_no_damage(tmp_path: Path) -> None:
    assert release_damage(tmp_path, release(tmp_path), ["events.parquet"]) == {}


@pytest.mark.parametrize(("change", "name", "problem"), [
    (lambda folder: (folder / "events.parquet").unlink(), "events.parquet", "missing"),
    (lambda folder: (folder / "events.csv").write_bytes(b"a,"), "events.csv", "2 bytes where 4 were published"),
    (lambda folder: (folder / "events.csv").write_bytes(b"a,c\n"), "events.csv", "content differs from what was published"),
    (lambda folder: (folder / "part/year=2024/x.parquet").unlink(), "part/year=2024/x.parquet", "missing"),
])
def test_a_missing_or_changed_file_is_named_with_its_problem(tmp_path: Path, change, name: str, problem: str) -> None:
    record = release(tmp_path)
    change(tmp_path)
    assert release_damage(tmp_path, record, []) == {name: problem}


def test_a_release_of_an_older_version_is_checked_for_its_expected_files(tmp_path: Path) -> None:
    record = ReleaseRecord("2026.11.23.1", "c1", "2026-11-23T00:00:00Z", None, {})
    (tmp_path / "events.csv").write_bytes(b"a\n")
    assert release_damage(tmp_path, record, ["events.csv", "events.parquet"]) == {"events.parquet": "missing"}
