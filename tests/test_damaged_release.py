"""A current release damaged by hand or by a disk is repaired by the next run, never trusted: the
run says which file was wrong and publishes tables equal to a clean run's (issue 17)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from flows.publish_datasets import publish_datasets
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Outside tmp_path, which tests publish into: an output folder must be empty or bilateral's."""
    folder = tmp_path_factory.mktemp("raw")
    for article in (ROOT / "raw").glob("*.txt"):
        shutil.copy(article, folder / article.name)
    return folder


def published_csvs(output: Path) -> dict[str, bytes]:
    return {table: (output / f"{table}.csv").read_bytes() for table in TABLES}


def delete(path: Path) -> None:
    path.unlink()


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def overwrite_in_place(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [delete, truncate, overwrite_in_place])
@pytest.mark.parametrize("name", ["statistics.parquet", "actor_mentions.parquet", "events.parquet",
                                  "bilateral.duckdb", "agreements.csv"])
def test_a_damaged_file_of_the_current_release_is_named_and_restored(
        raw_dir: Path, tmp_path: Path, name: str, damage) -> None:
    output = tmp_path / "out"
    first = publish_datasets(raw_dir, output).release
    expected = published_csvs(output)
    damage(first.release_dir / name)
    second = publish_datasets(raw_dir, output)
    assert [warning for warning in second.warnings if warning.startswith(f"{first.release_dir / name}: ")]
    assert second.articles_reused == 0 and not second.release.reused
    assert second.release.version != first.version and (second.release.release_dir / name).is_file()
    assert published_csvs(output) == expected
    assert (output / name).resolve() == (second.release.release_dir / name).resolve()


def test_a_repaired_release_is_trusted_again_by_the_run_after(raw_dir: Path, tmp_path: Path) -> None:
    first = publish_datasets(raw_dir, tmp_path).release
    delete(first.release_dir / "statistics.parquet")
    repaired = publish_datasets(raw_dir, tmp_path)
    after = publish_datasets(raw_dir, tmp_path)
    assert after.release.reused and after.release.version == repaired.release.version
    assert after.articles_extracted == 0 and after.warnings == []


@pytest.mark.parametrize("state", [
    {"articles": []},
    {"articles": None},
    {"articles": {"x.txt": {"input_sha256": "0" * 64}}},
])
def test_a_state_file_of_the_wrong_shape_means_a_full_run_with_a_warning(raw_dir: Path, tmp_path: Path, state) -> None:
    publish_datasets(raw_dir, tmp_path)
    expected = published_csvs(tmp_path)
    document = json.loads((tmp_path / "state.json").read_text(encoding="utf-8")) | state
    (tmp_path / "state.json").write_text(json.dumps(document), encoding="utf-8")
    summary = publish_datasets(raw_dir, tmp_path)
    assert summary.articles_reused == 0 and summary.warnings and "state.json" in summary.warnings[0]
    assert published_csvs(tmp_path) == expected


def test_a_state_file_naming_the_wrong_article_ids_loses_no_input(raw_dir: Path, tmp_path: Path) -> None:
    publish_datasets(raw_dir, tmp_path)
    expected = published_csvs(tmp_path)
    document = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    first, second = sorted(document["articles"])[:2]
    entries = document["articles"]
    entries[first]["article_id"], entries[second]["article_id"] = entries[second]["article_id"], entries[first]["article_id"]
    (tmp_path / "state.json").write_text(json.dumps(document), encoding="utf-8")
    summary = publish_datasets(raw_dir, tmp_path)
    assert summary.rejections == [] and summary.warnings and "article ids" in summary.warnings[0]
    assert published_csvs(tmp_path) == expected


def test_a_version_folder_without_its_record_does_not_block_the_next_version(raw_dir: Path, tmp_path: Path) -> None:
    first = publish_datasets(raw_dir, tmp_path).release
    stem, number = first.version.rsplit(".", 1)
    (tmp_path / "releases" / f"{stem}.{int(number) + 1}").mkdir()
    (raw_dir / "extra.txt").write_text("Vietnam and Japan hold talks\n\nThe two ministers met in Hanoi on "
                                       "March 3, 2025.\n", encoding="utf-8")
    second = publish_datasets(raw_dir, tmp_path).release
    assert second.version == f"{stem}.{int(number) + 2}"


def test_the_command_says_which_file_was_damaged(raw_dir: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from flows.cli import main

    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path)]) == 0
    release = (tmp_path / "current").resolve()
    delete(release / "events.csv")
    capsys.readouterr()
    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path)]) == 0
    assert f"warning: {release / 'events.csv'}: missing; every article is read again" in capsys.readouterr().err


@pytest.mark.parametrize("left", [0, 1])
def test_a_raw_folder_that_lost_most_articles_publishes_nothing_and_says_why(
        raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], left: int) -> None:
    from flows.cli import main

    for name in ("c.txt", "d.txt"):
        (raw_dir / name).write_text(f"Talks {name}\n\nThe two ministers met in Hanoi on March 3, 2025.\n", encoding="utf-8")
    output = tmp_path / "out"
    assert main(["run", "--raw", str(raw_dir), "--output", str(output)]) == 0
    before = (output / "current").resolve()
    for path in sorted(raw_dir.glob("*.txt"))[left:]:
        path.unlink()
    capsys.readouterr()
    assert main(["run", "--raw", str(raw_dir), "--output", str(output)]) == 4
    assert f"holds {left} article files where the current release has 4 articles" in capsys.readouterr().err
    assert (output / "current").resolve() == before
    assert main(["run", "--raw", str(raw_dir), "--output", str(output), "--allow-shrink"]) == 0
    assert (output / "current").resolve() != before


def test_every_input_of_a_mixed_raw_folder_is_published_or_rejected(raw_dir: Path, tmp_path: Path) -> None:
    from test_ingest import deep_folder

    for article in (ROOT.parent / "shared" / "raw").glob("*"):
        shutil.copy(article, raw_dir / article.name)
    deep_folder(raw_dir, "d" * 200, levels=25)
    (raw_dir / "nested.txt").write_text("Talks\n\nThe ministers met in Hanoi on March 3, 2025.\n", encoding="utf-8")
    (raw_dir / "nested.meta.json").write_text('{"url": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    (raw_dir / "bare.txt").write_text("More talks\n\nThe ministers met in Hue on March 4, 2025.\n", encoding="utf-8")
    (raw_dir / "bare.meta.json").write_text('{"url": "www.example.com/news/1"}', encoding="utf-8")
    summary = publish_datasets(raw_dir, tmp_path / "out")
    reasons = {rejection.source_file: rejection.reason for rejection in summary.rejections}
    assert reasons["nested.txt"] == reasons["bare.txt"] == "bad_metadata"
    assert [reason for source, reason in reasons.items() if source.startswith("ddd")] == ["unlistable_folder"]
    assert summary.release.rows["articles"] + len(summary.rejections) == summary.articles_read + 1   # + the folder
    assert summary.release.rows["articles"] == len(list(raw_dir.glob("*.txt"))) - 2
