"""Meetings told one by one: "also met with A, B and C", "held separate meetings with A and B" make
one talks row per person met; a plain "met with A and B" stays one meeting (invented wording;
published 2025-03-04)."""
from __future__ import annotations

import pytest


@pytest.fixture
def events(events_in):
    return events_in("2025-03-04", headline="Leaders meet")


def talks(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["event_type"] == "talks"]


@pytest.mark.parametrize("sentence, names", [
    ("During the visit, President Ana Verde also met with Speaker Tomas Berg, Prime Minister Ivo Lind and "
     "Senate President Carla Mendes.", ["Berg", "Lind", "Carla"]),
    ("Chancellor Rui Sol held separate meetings with Foreign Minister Mara Kell and Defence Minister Piet Vos.",
     ["Kell", "Vos"]),
])
def test_each_person_met_one_by_one_is_a_meeting(events, sentence, names) -> None:
    rows = talks(events(sentence))
    assert len(rows) == len(names)
    for name in names:
        assert any(name in " ".join(r["participants"]) for r in rows)


def test_a_meeting_with_two_people_together_stays_one(events) -> None:
    rows = talks(events("President Ana Verde met with Prime Minister Ivo Lind and Foreign Minister Mara Kell on Monday."))
    assert len(rows) == 1
