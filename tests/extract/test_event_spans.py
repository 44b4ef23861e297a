"""A visit's days told as an arrival day and an end day or a length, and the sentence a row
cites being the one that tells its days (all wording invented; published Tuesday 2025-03-04)."""
from __future__ import annotations


import pytest



@pytest.fixture
def events(events_in):
    return events_in("2025-03-04", headline="Leaders meet")


def visits(rows: list[dict]) -> list[tuple[str, str]]:
    return [(str(r["start_date"]), str(r["end_date"])) for r in rows if r["event_type"] == "visit"]


@pytest.mark.parametrize("sentence, days", [
    ("President Ana Verde arrived in Lisbon on Monday (3) for a state visit that ends this Thursday (6).",
     ("2025-03-03", "2025-03-06")),
    ("President Ana Verde arrived in Lisbon on Sunday for an official visit which concludes on Wednesday.",
     ("2025-03-02", "2025-03-05")),
    ("Prime Minister Tomas Berg arrived in Oslo on Monday evening for a three-day working visit.",
     ("2025-03-03", "2025-03-05")),
    ("Prime Minister Tomas Berg landed in Oslo on Sunday for a four-day visit through Wednesday.",
     ("2025-03-02", "2025-03-05")),
])
def test_arrival_day_and_its_end_make_the_visit_span(events, sentence, days) -> None:
    assert visits(events(sentence)) == [days]


def test_the_row_cites_the_sentence_that_tells_its_span(events) -> None:
    rows = events("President Ana Verde on Tuesday hosted her Zambian counterpart Ivo Lind at the palace.",
                  "Lind arrived in the country on Monday night for a three-day state visit at the invitation of Verde.")
    [visit] = [r for r in rows if r["event_type"] == "visit"]
    assert (str(visit["start_date"]), str(visit["end_date"])) == ("2025-03-03", "2025-03-05")
    assert "three-day state visit" in visit["evidence"]


@pytest.mark.parametrize("sentence", [
    "The fair runs until Thursday, and President Ana Verde visited it on Monday.",
])
def test_an_end_day_of_something_else_does_not_stretch_a_visit(events, sentence) -> None:
    assert visits(events(sentence)) in ([], [("2025-03-03", "2025-03-03")])


@pytest.mark.parametrize("sentence, days", [
    ("Today, President Ana Verde welcomes President Ivo Lind to Lisbon for a State Visit, which runs from March 3 to 5, 2025.",
     ("2025-03-03", "2025-03-05")),
    ("President Ivo Lind is in Lisbon on a working visit, which began on March 2, 2025.",
     ("2025-03-02", "2025-03-02")),
])
def test_a_relative_clause_telling_when_the_visit_runs_dates_it(events, sentence, days) -> None:
    assert visits(events(sentence)) == [days]
