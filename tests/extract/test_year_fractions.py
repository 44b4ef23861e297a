"""Halves and quarters told without a year ("in the second half of the year", "in the third
quarter"): that part of the year the text is about (invented wording; reference 2025-03-04)."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.normalise.dates import find_dates

REFERENCE = dt.date(2025, 3, 4)


def spans(text: str) -> list[tuple[str, str, str]]:
    return [(d.text, str(d.start_date), str(d.end_date)) for d in find_dates(text, REFERENCE)]


@pytest.mark.parametrize("text, expected", [
    ("The joint fair is planned for the second half of the year.",
     [("the second half of the year", "2025-07-01", "2025-12-31")]),
    ("The ministers expect to meet again in the second quarter.",
     [("the second quarter", "2025-04-01", "2025-06-30")]),
    ("Exports fell in 2021, and in the first half of the year they halved.",
     [("2021", "2021-01-01", "2021-12-31"), ("the first half of the year", "2021-01-01", "2021-06-30")]),
])
def test_a_half_or_quarter_without_a_year_is_of_the_year_in_context(text, expected) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The plant opens in the first half of next year.", [("next year", "2026-01-01", "2026-06-30")]),
    ("Sales rose in the third quarter of 2023.", [("the third quarter of 2023", "2023-07-01", "2023-09-30")]),
    ("Growth slowed over the first half of the decade.", []),
])
def test_a_half_followed_by_another_period_is_not_read_twice(text, expected) -> None:
    assert spans(text) == expected
