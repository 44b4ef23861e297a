"""People named in event participants: initials, names made of common words, country of office."""
from __future__ import annotations

import pytest

from flows.normalise.names import find_people


@pytest.mark.parametrize("text, name", [
    ("President Harold T. Greene, Jr. met with the Minister.", "Harold T. Greene"),
    ("Secretary Mara J. Okafor. She spoke first.", "Mara J. Okafor"),
])
def test_a_middle_initial_stays_in_the_name(text, name):
    assert find_people(text)[0].name == name


@pytest.mark.parametrize("text", [
    "General Secretary To Lam met the Ambassador.",
    "General Secretary Tô Lâm met the Ambassador.",
])
def test_a_name_made_of_common_words_is_a_name(text):
    assert find_people(text)[0].name == "To Lam"


@pytest.mark.parametrize("text, country", [
    ("Foreign Minister Le Van An of Vietnam met the Ambassador.", "VN"),
    ("Vietnam's Foreign Minister Le Van An met the Ambassador.", "VN"),
    ("Chilean Foreign Minister Ana Soto met the Ambassador.", "CL"),
])
def test_a_person_named_with_the_office_of_a_country_gets_its_country(text, country):
    assert find_people(text)[0].country_code == country
