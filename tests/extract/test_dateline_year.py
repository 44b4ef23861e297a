"""A wire dateline without a year dates the article; its year is the page's own, never a
background year told in the body."""
import datetime as dt

import pytest

from flows.ingest import dateline_date, year_anchor


@pytest.mark.parametrize("page, expected", [
    ("Headline here\n\nOSLO, Jun 3 (NTB) -- The minister met her Danish counterpart, recalling"
     " ties set up on March 1, 1990.\n\nEditor: A. B.\n2027-06-03 10:01:00\n", dt.date(2027, 6, 3)),
    ("Headline\n\nThursday 1448/12/1 - 2027/05/06\n\nJEDDAH, May 6 (SPA) -- The prince received"
     " the visitor today.\n", dt.date(2027, 5, 6)),
    ("Headline\n\nNEW DELHI, Dec 30 (Reuters) - Talks were held.\n\n2028-01-02\n", dt.date(2027, 12, 30)),
    ("Headline\n\nPress Release No. 7/2027\n\nLima, October 2, 2027. The Minister received the"
     " delegation.\n", dt.date(2027, 10, 2)),
])
def test_wire_dateline_dates_the_article(page: str, expected: dt.date) -> None:
    body_start = page.index("\n")
    assert dateline_date(page, body_start, year_of=lambda: year_anchor(page, page)) == expected


@pytest.mark.parametrize("page", [
    "Headline\n\nToday, President A met President B in the capital.\n",
    "Headline\n\nOSLO, Jun 3 (NTB) -- The minister met her counterpart.\n",   # no year anywhere
])
def test_no_dateline_day(page: str) -> None:
    body_start = page.index("\n")
    assert dateline_date(page, body_start, year_of=lambda: year_anchor(page, page)) is None


@pytest.mark.parametrize("page, expected", [
    ("Headline\n\nSubtitle of the story\n\nMaria Lind and Omar Haddad | 04.03.2027 - Update : 04.03.2027\n\n"
     "OSLO\n\nThe minister on Thursday received her counterpart.\n", dt.date(2027, 3, 4)),
    ("Headline\n\nBy A. Writer | Published 9 June 2027, updated 9 June 2027 10:15\n\n"
     "The talks were held on Monday.\n", dt.date(2027, 6, 9)),
])
def test_byline_with_the_page_date_dates_the_article(page: str, expected: dt.date) -> None:
    body_start = page.index("\n")
    assert dateline_date(page, body_start) == expected


@pytest.mark.parametrize("page", [
    "Headline\n\nBy A. Writer | Published 9 June 2027, updated 12 June 2027\n\nText.\n",   # two days
    "Headline\n\nThe ministers met on 9 June 2027 and agreed | to meet again.\n\nText.\n",   # a sentence
])
def test_byline_with_other_days_dates_nothing(page: str) -> None:
    body_start = page.index("\n")
    assert dateline_date(page, body_start) is None
