"""Families of event phrasing in government readouts, fact sheets and remarks (invented wording)."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from flows.extract import extract_article
from flows.ingest import read_input

from event_rows import of_type


@pytest.fixture
def events(article):
    def run(*paragraphs: str, published: str | None = "2025-03-04") -> list[dict]:
        return article(paragraphs, headline="Leaders meet", published=published, separator="\n")["events"]
    return run


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


@pytest.mark.parametrize("sentence, country", [
    ("Foreign Minister Ana Costa today met with Minister Lars Berg of Norway in Lisbon.", "PT"),
    ("Chancellor Otto Brandt met today with President Mara Silva of Brazil in Berlin.", "DE"),
    ("Today, President Mara Silva of Brazil and Chancellor Otto Brandt met at the White House.", "US"),
    ("Today, President Mara Silva and Chancellor Otto Brandt will meet in Oslo to discuss energy.", "NO"),
    ("Ahead of President Mara Silva's meeting with Chancellor Otto Brandt in Madrid today, the two "
     "governments issued a statement.", "ES"),
])
def test_a_meeting_reported_today_is_talks_on_the_published_day_where_it_took_place(events, sentence, country):
    [talks] = of_type(events(sentence), "talks")
    assert (talks["start_date"], talks["country_code"]) == (d("2025-03-04"), country)


@pytest.mark.parametrize("sentence, start, end", [
    ("The two ministers spoke by phone on February 11, 2025 about the harvest.", "2025-02-11", "2025-02-11"),
    ("They reviewed the questions raised during their initial call in January.", "2025-01-01", "2025-01-31"),
    ("Minister Ana Costa held a video call with Minister Lars Berg yesterday.", "2025-03-03", "2025-03-03"),
])
def test_a_call_is_talks(events, sentence, start, end):
    [talks] = of_type(events(sentence), "talks")
    assert (talks["start_date"], talks["end_date"]) == (d(start), d(end))


@pytest.mark.parametrize("sentence, start, end, country", [
    ("Building on the Chancellor's May 2019 visit to Chile, the leaders reviewed the projects launched last year.",
     "2019-05-01", "2019-05-31", "CL"),
    ("The Minister recalled her October 2022 official trip to Nairobi and the plans agreed there last year.",
     "2022-10-01", "2022-10-31", "KE"),
])
def test_a_month_written_before_the_visit_is_its_date_not_a_later_one(events, sentence, start, end, country):
    [visit] = of_type(events(sentence), "visit")
    assert (visit["start_date"], visit["end_date"], visit["country_code"]) == (d(start), d(end), country)


@pytest.mark.parametrize("sentence, start, end", [
    ("The fourth Canada-Chile Energy Dialogue took place on February, 9, 2021.", "2021-02-09", "2021-02-09"),
    ("During the 2023 High-Level Ocean Dialogue, both governments agreed on new goals.", "2023-01-01", "2023-12-31"),
    ("Canada held consultations with Chile on the Arctic on April 2, 2024 in Ottawa.", "2024-04-02", "2024-04-02"),
    ("The two navies met for the Third Bilateral Staff Talks on May 5-6, 2022, in Halifax.", "2022-05-05", "2022-05-06"),
])
def test_a_dated_meeting_of_a_dialogue_is_talks(events, sentence, start, end):
    [talks] = of_type(events(sentence), "talks")
    assert (talks["start_date"], talks["end_date"]) == (d(start), d(end))


def test_days_listed_after_a_meeting_are_one_meeting_each_at_its_own_place(events):
    rows = of_type(events("The Joint Ocean Commission met in Lima on June 3, 2022 and October 9, 2023 in Santiago, Chile."),
                   "talks")
    assert sorted((r["start_date"], r["country_code"]) for r in rows) == [(d("2022-06-03"), "PE"), (d("2023-10-09"), "CL")]


def test_a_body_referred_to_as_this_forum_is_named_on_the_row(events):
    rows = events("Canada and Chile launched the Arctic Science Partnership in 2020. "
                  "This forum met again in Ottawa on May 5, 2023.")
    [talks] = of_type(rows, "talks")
    assert talks["start_date"] == d("2023-05-05") and "Arctic Science Partnership" in talks["description"]


def test_a_trigger_written_with_a_narrow_no_break_space_is_found(events):
    [talks] = of_type(events("The first\u202fmeeting occurred March 1, 2024, Oslo, Norway."), "talks")
    assert (talks["start_date"], talks["country_code"]) == (d("2024-03-01"), "NO")


@pytest.mark.parametrize("sentence, key", [
    ("President Ana Costa met Chancellor Otto Brandt on the margins of the APEC Leaders' Week in Lima.", "Leaders"),
    ("Both countries took part in the International Donors Conference on Haiti on May 2, 2024.", "Conference"),
    ("Portugal co-hosted the Summit for Ocean Health with Kenya.", "Summit"),
])
def test_a_summit_named_by_its_name_is_a_summit(events, sentence, key):
    assert any(key in r["evidence"] for r in of_type(events(sentence), "summit"))


def test_two_differently_named_summits_in_one_sentence_are_two_events(events):
    rows = events("The leaders recalled the Special Summit in Lisbon and prepared for the annual "
                  "EU-Africa Summit later that day.")
    assert sorted(str(r["start_date"]) for r in of_type(rows, "summit")) == ["2025-03-04", "None"]


@pytest.mark.parametrize("sentence, start", [
    ("On March 9, the two trade ministries intend to sign a memorandum of understanding on fisheries.", "2025-03-09"),
    ("The two ministers signed a memorandum of understanding on forestry on February 2, 2025.", "2025-02-02"),
])
def test_a_signing_or_an_intended_signing_is_a_signing_event(events, sentence, start):
    [signing] = of_type(events(sentence), "signing")
    assert signing["start_date"] == d(start)


@pytest.mark.parametrize("sentence", [
    "President Ana Costa travelled to Oslo to commemorate the 75th anniversary of the liberation of Finnmark.",
    "The Minister attended tomorrow's state funeral in Oslo.",
])
def test_commemorations_and_funerals_are_ceremonies(events, sentence):
    assert of_type(events(sentence), "ceremony")


@pytest.mark.parametrize("sentence", [
    "Today, Chile commemorates its indispensable partnership with Canada.",
    "In 2023, over 120,000 Chileans traveled to Canada.",
    "About 2 million Kenyans visited Portugal last year.",
])
def test_not_an_event(events, sentence):
    assert [r for r in events(sentence) if r["event_type"] in ("ceremony", "visit")] == []


@pytest.mark.parametrize("sentence, start", [
    ("I thank you for the state dinner last evening, Mr. President.", "2025-03-03"),
    ("Last night, the two delegations attended a banquet.", "2025-03-03"),
    ("The leaders will attend a reception later that day.", "2025-03-04"),
])
def test_relative_days_of_remarks_are_dated_from_the_published_day(events, sentence, start):
    rows = events(sentence)
    assert rows and all(r["start_date"] == d(start) for r in rows)


@pytest.mark.parametrize("sentence, visitor, host, country", [
    ("Chancellor Otto Brandt made an official visit to Chile at the invitation of President Mara Silva.",
     "Otto Brandt", "Mara Silva", "CL"),
    ("In May 2024, President Mara Silva hosted Chancellor Otto Brandt at the White House for a State Visit.",
     "Otto Brandt", "Mara Silva", "US"),
    ("The State Visit to Kenya hosted by President Amani Odhiambo was a success for Minister Lars Berg.",
     None, "Amani Odhiambo", "KE"),
])
def test_the_host_of_a_visit_is_not_its_visitor(events, sentence, visitor, host, country):
    [visit] = of_type(events(sentence), "visit")
    assert host not in visit["participants"] and visit["country_code"] == country
    assert visitor is None or visitor in visit["participants"]


@pytest.mark.parametrize("sentence, country", [
    ("Minister Ana Costa met with Minister Lars Berg of Norway in Lisbon on May 2, 2024.", "PT"),
    ("President Mara Silva met Chancellor Otto Brandt of Germany on the margins of the summit.", None),
    ("Canada and Chile launched the Canada-Chile Ocean Partnership in Santiago on May 2, 2024.", "CL"),
    ("Engineers from both countries in Lyon organized a workshop on soil health on May 2, 2024.", "FR"),
    ("President Mara Silva convened a Brazil-Kenya Trade Summit with Kenyan business leaders today.", None),
])
def test_an_event_takes_place_where_the_text_puts_it_not_in_a_participants_country(events, sentence, country):
    rows = [r for r in events(sentence) if r["event_type"] != "visit"]
    assert rows and all(r["country_code"] == country for r in rows)


@pytest.mark.parametrize("sentence, country", [
    ("Both leaders attended the Camp David Trilateral Summit in August 2023.", "US"),
    ("Kenya will host the 2026 Nairobi Forum for Ocean Summit.", "KE"),
])
def test_a_place_in_a_summits_name_is_where_it_takes_place(events, sentence, country):
    [summit] = of_type(events(sentence), "summit")
    assert summit["country_code"] == country


def test_people_affected_by_a_disaster_are_no_new_disaster(events):
    rows = events("On March 1, 2025, an earthquake struck northern Chile.",
                  "Chileans in Canada raised funds for families in earthquake-affected areas.")
    assert len(of_type(rows, "disaster")) == 1


@pytest.mark.parametrize("dateline", [
    "April 28, 2025",
    "WASHINGTON, April 28, 2025",
    "Monday, April 28, 2025 | Press Release",
])
def test_a_dateline_under_the_headline_dates_today_when_no_published_date_is_given(events, dateline):
    rows = events(dateline, "Minister Ana Costa today met with Minister Lars Berg of Norway.", published=None)
    [talks] = of_type(rows, "talks")
    assert talks["start_date"] == d("2025-04-28")


def test_a_sidecar_published_date_beats_the_dateline(events):
    rows = events("April 28, 2025", "Minister Ana Costa met with Minister Lars Berg yesterday.", published="2025-04-29")
    [talks] = of_type(rows, "talks")
    assert talks["start_date"] == d("2025-04-28")


def test_a_date_inside_a_first_paragraph_is_no_dateline(events):
    """Without a published date or a dateline, "today" has nothing to be read from."""
    rows = events("On April 2, 2025, the two ministers agreed on a plan.",
                  "Minister Ana Costa today met with Minister Lars Berg.", published=None)
    [talks] = of_type(rows, "talks")
    assert talks["start_date"] is None


@pytest.fixture
def headlined(tmp_path):
    def run(headline: str, *paragraphs: str, published: str = "2025-03-04") -> list[dict]:
        path = tmp_path / "h.txt"
        path.write_text(headline + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        (tmp_path / "h.meta.json").write_text(json.dumps({"published_date": published}), encoding="utf-8")
        return extract_article(read_input(path, "h.txt"))["events"]
    return run


@pytest.mark.parametrize("headline, event_type, country", [
    ("Remarks by President Silva and Chancellor Brandt Before Bilateral Meeting in Brasilia, Brazil", "talks", "BR"),
    ("Remarks by President Silva and King Haakon of Norway at Arrival Ceremony", "ceremony", None),
    ("Remarks by the Foreign Minister at a State Dinner in Honor of President Silva", "ceremony", None),
])
def test_a_transcripts_headline_names_the_occasion_on_the_published_day(headlined, headline, event_type, country):
    rows = of_type(headlined(headline, "PRESIDENT SILVA: Thank you all. It is good to be here."), event_type)
    assert [(r["start_date"], r["country_code"]) for r in rows] == [(d("2025-03-04"), country)]


def test_a_headline_that_is_not_a_transcript_is_no_event(headlined):
    assert headlined("Leaders hold bilateral meeting in Oslo", "The economy grew.") == []


@pytest.mark.parametrize("sentence", [
    "During the Economic Leaders' Week, the two space agencies will sign a memorandum of understanding.",
    "The ministers signed two agreements on fisheries and forestry.",
])
def test_a_document_signed_is_a_signing_event_without_a_date(events, sentence):
    assert len(of_type(events(sentence), "signing")) == 1


def test_two_undated_signings_of_different_documents_are_two_events(events):
    rows = events("Chile signed a Space Situational Awareness agreement with Canada in April 2023.",
                  "Next week, the two agencies will sign a memorandum of understanding on satellites.")
    assert len(of_type(rows, "signing")) == 2


def test_a_meeting_of_a_named_body_is_talks_without_a_date(events):
    rows = events("They welcomed the second meeting of the Chile-Canada Economic Policy Consultative Committee.")
    [talks] = of_type(rows, "talks")
    assert "Economic Policy Consultative Committee" in talks["description"]


def test_two_milestones_told_with_different_words_are_two_events(events):
    rows = events("This year Chile decided to join the Artemis Accords.",
                  "On November 1, the ports of Valparaiso and Halifax established a “sister port” relationship.")
    assert len(of_type(rows, "diplomatic_milestone")) == 2


def test_a_date_right_after_another_event_is_that_events_date(events):
    rows = events("President Amani Odhiambo paid a state visit to Portugal on May 2, 2025.",
                  "The visit marks 50 years since the two countries established diplomatic relations in 1975.")
    assert all(r["start_date"] != d("1975-01-01") for r in of_type(rows, "visit"))
    assert [r["start_date"] for r in of_type(rows, "diplomatic_milestone")] == [d("1975-01-01")]


def test_talks_told_without_a_date_or_names_are_an_event_when_no_other_talks_are_told(events):
    rows = events("The two presidents held talks at the presidential palace and witnessed the signing of "
                  "five cooperation agreements.")
    assert len(of_type(rows, "talks")) == 1 and len(of_type(rows, "signing")) == 1


@pytest.mark.parametrize("sentence", [
    "More than 400,000 Canadian citizens visit Chile annually.",
    "About 3,000 nationals of Kenya visited Portugal in 2023.",
])
def test_counted_citizens_visiting_is_no_visit(events, sentence):
    assert of_type(events(sentence), "visit") == []


@pytest.mark.parametrize("sentence", [
    "The two leaders held a summit meeting in Nairobi on 11 January 2025.",
    "Ministers attended the APEC Leaders' Meeting in Lima on November 15, 2024.",
])
def test_a_summit_meeting_is_a_summit_not_talks(events, sentence):
    rows = events(sentence)
    assert len(of_type(rows, "summit")) == 1 and of_type(rows, "talks") == []


def test_a_named_ministerial_meeting_is_talks(events):
    [talks] = of_type(events("They welcomed the holding of the 2+2 Ministerial Meeting in Bali in November 2023."),
                      "talks")
    assert (talks["start_date"], talks["country_code"]) == (d("2023-11-01"), "ID")


@pytest.mark.parametrize("sentence", [
    "Prime Minister Ken Sato invited President Budi Santoso to visit Japan at a mutually convenient time.",
    "President Budi Santoso accepted the invitation to pay an official visit to Japan.",
])
def test_an_invitation_to_visit_is_no_visit(events, sentence):
    assert of_type(events(sentence), "visit") == []


def test_a_meeting_on_the_margins_of_a_summit_takes_place_where_the_summit_does(events):
    rows = events("Minister Ana Costa met with Minister Lars Berg of Norway on the margins of the "
                  "APEC Leaders' Meeting in Lima today.")
    [talks] = of_type(rows, "talks")
    assert talks["country_code"] == "PE"


def test_an_event_of_the_same_day_without_a_place_takes_the_place_of_the_days_meeting(events):
    rows = events("President Mara Silva met today with Prime Minister Hun Sen of Cambodia in Phnom Penh.",
                  "They prepared the annual EU-ASEAN Summit later that day.")
    [summit] = of_type(rows, "summit")
    assert (summit["start_date"], summit["country_code"]) == (d("2025-03-04"), "KH")


def test_an_event_still_to_come_is_not_dated_by_a_past_date_before_it(events):
    rows = events("Last year, we signed the Compact for Growth, and in a few weeks our teams will meet again "
                  "in Accra for the third round of the Economic Dialogue.")
    assert [r["start_date"] for r in of_type(rows, "signing")] == [d("2024-01-01")]
    assert all(r["start_date"] != d("2024-01-01") for r in of_type(rows, "talks"))


def test_a_past_visit_in_a_clause_with_to_keeps_its_date(events):
    rows = events("Last night, the Prime Minister took a stroll across the lawn at the White House to visit "
                  "three cherry trees.")
    assert [r["start_date"] for r in of_type(rows, "visit")] == [d("2025-03-03")]


@pytest.mark.parametrize("sentence", [
    "President Mara Silva spoke today with Prime Minister Lars Berg of Norway.",
    "Today, Minister Ana Costa held a call with Minister Lars Berg to discuss fisheries.",
])
def test_a_call_reported_in_a_readout_is_talks_of_the_day(events, sentence):
    [talks] = of_type(events(sentence), "talks")
    assert talks["start_date"] == d("2025-03-04")


@pytest.mark.parametrize("sentence, guest, host, country", [
    ("Today, President Mara Silva welcomed Prime Minister Lars Berg of Norway to the White House.",
     "Lars Berg", "Mara Silva", "US"),
    ("Yesterday, President Mara Silva hosted Chancellor Otto Brandt at the Elysee Palace.",
     "Otto Brandt", "Mara Silva", "FR"),
])
def test_a_guest_welcomed_or_hosted_somewhere_visits_it(events, sentence, guest, host, country):
    [visit] = of_type(events(sentence), "visit")
    assert guest in visit["participants"] and host not in visit["participants"]
    assert visit["country_code"] == country


def test_a_visit_still_to_come_is_a_visit(events):
    [visit] = of_type(events("The Vice President will travel to Ghana on March 26, 2025."), "visit")
    assert (visit["start_date"], visit["country_code"]) == (d("2025-03-26"), "GH")
