"""Specification of extraction: a small news article in, event/agreement/statistic rows out."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from flows.extract import extract_article
from flows.ingest import read_input


@pytest.fixture
def extract(tmp_path):
    def run(*paragraphs: str, headline: str = "Leaders pledge closer bilateral ties",
            published: str | None = None) -> dict[str, list[dict]]:
        path = tmp_path / "a.txt"
        path.write_text(headline + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        if published is not None:
            (tmp_path / "a.meta.json").write_text(json.dumps({"published_date": published}), encoding="utf-8")
        return extract_article(read_input(path, "a.txt"))
    return run


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def one(rows: list[dict], **match) -> dict:
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, rows
    return found[0]


# ================================================================== statistics

@pytest.mark.parametrize("sentence, indicator, value, unit, currency, qualifier, year", [
    ("Two-way trade reached US$86.4 billion in 2023.",
     "trade_turnover", 86.4e9, "currency", "USD", "exact", 2023),
    ("Bilateral trade between Japan and Australia hit US$120 billion in 2022.",
     "trade_turnover", 120e9, "currency", "USD", "exact", 2022),
    ("More than 200,000 Korean tourists visited Vietnam in 2022.",
     "tourist_arrivals", 200_000, "person", None, "more_than", 2022),
    ("The University of Sydney hosts about 1,200 students from Vietnam.",
     "students", 1200, "person", None, "approximate", None),
    ("The new plant is part of Japan's investment of 3.5 billion USD in Vietnam's north.",
     "investment", 3.5e9, "currency", "USD", "exact", None),
    ("Nearly 500,000 Vietnamese people live in Korea, the embassy said.",
     "diaspora_population", 500_000, "person", None, "approximate", None),
    ("During the visit, the two sides signed 12 documents.",
     "documents_signed", 12, "count", None, "exact", None),
])
def test_statistic_is_read_from_sentence(extract, sentence, indicator, value, unit, currency, qualifier, year):
    row = one(extract(sentence)["statistics"], indicator=indicator)
    assert row["value"] == pytest.approx(value)
    assert (row["unit"], row["currency"], row["qualifier"], row["year"]) == (unit, currency, qualifier, year)


@pytest.mark.parametrize("sentence, indicator, value", [
    ("Two-way trade reached US$86.4 billion in 2023.", "trade_turnover", 86.4e9),
    ("More than 200,000 Korean tourists visited Vietnam in 2022.", "tourist_arrivals", 200_000),
    ("During the visit, the two sides signed 12 documents.", "documents_signed", 12),
])
def test_one_statistic_per_figure(extract, sentence, indicator, value):
    rows = extract(sentence)["statistics"]
    assert [(r["indicator"], r["value"]) for r in rows] == [(indicator, pytest.approx(value))]


@pytest.mark.parametrize("sentence", [
    "During the visit, the two sides signed 12 documents.",
    "The two countries agreed to expand cooperation in three key areas.",
    "Both leaders visited the two factories in Hai Phong.",
])
def test_two_sides_is_not_a_statistic(extract, sentence):
    assert all(r["value"] != 2 for r in extract(sentence)["statistics"])


@pytest.mark.parametrize("sentence", [
    "Vietnam and Korea celebrated the 30th anniversary of diplomatic ties.",
    "Japan and Australia marked the 50th anniversary of their basic treaty.",
    "The festival in Da Nang drew hundreds of thousands of visitors.",
    "Thousands of Korean fans gathered in Hanoi for the match.",
    "Relations between Vietnam and the US deepened in 2024.",
    "In 2023, Prime Minister Albanese travelled to Tokyo.",
])
def test_no_statistic(extract, sentence):
    assert extract(sentence)["statistics"] == []


@pytest.mark.parametrize("paragraphs, indicator, year", [
    (["Vietnam's exports to Korea grew strongly in 2023.",
      "Two-way trade reached US$79 billion, the ministry said."], "trade_turnover", 2023),
    (["Tourism between Japan and Vietnam recovered in 2022.",
      "More than 300,000 Japanese tourists visited Vietnam."], "tourist_arrivals", 2022),
])
def test_year_is_taken_from_earlier_sentence(extract, paragraphs, indicator, year):
    assert one(extract(*paragraphs)["statistics"], indicator=indicator)["year"] == year


@pytest.mark.parametrize("sentence, published, year", [
    ("Two-way trade reached US$79 billion.", "2024-03-01", 2024),
    ("Two-way trade reached US$79 billion.", "2101-01-01", None),
    ("Two-way trade reached US$79 billion.", "0005-06-01", None),
    ("Two-way trade reached US$79 billion this year.", "2101-01-01", None),
])
def test_year_from_a_far_off_publication_date_is_unknown(extract, sentence, published, year):
    """Found by tests/test_fuzz.py: a sidecar date outside 1800-2100 gave a statistic a year the
    schema rejects, which stopped the whole release."""
    assert one(extract(sentence, published=published)["statistics"], indicator="trade_turnover")["year"] == year


def test_statistic_evidence_points_into_the_article(extract, tmp_path):
    rows = extract("Vietnam and Korea upgraded ties.", "Two-way trade reached US$86.4 billion in 2023.")
    text = (tmp_path / "a.txt").read_text(encoding="utf-8")
    row = one(rows["statistics"], indicator="trade_turnover")
    assert text[row["char_start"]:row["char_end"]] == row["evidence"] == "Two-way trade reached US$86.4 billion in 2023."


# ================================================================== events

@pytest.mark.parametrize("sentence, event_type, start, end, country, participants", [
    ("President Vo Van Thuong paid a state visit to Korea from December 3-5, 2022.",
     "visit", "2022-12-03", "2022-12-05", "KR", ["Vo Van Thuong"]),
    ("President Joe Biden paid a state visit to Vietnam on September 10, 2023.",
     "visit", "2023-09-10", "2023-09-10", "VN", ["Joe Biden"]),
    ("Prime Minister Anthony Albanese held talks with Prime Minister Fumio Kishida in Canberra on March 8, 2023.",
     "talks", "2023-03-08", "2023-03-08", "AU", ["Anthony Albanese", "Fumio Kishida"]),
    ("Prime Minister Narendra Modi attended the G20 Summit in New Delhi (September 9-10, 2023).",
     "summit", "2023-09-09", "2023-09-10", "IN", ["Narendra Modi"]),
])
def test_event_with_dates_place_and_participants(extract, sentence, event_type, start, end, country, participants):
    row = one(extract(sentence)["events"], event_type=event_type)
    assert (row["start_date"], row["end_date"]) == (d(start), d(end))
    assert row["country_code"] == country
    assert sorted(row["participants"]) == sorted(participants)


@pytest.mark.parametrize("sentence, day", [
    ("Vietnam and Korea established diplomatic relations on December 22, 1992.", "1992-12-22"),
    ("Diplomatic relations between Vietnam and the US were established on July 12, 1995.", "1995-07-12"),
])
def test_diplomatic_relations_established_is_milestone(extract, sentence, day):
    row = one(extract(sentence)["events"], event_type="diplomatic_milestone")
    assert (row["start_date"], row["date_precision"]) == (d(day), "day")


@pytest.mark.parametrize("sentence, country, day", [
    ("A powerful typhoon hit the Philippines on October 25, 2024, killing dozens.", "PH", "2024-10-25"),
    ("A strong earthquake struck Japan on January 1, 2024, the agency said.", "JP", "2024-01-01"),
])
def test_natural_disaster_is_disaster_event(extract, sentence, country, day):
    row = one(extract(sentence)["events"], event_type="disaster")
    assert (row["country_code"], row["start_date"]) == (country, d(day))


@pytest.mark.parametrize("paragraphs", [
    ["President Joe Biden paid a state visit to Vietnam on September 10, 2023.",
     "The visit marked a milestone in bilateral ties, observers said."],
    ["Prime Minister Pham Minh Chinh paid an official visit to Australia in March 2024.",
     "During the visit, he met business leaders in Melbourne.",
     "The visit also opened new opportunities for students."],
])
def test_visit_mentioned_again_is_one_row(extract, paragraphs):
    assert len([e for e in extract(*paragraphs)["events"] if e["event_type"] == "visit"]) == 1


@pytest.mark.parametrize("sentence", [
    "About 2 million tourists visited Japan in 2023.",
    "More than 3.6 million Korean tourists visited Vietnam last year.",
])
def test_tourists_visiting_is_not_a_visit_event(extract, sentence):
    assert [e for e in extract(sentence)["events"] if e["event_type"] == "visit"] == []


def test_two_visits_by_different_people_in_different_months_are_two_rows(extract):
    rows = extract("President Yoon Suk Yeol paid a state visit to Vietnam in June 2023.",
                   "Prime Minister Pham Minh Chinh paid an official visit to Korea in October 2023.")["events"]
    visits = sorted((e["participants"], e["country_code"], e["start_date"]) for e in rows if e["event_type"] == "visit")
    assert visits == [(["Pham Minh Chinh"], "KR", d("2023-10-01")), (["Yoon Suk Yeol"], "VN", d("2023-06-01"))]


# ================================================================== agreements

@pytest.mark.parametrize("paragraphs, parties", [
    (["The two countries upgraded their relations to a Comprehensive Strategic Partnership in September 2023.",
      "The Comprehensive Strategic Partnership opens a new chapter, officials said."], None),
    (["Vietnam and the US upgraded their relations to a Comprehensive Strategic Partnership on September 10, 2023.",
      "Under the Comprehensive Strategic Partnership, the US and Vietnam will expand chip cooperation."], ["US", "VN"]),
    (["Japan and Australia elevated ties to a Special Strategic Partnership in 2014.",
      "The Special Strategic Partnership covers defence and energy."], ["AU", "JP"]),
])
def test_partnership_upgrade_is_one_row(extract, paragraphs, parties):
    rows = [a for a in extract(*paragraphs)["agreements"] if a["agreement_type"] == "partnership_upgrade"]
    assert len(rows) == 1
    if parties:
        assert rows[0]["parties"] == parties


@pytest.mark.parametrize("sentence, count, topics, parties", [
    ("Vietnam and Japan signed three memoranda of understanding on education, energy and health.",
     3, ["education", "energy", "health"], ["JP", "VN"]),
    ("Australia and Indonesia signed two MoUs on agriculture and tourism.",
     2, ["agriculture", "tourism"], ["AU", "ID"]),
])
def test_memoranda_with_count_and_topics(extract, sentence, count, topics, parties):
    row = one(extract(sentence)["agreements"], agreement_type="mou")
    assert (row["document_count"], row["topics"], row["parties"]) == (count, topics, parties)


@pytest.mark.parametrize("sentence, parties", [
    ("Vietnam and Australia issued a joint statement after the talks.", ["AU", "VN"]),
    ("Japan and Korea adopted a joint declaration on their future partnership.", ["JP", "KR"]),
])
def test_joint_statement(extract, sentence, parties):
    row = one(extract(sentence)["agreements"], agreement_type="joint_statement")
    assert row["parties"] == parties


def test_agreement_parties_come_from_article_when_sentence_says_two_sides(extract):
    rows = extract("President Vo Van Thuong paid a state visit to Korea in December 2022.",
                   "Vietnam and Korea held talks in Seoul.",
                   "The two sides issued a joint statement.",
                   headline="Vietnam, Korea leaders hold talks in Seoul")["agreements"]
    assert one(rows, agreement_type="joint_statement")["parties"] == ["KR", "VN"]


@pytest.mark.parametrize("sentence", [
    "Vietnam and Korea issued a joint statement on the occasion of the visit.",
])
def test_occasion_is_not_a_topic(extract, sentence):
    assert one(extract(sentence)["agreements"], agreement_type="joint_statement")["topics"] == []


@pytest.mark.parametrize("sentence", [
    "Vietnam and Japan discussed a possible memorandum of understanding on labour.",
    "Officials said a joint statement would be drafted later.",
])
def test_document_without_signing_verb_is_not_an_agreement(extract, sentence):
    assert [a for a in extract(sentence)["agreements"] if a["agreement_type"] in ("mou", "joint_statement")] == []


def test_an_amount_takes_its_indicator_from_the_sentence_before(extract) -> None:
    rows = extract("Bilateral trade grew strongly in 2021. It reached US$12.5 billion, officials said.")
    [statistic] = [s for s in rows["statistics"] if s["value"] == 12.5e9]
    assert statistic["indicator"] == "trade_turnover"


def test_a_person_far_from_the_visit_in_a_long_sentence_is_not_its_participant(extract) -> None:
    rows = extract("Ambassador Nguyen Van An has set the goal for the coming year to closely coordinate "
                              "with ministries of both countries to implement the agreements reached during "
                              "President Yoon Suk-yeol's visit (June 2023) and his talks with officials.")
    visits = [e for e in rows["events"] if e["event_type"] == "visit"]
    assert visits and all("Nguyen Van An" not in e["participants"] for e in visits)


def test_a_possessive_ties_the_person_to_the_visit_not_to_the_speech_before_it(extract) -> None:
    rows = extract("Ambassador Tran Van Binh spoke during President Joko Widodo's visit to the embassy "
                   "in Hanoi on March 3, 2024.")
    visit = one(rows["events"], event_type="visit")
    assert visit["participants"] == ["Joko Widodo"]


def test_a_visit_takes_the_date_that_follows_it_over_a_nearer_one_before(extract) -> None:
    rows = extract("President Nguyen Xuan Phuc held talks with Prime Minister Fumio Kishida on May 5, 2022, "
                   "during his state visit to Japan from May 4 to 7.")
    visit = one(rows["events"], event_type="visit")
    assert (visit["start_date"], visit["end_date"]) == (d("2022-05-04"), d("2022-05-07"))


@pytest.mark.parametrize("sentence, value", [
    ("Around 180,000 Koreans live in Vietnam, according to the embassy.", 180000),
    ("More than 60,000 Australians are living in Indonesia.", 60000),
])
def test_a_plural_demonym_is_the_people_counted(extract, sentence: str, value: float) -> None:
    statistic = one(extract(sentence)["statistics"], value=value)
    assert (statistic["unit"], statistic["indicator"]) == ("person", "diaspora_population")


def test_a_counterpart_is_named_as_a_participant(extract) -> None:
    rows = extract("President Joe Biden held talks with his Vietnamese counterpart Vo Van Thuong in Hanoi "
                   "on September 10, 2023.")
    assert "Vo Van Thuong" in one(rows["events"], event_type="talks")["participants"]


def test_a_sentence_opening_with_he_continues_with_the_person_before(extract) -> None:
    rows = extract("Prime Minister Anthony Albanese delivered a speech at a university in Hanoi on June 3, 2024. "
                   "He later travelled to Ho Chi Minh City.")
    visit = one(rows["events"], event_type="visit")
    assert (visit["participants"], visit["location"]) == (["Anthony Albanese"], "Ho Chi Minh City")


def test_two_documents_of_one_kind_named_in_a_row_are_one_batch(extract) -> None:
    rows = extract("The ministers signed MoUs on mining and memoranda of understanding on clean energy.")
    mou = one(rows["agreements"], agreement_type="mou")
    assert mou["topics"] == ["mining", "clean energy"]


@pytest.mark.parametrize("sentence", [
    "It was the first visit by a Japanese leader in five years.",
    "Trade is expected to double within three years.",
])
def test_a_span_of_years_is_not_a_statistic(extract, sentence: str) -> None:
    assert extract(sentence)["statistics"] == []


def test_a_pledged_amount_is_aid(extract) -> None:
    statistic = one(extract("Australia pledged A$105 million to help Vietnam in 2024.")["statistics"], value=105e6)
    assert (statistic["indicator"], statistic["currency"]) == ("aid", "AUD")


def test_a_country_named_after_the_trigger_but_not_as_its_place_is_not_the_location(extract) -> None:
    rows = extract("President Joe Biden arrived in Hanoi on September 10, 2023, for a visit during which "
                   "the United States and Vietnam upgraded their relationship.")
    visit = one(rows["events"], event_type="visit")
    assert (visit["location"], visit["country_code"]) == ("Hanoi", "VN")


def test_a_weekday_stays_unresolved_when_the_publication_date_is_unknown(extract) -> None:
    rows = extract("President Joe Biden arrived in Hanoi on September 10, 2023.",
                   "On Monday, Prime Minister Pham Minh Chinh attended a business summit in Hanoi.")
    summit = one(rows["events"], event_type="summit")
    assert (summit["start_date"], summit["date_precision"]) == (None, "unknown")


@pytest.mark.parametrize("sentence, indicator, value, qualifier", [
    ("The number of Vietnamese workers in Japan exceeded 518,000 at the end of 2023.", "workers", 518000, "more_than"),
    ("Korean tourist arrivals reached 1.2 million in 2023.", "tourist_arrivals", 1.2e6, "exact"),
])
def test_a_figure_after_its_subject_takes_the_subject_as_what_it_counts(extract, sentence: str, indicator: str,
                                                                        value: float, qualifier: str) -> None:
    statistic = one(extract(sentence)["statistics"], value=value)
    assert (statistic["indicator"], statistic["qualifier"]) == (indicator, qualifier)


def test_a_goal_with_a_deadline_is_a_statistic_without_a_year(extract) -> None:
    # the eval README's settled questions: "targets and multi-year totals have no year"
    rows = extract("The two sides aim to raise bilateral trade to $100 billion by 2030.")
    assert [(row["value"], row["year"]) for row in rows["statistics"]] == [(100e9, None)]


def test_an_agreement_with_a_city_has_both_countries_as_parties(extract) -> None:
    rows = extract("Prime Minister Fumio Kishida held talks with Vietnamese Prime Minister Pham Minh Chinh in Tokyo "
                   "on May 2, 2024.",
                   "A delegation from Osaka signed a memorandum of understanding with Da Nang in Vietnam.")
    assert one(rows["agreements"], agreement_type="mou")["parties"] == ["JP", "VN"]


def test_meeting_a_target_is_not_talks(extract) -> None:
    rows = extract("The project has met all its targets, and exports grew by 7 percent in 2023.")
    assert [e for e in rows["events"] if e["event_type"] == "talks"] == []


@pytest.mark.parametrize("sentence", [
    "President Vo Van Thuong laid a wreath at the war memorial in Canberra on March 4, 2024.",
    "Prime Minister Anthony Albanese inaugurated a solar plant in Ninh Thuan province on June 5, 2024.",
])
def test_wreath_laying_and_inaugurations_are_ceremonies(extract, sentence: str) -> None:
    assert one(extract(sentence)["events"], event_type="ceremony")["start_date"] is not None
