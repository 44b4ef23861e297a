"""Reading the event rows a spec extracted: the rows of one type, and a row's dates as text."""
from __future__ import annotations


def of_type(rows: list[dict], event_type: str) -> list[dict]:
    return [r for r in rows if r["event_type"] == event_type]


def span(row: dict) -> tuple[str | None, str | None]:
    return (str(row["start_date"]) if row["start_date"] else None, str(row["end_date"]) if row["end_date"] else None)
