"""A meeting told again ("During their meeting, ...", "During Monday's talks, ...", "At their talks
in X, ...") is the meeting told before, not another one; "The talks come ahead of the vote on
Sunday" dates the vote, not the talks; talks or dialogues only agreed on ("agreed to commence
expert-level talks", "agreed to establish an annual Dialogue, to be held alternately in ...") are
no meeting held; a page dated only by its sign-off dates "on Wednesday" (all wording invented)."""
from __future__ import annotations

import pytest

from event_rows import of_type, span


@pytest.fixture
def events(events_in):
    return events_in("2027-05-06", headline="Ministers meet")


@pytest.mark.parametrize("retold", [
    "During their meeting, the two ministers agreed to expand student exchanges.",
    "During Tuesday's meeting, the two ministers discussed fisheries and port access.",
    "At their talks in Valletta, Mr. Borg said Malta values the partnership.",
])
def test_a_meeting_told_again_is_one_talks_row(events, retold):
    rows = events("Foreign Minister Ana Borg met her Icelandic counterpart Jon Olafsson in Valletta on Tuesday.",
                  retold)
    [talks] = of_type(rows, "talks")
    assert span(talks) == ("2027-05-04", "2027-05-04")


def test_talks_told_first_as_at_their_talks_take_the_reported_day(events):
    rows = events("Foreign Minister Ana Borg and her Icelandic counterpart Jon Olafsson on Tuesday agreed to"
                  " expand cooperation in geothermal energy.",
                  "At their talks in Valletta, Ms. Borg said Malta considers Iceland a close partner.")
    [talks] = of_type(rows, "talks")
    assert span(talks) == ("2027-05-04", "2027-05-04")


@pytest.mark.parametrize("follow", [
    "The talks come ahead of Iceland's parliamentary election on Saturday.",
    "The talks came before a vote in parliament on Friday.",
])
def test_the_date_of_what_talks_precede_is_not_theirs(events, follow):
    rows = events("Foreign Minister Ana Borg held talks with Jon Olafsson in Reykjavik on Tuesday.", follow)
    assert [span(r) for r in of_type(rows, "talks")] == [("2027-05-04", "2027-05-04")]


@pytest.mark.parametrize("sentence", [
    "The two sides agreed to commence expert-level talks for the revision of the 1998 Fisheries Treaty.",
    "The two sides agreed to begin technical talks on a new air services accord.",
    "The ministers agreed to establish an annual Malta-Iceland Ministerial Dialogue, to be held alternately in"
    " each country.",
])
def test_talks_only_agreed_on_are_no_meeting(events, sentence):
    rows = events("Foreign Minister Ana Borg met Jon Olafsson in Valletta on Tuesday.", sentence)
    assert [span(r) for r in of_type(rows, "talks")] == [("2027-05-04", "2027-05-04")]


def test_a_release_dated_by_its_sign_off_dates_its_weekdays(events):
    rows = events("President Ana Borg on Thursday concluded a two-day State Visit to Iceland.",
                  "On Thursday, the two Presidents held talks at the State House.",
                  "Jon Olafsson\nSpokesman of the President\nMay 6, 2027", published=None)
    [talks] = of_type(rows, "talks")
    assert span(talks) == ("2027-05-06", "2027-05-06")


@pytest.mark.parametrize("sentence", [
    "Talks on a new fisheries protocol are still under negotiation.",
    "Talks on the revised air services agreement remain under discussion.",
])
def test_talks_under_negotiation_are_no_meeting(events, sentence):
    rows = events("Foreign Minister Ana Borg met Jon Olafsson in Valletta on Tuesday.", sentence)
    assert [span(r) for r in of_type(rows, "talks")] == [("2027-05-04", "2027-05-04")]


@pytest.mark.parametrize("sentence", [
    "Ms. Borg will travel to Reykjavik next month for a meeting of the bilateral Joint Committee.",
    "Prime Minister Jon Olafsson welcomed Ms. Borg to Reykjavik today for talks on fisheries.",
    "Ms. Borg visited Reykjavik in March for talks with Mr. Olafsson.",
])
def test_a_trip_made_for_talks_is_one_row(events, sentence):
    rows = events(sentence)
    assert len(of_type(rows, "talks")) == 1
    assert not of_type(rows, "visit")


@pytest.mark.parametrize("sentence, last", [
    ("The deal was reached at a meeting of the Joint Border Commission held in Gozo from Monday to Wednesday.",
     "2027-05-05"),
    ("The Joint Economic Committee met in Valletta from Monday until Tuesday.", "2027-05-04"),
])
def test_a_meeting_from_one_weekday_to_another_spans_them(events, sentence, last):
    rows = events(sentence)
    [talks] = of_type(rows, "talks")
    assert span(talks) == ("2027-05-03", last)
