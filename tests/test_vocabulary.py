"""The extractors only produce values the schemas allow: one vocabulary, no drift."""
from __future__ import annotations

import pytest

from flows.extract.agreement_rules import AgreementRules
from flows.extract.common import load_config
from flows.extract.rules import load_rules
from schemas.tables import table_schema, vocabulary_values


def _statistics_indicators() -> set[str]:
    config = load_config("statistics")
    found = {entry["indicator"] for key in ("counted_nouns", "amount_keywords", "percent_keywords", "people_context")
             for entry in config[key]}
    return found | {config["people_fallback"], "other_amount", "other_percent"}


@pytest.mark.parametrize("indicator", sorted(_statistics_indicators()))
def test_every_indicator_the_extractor_can_produce_is_in_the_schema_vocabulary(indicator: str) -> None:
    assert indicator in vocabulary_values("indicators")


@pytest.mark.parametrize("event_type", sorted(load_config("events")["triggers"]))
def test_every_event_type_with_triggers_is_in_the_schema_vocabulary(event_type: str) -> None:
    assert event_type in vocabulary_values("event_types")


@pytest.mark.parametrize("agreement_type", sorted(load_rules("agreements", AgreementRules).agreement_types()))
def test_every_agreement_type_is_in_the_schema_vocabulary(agreement_type: str) -> None:
    assert agreement_type in vocabulary_values("agreement_types")


def test_statistic_years_are_the_years_the_schema_allows() -> None:
    [year_range] = [c.statistics for c in table_schema("statistics").columns["year"].checks if c.name == "in_range"]
    assert load_config("statistics")["reported_years"] == [year_range["min_value"], year_range["max_value"]]
