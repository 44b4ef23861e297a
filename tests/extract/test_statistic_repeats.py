"""Specification: a figure told again is one statistic: pointed back to ("the $8.2 million grant"),
or repeated in a list of outcomes with no year of its own. Invented wording throughout."""
from __future__ import annotations

import pytest


@pytest.fixture
def statistics(article):
    def run(*paragraphs: str) -> list[dict]:
        return article(paragraphs, headline="Ministers meet in the capital", published="2025-04-02",
                       separator="\n\n")["statistics"]
    return run


@pytest.mark.parametrize("second", [
    "The $8.2 million grant is in addition to aid worth $40 million over 2019-2022.",
    "This $8.2 million will be spent in 2026.",
])
def test_a_figure_pointed_back_to_is_the_one_told_before(statistics, second) -> None:
    rows = statistics("Canada has announced an $8.2 million grant for Haiti's clinics.", second)
    assert [r["value"] for r in rows].count(8.2e6) == 1


def test_the_same_figure_told_again_without_pointing_back_to_it_for_another_year_stays(statistics) -> None:
    rows = statistics("Exports to Chile were worth $5 million in 2023.", "Exports to Chile were $5 million in 2024 as well.")
    assert [r["value"] for r in rows].count(5e6) == 2


def test_a_figure_repeated_in_a_list_without_a_year_of_its_own_is_one_statistic(statistics) -> None:
    rows = statistics("In 2024 the two ministers first discussed the harbour.",
                      "The Prime Minister announced grant assistance of Rs 240 crore for 35 village water projects.",
                      "The outcomes are listed below:",
                      "i. Grant assistance of Rs 240 crore for 35 village water projects")
    assert [r["value"] for r in rows].count(2.4e9) == 1
    assert [r["value"] for r in rows].count(35) == 1
