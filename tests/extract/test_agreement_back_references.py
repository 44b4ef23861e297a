"""Specification: batches concluded "during the visit of N documents", and what is no new agreement of
its own: a body told again by its kind after a comma, a document the sentence points back to ("the
corresponding financing agreement"), a kind noun inside another name ("the Second Facility Project"),
a body that a memorandum sets up (one agreement). Invented wording throughout."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("sentence, count", [
    ("The leaders welcomed the conclusion during the visit of five documents covering fisheries and culture.", 5),
    ("The ministers welcomed the signing at the summit of four agreements on energy and health.", 4),
])
def test_a_batch_concluded_on_an_occasion_named_between(agreements, sentence: str, count: int) -> None:
    rows = agreements(sentence)
    assert [r["document_count"] for r in rows] == [count], rows


def test_a_body_told_again_by_its_kind_after_a_comma_is_one_row(agreements) -> None:
    rows = agreements("The ministers welcomed the launch of the Chile-Peru Ports Working Group, a new bilateral "
                      "mechanism that will coordinate customs checks.")
    assert [r["title"] for r in rows] == ["Chile-Peru Ports Working Group"]


def test_documents_listed_after_commas_are_still_each_a_row(agreements) -> None:
    rows = agreements("The ministers signed the Chile-Peru Ports Agreement, a memorandum on fisheries and a "
                      "protocol on customs.")
    assert len(rows) == 3, rows


@pytest.mark.parametrize("sentence", [
    "Chile will extend a loan of $200 million for the port of Arica, and the two sides signed the corresponding "
    "financing agreement.",
    "Chile will extend a loan of $90 million for schools, and the ministers signed the relevant implementing "
    "arrangement.",
])
def test_a_document_the_sentence_points_back_to_is_not_a_new_one(agreements, sentence: str) -> None:
    assert [r["agreement_type"] for r in agreements(sentence)] == ["commitment"]


def test_a_kind_noun_inside_a_project_name_is_no_document(agreements) -> None:
    rows = agreements("The Exchange of Notes concerning loans for two projects, the \"Arica Port Project\" and the "
                      "\"Tacna General Hospital Second Facility Project\", was signed.")
    assert [r["title"] for r in rows] == ["Exchange of Notes"], rows


def test_a_body_a_memorandum_sets_up_is_that_memorandum(agreements) -> None:
    rows = agreements("The two ministers signed a memorandum of understanding to establish a Chile-Peru Business "
                      "Council and agreed to set up a technical working group on customs.")
    assert sorted(r["agreement_type"] for r in rows) == ["cooperation_document", "mou"], rows
    assert "Business Council" in next(r["title"] for r in rows if r["agreement_type"] == "mou")


@pytest.mark.parametrize("sentence, title", [
    ("The two sides agreed to establish a Chile-Peru \"1.5 Track\" Dialogue.", 'Chile-Peru "1.5 Track" Dialogue'),
    ("The leaders launched the \"Green Corridor\" initiative for clean shipping.", "Green Corridor initiative"),
])
def test_quoted_parts_of_a_name(agreements, sentence: str, title: str) -> None:
    assert [r["title"] for r in agreements(sentence)] == [title]


def test_an_unquoted_format_stays_one_of_the_lower_case_words_of_a_name(agreements) -> None:
    rows = agreements("They agreed to launch a deputy ministerial-level 3+3 strategic dialogue among their ministries.")
    assert [r["title"] for r in rows] == ["deputy ministerial-level 3+3 strategic dialogue"]


def test_a_date_after_a_name_is_no_part_of_it(agreements) -> None:
    rows = agreements("The two countries signed a new Water Partnership Framework on December 3 in Lima.")
    assert [r["title"] for r in rows] == ["Water Partnership Framework"]
