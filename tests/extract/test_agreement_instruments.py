"""Specification: loans, grants and credit lines that a verb of concluding acts on are pledges
("the signing of a $2 billion defence loan"); a document made for a pledge, or a pledge told as
what an agreement does, is one row; partnerships of other adjectives and in quotes are upgrades,
and one retold with its year is background. Invented wording throughout."""
from __future__ import annotations

import pytest


@pytest.fixture
def agreements(article):
    def run(*paragraphs: str) -> list[dict]:
        return article(paragraphs, headline="Ministers meet in the capital", published="2025-05-20")["agreements"]
    return run


def titles(rows: list[dict], kind: str) -> list[str]:
    return [r["title"] for r in rows if r["agreement_type"] == kind]


@pytest.mark.parametrize("sentence, key", [
    ("The presidents welcomed the signing earlier today of a $750 million Coastal Guard direct loan to Chile.",
     "Coastal Guard direct loan"),
    ("The ministers signed a grant aid of 900 million yen for the Rural Water Supply Project.", "900 million yen"),
    ("The two governments exchanged notes on a yen loan of up to 42 billion yen for the Colombo Metro.",
     "yen loan"),
    ("The Export Credit Agency of Canada has approved up to $300 million in financing for two wind farms in Peru.",
     "$300 million in financing"),
    ("Both sides welcomed the conclusion of a credit line of $250 million for Kenyan railways.", "credit line"),
])
def test_a_loan_or_grant_concluded_is_a_pledge(agreements, sentence: str, key: str) -> None:
    pledges = titles(agreements(sentence), "commitment")
    assert len(pledges) == 1 and key in pledges[0], pledges


@pytest.mark.parametrize("sentence", [
    "Peru agreed to restructure the $3 billion loan it owes to China.",
    "Japan has extended loans of $5 billion to Vietnam since 1995.",
    "The minister said the $40 million loan remains a burden.",
    "Indonesia repaid a grant of 20 million euros last year.",
])
def test_a_loan_told_of_but_not_concluded_is_no_pledge(agreements, sentence: str) -> None:
    assert titles(agreements(sentence), "commitment") == []


def test_a_document_made_for_a_grant_is_the_grant(agreements) -> None:
    rows = agreements("Last week the two governments exchanged notes on a grant of 275 million yen for the "
                      "Teacher Training Scholarship, which will send 15 young officials to study in Osaka.")
    assert len(rows) == 1 and rows[0]["agreement_type"] == "commitment" and "275 million yen" in rows[0]["title"]


def test_a_pledge_told_as_what_an_agreement_does_is_that_agreement(agreements) -> None:
    rows = agreements("Ghana and Canada signed a new Maternal Health Framework on May 4, under which Canada "
                      "intends to provide $12 million to train midwives.")
    assert [r["agreement_type"] for r in rows] == ["cooperation_document"]


@pytest.mark.parametrize("sentence, name", [
    ('The two presidents signed a declaration establishing a "renewed privileged partnership" between them.',
     "renewed privileged partnership"),
    ("Spain and Senegal announced a new reinforced partnership for the Atlantic.", "reinforced partnership"),
])
def test_partnerships_of_other_adjectives_and_in_quotes_are_upgrades(agreements, sentence: str, name: str) -> None:
    upgrades = titles(agreements(sentence), "partnership_upgrade")
    assert len(upgrades) == 1 and name in upgrades[0]


@pytest.mark.parametrize("sentence", [
    "The leaders praised the growth of the Peru-Chile Comprehensive Strategic Partnership, which was established "
    "in October 2019.",
    "They reviewed the Comprehensive Strategic Partnership, established during the Chancellor's visit to Lima in "
    "June 2018.",
])
def test_a_partnership_told_with_the_year_it_was_made_is_background(agreements, sentence: str) -> None:
    assert agreements(sentence) == []


def test_an_agreement_another_party_signed_in_a_year_is_still_told_as_made(agreements) -> None:
    rows = agreements("The statement welcomed the Ocean Monitoring agreement that Chile signed with the Peruvian "
                      "Navy in March 2024.")
    assert titles(rows, "cooperation_document") == ["Ocean Monitoring agreement"]


def test_a_grant_listed_after_a_concluded_loan_shares_its_verb(agreements) -> None:
    rows = agreements("The ministers witnessed the exchange of notes concerning a yen loan of up to 12 billion yen for "
                      "the Cebu Ring Road (Phase II), and concerning the supply of patrol radars to the coast guard "
                      "with a grant of 900 million yen.")
    assert [r["agreement_type"] for r in rows] == ["commitment", "commitment"]


def test_a_body_revived_is_an_agreement(agreements) -> None:
    rows = agreements("The two sides agreed to revive the Joint Trade Commission, which has not met since 2011.")
    assert [r["title"] for r in rows] == ["Joint Trade Commission"]


@pytest.mark.parametrize("setting, value, problem", [
    ("instruments", ["loans?("], "commitment.instruments"),
    ("instrument_verb", "open", "commitment.instrument_verb"),
])
def test_a_misspelt_or_broken_instrument_setting_fails_at_load(monkeypatch, setting: str, value, problem: str) -> None:
    from flows.data_files import read_yaml
    from flows.extract.agreement_rules import AgreementRules
    from flows.extract.rules import RuleFileError, load_rules
    rules = read_yaml("extract/agreements.yaml")
    rules["commitment"] = {**rules["commitment"], setting: value}
    monkeypatch.setattr("flows.extract.rules.read_yaml", lambda name: rules)
    with pytest.raises(RuleFileError, match=problem):
        load_rules("agreements", AgreementRules)


@pytest.mark.parametrize("sentence", [
    "The minister said Ghana had signed loans worth $2 billion with foreign banks between 2012 and 2018.",
    "Korea has extended a cumulative 4 trillion won in concessional loans to Vietnam.",
    "The ministers announced that the $450 million loan would be disbursed in June.",
])
def test_loans_retold_or_only_referred_to_are_no_pledges(agreements, sentence: str) -> None:
    assert titles(agreements(sentence), "commitment") == []
