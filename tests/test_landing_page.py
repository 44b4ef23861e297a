"""Specification of the landing page, output/index.html: links, dictionary, charts, safety, rendering."""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import polars as pl
import pytest

from browser import chromium_path, open_page_report
from flows.site import INDEX, render_landing_page, write_landing_page
from schemas.tables import TABLES, frame_from_records, table_schema, vocabulary
from test_schemas import article, event, statistic  # hand-built valid rows

HOSTILE = "<script>alert(1)</script>"
TABLE_FILES = [f"{table}.{extension}" for table in TABLES for extension in ("parquet", "csv")]
FILES = [*TABLE_FILES, "datapackage.json", "data_dictionary.md", "bilateral.duckdb", "CHANGELOG.md"]


# --- Building pages ----------------------------------------------------------------------------


def release_entry(version: str = "2026.11.23.1", **overrides: Any) -> dict[str, Any]:
    return {
        "version": version,
        "content_id": "ab12cd34ef56ab78",
        "created": "2026-11-23T18:40:00Z",
        "rows": {table: 1 for table in TABLES},
        "changes": {table: {"added": 1, "removed": 0, "changed": 0} for table in TABLES},
    } | overrides


RELEASES = [release_entry(), release_entry("2026.11.22.1", created="2026-11-22T09:00:00Z", changes={})]


def dated_events(*rows: tuple[str, date | None]) -> list[dict[str, Any]]:
    return [
        event(event_id=f"evt_{index}", event_type=kind, start_date=day, end_date=day)
        for index, (kind, day) in enumerate(rows)
    ]


def yearly_statistics(*rows: tuple[str, int | None]) -> list[dict[str, Any]]:
    return [statistic(statistic_id=f"sta_{index}", indicator=name, year=year) for index, (name, year) in enumerate(rows)]


def frames(**records: list[dict[str, Any]]) -> dict[str, pl.DataFrame]:
    """Every registered table, empty unless given."""
    return {table: frame_from_records(table, records.get(table, [])) for table in TABLES}


SAMPLE = frames(
    articles=[article()],
    events=dated_events(("visit", date(2024, 1, 3)), ("talks", date(2024, 3, 1)), ("signing", None)),
    statistics=yearly_statistics(("trade_turnover", 2023), ("students", None)),
)


def render(
    tables: dict[str, pl.DataFrame] | None = None, releases: list[dict] | None = None, files: list[str] | None = None
) -> str:
    return render_landing_page(SAMPLE if tables is None else tables, RELEASES if releases is None else releases, FILES if files is None else files)


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: dict[str, str]
    within: tuple[str, ...]  # ids of the enclosing elements that have one


class _Collector(HTMLParser):
    VOID = frozenset({"meta", "link", "br", "img", "input", "hr"})

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self.stack: list[tuple[str, str | None]] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.elements.append(Element(tag, values, tuple(i for _, i in self.stack if i)))
        if tag not in self.VOID:
            self.stack.append((tag, values.get("id")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {n: v or "" for n, v in attrs}, tuple(i for _, i in self.stack if i)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        for _, element_id in self.stack:
            if element_id:
                self.text.setdefault(element_id, []).append(data)


def parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def inside(page: str, element_id: str) -> list[Element]:
    return [element for element in parse(page).elements if element_id in element.within]


def marks(page: str, chart: str) -> int:
    return sum(1 for e in inside(page, chart) if e.tag == "rect" and e.attrs.get("class") == "mark")


# --- Downloads and dictionary ------------------------------------------------------------------


@pytest.mark.parametrize(
    "files",
    [
        FILES,
        TABLE_FILES,  # no extra files
        [*FILES, "notes.txt", "events.json"],  # files the page has no description for
        ["events.csv", "weird name ü.csv"],  # names that need URL quoting
        [],
    ],
)
def test_every_file_is_linked(files: list[str]) -> None:
    hrefs = {unquote(e.attrs["href"]) for e in parse(render(files=files)).elements if e.tag == "a"}
    assert set(files) <= hrefs


def test_a_table_file_that_is_missing_is_not_linked() -> None:
    hrefs = {e.attrs["href"] for e in parse(render(files=["events.csv"])).elements if e.tag == "a"}
    assert "events.csv" in hrefs and "events.parquet" not in hrefs


@pytest.mark.parametrize("table", list(TABLES))
def test_dictionary_lists_every_column_with_its_description(table: str) -> None:
    section = "".join(parse(render()).text.get(f"table-{table}", []))
    for name, column in table_schema(table).columns.items():
        assert name in section
        assert (column.description or "").replace("`", "")[:40] in section


@pytest.mark.parametrize("name", list(vocabulary()))
def test_every_vocabulary_value_is_described(name: str) -> None:
    section = "".join(parse(render()).text.get(f"vocabulary-{name}", []))
    assert all(value in section for value in vocabulary()[name])


def test_enum_columns_link_to_their_vocabulary() -> None:
    page = render()
    assert 'href="#vocabulary-event_types"' in page and 'id="vocabulary-event_types"' in page


@pytest.mark.parametrize(
    ("tables", "expected"),
    [
        (SAMPLE, {"articles": "1", "events": "3", "agreements": "0", "statistics": "2", "rejections": "0"}),
        (frames(), {table: "0" for table in TABLES}),
        (frames(events=dated_events(*[("visit", date(2024, 1, 1))] * 1234)), {"events": "1,234"}),
    ],
)
def test_header_shows_the_current_version_and_rows_per_table(tables: dict[str, pl.DataFrame], expected: dict[str, str]) -> None:
    page = render(tables)
    counts = dict(re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", page))
    assert list(counts) == list(TABLES) and counts.items() >= expected.items()
    assert "".join(parse(page).text["version"]) == "2026.11.23.1"


# --- Release history ---------------------------------------------------------------------------


@pytest.mark.parametrize("releases", [RELEASES, RELEASES[:1], [release_entry(f"2026.11.{day}.1") for day in range(1, 25)]])
def test_history_has_one_linked_row_per_release(releases: list[dict]) -> None:
    hrefs = [e.attrs["href"] for e in inside(render(releases=releases), "history") if e.tag == "a"]
    assert hrefs == [f"releases/{release['version']}/datapackage.json" for release in releases]


def test_history_shows_rows_and_changes() -> None:
    entry = release_entry(rows={"events": 1234}, changes={"events": {"added": 5, "removed": 2, "changed": 1}})
    history = "".join(parse(render(releases=[entry])).text["history"])
    assert "1,234" in history and "+5 −2 ~1" in history


# --- Charts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([("visit", date(2024, 1, 3))], 1),
        ([("visit", date(2024, 1, 3)), ("visit", date(2024, 1, 20)), ("visit", date(2024, 1, 31))], 1),  # one bucket
        ([("visit", date(2024, 1, 3)), ("talks", date(2024, 1, 4))], 2),  # two types stacked
        ([("visit", date(2024, 1, 3)), ("visit", date(2024, 2, 3)), ("visit", None)], 2),  # undated: no mark
        ([("visit", date(2018, 1, 1)), ("visit", date(2018, 6, 1)), ("talks", date(2023, 1, 1))], 2),  # long span: years
        ([(kind, date(year, 6, 1)) for year in range(1960, 2026) for kind in ("visit", "talks", "summit", "other")], 264),
    ],
)
def test_events_chart_has_one_mark_per_bucket_and_type(events: list[tuple[str, date | None]], expected: int) -> None:
    assert marks(render(frames(events=dated_events(*events))), "chart-events") == expected


@pytest.mark.parametrize(
    ("statistics", "expected"),
    [
        ([("trade_turnover", 2023)], 1),
        ([("trade_turnover", 2023), ("trade_turnover", 2023)], 1),
        ([("trade_turnover", 2023), ("exports", 2023), ("exports", 2024)], 3),
        ([("students", None), ("students", None), ("students", 2020)], 2),  # "no year" is a column
        ([(name, year) for year in range(1900, 2026) for name in ("exports", "imports", "aid")], 378),
    ],
)
def test_statistics_chart_has_one_mark_per_indicator_and_year(statistics: list[tuple[str, int | None]], expected: int) -> None:
    assert marks(render(frames(statistics=yearly_statistics(*statistics))), "chart-statistics") == expected


def test_chart_axis_labels_stay_readable_with_many_buckets() -> None:
    events = dated_events(*[("visit", date(year, 1, 1)) for year in range(1900, 2026)])
    labels = [e for e in inside(render(frames(events=events)), "chart-events") if e.tag == "text" and e.attrs.get("text-anchor") == "middle"]
    assert 0 < len(labels) <= 13


def test_events_chart_has_a_legend_entry_per_type() -> None:
    events = dated_events(("visit", date(2024, 1, 3)), ("talks", date(2024, 1, 4)), ("visit", date(2024, 2, 1)))
    swatches = [e for e in inside(render(frames(events=events)), "chart-events") if e.attrs.get("class") == "swatch"]
    assert len(swatches) == 2


@pytest.mark.parametrize(
    ("records", "empty_charts"),
    [
        ({}, ["chart-events", "chart-statistics"]),
        ({"statistics": yearly_statistics(("exports", 2020))}, ["chart-events"]),
        ({"events": dated_events(("visit", date(2024, 1, 1)))}, ["chart-statistics"]),
        ({"events": dated_events(("visit", None))}, ["chart-events", "chart-statistics"]),  # nothing with a date
    ],
)
def test_empty_charts_say_no_data_yet(records: dict[str, list[dict[str, Any]]], empty_charts: list[str]) -> None:
    page = render(frames(**records))
    collected = parse(page)
    for chart in ("chart-events", "chart-statistics"):
        has_svg = any(e.tag == "svg" for e in inside(page, chart))
        says_empty = "no data yet" in "".join(collected.text.get(chart, []))
        assert (says_empty, has_svg) == ((True, False) if chart in empty_charts else (False, True))


def test_undated_events_are_counted_in_a_note() -> None:
    page = render(frames(events=dated_events(("visit", None), ("talks", None), ("visit", date(2024, 1, 1)))))
    assert "without a known start date: 2" in "".join(parse(page).text["chart-events"])


def test_missing_chart_tables_render_as_empty() -> None:
    tables = {table: frame for table, frame in SAMPLE.items() if table not in ("events", "statistics")}
    assert render(tables).count("no data yet") == 2


# --- Safety ------------------------------------------------------------------------------------


def hostile_cases() -> list[tuple[str, dict[str, Any]]]:
    return [
        ("event type", {"tables": frames(events=dated_events((HOSTILE, date(2024, 1, 1))))}),
        ("indicator", {"tables": frames(statistics=yearly_statistics((HOSTILE, 2020)))}),
        ("file name", {"files": [*FILES, f"{HOSTILE}.csv", 'x" onclick="alert(1).csv']}),
        ("version", {"releases": [release_entry(HOSTILE)]}),
        ("created", {"releases": [release_entry(created=HOSTILE)]}),
        ("content id", {"releases": [release_entry(content_id=HOSTILE)]}),
        ("table in release rows", {"releases": [release_entry(rows={HOSTILE: 1})]}),
        ("unregistered table", {"tables": SAMPLE | {HOSTILE: pl.DataFrame({HOSTILE: [HOSTILE]})}}),
    ]


@pytest.mark.parametrize(("where", "arguments"), hostile_cases(), ids=[case[0] for case in hostile_cases()])
def test_untrusted_text_is_escaped(where: str, arguments: dict[str, Any]) -> None:
    page = render(**arguments)
    assert HOSTILE not in page and "&lt;script&gt;" in page
    assert not any(e.tag == "script" or any(name.startswith("on") for name in e.attrs) for e in parse(page).elements)


@pytest.mark.parametrize(
    "page",
    [
        render(),
        render(frames()),
        render(files=[*FILES, "https://example.org/style.css", "//example.org/x.js"]),
        render(releases=[release_entry("https://example.org")]),
    ],
    ids=["sample", "empty", "url-like file names", "url-like version"],
)
def test_page_references_no_external_resource(page: str) -> None:
    """Only navigation links may point elsewhere: nothing is loaded from the network."""
    for element in parse(page).elements:
        for name, value in element.attrs.items():
            is_navigation = element.tag == "a" and name == "href"
            assert is_navigation or not value.strip().lower().startswith(("http:", "https:", "//")), (element, name)
        if element.tag == "a":
            assert not element.attrs["href"].startswith("//")
    assert "@import" not in page and "url(" not in page
    assert not any(e.tag in ("script", "iframe", "img", "object", "embed") for e in parse(page).elements)


# --- Writing -----------------------------------------------------------------------------------


def test_write_replaces_the_page_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / INDEX).write_text("old", encoding="utf-8")
    write_landing_page(tmp_path, "<p>new ü</p>")
    assert (tmp_path / INDEX).read_text(encoding="utf-8") == "<p>new ü</p>"
    assert [path.name for path in tmp_path.iterdir()] == [INDEX]
    assert stat.S_IMODE(os.stat(tmp_path / INDEX).st_mode) == 0o644


def test_failed_write_keeps_the_old_page(tmp_path: Path) -> None:
    (tmp_path / INDEX).write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_landing_page(tmp_path, "half \udc80 written")  # a lone surrogate cannot be encoded
    assert (tmp_path / INDEX).read_text(encoding="utf-8") == "old"
    assert [path.name for path in tmp_path.iterdir()] == [INDEX]


# --- In a real browser -------------------------------------------------------------------------


@pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed (`make browser` installs it)")
def test_page_renders_in_chromium_with_working_links(tmp_path: Path) -> None:
    for name in FILES:
        (tmp_path / name).write_text("placeholder", encoding="utf-8")
    for release in RELEASES:
        descriptor = tmp_path / "releases" / release["version"] / "datapackage.json"
        descriptor.parent.mkdir(parents=True)
        descriptor.write_text("{}", encoding="utf-8")
    write_landing_page(tmp_path, render_landing_page(SAMPLE, RELEASES, FILES))

    report = open_page_report(tmp_path / INDEX)

    assert report.title and report.title in report.text
    assert "2026.11.23.1" in report.text
    assert report.svg_count >= 2
    assert (report.console_errors, report.page_errors, report.failed_requests) == ([], [], [])
    local = [link for link in report.links if link.local]
    assert {link.href for link in local} >= set(FILES)
    assert report.broken_links == []
