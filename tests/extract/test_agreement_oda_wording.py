"""Specification: the wording of Japanese aid agreements (an exchange of notes welcomed, a Loan
Agreement signed as "the L/A", a Grant Agreement as "the G/A", loans named by their currency or
lender) and documents only hoped for. Invented wording throughout."""
from __future__ import annotations

import pytest


@pytest.fixture
def agreements(article):
    def run(*paragraphs: str) -> list[dict]:
        return article(paragraphs, headline="Ministers meet in the capital", published="2025-05-20")["agreements"]
    return run


@pytest.mark.parametrize("sentence, key", [
    ("The two foreign ministers welcomed the exchange of notes on the Kigali water grant.", "exchange of notes"),
    ("JICA signed the L/A with the Government of Ghana for the Tema Harbour Project.", "L/A"),
    ("The ambassador and the minister signed the G/A for the Upland Clinics Project on Monday.", "G/A"),
])
def test_aid_documents_in_their_own_wording_are_agreements(agreements, sentence: str, key: str) -> None:
    rows = agreements(sentence)
    assert len(rows) == 1 and rows[0]["agreement_type"] == "cooperation_document" and key in rows[0]["title"]


@pytest.mark.parametrize("sentence, key", [
    ("Japan extended a yen loan of 35 billion yen to Laos for the Pakse bypass.", "yen loan"),
    ("India will extend an EXIM Bank credit line of $120 million to Malawi for irrigation.", "EXIM Bank credit line"),
    ("The two governments signed an Exchange of Notes for grant aid of up to 1.2 billion yen for school buildings.",
     "grant aid"),
])
def test_loans_named_by_their_currency_or_lender_are_pledges(agreements, sentence: str, key: str) -> None:
    rows = agreements(sentence)
    assert [r["agreement_type"] for r in rows] == ["commitment"] and key in rows[0]["title"]


@pytest.mark.parametrize("sentence", [
    "Under the Exchange of Notes of 2015, Japan built the bridge.",
    "The two sides recalled the exchange of notes signed in 2019.",
    "The two countries aim to sign the free trade agreement by the end of the year.",
    "Both governments hope to conclude the extradition treaty soon.",
])
def test_documents_told_of_before_or_only_hoped_for_are_not_agreements(agreements, sentence: str) -> None:
    assert agreements(sentence) == []
