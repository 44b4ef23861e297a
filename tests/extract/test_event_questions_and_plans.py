"""A question tells no event; an event someone 'is also scheduled to' hold is still to come
(all wording invented; published Tuesday 2025-03-04)."""
from __future__ import annotations


import pytest



@pytest.fixture
def events(events_in):
    return events_in("2025-03-04", headline="Leaders meet")


@pytest.mark.parametrize("sentence", [
    "QUESTION: Chancellor Holm, when will you visit Riga again?",
    "Will the two presidents hold a summit in Oslo this spring?",
    'REPORTER: "Did you discuss the pipeline at the meeting with Prime Minister Vance?"',
])
def test_a_question_tells_no_event(events, sentence) -> None:
    assert events(sentence) == []


@pytest.mark.parametrize("sentence, day", [
    ("Chancellor Mira Holm is also scheduled to meet Prime Minister Teo Vance in Tartu on Thursday.", "2025-03-06"),
    ("The delegation is further expected to visit the port of Gdansk on Friday.", "2025-03-07"),
])
def test_an_act_also_scheduled_is_on_the_next_such_day(events, sentence, day) -> None:
    rows = events(sentence)
    assert [str(r["start_date"]) for r in rows] == [day]


@pytest.mark.parametrize("sentence, expected", [
    ("The fund will help island states respond to disasters such as the floods that hit them each year.", []),
    ("Three sailors died in the ferry accident off Gotland last week.", ["disaster"]),
    ("The minister mourned the victims of the plane crash near Vilnius on Sunday.", ["disaster"]),
])
def test_a_disaster_named_as_an_example_is_none_and_a_crash_is_one(events, sentence, expected) -> None:
    assert [r["event_type"] for r in events(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "The two presidents decided to elevate the Latvia–Chile relationship to a Strategic Partnership.",
    "They hailed the Nordic-Andean Green Partnership, which they launched in Lima in May 2023.",
])
def test_an_upgrade_or_a_partnership_launched_is_a_milestone(events, sentence) -> None:
    assert "diplomatic_milestone" in [r["event_type"] for r in events(sentence)]
