"""Families of event phrasing in wire reports, readouts and remarks nobody tuned for (invented wording):
the day a wire report is filed, weekday spans of trips to come, stops at named sites, second acts of
one day, and mentions that only look like events (deadlines, visitors counted, a visit's background)."""
from __future__ import annotations

import datetime as dt

import pytest

from event_rows import of_type


@pytest.fixture
def events(events_in):
    return events_in("2026-03-10", headline="Ministers meet")


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def days(row: dict) -> tuple[dt.date | None, dt.date | None]:
    return row["start_date"], row["end_date"]


# 2026-03-10 is a Tuesday.
@pytest.mark.parametrize("page_line, dateline", [
    ("Latest News 09:41 March 10, 2026", "LIMA, Mar. 10 (Andina) --"),
    ("Top stories 08:02 September 9, 2025", "QUITO, Sept. 9 (EFE) --"),
    ("September 9, 20252:05 PM GMT+2Updated 3 hours ago", "QUITO, Sept 9 (Reuters) -"),
])
def test_a_wire_dateline_with_a_short_month_or_a_glued_clock_dates_the_weekdays_of_the_report(events, page_line, dateline):
    rows = events(page_line, f"{dateline} Foreign Minister Ana Duarte held phone talks with Foreign Minister "
                             "Jonas Lind on Monday and agreed to expand scholarships.", published=None)
    [talks] = of_type(rows, "talks")
    day = dt.date.fromisoformat("2026-03-09" if "March" in page_line else "2025-09-08")
    assert days(talks) == (day, day)


@pytest.mark.parametrize("lead", [
    "OSLO, March 10 (NTB) - Norway and Chile signed deals worth 2 billion crowns as President Rosa Vidal "
    "began a two-day state visit on Monday.",
])
def test_the_day_a_wire_report_is_filed_is_not_the_day_of_the_events_it_tells(events, lead):
    rows = events(lead, "Vidal was greeted at the airport by King Harald, before the two held talks at the palace.")
    [talks] = of_type(rows, "talks")
    assert days(talks) == (d("2026-03-09"), d("2026-03-09"))


@pytest.mark.parametrize("visit, talks", [
    ("Foreign Minister Ana Duarte will visit Peru from Wednesday through Friday for talks with her counterpart Jonas Lind.",
     "Duarte and Lind will hold talks in Lima on Thursday to discuss fisheries."),
    ("Foreign Minister Ana Duarte will travel to Peru from Wednesday until Friday for talks with her counterpart Jonas Lind.",
     "Duarte and Lind will meet in Lima on Thursday to discuss fisheries."),
])
def test_a_trip_to_come_over_weekdays_spans_them_and_its_talks_take_their_own_day(events, visit, talks):
    rows = events(visit, talks)
    [trip] = of_type(rows, "visit")
    [meeting] = of_type(rows, "talks")
    assert days(trip) == (d("2026-03-11"), d("2026-03-13"))
    assert days(meeting) == (d("2026-03-12"), d("2026-03-12"))


@pytest.mark.parametrize("sentence", [
    "Mr Lind arrived in Valparaiso this morning for a visit until Thursday and held talks with Minister Rosa Vidal.",
    "Mr Lind flew in this morning on a visit through Friday and held talks with Minister Rosa Vidal.",
])
def test_the_last_day_of_a_trip_does_not_date_the_talks_told_after_it(events, sentence):
    [talks] = of_type(events(sentence), "talks")
    assert days(talks) == (d("2026-03-10"), d("2026-03-10"))


@pytest.mark.parametrize("sentence", [
    "The supply contract is expected to be signed by June next year, officials said.",
    "The loan agreement should be signed by the end of April, the ministry said.",
])
def test_a_deadline_is_not_the_day_of_a_signing(events, sentence):
    assert all(r["start_date"] is None for r in of_type(events(sentence), "signing"))


@pytest.mark.parametrize("sentence", [
    "The visit comes two months after Vidal sent a letter to the king in January backing the plan.",
    "The trip comes a year after the two navies held an exercise in March.",
])
def test_the_date_of_what_a_visit_follows_is_not_the_visits(events, sentence):
    rows = events("President Rosa Vidal began a state visit to Norway on Monday.", sentence)
    assert [days(v) for v in of_type(rows, "visit")] == [(d("2026-03-09"), d("2026-03-09"))]


@pytest.mark.parametrize("stop, key", [
    ("Mr Lind also visited Kallo Hospital, where aid has funded a new ward.", "Kallo Hospital"),
    ("Mr Lind also toured the Brenna wind farm built with Danish support.", "Brenna wind farm"),
    ("On Thursday, Lind is scheduled to tour the Arvika site and meet engineers.", "Arvika site"),
])
def test_a_stop_at_a_named_site_is_a_visit_of_its_own(events, stop, key):
    rows = events("Foreign Minister Jonas Lind is paying an official visit to Sweden from March 9 to 12.", stop)
    visits = of_type(rows, "visit")
    assert len(visits) == 2 and any(key in v["evidence"] for v in visits)


@pytest.mark.parametrize("sentence, event_type", [
    ("In Quito on March 9, the President met with President Rosa Vidal and delivered remarks at the National Museum.", "speech"),
    ("On 9 March 2026, President Vidal was accorded a ceremonial welcome at the palace and paid homage to the founder at the memorial.", "ceremony"),
])
def test_a_second_act_of_the_same_day_is_an_event_of_its_own(events, sentence, event_type):
    rows = of_type(events(sentence), event_type)
    assert len(rows) >= 1 and all(days(r) == (d("2026-03-09"), d("2026-03-09")) for r in rows)
    if event_type == "ceremony":
        assert len(rows) == 2


@pytest.mark.parametrize("sentence", [
    "Following the meeting, the two ministers attended a signing ceremony of documents.",
    "The two leaders then attended the signing ceremony for three accords.",
])
def test_a_signing_ceremony_is_the_signing_not_a_ceremony_too(events, sentence):
    rows = events("On March 9, Minister Ana Duarte held a meeting with Minister Jonas Lind in Lima.", sentence)
    assert of_type(rows, "ceremony") == [] and len(of_type(rows, "signing")) == 1


@pytest.mark.parametrize("sentence", [
    "On the same day, Duarte attended the Peru – Chile Business Forum, which drew 400 firms.",
    "On the same day, Duarte attended a bilateral investment forum in Lima.",
])
def test_attending_a_business_forum_is_an_event(events, sentence):
    rows = events("On March 9, Minister Ana Duarte held talks with Minister Jonas Lind in Lima.", sentence)
    [forum] = of_type(rows, "other")
    assert days(forum) == (d("2026-03-09"), d("2026-03-09"))


@pytest.mark.parametrize("sentence", [
    "Thank you, Rosa, for your warm welcome to Oslo today.",
    "Thank you for the kind welcome to Oslo today, and for our talks this morning.",
])
def test_thanks_for_a_welcome_to_a_city_is_the_speakers_visit_there(events, sentence):
    [visit] = of_type(events(sentence), "visit")
    assert (days(visit), visit["country_code"]) == ((d("2026-03-10"), d("2026-03-10")), "NO")


@pytest.mark.parametrize("sentence", [
    "We have agreed to set up a new Chile-Norway Joint Ocean Task Force, which will meet for the first time in Lima in October.",
])
def test_a_new_body_meeting_for_the_first_time_is_a_meeting_to_come(events, sentence):
    [talks] = of_type(events(sentence), "talks")
    assert days(talks) == (d("2026-10-01"), d("2026-10-31"))


@pytest.mark.parametrize("sentence", [
    "Chile welcomed 12,400 Norwegian tourists in 2025, still below the 20,015 who visited in 2018.",
    "The port saw 3,000 who travelled to Lima in 2019.",
])
def test_people_counted_as_visitors_make_no_visit(events, sentence):
    assert of_type(events(sentence), "visit") == []


@pytest.mark.parametrize("sentence", [
    "He also attended the Chile-Peru Business Forum, which drew 300 enterprises.",
    "She also laid a wreath at the Tomb of the Unknown Soldier.",
])
def test_he_also_tells_an_act_of_the_day_told_before(events, sentence):
    rows = events("On March 9, Minister Ana Duarte held talks with Minister Jonas Lind in Lima.", sentence)
    event_type = "other" if "Forum" in sentence else "ceremony"
    [row] = of_type(rows, event_type)
    assert days(row) == (d("2026-03-09"), d("2026-03-09"))


@pytest.mark.parametrize("headline, body", [
    ("Readout of President Lara's Meeting with President Amal Osei and Prime Minister Kofi Mensah of Ghana",
     "President Rita Lara welcomed President Amal Osei and Prime Minister Kofi Mensah of Ghana to Brasilia today."),
    ("Joint Readout of Meeting Between Minister Rita Lara and Minister Amal Osei",
     "The ministers reviewed cooperation on cocoa and agreed to expand scholarships."),
])
def test_a_readout_headline_tells_a_meeting_of_the_page_day(events, headline, body):
    rows = events(body, headline=headline)
    [talks] = of_type(rows, "talks")
    assert days(talks) == (d("2026-03-10"), d("2026-03-10"))


@pytest.mark.parametrize("body", [
    "President Rita Lara met today with President Amal Osei in Accra to discuss trade.",
    "President Rita M. Lara met with President Amal K. Osei in Accra today to discuss trade.",
])
def test_a_readout_headline_and_the_body_telling_its_meeting_are_one_meeting(events, body):
    rows = events(body, headline="Readout of President Lara's Meeting with President Osei of Ghana")
    assert len(of_type(rows, "talks")) == 1


@pytest.mark.parametrize("sentence", [
    "The President of Chile, Maria Rojas, will host a banquet in honour of the visiting President in the evening.",
    "Minister Rojas will give a reception for the delegation in the afternoon.",
])
def test_an_act_in_the_evening_is_on_the_day_told_before(events, sentence):
    rows = events("On 9 March 2026, the two presidents held talks at La Moneda.", sentence)
    ceremonies = of_type(rows, "ceremony")
    assert [days(c) for c in ceremonies] == [(d("2026-03-09"), d("2026-03-09"))]


@pytest.mark.parametrize("sentence", [
    "They discussed preparations for the Pacific Summit that Chile will host in Santiago in July.",
])
def test_a_summit_being_prepared_is_the_next_one_even_after_a_background_year(events, sentence):
    rows = events("They reaffirmed the 2019 Defence Cooperation Agreement.", sentence)
    [summit] = of_type(rows, "summit")
    assert days(summit) == (d("2026-07-01"), d("2026-07-31"))


@pytest.mark.parametrize("sentence", [
    "Prime Minister Kato warmly welcomed Prime Minister Batbold's visit to Japan and praised the partnership.",
    "Prime Minister Kato welcomed the visit of Prime Minister Batbold and thanked the delegation.",
])
def test_welcoming_the_visit_told_is_no_second_visit(events, sentence):
    rows = events("Prime Minister Ganbat Batbold is visiting Japan from March 9 to 12 as a guest of the government.", sentence)
    assert len(of_type(rows, "visit")) == 1


@pytest.mark.parametrize("sentence", [
    "The leaders agreed to launch a Chile-Norway Ocean Security Dialogue, with a first session to be held in Oslo this autumn.",
    "They agreed to set up a Chile-Norway Joint Mining Committee, with a first meeting to be held in Santiago later this year.",
])
def test_the_first_session_of_a_body_launched_is_a_meeting_to_come_not_of_today(events, sentence):
    [talks] = of_type(events(sentence), "talks")
    assert talks["start_date"] is None or talks["start_date"] > d("2026-03-10")
    assert "Dialogue" in talks["description"] or "Committee" in talks["description"]


@pytest.mark.parametrize("sentence, country", [
    ("PRIME MINISTER HOLM: It is a real pleasure to welcome Prime Minister Rojas to Bergen for our annual talks.", "NO"),
    ("I am delighted to welcome President Amal Osei to Lisbon this week.", "PT"),
])
def test_a_host_welcoming_a_guest_to_a_city_tells_the_guests_visit(events, sentence, country):
    [visit] = of_type(events(sentence), "visit")
    assert visit["country_code"] == country


@pytest.mark.parametrize("headline", [
    "Joint press conference with the Prime Minister of Norway, Erik Holm",
    "Press conference with President Amal Osei",
])
def test_a_press_conference_transcript_headline_is_a_speech_of_the_page_day(events, headline):
    rows = events("PRIME MINISTER: Thank you all for coming.", headline=headline)
    [speech] = of_type(rows, "speech")
    assert days(speech) == (d("2026-03-10"), d("2026-03-10"))


@pytest.mark.parametrize("lead, forum", [
    ("LIMA, March 10 (Reuters) - Peruvian and Korean firms signed 12 deals on Tuesday during a visit by President Min-ho Park.",
     "The deals were announced at a Peru-Korea investment forum in Lima attended by President Min-ho Park."),
])
def test_a_forum_told_after_a_news_lead_is_on_the_day_reported(events, lead, forum):
    [row] = of_type(events(lead, forum), "other")
    assert days(row) == (d("2026-03-10"), d("2026-03-10"))


@pytest.mark.parametrize("sentence", [
    "On Friday, Lind is scheduled to tour the Arvika site and meet some of the about 3,000 Chileans living in Sweden.",
    "On Friday, Lind will lay a wreath and meet members of the Chilean community in Malmo.",
])
def test_meeting_a_community_abroad_is_talks_on_the_day_to_come(events, sentence):
    rows = events("Foreign Minister Jonas Lind will visit Sweden from Wednesday through Friday.", sentence)
    [talks] = of_type(rows, "talks")
    assert days(talks) == (d("2026-03-13"), d("2026-03-13"))


@pytest.mark.parametrize("stop", [
    "On March 11, President Lara traveled to the port city of Velaro, where she joined President Osei and "
    "President Mensah for a summit on the Velaro Corridor.",
])
def test_a_stop_in_a_city_during_a_longer_trip_is_a_visit_beside_the_summit_held_there(events, stop):
    rows = events("Today, President Rita Lara concluded a visit to Ghana from March 9 to 11.", stop)
    assert len(of_type(rows, "visit")) == 2 and len(of_type(rows, "summit")) == 1


@pytest.mark.parametrize("heading", ["(Reference)", "Also Read"])
def test_links_under_a_reference_heading_are_no_events(events, heading):
    rows = events("On March 9, Minister Ana Duarte held talks with Minister Jonas Lind in Lima.",
                  f"{heading}\nPrevious Chile-Peru Summit Meeting (May 2024)\nChile-Peru Relations (Basic Data)")
    assert of_type(rows, "summit") == []


@pytest.mark.parametrize("sentence", [
    "The talks followed up Vidal's state visit to Oslo in November, during which the two countries signed 14 memorandums.",
    "The visit comes four years after the king's trip to Lima in May 2022, when firms from both countries signed 8 deals.",
])
def test_a_signing_retold_with_a_past_visit_is_background(events, sentence):
    assert of_type(events(sentence), "signing") == []


@pytest.mark.parametrize("sentence", [
    "Vidal arrived in Oslo on March 9, when the two ministers signed a fisheries agreement.",
])
def test_a_signing_on_a_day_of_the_report_is_kept(events, sentence):
    assert len(of_type(events(sentence), "signing")) == 1


@pytest.mark.parametrize("sentence", [
    "President Rosa Vidal yesterday concluded a successful State Visit to Chile by the President of the Kingdom of "
    "Norway, His Excellency Erik Holm, which took place from 7 to 9 March 2026.",
])
def test_a_visit_dated_by_a_later_which_took_place_clause(events, sentence):
    [visit] = of_type(events(sentence), "visit")
    assert days(visit) == (d("2026-03-07"), d("2026-03-09"))


@pytest.mark.parametrize("sentence, last", [
    ("Minister Holm, who is on a two-day visit to Chile, is also scheduled to meet business leaders.", "2026-03-11"),
    ("President Osei, who is currently on a three-day state visit to Peru, laid a wreath.", "2026-03-12"),
])
def test_a_visit_under_way_runs_from_the_page_day(events, sentence, last):
    [visit] = of_type(events(sentence), "visit")
    assert days(visit) == (d("2026-03-10"), d(last))


@pytest.mark.parametrize("sentence", [
    "Chile and Norway established diplomatic relations in 1851, and next year will mark 175 years of ties.",
    "The two countries signed a fisheries accord in 1978, and next month they will review it.",
])
def test_a_date_in_a_later_clause_telling_the_future_is_not_the_past_events(events, sentence):
    rows = [r for r in events(sentence) if r["event_type"] in ("diplomatic_milestone", "signing")]
    assert rows and all(r["start_date"] is None or r["start_date"] < d("2026-03-10") for r in rows)


@pytest.mark.parametrize("sentence", [
    "The new fund will meet the needs of the local community.",
    "President Ana Costa paid tribute to Chile's contribution to peace.",
    "Thank you for your welcome to all of us.",
    "The leaders welcomed Japan's contribution to Ukraine.",
    "They welcomed the continued support of the United States to Ukraine.",
])
def test_look_alikes_of_the_new_families_make_no_event(events, sentence):
    assert events(sentence) == []


@pytest.mark.parametrize("page_line", [
    "Top News 09:12 March 4, 2026",
    "Published 3:15 PM EST, March 4, 2026",
    "Updated 10:15 AM GMT+1, March 4, 2026",
])
def test_a_page_time_stamp_line_dates_the_report(events, page_line):
    rows = events(page_line, "Foreign Minister Ana Costa held talks with Minister Jonas Lind on Tuesday.", published=None)
    [talks] = of_type(rows, "talks")
    assert days(talks) == (d("2026-03-03"), d("2026-03-03"))


@pytest.mark.parametrize("sentence, signings", [
    ("Both sides agreed to sign a new three-year Memorandum of Understanding on Fisheries.", 0),
    ("The ministries intend to sign a Memorandum of Understanding on Fisheries on March 12.", 1),
])
def test_agreeing_to_sign_is_a_decision_not_a_signing(events, sentence, signings):
    assert len(of_type(events(sentence), "signing")) == signings


@pytest.mark.parametrize("sentence", [
    "The following documents were exchanged in the presence of the two leaders: an MoU on health and an agreement on visas.",
    "Three agreements were exchanged in the presence of the two presidents.",
])
def test_documents_exchanged_before_the_leaders_are_a_signing(events, sentence):
    rows = events("President Ana Costa paid a State Visit to Chile from 9 to 11 March 2026.", sentence)
    assert len(of_type(rows, "signing")) == 1


@pytest.mark.parametrize("sentence", [
    "PRIME MINISTER HOLM: We have just finished a very productive meeting, and we issued a joint statement.",
    "We have just concluded our annual talks with the Chilean delegation.",
])
def test_an_event_just_finished_is_of_the_page_day(events, sentence):
    [talks] = of_type(events(sentence), "talks")
    assert days(talks) == (d("2026-03-10"), d("2026-03-10"))


@pytest.mark.parametrize("lead", [
    "OSLO, March 10 (NTB) - Norway and Chile signed a deal on copper on Monday as President Rosa Vidal began a "
    "three-day state visit, her first to the country since 2019.",
])
def test_a_visit_begun_on_a_day_lasts_its_days_and_its_since_year_is_the_earlier_visits(events, lead):
    [visit] = of_type(events(lead), "visit")
    assert days(visit) == (d("2026-03-09"), d("2026-03-11"))


@pytest.mark.parametrize("sentence", [
    "The two leaders also agreed to launch a Chile-Norway Mining Dialogue, with a first session to be held in Lima next spring.",
])
def test_a_meeting_to_come_does_not_take_the_day_of_the_event_before(events, sentence):
    rows = events("On March 9, President Rosa Vidal held talks with President Erik Holm in Oslo.", sentence)
    assert [days(t) for t in of_type(rows, "talks") if "Dialogue" in t["description"]] == [(None, None)]


@pytest.mark.parametrize("sentence", [
    "The ministers looked forward to the next meeting of the Chile-Peru Binational Commission, which will be held in Lima in October.",
    "They look forward to the next round of talks in October.",
])
def test_a_meeting_looked_forward_to_is_the_next_one(events, sentence):
    [talks] = of_type(events(sentence), "talks")
    assert days(talks) == (d("2026-10-01"), d("2026-10-31"))


@pytest.mark.parametrize("sentence", [
    "Following their meeting, the ministers witnessed the signing of a Memorandum of Understanding on Mining, which will support geological mapping.",
])
def test_what_a_signed_document_will_do_does_not_make_the_signing_future(events, sentence):
    rows = events("Minister Ana Duarte met today with Minister Jonas Lind in Lima.", sentence)
    [signing] = of_type(rows, "signing")
    assert days(signing) == (d("2026-03-10"), d("2026-03-10"))
