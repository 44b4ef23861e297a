"""Specification of bilateral.duckdb built from the previous release's file: the same database as
one written anew, except when the old file must not be carried forward."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

import flows.duckdb_export as duckdb_export
from flows.duckdb_export import READABLE_BY_DUCKDB_1, PreviousDatabase, storage_version, write_duckdb
from flows.history import row_differences
from schemas.tables import PRIMARY_KEYS, TABLES
from test_schemas import actor, article, conflict, event, release, statistic

FIRST = release(
    articles=[article(), article(article_id="art_2", source_file="b.txt", title="Second report")],
    events=[event(), event(event_id="evt_2", article_id="art_2", participants=[])],
    statistics=[statistic(), statistic(statistic_id="sta_2", qualifier="approximate")],
    conflicts=[conflict(), conflict(conflict_id="con_2", value="2024-10-07")],
    actors=[actor()],
)

# One more article; one event changed, one added; a conflict gone, an actor changed.
SECOND = release(
    articles=[article(), article(article_id="art_2", source_file="b.txt", title="Second report"),
              article(article_id="art_3", source_file="c.txt", title="Third report")],
    events=[event(), event(event_id="evt_2", article_id="art_2", participants=["Macron"]),
            event(event_id="evt_3", article_id="art_3", start_date=None, end_date=None, date_precision="unknown")],
    statistics=[statistic(), statistic(statistic_id="sta_2", qualifier="approximate")],
    conflicts=[conflict()],
    actors=[actor(titles=["President", "Head of state"])],
)


def built_from(previous: Path, before: dict[str, pl.DataFrame], after: dict[str, pl.DataFrame]) -> PreviousDatabase:
    """The previous database holding `before`, with the differences of `after` from it."""
    return PreviousDatabase(previous, {table: row_differences(table, before.get(table), frame) for table, frame in after.items()})


def rows(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY "{PRIMARY_KEYS[table]}"').fetchall()
                for table in TABLES}


def definitions(path: Path) -> tuple:
    with duckdb.connect(str(path), read_only=True) as connection:
        return duckdb_export._definitions(connection)


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    path = tmp_path / "previous.duckdb"
    write_duckdb(FIRST, path)
    return path


@pytest.fixture
def written_anew(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Paths written from scratch (not from the previous file)."""
    paths: list[Path] = []
    write_new = duckdb_export._write_new
    monkeypatch.setattr(duckdb_export, "_write_new", lambda tables, path: (paths.append(path), write_new(tables, path)))
    return paths


def test_a_database_built_from_the_previous_one_holds_what_a_new_one_holds(tmp_path: Path, previous: Path,
                                                                            written_anew: list[Path]) -> None:
    write_duckdb(SECOND, tmp_path / "patched.duckdb", built_from(previous, FIRST, SECOND))
    write_duckdb(SECOND, tmp_path / "new.duckdb")
    assert written_anew == [tmp_path / "new.duckdb"]
    assert rows(tmp_path / "patched.duckdb") == rows(tmp_path / "new.duckdb")
    assert definitions(tmp_path / "patched.duckdb") == definitions(tmp_path / "new.duckdb")


def test_the_previous_database_is_left_as_it_was(tmp_path: Path, previous: Path) -> None:
    before = rows(previous)
    write_duckdb(SECOND, tmp_path / "patched.duckdb", built_from(previous, FIRST, SECOND))
    assert rows(previous) == before


def test_a_release_whose_differences_miss_a_table_is_written_anew(
        tmp_path: Path, previous: Path, written_anew: list[Path]) -> None:
    partly_known = built_from(previous, FIRST, {table: SECOND[table] for table in SECOND if table != "events"})
    write_duckdb(SECOND, tmp_path / "next.duckdb", partly_known)
    assert written_anew == [tmp_path / "next.duckdb"]
    assert rows(tmp_path / "next.duckdb") == rows_of(SECOND)


@pytest.mark.parametrize("second", [
    pytest.param(release(articles=[article()]), id="an article removed"),
    pytest.param(release(articles=[article(), article(article_id="art_2", source_file="b.txt", title="Corrected")]),
                 id="an article changed"),
])
def test_a_release_that_removes_or_changes_an_article_is_written_anew(
        tmp_path: Path, previous: Path, written_anew: list[Path], second: dict[str, pl.DataFrame]) -> None:
    """A deleted row's bytes stay in a database file until the space is reused: a taken-down or
    corrected article must not ship inside the next release's file."""
    write_duckdb(second, tmp_path / "next.duckdb", built_from(previous, FIRST, second))
    assert written_anew == [tmp_path / "next.duckdb"]
    assert rows(tmp_path / "next.duckdb")["articles"] == rows_of(second)["articles"]


def rows_of(tables: dict[str, pl.DataFrame]) -> dict[str, list[tuple]]:
    with duckdb.connect() as connection:
        result = {}
        for table, frame in tables.items():
            connection.register("frame", frame.to_arrow())
            result[table] = connection.execute(f'SELECT * FROM frame ORDER BY "{PRIMARY_KEYS[table]}"').fetchall()
            connection.unregister("frame")
        return result


def run_by_hand(path: Path, statement: str) -> None:
    """A user's own statement on a release's database file."""
    with duckdb.connect(str(path)) as connection:
        connection.execute(statement)


@pytest.mark.parametrize("change", [
    pytest.param("CREATE VIEW mine AS SELECT * FROM events", id="a user's view"),
    pytest.param("CREATE TABLE notes (note VARCHAR)", id="a user's table"),
    pytest.param("COMMENT ON COLUMN events.description IS 'an older description'", id="an older comment"),
    pytest.param("ALTER TABLE events DROP COLUMN evidence", id="an older table"),
])
def test_a_previous_database_defined_otherwise_is_not_carried_forward(
        tmp_path: Path, previous: Path, written_anew: list[Path], change: str) -> None:
    run_by_hand(previous, change)
    write_duckdb(SECOND, tmp_path / "next.duckdb", built_from(previous, FIRST, SECOND))
    write_duckdb(SECOND, tmp_path / "new.duckdb")
    assert written_anew == [tmp_path / "next.duckdb", tmp_path / "new.duckdb"]
    assert definitions(tmp_path / "next.duckdb") == definitions(tmp_path / "new.duckdb")


@pytest.mark.parametrize("change", [
    pytest.param("INSERT INTO statistics SELECT * REPLACE ('sta_added_by_hand' AS statistic_id) FROM statistics LIMIT 1",
                 id="a row added by hand"),
    pytest.param("DELETE FROM statistics WHERE statistic_id = 'sta_2'", id="a row deleted by hand"),
])
def test_a_previous_database_whose_rows_were_edited_is_not_carried_forward(
        tmp_path: Path, previous: Path, written_anew: list[Path], change: str) -> None:
    run_by_hand(previous, change)
    write_duckdb(SECOND, tmp_path / "next.duckdb", built_from(previous, FIRST, SECOND))
    assert written_anew == [tmp_path / "next.duckdb"]
    assert rows(tmp_path / "next.duckdb") == rows_of(SECOND)


def test_a_previous_database_with_a_write_ahead_log_is_not_carried_forward(
        tmp_path: Path, previous: Path, written_anew: list[Path]) -> None:
    previous.with_name(previous.name + ".wal").write_bytes(b"changes not in the file")
    write_duckdb(SECOND, tmp_path / "next.duckdb", built_from(previous, FIRST, SECOND))
    assert written_anew == [tmp_path / "next.duckdb"]


def test_an_unreadable_previous_database_is_not_carried_forward(tmp_path: Path, written_anew: list[Path]) -> None:
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database")
    write_duckdb(SECOND, tmp_path / "next.duckdb", built_from(broken, FIRST, SECOND))
    assert written_anew == [tmp_path / "next.duckdb"]
    assert rows(tmp_path / "next.duckdb") == rows_of(SECOND)


# --- Readable by DuckDB 1.x ------------------------------------------------------------------------

DUCKDB_1 = Path(__file__).resolve().parents[1] / ".venv" / "duckdb1"
READ_WITH_DUCKDB_1 = """
import json, sys
import duckdb
assert duckdb.__version__.startswith("1."), duckdb.__version__
with duckdb.connect(sys.argv[1], read_only=True) as connection:
    tables = [name for (name,) in connection.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
    print(json.dumps({name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}))
"""


def counts_read_by_duckdb_1(path: Path) -> dict[str, int]:
    assert (DUCKDB_1 / "duckdb").is_dir(), f"no DuckDB 1.x reader in {DUCKDB_1}: `make test` installs it"
    result = subprocess.run([sys.executable, "-c", READ_WITH_DUCKDB_1, str(path)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(DUCKDB_1)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_new_database_opens_in_duckdb_1(tmp_path: Path) -> None:
    write_duckdb(SECOND, tmp_path / "new.duckdb")
    assert storage_version(tmp_path / "new.duckdb") in READABLE_BY_DUCKDB_1
    assert counts_read_by_duckdb_1(tmp_path / "new.duckdb") == {table: len(rows) for table, rows in rows(tmp_path / "new.duckdb").items()}


def test_a_patched_database_opens_in_duckdb_1(tmp_path: Path, previous: Path) -> None:
    write_duckdb(SECOND, tmp_path / "patched.duckdb", built_from(previous, FIRST, SECOND))
    assert counts_read_by_duckdb_1(tmp_path / "patched.duckdb") == {table: len(rows) for table, rows in rows_of(SECOND).items()}


def test_a_previous_database_in_a_format_duckdb_1_cannot_read_is_not_built_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    newer = tmp_path / "newer.duckdb"
    with monkeypatch.context() as patch:
        patch.setattr(duckdb_export, "STORAGE_COMPATIBILITY", "latest")   # as a release by an older version
        write_duckdb(FIRST, newer)
    assert storage_version(newer) not in READABLE_BY_DUCKDB_1
    written: list[Path] = []
    write_new = duckdb_export._write_new
    monkeypatch.setattr(duckdb_export, "_write_new", lambda tables, path: (written.append(path), write_new(tables, path)))
    write_duckdb(SECOND, tmp_path / "next.duckdb", built_from(newer, FIRST, SECOND))
    assert written == [tmp_path / "next.duckdb"] and storage_version(tmp_path / "next.duckdb") in READABLE_BY_DUCKDB_1
