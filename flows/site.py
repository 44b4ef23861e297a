"""The dataset's landing page, output/index.html: what the data is, how to get it, what is in it.

One self-contained file: inline CSS, charts drawn here as inline SVG, no script, and a
Content-Security-Policy that forbids every fetch, so the page looks the same from a file
share, a USB stick or any static host, offline. Everything on it is derived: counts and charts
from the published frames, the data dictionary from the pandera models, words and colours from
site.yaml. All text is HTML-escaped, since values come from scraped articles.
"""
from __future__ import annotations

import html as markup
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import polars as pl

from flows.data_files import read_yaml
from flows.site_svg import heatmap, stacked_bars
from schemas.datapackage import LICENSES, PACKAGE_DESCRIPTION, PACKAGE_TITLE
from schemas.tables import TABLES, primary_key, table_schema, vocabulary, vocabulary_descriptions, vocabulary_values

INDEX = "index.html"
# Nothing may be fetched: a stray external reference fails loudly instead of leaking a request.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


@lru_cache(maxsize=1)
def site_config() -> dict[str, Any]:
    return read_yaml("site.yaml")


def render_landing_page(tables: Mapping[str, pl.DataFrame], releases: list[dict], files: Sequence[str]) -> str:
    """The whole page; `releases` is newest first, `files` are names beside index.html."""
    names = [table for table in TABLES if table in tables] + [table for table in tables if table not in TABLES]
    sections = {
        "downloads": _downloads(tables, names, files),
        "charts": _events_chart(tables.get("events")) + _statistics_chart(tables.get("statistics")),
        "history": _history(releases, names),
        "dictionary": "".join(_table_dictionary(table, tables[table]) for table in names),
        "vocabularies": _vocabularies(),
    }
    headings: dict[str, str] = site_config()["headings"]
    body = "".join(f'<section id="{key}"><h2>{_e(headings[key])}</h2>{sections[key]}</section>' for key in headings)
    return _document(_header(tables, names, releases), body)


def write_landing_page(output_dir: Path, html: str) -> None:
    """Readers and web servers see the old page or the new one, never a half-written file."""
    descriptor, staging = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=output_dir)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(html.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(staging, 0o644)  # mkstemp makes it private; a web server must be able to read it
        os.replace(staging, output_dir / INDEX)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    folder = os.open(output_dir, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


# --- Text helpers ------------------------------------------------------------------------------


def _e(value: object) -> str:
    return markup.escape(str(value), quote=True)


def _inline(text: str) -> str:
    """Escaped text with the two bits of Markdown the descriptions use: `code` and **bold**."""
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", _e(text))
    return re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", escaped)


def _href(path: str) -> str:
    """A relative URL for a relative path: ':' is quoted, and a leading '/' can't make it absolute."""
    url = quote(path)
    return _e(f"./{url}" if url.startswith("/") else url)


def _count(n: int) -> str:
    return f"{n:,}"


def _document(header: str, body: str) -> str:
    config = site_config()
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_e(PACKAGE_TITLE)}</title><link rel="icon" href="data:,">'
        f"<style>{config['css']}</style></head><body>"
        f"{header}<main>{body}</main>"
        f"<footer>{_inline(config['footer'])}</footer>"
        "</body></html>\n"
    )


# --- Header: what it is, which release, how many rows ------------------------------------------


def _header(tables: Mapping[str, pl.DataFrame], names: list[str], releases: list[dict]) -> str:
    config = site_config()
    paragraphs = [PACKAGE_DESCRIPTION, *config["intro"]]
    licences = ", ".join(f'<a href="{_e(item["path"])}">{_e(item["title"])}</a>' for item in LICENSES)
    nav = "".join(f'<a href="#{_e(key)}">{_e(heading)}</a>' for key, heading in config["headings"].items())
    counts = "".join(f"<div><dt>{_e(table)}</dt><dd>{_count(tables[table].height)}</dd></div>" for table in names)
    return (
        f"<header><h1>{_e(PACKAGE_TITLE)}</h1>{''.join(f'<p>{_inline(text)}</p>' for text in paragraphs)}"
        f"<p>Licence: {licences}.</p>{_release_line(releases)}"
        f'<dl class="counts">{counts}</dl><nav>{nav}</nav></header>'
    )


def _release_line(releases: list[dict]) -> str:
    if not releases:
        return f'<p class="release">Current release: {_e(site_config()["empty"])}</p>'
    current = releases[0]
    return (
        f'<p class="release">Current release <strong id="version">{_e(current.get("version", ""))}</strong>, '
        f'created {_e(current.get("created", ""))}, content id <code>{_e(current.get("content_id", ""))}</code>.</p>'
    )


# --- Downloads ---------------------------------------------------------------------------------


def _downloads(tables: Mapping[str, pl.DataFrame], names: list[str], files: Sequence[str]) -> str:
    """One row per table with a link per format, then every other file: each name linked once."""
    formats: dict[str, str] = site_config()["table_formats"]
    table_files = {f"{table}.{extension}" for table in names for extension in formats}
    head = "".join(f"<th>{_e(label)}</th>" for label in ["Table", "Rows", "What", *formats.values()])
    rows = "".join(_download_row(table, tables[table], formats, set(files)) for table in names)
    others = [name for name in files if name not in table_files]
    return f'<div class="scroll"><table><tr>{head}</tr>{rows}</table></div>{_other_files(others)}'


def _download_row(table: str, frame: pl.DataFrame, formats: Mapping[str, str], files: set[str]) -> str:
    links = "".join(_file_cell(f"{table}.{extension}", files) for extension in formats)
    description = table_schema(table).description if table in TABLES else ""
    return f'<tr><th>{_e(table)}</th><td class="n">{_count(frame.height)}</td><td>{_inline(description or "")}</td>{links}</tr>'


def _file_cell(name: str, files: set[str]) -> str:
    return f'<td><a href="{_href(name)}">{_e(name)}</a></td>' if name in files else "<td></td>"


def _other_files(names: list[str]) -> str:
    if not names:
        return ""
    notes: dict[str, str] = site_config()["file_descriptions"]
    items = "".join(
        f'<li><a href="{_href(name)}">{_e(name)}</a>{" — " + _inline(notes[name]) if name in notes else ""}</li>'
        for name in names
    )
    return f"<ul>{items}</ul>"


# --- Release history ---------------------------------------------------------------------------


def _history(releases: list[dict], names: list[str]) -> str:
    if not releases:
        return _empty()
    config = site_config()["history"]
    columns = names + sorted({table for release in releases for table in release.get("rows", {})} - set(names))
    head = "".join(f"<th>{_e(label)}</th>" for label in ["Version", "Created", *columns])
    rows = "".join(_history_row(release, columns, config["link"]) for release in releases)
    return f'<div class="scroll"><table><tr>{head}</tr>{rows}</table></div><p class="note">{_inline(config["note"])}</p>'


def _history_row(release: dict, columns: list[str], link: str) -> str:
    version = str(release.get("version", ""))
    cells = "".join(_history_cell(release.get("rows", {}).get(table), release.get("changes", {}).get(table)) for table in columns)
    return (
        f'<tr><th><a href="{_href(link.format(version=version))}">{_e(version)}</a></th>'
        f'<td>{_e(release.get("created", ""))}</td>{cells}</tr>'
    )


def _history_cell(rows: int | None, changes: Mapping[str, int] | None) -> str:
    if rows is None:
        return "<td></td>"
    changes = changes or {}
    parts = [f"{sign}{_count(int(changes[key]))}" for sign, key in (("+", "added"), ("−", "removed"), ("~", "changed")) if changes.get(key)]
    delta = f'<span class="delta">{_e(" ".join(parts))}</span>' if parts else ""
    return f'<td class="n">{_count(int(rows))}{delta}</td>'


# --- Data dictionary ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _ColumnDoc:
    name: str
    type_label: str
    nullable: bool
    description: str
    vocabulary: str | None


def _table_dictionary(table: str, frame: pl.DataFrame) -> str:
    columns = _column_docs(table, frame)
    description = (table_schema(table).description or "") if table in TABLES else ""
    key = f"<p>Row id: <code>{_e(primary_key(table))}</code>.</p>" if table in TABLES else ""
    head = "<tr><th>Column</th><th>Type</th><th>Nullable</th><th>Description</th></tr>"
    rows = "".join(_column_row(column) for column in columns)
    return (
        f'<details id="table-{_e(table)}"><summary><strong>{_e(table)}</strong> — {_inline(description)} '
        f'({len(columns)} columns)</summary>{key}<div class="scroll"><table>{head}{rows}</table></div></details>'
    )


def _column_docs(table: str, frame: pl.DataFrame) -> list[_ColumnDoc]:
    """From the pandera model; a table without one is described by its frame's dtypes alone."""
    labels: dict[str, str] = site_config()["type_labels"]
    if table not in TABLES:
        return [_ColumnDoc(name, labels.get(dtype.base_type().__name__, str(dtype)), True, "", None) for name, dtype in frame.schema.items()]
    return [
        _ColumnDoc(
            name=name,
            type_label=labels.get(column.dtype.type.base_type().__name__, str(column.dtype)),
            nullable=column.nullable,
            description=column.description or "",
            vocabulary=_vocabulary_of(column),
        )
        for name, column in table_schema(table).columns.items()
    ]


def _vocabulary_of(column: Any) -> str | None:
    allowed = [list((check.statistics or {}).get("allowed_values", [])) for check in column.checks if check.name == "isin"]
    return next((name for name in vocabulary() for values in allowed if vocabulary_values(name) == values), None)


def _column_row(column: _ColumnDoc) -> str:
    see = f' <a href="#vocabulary-{_e(column.vocabulary)}">Values</a>.' if column.vocabulary else ""
    return (
        f"<tr><td><code>{_e(column.name)}</code></td><td>{_e(column.type_label)}</td>"
        f"<td>{'yes' if column.nullable else 'no'}</td><td>{_inline(column.description)}{see}</td></tr>"
    )


def _vocabularies() -> str:
    parts = []
    for name in vocabulary():
        rows = "".join(f"<tr><td><code>{_e(value)}</code></td><td>{_inline(text)}</td></tr>" for value, text in vocabulary_descriptions(name).items())
        parts.append(
            f'<details id="vocabulary-{_e(name)}"><summary><strong>{_e(name)}</strong></summary>'
            f"<table><tr><th>Value</th><th>Description</th></tr>{rows}</table></details>"
        )
    return "".join(parts)


# --- Charts: data ------------------------------------------------------------------------------


def _events_chart(events: pl.DataFrame | None) -> str:
    """Stacked bars of events per month (short spans) or year of start_date, one colour per type."""
    spec, figure_id = site_config()["charts"]["events"], "chart-events"
    if events is None or events.is_empty():
        return _figure(figure_id, spec["title"], _empty())
    dated = events.filter(pl.col("start_date").is_not_null())
    undated = events.height - dated.height
    note = f'<p class="note">{_e(spec["undated_note"].format(n=_count(undated)))}</p>' if undated else ""
    if dated.is_empty():
        return _figure(figure_id, spec["title"], _empty() + note)
    unit, labels, counts = _event_buckets(dated, spec["max_months"])
    types = _ordered(counts["event_type"].unique().to_list(), vocabulary_values("event_types"))
    colours = _colours(types, vocabulary_values("event_types"))
    cells = {(row["bucket"], row["event_type"]): row["len"] for row in counts.iter_rows(named=True)}
    stacks = [[(kind, cells[(index, kind)]) for kind in types if (index, kind) in cells] for index in range(len(labels))]
    caption = f'<p class="note">{_e(spec["caption"].format(bucket=unit))}</p>'
    return _figure(figure_id, spec["title"], stacked_bars(labels, stacks, colours) + _legend(types, colours) + caption + note)


def _event_buckets(dated: pl.DataFrame, max_months: int) -> tuple[str, list[str], pl.DataFrame]:
    """Bucket unit, one label per bucket from the first to the last (gaps included, so time reads
    evenly), and event counts per (bucket index, event_type)."""
    day = pl.col("start_date")
    months = day.dt.year().cast(pl.Int64) * 12 + day.dt.month().cast(pl.Int64) - 1
    span = dated.select(months.max() - months.min()).item()
    unit, key = ("month", months) if span < max_months else ("year", day.dt.year().cast(pl.Int64))
    first, last = dated.select(key.min()).item(), dated.select(key.max()).item()
    labels = [f"{k // 12}-{k % 12 + 1:02d}" if unit == "month" else str(k) for k in range(first, last + 1)]
    counts = dated.group_by((key - first).alias("bucket"), "event_type").len()
    return unit, labels, counts


def _statistics_chart(statistics: pl.DataFrame | None) -> str:
    """Heatmap of row counts per indicator × year (a last column for figures without a year)."""
    spec, figure_id = site_config()["charts"]["statistics"], "chart-statistics"
    if statistics is None or statistics.is_empty():
        return _figure(figure_id, spec["title"], _empty())
    counts = statistics.group_by("indicator", "year").len()
    years: list[int | None] = sorted(year for year in counts["year"].unique().to_list() if year is not None)
    if counts["year"].null_count():
        years.append(None)
    indicators = _ordered(counts["indicator"].unique().to_list(), vocabulary_values("indicators"))
    cells = {(row["indicator"], row["year"]): row["len"] for row in counts.iter_rows(named=True)}
    grid = [[cells.get((indicator, year), 0) for year in years] for indicator in indicators]
    columns = [spec["no_year"] if year is None else str(year) for year in years]
    svg = heatmap(indicators, columns, grid, (spec["low"], spec["high"]))
    return _figure(figure_id, spec["title"], svg + f'<p class="note">{_e(spec["caption"])}</p>')


def _ordered(values: list[str], order: list[str]) -> list[str]:
    """Vocabulary order first (stable colours and rows), unexpected values after, sorted."""
    known = [value for value in order if value in values]
    return known + sorted(value for value in values if value not in order)


def _colours(series: list[str], order: list[str]) -> dict[str, str]:
    palette: list[str] = site_config()["palette"]
    extras = [value for value in series if value not in order]
    slot = {value: index for index, value in enumerate(order + extras)}
    return {value: palette[slot[value] % len(palette)] for value in series}


def _figure(figure_id: str, title: str, body: str) -> str:
    return f'<figure id="{_e(figure_id)}"><figcaption>{_e(title)}</figcaption>{body}</figure>'


def _empty() -> str:
    return f'<p class="empty">{_e(site_config()["empty"])}</p>'


def _legend(series: list[str], colours: Mapping[str, str]) -> str:
    items = "".join(f'<li><span class="swatch" style="background:{_e(colours[name])}"></span>{_e(name)}</li>' for name in series)
    return f'<ul class="legend">{items}</ul>'
