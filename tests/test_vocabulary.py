"""The extractors only produce values the schemas allow: one vocabulary, no drift."""
from __future__ import annotations

import pytest

from flows.extract.agreement_rules import AgreementRules
from flows.extract.event_rules import EVENT_RULES
from flows.extract.rules import load_rules
from flows.extract.statistic_rules import STATISTIC_RULES
from schemas.fields import vocabulary
from schemas.tables import table_schema, vocabulary_values


def _statistics_indicators() -> set[str]:
    return set(STATISTIC_RULES.indicators)


@pytest.mark.parametrize("indicator", sorted(_statistics_indicators()))
def test_every_indicator_block_has_the_unit_of_the_schema_vocabulary(indicator: str) -> None:
    assert STATISTIC_RULES.indicators[indicator].unit == vocabulary()["indicators"][indicator]["unit"]


@pytest.mark.parametrize("indicator", sorted(_statistics_indicators()))
def test_every_indicator_the_extractor_can_produce_is_in_the_schema_vocabulary(indicator: str) -> None:
    assert indicator in vocabulary_values("indicators")


@pytest.mark.parametrize("event_type", sorted(EVENT_RULES.types))
def test_every_event_type_of_the_rules_is_in_the_schema_vocabulary(event_type: str) -> None:
    assert event_type in vocabulary_values("event_types")


@pytest.mark.parametrize("agreement_type", sorted(load_rules("agreements", AgreementRules).agreement_types()))
def test_every_agreement_type_is_in_the_schema_vocabulary(agreement_type: str) -> None:
    assert agreement_type in vocabulary_values("agreement_types")


def test_statistic_years_are_the_years_the_schema_allows() -> None:
    [year_range] = [c.statistics for c in table_schema("statistics").columns["year"].checks if c.name == "in_range"]
    assert STATISTIC_RULES.reported_years == (year_range["min_value"], year_range["max_value"])
