"""General mechanisms of event dating: the tense of the clause picks the year of a bare month, a date
belongs to the trigger nearest it, participle milestones inside longer sentences, expected trips and
visits addressed to the visitor (all wording invented; published Tuesday 2024-08-20)."""
from __future__ import annotations

import pytest

from event_rows import of_type, span


@pytest.fixture
def events(events_in):
    return events_in("2024-08-20", headline="Leaders meet")


@pytest.mark.parametrize("sentence, event_type, expected", [
    ("The two premiers last met in Valletta in January, when they agreed to widen trade.", "talks",
     ("2024-01-01", "2024-01-31")),
    ("The foreign ministers met in Tallinn in December.", "talks", ("2023-12-01", "2023-12-31")),
    ("Talks were held in Bergen in November.", "talks", ("2023-11-01", "2023-11-30")),
    ("President Osei visited Lisbon on 3 February.", "visit", ("2024-02-03", "2024-02-03")),
    ("The chancellor will visit Oslo in March.", "visit", ("2025-03-01", "2025-03-31")),
])
def test_the_tense_of_the_clause_picks_the_year_of_a_bare_month(events, sentence, event_type, expected) -> None:
    assert [span(r) for r in of_type(events(sentence), event_type)] == [expected]


def test_a_past_month_on_a_page_of_the_first_year_stays_in_that_year(events) -> None:
    """There is no year before year 1 to read it back to (found by the fuzz test)."""
    rows = of_type(events("The two premiers last met in Valletta in January.", published="0001-01-01"), "talks")
    assert [span(r) for r in rows] == [("0001-01-01", "0001-01-31")]


@pytest.mark.parametrize("sentence, expected", [
    ("When the two accords signed at the summit in Quito on 12 May 2021 entered into force on 3 June 2023, "
     "a long dispute closed.", ("2023-06-03", "2023-06-03")),
    ("The treaty concluded in Riga on 4 May 2020 came into force on 1 July 2022.", ("2022-07-01", "2022-07-01")),
])
def test_a_date_belongs_to_the_trigger_it_follows_not_to_the_act_before(events, sentence, expected) -> None:
    assert [span(r) for r in of_type(events(sentence), "diplomatic_milestone")] == [expected]


def test_a_date_opening_the_sentence_still_dates_its_trigger(events) -> None:
    rows = of_type(events("In March last year we commemorated the anniversary of the battle of 2 March 1921."), "ceremony")
    assert [span(r) for r in rows] == [("2023-03-01", "2023-03-31")]


@pytest.mark.parametrize("sentence, expected", [
    ("This year Ghana and Chile mark 60 years of diplomatic relations, established on 9 June 1964.",
     ("1964-06-09", "1964-06-09")),
    ("The embassy will hold a concert to mark the anniversary of diplomatic relations between Peru and Norway, "
     "established in March 1951.", ("1951-03-01", "1951-03-31")),
    ("Ties run deep. Diplomatic relations were established on 2 May 1970, and trade has grown every year since.",
     ("1970-05-02", "1970-05-02")),
])
def test_a_participle_milestone_inside_a_longer_sentence(events, sentence, expected) -> None:
    assert [span(r) for r in of_type(events(sentence), "diplomatic_milestone")] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Premier Okafor, 58, is expected in Madrid in October for a forum on fisheries.", ("2024-10-01", "2024-10-31")),
    ("Next week, the Deputy Minister is expected in Accra to open the new trade office.", ("2024-08-26", "2024-09-01")),
    ("The foreign minister is expected in Quito on Friday.", ("2024-08-23", "2024-08-23")),
    ("Chancellor Vik will travel to Perth later this week to meet investors.", ("2024-08-20", "2024-08-25")),
])
def test_a_person_expected_at_a_place_is_a_visit_still_to_come(events, sentence, expected) -> None:
    assert [span(r) for r in of_type(events(sentence), "visit")] == [expected]


@pytest.mark.parametrize("sentence", [
    "A decision is expected in May.",
    "Growth is expected in Asia this year.",
    "The ruling is expected in Lima next week.",
])
def test_a_thing_expected_is_no_visit(events, sentence) -> None:
    assert of_type(events(sentence), "visit") == []


@pytest.mark.parametrize("sentence", [
    "Prime Minister Ana Ruiz arrived in Lisbon on Tuesday for talks with President Carlos Mota.",
    "Chancellor Ivo Berg arrived in Tallinn today for a meeting with Prime Minister Kaja Sepp.",
])
def test_an_arrival_for_talks_is_the_visit(events, sentence) -> None:
    rows = events(sentence)
    assert [r["event_type"] for r in rows] == ["visit"]
    assert span(rows[0]) == ("2024-08-20", "2024-08-20")


def test_a_past_day_just_after_the_page_day_keeps_its_year(events) -> None:
    rows = of_type(events("On 22 August, President Lund visited the new port of Tema."), "visit")
    assert [span(r) for r in rows] == [("2024-08-22", "2024-08-22")]


@pytest.mark.parametrize("sentence", [
    "Prime Minister, this is your fourth visit to Peru since 2016, and each visit has brought our peoples closer.",
    "Madam President, this is your first official visit to Norway.",
])
def test_a_visit_addressed_to_the_visitor_is_the_one_under_way(events, sentence) -> None:
    assert [span(r) for r in of_type(events(sentence), "visit")] == [("2024-08-20", "2024-08-20")]


def test_the_previous_day_counts_from_the_day_the_story_tells(events) -> None:
    rows = events("Presidents Ana Ruiz of Peru and Jon Berg of Norway met on Monday in Tromso.",
                  "The previous day, the foreign ministers of both countries met in Bodo to prepare the summit.")
    assert sorted(span(r) for r in of_type(rows, "talks")) == [("2024-08-18", "2024-08-18"), ("2024-08-19", "2024-08-19")]


def test_earlier_in_the_day_is_the_day_the_story_tells(events) -> None:
    rows = events("Chancellor Ivo Berg travelled to Riga on Sunday for consultations with Prime Minister Kaja Sepp.",
                  "Earlier in the day, Berg was received by President Edgars Ozols at the castle.")
    assert [span(r) for r in of_type(rows, "talks")] == [("2024-08-18", "2024-08-18")] * 2


@pytest.mark.parametrize("sentence, expected", [
    ("The grant was pledged during the Peruvian-Danish government negotiations held in Lima in May 2023.",
     ("2023-05-01", "2023-05-31")),
    ("The premiers recalled the 9th Annual Consultation held in Hanoi in March 2023.", ("2023-03-01", "2023-03-31")),
])
def test_a_round_of_consultation_or_negotiations_held_is_a_meeting(events, sentence, expected) -> None:
    assert [span(r) for r in of_type(events(sentence), "talks")] == [expected]


@pytest.mark.parametrize("sentence", [
    "Since 2016 the two premiers have met at an annual Leaders' Retreat.",
    "Since 2011 the two presidents have held a summit every year.",
])
def test_a_habit_since_a_year_is_not_dated_by_that_year(events, sentence) -> None:
    assert all(r["start_date"] is None for r in events(sentence))


def test_a_place_visited_to_tour_a_site_is_a_stop_of_its_own(events) -> None:
    rows = events("President Ana Ruiz is paying a state visit to Norway from August 19 to 21, 2024.",
                  "Tomorrow, President Ruiz will visit Mongstad Harbour to tour the refinery before leaving for Lima.")
    assert sorted(span(r) for r in of_type(rows, "visit")) == [("2024-08-19", "2024-08-21"), ("2024-08-21", "2024-08-21")]


@pytest.mark.parametrize("sentence, expected", [
    ("The NCP was launched in June 2006 by Prime Minister Ola Berg and President Ana Mota.", ("2006-06-01", "2006-06-30")),
    ("The Arctic Initiative was launched on 3 May 2019 by the two foreign ministers.", ("2019-05-03", "2019-05-03")),
])
def test_a_named_programme_launched_in_the_passive_is_an_event(events, sentence, expected) -> None:
    assert [span(r) for r in of_type(events(sentence), "other")] == [expected]


@pytest.mark.parametrize("sentence", [
    "Tonight you will address more than 12,000 members of the Korean community at the stadium in Lima.",
    "The Chancellor will address the Turkish diaspora at a rally in Oslo today.",
])
def test_addressing_a_community_is_a_speech(events, sentence) -> None:
    assert [span(r) for r in of_type(events(sentence), "speech")] == [("2024-08-20", "2024-08-20")]
