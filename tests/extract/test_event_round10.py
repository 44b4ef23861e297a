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
