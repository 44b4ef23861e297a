"""Families of event phrasing seen in unseen wire copy, readouts and joint statements: past relation
milestones told with their date, the many names of a leaders' meeting and of a meal, and
negotiations or company deals that are not events of the relation (all wording invented)."""
from __future__ import annotations

import pytest

from event_rows import of_type, span


@pytest.fixture
def events(events_in):
    return events_in("2026-05-04", headline="Ministers meet")


# ---------------------------------------------------------------- dated past milestones

@pytest.mark.parametrize("sentence, dates", [
    ("Latvia and Chile upgraded their relationship to a Comprehensive Strategic Partnership in 2017.",
     ("2017-01-01", "2017-12-31")),
    ("Since elevating ties to a strategic partnership in 2015, the two countries have tripled trade.",
     ("2015-01-01", "2015-12-31")),
    ("The Latvia-Chile Strategic Partnership was agreed in March 2019 and runs to 2027.",
     ("2019-03-01", "2019-03-31")),
    ("Officials praised the \"Strategic Partnership\" upgraded in 2021.", ("2021-01-01", "2021-12-31")),
    ("The two countries marked the 40th anniversary of the 1985 normalisation of diplomatic relations.",
     ("1985-01-01", "1985-12-31")),
    ("They recalled the 30th anniversary of diplomatic relations, which were established on June 3, 1996.",
     ("1996-06-03", "1996-06-03")),
])
def test_a_past_milestone_told_with_its_date_is_an_event_of_that_date(events, sentence, dates):
    [row] = of_type(events(sentence), "diplomatic_milestone")
    assert span(row) == dates


@pytest.mark.parametrize("sentence", [
    "The plan gives substance to the Joint Declaration upgrading Latvia-Chile relations to a Strategic Partnership.",
    "In 2021, Latvia and Chile upgraded their relationship to a Strategic Partnership during the President's visit.",
])
def test_an_upgrade_told_as_a_purpose_or_as_what_a_visit_did_is_no_milestone_of_its_own(events, sentence):
    assert of_type(events(sentence), "diplomatic_milestone") == []


# ---------------------------------------------------------------- the names of a meeting

@pytest.mark.parametrize("sentence, event_type", [
    ("President Ana Lind and Prime Minister Tomas Berg held a one-on-one meeting at the palace on 4 May 2026.", "talks"),
    ("The two leaders then chaired a delegation-level meeting on 4 May 2026.", "talks"),
    ("On 4 May 2026 the two presidents had a tete-a-tete in Riga.", "talks"),
    ("The talks followed a four-eyes meeting between the two leaders on 4 May 2026.", "talks"),
    ("The prime ministers met on 4 May 2026 at the 8th Latvia-Estonia Leaders' Retreat.", "summit"),
    ("The annual leaders' retreat was held in Tartu on 4 May 2026.", "summit"),
])
def test_a_meeting_under_another_name_is_an_event(events, sentence, event_type):
    assert [span(r) for r in of_type(events(sentence), event_type)] == [("2026-05-04", "2026-05-04")]


@pytest.mark.parametrize("sentence", [
    "Prime Minister Tomas Berg hosted a dinner for the delegation on 4 May 2026.",
    "Prime Minister Tomas Berg hosted President Ana Lind to an official lunch at the palace on 4 May 2026.",
])
def test_a_meal_given_for_the_guest_is_a_ceremony_not_talks(events, sentence):
    rows = events(sentence)
    assert [span(r) for r in of_type(rows, "ceremony")] == [("2026-05-04", "2026-05-04")]
    assert of_type(rows, "talks") == []


# ---------------------------------------------------------------- not events of the relation

@pytest.mark.parametrize("sentence", [
    "The two ministers agreed on 4 May 2026 to open talks on a services chapter.",
    "Both sides agreed on 4 May 2026 to accelerate talks on an investment treaty.",
    "The leaders confirmed on 4 May 2026 that consultations on the transfer of patrol ships would continue.",
    "The ministers agreed on 4 May 2026 to continue consultations on updating the trade agreement.",
])
def test_negotiations_going_on_are_not_a_meeting(events, sentence):
    assert of_type(events(sentence), "talks") == []


def test_a_deal_between_two_companies_is_not_a_signing_of_the_relation(events):
    rows = events("On the sidelines, Nordjet Airlines and Baltic Port Corporation signed a memorandum on 4 May 2026.")
    assert of_type(rows, "signing") == []


@pytest.mark.parametrize("sentence", [
    "Peru will fund the Alto-Summit highway upgrade, officials said on 4 May 2026.",
    "The new five-year plan is under discussion, officials said on 4 May 2026.",
])
def test_a_place_named_summit_or_a_plan_under_discussion_is_no_meeting(events, sentence):
    assert [r for r in events(sentence) if r["event_type"] in ("summit", "talks")] == []


def test_the_visit_counted_in_an_apposition_is_the_visit_told_before(events):
    rows = events("Finance Minister Eva Holm arrived in Lima on 4 May 2026, her third visit to Peru since 2022.")
    assert [span(r) for r in of_type(rows, "visit")] == [("2026-05-04", "2026-05-04")]


def test_the_next_session_of_a_named_council_is_an_event_to_come(events):
    rows = events("The ministers met on 4 May 2026 in Lima.", "The next Joint Council will take place in Quito in 2027.")
    assert sorted(span(r) for r in of_type(rows, "talks")) == [("2026-05-04", "2026-05-04"), ("2027-01-01", "2027-12-31")]


def test_an_announced_elevation_of_ties_is_a_milestone(events):
    rows = events("In May 2024, the two heads of state announced the elevation of bilateral ties to a comprehensive partnership.")
    assert [span(r) for r in of_type(rows, "diplomatic_milestone")] == [("2024-05-01", "2024-05-31")]


def test_a_statement_headline_names_the_press_conference_it_was_given_at(article):
    rows = article(["Baku, 15 July 2026", "Dear friends, today we signed nine agreements."],
                   headline="Statement by President Ana Lind at the Joint Press Conference with President Tomas Berg",
                   published=None, separator="\n\n")["events"]
    assert [span(r) for r in of_type(rows, "speech")] == [("2026-07-15", "2026-07-15")]


def test_a_month_without_a_year_does_not_take_the_year_a_name_was_written_with(events):
    rows = events("The ministers marked the 1985 normalisation of diplomatic relations.",
                  "President Ana Lind visited Lima in August for talks with President Tomas Berg.", published=None)
    assert [span(r) for r in of_type(rows, "visit")] == [(None, None)]


@pytest.mark.parametrize("paragraphs, published, dates", [
    # the day told just before "for a N-day visit" is its first
    (["Minister Eva Holm, who arrived here yesterday for a three-day working visit, met the mayor."],
     "2026-12-04", ("2026-12-03", "2026-12-05")),
    # "the visit concludes on Wednesday", told on a Tuesday: the coming Wednesday is its last day
    (["Minister Eva Holm arrived in Suva on Sunday.",
      "The four-day visit concludes on Wednesday in Labasa, where she will open a school."],
     "2026-04-14", ("2026-04-12", "2026-04-15")),
])
def test_a_visit_of_n_days_lasts_from_its_first_day_or_back_from_its_last(events, paragraphs, published, dates):
    assert [span(r) for r in of_type(events(*paragraphs, published=published), "visit")] == [dates]


def test_a_statement_without_a_page_date_whose_lead_states_the_day_reports_that_day(events):
    rows = events("President Ana Lind and Prime Minister Tomas Berg held the annual Leaders' Retreat in Riga on 16 March 2026.",
                  "The Leaders witnessed the exchange of five memoranda of understanding.", published=None)
    assert [span(r) for r in of_type(rows, "signing")] == [("2026-03-16", "2026-03-16")]


def test_a_treaty_named_with_its_month_and_year_is_a_signing_of_that_month(events):
    rows = events("The two countries confirmed their border in the Latvian-Lithuanian Border Treaty of May 1993.")
    assert [span(r) for r in of_type(rows, "signing")] == [("1993-05-01", "1993-05-31")]


def test_joint_exercises_committed_to_are_no_event(events):
    rows = events("On 4 May 2026 the two ministers signed a pact committing their countries to regular "
                  "consultations on security matters and joint exercises.")
    assert of_type(rows, "other") == []


@pytest.mark.parametrize("sentence, published, dates", [
    # told on a Wednesday: the coming Thursday to Saturday
    ("Chancellor Eva Holm, 60, is due in Chile from Thursday to Saturday, her office said.", "2026-10-14",
     ("2026-10-15", "2026-10-17")),
    # told on a Tuesday: the week under way
    ("Foreign Minister Eva Holm is in Peru from Monday to Wednesday, her second visit this year.", "2026-06-09",
     ("2026-06-08", "2026-06-10")),
])
def test_a_stay_told_from_one_weekday_to_another_is_a_visit_of_those_days(events, sentence, published, dates):
    assert [span(r) for r in of_type(events(sentence, published=published), "visit")] == [dates]


def test_talks_and_a_meeting_joined_by_and_are_two_meetings_on_their_days(events):
    rows = events("Chancellor Eva Holm will hold talks with Prime Minister Luis Prado on Thursday and meet "
                  "President Ana Vidal on Friday, officials said.", published="2026-10-14")
    assert sorted(span(r) for r in of_type(rows, "talks")) == [("2026-10-15", "2026-10-15"), ("2026-10-16", "2026-10-16")]


@pytest.mark.parametrize("sentence, event_type", [
    ("On Friday Chancellor Eva Holm will also open a Chilean-Peruvian business forum, officials said.", "other"),
    ("Chancellor Eva Holm will open a forum on Friday, before flying on Saturday to Arequipa.", "visit"),
    ("Trade Minister Eva Holm will lead a three-day trade mission to Lima from Monday, officials said.", "visit"),
])
def test_forums_opened_flights_and_trade_missions_are_events(events, sentence, event_type):
    assert len(of_type(events(sentence, published="2026-10-14"), event_type)) == 1


def test_students_who_will_fly_somewhere_make_no_visit(events):
    rows = events("Ana Vidal, 24, a student who will fly to Osaka in April, said the course was cheap.")
    assert of_type(rows, "visit") == []


def test_an_arrival_for_a_visit_of_days_is_one_visit_not_dated_by_taking_office(events):
    rows = events("Prime Minister Eva Holm arrived in Lima on Tuesday for a three-day visit, her fourth trip "
                  "to Peru since taking office in 2022.", published="2026-03-04")
    assert [span(r) for r in of_type(rows, "visit")] == [("2026-03-03", "2026-03-05")]


def test_a_wire_dateline_with_another_calendar_first_still_dates_today(article):
    rows = article(["Lima, Rajab 3, 1448, December 14, 2026, ANP -- President Ana Vidal received at the Government "
                    "Palace in Lima today Prime Minister Eva Holm of Estonia."], headline="President receives Prime Minister",
                   published=None, separator="\n\n")["events"]
    assert [span(r) for r in of_type(rows, "talks")] == [("2026-12-14", "2026-12-14")]


def test_a_ceremony_told_after_a_dated_one_in_the_same_sentence_is_of_that_day(events):
    rows = events("On Tuesday afternoon, Prime Minister Eva Holm laid a wreath at the National Cemetery and met "
                  "some 300 Estonian Peruvians at a reception in central Lima.", published="2026-11-18")
    assert sorted(span(r) for r in of_type(rows, "ceremony")) == [("2026-11-17", "2026-11-17")] * 2


def test_fires_that_killed_people_are_a_disaster(events):
    rows = events("Peru pledged aid to the Arequipa region, where fires in February 2024 killed 40 people.")
    assert [span(r) for r in of_type(rows, "disaster")] == [("2024-02-01", "2024-02-29")]


def test_an_agreement_the_sides_hope_to_sign_is_no_signing(events):
    rows = events("On 4 May 2026 the ministers agreed to speed up negotiations on a treaty, which both sides hope to sign this year.")
    assert of_type(rows, "signing") == []


def test_the_outset_of_a_reception_refers_back_to_it(events):
    rows = events("President Ana Vidal received Prime Minister Eva Holm at the palace on 7 October 2026.",
                  "At the outset of the reception, President Vidal welcomed the Prime Minister and her delegation.")
    assert of_type(rows, "ceremony") == []


@pytest.mark.parametrize("heading", ["(Reference) Related Links", "Related press releases"])
def test_the_links_under_a_related_links_heading_tell_no_event(events, heading):
    rows = events("The two foreign ministers met in Lima on 4 May 2026.", heading,
                  "- Peru-Estonia Foreign Ministers' Meeting (October 2026)")
    assert [span(r) for r in of_type(rows, "talks")] == [("2026-05-04", "2026-05-04")]


def test_a_visit_told_as_a_state_guest_keeps_the_days_that_follow(events):
    rows = events("President Luis Prado, who is visiting Estonia as a State Guest from November 4 to 7, met students.",
                  published="2026-11-05")
    assert [span(r) for r in of_type(rows, "visit")] == [("2026-11-04", "2026-11-07")]


def test_a_signing_in_the_margins_of_a_meeting_is_not_dated_by_what_it_builds_on(events):
    rows = events("The Joint Council met in Brussels today.",
                  "In the margins of the meeting, the Commission and Peru signed a Roadmap on raw materials, "
                  "building on the memorandum concluded in 2023.", published="2026-06-23")
    assert [span(r) for r in of_type(rows, "signing")] == [("2026-06-23", "2026-06-23")]


@pytest.mark.parametrize("sentence, published, dates", [
    ("Minister Eva Holm, who arrived in Lima on Saturday for a visit to Peru from March 15 to 17, met students.",
     "2025-03-16", ("2025-03-15", "2025-03-17")),
    ("Minister Eva Holm arrived in Lima on Monday for a state visit that ends on Wednesday.", "2025-03-04",
     ("2025-03-03", "2025-03-05")),
])
def test_an_arrival_for_a_visit_that_tells_its_own_days_keeps_them(events, sentence, published, dates):
    assert [span(r) for r in of_type(events(sentence, published=published), "visit")] == [dates]


def test_addressing_a_business_forum_is_the_speech(events):
    rows = events("On 5 June 2025 President Luis Prado addressed the Peru-Estonia Business Forum in Tallinn.")
    assert (len(of_type(rows, "speech")), of_type(rows, "other")) == (1, [])
