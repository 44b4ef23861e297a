"""The output folder is bilateral's own: a folder holding other things is refused or left alone."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.lock import LOCK_FILE
from flows.ownership import MARKER, OutputNotOwnedError, claim_output


@pytest.mark.parametrize("contents", [[], [LOCK_FILE]])
def test_an_empty_folder_is_claimed_with_a_marker(tmp_path: Path, contents: list[str]) -> None:
    for name in contents:
        (tmp_path / name).write_text("")
    claim_output(tmp_path)
    assert (tmp_path / MARKER).is_file()


@pytest.mark.parametrize("names", [["index.html"], ["CHANGELOG.md", "notes.txt"], [".hidden"],
                                   [f"f{n}.csv" for n in range(8)]])
def test_a_folder_of_someone_elses_files_is_refused_naming_them(tmp_path: Path, names: list[str]) -> None:
    for name in names:
        (tmp_path / name).write_text("mine")
    with pytest.raises(OutputNotOwnedError, match=f"is not empty and was not written by bilateral .*{names[0]}"):
        claim_output(tmp_path)
    assert not (tmp_path / MARKER).exists()


def test_force_claims_a_folder_of_someone_elses_files_and_leaves_them(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("mine")
    claim_output(tmp_path, force=True)
    assert (tmp_path / MARKER).is_file() and (tmp_path / "index.html").read_text() == "mine"


def test_an_output_of_an_earlier_version_is_claimed_without_force(tmp_path: Path) -> None:
    (tmp_path / "releases" / "2026.11.23.1").mkdir(parents=True)
    os.symlink("releases/2026.11.23.1", tmp_path / "current")
    (tmp_path / "state.json").write_text("{}")
    claim_output(tmp_path)
    assert (tmp_path / MARKER).is_file()


def test_a_real_folder_named_current_is_refused_even_with_force(tmp_path: Path) -> None:
    (tmp_path / "current").mkdir()
    (tmp_path / MARKER).write_text("{}")
    with pytest.raises(OutputNotOwnedError, match="current is a folder bilateral did not make"):
        claim_output(tmp_path, force=True)
