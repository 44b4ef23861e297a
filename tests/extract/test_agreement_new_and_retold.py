"""Specification: a body named new in a verbless bullet, an unnamed "new partnership" that the
article names elsewhere, and partnership upgrades retold from before the article's events.
Invented wording throughout."""
from __future__ import annotations

import pytest

LEAD = "The President of Chile met the President of Korea in Seoul on 19 May 2025 for talks on trade and energy."
TAIL = "The two presidents also discussed the situation in the region and agreed to meet again next year."


@pytest.fixture
def agreements(article):
    def run(*paragraphs: str, headline: str = "Presidents meet in Seoul") -> list[dict]:
        return article(paragraphs, headline=headline, published="2025-05-20", separator="\n\n")["agreements"]
    return run


def test_a_bullet_opening_with_new_names_a_body_launched(agreements) -> None:
    rows = agreements(LEAD, "- New Chile-Korea Green Hydrogen Initiative to cut the cost of shipping fuel",
                      "- Korean firms to open two plants in Antofagasta", TAIL)
    assert [(r["agreement_type"], r["title"]) for r in rows] == \
        [("cooperation_document", "Chile-Korea Green Hydrogen Initiative")], rows


def test_an_unnamed_new_partnership_named_elsewhere_is_one_row(agreements) -> None:
    rows = agreements(LEAD, "- New Chile-Korea Lithium Partnership to secure battery supply chains",
                      "The two leaders launched a new partnership to secure supply chains for lithium.",
                      "Under the Chile-Korea Lithium Partnership, the two sides will share geological data.", TAIL)
    assert len(rows) == 1 and "Lithium Partnership" in rows[0]["title"], rows


@pytest.mark.parametrize("sentence", [
    "The two countries upgraded their relations to a Comprehensive Strategic Partnership in 2019.",
    "Since we elevated our ties to a Strategic Partnership last year, trade has doubled.",
    "Relations were raised to an Enhanced Strategic Partnership three years ago.",
])
def test_an_upgrade_retold_from_before_is_not_new(agreements, sentence: str) -> None:
    rows = agreements(LEAD, sentence, TAIL)
    assert "partnership_upgrade" not in [r["agreement_type"] for r in rows], rows


@pytest.mark.parametrize("sentence", [
    "The two presidents today elevated relations to a Comprehensive Strategic Partnership.",
    "On 19 May 2025 the leaders upgraded their ties to a Strategic Partnership.",
])
def test_an_upgrade_the_article_reports_is_new(agreements, sentence: str) -> None:
    rows = agreements(LEAD, sentence, TAIL)
    assert [r["agreement_type"] for r in rows] == ["partnership_upgrade"], rows


@pytest.mark.parametrize("sentence", [
    "A navy ship carrying 40 tonnes of relief supplies, including tents and water filters, will sail for Arica tomorrow.",
    "Two cargo planes loaded with 3,000 boxes of medicines left the capital this morning for the flooded provinces.",
])
def test_aid_shipped_is_a_pledge_of_goods(agreements, sentence: str) -> None:
    assert [r["agreement_type"] for r in agreements(LEAD, sentence, TAIL)] == ["commitment"]


def test_a_plane_carrying_passengers_is_no_pledge(agreements) -> None:
    assert agreements(LEAD, "A charter flight carrying 180 passengers landed in Seoul on Sunday.", TAIL) == []


@pytest.mark.parametrize("sentence", [
    "Lima welcomed Bolivia's decision to release an additional 200 cubic metres of water per second into the lake.",
    "The government will release 50,000 tonnes of rice from its reserves for the flooded provinces.",
])
def test_a_resource_released_as_new_is_a_pledge(agreements, sentence: str) -> None:
    assert [r["agreement_type"] for r in agreements(LEAD, sentence, TAIL)] == ["commitment"]


@pytest.mark.parametrize("sentence", [
    "The authorities will release 12 fishermen detained near the islands.",
    "The ministry released 40 pages of documents on the project last week.",
])
def test_people_or_papers_released_are_no_pledge(agreements, sentence: str) -> None:
    assert "commitment" not in [r["agreement_type"] for r in agreements(LEAD, sentence, TAIL)]


@pytest.mark.parametrize("sentence", [
    "Separately, Chilean flag carrier LATAM signed a deal with Korean Air on a codeshare covering nine routes.",
    "Korean battery maker firm Ecopro and a Chilean lithium company signed a letter of intent on a refinery.",
    "Engineering firm Hanil signed a $14 million consultancy contract with the port authority of Arica.",
])
def test_a_deal_companies_concluded_is_no_agreement_of_the_countries(agreements, sentence: str) -> None:
    assert agreements(LEAD, sentence, TAIL) == []


@pytest.mark.parametrize("sentence", [
    "The ministers signed a memorandum of understanding on support for small firms.",
    "The leaders witnessed the signing of a deal between the two governments on shipping companies' port fees.",
])
def test_a_document_about_companies_is_still_the_countries(agreements, sentence: str) -> None:
    assert len(agreements(LEAD, sentence, TAIL)) == 1
