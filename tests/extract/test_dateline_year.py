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


@pytest.mark.parametrize("page, expected", [
    # the only full day is background; the latest past period says which year the page is in
    ("Headline\n\nKAUNAS, Nov. 4 (Agency) -- A ceremony marked the fifth anniversary of the bridge on"
     " Wednesday.\n\nSince it opened on Nov. 6, 2022, the bridge has carried 9 million cars.\n\n"
     "Traffic rose 12 percent in the first nine months of 2027.\n", dt.date(2027, 11, 4)),
    ("Headline\n\nOSLO, Sept. 8 (NTB) -- The ministers met on Monday.\n\nVisitors rose 5 percent in the"
     " January-July period of 2027, after 1.2 million in 2026.\n", dt.date(2027, 9, 8)),
    # a year the body plans for is not the page's year
    ("Headline\n\nOSLO, Sept. 8 (NTB) -- The ministers met on Monday.\n\nTrade reached $2 billion in"
     " 2027.\n\nThe two sides will hold the next round in 2029.\n\nThe lease expires in 2061.\n",
     dt.date(2027, 9, 8)),
])
def test_wire_dateline_year_from_the_latest_past_period(page: str, expected: dt.date) -> None:
    body_start = page.index("\n")
    assert dateline_date(page, body_start, year_of=lambda: year_anchor(page, page)) == expected


def test_wire_dateline_year_from_the_published_date() -> None:
    from flows.ingest import read_article
    page = b"Headline\n\nOSLO, Dec. 30 (NTB) -- The ministers met on Monday, recalling ties set up in 1990.\n"
    article = read_article(page, "a.txt", {"published_date": dt.date(2028, 1, 2)}, "x")
    assert article.dateline_date == dt.date(2027, 12, 30)
