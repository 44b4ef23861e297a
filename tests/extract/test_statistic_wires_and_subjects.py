"""Specification: a bare "$" in a wire datelined in another country, people counted by a subject
that "number(s)" them, decisions adopted as a count, and slogans whose numbers count nothing.
Invented wording throughout."""
from __future__ import annotations

import pytest


@pytest.fixture
def statistics(article):
    def run(*paragraphs: str, headline: str = "Ministers meet in the capital") -> list[dict]:
        return article(paragraphs, headline=headline, published="2025-04-02", separator="\n\n")["statistics"]
    return run


def amounts(rows: list[dict]) -> dict[float, str | None]:
    return {row["value"]: row["currency"] for row in rows if row["unit"] == "currency"}


def values(rows: list[dict]) -> dict[float, str]:
    return {row["value"]: row["unit"] for row in rows}


@pytest.mark.parametrize("dateline, currency", [
    ("TOKYO, April 2 (Kyodo) -- ", "USD"),
    ("Manila, 2 April (PNA) - ", "USD"),
    ("OTTAWA, April 2 -- ", "CAD"),
    ("", "CAD"),
])
def test_a_bare_dollar_in_a_wire_datelined_abroad_is_the_us_dollar(statistics, dateline: str, currency: str) -> None:
    rows = statistics(dateline + "Canada and Japan agreed to deepen energy ties, and two-way trade reached "
                      "$21.5 billion last year, officials said.",
                      "Canadian ministers will visit Japan again in June.")
    assert amounts(rows)[21.5e9] == currency


@pytest.mark.parametrize("sentence, value", [
    ("Chilean Australians number about 40,000, according to the census office.", 40000),
    ("Filipino Canadians now number more than 900,000.", 900000),
])
def test_people_a_subject_numbers_are_counted(statistics, sentence: str, value: int) -> None:
    assert values(statistics(sentence)).get(value) == "person"


def test_decisions_adopted_are_a_count(statistics) -> None:
    rows = statistics("The Association Council adopted three decisions on customs and fisheries.")
    assert values(rows).get(3) == "count"


@pytest.mark.parametrize("sentence", [
    "As our elders say, we are one nation, two states.",
    "Officials repeated the formula of 'one country, two systems' for the islands.",
])
def test_the_numbers_of_a_slogan_count_nothing(statistics, sentence: str) -> None:
    assert statistics(sentence) == []


def test_kiwis_are_people_of_new_zealand(statistics) -> None:
    rows = statistics("Some 45,000 Kiwis live and work in Samoa, the high commission said.")
    assert values(rows).get(45000) == "person"
