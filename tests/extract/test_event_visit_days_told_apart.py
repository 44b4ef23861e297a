"""A visit's days told apart from its trigger: a visit that "began" on one day "and will conclude"
on another, one whose first day is the page's ("at the start of a two-day visit"), and an arrival on
the first day of a visit whose length another sentence tells (all wording invented; published
Tuesday 2025-03-04)."""
from __future__ import annotations

import pytest


@pytest.fixture
def events(events_in):
    return events_in("2025-03-04", headline="Ministers meet")


def visits(rows: list[dict]) -> list[tuple[str, str]]:
    return [(str(r["start_date"]), str(r["end_date"])) for r in rows if r["event_type"] == "visit"]


@pytest.mark.parametrize("sentence, days", [
    ("The talks were held during the Minister's working visit to Peru, which began yesterday and will conclude on Thursday.",
     ("2025-03-03", "2025-03-06")),
    ("It was the second day of Ms Orla Dane's official visit to Chile, which started on Monday and ends on Friday.",
     ("2025-03-03", "2025-03-07")),
])
def test_a_visit_that_began_and_will_conclude_spans_both_days(events, sentence, days) -> None:
    assert visits(events(sentence)) == [days]


@pytest.mark.parametrize("sentence, days", [
    ("President Rui Sol today welcomed President Ana Verde of Togo in Lome, at the start of a three-day state visit by the Togolese leader.",
     ("2025-03-04", "2025-03-06")),
    ("Prime Minister Ivo Lind today received Chancellor Orla Dane at the palace, at the beginning of a two-day official visit.",
     ("2025-03-04", "2025-03-05")),
])
def test_a_visit_whose_start_is_the_page_day_lasts_its_length(events, sentence, days) -> None:
    assert visits(events(sentence)) == [days]


def test_an_arrival_in_a_city_on_the_first_day_is_the_visit_not_a_stop(events) -> None:
    rows = events("Chancellor Orla Dane on Tuesday concluded a two-day official visit to the Lao capital.",
                  "Dane arrived in Vientiane on Monday and was welcomed at the airport by the foreign minister.")
    assert visits(rows) == [("2025-03-03", "2025-03-04")]
