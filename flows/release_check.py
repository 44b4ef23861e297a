"""Is a release folder still what was published? Checked before a run trusts the current release.

A run reuses the current release: rows of unchanged articles, the previous tables to count
changes, its DuckDB file to patch. A file deleted or damaged by hand (or by a disk) would then
drop rows without a word or fail every later run. So every release lists its files with their
sizes and SHA-256 in its `release.json` (written last, after every other file), and a run checks
the current release against that list first; anything missing or different makes the run read
every article again and publish a complete new release, saying which file was wrong.
"""
from __future__ import annotations

import hashlib
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from flows.history import RELEASE_RECORD, ReleaseRecord
from schemas.datapackage import FileStats, file_stats

_CHUNK = 1 << 20


def release_manifest(folder: Path, known: Mapping[Path, FileStats]) -> dict[str, FileStats]:
    """Size and hash of every file in a release being written, by path relative to the folder
    (release.json excepted: it holds the list). `known`: stats a writer already computed."""
    files = sorted(path for path in folder.rglob("*") if path.is_file() and path.name != RELEASE_RECORD)
    return {path.relative_to(folder).as_posix(): known.get(path) or _stats(path) for path in files}


def release_damage(release_dir: Path, record: ReleaseRecord, expected_names: Sequence[str]) -> dict[str, str]:
    """What is missing or different in a release folder: file name -> problem (empty when intact).
    A release written before releases listed their files is checked for `expected_names` only."""
    if not record.files:
        return {name: "missing" for name in expected_names if not (release_dir / name).is_file()}
    return {name: problem for name, expected in sorted(record.files.items())
            if (problem := _file_problem(release_dir / name, expected))}


def _file_problem(path: Path, expected: FileStats) -> str | None:
    try:
        status = path.lstat()
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if not stat.S_ISREG(status.st_mode):
        return "not a regular file"
    if status.st_size != expected.get("bytes"):
        return f"{status.st_size} bytes where {expected.get('bytes')} were published"
    try:
        actual = _stats(path)
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    return None if actual["hash"] == expected.get("hash") else "content differs from what was published"


def _stats(path: Path) -> FileStats:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return file_stats(size, digest.hexdigest())
