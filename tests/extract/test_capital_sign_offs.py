"""A sign-off written in capitals ("ACCRA, 4TH MARCH, 2027") dates the page as one in running
case does (invented pages)."""
import datetime as dt

import pytest

from flows.ingest import dateline_date


@pytest.mark.parametrize("page, expected", [
    ("Headline\n\nThe President received the envoy today.\n\nAMA SERWAA\nHEAD OF COMMUNICATION\n"
     "ACCRA, 4TH MARCH, 2027\n", dt.date(2027, 3, 4)),
    ("Headline\n\nThe ministers met today.\n\nOFFICE OF THE SPOKESPERSON\nLIMA, 21 JUNE 2026\n",
     dt.date(2026, 6, 21)),
])
def test_a_sign_off_in_capitals_dates_the_page(page: str, expected: dt.date) -> None:
    assert dateline_date(page, page.index("\n")) == expected


def test_a_closing_line_in_capitals_without_a_day_dates_nothing() -> None:
    page = "Headline\n\nThe ministers met today.\n\nISSUED BY THE MINISTRY\nPRESS OFFICE 2027\n"
    assert dateline_date(page, page.index("\n")) is None
