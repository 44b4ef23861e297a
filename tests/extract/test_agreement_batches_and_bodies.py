"""Specification: documents listed after a concluded loan, bodies named by lower-case words and
numbers, joint institutions set up, people accepted as a pledge, documents begun or only asked for,
and the same batch or name told twice. Invented wording throughout."""
from __future__ import annotations

import pytest


def kinds(rows: list[dict]) -> list[str]:
    return sorted(r["agreement_type"] for r in rows)


def test_a_document_listed_after_a_concluded_loan_shares_its_verb(agreements) -> None:
    rows = agreements("The presidents welcomed the signing this morning of a $400 million Harbour Defence loan, "
                      "as well as a new memorandum of understanding on geothermal energy.")
    assert kinds(rows) == ["commitment", "mou"]


@pytest.mark.parametrize("sentence, key", [
    ("They agreed to launch a vice-ministerial 2+2 security dialogue between the two ministries.", "2+2 security dialogue"),
    ("The ministers agreed to set up a Chile – Peru joint research centre for lithium processing.", "research centre"),
    ("Both sides decided to establish a centre of excellence for port logistics.", "centre of excellence"),
    ("We have agreed to establish a joint taskforce to cut the cost of shipping.", "taskforce"),
    ("The leaders agreed to start work on a new Andean Green Hydrogen Roadmap.", "Andean Green Hydrogen Roadmap"),
    ("The presidents witnessed the signing of 11 cooperation instruments in the areas of health and culture.",
     "11 cooperation instruments"),
])
def test_bodies_and_documents_of_other_phrasing(agreements, sentence: str, key: str) -> None:
    rows = agreements(sentence)
    assert len(rows) == 1 and key in rows[0]["title"], rows


def test_people_accepted_each_year_are_a_pledge(agreements) -> None:
    rows = agreements("Korea will accept 250 Lao students every year under a new skills initiative.")
    assert kinds(rows) == ["commitment"]


def test_a_document_and_a_body_named_in_one_sentence_with_their_own_verbs_are_two_rows(agreements) -> None:
    rows = agreements("The ministers agreed to draw up a Fisheries Roadmap, and they decided to establish a joint "
                      "taskforce on port fees.")
    assert len(rows) == 2


@pytest.mark.parametrize("sentence", [
    "The minister suggested Peru soon ratify the Andean Free Trade Agreement.",
    "She urged Chile to join the Pacific Seabed Accords.",
    "Our Closer Fisheries agreement, signed more than 30 years ago, remains the model.",
    "The leaders praised the Chile-Peru Strategic Partnership, which they launched in Lima in March 2019.",
])
def test_documents_only_asked_for_or_made_long_ago_are_not_new(agreements, sentence: str) -> None:
    assert agreements(sentence) == []


def test_a_batch_told_in_the_headline_and_in_the_body_is_one_row_with_the_body_fields(article) -> None:
    rows = article(["The two presidents witnessed the signing of seven agreements and memoranda of understanding "
                    "in the fields of fisheries, tourism and customs."],
                   headline="Presidents witness signing of 7 agreements", published="2025-05-20")["agreements"]
    assert len(rows) == 1 and rows[0]["document_count"] == 7 and "tourism" in rows[0]["topics"]


def test_a_name_told_again_without_its_countries_is_one_row(agreements) -> None:
    rows = agreements("The leaders launched a Chile-Peru Mineral Supply Chain Dialogue in May.",
                      "The first meeting of the Mineral Supply Chain Dialogue will be launched in Lima.")
    assert len(rows) == 1


def test_a_pledge_for_a_new_initiative_is_one_row(agreements) -> None:
    rows = agreements("Norway intends to provide $30 million over four years, subject to approval, for a new "
                      "Coastal Mangrove Resilience Initiative that will reach 9,000 fishers.")
    assert kinds(rows) == ["commitment"]


@pytest.mark.parametrize("sentence", [
    "The development bank will open a credit line of US$ 350 million to finance Peruvian importers.",
    "The bank will extend a line of credit of $75 million for solar pumps.",
])
def test_a_credit_line_opened_is_a_pledge(agreements, sentence: str) -> None:
    assert kinds(agreements(sentence)) == ["commitment"]
