"""Specification: measures one side extends to the other's people (visa facilities, quotas, a deposit's
term), facilities opened or reopened, bodies launched with a word between the verb and its "to",
amounts listed after a pledge with no verb of their own. Invented wording throughout."""
from __future__ import annotations

import pytest


def titles(rows: list[dict]) -> list[str]:
    return [r["title"] for r in rows]


@pytest.mark.parametrize("sentence, key", [
    ("The president announced that Chile will extend the e-tourist visa facility to Peruvian nationals.",
     "visa facility"),
    ("The two ministers also agreed to raise the annual quota of their youth mobility visa scheme.", "quota"),
    ("Norway will introduce visa-free entry for Ghanaian students from next year.", "visa-free entry"),
    ("The two countries also agreed to waive visa requirements for holders of official passports.",
     "visa requirements"),
    ("The two sides also agreed to extend the term of Oman's $2 billion deposit with the central bank of Jordan.",
     "deposit"),
])
def test_a_measure_extended_to_the_other_sides_people_is_a_commitment(agreements, sentence: str, key: str) -> None:
    rows = agreements(sentence)
    assert [r["agreement_type"] for r in rows] == ["commitment"] and key in rows[0]["title"], rows


@pytest.mark.parametrize("sentence", [
    "Chile has extended its visa scheme to Peruvians since 2019.",
    "The ministers discussed the visa facility for business travellers.",
    "The ministers will discuss how to expand the quota system for fish imports.",
    "The ministers agreed to increase cooperation under the visa scheme.",
    "Chile will continue to offer visa facilities to Peruvian traders.",
])
def test_a_measure_retold_or_discussed_is_not_one(agreements, sentence: str) -> None:
    assert agreements(sentence) == []


@pytest.mark.parametrize("sentence, key", [
    ("Chile will open a new Assistant High Commission in Arica.", "High Commission"),
    ("Army officers agreed to reopen three border crossings between the two provinces.", "border crossings"),
])
def test_a_mission_or_crossing_opened_is_a_commitment(agreements, sentence: str, key: str) -> None:
    rows = agreements(sentence)
    assert [r["agreement_type"] for r in rows] == ["commitment"] and key in rows[0]["title"], rows


def test_an_opening_ends_where_the_next_verb_of_its_list_begins(agreements) -> None:
    rows = agreements("Police chiefs agreed to reopen three border checkpoints and set up a joint working group on "
                      "cattle theft, officials said.")
    assert sorted(r["agreement_type"] for r in rows) == ["commitment", "cooperation_document"], rows
    assert "working group" not in next(r["title"] for r in rows if r["agreement_type"] == "commitment")


@pytest.mark.parametrize("sentence, key", [
    ("The foreign ministers agreed Friday to launch a bilateral consultative body on ageing societies.",
     "consultative body"),
    ("The leaders agreed to set up a joint advisory body on river pollution.", "advisory body"),
    ("The two presidents agreed to launch a Chile-Peru Deputy-Ministerial \"3+3\" Dialogue on security.", '"3+3" Dialogue'),
])
def test_bodies_launched_by_agreement(agreements, sentence: str, key: str) -> None:
    rows = agreements(sentence)
    assert len(rows) == 1 and key in rows[0]["title"], rows


@pytest.mark.parametrize("sentence, listed", [
    ("The minister also announced $12.5 million in new funding for farmers in Peru, as well as $6 million over "
     "three years to support reconciliation in the highlands.", "$6 million"),
    ("Today the minister announced new funding for Peru: $6 million over three years to support rural schools, "
     "and $2 million to help clear landmines.", "$2 million"),
])
def test_amounts_listed_after_a_pledge_are_pledges_too(agreements, sentence: str, listed: str) -> None:
    rows = agreements(sentence)
    assert len(rows) == 2 and any(r["title"].startswith(listed) for r in rows), rows


def test_a_part_of_an_amount_is_no_pledge_of_its_own(agreements) -> None:
    rows = agreements("Chile announced $5 million in aid, $2 million of which will go to schools.")
    assert len(rows) == 1, rows


def test_amounts_listed_after_spending_retold_are_not_pledges(agreements) -> None:
    assert agreements("Chile has provided $4 million since 2010: $3 million to schools and $1 million to clinics.") == []


@pytest.mark.parametrize("sentence, key", [
    ("Chile will grant visa-free entry to Peruvian tourists from July.", "visa-free entry"),
])
def test_other_measures_said_as_new(agreements, sentence: str, key: str) -> None:
    rows = agreements(sentence)
    assert [r["agreement_type"] for r in rows] == ["commitment"] and key in rows[0]["title"], rows


def test_each_amount_of_a_list_after_a_colon_is_a_pledge(agreements) -> None:
    rows = agreements("The minister announced Chile's support: $5 million for flood relief, $3 million for schools "
                      "and $2 million for clinics.")
    assert sorted(r["title"] for r in rows) == ["$2 million for clinics", "$3 million for schools",
                                                "$5 million for flood relief"]


def test_a_pledge_of_goods_is_titled_past_the_comma_of_its_numbers(agreements) -> None:
    rows = agreements("Chile will provide 50 ambulances and 10,000 tonnes of wheat to Peru.")
    assert [r["title"] for r in rows] == ["provide 50 ambulances and 10,000 tonnes of wheat to Peru"]
