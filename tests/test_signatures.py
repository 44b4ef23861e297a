"""Specification of input signatures: an unchanged input is recognised without reading it, and
nothing that may have changed is ever taken as unchanged."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from flows.signatures import RACY_SECONDS, input_signature, input_signatures, text_size


def later() -> float:
    """A moment well after the files were written."""
    return time.time() + 10 * RACY_SECONDS


@pytest.fixture
def article(tmp_path: Path) -> tuple[Path, Path]:
    text = tmp_path / "a.txt"
    text.write_text("Vietnam and Japan signed three documents.", encoding="utf-8")
    return text, tmp_path / "a.meta.json"


def test_an_untouched_input_keeps_its_signature(article: tuple[Path, Path]) -> None:
    assert input_signature(*article, now=later()) == input_signature(*article, now=later()) is not None


def test_signatures_of_a_raw_folder_are_those_of_each_input(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "sub/b.txt"):
        (tmp_path / name).write_text("Vietnam and Japan signed three documents.", encoding="utf-8")
    (tmp_path / "sub/b.meta.json").write_text("{}", encoding="utf-8")
    now = later()
    assert input_signatures(tmp_path, ["a.txt", "sub/b.txt"], now=now) == {
        "a.txt": input_signature(tmp_path / "a.txt", tmp_path / "a.meta.json", now=now),
        "sub/b.txt": input_signature(tmp_path / "sub/b.txt", tmp_path / "sub/b.meta.json", now=now),
    }
    assert input_signatures(tmp_path, ["sub/b.txt"], now=now)["sub/b.txt"].split("|")[1] != "-", "the sidecar counts"


def test_the_signature_records_the_text_size(article: tuple[Path, Path]) -> None:
    assert text_size(input_signature(*article, now=later())) == article[0].stat().st_size


@pytest.mark.parametrize("change", [
    "same size, modification time put back",
    "sidecar added",
    "replaced by another file",
])
def test_a_changed_input_gets_another_signature(article: tuple[Path, Path], change: str) -> None:
    text, sidecar = article
    before = input_signature(text, sidecar, now=later())
    if change == "same size, modification time put back":
        times = text.stat()
        time.sleep(0.01)
        text.write_text(text.read_text(encoding="utf-8").replace("three", "seven"), encoding="utf-8")
        assert text.stat().st_size == times.st_size
        os.utime(text, ns=(times.st_atime_ns, times.st_mtime_ns))      # only the change time still moves
    elif change == "sidecar added":
        sidecar.write_text('{"outlet": "VnExpress"}', encoding="utf-8")
    else:
        replacement = text.with_name("b.txt")
        replacement.write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
        os.replace(replacement, text)
    assert input_signature(text, sidecar, now=later()) != before


def test_a_just_written_input_has_no_signature_so_it_is_always_read(article: tuple[Path, Path]) -> None:
    assert input_signature(*article, now=time.time()) is None


@pytest.mark.parametrize("kind", ["symbolic link to the text", "symbolic link as sidecar", "directory", "missing"])
def test_inputs_that_are_not_plain_files_have_no_signature(article: tuple[Path, Path], kind: str) -> None:
    text, sidecar = article
    if kind == "symbolic link to the text":
        link = text.with_name("link.txt")
        link.symlink_to(text)
        assert input_signature(link, sidecar, now=later()) is None
    elif kind == "symbolic link as sidecar":
        sidecar.symlink_to(text)
        assert input_signature(text, sidecar, now=later()) is None
    elif kind == "directory":
        folder = text.with_name("folder.txt")
        folder.mkdir()
        assert input_signature(folder, sidecar, now=later()) is None
    else:
        assert input_signature(text.with_name("gone.txt"), sidecar, now=later()) is None
