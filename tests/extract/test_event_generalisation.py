"""Families of event phrasing that the dev corpus does not show often: how a trigger finds its own
date among several in a sentence, events dated by the one told just before them, relative days
read forward when the clause tells the future (all wording invented)."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.normalise.dates import find_dates

from event_rows import of_type, span


@pytest.fixture
def events(events_in):
    return events_in("2025-03-04", headline="Ministers meet")


# ---------------------------------------------------------------- a date belongs to its own clause

@pytest.mark.parametrize("sentence, event_type, dates", [
    # the date after another trigger is that trigger's
    ("On 12 May 2025, President Ilse Maren and Prime Minister Oskar Tamm held a summit meeting in Tallinn, "
     "during President Maren's state visit to Estonia on 11-13 May.", "summit", ("2025-05-12", "2025-05-12")),
    # the date past ", which" or " as " opens another clause
    ("Minister Ilse Maren visited the harbour in Tallinn, which will host the regatta on 20 June.", "visit", (None, None)),
])
def test_a_date_in_another_clause_is_not_the_triggers(events, sentence, event_type, dates):
    [row] = of_type(events(sentence), event_type)
    assert span(row) == dates


def test_a_visit_told_as_coming_as_something_else_happens_is_not_dated_by_it(events):
    rows = events("Minister Ilse Maren paid an official visit to Estonia from 2 to 4 March.",
                  "The visit comes as the two countries prepare to celebrate Baltic Day on 14 June.")
    assert [span(r) for r in of_type(rows, "visit")] == [("2025-03-02", "2025-03-04")]


def test_a_date_inside_a_relative_clause_dates_only_that_clause(events):
    rows = events("Trade Minister Ilse Maren, who is on a visit to Estonia that began on Monday, held talks "
                  "with Minister Oskar Tamm.")
    [talks] = of_type(rows, "talks")
    assert talks["start_date"] is None


def test_a_date_closing_the_sentence_after_a_comma_dates_it_all(events):
    rows = events("Ambassador Ilse Maren spoke during Minister Oskar Tamm's visit to the embassy staff, on 2 March 2025.")
    [speech] = of_type(rows, "speech")
    assert span(speech) == ("2025-03-02", "2025-03-02")


def test_days_after_a_meeting_and_another_trigger_are_not_one_meeting_each(events):
    rows = events("Minister Ilse Maren met Minister Oskar Tamm on Monday and will travel to Tartu on Thursday.")
    assert len(of_type(rows, "talks")) == 1


# ---------------------------------------------------------------- relative days told in the future

@pytest.mark.parametrize("sentence, start", [
    ("Minister Ilse Maren will travel to Tartu on Thursday.", "2025-03-06"),           # published on a Tuesday
    ("On Friday, Minister Ilse Maren is scheduled to visit the shipyard in Tartu.", "2025-03-07"),
    ("The committee's first meeting will be held in Riga in January.", "2026-01-01"),
])
def test_a_day_or_month_without_a_year_in_a_future_clause_is_the_next_one(events, sentence, start):
    [row] = events(sentence)
    assert str(row["start_date"]) == start


def test_a_future_act_following_a_past_event_leaves_that_event_in_the_past(events):
    rows = events("The government will send aid to Estonia following the floods that hit the coast on 8 and 9 February.")
    assert [span(r) for r in rows] == [("2025-02-08", "2025-02-09")]


@pytest.mark.parametrize("sentence, dates", [
    ("Minister Ilse Maren, who is on a four-day visit to Estonia that began on Monday, met students.",
     ("2025-03-03", "2025-03-06")),
    ("Minister Ilse Maren began a two-day working visit to Estonia on 10 March.", ("2025-03-10", "2025-03-11")),
])
def test_a_visit_of_n_days_from_its_first_day_lasts_n_days(events, sentence, dates):
    [visit] = of_type(events(sentence), "visit")
    assert span(visit) == dates


def test_a_visit_remembered_years_ago_is_no_event(events):
    rows = events("I first travelled to Tartu twenty years ago as a student, and I still remember the river.")
    assert of_type(rows, "visit") == []


# ---------------------------------------------------------------- dated by the event told before

@pytest.mark.parametrize("opener", [
    "Following the talks, the two ministers",
    "After the meeting, the two ministers",
    "On the same day, the two ministers",
    "On the occasion, the two ministers",
])
def test_an_event_opened_by_a_reference_to_the_day_takes_that_day(events, opener):
    rows = events("On 2 March, Minister Ilse Maren held talks with Minister Oskar Tamm in Tallinn.",
                  f"{opener} signed a memorandum of understanding on forestry.")
    [signing] = of_type(rows, "signing")
    assert (span(signing), signing["country_code"]) == (("2025-03-02", "2025-03-02"), "EE")


def test_a_signing_after_talks_in_one_sentence_takes_the_talks_day(events):
    rows = events("Minister Ilse Maren held talks with Minister Oskar Tamm on Monday, and the two signed a "
                  "memorandum of understanding on forestry.")
    [signing] = of_type(rows, "signing")
    assert span(signing) == ("2025-03-03", "2025-03-03")


def test_a_reference_to_the_meeting_after_a_summit_meeting_is_no_new_talks(events):
    rows = events("On 2 March 2025, President Ilse Maren and President Oskar Tamm held a Summit Meeting in Riga.",
                  "Following the meeting, the two leaders witnessed the signing of three agreements.")
    assert (len(of_type(rows, "summit")), of_type(rows, "talks")) == (1, [])


def test_events_during_a_visit_without_a_date_are_each_an_event(events):
    rows = events("Minister Ilse Maren paid an official visit to Latvia from 2 to 4 March.",
                  "During the visit, the delegation laid a wreath at the Freedom Monument and met with "
                  "representatives of the Estonian community in Riga.")
    assert (len(of_type(rows, "ceremony")), len(of_type(rows, "visit"))) == (1, 1)
    assert [span(r) for r in of_type(rows, "talks")] == [(None, None)]


# ---------------------------------------------------------------- a summit during a visit

def test_a_summit_meeting_on_one_day_of_a_longer_visit_is_not_the_visit(events):
    rows = events("Today, President Ilse Maren and Prime Minister Oskar Tamm met at the castle in Riga for the "
                  "Baltic Leaders' Summit, during the President's official visit to Latvia from March 3 to 5.")
    assert [span(r) for r in of_type(rows, "summit")] == [("2025-03-04", "2025-03-04")]
    assert [span(r) for r in of_type(rows, "visit")] == [("2025-03-03", "2025-03-05")]
    assert of_type(rows, "talks") == []


@pytest.mark.parametrize("second", [
    "At the meeting, the two ministries signed a memorandum of understanding on forestry.",
    "After the working dinner, the two ministers signed a memorandum of understanding on forestry.",
    "Minister Tamm then signed a memorandum of understanding on forestry with Minister Maren.",
])
def test_more_openers_refer_to_the_day_before(events, second):
    rows = events("The signing of 12 trade contracts was announced in November 2024.",
                  "On 2 March, Minister Ilse Maren held talks with Minister Oskar Tamm in Tallinn.", second)
    assert sorted(span(r) for r in of_type(rows, "signing"))[-1] == ("2025-03-02", "2025-03-02")


def test_an_event_told_after_an_opener_is_not_swallowed_by_the_openers_reference(events):
    rows = events("On 2 March, Minister Ilse Maren held talks with Minister Oskar Tamm in Tallinn.",
                  "After the talks, the ministers met with some 30 exporters at a roundtable.")
    assert sorted(span(r) for r in of_type(rows, "talks")) == [("2025-03-02", "2025-03-02")] * 2


def test_a_schedule_of_meetings_is_no_meeting(events):
    rows = events("The two ministers set up a forestry council that will meet at least twice a year.")
    assert of_type(rows, "talks") == []


def test_a_second_undated_trigger_of_a_persons_trip_in_one_sentence_is_the_same_visit(events):
    rows = events("Tomorrow Minister Ilse Maren will travel to Tartu, where she will visit the university.")
    assert [span(r) for r in of_type(rows, "visit")] == [("2025-03-05", "2025-03-05")]


@pytest.mark.parametrize("sentence", [
    "Germany will fund flood prevention works in three provinces.",
    "The programme supports drought resilience in the north.",
])
def test_a_disaster_word_naming_a_field_of_work_is_no_disaster(events, sentence):
    assert of_type(events(sentence), "disaster") == []


@pytest.mark.parametrize("sentence, event_type", [
    ("Estonia and Latvia decided to elevate their relationship to a Comprehensive Strategic Partnership.",
     "diplomatic_milestone"),
    ("Yesterday the minister addressed the members of the national parliament.", "speech"),
    ("The same afternoon, the delegation was received by the Speaker of the Senate, Ilse Maren.", "talks"),
    ("The minister met representatives of the Estonian community in Riga.", "talks"),
    ("I am looking forward to our working lunch today.", "talks"),
    ("The two ministers welcomed the signing of eight memoranda of understanding.", "signing"),
])
def test_more_ways_to_tell_an_event(events, sentence, event_type):
    assert len(of_type(events(sentence), event_type)) == 1


def test_mentions_of_one_meeting_with_different_modifiers_are_one_event(events):
    rows = events("Minister Ilse Maren spoke before her bilateral meeting with Minister Oskar Tamm today.",
                  "Ahead of the meeting with Minister Tamm, Minister Maren said trade had grown.")
    assert len(of_type(rows, "talks")) == 1


# ---------------------------------------------------------------- dates of the article

def test_a_media_release_line_dates_today(events):
    rows = events("Media release – 21 November 2024", "Minister Ilse Maren today met Minister Oskar Tamm in Tallinn.",
                  published=None)
    [talks] = of_type(rows, "talks")
    assert span(talks) == ("2024-11-21", "2024-11-21")


def test_a_day_near_the_published_day_is_in_its_year_not_in_a_background_years(events):
    rows = events("The trade agreement entered into force in January 2023.",
                  "Trade grew by 5 per cent in 2023.",
                  "On 5 March, Minister Ilse Maren visited the port of Tartu.", published="2024-03-04")
    [visit] = of_type(rows, "visit")
    assert span(visit) == ("2024-03-05", "2024-03-05")


@pytest.mark.parametrize("text, dates", [
    ("on 8 and 9 April", ("2025-04-08", "2025-04-09")),
    ("on April 8 and 9", ("2025-04-08", "2025-04-09")),
])
def test_two_consecutive_days_joined_by_and_are_one_span(text, dates):
    [found] = find_dates(f"The floods struck {text}.", dt.date(2025, 4, 12))
    assert (str(found.start_date), str(found.end_date)) == dates


def test_two_days_apart_joined_by_and_stay_two_days():
    assert len(find_dates("They met on April 8 and 12.", dt.date(2025, 4, 12))) == 1   # "12" alone is no date


def test_the_two_ministers_opening_a_sentence_refer_to_the_meeting_before(events):
    rows = events("On Sunday, Minister Ilse Maren held talks with Minister Oskar Tamm, who arrived in Tallinn on "
                  "Saturday for a visit.",
                  "The two ministers reviewed the fisheries accord and witnessed the signing of a letter of intent "
                  "on border guards.")
    [signing] = of_type(rows, "signing")
    assert span(signing) == ("2025-03-02", "2025-03-02")   # the talks' Sunday, not the arrival's Saturday


def test_a_date_after_a_participle_dates_that_act_not_the_trigger(events):
    rows = events("On 2 March, the two presidents met in Tallinn.",
                  "The two leaders praised the forestry council founded in 2015 and decided to elevate the "
                  "relationship to a Strategic Partnership.")
    [milestone] = of_type(rows, "diplomatic_milestone")
    assert span(milestone) == ("2025-03-02", "2025-03-02")


@pytest.mark.parametrize("text, dates", [
    ("Earlier this year, the minister visited Tartu.", ("2025-01-01", "2025-03-04")),
    ("Later this month, the minister will visit Tartu.", ("2025-03-05", "2025-03-31")),
])
def test_earlier_or_later_this_period_is_cut_at_the_reference_day(text, dates):
    [found] = find_dates(text, dt.date(2025, 3, 4))
    assert (str(found.start_date), str(found.end_date)) == dates


def test_a_day_and_a_comma_before_a_title_are_not_counted_visitors(events):
    rows = events("On March 6, Deputy Minister Ilse Maren will visit the port of Tartu.")
    assert [span(r) for r in of_type(rows, "visit")] == [("2025-03-06", "2025-03-06")]


@pytest.mark.parametrize("stop", [
    "On 5 March, the minister is scheduled to visit the Tartu Forestry School.",
    "On 5 March, Minister Ilse Maren will visit a paper mill near Tartu.",
])
def test_a_one_day_stop_at_a_site_is_a_visit_of_its_own(events, stop):
    rows = events("Minister Ilse Maren is paying an official visit to Estonia from 3 to 6 March.", stop)
    assert sorted(span(r) for r in of_type(rows, "visit")) == [("2025-03-03", "2025-03-06"), ("2025-03-05", "2025-03-05")]


@pytest.mark.parametrize("sentence, event_type", [
    ("The leaders signed a Joint Action Plan on forestry for 2026-2029.", "signing"),
    ("They welcomed the Estonian-Latvian Timber Forum, scheduled for 20 and 21 May 2025 in Riga.", "other"),
])
def test_documents_signed_and_scheduled_forums_are_events(events, sentence, event_type):
    assert len(of_type(events(sentence), event_type)) == 1


def test_a_place_after_comma_and_is_the_next_acts(events):
    rows = events("Yesterday the minister addressed the national parliament, and tomorrow she will travel to Tartu.")
    [speech] = of_type(rows, "speech")
    assert speech["location"] is None


def test_an_upgrade_retold_in_the_past_tense_is_background(events):
    rows = events("In 2021, the two countries upgraded their relationship to a Strategic Partnership during a visit.")
    assert of_type(rows, "diplomatic_milestone") == []
