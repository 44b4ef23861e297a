"""Publishing to an fsspec URL: the release lands under releases/<version>/ with a current pointer."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from flows.publish_datasets import publish_datasets
from flows.remote import is_remote
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("output", "remote"), [
    ("s3://bucket/bilateral", True), ("gs://b/p", True), ("file:///srv/data", True), ("memory://x", True),
    ("output", False), ("/srv/output", False), ("C:\\\\data", False), (Path("s3:/x"), False),
])
def test_urls_are_remote_and_paths_are_local(output: str | Path, remote: bool) -> None:
    assert is_remote(output) is remote


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for article in (ROOT / "raw").glob("*.txt"):
        shutil.copy(article, folder / article.name)
    return folder


def test_a_url_output_gets_the_release_the_top_level_files_and_the_pointer(raw_dir: Path, tmp_path: Path) -> None:
    bucket = tmp_path / "bucket"
    summary = publish_datasets(raw_dir, f"file://{bucket}", work_dir=tmp_path / "work")
    version = summary.release.version
    assert json.loads((bucket / "current.json").read_text())["version"] == version
    for table in TABLES:
        assert (bucket / f"{table}.csv").read_bytes() == (bucket / "releases" / version / f"{table}.csv").read_bytes()
        assert (bucket / "releases" / version / f"{table}.parquet").is_file()
    assert (bucket / "releases" / version / "release.json").is_file() and (bucket / "bilateral.duckdb").is_file()


def test_a_lost_working_folder_continues_the_remote_history(raw_dir: Path, tmp_path: Path) -> None:
    bucket = f"file://{tmp_path / 'bucket'}"
    first = publish_datasets(raw_dir, bucket, work_dir=tmp_path / "work")
    shutil.rmtree(tmp_path / "work")
    (raw_dir / "new.txt").write_text("Talks in Hanoi\n\nThe foreign ministers of Vietnam and Japan met in Hanoi "
                                     "on March 3, 2025.\n", encoding="utf-8")
    second = publish_datasets(raw_dir, bucket, work_dir=tmp_path / "work2")
    assert second.release.version != first.release.version
    assert second.release.changes["articles"].added == 1 and second.release.changes["articles"].removed == 0
    changelog = (tmp_path / "bucket" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"compared with {first.release.version}" in changelog
