"""Specification of a published release: files, formats, datapackage and atomic switching."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import flows.duckdb_export as duckdb_export
import flows.publish as publish
from flows.ownership import STAGING_PREFIX
from flows.publish import IncompleteReleaseError, PublishedRelease, publish_release, release_file_names
from schemas.datapackage import data_dictionary_markdown
from schemas.tables import PRIMARY_KEYS, TABLES, enum_columns, table_schema
from schemas.validate import validate_release
from test_schemas import (  # the hand-built valid rows
    actor,
    actor_mention,
    agreement,
    article,
    canonical_agreement,
    canonical_event,
    canonical_statistic,
    conflict,
    event,
    rejection,
    release,
    statistic,
)  # the hand-built valid rows

TABLE_FILES = [f"{table}.{extension}" for table in TABLES for extension in ("parquet", "csv")]


def sample_release() -> dict[str, pl.DataFrame]:
    """Two rows per table, given in reverse id order, with nulls, empty lists and awkward text."""
    return validate_release(
        release(
            articles=[article(article_id="art_2", outlet=None, url=None, published_date=None), article()],
            events=[
                event(event_id="evt_2", participants=[], start_date=None, end_date=None, date_precision="unknown"),
                event(evidence='He said "welcome, friends",\nthen left.'),
            ],
            agreements=[agreement(agreement_id="agr_2", related_event_id=None, topics=[]), agreement()],
            statistics=[statistic(statistic_id="sta_2", unit="person", currency=None, indicator="students"), statistic()],
            rejections=[rejection(rejection_id="rej_2", source_file="bin.txt", reason="not_text"), rejection()],
            actor_mentions=[actor_mention(mention_id="men_2", name="Macron", aliases=[], titles=[],
                                          country_code=None, actor_id="act_2"), actor_mention()],
            actors=[actor(actor_id="act_2", name="Macron", title=None, titles=[], country_code=None), actor()],
            canonical_events=[canonical_event(canonical_event_id="cev_2", start_date=None, end_date=None,
                                              first_reported=None), canonical_event()],
            canonical_agreements=[canonical_agreement(canonical_agreement_id="cag_2", canonical_event_id=None),
                                  canonical_agreement()],
            canonical_statistics=[canonical_statistic(canonical_statistic_id="cst_2", currency=None, unit="person"),
                                  canonical_statistic()],
            conflicts=[conflict(conflict_id="con_2", value="2024-10-07"), conflict()],
        )
    )


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot(output: Path) -> dict[str, bytes | str]:
    """Every top-level entry: link targets for symlinks, bytes read through them."""
    state: dict[str, bytes | str] = {}
    for entry in sorted(output.iterdir()):
        if entry.is_symlink():
            state[f"{entry.name}@"] = os.readlink(entry)
        if entry.is_file():
            state[entry.name] = entry.read_bytes()
    return state


@pytest.fixture
def published(tmp_path: Path) -> PublishedRelease:
    return publish_release(sample_release(), tmp_path)


# --- Files and formats -------------------------------------------------------------------------


def test_release_holds_parquet_and_csv_per_table_plus_datapackage_and_dictionary(published: PublishedRelease) -> None:
    documents = ["datapackage.json", "data_dictionary.md", "bilateral.duckdb", "CHANGELOG.md", "index.html"]
    assert sorted(path.name for path in published.files) == sorted([*TABLE_FILES, *documents])
    assert all(path.parent == published.release_dir and path.is_file() for path in published.files)


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_and_csv_have_the_same_rows(published: PublishedRelease, table: str) -> None:
    parquet = pl.read_parquet(published.release_dir / f"{table}.parquet")
    rows = csv_rows(published.release_dir / f"{table}.csv")
    assert parquet.height == len(rows) == published.rows[table] == 2
    assert [row[PRIMARY_KEYS[table]] for row in rows] == parquet[PRIMARY_KEYS[table]].to_list()


@pytest.mark.parametrize("table", list(TABLES))
def test_rows_are_sorted_by_primary_key(published: PublishedRelease, table: str) -> None:
    ids = pl.read_parquet(published.release_dir / f"{table}.parquet")[PRIMARY_KEYS[table]].to_list()
    assert ids == sorted(ids)


@pytest.mark.parametrize("table", list(TABLES))
def test_parquet_keeps_the_published_types_and_column_order(published: PublishedRelease, table: str) -> None:
    """Vocabulary columns are dictionary-encoded, so polars reads them as categoricals."""
    frame = pl.read_parquet(published.release_dir / f"{table}.parquet")
    enums = enum_columns(table)
    expected = {name: pl.Categorical() if name in enums else column.dtype.type
                for name, column in table_schema(table).columns.items()}
    assert frame.schema == pl.Schema(expected)


def test_csv_joins_list_values_with_semicolons(published: PublishedRelease) -> None:
    first, second = csv_rows(published.release_dir / "events.csv")
    assert first["participants"] == "To Lam; Emmanuel Macron"
    assert first["participant_countries"] == "VN; FR"
    assert second["participants"] == ""


def test_csv_writes_iso_dates_and_empty_cells_for_nulls(published: PublishedRelease) -> None:
    first, second = csv_rows(published.release_dir / "events.csv")
    assert (first["start_date"], first["end_date"]) == ("2024-10-06", "2024-10-07")
    assert (second["start_date"], second["end_date"]) == ("", "")
    assert csv_rows(published.release_dir / "statistics.csv")[1]["currency"] == ""


def test_csv_keeps_quotes_commas_and_newlines_inside_a_cell(published: PublishedRelease) -> None:
    assert csv_rows(published.release_dir / "events.csv")[0]["evidence"] == 'He said "welcome, friends",\nthen left.'


def test_data_dictionary_is_the_generated_one(published: PublishedRelease) -> None:
    assert (published.release_dir / "data_dictionary.md").read_text(encoding="utf-8") == data_dictionary_markdown()


def test_empty_tables_publish_header_only_csv(tmp_path: Path) -> None:
    empty = validate_release({table: release()[table].clear() for table in TABLES})
    result = publish_release(empty, tmp_path)
    assert result.rows == {table: 0 for table in TABLES}
    header = (result.release_dir / "events.csv").read_text(encoding="utf-8-sig").splitlines()
    assert header == [",".join(table_schema("events").columns)]


# --- Data package ------------------------------------------------------------------------------


def datapackage(published: PublishedRelease) -> dict:
    return json.loads((published.release_dir / "datapackage.json").read_text(encoding="utf-8"))


def resource(published: PublishedRelease, table: str) -> dict:
    return next(item for item in datapackage(published)["resources"] if item["name"] == table)


def test_datapackage_describes_every_table_in_order(published: PublishedRelease) -> None:
    package = datapackage(published)
    assert package["name"] == "bilateral"
    assert package["licenses"] and package["title"]
    assert [item["name"] for item in package["resources"]] == list(TABLES)


@pytest.mark.parametrize("table", list(TABLES))
def test_datapackage_fields_match_the_schema_and_have_descriptions(published: PublishedRelease, table: str) -> None:
    fields = resource(published, table)["schema"]["fields"]
    assert [field["name"] for field in fields] == list(table_schema(table).columns)
    assert all(field["description"] for field in fields)
    assert resource(published, table)["schema"]["primaryKey"] == PRIMARY_KEYS[table]


@pytest.mark.parametrize("table", list(TABLES))
def test_datapackage_row_counts_bytes_and_hashes_match_the_files(published: PublishedRelease, table: str) -> None:
    described = resource(published, table)
    for entry in (described, described["parquet"]):
        data = (published.release_dir / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
    assert described["rows"] == published.rows[table]
    assert (described["format"], described["mediatype"], described["encoding"]) == ("csv", "text/csv", "utf-8-sig")


def test_datapackage_declares_constraints_and_foreign_keys(published: PublishedRelease) -> None:
    fields = {field["name"]: field for field in resource(published, "agreements")["schema"]["fields"]}
    assert fields["agreement_id"]["constraints"] == {"required": True, "unique": True, "minLength": 1}
    assert "joint_statement" in fields["agreement_type"]["constraints"]["enum"]
    assert fields["confidence"]["constraints"] | {"minimum": 0.0, "maximum": 1.0} == fields["confidence"]["constraints"]
    assert fields["topics"]["type"] == "string" and "joined with '; '" in fields["topics"]["description"]
    assert fields["signed_date"]["type"] == "date"
    assert resource(published, "agreements")["schema"]["foreignKeys"] == [
        {"fields": "article_id", "reference": {"resource": "articles", "fields": "article_id"}},
        {"fields": "related_event_id", "reference": {"resource": "events", "fields": "event_id"}},
        {"fields": "canonical_agreement_id",
         "reference": {"resource": "canonical_agreements", "fields": "canonical_agreement_id"}},
    ]


# --- Layout and atomic switching ---------------------------------------------------------------


def test_top_level_files_are_relative_links_through_current(tmp_path: Path, published: PublishedRelease) -> None:
    assert os.readlink(tmp_path / "current") == f"releases/{published.release_dir.name}"
    for name in release_file_names():
        assert os.readlink(tmp_path / name) == f"current/{name}"
        assert (tmp_path / name).read_bytes() == (published.release_dir / name).read_bytes()


def test_publishing_the_same_frames_again_reuses_the_release(tmp_path: Path, published: PublishedRelease) -> None:
    before = {path: path.read_bytes() for path in published.files}
    again = publish_release(sample_release(), tmp_path)
    assert again.reused and not published.reused
    assert again.release_dir == published.release_dir
    assert {path: path.read_bytes() for path in again.files} == before
    assert [entry.name for entry in (tmp_path / "releases").iterdir()] == [published.release_dir.name]


def test_new_content_gets_a_new_release_and_keeps_the_old_one(tmp_path: Path, published: PublishedRelease) -> None:
    changed = publish_release(validate_release(release()), tmp_path)
    assert changed.release_dir != published.release_dir
    assert published.release_dir.is_dir()
    assert os.readlink(tmp_path / "current") == f"releases/{changed.release_dir.name}"
    assert len(csv_rows(tmp_path / "events.csv")) == 1


def test_a_release_written_before_a_column_existed_is_diffed_as_changed_rows(
        tmp_path: Path, published: PublishedRelease) -> None:
    old_events = published.release_dir / "events.parquet"       # as an older version wrote it
    old_events.chmod(0o644)
    old_bytes = old_events.read_bytes()
    pl.read_parquet(old_events).drop("participant_ids").write_parquet(old_events)
    record = published.release_dir / "release.json"
    record.chmod(0o644)
    record.write_text(json.dumps({**json.loads(record.read_text()), "content_id": "written-by-an-older-version"}))
    package = published.release_dir / "datapackage.json"
    package.chmod(0o644)
    package.write_text(package.read_text().replace(hashlib.sha256(old_bytes).hexdigest(), hashlib.sha256(old_events.read_bytes()).hexdigest()))
    database = published.release_dir / "bilateral.duckdb"
    database.chmod(0o644)
    with duckdb.connect(str(database)) as connection:
        connection.execute("ALTER TABLE events DROP COLUMN participant_ids")
    upgraded = publish_release(sample_release(), tmp_path)
    assert not upgraded.reused
    assert (upgraded.changes["events"].added, upgraded.changes["events"].changed) == (0, 2)


def test_switching_back_to_earlier_content_is_a_new_version_with_the_same_content(
        tmp_path: Path, published: PublishedRelease) -> None:
    publish_release(validate_release(release()), tmp_path)
    back = publish_release(sample_release(), tmp_path)
    assert not back.reused and back.content_id == published.content_id
    assert back.version not in {published.version} and back.changes["events"].added == 1
    assert os.readlink(tmp_path / "current") == f"releases/{back.version}"


def test_failed_publish_leaves_the_previous_release_and_top_level_files_untouched(
    tmp_path: Path, published: PublishedRelease, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(tmp_path)
    release_before = {path: path.read_bytes() for path in published.files}
    write_csv = publish._write_csv

    def fail_on_events(frame: pl.DataFrame, arrow: pa.Table, path: Path) -> None:
        if path.name == "events.csv":
            raise OSError("disk full")
        write_csv(frame, arrow, path)

    monkeypatch.setattr(publish, "_write_csv", fail_on_events)
    with pytest.raises(OSError, match="disk full"):
        publish_release(validate_release(release()), tmp_path)
    assert snapshot(tmp_path) == before
    assert {path: path.read_bytes() for path in published.files} == release_before
    assert [entry.name for entry in (tmp_path / "releases").iterdir()] == [published.release_dir.name]


def test_leftovers_of_a_killed_run_do_not_block_the_next_one(tmp_path: Path) -> None:
    staged = f"{STAGING_PREFIX}release-{'0' * 32}"
    (tmp_path / "releases" / staged).mkdir(parents=True)
    (tmp_path / "releases" / staged / "events.csv").write_text("half", encoding="utf-8")
    os.symlink(f"releases/{staged}", tmp_path / f"{STAGING_PREFIX}current-{'0' * 32}")
    result = publish_release(sample_release(), tmp_path)
    assert len(csv_rows(tmp_path / "events.csv")) == result.rows["events"]


def test_a_users_own_file_of_a_release_files_name_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>my site</p>", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Output\n", encoding="utf-8")
    os.symlink("elsewhere/CHANGELOG.md", tmp_path / "CHANGELOG.md")
    published = publish_release(sample_release(), tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>my site</p>"
    assert os.readlink(tmp_path / "CHANGELOG.md") == "elsewhere/CHANGELOG.md"
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "# Output\n"
    assert sorted(published.not_linked) == ["CHANGELOG.md", "index.html"]
    assert os.readlink(tmp_path / "events.csv") == "current/events.csv"


@pytest.mark.parametrize("missing", list(TABLES))
def test_publish_refuses_a_release_with_a_missing_table(tmp_path: Path, missing: str) -> None:
    frames = sample_release()
    del frames[missing]
    with pytest.raises(IncompleteReleaseError, match=missing):
        publish_release(frames, tmp_path)
    assert list(tmp_path.iterdir()) == []


# --- Readers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLE_FILES)
def test_duckdb_reads_every_file_through_the_top_level_links(tmp_path: Path, published: PublishedRelease, name: str) -> None:
    reader = "read_parquet" if name.endswith(".parquet") else "read_csv"
    [(count,)] = duckdb.sql(f"select count(*) from {reader}('{tmp_path / name}')").fetchall()
    assert count == published.rows[name.split(".")[0]]


def test_duckdb_sees_parquet_dates_and_lists_as_typed_columns(tmp_path: Path, published: PublishedRelease) -> None:
    described = duckdb.sql(f"describe select * from read_parquet('{tmp_path / 'events.parquet'}')").fetchall()
    columns = {row[0]: row[1] for row in described}
    assert (columns["start_date"], columns["participants"], columns["char_start"]) == ("DATE", "VARCHAR[]", "BIGINT")


# Text an extractor might produce: any printable text, including quotes, commas and newlines.
_cell_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=";\x00"), min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(evidence=st.lists(_cell_text, min_size=0, max_size=4), participants=st.lists(_cell_text, max_size=3))
def test_csv_round_trips_any_text_with_the_same_row_count(evidence: list[str], participants: list[str]) -> None:
    events = [event(event_id=f"evt_{n}", evidence=text, participants=participants) for n, text in enumerate(evidence)]
    with tempfile.TemporaryDirectory() as folder:
        frames = release(events=events, agreements=[agreement(related_event_id=None)])
        result = publish_release(validate_release(frames), Path(folder))
        rows = csv_rows(result.release_dir / "events.csv")
        assert [row["evidence"] for row in rows] == [as_safe_csv(text) for text in evidence]
        assert all(row["participants"] == as_safe_csv("; ".join(participants)) for row in rows)


def as_safe_csv(text: str) -> str:
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


@pytest.mark.parametrize(("evidence", "in_csv"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1 (555) 0100", "'+1 (555) 0100"),
    ("-5% in exports", "'-5% in exports"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("Trade grew by 5%", "Trade grew by 5%"),
    ("A = B", "A = B"),
])
def test_csv_neutralises_text_a_spreadsheet_would_evaluate(tmp_path: Path, evidence: str, in_csv: str) -> None:
    result = publish_release(validate_release(release(events=[event(evidence=evidence)])), tmp_path)
    assert csv_rows(result.release_dir / "events.csv")[0]["evidence"] == in_csv
    assert pl.read_parquet(result.release_dir / "events.parquet")["evidence"].to_list() == [evidence]


def test_csv_neutralises_a_list_cell_that_starts_with_a_formula(tmp_path: Path) -> None:
    result = publish_release(validate_release(release(events=[event(participants=["=cmd()", "To Lam"])])), tmp_path)
    assert csv_rows(result.release_dir / "events.csv")[0]["participants"] == "'=cmd(); To Lam"


def test_csv_skips_the_null_items_of_a_list(tmp_path: Path) -> None:
    """Unvalidated frames can hold them: the CSV joins the other items, as it always has."""
    result = publish_release(release(events=[event(participants=["To Lam", None, "Kishida"]), event(event_id="evt_2")]),
                             tmp_path)
    assert csv_rows(result.release_dir / "events.csv")[0]["participants"] == "To Lam; Kishida"


def test_a_large_table_also_gets_a_year_partitioned_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.partitions as partitions

    monkeypatch.setattr(partitions, "PARTITION_ROWS", 2)
    result = publish_release(sample_release(), tmp_path)
    folder = result.release_dir / "events_by_year"
    assert sorted(p.name for p in folder.iterdir()) == ["year=2024", "year=__HIVE_DEFAULT_PARTITION__"]
    [(rows, years)] = duckdb.sql(
        f"select count(*), count(distinct year) from read_parquet('{folder}/*/*.parquet', hive_partitioning=true)").fetchall()
    assert (rows, years) == (2, 1)
    assert not (result.release_dir / "rejections_by_year").exists()      # no year to partition by


def test_small_tables_are_not_partitioned(published: PublishedRelease) -> None:
    assert not list(published.release_dir.glob("*_by_year"))


# --- Content id and change counts --------------------------------------------------------------


def shuffled_and_chunked(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The same rows in another order and in several chunks, as batches or a re-read would give them."""
    return {table: pl.concat([frame.reverse().slice(1), frame.reverse().slice(0, 1)], rechunk=False)
            for table, frame in frames.items()}


def test_equal_content_gets_the_same_content_id_whatever_the_row_order_and_chunks(
        tmp_path: Path, published: PublishedRelease) -> None:
    again = publish_release(shuffled_and_chunked(sample_release()), tmp_path / "other")
    assert again.content_id == published.content_id


def test_the_content_id_is_the_same_in_another_process(tmp_path: Path, published: PublishedRelease) -> None:
    tests = Path(__file__).resolve().parent
    script = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
              "from test_publish import sample_release; from flows.publish import publish_release; "
              "print(publish_release(sample_release(), Path(sys.argv[2])).content_id)")
    result = subprocess.run([sys.executable, "-c", script, str(tests), str(tmp_path / "other")],
                            capture_output=True, text=True, check=True, cwd=tests.parent)
    assert result.stdout.strip() == published.content_id


def second_release() -> dict[str, pl.DataFrame]:
    """The sample release with one event rewritten and one conflict gone."""
    frames = sample_release()
    frames["events"] = frames["events"].with_columns(
        pl.when(pl.col("event_id") == "evt_2").then(pl.lit("rewritten")).otherwise(pl.col("description")).alias("description"))
    frames["conflicts"] = frames["conflicts"].head(1)
    return frames


def database_rows(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY "{PRIMARY_KEYS[table]}"').fetchall()
                for table in TABLES}


@pytest.mark.parametrize("previous_database", [
    pytest.param(True, id="the database built from the previous one"),
    pytest.param(False, id="a database written anew"),
])
def test_changes_are_counted_by_id(tmp_path: Path, published: PublishedRelease, previous_database: bool) -> None:
    if not previous_database:
        (published.release_dir / "bilateral.duckdb").unlink()
    changed = publish_release(second_release(), tmp_path)
    counts = {table: (c.added, c.removed, c.changed) for table, c in changed.changes.items() if c.any}
    assert counts == {"events": (0, 0, 1), "conflicts": (0, 1, 0)}
    record = json.loads((changed.release_dir / "release.json").read_text(encoding="utf-8"))
    assert record["changes"]["events"] == {"added": 0, "removed": 0, "changed": 1}


def test_a_database_built_from_the_previous_one_equals_one_written_anew(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same rows (enums, lists, nulls), same changes, whichever way the database was made."""
    outputs = {way: tmp_path / way for way in ("patched", "anew")}
    for way, output in outputs.items():
        first = publish_release(sample_release(), output)
        if way == "anew":
            (first.release_dir / "bilateral.duckdb").unlink()
    written_anew: list[Path] = []
    write_new = duckdb_export._write_new
    monkeypatch.setattr(duckdb_export, "_write_new", lambda tables, path: (written_anew.append(path), write_new(tables, path)))
    second = {way: publish_release(second_release(), output) for way, output in outputs.items()}
    assert [path.parents[2] for path in written_anew] == [outputs["anew"]]
    assert second["patched"].changes == second["anew"].changes
    assert (database_rows(second["patched"].release_dir / "bilateral.duckdb")
            == database_rows(second["anew"].release_dir / "bilateral.duckdb"))


def test_a_failure_while_writing_duckdb_leaves_no_staging_folder(
        tmp_path: Path, published: PublishedRelease, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot(tmp_path)

    def fail(tables: object, path: Path, previous: Path | None = None) -> None:
        path.write_bytes(b"half a database")
        raise OSError("disk full")

    monkeypatch.setattr(publish, "write_duckdb", fail)
    with pytest.raises(OSError, match="disk full"):
        publish_release(validate_release(release()), tmp_path)
    assert snapshot(tmp_path) == before
    assert [entry.name for entry in (tmp_path / "releases").iterdir()] == [published.release_dir.name]
