"""Round 10 specs (invented wording): mechanisms that carry events recall to unseen articles."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from flows.ingest import title_date

Extracted = dict[str, list[dict]]


# A wire page whose first line is only its date: the line is read as the headline, and it still
# dates the article, so "yesterday" and "on Thursday" can be read from it.
@pytest.mark.parametrize("title, day", [
    ("Thursday, 9 October 2025", "2025-10-09"),
    ("9 October 2025", "2025-10-09"),
    ("October 9, 2025", "2025-10-09"),
    ("Friday 14 March 2031", "2031-03-14"),
])
def test_a_headline_that_is_only_a_date_dates_the_article(title: str, day: str) -> None:
    found = title_date(title)
    assert found is not None and found.isoformat() == day


@pytest.mark.parametrize("title", [
    "Ministers sign accord on 9 October 2025",
    "Chile and Peru agree on port deal",
    "From 9 to 11 October 2025",
    "October 2025",
])
def test_a_headline_with_more_than_a_date_does_not(title: str) -> None:
    assert title_date(title) is None


@pytest.mark.parametrize("paragraph, day", [
    ("Finnish Minister Aino Virta, who arrived in Tallinn on Wednesday, held talks yesterday with "
     "her Estonian counterpart Mart Kask.", "2025-10-08"),
    ("On Thursday the Finnish minister was received by Prime Minister Mart Kask.", "2025-10-09"),
])
def test_relative_days_read_from_a_date_only_first_line(article: Callable[..., Extracted], paragraph: str,
                                                        day: str) -> None:
    rows = article([paragraph], headline="Thursday, 9 October 2025", published=None)["events"]
    talks = [row for row in rows if row["event_type"] == "talks"]
    assert talks and all(str(row["start_date"]) == day for row in talks)


# A standing body's session, held or to be held, is a meeting: "the Nth session of the X-Y
# Commission", "the X-Y Binational Cabinet, which will be held in ...", "the last Council, held in
# ...", "a high-level intergovernmental meeting will be held in ...".
@pytest.mark.parametrize("paragraph, start, end", [
    ("The two presidents agreed that the 9th session of the Chile-Peru Joint Commission will be held "
     "in Lima in March.", "2026-03-01", "2026-03-31"),
    ("The ministers reviewed preparations for the V Chile-Peru Binational Cabinet, which will be held "
     "in Lima on 4 and 5 December.", "2025-12-04", "2025-12-05"),
    ("The minister recalled that the last Binational Cabinet, held in Tacna in 2022, approved 80 "
     "commitments.", "2022-01-01", "2022-12-31"),
    ("The leaders agreed that a high-level intergovernmental meeting will be held in Lima in the first "
     "half of next year.", "2026-01-01", "2026-06-30"),
    ("The Strategic Cooperation Council, to be held in Santiago in January, will "
     "review the plan.", "2026-01-01", "2026-01-31"),
])
def test_a_standing_bodys_session_is_a_meeting(article: Callable[..., Extracted], paragraph: str,
                                               start: str, end: str) -> None:
    rows = article([paragraph], headline="Ministers meet in the capital", published="2025-10-15")["events"]
    talks = [row for row in rows if row["event_type"] in ("talks", "summit")]
    assert [(str(row["start_date"]), str(row["end_date"])) for row in talks] == [(start, end)]


@pytest.mark.parametrize("paragraph", [
    "The council is held in high regard by both governments.",
    "The Cabinet met the target of 80 commitments held in reserve.",
    "Meetings are held in high esteem in both capitals.",
])
def test_no_session_without_one_held(article: Callable[..., Extracted], paragraph: str) -> None:
    rows = article([paragraph], headline="Ministers meet in the capital", published="2025-10-15")["events"]
    assert not [row for row in rows if row["event_type"] == "talks"]


# "Earlier that morning, ..." opens a sentence told on the day of the event told just before it.
@pytest.mark.parametrize("opener", ["Earlier that morning", "Later that afternoon", "Earlier the same day"])
def test_earlier_or_later_that_part_of_the_day_takes_the_day_before(article: Callable[..., Extracted],
                                                                     opener: str) -> None:
    rows = article(["The two presidents held talks in Quito on Tuesday, 14 October 2025.",
                    f"{opener}, the President laid a wreath at the Monument to the Heroes."],
                   headline="Ministers meet in the capital", published="2025-10-16", separator="\n\n")["events"]
    ceremonies = [row for row in rows if row["event_type"] == "ceremony"]
    assert [str(row["start_date"]) for row in ceremonies] == ["2025-10-14"]


@pytest.mark.parametrize("paragraph", [
    "On Monday, the Minister laid a floral offering at the monument to General Ruiz.",
    "On Monday, the delegation placed a floral tribute at the Tomb of the Unknown Soldier.",
])
def test_a_floral_offering_is_a_ceremony(article: Callable[..., Extracted], paragraph: str) -> None:
    rows = article([paragraph], headline="Ministers meet in the capital", published="2025-10-16")["events"]
    assert [str(row["start_date"]) for row in rows if row["event_type"] == "ceremony"] == ["2025-10-13"]
