"""The run report: counts per table and every rejected input, as a Prefect markdown artifact.

Prefect's UI shows the artifact beside the run, so whoever watches the schedule sees what a run
published and what it refused without opening the output folder.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flows.publish_datasets import RunSummary


def run_report_markdown(summary: RunSummary) -> str:
    release = summary.release
    state = "unchanged: the current release was kept" if release.reused else "new release"
    lines = [f"# bilateral run: release {release.version} ({state})", "",
             f"{summary.articles_read} input files: {summary.articles_extracted} articles extracted, "
             f"{summary.articles_reused} reused unchanged, {len(summary.rejections)} rejected.", "",
             "| table | rows | added | removed | changed |", "|---|---:|---:|---:|---:|"]
    for table, rows in release.rows.items():
        change = release.changes.get(table)
        counts = f"{change.added} | {change.removed} | {change.changed}" if change else "0 | 0 | 0"
        lines.append(f"| {table} | {rows} | {counts} |")
    if summary.warnings:
        lines += ["", "## Warnings", ""] + [f"- {_cell(warning)}" for warning in summary.warnings]
    if summary.rejections:
        lines += ["", "## Rejected inputs", "", "| file | reason | detail |", "|---|---|---|"]
        lines += [f"| {_cell(r.source_file)} | {r.reason} | {_cell(r.detail)} |" for r in summary.rejections]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Keep a table cell on one line and its pipes literal."""
    return " ".join(text.split()).replace("|", "\\|")
