"""The flow end to end on the real dev articles, run once through the CLI."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from flows.cli import main

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
TABLES = ("articles", "events", "agreements", "statistics", "rejections")


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dev articles plus inputs that must be rejected with a reason, not lost."""
    folder = tmp_path_factory.mktemp("raw")
    for article in RAW.glob("*.txt"):
        shutil.copy(article, folder / article.name)
    (folder / "empty.txt").write_text("  \n\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    # Latin-1 is read now (tests/test_ingest.py); Cyrillic in a legacy code page still cannot be.
    (folder / "cp1251.txt").write_bytes("Переговоры в Москве\n\nМинистры встретились.".encode("cp1251"))
    first = sorted(RAW.glob("*.txt"))[0]
    shutil.copy(first, folder / "zz_copy.txt")
    return folder


@pytest.fixture(scope="module")
def published(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("output")
    assert main(["run", "--raw", str(raw_dir), "--output", str(output)]) == 0
    return output


@pytest.mark.parametrize("table", TABLES)
def test_every_table_is_published_as_parquet_and_csv_with_the_same_rows(published: Path, table: str) -> None:
    parquet_rows = pq.read_table(published / f"{table}.parquet").num_rows
    with (published / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
        csv_rows = sum(1 for _ in csv.DictReader(handle))
    assert parquet_rows == csv_rows > 0


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_reads_parquet_and_csv_with_equal_counts(published: Path, table: str) -> None:
    [(from_parquet,)] = duckdb.sql(f"select count(*) from read_parquet('{published / table}.parquet')").fetchall()
    [(from_csv,)] = duckdb.sql(f"select count(*) from read_csv('{published / table}.csv', header=true)").fetchall()
    assert from_parquet == from_csv


def test_datapackage_describes_every_table_with_its_row_count(published: Path) -> None:
    package = json.loads((published / "datapackage.json").read_text(encoding="utf-8"))
    rows = {resource["name"]: resource.get("rows") for resource in package["resources"]}
    for table in TABLES:
        assert rows[table] == pq.read_table(published / f"{table}.parquet").num_rows


def test_the_dev_articles_are_published_and_bad_inputs_are_not(published: Path) -> None:
    sources = set(pq.read_table(published / "articles.parquet").column("source_file").to_pylist())
    assert sources == {p.name for p in RAW.glob("*.txt")}


def test_rejected_inputs_are_reported_with_their_reason(raw_dir: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    for name, reason in [("empty.txt", "empty"), ("binary.txt", "not_text"),
                         ("cp1251.txt", "undecodable"), ("zz_copy.txt", "duplicate")]:
        assert f"rejected {name}: {reason}" in printed


def test_every_input_is_either_published_or_in_rejections(raw_dir: Path, published: Path) -> None:
    published_files = set(pq.read_table(published / "articles.parquet").column("source_file").to_pylist())
    rejected = pq.read_table(published / "rejections.parquet").to_pylist()
    assert {row["source_file"] for row in rejected} | published_files == {p.name for p in raw_dir.glob("*.txt")}
    assert all(row["reason"] and row["detail"] for row in rejected)


def test_strict_mode_fails_when_an_input_was_rejected(raw_dir: Path, tmp_path: Path) -> None:
    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path), "--strict"]) == 1


def test_the_same_input_publishes_the_same_ids(raw_dir: Path, published: Path, tmp_path: Path) -> None:
    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path)]) == 0
    for table, key in [("events", "event_id"), ("statistics", "statistic_id")]:
        first = pq.read_table(published / f"{table}.parquet").column(key).to_pylist()
        second = pq.read_table(tmp_path / f"{table}.parquet").column(key).to_pylist()
        assert sorted(first) == sorted(second)


def test_a_missing_raw_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--raw", str(tmp_path / "nope"), "--output", str(tmp_path / "out")]) == 2
    assert "nope" in capsys.readouterr().err


@pytest.mark.skipif(not SCORER.exists(), reason="the shared evaluation scorer is not beside the repo")
def test_the_scorer_accepts_the_contract_and_scores_the_dev_articles(published: Path, tmp_path: Path) -> None:
    """The published release meets the scorer's contract and the seed articles score >= 0.95
    (scored against their own gold files: the shared gold folder covers more articles)."""
    gold = tmp_path / "gold"
    gold.mkdir()
    for article in RAW.glob("*.txt"):
        shutil.copy(SCORER.parent / "gold" / f"{article.stem}.json", gold)
    result = subprocess.run([sys.executable, str(SCORER), "--output", str(published), "--gold", str(gold),
                             "--min-f1", "0.95"], capture_output=True, text=True, check=False)
    assert "contract" not in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout


def test_invalid_rows_fail_the_run_with_a_report_and_keep_the_previous_release(
        raw_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import polars as pl

    import flows.batches as batches

    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path)]) == 0
    before = (tmp_path / "events.csv").read_bytes()
    build = batches.frame_from_records

    def broken(table: str, records: list[dict]) -> pl.DataFrame:
        frame = build(table, records)
        return frame.with_columns(pl.lit(1.5).alias("confidence")) if table == "events" else frame

    monkeypatch.setattr(batches, "frame_from_records", broken)
    (tmp_path / "state.json").unlink()  # extract again, so the broken rows are built, not reused
    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path)]) == 1
    report = capsys.readouterr().err
    assert "table events" in report and "confidence" in report and "evt_" in report
    assert (tmp_path / "events.csv").read_bytes() == before


def test_a_copy_in_a_later_batch_is_rejected_once_and_its_rows_are_not_repeated(
        raw_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.publish_datasets as flow_module

    monkeypatch.setattr(flow_module, "MIN_BATCH_SIZE", 1)   # one input per batch, batches in worker processes
    monkeypatch.setattr(flow_module, "MAX_BATCH_SIZE", 1)
    summary = flow_module.publish_datasets(raw_dir, tmp_path)
    assert [r.source_file for r in summary.rejections if r.reason == "duplicate"] == ["zz_copy.txt"]
    assert summary.release.rows["articles"] == len(list(RAW.glob("*.txt")))


@pytest.mark.parametrize("frame_articles", [1, 250], ids=["a frame part per article", "one part"])
def test_a_batch_s_frames_are_exactly_what_from_dicts_builds_from_its_rows(raw_dir: Path, frame_articles: int,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import polars as pl

    import flows.batches as batches
    from flows.extract import extract_article
    from flows.ingest import read_articles
    from schemas.tables import column_dtypes

    monkeypatch.setattr(batches, "FRAME_ARTICLES", frame_articles)
    paths = sorted(raw_dir.glob("*.txt"))
    assert len(paths) > 1
    frames = batches.process_batch.fn(paths, raw_dir, {}).frames
    articles = read_articles(paths, raw_dir, lambda source, sha: None).articles
    rows = {"articles": [article.record() for article in articles]}
    for article in articles:
        for table, records in extract_article(article).items():
            rows.setdefault(table, []).extend(records)
    assert list(frames) == list(batches.ROW_TABLES)
    for table, frame in frames.items():
        expected = pl.from_dicts(rows[table], schema=column_dtypes(table))
        assert frame.schema == expected.schema
        assert frame.to_dict(as_series=False) == expected.to_dict(as_series=False)
