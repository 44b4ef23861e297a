"""Specification: exchange-rate notes told in words are no figures, a letter mark of money written by
its country's press ("N2.4 trillion" naira), people counted in a relative clause ("of whom about
12,000 ..."). Invented wording throughout."""
from __future__ import annotations

import pytest


@pytest.fixture
def statistics(article):
    def run(*paragraphs: str) -> list[dict]:
        return article(paragraphs, headline="Ministers meet in the capital", published="2025-04-02")["statistics"]
    return run


@pytest.mark.parametrize("sentence", [
    "Amounts in euros have been calculated at an exchange rate of SEK 11.20 per euro.",
    "Figures were converted at a rate of 1.08 dollars to the euro.",
    "All sums use a conversion rate of 0.92 euros per dollar.",
])
def test_an_exchange_rate_told_in_words_is_no_figure(statistics, sentence: str) -> None:
    assert statistics(sentence) == []


def test_an_interest_rate_is_still_a_figure(statistics) -> None:
    assert [r["value"] for r in statistics("The loan carries an interest rate of 1.5 percent per year.")] == [1.5]


@pytest.mark.parametrize("sentence, value", [
    ("Trade between Nigeria and Togo was valued at about N1.8 trillion last year.", 1.8e12),
    ("Nigeria will invest N500 million in the border market.", 5e8),
])
def test_a_letter_mark_with_a_scale_is_naira(statistics, sentence: str, value: float) -> None:
    rows = statistics(sentence)
    assert [(r["value"], r["currency"]) for r in rows if r["unit"] == "currency"] == [(value, "NGN")]


def test_a_letter_and_a_number_without_a_scale_are_no_money(statistics) -> None:
    assert statistics("Nurses in Lagos need N95 masks.") == []


@pytest.mark.parametrize("sentence, value", [
    ("Chile pledged a fund for former miners, of whom about 12,000 are still living.", 12000),
    ("The war displaced many families, of whom some 3,500 returned home last year.", 3500),
])
def test_people_counted_in_a_relative_clause(statistics, sentence: str, value: int) -> None:
    rows = [r for r in statistics(sentence) if r["unit"] == "person"]
    assert [r["value"] for r in rows] == [value], rows


def test_things_counted_in_a_relative_clause_are_not_people(statistics) -> None:
    assert [r for r in statistics("The museum holds old maps, of which 300 are on display.")
            if r["unit"] == "person"] == []


def test_the_cedi_typed_with_a_cent_sign(statistics) -> None:
    rows = statistics("Ghana's exports to Togo reached GH¢4.2 billion in 2024.")
    assert [(r["value"], r["currency"]) for r in rows] == [(4.2e9, "GHS")]


def test_a_group_some_thousands_strong_counts_people(statistics) -> None:
    rows = statistics("The Peruvian community in Chile, some 250,000 strong, welcomed the visit.")
    assert [(r["value"], r["unit"]) for r in rows] == [(250000, "person")]


@pytest.mark.parametrize("sentence, value, currency", [
    ("Bilateral trade hit 4.2 billion soles in 2024.", 4.2e9, "PEN"),
    ("Norway gave 300 million Norwegian kroner to the fund.", 3e8, "NOK"),
    ("Kazakh exports to Chile were 500 billion tenge.", 5e11, "KZT"),
    ("Trade reached 2.1 billion kroner.", 2.1e9, None),   # which krone: unknown
])
def test_currencies_named_after_the_amount(statistics, sentence: str, value: float, currency: str | None) -> None:
    rows = statistics(sentence)
    assert [(r["value"], r["unit"], r["currency"]) for r in rows] == [(value, "currency", currency)]
