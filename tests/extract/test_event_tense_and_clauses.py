"""General mechanisms of event dating: the tense of the clause picks the year of a bare month, a date
belongs to the trigger nearest it, participle milestones inside longer sentences, expected trips and
visits addressed to the visitor (all wording invented; published Tuesday 2024-08-20)."""
from __future__ import annotations

import pytest

from event_rows import of_type, span


@pytest.fixture
def events(article):
    def run(*paragraphs: str, published: str | None = "2024-08-20") -> list[dict]:
        return article(paragraphs, headline="Leaders meet", published=published, separator="\n\n")["events"]
    return run


@pytest.mark.parametrize("sentence, event_type, expected", [
    ("The two premiers last met in Valletta in January, when they agreed to widen trade.", "talks",
     ("2024-01-01", "2024-01-31")),
    ("The foreign ministers met in Tallinn in December.", "talks", ("2023-12-01", "2023-12-31")),
    ("Talks were held in Bergen in November.", "talks", ("2023-11-01", "2023-11-30")),
    ("President Osei visited Lisbon on 3 February.", "visit", ("2024-02-03", "2024-02-03")),
    ("The chancellor will visit Oslo in March.", "visit", ("2025-03-01", "2025-03-31")),
])
def test_the_tense_of_the_clause_picks_the_year_of_a_bare_month(events, sentence, event_type, expected) -> None:
    assert [span(r) for r in of_type(events(sentence), event_type)] == [expected]
