"""An arrival and a departure bound a visit ("arrived in X on Monday ... and will leave on
Wednesday after meeting Y": the visit Monday to Wednesday, the meeting on Wednesday); a welcome at
the airport is no talks; hosting a banquet is a ceremony, not a visit (all wording invented)."""
from __future__ import annotations

import pytest

from event_rows import of_type, span


@pytest.fixture
def events(events_in):
    return events_in("2027-05-05", headline="Leaders meet")


@pytest.mark.parametrize("sentence, last", [
    ("Novak, 64, arrived in Lisbon on Tuesday evening on his first trip to Portugal since 2018 and will leave"
     " on Thursday after meeting President Ana Sousa.", "2027-05-06"),
    ("Ms. Novak arrived in Porto on Tuesday and departs on Friday.", "2027-05-07"),
])
def test_arrival_and_departure_bound_the_visit(events, sentence, last):
    rows = events("Prime Minister Ana Sousa received Slovenian President Petra Novak in Lisbon on Wednesday"
                  " for talks on energy.", sentence)
    [visit] = [r for r in of_type(rows, "visit") if r["evidence"] == sentence]
    assert span(visit) == ("2027-05-04", last)


def test_a_meeting_after_which_a_visitor_will_leave_is_still_to_come(events):
    sentence = ("Novak arrived in Lisbon on Tuesday evening and will leave on Thursday after meeting President"
                " Marco Sousa.")
    rows = events("Prime Minister Ana Sousa received Slovenian President Petra Novak in Lisbon on Wednesday"
                  " for talks on energy.", sentence)
    assert ("2027-05-06", "2027-05-06") in [span(r) for r in of_type(rows, "talks")]


@pytest.mark.parametrize("sentence", [
    "President Novak arrived in Lisbon on Tuesday and was received at the Humberto Delgado Airport by"
    " her host, President Marco Sousa.",
    "She was received at the Beja Air Base by Foreign Minister Rui Costa.",
])
def test_a_welcome_at_the_airport_is_no_talks(events, sentence):
    rows = events("President Marco Sousa and President Petra Novak held talks in Lisbon on Wednesday.", sentence)
    assert [span(r) for r in of_type(rows, "talks")] == [("2027-05-05", "2027-05-05")]


@pytest.mark.parametrize("sentence", [
    "The previous day, President Sousa had hosted a state banquet at the Ajuda Palace in honour of his guest.",
    "President Sousa hosted a gala dinner at the Belem Palace for the delegation.",
])
def test_hosting_a_meal_is_no_visit(events, sentence):
    rows = events("President Marco Sousa and President Petra Novak held talks in Lisbon on Wednesday.", sentence)
    assert not [r for r in of_type(rows, "visit") if r["evidence"] == sentence]
    assert [r for r in of_type(rows, "ceremony") if r["evidence"] == sentence]


def test_addressing_a_community_abroad_is_a_speech(events):
    sentence = "President Novak also addressed members of the Slovenian community in Portugal."
    rows = events("President Marco Sousa and President Petra Novak held talks in Lisbon on Wednesday.", sentence)
    assert [r for r in of_type(rows, "speech") if r["evidence"] == sentence]


def test_later_goes_on_from_the_story_day_not_from_a_step_back(events):
    later = "The two presidents later witnessed the signing of four agreements on energy and transport."
    rows = events("On Wednesday, President Marco Sousa and President Petra Novak held talks at the Belem Palace.",
                  "The previous day, President Sousa had hosted a state banquet in honour of his guest. " + later)
    [signing] = [r for r in of_type(rows, "signing") if r["evidence"] == later]
    assert span(signing) == ("2027-05-05", "2027-05-05")
