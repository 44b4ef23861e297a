"""events.yaml is read into a typed model: a misspelt setting or a broken pattern fails at load."""
from __future__ import annotations

import pytest

from flows.data_files import read_yaml
from flows.extract.event_rules import EventRules
from flows.extract.rules import RuleFileError


def _rules_with(change) -> dict:
    data = read_yaml("extract/events.yaml")
    change(data)
    return data


def _load(data: dict, monkeypatch) -> EventRules:
    monkeypatch.setattr("flows.extract.rules.read_yaml", lambda name: data)
    from flows.extract.rules import load_rules
    return load_rules("events", EventRules)


def test_the_shipped_rules_load(monkeypatch) -> None:
    rules = _load(read_yaml("extract/events.yaml"), monkeypatch)
    assert rules.types["visit"].triggers


@pytest.mark.parametrize("change, named", [
    (lambda d: d["types"]["talks"].update(distinct_by_triger=True), "distinct_by_triger"),
    (lambda d: d.update(place_windw=60), "place_windw"),
    (lambda d: d["types"]["summit"]["triggers"].append("summit(?:s"), "types.summit.triggers"),
    (lambda d: d["types"]["visit"].update(not_after_subjects="tourists|("), "not_after_subjects"),
    (lambda d: d["types"]["visit"].update(merge_into="sumit"), "sumit"),
    (lambda d: d["types"].pop("other"), "other"),
    (lambda d: d["types"]["talks"].update(yields_to=["sumit"]), "yields_to"),
    (lambda d: d["types"]["signing"].update(stands_with="memorand(um"), "stands_with"),
    (lambda d: d.pop("body_names"), "body_names"),
    (lambda d: d["types"]["visit"].update(lends_dya=False), "lends_dya"),
    (lambda d: d["types"]["disaster"].update(not_before="(?:prevention"), "not_before"),
    (lambda d: d.update(same_occasion="^(?:On the same day"), "same_occasion"),
    (lambda d: d.pop("during_trip"), "during_trip"),
])
def test_a_broken_rule_file_fails_at_load_naming_the_setting(change, named, monkeypatch) -> None:
    with pytest.raises(RuleFileError, match="events.yaml") as error:
        _load(_rules_with(change), monkeypatch)
    assert named in str(error.value)

