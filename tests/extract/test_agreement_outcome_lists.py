"""Specification: lists of outcomes (a government's "list of outcomes" of a visit: headings with no
verb, table rows, items named by the act of launching or committing), bodies named by coordinated
words, unnamed arrangements, guarantees and packages pledged, and rows that are not agreements
(a document only called generically again, page furniture, an agreement's upgrade under
negotiation). Invented wording throughout."""
from __future__ import annotations

import pytest


@pytest.fixture
def agreements(article):
    def run(*paragraphs: str, headline: str = "Ministers meet in the capital") -> list[dict]:
        return article(paragraphs, headline=headline, published="2025-05-20", separator="\n\n")["agreements"]
    return run


def kinds(rows: list[dict]) -> list[str]:
    return sorted(r["agreement_type"] for r in rows)


def titles(rows: list[dict]) -> str:
    return " / ".join(r["title"] for r in rows)


LEAD = ("The President of Ghana paid an official visit to Norway on 19 May 2025, and the two leaders held talks "
        "on trade, energy and fisheries in Oslo.")
TAIL = "The President thanked the King of Norway for the warm hospitality extended to her delegation in Oslo."
OUTCOMES = [
    LEAD,
    "A. Documents signed",
    "No. | Title | Signed by | Counterpart",
    "1. | Memorandum of Cooperation on Offshore Wind Skills | Minister of Energy | State Secretary",
    "2. | Implementing Arrangement on Fisheries Inspection, covering 40 patrols a year | Director | Director",
    "B. Announcements",
    "1. Launch of the Ghana-Norway Ocean Data Initiative, covering tides and fish stocks.",
    "2. Commitment by the Government of Norway to provide NOK 300 million for coastal clinics.",
    "3. Establishment of a Joint Working Group on Cocoa Traceability.",
    "C. Documents adopted",
    "1. Joint Statement: Ghana and Norway - Partners for Blue Growth",
    "2. Joint Vision Statement on Maritime Safety",
    TAIL,
]


def test_each_item_of_a_list_of_outcomes_is_one_agreement(agreements) -> None:
    rows = agreements(*OUTCOMES, headline="List of outcomes")
    named = titles(rows)
    for key in ("Offshore Wind", "Fisheries Inspection", "Ocean Data", "NOK 300 million", "Cocoa",
                "Joint Statement", "Maritime Safety"):
        assert key in named, (key, named)
    assert len(rows) == 7, named


def test_a_table_row_is_titled_by_its_first_cell(agreements) -> None:
    rows = agreements(*OUTCOMES[:4], TAIL, headline="List of outcomes")
    assert [r["title"] for r in rows] == ["Memorandum of Cooperation on Offshore Wind Skills"], rows


@pytest.mark.parametrize("heading", ["Agreements signed", "II. Agreements / MoUs exchanged", "Documents adopted",
                                     "Announcements",
                                     "List of MoUs/Agreements signed during the State Visit of the President of Ghana"])
def test_a_heading_naming_documents_opens_a_list(agreements, heading: str) -> None:
    rows = agreements(LEAD, heading, "1. Memorandum of Understanding on Rail Signalling",
                      "2. Protocol on Veterinary Certificates", TAIL)
    assert kinds(rows) == ["cooperation_document", "mou"], rows


def test_numbered_paragraphs_without_a_heading_are_no_list(agreements) -> None:
    assert agreements(LEAD, "1. Memorandum of Understanding on Rail Signalling", TAIL) == []


@pytest.mark.parametrize("sentence, key", [
    ("The ministers agreed Monday to launch a security and defence dialogue at deputy level.", "dialogue"),
    ("Both sides agreed to set up a trade and investment working group.", "working group"),
])
def test_a_body_named_by_coordinated_words_is_new(agreements, sentence: str, key: str) -> None:
    rows = agreements(sentence)
    assert len(rows) == 1 and key in rows[0]["title"], rows


def test_an_unnamed_arrangement_signed_after_a_memorandum_is_its_own_row(agreements) -> None:
    rows = agreements("Officials signed a memorandum of understanding on rare earths and an arrangement that doubles "
                      "the quota of the working holiday scheme.")
    assert kinds(rows) == ["cooperation_document", "mou"], rows


@pytest.mark.parametrize("sentence", [
    "Export Credit Norway has confirmed a guarantee of NOK 900 million to support the Tema port upgrade.",
    "The agency approved a guarantee worth $40 million for the solar park.",
    "The Commission also announced an investment package worth €250 million for clean hydrogen.",
])
def test_a_guarantee_or_package_of_money_is_a_pledge(agreements, sentence: str) -> None:
    assert kinds(agreements(sentence)) == ["commitment"]


def test_a_document_called_generically_again_is_the_named_one(agreements) -> None:
    rows = agreements("The two countries sign a new fisheries data memorandum.",
                      "Ghana and Norway have signed a Memorandum of Understanding on Fisheries Data.",
                      headline="Ghana and Norway sign fisheries data deal")
    assert len(rows) == 1 and "Fisheries Data" in rows[0]["title"], rows


def test_page_furniture_naming_a_council_is_no_agreement(agreements) -> None:
    assert agreements("Press release | Council of the Andes") == []


def test_an_upgrade_of_an_agreement_under_negotiation_is_no_partnership_upgrade(agreements) -> None:
    rows = agreements("Talks on an upgrade to the Ghana-Norway Comprehensive Economic Partnership Agreement "
                      "are continuing.")
    assert "partnership_upgrade" not in kinds(rows)


def test_items_naming_a_memorandum_by_its_initials_or_a_letter_of_intent_are_documents(agreements) -> None:
    rows = agreements(LEAD, "Documents exchanged", "1. Renewal of the MoU on Youth Exchanges",
                      "2. Letter of Intent on Space Cooperation", TAIL)
    assert kinds(rows) == ["mou", "mou"], rows


def test_a_memorandum_of_cooperation_by_its_initials_is_a_memorandum(agreements) -> None:
    assert kinds(agreements("The two ministers signed an MoC on disaster risk reduction.")) == ["mou"]


def test_a_headline_that_makes_the_page_a_list_opens_it(agreements) -> None:
    rows = agreements("1. Agreement on Visa Exemption for Diplomatic Passports", "2. MoU on Cooperation in Fisheries",
                      "3. Programme of Cultural Exchanges 2025-2028", TAIL,
                      headline="List of Agreements signed during the State Visit of the President of Ghana to Norway")
    assert kinds(rows) == ["cooperation_document", "cooperation_document", "mou"], rows


def test_a_row_of_a_table_whose_cells_are_joined_by_spaces_is_an_item(agreements) -> None:
    rows = agreements(LEAD, "Agreements signed", "1 Memorandum of Understanding on Rail Signalling Minister of Transport",
                      "2 Protocol on Veterinary Certificates Chief Veterinary Officer", TAIL)
    assert kinds(rows) == ["cooperation_document", "mou"], rows
