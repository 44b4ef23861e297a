"""The output folder is bilateral's own: a folder holding other things is refused or left alone."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.lock import LOCK_FILE
from flows.ownership import MARKER, OutputNotOwnedError, claim_output


@pytest.mark.parametrize("contents", [[], [LOCK_FILE], ["README.md"]])
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


@pytest.mark.parametrize(("output", "problem"), [
    ("notes.txt", "is a file, not a folder"),
    ("notes.txt/out", "which is a file, not a folder"),
])
def test_an_output_that_cannot_be_a_folder_is_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, problem: str) -> None:
    from flows.cli import main

    (tmp_path / "raw").mkdir()
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["run", "--raw", str(tmp_path / "raw"), "--output", str(tmp_path / output)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith(f"error: output {tmp_path / output} ") and problem in error


def test_a_run_into_someone_elses_folder_is_refused_in_one_line_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flows.cli import main

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("Talks\n\nThe ministers met in Hanoi on March 3, 2025.\n")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>my site</p>")
    assert main(["run", "--raw", str(tmp_path / "raw"), "--output", str(tmp_path / "site")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "was not written by bilateral (it holds index.html)" in error
    assert sorted(path.name for path in (tmp_path / "site").iterdir()) == [LOCK_FILE, "index.html"]


def test_a_full_disk_is_one_line_naming_the_path_and_exit_5(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    import flows.publish_datasets as flow_module
    from flows.cli import main

    def disk_full(frames, output_dir, **options):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(output_dir / "releases" / "events.parquet"))

    monkeypatch.setattr(flow_module, "publish_release", disk_full)
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("Talks\n\nThe ministers met in Hanoi on March 3, 2025.\n")
    assert main(["run", "--raw", str(tmp_path / "raw"), "--output", str(tmp_path / "out")]) == 5
    error = capsys.readouterr().err
    assert error == f"error: {tmp_path / 'out' / 'releases' / 'events.parquet'}: No space left on device\n"
