"""An event the text says did not happen is no event ("did not attend X's inauguration", "have
not held a bilateral meeting since"); a byline and a date line above a news lead do not hide the
lead's day from the events told after it (all wording invented)."""
from __future__ import annotations

import pytest

from event_rows import of_type, span


@pytest.fixture
def events(events_in):
    return events_in("2027-05-06", headline="Ministers meet")


@pytest.mark.parametrize("sentence, event_type", [
    ("President Lind did not attend President Berg's inauguration in March 2026.", "ceremony"),
    ("The two presidents have not held a bilateral meeting since 2019.", "talks"),
    ("Mr. Berg has never visited Oslo as president.", "visit"),
])
def test_an_event_that_did_not_happen_is_no_event(events, sentence, event_type):
    rows = events(sentence)
    assert not [r for r in of_type(rows, event_type) if r["evidence"] == sentence]


def test_not_only_is_no_negation(events):
    sentence = "Mr. Berg not only visited Oslo on Tuesday but also toured a shipyard."
    rows = events(sentence)
    assert [span(r) for r in of_type(rows, "visit") if r["evidence"] == sentence][:1] == [("2027-05-04", "2027-05-04")]


def test_a_lead_under_a_byline_and_a_date_line_gives_the_reported_day(events):
    rows = events("By Staff Reporter\nWednesday, May 5, 2027",
                  "Peru and Chile agreed on Tuesday to set up a joint working group on lithium, a first step"
                  " towards a common export policy.",
                  "The decision came after a two-hour meeting in Lima between Foreign Minister Ana Lind and her"
                  " Chilean counterpart Tomas Berg.", published=None)
    [talks] = of_type(rows, "talks")
    assert span(talks) == ("2027-05-04", "2027-05-04")


@pytest.mark.parametrize("sentence, day", [
    ("The ministers reviewed the Extradition Treaty, which entered into force on 2 March 2026.", "2026-03-02"),
    ("They welcomed progress since the trade agreement came into force on 1 July 2025.", "2025-07-01"),
])
def test_the_day_an_accord_took_effect_is_a_milestone(events, sentence, day):
    rows = events(sentence)
    assert (day, day) in [span(r) for r in of_type(rows, "diplomatic_milestone")]


def test_an_accord_in_force_since_a_year_is_background(events):
    rows = events("They welcomed the partnership agreement between Peru and Chile, which came into force in 2016.")
    assert not of_type(rows, "diplomatic_milestone")


def test_a_contracted_negation_is_a_negation(events):
    sentence = "President Lind didn't attend the summit in Lima in March 2026."
    rows = events(sentence)
    assert not [r for r in of_type(rows, "summit") if r["evidence"] == sentence]
