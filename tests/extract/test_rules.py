"""Specification of rule-file loading: a file that does not fit its model fails at load, loudly."""
from __future__ import annotations

import pytest

from flows.extract import rules
from flows.extract.rules import Pattern, RuleFileError, Rules, load_rules


class Block(Rules):
    triggers: list[Pattern]
    located: bool = True


class Example(Rules):
    types: dict[str, Block]


@pytest.fixture
def rule_file(monkeypatch):
    """load_rules reads `content` as the rule file it is asked for."""
    def use(content: object) -> None:
        monkeypatch.setattr(rules, "read_yaml", lambda name: content)
    return use


def test_a_well_formed_file_loads_into_its_model(rule_file):
    rule_file({"types": {"visit": {"triggers": ["visit(?:s|ed)?"], "located": False}}})
    loaded = load_rules("example", Example)
    assert loaded.types["visit"].triggers == ["visit(?:s|ed)?"]
    assert loaded.types["visit"].located is False


@pytest.mark.parametrize("content, named", [
    ({"types": {"visit": {"trigers": ["visit"]}}}, "types.visit.trigers"),           # misspelt key
    ({"types": {"visit": {"triggers": ["visit("]}}}, "types.visit.triggers.0"),       # broken pattern
    ({"types": {"visit": {"triggers": ["visit"], "located": "sometimes"}}}, "types.visit.located"),
    ({"type": {}}, "type"),
])
def test_a_file_that_does_not_fit_fails_naming_file_and_setting(rule_file, content, named):
    rule_file(content)
    with pytest.raises(RuleFileError) as error:
        load_rules("example", Example)
    message = str(error.value)
    assert message.startswith("flows/extract/example.yaml: ") and named in message
    assert "\n" not in message


def test_loaded_rules_cannot_be_changed(rule_file):
    rule_file({"types": {"visit": {"triggers": ["visit"]}}})
    loaded = load_rules("example", Example)
    with pytest.raises(Exception):
        loaded.types["visit"].located = False
