"""Milestones told in the passive ("since the relationship was elevated to a Strategic Partnership
in May 2021", "relations between A and B, which were established in 1950") and a courtesy call on
a pronoun ("and Minister X called on her") are events (all wording invented)."""
from __future__ import annotations

import pytest

from event_rows import of_type, span


@pytest.fixture
def events(events_in):
    return events_in("2027-05-06", headline="Ministers meet")


@pytest.mark.parametrize("sentence, expected", [
    ("Prime Minister Lind said that Peru and Chile have deepened cooperation since the relationship was"
     " elevated to a Comprehensive Strategic Partnership in May 2021.", ("2021-05-01", "2021-05-31")),
    ("The ministers recalled the diplomatic relations between Peru and Chile, which were established in 1950.",
     ("1950-01-01", "1950-12-31")),
])
def test_a_milestone_told_in_the_passive(events, sentence, expected):
    rows = events(sentence)
    assert expected in [span(r) for r in of_type(rows, "diplomatic_milestone")]


def test_a_call_on_a_pronoun_is_talks_of_its_own(events):
    rows = events("President Ana Lind received Prime Minister Tomas Berg on 4 May 2027, and Foreign Minister"
                  " Omar Haddad called on him.")
    assert len(of_type(rows, "talks")) == 2
