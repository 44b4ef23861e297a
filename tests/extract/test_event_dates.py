"""Dates the event extractor relies on: counted back, relative to the day, fiscal and planned years."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.normalise.dates import find_dates

REFERENCE = dt.date(2024, 6, 8)


def read(text: str) -> list[tuple[str, str, str, str]]:
    return [(text[m.start:m.end], str(m.start_date), str(m.end_date), m.precision) for m in find_dates(text, REFERENCE)]


@pytest.mark.parametrize("text, year", [
    ("Forty-two years ago, the two kingdoms signed a treaty of friction.", 1982),
    ("It has been 31 years since we opened our embassies.", 1993),
    ("Her first visit was a year ago.", 2023),
    ("Her first visit was A\u00a0year ago.", 2023),         # any white space after "a"
    ("Her first visit was a\nyear ago.", 2023),
    ("Three years ago the port opened.", 2021),
])
def test_years_counted_back_from_the_reference_date(text, year):
    [(_, start, end, precision)] = read(text)
    assert (start, end, precision) == (f"{year}-01-01", f"{year}-12-31", "year")


@pytest.mark.parametrize("text", [
    "The program has run for 26 years since its founding.",
    "Fossils from 1,500 years ago were shown.",
])
def test_durations_are_not_years_counted_back(text):
    assert all(precision != "year" or "since" not in found for found, _, _, precision in read(text))
    assert not any("1,500" in found for found, _, _, _ in read(text))


@pytest.mark.parametrize("text, day", [
    ("We met last evening.", "2024-06-07"),
    ("Last night, both delegations dined together.", "2024-06-07"),
    ("The summit opens later that day.", "2024-06-08"),
    ("The ministers spoke this morning.", "2024-06-08"),
    ("The envoy had called on the king earlier in the day.", "2024-06-08"),
    ("A dinner followed later in the day.", "2024-06-08"),
])
def test_times_of_day_relative_to_the_reference(text, day):
    [(_, start, end, precision)] = read(text)
    assert (start, end, precision) == (day, day, "day")


def test_a_month_a_day_and_a_year_may_be_separated_by_commas():
    assert read("The dialogue took place on March, 4, 2022.") == [("March, 4, 2022", "2022-03-04", "2022-03-04", "day")]


def test_a_comma_after_a_month_before_a_count_is_no_day():
    assert read("In May, 12 delegations arrived.")[0][3] == "month"


def test_a_fiscal_year_does_not_give_its_year_to_later_dates():
    text = "The plan asks for $5 million in fiscal year (FY) 2025 funds.\n\nOn June 20, the ministers will sign it."
    assert read(text)[-1][1] == "2024-06-20"


def test_a_planned_year_gives_its_year_only_to_its_own_paragraph():
    text = ("The two navies will train together in 2026, with a first exercise on March 3.\n\n"
            "On May 30, the ports signed a twinning accord.")
    found = dict((t, s) for t, s, _, _ in read(text))
    assert (found["March 3"], found["May 30"]) == ("2026-03-03", "2024-05-30")


@pytest.mark.parametrize("text, month", [
    ("They look forward to the October EU-Andes Business Summit in Quito.", "2024-10-01"),
    ("Ministers prepared the March visit.", "2024-03-01"),
])
def test_a_month_before_an_occasion_is_its_date(text, month):
    assert read(text)[0][1:] == (month, month[:8] + ("31" if month[5:7] in ("10", "03") else "30"), "month")


@pytest.mark.parametrize("text", ["The May Day parade went ahead.", "Theresa May visited Oslo."])
def test_a_month_name_that_is_a_name_is_no_date(text):
    assert read(text) == []


def test_a_span_of_years_a_fund_is_for_is_a_target():
    [mention] = find_dates("Donors pledged support for 2027-2031 at the conference.", REFERENCE)
    assert mention.is_target


@pytest.mark.parametrize("text, day", [   # the reference, 2024-06-08, is a Saturday
    ("The minister landed on Thursday (6) in the capital.", "2024-06-06"),
    ("The fair closes this Tuesday (11).", "2024-06-11"),
    ("He flies home on Monday(10).", "2024-06-10"),
])
def test_a_weekday_with_its_day_of_the_month_is_that_day(text, day):
    [(_, start, end, precision)] = read(text)
    assert (start, end, precision) == (day, day, "day")


@pytest.mark.parametrize("text, start, end", [   # the reference is 2024-06-08
    ("The commission will meet early next year.", "2025-01-01", "2025-04-30"),
    ("A summit is planned for the second half of next year.", "2025-07-01", "2025-12-31"),
    ("The envoys met late last year.", "2023-09-01", "2023-12-31"),
    ("The envoys will meet next year.", "2025-01-01", "2025-12-31"),
])
def test_a_part_of_a_year_counted_from_the_reference(text, start, end):
    [(_, found_start, found_end, _)] = read(text)
    assert (found_start, found_end) == (start, end)
