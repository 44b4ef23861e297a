"""Scheduled refreshes: incremental, deterministic runs that leave versioned releases BI tools open."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import flows.batches as batches
import flows.publish_datasets as flow_module
from browser import chromium_path, open_page_report
from flows.cli import main
from flows.publish_datasets import publish_datasets
from schemas.tables import TABLES, enum_columns

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
NEW_ARTICLE = """Japan and Vietnam hold talks on energy

Japanese Prime Minister Kishida Fumio met Vietnamese Prime Minister Pham Minh Chinh in Tokyo on \
March 3, 2025. The two leaders agreed to deepen cooperation in renewable energy. Trade between \
the two countries reached 50 billion USD in 2024.
"""


def csv_bytes(output: Path) -> dict[str, bytes]:
    return {table: (output / f"{table}.csv").read_bytes() for table in TABLES}


def ids(output: Path, table: str, key: str) -> set[str]:
    return set(pq.read_table(output / f"{table}.parquet").column(key).to_pylist())


@pytest.fixture
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Outside tmp_path, which tests publish into: an output folder must be empty or bilateral's."""
    folder = tmp_path_factory.mktemp("raw")
    for article in RAW.glob("*.txt"):
        shutil.copy(article, folder / article.name)
    return folder


# --- Deterministic and incremental ----------------------------------------------------------------


def test_two_runs_on_the_same_input_write_byte_identical_csv_files(raw_dir: Path, tmp_path: Path) -> None:
    first = publish_datasets(raw_dir, tmp_path / "one")
    second = publish_datasets(raw_dir, tmp_path / "two")
    assert csv_bytes(tmp_path / "one") == csv_bytes(tmp_path / "two")
    assert first.release.content_id == second.release.content_id


def test_a_second_run_reuses_every_unchanged_article_and_keeps_the_release(raw_dir: Path, tmp_path: Path) -> None:
    first = publish_datasets(raw_dir, tmp_path)
    before = csv_bytes(tmp_path)
    second = publish_datasets(raw_dir, tmp_path)
    assert (second.articles_extracted, second.articles_reused) == (0, first.articles_extracted)
    assert second.release.reused and second.release.version == first.release.version
    assert csv_bytes(tmp_path) == before


def test_the_cli_reports_the_reused_articles(raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path)]) == 0
    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.split("read ")[-1]
    assert "reused 2 unchanged articles" in printed and "nothing changed" in printed


def test_the_cli_hands_its_stage_timings_to_the_benchmark(raw_dir: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """BILATERAL_TIMINGS_FILE (flows/cli.py): how `make bench` learns the stages of a subprocess run."""
    timings = tmp_path / "timings.json"
    monkeypatch.setenv("BILATERAL_TIMINGS_FILE", str(timings))
    assert main(["run", "--raw", str(raw_dir), "--output", str(tmp_path / "output")]) == 0
    stages = json.loads(timings.read_text(encoding="utf-8"))
    assert {"list", "extract", "cross_article", "validate", "publish", "total"} <= set(stages)
    assert all(isinstance(seconds, float) and seconds >= 0 for seconds in stages.values())


def test_adding_an_article_adds_one_row_and_changes_no_existing_id(raw_dir: Path, tmp_path: Path) -> None:
    publish_datasets(raw_dir, tmp_path)
    before = {table: ids(tmp_path, table, key) for table, key in
              [("articles", "article_id"), ("events", "event_id"), ("statistics", "statistic_id")]}
    (raw_dir / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    summary = publish_datasets(raw_dir, tmp_path)
    assert (summary.articles_extracted, summary.articles_reused) == (1, 2)
    assert summary.release.changes["articles"].added == 1
    assert len(ids(tmp_path, "articles", "article_id")) == len(before["articles"]) + 1
    for table, key in [("articles", "article_id"), ("events", "event_id"), ("statistics", "statistic_id")]:
        assert before[table] <= ids(tmp_path, table, key)


def test_incremental_output_equals_a_full_run_from_scratch(raw_dir: Path, tmp_path: Path) -> None:
    publish_datasets(raw_dir, tmp_path / "incremental")
    (raw_dir / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    publish_datasets(raw_dir, tmp_path / "incremental")
    publish_datasets(raw_dir, tmp_path / "full")
    assert csv_bytes(tmp_path / "incremental") == csv_bytes(tmp_path / "full")


def test_a_deleted_article_takes_its_rows_with_it(raw_dir: Path, tmp_path: Path) -> None:
    publish_datasets(raw_dir, tmp_path)
    gone = sorted(raw_dir.glob("*.txt"))[0]
    gone.unlink()
    summary = publish_datasets(raw_dir, tmp_path)
    sources = pq.read_table(tmp_path / "articles.parquet").column("source_file").to_pylist()
    assert gone.name not in sources and summary.release.changes["articles"].removed == 1
    article_ids = ids(tmp_path, "articles", "article_id")
    assert set(pq.read_table(tmp_path / "events.parquet").column("article_id").to_pylist()) <= article_ids


def test_an_edited_article_is_extracted_again(raw_dir: Path, tmp_path: Path) -> None:
    publish_datasets(raw_dir, tmp_path)
    edited = sorted(raw_dir.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nTwo-way trade hit 1 billion USD in 2030.\n", encoding="utf-8")
    summary = publish_datasets(raw_dir, tmp_path)
    assert (summary.articles_extracted, summary.articles_reused) == (1, 1)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs count as settled at once (flows.signatures' racy window is for real clocks)."""
    monkeypatch.setattr("flows.signatures.RACY_SECONDS", 0.0)


def test_a_refresh_opens_only_new_inputs(raw_dir: Path, tmp_path: Path, settled: None,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    publish_datasets(raw_dir, tmp_path)
    (raw_dir / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    opened: list[str] = []
    read_articles = batches.read_articles
    monkeypatch.setattr(batches, "read_articles",
                        lambda paths, *args: opened.extend(path.name for path in paths) or read_articles(paths, *args))
    summary = publish_datasets(raw_dir, tmp_path)
    assert opened == ["new.txt"] and (summary.articles_extracted, summary.articles_reused) == (1, 2)


def test_an_input_rewritten_with_its_old_size_and_time_is_extracted_again(raw_dir: Path, tmp_path: Path,
                                                                         settled: None) -> None:
    publish_datasets(raw_dir, tmp_path)
    edited = sorted(raw_dir.glob("*.txt"))[0]
    before = edited.stat()
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("Japan", "Korea", 1), encoding="utf-8")
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert edited.stat().st_size == before.st_size
    summary = publish_datasets(raw_dir, tmp_path)
    assert (summary.articles_extracted, summary.articles_reused) == (1, 1)


def test_a_new_metadata_sidecar_counts_as_a_change(raw_dir: Path, tmp_path: Path) -> None:
    publish_datasets(raw_dir, tmp_path)
    article = sorted(raw_dir.glob("*.txt"))[0]
    article.with_name(article.stem + ".meta.json").write_text(json.dumps({"outlet": "VNA"}), encoding="utf-8")
    summary = publish_datasets(raw_dir, tmp_path)
    assert summary.articles_extracted == 1
    assert "VNA" in pq.read_table(tmp_path / "articles.parquet").column("outlet").to_pylist()


def test_a_lost_state_file_means_a_full_run_with_the_same_result(raw_dir: Path, tmp_path: Path) -> None:
    first = publish_datasets(raw_dir, tmp_path)
    (tmp_path / "state.json").unlink()
    second = publish_datasets(raw_dir, tmp_path)
    assert second.articles_reused == 0 and second.release.content_id == first.release.content_id


# --- Releases and changelog -----------------------------------------------------------------------


def test_each_change_writes_a_new_version_and_the_changelog_lists_both(raw_dir: Path, tmp_path: Path) -> None:
    first = publish_datasets(raw_dir, tmp_path).release
    (raw_dir / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    second = publish_datasets(raw_dir, tmp_path).release
    assert sorted(p.name for p in (tmp_path / "releases").iterdir()) == sorted([first.version, second.version])
    changelog = (tmp_path / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index(f"## {second.version}") < changelog.index(f"## {first.version}")
    assert f"| articles | {second.rows['articles']} | 1 | 0 | 0 |" in changelog


def test_an_old_release_stays_complete_after_a_new_one(raw_dir: Path, tmp_path: Path) -> None:
    first = publish_datasets(raw_dir, tmp_path).release
    before = {path.name: path.read_bytes() for path in first.release_dir.iterdir()}
    (raw_dir / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    publish_datasets(raw_dir, tmp_path)
    assert {path.name: path.read_bytes() for path in first.release_dir.iterdir()} == before


def test_the_run_records_a_markdown_artifact_with_counts_and_rejections(
        raw_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    artifacts: list[dict] = []
    monkeypatch.setattr(flow_module, "create_markdown_artifact", lambda **kwargs: artifacts.append(kwargs))
    (raw_dir / "empty.txt").write_text("", encoding="utf-8")
    publish_datasets(raw_dir, tmp_path)
    [artifact] = artifacts
    assert artifact["key"] == "bilateral-run"
    assert "| events |" in artifact["markdown"] and "| empty.txt | empty |" in artifact["markdown"]


# --- BI formats -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("output")
    publish_datasets(RAW, output)
    return output


def test_frictionless_validates_the_datapackage(published: Path) -> None:
    frictionless = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(frictionless), "validate", str(published / "datapackage.json")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("table", TABLES)
def test_the_duckdb_file_holds_every_table_with_its_rows(published: Path, table: str) -> None:
    with duckdb.connect(str(published / "bilateral.duckdb"), read_only=True) as connection:
        [(count,)] = connection.execute(f"select count(*) from {table}").fetchall()
    assert count == pq.read_metadata(published / f"{table}.parquet").num_rows


@pytest.mark.parametrize(("table", "column", "sql_type"), [
    ("events", "start_date", "DATE"),
    ("events", "participants", "VARCHAR[]"),
    ("statistics", "value", "DOUBLE"),
    ("statistics", "year", "BIGINT"),
    ("events", "event_type", "ENUM"),
])
def test_the_duckdb_columns_have_proper_types(published: Path, table: str, column: str, sql_type: str) -> None:
    with duckdb.connect(str(published / "bilateral.duckdb"), read_only=True) as connection:
        [(data_type, comment)] = connection.execute(
            "select data_type, comment from duckdb_columns() where table_name = ? and column_name = ?",
            [table, column]).fetchall()
    assert data_type.startswith(sql_type) and comment


def test_duckdb_answers_an_analyst_query(published: Path) -> None:
    with duckdb.connect(str(published / "bilateral.duckdb"), read_only=True) as connection:
        rows = connection.execute("""
            select event_type, count(*) from events join articles using (article_id)
            where start_date is not null group by event_type order by event_type""").fetchall()
    assert rows and all(count > 0 for _, count in rows)


@pytest.mark.parametrize("table", [table for table in TABLES if enum_columns(table)])
def test_parquet_stores_vocabulary_columns_as_dictionaries(published: Path, table: str) -> None:
    schema = pq.read_schema(published / f"{table}.parquet")
    for column in enum_columns(table):
        assert pa.types.is_dictionary(schema.field(column).type), column


# --- Landing page ---------------------------------------------------------------------------------


@pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed (`make browser` installs it)")
def test_the_published_landing_page_renders_in_chromium_with_every_link_resolving(published: Path) -> None:
    report = open_page_report(published / "index.html")
    assert report.svg_count >= 2 and "events" in report.text
    assert not (report.console_errors or report.page_errors or report.failed_requests)
    assert not report.broken_links
    local = {link.href.split("#")[0] for link in report.links if link.local and not link.href.startswith("#")}
    assert {f"{table}.csv" for table in TABLES} | {f"{table}.parquet" for table in TABLES} <= local


# --- CSV files open as they should in the tools analysts use -------------------------------------------
# events.csv: its first header, text with curly quotes and diacritics (evidence), dates that may be
# empty (start_date) and whole numbers (char_start), as each tool reads them.


# pandas lives beside the venv (`make test` installs it into .venv/readers), not in it: installed
# there, it would be imported by pandera into every process of a run (~0.8 s of CPU each).
PANDAS_READER = Path(__file__).resolve().parents[1] / ".venv" / "readers"
READ_WITH_PANDAS = """
import json, sys
import pandas
frame = pandas.read_csv(sys.argv[1], keep_default_na=False, na_values=[""], parse_dates=["start_date"])
print(json.dumps({"header": frame.columns[0], "text": frame["evidence"].tolist(),
                  "numbers": [int(n) for n in frame["char_start"]],
                  "dates": [None if pandas.isna(v) else v.date().isoformat() for v in frame["start_date"]]}))
"""


def _pandas(path: Path) -> dict:
    import datetime as dt

    assert (PANDAS_READER / "pandas").is_dir(), f"no pandas in {PANDAS_READER}: `make test` installs it"
    done = subprocess.run([sys.executable, "-c", READ_WITH_PANDAS, str(path)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(PANDAS_READER)}, timeout=300)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    found["dates"] = [dt.date.fromisoformat(day) if day else None for day in found["dates"]]
    return found


def _polars(path: Path) -> dict:
    frame = pl.read_csv(path, try_parse_dates=True)
    return {"header": frame.columns[0], "text": frame["evidence"].to_list(), "numbers": frame["char_start"].to_list(),
            "dates": frame["start_date"].to_list()}


def _duckdb(path: Path) -> dict:
    relation = duckdb.sql(f"SELECT * FROM read_csv('{path}', header = true)")
    at = {name: index for index, name in enumerate(relation.columns)}
    rows = relation.fetchall()
    return {"header": relation.columns[0], "text": [row[at["evidence"]] for row in rows],
            "numbers": [row[at["char_start"]] for row in rows], "dates": [row[at["start_date"]] for row in rows]}


def _python_csv(path: Path) -> dict:
    import csv
    import datetime as dt

    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {"header": next(iter(rows[0])), "text": [row["evidence"] for row in rows],
            "numbers": [int(row["char_start"]) for row in rows],
            "dates": [dt.date.fromisoformat(row["start_date"]) if row["start_date"] else None for row in rows]}


@pytest.mark.parametrize("read", [_pandas, _polars, _duckdb, _python_csv], ids=["pandas", "polars", "duckdb", "csv"])
def test_a_csv_file_reads_back_its_header_text_dates_and_numbers(published: Path, read) -> None:
    expected = pq.read_table(published / "events.parquet").to_pydict()
    found = read(published / "events.csv")
    assert found["header"] == "event_id"
    assert found["text"] == expected["evidence"] and any(not text.isascii() for text in found["text"])
    assert found["numbers"] == expected["char_start"] and found["dates"] == expected["start_date"]
    assert None in found["dates"]


def test_csv_files_start_with_a_utf8_byte_order_mark_for_spreadsheets(published: Path) -> None:
    assert all((published / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf") for table in TABLES)



def test_a_run_s_worker_imports_neither_pandas_nor_numpy() -> None:
    """pandera imports pandas whenever it can: installed in the venv, it would cost every process of
    a run ~0.8 s of CPU at start-up for a library the run never uses."""
    probe = "import sys, flows.batches; print(sorted({'pandas', 'numpy'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.strip() == "[]", done.stderr
