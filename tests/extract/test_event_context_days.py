"""Undated events told around a dated one take their day from it: "Prior to the talks", "In the
evening" (that day), "The next day" (the day after); named meetings and sessions; a wire
dateline dates "today" (all wording invented)."""
from __future__ import annotations


import pytest

from event_rows import of_type, span



@pytest.fixture
def events(events_in):
    return events_in("2026-04-09", headline="Ministers meet")


@pytest.mark.parametrize("opener, event_type, expected", [
    ("Prior to the talks, President Ilse Maren held a welcome ceremony for Mr. Tamm.", "ceremony", "2026-04-07"),
    ("Before the meeting, President Ilse Maren hosted a ceremony at the Old Palace.", "ceremony", "2026-04-07"),
    ("In the evening, President Ilse Maren hosted a State Banquet in honour of her guest.", "ceremony", "2026-04-07"),
    ("The next day, Minister Oskar Tamm was received by the Prime Minister of Estonia, Kaja Sepp.", "talks", "2026-04-08"),
    ("The following day, President Ilse Maren attended a cultural festival in Tartu.", "ceremony", "2026-04-08"),
])
def test_an_undated_event_takes_its_day_from_the_event_before(events, opener, event_type, expected):
    rows = events("President Ilse Maren held talks with President Oskar Tamm in Tallinn on 7 April 2026.", opener)
    [row] = [r for r in of_type(rows, event_type) if r["evidence"].startswith(opener[:12])]
    assert span(row) == (expected, expected)


def test_the_same_occasion_after_the_next_day_is_that_next_day(events):
    rows = events("Minister Ilse Maren held talks with Minister Oskar Tamm in Tallinn on 7 April 2026.",
                  "The next day, Minister Maren was received by the Prime Minister of Estonia, Kaja Sepp.",
                  "On the same occasion, the two ministers signed a memorandum of understanding on ports.")
    assert [span(r) for r in of_type(rows, "signing")] == [("2026-04-08", "2026-04-08")]


@pytest.mark.parametrize("sentence, event_type", [
    ("On 7 April, Minister Ilse Maren held an Estonia-Latvia Foreign Ministers' Meeting with Minister Oskar Tamm.", "talks"),
    ("On 7 April, the Ministerial Session of the 3rd Estonia–Latvia Joint Commission was held in Riga.", "talks"),
    ("On 7 April, the two sides held an official session of talks in Riga.", "talks"),
])
def test_named_meetings_and_sessions(events, sentence, event_type):
    assert [span(r) for r in of_type(events(sentence), event_type)] == [("2026-04-07", "2026-04-07")]


def test_a_wire_dateline_without_a_year_dates_today(events):
    rows = events("TALLINN, Apr 8 (ERR) -- President Ilse Maren received at the Kadriorg Palace today "
                  "President Oskar Tamm of Latvia, recalling talks held on 1 March 1999.",
                  "Editor: A. B.\n2026-04-08 11:02:13", published=None)
    assert [span(r) for r in of_type(rows, "talks")][:1] == [("2026-04-08", "2026-04-08")]


# ---------------------------------------------------------------- a visit's days from its arrival

@pytest.mark.parametrize("sentence, expected", [
    ("President Oskar Tamm arrived in Tallinn on Tuesday for a four-day state visit.", ("2026-04-07", "2026-04-10")),
    ("Mr. Oskar Tamm, who arrived in Tallinn on Monday, is paying an official visit to Estonia from April 6 to 8.",
     ("2026-04-06", "2026-04-08")),
])
def test_a_visit_lasts_from_its_arrival(events, sentence, expected):
    assert [span(r) for r in of_type(events(sentence), "visit")] == [expected]


def test_a_reference_back_founds_no_event(events):
    rows = events("Minister Ilse Maren met today with Minister Oskar Tamm in Tallinn.",
                  "Following their meeting, the two ministers witnessed the signing of a memorandum on ports.")
    assert len(of_type(rows, "talks")) == 1


def test_a_plan_signed_for_a_span_of_years_is_dated_by_the_day(events):
    rows = events("Minister Ilse Maren held talks with Minister Oskar Tamm in Tallinn on 7 April 2026.",
                  "On the same occasion, the two ministers signed a cooperation programme covering the period 2027-2031.")
    assert [span(r) for r in of_type(rows, "signing")] == [("2026-04-07", "2026-04-07")]


def test_ties_set_up_long_ago_lend_no_day(events):
    rows = events("President Ilse Maren held talks with President Oskar Tamm in Tallinn on 7 April 2026.",
                  "The two recalled that Estonia was the first country to establish diplomatic relations with Latvia, "
                  "on 1 May 1991.",
                  "After the talks, the two presidents witnessed the signing of five cooperation documents.")
    assert [span(r) for r in of_type(rows, "signing")] == [("2026-04-07", "2026-04-07")]
    assert [span(r) for r in of_type(rows, "diplomatic_milestone")] == [("1991-05-01", "1991-05-01")]


def test_a_body_co_chaired_is_a_meeting(events):
    rows = events("On 6 April, Minister Ilse Maren co-chaired in Tartu, together with Minister Oskar Tamm, "
                  "the 9th Joint Economic Commission.")
    assert [span(r) for r in of_type(rows, "talks")] == [("2026-04-06", "2026-04-06")]


# ---------------------------------------------------------------- months without a year

@pytest.mark.parametrize("sentence, event_type, expected", [
    ("In late October, President Ilse Maren and President Oskar Tamm will meet in Riga.", "talks",
     ("2026-10-21", "2026-10-31")),
    ("The figures follow President Ilse Maren's visit to Riga in November, when the two leaders met.", "visit",
     ("2025-11-01", "2025-11-30")),
    ("The treaty, signed in June last year, entered into force.", "signing", ("2025-06-01", "2025-06-30")),
])
def test_a_month_without_a_year_is_the_last_one_unless_told_in_the_future(events, sentence, event_type, expected):
    assert [span(r) for r in of_type(events(sentence), event_type)] == [expected]


# ---------------------------------------------------------------- whose date a date is

@pytest.mark.parametrize("sentences, event_type, expected", [
    # the date after "was preceded" belongs to what preceded; "The visit" refers back
    (("President Oskar Tamm paid a state visit to Estonia from 6 to 8 April 2026.",
      "The visit was preceded on Sunday, 5 April, by the Ministerial Session of the 2nd Estonia-Latvia Joint Commission."),
     "talks", [("2026-04-05", "2026-04-05")]),
    # a body that convened on a day, told in a relative clause
    (("The ministers welcomed the outcomes of the first Estonia-Latvia Energy Dialogue, which convened in Riga on March 2.",),
     "talks", [("2026-03-02", "2026-03-02")]),
    # a date after ", and stated that" belongs to another act
    (("Minister Ilse Maren welcomed Minister Oskar Tamm on his first visit to Estonia, and stated that the "
      "anniversary next year is a milestone.", "Minister Tamm is visiting Estonia from 7 to 9 April 2026."),
     "visit", [("2026-04-07", "2026-04-09")]),
])
def test_whose_date_a_date_is(events, sentences, event_type, expected):
    assert [span(r) for r in of_type(events(*sentences), event_type)] == expected


@pytest.mark.parametrize("sentence, event_type", [
    ("On Wednesday, Minister Ilse Maren was received in audience by the President of Latvia, Oskar Tamm.", "talks"),
    ("On Wednesday, Minister Ilse Maren called on President Oskar Tamm.", "talks"),
    ("On Wednesday, President Ilse Maren was accorded a ceremonial welcome at the Old Palace.", "ceremony"),
    ("On Wednesday, President Oskar Tamm hosted a luncheon in honour of President Ilse Maren.", "ceremony"),
    ("On Wednesday, Minister Ilse Maren led a delegation of 30 companies to Riga.", "visit"),
])
def test_more_kinds_of_meetings_and_ceremonies(events, sentence, event_type):
    assert [span(r) for r in of_type(events(sentence), event_type)] == [("2026-04-08", "2026-04-08")]


def test_a_background_day_retold_does_not_date_the_next_opener(events):
    rows = events("Minister Ilse Maren met today with Minister Oskar Tamm in Tallinn.",
                  "The ministers welcomed the outcomes of the first Energy Dialogue, which convened in Riga on March 2.",
                  "Following their meeting, the two ministers witnessed the signing of a memorandum on ports.")
    assert [span(r) for r in of_type(rows, "signing")] == [("2026-04-09", "2026-04-09")]


def test_a_ceremony_upon_arrival_is_on_the_day_of_the_reception(events):
    rows = events("President Ilse Maren received at the Kadriorg Palace in Tallinn today President Oskar Tamm, "
                  "who arrived in Estonia the previous day on a three-day official visit.",
                  "An official welcome ceremony was held for the Latvian President upon his arrival at the palace.")
    assert [span(r) for r in of_type(rows, "ceremony")] == [("2026-04-09", "2026-04-09")]
    assert [span(r) for r in of_type(rows, "visit")] == [("2026-04-08", "2026-04-10")]


def test_a_meeting_referred_back_to_mid_sentence_is_no_new_meeting(events):
    rows = events("President Ilse Maren held summit talks with President Oskar Tamm on Thursday.",
                  "\"Today we opened a new chapter,\" Maren said at a joint press conference after the talks.")
    assert of_type(rows, "talks") == []
    assert len(of_type(rows, "summit")) == 1


def test_a_day_in_another_city_during_a_trip_is_a_stop_of_its_own(events):
    rows = events("President Oskar Tamm is on a three-day official visit to Estonia from 8 to 10 April 2026.",
                  "President Tamm is scheduled to visit Tallinn on Friday.")
    assert sorted(span(r) for r in of_type(rows, "visit")) == [("2026-04-08", "2026-04-10"), ("2026-04-10", "2026-04-10")]


@pytest.mark.parametrize("sentence, event_type, expected", [
    # a meeting still to come in the year under way: from the reference day, never the whole year
    ("They agreed that the next meeting of the Joint Committee would be held in Riga later in 2026.", "talks",
     ("2026-04-09", "2026-12-31")),
    ("The third meeting of the Joint Committee will take place in Riga in 2026.", "talks", ("2026-04-09", "2026-12-31")),
    # "next year's election" dates the election, not the visit before it
    ("Exporters hope Minister Ilse Maren's visit to Riga will open markets before next year's election.", "visit",
     (None, None)),
])
def test_dates_of_events_still_to_come(events, sentence, event_type, expected):
    assert [span(r) for r in of_type(events(sentence), event_type)] == [expected]


def test_a_courtesy_call_prior_to_the_meeting_is_its_own_event(events):
    rows = events("On 7 April, Minister Ilse Maren held a meeting with Minister Oskar Tamm in Tallinn.",
                  "On the same day, prior to the meeting, Minister Tamm paid a courtesy call on Prime Minister Kaja Sepp.")
    assert sorted(span(r) for r in of_type(rows, "talks")) == [("2026-04-07", "2026-04-07")] * 2


def test_talks_first_told_after_a_decision_are_not_a_reference(events):
    rows = events("TALLINN, April 9 (ERR) - Estonia and Latvia agreed on Thursday to build a cable, after talks "
                  "between the two countries' energy ministers in the capital.")
    assert [span(r) for r in of_type(rows, "talks")] == [("2026-04-09", "2026-04-09")]


def test_a_forum_attended_is_an_event(events):
    rows = events("On Friday, President Oskar Tamm is scheduled to attend a business forum in Tallinn.")
    assert [span(r) for r in of_type(rows, "other")] == [("2026-04-10", "2026-04-10")]


def test_a_dialogue_agreed_to_be_launched_is_no_event_but_its_first_session_is(events):
    rows = events("The ministers agreed to launch an Estonia-Latvia Energy Dialogue, with the inaugural session "
                  "to be held in Riga in June 2026.")
    assert [(r["event_type"], span(r)) for r in rows] == [("talks", ("2026-06-01", "2026-06-30"))]


def test_travel_on_a_later_day_of_a_trip_is_a_stop_of_its_own(events):
    rows = events("Minister Ilse Maren was on a working visit to Latvia from 6 to 8 April 2026.",
                  "On Wednesday, 8 April, Minister Maren travelled to the island of Ruhnu, where she opened a school.")
    assert sorted(span(r) for r in of_type(rows, "visit")) == [("2026-04-06", "2026-04-08"), ("2026-04-08", "2026-04-08")]


@pytest.mark.parametrize("sentence, event_type, expected", [
    ("Last Saturday, the Latvian Students' Society held its annual Latvian Song Day on campus.", "ceremony",
     ("2026-04-04", "2026-04-04")),
    ("The two navies will hold the joint naval exercise Amber Wave, which will take place in the Baltic Sea "
     "from May 4 to 9.", "other", ("2026-05-04", "2026-05-09")),
])
def test_days_held_and_exercises(events, sentence, event_type, expected):
    assert [span(r) for r in of_type(events(sentence), event_type)] == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("President Oskar Tamm yesterday concluded a three-day state visit to Estonia.", ("2026-04-06", "2026-04-08")),
    ("President Oskar Tamm wrapped up a two-day visit to Estonia on Tuesday.", ("2026-04-06", "2026-04-07")),
])
def test_a_visit_concluded_on_a_day_ends_that_day(events, sentence, expected):
    assert [span(r) for r in of_type(events(sentence), "visit")] == [expected]


def test_an_event_within_a_visit_with_no_place_of_its_own_is_in_the_country_visited(events):
    rows = events("President Oskar Tamm is paying a state visit to Estonia from 7 to 10 April 2026.",
                  "On Wednesday, President Ilse Maren held a welcome ceremony for President Tamm.")
    [ceremony] = of_type(rows, "ceremony")
    assert (span(ceremony), ceremony["country_code"]) == (("2026-04-08", "2026-04-08"), "EE")
