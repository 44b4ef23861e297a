"""A news report tells the events of one day: what it tells after its lead event, with no date
of its own, happened that day (all wording invented; published Tuesday 2025-03-04)."""
from __future__ import annotations


import pytest


LEAD = "Chancellor Mira Holm on Tuesday received Prime Minister Teo Vance of Estonia at the Federal Palace in Bern."


@pytest.fixture
def events(events_in):
    return events_in("2025-03-04", headline="Leaders meet")


def days(rows: list[dict], event_type: str) -> list[str | None]:
    return [str(r["start_date"]) if r["start_date"] else None for r in rows if r["event_type"] == event_type]


@pytest.mark.parametrize("sentence, event_type", [
    ("Vance was welcomed with a military ceremony in the palace courtyard.", "ceremony"),
    ("Holm told a joint news conference that the two countries would cooperate on energy.", "speech"),
])
def test_an_undated_event_after_the_lead_is_on_the_reported_day(events, sentence, event_type) -> None:
    assert days(events(LEAD, sentence), event_type) == ["2025-03-04"]


@pytest.mark.parametrize("sentence, event_type", [
    ("Vance will also attend a gala reception hosted by the mayor.", "ceremony"),       # still to come
    ("Our first summit, which I hosted, opened a new chapter.", "summit"),               # a speaker retells
    ("The two held a summit in Tallinn in May 2023.", "summit"),                        # a date of its own
    ("The corridor was opened in June 2023 when the two signed a transit protocol.", "signing"),   # the clause's date
])
def test_what_is_to_come_retold_or_dated_keeps_its_own_day(events, sentence, event_type) -> None:
    assert "2025-03-04" not in days(events(LEAD, sentence), event_type)


def test_without_a_publication_day_nothing_is_dated(events) -> None:
    rows = events("Chancellor Mira Holm received Prime Minister Teo Vance of Estonia at the Federal Palace.",
                  "Vance was welcomed with a military ceremony in the palace courtyard.", published=None)
    assert days(rows, "ceremony") == [None]


@pytest.mark.parametrize("sentence", [
    '"We are partners, not rivals," Holm said during a joint press briefing.',
    "Addressing a joint news conference, Holm said trade, which reached $3 billion last year, would double.",
    'We want more trade," Holm said during a joint press briefing.',   # a quote split across sentences
])
def test_a_quoted_we_and_a_figure_year_do_not_keep_the_day_away(events, sentence) -> None:
    assert days(events(LEAD, sentence), "speech") == ["2025-03-04"]


def test_a_lead_with_no_event_still_gives_the_day(events) -> None:
    rows = events("Chancellor Mira Holm and Prime Minister Teo Vance agreed Monday to link their power grids.",
                  "Holm told a joint press conference that the link would open within five years.")
    assert days(rows, "speech") == ["2025-03-03"]


def test_a_dateline_is_no_lead(events) -> None:
    rows = events("Bern, Tuesday, 4 March 2025",
                  "Chancellor Mira Holm concluded a visit by Prime Minister Teo Vance, which took place from 1 to 2 March 2025.",
                  "In the presence of the two leaders, ministers signed four agreements.")
    assert "2025-03-04" not in days(rows, "signing")


@pytest.mark.parametrize("sentence, event_type", [
    ("Vance was accorded a 19-gun salute and inspected a guard of honor.", "ceremony"),
    ("The two leaders then witnessed the exchange of four cooperation documents on energy and health.", "signing"),
    ("Following an official welcome ceremony for Vance at the Federal Chancellery in Bern, the two discussed energy, recalling that diplomatic ties were established in 1921.", "ceremony"),
])
def test_welcomes_and_exchanges_are_events_of_the_reported_day(events, sentence, event_type) -> None:
    assert "2025-03-04" in days(events(LEAD, sentence), event_type)


def test_a_reference_back_to_the_event_does_not_keep_the_day_away(events) -> None:
    rows = events(LEAD,
                  "Vance was greeted with a military parade before the two leaders held a closed-door meeting of the"
                  " Swiss-Estonian Cooperation Council.",
                  "Following the council meeting, the leaders witnessed the signing of four memoranda.")
    assert "2025-03-04" in days(rows, "talks")
