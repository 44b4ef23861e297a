"""A page dated only by its sign-off (a short line that is just the date, or "City, date", under
the name and title of who issued it) or by a "PUBLISHED : ..." line states its own date, so
"on Wednesday" and "the previous day" can be read from it."""
import datetime as dt

import pytest

from flows.ingest import dateline_date


@pytest.mark.parametrize("page, expected", [
    ("Headline\n\nThe President on Friday ended a visit to the neighbouring republic.\n\n"
     "Ama Serwaa\nChief Press Secretary\n(Communications)\nMarch 14, 2027\n", dt.date(2027, 3, 14)),
    ("Headline\n\n1. The two Prime Ministers met today.\n\n2. They agreed to meet again.\n\n"
     "Kathmandu\n9 May 2027\n", dt.date(2027, 5, 9)),
    ("Headline\n\nThe leaders held their annual retreat.\n\n21 January 2028\nWellington\n",
     dt.date(2028, 1, 21)),
    ("Headline\n\nThe ministers met on Tuesday.\n\nOffice of the Spokesperson\nLima, 3 June 2027\n",
     dt.date(2027, 6, 3)),
])
def test_sign_off_dates_the_page(page: str, expected: dt.date) -> None:
    assert dateline_date(page, page.index("\n")) == expected


@pytest.mark.parametrize("page", [
    # a background date in the closing sentence is not a sign-off
    "Headline\n\nThe ministers met on Tuesday.\n\nThe two countries set up ties on 4 July 1961.\n",
    # a timeline entry: the date opens a line that goes on with a sentence
    "Headline\n\nThe ministers met on Tuesday.\n\nBackground\n12 May 2020: the first talks were held\n",
    # a sign-off high above the foot is not within the last lines
    "Headline\n\nOne.\n\nTwo.\n\nThree.\n\nMarch 14, 2027\n\nFour.\n\nFive.\n\nSix.\n\nSeven.\n",
])
def test_no_sign_off_day(page: str) -> None:
    assert dateline_date(page, page.index("\n")) is None


def test_sign_off_read_from_the_page_before_cleaning() -> None:
    cleaned = "Headline\n\nThe ministers met on Tuesday.\n\n" + " " * 14 + "\n"
    page = "Headline\n\nThe ministers met on Tuesday.\n\nMarch 14, 2027\n"
    assert dateline_date(cleaned, 8, page=page) == dt.date(2027, 3, 14)


@pytest.mark.parametrize("page, expected", [
    ("Headline\n\nPUBLISHED : 7 Mar 2027 at 09:15\nNEWSPAPER SECTION: World\n\nOfficials met on Monday.\n",
     dt.date(2027, 3, 7)),
    ("Headline\n\nPosted on 12 October 2027 at 14:02\n\nThe envoys met today.\n", dt.date(2027, 10, 12)),
    ("Headline\n\nLast updated: 2 April 2027\n\nThe envoys met today.\n", dt.date(2027, 4, 2)),
])
def test_published_line_dates_the_page(page: str, expected: dt.date) -> None:
    assert dateline_date(page, page.index("\n")) == expected


def test_published_line_under_a_standfirst_dates_the_page() -> None:
    page = ("Press release\n\nHeadline of the release\n\nThe minister leads 20 firms to Peru, as the two sign"
            " a memorandum.\n\nFrom: Ministry of Trade and A. Minister\nPublished 14 June 2027\n\n"
            "The memorandum was signed on Tuesday.\n")
    assert dateline_date(page, page.index("\n")) == dt.date(2027, 6, 14)


def test_a_date_line_deep_in_the_head_without_published_dates_nothing() -> None:
    page = ("Headline\n\nOne.\n\nTwo.\n\nThree.\n\n14 June 2027\n\nThe memorandum was signed on Tuesday."
            " More words follow here.\n\nAnd here.\n\nAnd here too.\n\nAnd at the end.\n")
    assert dateline_date(page, page.index("\n")) is None
