"""Specification of the published tables: what a release must satisfy to be published."""
from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
import pytest

from schemas.datapackage import data_dictionary_markdown
from schemas.tables import (
    PRIMARY_KEYS,
    TABLES,
    column_dtypes,
    frame_from_records,
    table_schema,
    vocabulary,
    vocabulary_values,
)
from schemas.validate import MAX_EXAMPLES, ReleaseValidationError, validate_release

# --- A small valid release, built by hand ------------------------------------------------------


def article(**overrides: Any) -> dict[str, Any]:
    return {
        "article_id": "art_1",
        "source_file": "2024/000_vn_fr.txt",
        "title": "Vietnam and France upgrade ties",
        "outlet": "Example News",
        "url": "https://example.org/vn-fr",
        "published_date": date(2024, 10, 8),
        "reference_date": date(2024, 10, 8),
        "n_words": 420,
        "sha256": "ab" * 32,
    } | overrides


def event(**overrides: Any) -> dict[str, Any]:
    return {
        "event_id": "evt_1",
        "article_id": "art_1",
        "event_type": "visit",
        "description": "Official visit to France",
        "start_date": date(2024, 10, 6),
        "end_date": date(2024, 10, 7),
        "date_precision": "day",
        "date_text": "October 6-7",
        "location": "Paris",
        "country_code": "FR",
        "participants": ["To Lam", "Emmanuel Macron"],
        "participant_countries": ["VN", "FR"],
        "participant_ids": ["act_tolam", "act_macron"],
        "canonical_event_id": "cev_1",
        "evidence": "To Lam paid an official visit to France on October 6-7.",
        "char_start": 0,
        "char_end": 56,
        "confidence": 0.9,
    } | overrides


def agreement(**overrides: Any) -> dict[str, Any]:
    return {
        "agreement_id": "agr_1",
        "article_id": "art_1",
        "agreement_type": "partnership_upgrade",
        "title": "Comprehensive Strategic Partnership",
        "parties": ["VN", "FR"],
        "signed_date": date(2024, 10, 7),
        "date_precision": "day",
        "document_count": 1,
        "topics": ["trade", "defence"],
        "related_event_id": "evt_1",
        "canonical_agreement_id": "cag_1",
        "evidence": "The two sides upgraded ties to a Comprehensive Strategic Partnership.",
        "char_start": 57,
        "char_end": 126,
        "confidence": 0.8,
    } | overrides


def statistic(**overrides: Any) -> dict[str, Any]:
    return {
        "statistic_id": "sta_1",
        "article_id": "art_1",
        "indicator": "trade_turnover",
        "value": 5.0e9,
        "unit": "currency",
        "currency": "USD",
        "qualifier": "approximate",
        "year": 2023,
        "subject_countries": ["FR", "VN"],
        "canonical_statistic_id": "cst_1",
        "value_text": "about 5 billion USD",
        "evidence": "Two-way trade reached about 5 billion USD in 2023.",
        "char_start": 127,
        "char_end": 177,
        "confidence": 0.7,
    } | overrides


def rejection(**overrides: Any) -> dict[str, Any]:
    row = {"rejection_id": "rej_1", "source_file": "empty.txt", "reason": "empty", "detail": "the file is empty"}
    return row | overrides


def actor_mention(**overrides: Any) -> dict[str, Any]:
    return {
        "mention_id": "men_1",
        "article_id": "art_1",
        "name": "To Lam",
        "kind": "person",
        "aliases": ["General Secretary To Lam", "To Lam"],
        "titles": ["general secretary"],
        "country_code": "VN",
        "num_mentions": 2,
        "actor_id": "act_tolam",
        "evidence": "To Lam paid an official visit to France on October 6-7.",
        "char_start": 0,
        "char_end": 56,
    } | overrides


def actor(**overrides: Any) -> dict[str, Any]:
    return {
        "actor_id": "act_tolam",
        "name": "To Lam",
        "kind": "person",
        "aliases": ["General Secretary To Lam", "To Lam", "Tô Lâm"],
        "title": "general secretary",
        "titles": ["general secretary", "president"],
        "country_code": "VN",
        "num_articles": 1,
        "num_mentions": 2,
        "article_ids": ["art_1"],
    } | overrides


def canonical_event(**overrides: Any) -> dict[str, Any]:
    return {
        "canonical_event_id": "cev_1",
        "event_type": "visit",
        "description": "Official visit to France",
        "start_date": date(2024, 10, 6),
        "end_date": date(2024, 10, 7),
        "date_precision": "day",
        "location": "Paris",
        "country_code": "FR",
        "participants": ["To Lam", "Emmanuel Macron"],
        "participant_ids": ["act_tolam", "act_macron"],
        "num_articles": 1,
        "num_mentions": 1,
        "first_reported": date(2024, 10, 8),
        "article_ids": ["art_1"],
        "event_ids": ["evt_1"],
        "has_conflicts": False,
    } | overrides


def canonical_agreement(**overrides: Any) -> dict[str, Any]:
    return {
        "canonical_agreement_id": "cag_1",
        "agreement_type": "partnership_upgrade",
        "title": "Comprehensive Strategic Partnership",
        "parties": ["FR", "VN"],
        "signed_date": date(2024, 10, 7),
        "date_precision": "day",
        "document_count": 1,
        "topics": ["defence", "trade"],
        "canonical_event_id": "cev_1",
        "num_articles": 1,
        "num_mentions": 1,
        "first_reported": date(2024, 10, 8),
        "article_ids": ["art_1"],
        "agreement_ids": ["agr_1"],
        "has_conflicts": False,
    } | overrides


def canonical_statistic(**overrides: Any) -> dict[str, Any]:
    return {
        "canonical_statistic_id": "cst_1",
        "indicator": "trade_turnover",
        "unit": "currency",
        "currency": "USD",
        "year": 2023,
        "subject_countries": ["FR", "VN"],
        "value": 5.0e9,
        "value_min": 5.0e9,
        "value_max": 5.0e9,
        "values_agree": True,
        "qualifier": "approximate",
        "num_articles": 1,
        "num_mentions": 1,
        "first_reported": date(2024, 10, 8),
        "article_ids": ["art_1"],
        "statistic_ids": ["sta_1"],
        "has_conflicts": False,
    } | overrides


def conflict(**overrides: Any) -> dict[str, Any]:
    return {
        "conflict_id": "con_1",
        "canonical_table": "canonical_events",
        "canonical_id": "cev_1",
        "field": "start_date",
        "value": "2024-10-06",
        "num_articles": 1,
        "article_ids": ["art_1"],
        "mention_ids": ["evt_1"],
    } | overrides


VALID_ROWS = {"articles": article, "events": event, "agreements": agreement, "statistics": statistic,
              "actor_mentions": actor_mention, "actors": actor, "canonical_events": canonical_event,
              "canonical_agreements": canonical_agreement, "canonical_statistics": canonical_statistic,
              "conflicts": conflict,
              "rejections": rejection}


def release(**tables: list[dict[str, Any]]) -> dict[str, pl.DataFrame]:
    """A valid one-row-per-table release, with some tables' records replaced."""
    records = {table: [make()] for table, make in VALID_ROWS.items()} | tables
    return {table: frame_from_records(table, rows) for table, rows in records.items()}


def report_for(frames: dict[str, pl.DataFrame]) -> str:
    with pytest.raises(ReleaseValidationError) as caught:
        validate_release(frames)
    return str(caught.value)


def check_line(report: str, table: str, column: str, check: str) -> str:
    """The report line of `check` on `column`, inside the section of `table`."""
    section = report.split(f"table {table}\n", 1)[1].split("\n\ntable ", 1)[0]
    matches = [line for line in section.splitlines() if f"column {column} |" in line and f"check {check}" in line]
    assert matches, f"no line for {column}/{check} under table {table}:\n{report}"
    return matches[0]


# --- Accepting valid data ----------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_each_schema_accepts_a_valid_row(table: str) -> None:
    frame = frame_from_records(table, [VALID_ROWS[table]()])
    assert TABLES[table].validate(frame).height == 1


def test_a_valid_release_passes_and_comes_back_in_registry_order() -> None:
    validated = validate_release(release())
    assert list(validated) == list(TABLES)


def test_empty_tables_are_a_valid_release() -> None:
    validated = validate_release({table: frame_from_records(table, []) for table in TABLES})
    assert all(frame.height == 0 for frame in validated.values())


def test_optional_columns_may_be_null() -> None:
    nulls = dict(start_date=None, end_date=None, date_text=None, location=None, country_code=None, date_precision="unknown")
    validate_release(release(events=[event(**nulls)], agreements=[agreement(related_event_id=None, document_count=None)]))


def test_whole_numbers_are_coerced_into_float_columns() -> None:
    frames = release()
    frames["statistics"] = frames["statistics"].with_columns(pl.col("confidence").cast(pl.Int64).alias("confidence"))
    assert validate_release(frames)["statistics"].schema["confidence"] == pl.Float64


# --- Rejecting invalid data: the report names table, column, check and row id -----------------

REJECTIONS = [
    # (table, bad record, column, check)
    ("events", event(event_type="parade"), "event_type", "isin"),
    ("events", event(end_date=date(2024, 10, 5)), "start_date, end_date", "end_date_not_before_start_date"),
    ("events", event(confidence=1.5), "confidence", "in_range"),
    ("events", event(country_code="XX"), "country_code", "iso_3166_alpha2"),
    ("events", event(participant_countries=["VN", "ZZ"]), "participant_countries", "iso_3166_alpha2_items"),
    ("events", event(participants=["To Lam; Macron"]), "participants", "list_items_clean"),
    ("events", event(char_end=-1), "char_end", "greater_than_or_equal_to"),
    ("events", event(char_start=60, char_end=56), "char_start, char_end", "char_end_not_before_char_start"),
    ("events", event(description=""), "description", "str_length"),
    ("events", event(evidence="x" * 32_768), "evidence", "str_length"),
    ("articles", article(title="x" * 32_768), "title", "str_length"),
    ("events", event(date_precision="week"), "date_precision", "isin"),
    ("agreements", agreement(agreement_type="deal"), "agreement_type", "isin"),
    ("agreements", agreement(parties=["VNM"]), "parties", "iso_3166_alpha2_items"),
    ("agreements", agreement(document_count=0), "document_count", "greater_than_or_equal_to"),
    ("statistics", statistic(value=-1.0), "value", "greater_than_or_equal_to"),
    ("statistics", statistic(value=float("inf")), "value", "finite"),
    ("statistics", statistic(indicator="gdp"), "indicator", "isin"),
    ("statistics", statistic(unit="tonne"), "unit", "isin"),
    ("statistics", statistic(qualifier="roughly"), "qualifier", "isin"),
    ("statistics", statistic(currency=None), "unit, currency", "currency_iff_unit_currency"),
    ("statistics", statistic(unit="person", currency="USD"), "unit, currency", "currency_iff_unit_currency"),
    ("statistics", statistic(currency="XYZ"), "currency", "iso_4217"),
    ("statistics", statistic(year=1700), "year", "in_range"),
    ("articles", article(sha256="not-a-hash"), "sha256", "str_matches"),
    ("articles", article(n_words=-3), "n_words", "greater_than_or_equal_to"),
    ("articles", article(source_file="/abs/path.txt"), "source_file", "relative_path"),
    ("articles", article(url="example.org"), "url", "str_matches"),
]


@pytest.mark.parametrize(
    ("table", "record", "column", "check"), REJECTIONS, ids=[f"{t}.{c}-{k}" for t, _, c, k in REJECTIONS]
)
def test_invalid_value_is_reported_with_table_column_check_and_row_id(
    table: str, record: dict[str, Any], column: str, check: str
) -> None:
    report = report_for(release(**{table: [record]}))
    line_index = report.index(check_line(report, table, column, check))
    row_id = f"{PRIMARY_KEYS[table]}={record[PRIMARY_KEYS[table]]}"
    assert row_id in report[line_index:].split("\n  column", 1)[0]


@pytest.mark.parametrize("table", list(TABLES))
def test_duplicate_ids_are_reported(table: str) -> None:
    report = report_for(release(**{table: [VALID_ROWS[table](), VALID_ROWS[table]()]}))
    line = check_line(report, table, PRIMARY_KEYS[table], "field_uniqueness")
    assert "2 failing" in line


@pytest.mark.parametrize(
    ("table", "record", "column", "reference"),
    [
        ("events", event(article_id="art_404"), "article_id", "articles.article_id"),
        ("agreements", agreement(article_id="art_404"), "article_id", "articles.article_id"),
        ("statistics", statistic(article_id="art_404"), "article_id", "articles.article_id"),
        ("agreements", agreement(related_event_id="evt_404"), "related_event_id", "events.event_id"),
    ],
)
def test_dangling_references_are_reported(table: str, record: dict[str, Any], column: str, reference: str) -> None:
    report = report_for(release(**{table: [record]}))
    check_line(report, table, column, f"foreign_key({reference})")
    assert f"{PRIMARY_KEYS[table]}={record[PRIMARY_KEYS[table]]}: {record[column]}" in report


def test_report_shows_at_most_ten_examples_and_the_full_count() -> None:
    bad = [event(event_id=f"evt_{n:02d}", confidence=2.0) for n in range(MAX_EXAMPLES + 3)]
    report = report_for(release(events=bad))
    assert f"{MAX_EXAMPLES + 3} failing" in check_line(report, "events", "confidence", "in_range")
    assert "... and 3 more" in report
    assert "event_id=evt_12" not in report


def test_failures_are_available_as_data() -> None:
    with pytest.raises(ReleaseValidationError) as caught:
        validate_release(release(events=[event(confidence=1.5)]))
    [failure] = caught.value.failures
    assert (failure.table, failure.column, failure.row_id) == ("events", "confidence", "evt_1")


def test_missing_table_is_reported() -> None:
    frames = release()
    del frames["statistics"]
    assert "table statistics" in report_for(frames)


def test_unknown_table_is_reported() -> None:
    assert "table rumours" in report_for(release() | {"rumours": pl.DataFrame({"x": [1]})})


def test_extra_column_is_rejected() -> None:
    frames = release()
    frames["events"] = frames["events"].with_columns(pl.lit("x").alias("mood"))
    assert "mood" in report_for(frames)


def test_wrong_dtype_is_rejected() -> None:
    frames = release()
    frames["events"] = frames["events"].with_columns(pl.col("start_date").cast(pl.String))
    assert "start_date" in report_for(frames)


# --- Building frames ---------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_frame_from_no_records_has_the_published_columns_and_dtypes(table: str) -> None:
    frame = frame_from_records(table, [])
    assert frame.columns == list(table_schema(table).columns)
    assert pl.Null not in frame.dtypes


def test_frame_from_records_uses_published_dtypes_even_for_all_null_columns() -> None:
    frame = frame_from_records("events", [event(start_date=None, end_date=None, participants=[])])
    assert frame.schema["start_date"] == pl.Date
    assert frame.schema["participants"] == pl.List(pl.String)
    assert frame.schema["char_start"] == pl.Int64


def test_frame_from_records_refuses_unknown_columns() -> None:
    with pytest.raises(ValueError, match="mood"):
        frame_from_records("events", [event(mood="happy")])


def _without(record: dict[str, Any], *columns: str) -> dict[str, Any]:
    return {name: value for name, value in record.items() if name not in columns}


# Records frame_from_records must build exactly as pl.from_dicts does: real shapes, missing
# columns, nulls, empty lists, tuples, and values from_dicts converts in its own way.
FROM_DICTS_CASES: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "one of each": ("events", [event(), event(event_id="evt_2", participants=[], participant_countries=[])]),
    "columns left out": ("events", [_without(event(), "participant_ids", "canonical_event_id"),
                                    _without(event(event_id="evt_2"), "participant_ids", "canonical_event_id")]),
    "a column only some rows have": ("events", [event(), _without(event(event_id="evt_2"), "participants")]),
    "nulls": ("events", [event(start_date=None, end_date=None, location=None, participants=None,
                               participant_countries=[None, "FR"])]),
    "only empty lists": ("actor_mentions", [actor_mention(aliases=[], titles=[])] * 3),
    "tuples": ("agreements", [agreement(parties=("VN", "FR"), topics=())]),
    "no list columns": ("articles", [article(), article(article_id="art_2", outlet=None, published_date=None)]),
    "unusual text": ("statistics", [statistic(subject_countries=["", "\x00", "Tô Lâm", "a;b"])]),
    "a string for a list": ("events", [event(participants="To Lam")]),
    "a set for a list": ("agreements", [agreement(topics={"trade"})]),
    "bytes in a list": ("events", [event(participants=[b"To Lam"]), event(participants=[bytearray(b"To Lam")])]),
    "numbers in a list": ("events", [event(participants=[1, 2])]),
    "lists in a list": ("events", [event(participants=[[]])]),
    "numbers for text": ("events", [event(description=7, confidence=1, char_start=3.0)]),
}


@pytest.mark.parametrize("case", list(FROM_DICTS_CASES))
def test_frame_from_records_is_exactly_what_from_dicts_builds(case: str) -> None:
    table, records = FROM_DICTS_CASES[case]
    expected = pl.from_dicts(records, schema=column_dtypes(table))
    frame = frame_from_records(table, records)
    assert frame.schema == expected.schema
    assert frame.to_dict(as_series=False) == expected.to_dict(as_series=False)
    assert frame.equals(expected, null_equal=True)


@pytest.mark.parametrize("values", [["To\ud800Lam"], [b"\xff"], [["nested"]], [1, 2.5]],
                         ids=["surrogate", "invalid utf-8", "nested", "mixed numbers"])
def test_frame_from_records_fails_or_not_as_from_dicts_does(values: list[Any]) -> None:
    records = [event(participants=values)]
    try:
        expected = pl.from_dicts(records, schema=column_dtypes("events"))
    except Exception as error:
        with pytest.raises(type(error)):
            frame_from_records("events", records)
    else:
        assert frame_from_records("events", records).equals(expected, null_equal=True)


@pytest.mark.parametrize("table", ["events", "agreements", "statistics", "actor_mentions", "articles"])
def test_frame_from_no_records_is_what_an_empty_schema_gives(table: str) -> None:
    assert frame_from_records(table, []).equals(pl.DataFrame(schema=column_dtypes(table)))
    assert frame_from_records(table, []).schema == pl.DataFrame(schema=column_dtypes(table)).schema


def test_frame_from_records_names_every_unknown_column_once() -> None:
    with pytest.raises(ValueError, match=r"unknown columns \['mood', 'weather'\]"):
        frame_from_records("events", [event(mood="happy"), event(weather="rain", mood="sad")])


# --- Single source of truth --------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
def test_every_column_has_a_description(table: str) -> None:
    undocumented = [name for name, column in table_schema(table).columns.items() if not column.description]
    assert undocumented == []


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_has_a_primary_key_that_is_unique(table: str) -> None:
    assert table_schema(table).columns[PRIMARY_KEYS[table]].unique


@pytest.mark.parametrize(
    ("table", "column", "vocabulary_name"),
    [
        ("events", "event_type", "event_types"),
        ("events", "date_precision", "date_precisions"),
        ("agreements", "agreement_type", "agreement_types"),
        ("agreements", "date_precision", "date_precisions"),
        ("statistics", "unit", "units"),
        ("statistics", "qualifier", "qualifiers"),
        ("statistics", "indicator", "indicators"),
    ],
)
def test_enum_columns_allow_exactly_the_vocabulary(table: str, column: str, vocabulary_name: str) -> None:
    [isin] = [check for check in table_schema(table).columns[column].checks if check.name == "isin"]
    assert isin.statistics["allowed_values"] == vocabulary_values(vocabulary_name)


def test_every_vocabulary_value_has_a_description_and_indicators_a_known_unit() -> None:
    units = set(vocabulary_values("units"))
    for name, entries in vocabulary().items():
        for value, entry in entries.items():
            description = entry["description"] if isinstance(entry, dict) else entry
            assert description.strip(), f"{name}.{value}"
    assert all(entry["unit"] in units for entry in vocabulary()["indicators"].values())


def test_data_dictionary_lists_every_column_and_vocabulary_value() -> None:
    dictionary = data_dictionary_markdown()
    for table in TABLES:
        assert f"## {table}" in dictionary
        for name, column in table_schema(table).columns.items():
            assert f"| `{name}` |" in dictionary
            assert column.description.replace("|", "\\|") in dictionary
    for entries in vocabulary().values():
        assert all(f"`{value}`" in dictionary for value in entries)
