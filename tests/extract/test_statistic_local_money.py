"""Specification: money written with a bare mark that the article's country decides ("$" in an
Australian or Canadian release, "Rs" in a Sri Lankan paper), and exchange-rate notes that are no
figures. Invented wording throughout."""
from __future__ import annotations

import pytest


@pytest.fixture
def statistics(article):
    def run(*paragraphs: str, headline: str = "Ministers meet in the capital") -> list[dict]:
        return article(paragraphs, headline=headline, published="2025-04-02")["statistics"]
    return run


def amounts(rows: list[dict]) -> dict[float, str | None]:
    return {row["value"]: row["currency"] for row in rows if row["unit"] == "currency"}


@pytest.mark.parametrize("paragraphs, value, currency", [
    (["Australia will give $14 million to Samoa for coastal roads.",
      "Australian engineers will help Samoa with the work."], 14e6, "AUD"),
    (["Canada announced $3.5 million for schools in Haiti.",
      "Canadian officials visited Haiti in March."], 3.5e6, "CAD"),
    (["Sri Lanka received Rs 480 million from Maldives for the port study.",
      "Sri Lankan ministers thanked the Maldives."], 480e6, "LKR"),
    (["Pakistan and Qatar signed contracts worth Rs 7 billion.",
      "Pakistani firms welcomed the deal with Qatar."], 7e9, "PKR"),
])
def test_a_bare_mark_takes_the_currency_of_the_country_the_article_is_about(statistics, paragraphs, value,
                                                                            currency) -> None:
    assert amounts(statistics(*paragraphs))[value] == currency


@pytest.mark.parametrize("paragraphs, value, currency", [
    (["The United States will give $14 million to Samoa, and Australia will help with the roads."],
     14e6, "USD"),
    (["Chile and Peru agreed to spend $40 million on the border crossing."], 40e6, "USD"),
    (["India and Nepal agreed on Rs 900 million for the bridge."], 900e6, "INR"),
    (["Australia and Canada pledged $6 million for the regional fund."], 6e6, "USD"),   # which dollar: unknown
    (["Australia will give A$14 million and NZ$3 million to the Solomon Islands."], 3e6, "NZD"),
    (["Australia will give $9 million (about 13.6 million Australian dollars) to Samoa."], 9e6, "USD"),
    (["Nepal received Rs 80 million, and NPR 20 million more came from Japan."], 80e6, "INR"),
])
def test_a_bare_mark_keeps_its_default_when_the_country_is_not_decided(statistics, paragraphs, value,
                                                                      currency) -> None:
    assert amounts(statistics(*paragraphs))[value] == currency


@pytest.mark.parametrize("sentence", [
    "($1 = 0.8811 euros)",
    "(1 USD = 24,950 VND)",
    "(£1 = $1.2710)",
    "(1 euro = 1.0832 dollars)",
])
def test_an_exchange_rate_note_holds_no_figure(statistics, sentence) -> None:
    rows = statistics("Spain and Chile signed contracts worth 2 billion euros.", sentence)
    assert sorted(amounts(rows)) == [2e9]


def test_a_fiji_dollar_is_written_fj_dollar(statistics) -> None:
    assert amounts(statistics("The boat engines, worth FJ$215,000, were handed over in Lautoka."))[215_000] == "FJD"


@pytest.mark.parametrize("sentence, value", [
    ("Korea will offer 1,500 training opportunities to Lao officials.", 1500),
    ("The university will open 40 study places for Samoan students.", 40),
])
def test_places_offered_for_study_or_training_are_counted(statistics, sentence: str, value: float) -> None:
    rows = statistics(sentence)
    assert any(r["value"] == value and r["unit"] == "count" for r in rows), rows


@pytest.mark.parametrize("change, problem", [
    (lambda rules: rules["local_currencies"][0].update(contries={"AU": "AUD"}), "contries"),
    (lambda rules: rules["local_currencies"][1].update(explicit="rupees?("), "regular expression"),
    (lambda rules: rules.update(exchange_rate="=("), "regular expression"),
])
def test_a_misspelt_or_broken_money_setting_fails_at_load(monkeypatch, change, problem) -> None:
    import yaml

    from flows.data_files import read_yaml
    from flows.extract.rules import RuleFileError, load_rules
    from flows.extract.statistic_rules import StatisticRules
    rules = yaml.safe_load(yaml.safe_dump(read_yaml("extract/statistics.yaml")))   # a copy to spoil
    change(rules)
    monkeypatch.setattr("flows.extract.rules.read_yaml", lambda name: rules)
    with pytest.raises(RuleFileError, match=problem):
        load_rules("statistics", StatisticRules)
