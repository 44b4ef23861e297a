"""Specification of agreements: which documents, bodies and pledges an article reports, one row each.

Every sentence here is invented: other names, countries and numbers than any article the rules were
read from, so that a rule passes only when it covers the family of phrasing.
"""
from __future__ import annotations

import datetime as dt

import pytest

from flows.data_files import read_yaml
from flows.extract import rules as rules_module
from flows.extract.agreement_rules import AgreementRules
from flows.extract.rules import RuleFileError, load_rules


@pytest.fixture
def agreements(article):
    def run(*paragraphs: str, headline: str = "Ministers meet in the capital",
            published: str | None = None) -> list[dict]:
        return article(paragraphs, headline=headline, published=published)["agreements"]
    return run


def only(rows: list[dict], kind: str) -> dict:
    found = [r for r in rows if r["agreement_type"] == kind]
    assert len(found) == 1, rows
    return found[0]


# ================================================================== documents named by their kind

@pytest.mark.parametrize("sentence, kind, name", [
    ("Canada and Chile launched the Pacific Green Hydrogen Initiative on Monday.",
     "cooperation_document", "Pacific Green Hydrogen Initiative"),
    ("Kenya became the third African country to sign the Lunar Exploration Accords.",
     "treaty", "Lunar Exploration Accords"),
    ("Ghana joined the Coastal Resilience Network last month.", "cooperation_document", "Coastal Resilience Network"),
    ("The two governments established a Joint Working Group on Fisheries.",
     "cooperation_document", "Joint Working Group on Fisheries"),
    ("Norway and Indonesia renewed the Tropical Forest Fund for five more years.",
     "cooperation_document", "Tropical Forest Fund"),
    ("The ministers inaugurated the India-Brazil Dialogue on Energy Security in Brasilia.",
     "cooperation_document", "India-Brazil Dialogue on Energy Security"),
    ("Australia and the Philippines announced the creation of a Maritime Domain Task Force.",
     "cooperation_document", "Maritime Domain Task Force"),
    ("Denmark and Canada announced the Polaris student mobility programme.",
     "cooperation_document", "Polaris student mobility programme"),
    ("Thailand and Japan signed a loan agreement for the new rail line.", "cooperation_document", "loan agreement"),
    ("Spain and Morocco adopted a joint Action Plan on migration.", "cooperation_document", "Action Plan"),
    ("Both ministers signed a Statement of Intent on vocational training.", "mou", "Statement of Intent"),
    ("Korea and Poland signed a Memorandum of Cooperation on nuclear energy.", "mou", "Memorandum of Cooperation"),
    ("Their envoys signed an Exchange of Notes on the bridge grant.", "cooperation_document", "Exchange of Notes"),
    ("The two governments exchanged notes to extend the youth mobility scheme.", "cooperation_document",
     "exchanged notes"),
    ("The foreign ministers set up a binational commission on water management.",
     "cooperation_document", "binational commission"),
    ("Chile and Peru decided to resume cooperation under the coastal patrol agreement.",
     "cooperation_document", "coastal patrol agreement"),
    ("Mongolia signed the Clean Air Framework Agreement that both cabinets approved.",
     "cooperation_document", "Clean Air Framework Agreement"),
    ("The leaders endorsed the Green Shipping Roadmap for 2030.", "cooperation_document", "Green Shipping Roadmap"),
    ("The two airlines' regulators signed an agreement to resume direct flights.", "cooperation_document", "agreement"),
    ("They concluded the Agreement between Fiji and Samoa on Fisheries.", "cooperation_document",
     "Agreement between Fiji and Samoa"),
    ("The agencies signed an Implementing Arrangement on weather satellites.",
     "cooperation_document", "Implementing Arrangement"),
    ("The summit adopted the Lisbon Declaration on Ocean Health.", "joint_statement", "Lisbon Declaration on Ocean Health"),
])
def test_a_document_named_by_its_kind_is_an_agreement(agreements, sentence: str, kind: str, name: str) -> None:
    row = only(agreements(sentence), kind)
    assert name.lower() in row["title"].lower()


@pytest.mark.parametrize("sentence, kind, count", [
    ("Vietnam and India signed three memorandums of understanding on trade, health and culture.", "mou", 3),
    ("The two sides signed four cooperation agreements during the visit.", "cooperation_document", 4),
    ("Officials signed twelve cooperation documents.", "cooperation_document", 12),
    ("The premiers witnessed the exchange of six memoranda of understanding.", "mou", 6),
    ("During the visit, Oman and India signed 14 agreements.", "cooperation_document", 14),
])
def test_a_count_written_in_words_is_the_number_of_documents(agreements, sentence: str, kind: str,
                                                           count: int) -> None:
    assert only(agreements(sentence), kind)["document_count"] == count


@pytest.mark.parametrize("sentence", [
    "The leaders discussed the Green Growth Initiative.",                     # named, but nothing was done with it
    "Delegates met at the Pacific Ocean Dialogue in Suva.",
    "The Framework will guide cooperation in the years ahead.",              # no name
    "The Argentina-Brazil strategic partnership was discussed at length.",   # a relationship
    "The ministers agreed to further deepen the Chile-Peru strategic partnership.",
    "Since the December summit, both countries have announced many new initiatives.",
    "The ministers exchanged views on the Paris Agreement and the Mekong River Commission.",
    "They discussed issues related to the Danube Framework Convention.",
    "The leaders agreed to work together under the Blue Ocean Initiative.",
    "Both sides marked the 30th anniversary of the signing of the Treaty of Friendship.",
    "The talks included an exchange of views on the Arctic Shipping Agreement.",
    "Both ministries agreed to implement the agreements signed last year.",
    "Under the agreement, fares will fall, and both carriers signed the agreement in public.",
    "The ministers launched negotiations on a Free Trade Agreement.",                # not made yet
    "Both sides will significantly expand the Coastal Science Program.",
    "On Monday, a working group was set up under the consul's supervision to help stranded tourists.",
    "They will develop renewable energy under the Mekong Power Initiative.",
    "The leaders reaffirmed the Green Growth Partnership established in 2015.",     # retold
    "They announced that the next Strategic Economic Dialogue will be held in Osaka.",
    "Officials signed off on the agenda of the third meeting of the Joint Trade Commission.",
])
def test_a_document_merely_mentioned_is_not_an_agreement(agreements, sentence: str) -> None:
    assert agreements(sentence) == []


@pytest.mark.parametrize("sentence, kind", [
    ("According to the joint statement issued after the talks, trade will double.", "joint_statement"),
    ("The Agreement on Visa Exemption signed in Astana takes effect in May.", "cooperation_document"),
    ("The two premiers will issue a joint leaders’ statement on climate.", "joint_statement"),
    ("After the talks, the two presidents released a joint declaration.", "joint_statement"),
])
def test_a_document_told_of_as_issued_or_signed_right_after_its_name(agreements, sentence: str, kind: str) -> None:
    assert only(agreements(sentence), kind)


def test_the_place_where_a_document_was_launched_is_not_a_second_document(agreements) -> None:
    rows = agreements("The Riverside Framework, launched by both governments at the 2020 Danube Summit Dialogue, "
                      "set out a common approach.")
    assert [r["title"] for r in rows] == ["Riverside Framework"]


def test_a_document_named_twice_is_one_row(agreements) -> None:
    rows = agreements("Austria and Slovenia signed a memorandum of understanding on rail freight.",
                      "The MoU will be reviewed in two years, and the MoU was signed in Graz.")
    assert len(rows) == 1


# ================================================================== concrete pledges

@pytest.mark.parametrize("sentence, amount", [
    ("Canada will provide $25 million to support flood recovery in Pakistan.", "$25 million"),
    ("The Government announced $2 billion in financing for solar projects in Egypt.", "$2 billion"),
    ("The United States intends to provide, subject to Congressional notification, $40 million for "
     "maritime security in Ghana.", "$40 million"),
    ("The agency plans to invest $12 million over the next year in Malawi's clinics.", "$12 million"),
    ("France will commit an additional €30 million to Senegal's water network.", "€30 million"),
    ("At the summit, Japan committed $150 million to Kenya's geothermal plants.", "$150 million"),
    ("Under the new plan, $12 million will be provided to rural clinics in Nepal.", "$12 million"),
    ("The agency launched a $3 million fund for women farmers in Togo.", "$3 million"),
    ("Spain will make available $8 million for Moroccan ports.", "$8 million"),
    ("In 2026, the scholarship scheme will reach 300 pupils in Jordan with a grant of $400,000.", "$400,000"),
])
def test_money_promised_is_a_commitment(agreements, sentence: str, amount: str) -> None:
    row = only(agreements(sentence), "commitment")
    assert amount in row["title"] or amount in row["evidence"]


@pytest.mark.parametrize("sentence", [
    "Japan donated 2 locomotives to Myanmar Railways.",
    "Korea is gifting 250 trees to the city of Hanoi.",
    "Australia will hand over 12 patrol boats to Vanuatu.",
    "Germany will deliver a mobile hospital to Moldova next year.",
    "The United States is donating an additional 500,000 vaccine doses to Laos.",
    "Hungary will provide Serbia with 300 scholarships every year.",
    "The minister said Finland would provide 40 scholarships to Kenyan engineers.",
])
def test_goods_given_are_a_commitment(agreements, sentence: str) -> None:
    assert only(agreements(sentence), "commitment")["evidence"] == sentence


@pytest.mark.parametrize("sentence", [
    "The two countries are committed to working together on climate.",
    "Both sides remain committed to an enduring friendship based on mutual respect.",
    "They committed to continue close coordination on regional issues.",
    "The Ministry has provided $3 billion to rural schools since 2010.",
    "Sweden has committed $40 million to the programme over the past decade.",
    "Bilateral trade will reach $10 billion by 2030.",
    "The new port will generate up to $200 million in exports.",
    "Minister Lee will deliver a speech at the forum.",
    "The President will send a delegation to the ceremony.",
    "Egypt sent 300 troops to the peacekeeping mission.",
    "The city thanked Japan for a gift of 3,000 cherry trees a century ago.",
    "The minister gave two interviews to local radio.",
    "The academy provided training to 300 officers last year.",
    "The new centre will provide a platform for young entrepreneurs.",
    "The visit will give a strong boost to tourism.",
])
def test_resolve_and_retold_spending_are_not_commitments(agreements, sentence: str) -> None:
    assert [r for r in agreements(sentence) if r["agreement_type"] == "commitment"] == []


@pytest.mark.parametrize("sentence, count", [
    ("Norway will donate 8 ambulances to Zambia and will extend a loan of $20 million for its clinics.", 2),
    ("The agency plans to invest $9 million in clinics and has requested an additional $4 million.", 1),
])
def test_each_pledge_of_a_sentence_is_a_row(agreements, sentence: str, count: int) -> None:
    assert len([r for r in agreements(sentence) if r["agreement_type"] == "commitment"]) == count


def test_a_pledge_under_a_heading_carries_the_programme_name(agreements) -> None:
    row = only(agreements("Coastal Schools Initiative: The agency plans to provide $6 million to build classrooms."),
               "commitment")
    assert row["title"].startswith("Coastal Schools Initiative: ")


def test_a_fund_launched_with_the_money_pledged_is_one_commitment(agreements) -> None:
    rows = agreements("The two agencies plan to provide $4 million to launch a new Seed Fund in Uganda.")
    assert [r["agreement_type"] for r in rows] == ["commitment"]


def test_a_body_and_a_pledge_in_one_sentence_are_two_rows(agreements) -> None:
    rows = agreements("The President announced the creation of a Canada-Mexico Trade Advisory Council "
                      "and a planned $30 million investment toward the Clean Grid Partnership.")
    assert sorted(r["agreement_type"] for r in rows) == ["commitment", "cooperation_document"]


# ================================================================== partnership upgrades

@pytest.mark.parametrize("sentence", [
    "Vietnam and Australia elevated relations to a Comprehensive Strategic Partnership.",
    "The leaders announced a new Enhanced Strategic Partnership between Brazil and India.",
    "The presidents discussed the new Indonesia-Japan Comprehensive Partnership and its goals.",
    "The two leaders forged a new strategic partnership for the next decade.",
])
def test_relations_raised_to_a_named_partnership_are_an_upgrade(agreements, sentence: str) -> None:
    assert "partnership" in only(agreements(sentence), "partnership_upgrade")["title"].lower()


def test_a_joint_statement_recording_the_upgrade_is_the_upgrade(agreements) -> None:
    rows = agreements("They issued a joint statement on raising ties to a Strategic Partnership for Growth.")
    assert [r["agreement_type"] for r in rows] == ["partnership_upgrade"]


# ================================================================== joint statements by headline

@pytest.mark.parametrize("headline, body", [
    ("Joint Statement: 2024 Chile-Peru Ministerial Meeting", "Both sides reviewed the year's work."),
    ("Joint Statement on the Visit of the President of Ghana to Kenya",
     "Ghana and Kenya issued a joint statement after the talks."),
    ("Chile-Peru Joint Leaders’ Statement", "The presidents met in Lima."),
    ("Mongolia, Korea issue joint statement on mining", "Mongolia and Korea issued a joint statement on Monday."),
])
def test_an_article_that_is_a_joint_statement_is_one_row(agreements, headline: str, body: str) -> None:
    row = only(agreements(body, headline=headline), "joint_statement")
    assert row["title"] == headline


# ================================================================== dates, topics, parties

def test_a_target_year_is_not_when_the_pledge_was_made(agreements) -> None:
    rows = agreements("Japan will provide $5 million for Kenya to host the Africa Games 2031.", published="2024-05-02")
    assert only(rows, "commitment")["signed_date"] is None


def test_the_day_a_document_was_signed_is_its_date(agreements) -> None:
    rows = agreements("Laos and Thailand signed two MoUs on tourism on March 5, 2024.")
    assert only(rows, "mou")["signed_date"] == dt.date(2024, 3, 5)


def test_each_document_takes_the_date_nearest_to_it(agreements) -> None:
    rows = agreements("On May 2, 2024, Chile and Peru signed a joint statement on mining, which builds on the "
                      "Andes Water Agreement that was signed in Lima in June 2019.")
    dates = {r["agreement_type"]: r["signed_date"] for r in rows}
    assert dates == {"joint_statement": dt.date(2024, 5, 2), "cooperation_document": dt.date(2019, 6, 1)}


def test_a_pledge_takes_no_date_from_another_clause(agreements) -> None:
    rows = agreements("Norway will deliver a research vessel to Chile, building on the Polar Science Agreement "
                      "signed in March 2020.", published="2024-05-02")
    assert only(rows, "commitment")["signed_date"] is None


@pytest.mark.parametrize("sentence, topics", [
    ("Peru and Chile signed an Exchange of Notes on the coastal road loan, under which Chile lends $2 million.",
     ["coastal road loan"]),
    ("Laos and Thailand signed two MoUs on tourism on March 5, 2024.", ["tourism"]),
    ("Cambodia and Vietnam signed three MoUs on energy and fisheries in Phnom Penh.", ["energy", "fisheries"]),
])
def test_topics_never_swallow_a_date_or_a_place(agreements, sentence: str, topics: list[str]) -> None:
    rows = agreements(sentence)
    assert len(rows) == 1 and rows[0]["topics"] == topics


def test_parties_are_the_countries_of_the_relation(agreements) -> None:
    rows = agreements("The Vice President met the President of Kenya today.",
                      "They discussed the U.S.-Kenya partnership and the conflicts in Sudan and Ethiopia.",
                      "The Vice President welcomed Kenya's decision to join the Lunar Exploration Accords.",
                      headline="Readout of the Vice President's Meeting with the President of Kenya")
    assert only(rows, "treaty")["parties"] == ["KE", "US"]


# ================================================================== the rule file

def _rules_with(change) -> dict:
    data = read_yaml("extract/agreements.yaml")
    change(data)
    return data


@pytest.mark.parametrize("change, problem", [
    (lambda d: d["mou"].__setitem__("verb", d["mou"].pop("verbs")), "mou.verb"),
    (lambda d: d["commitment"].__setitem__("intent", ["will(", "plans? to"]), "commitment.intent"),
    (lambda d: d["treaty"].pop("confidence"), "treaty.confidence"),
])
def test_a_broken_rule_file_fails_at_load(monkeypatch, change, problem: str) -> None:
    monkeypatch.setattr(rules_module, "read_yaml", lambda name: _rules_with(change))
    with pytest.raises(RuleFileError, match=problem.replace(".", r"\.")):
        load_rules("agreements", AgreementRules)


def test_the_rule_file_loads() -> None:
    assert load_rules("agreements", AgreementRules).mou.verbs


# ================================================================== families read from unseen phrasing

@pytest.mark.parametrize("sentence, kind, name", [
    # a document listed after one that was signed shares its verb
    ("The ministers witnessed the signing of a memorandum on port security and of a technical arrangement "
     "on pilot exchanges.", "cooperation_document", "technical arrangement"),
    ("Both agencies signed a letter of intent on vaccines as well as an implementing arrangement on cold chains.",
     "cooperation_document", "implementing arrangement"),
    # a memorandum without "of understanding"
    ("Estonia and Georgia signed a memorandum on the recognition of driving licences.", "mou", "memorandum"),
    # bodies called groups
    ("The speakers agreed to form a Latvia-Chile Parliamentary Friendship Group.", "cooperation_document",
     "Friendship Group"),
    ("The two sides agreed to set up a joint fund for seabed research.", "cooperation_document", "joint fund"),
])
def test_documents_and_bodies_of_other_phrasing(agreements, sentence: str, kind: str, name: str) -> None:
    rows = [r for r in agreements(sentence) if r["agreement_type"] == kind]
    assert any(name.lower() in r["title"].lower() for r in rows), rows


def test_topics_end_where_the_next_document_or_verb_begins(agreements) -> None:
    rows = agreements("The agencies signed a memorandum of understanding on tidal energy, and the two sides agreed "
                      "to set up a working group on grid links.")
    assert only(rows, "mou")["topics"] == ["tidal energy"]


@pytest.mark.parametrize("sentence", [
    "The two signed a memorandum of understanding on soil science.",
    "The two governments also exchanged notes on the visa cap.",
])
def test_a_number_before_the_subject_is_not_a_count(agreements, sentence: str) -> None:
    rows = agreements(sentence)
    assert len(rows) == 1 and rows[0]["document_count"] != 2


@pytest.mark.parametrize("sentence", [
    "The presidents reviewed the Green Energy Partnership established in 2016.",
    "They praised the Coastal Science Program, launched in March 2018, for its results.",
])
def test_a_document_told_with_the_year_it_was_made_is_retold(agreements, sentence: str) -> None:
    assert agreements(sentence) == []


def test_the_upgrade_is_the_partnership_after_its_marker(agreements) -> None:
    rows = agreements("The two leaders reviewed the Special Partnership founded in 2015 and decided to raise "
                      "relations to a Comprehensive Strategic Partnership.")
    assert only(rows, "partnership_upgrade")["title"] == "Comprehensive Strategic Partnership"


@pytest.mark.parametrize("sentence, key", [
    ("Austria will provide a further €3 million in 2026 to equip rural clinics in Benin.", "3 million"),
    ("The minister said Norway will provide an extra NOK 40 million for flood defences, bringing its aid "
     "to NOK 90 million since 2019.", "40 million"),
    ("Sweden's export credit agency is now making up to $2 billion available for wind farms in Chile.", "2 billion"),
    ("The aid agency has approved an emergency grant of CHF 800,000 for the Malawi Red Cross.", "800,000"),
    ("Estonia and Finland agreed to set up a €15 million joint fund for cyber start-ups.", "15 million"),
])
def test_money_promised_in_other_phrasing_is_a_commitment(agreements, sentence: str, key: str) -> None:
    assert key in only(agreements(sentence), "commitment")["title"]


def test_a_second_amount_under_the_same_verb_is_a_second_pledge(agreements) -> None:
    rows = agreements("Korea announced that it will provide $300 million in soft loans for ports, as well as "
                      "grant aid of $4 million for coral restoration.")
    assert len([r for r in rows if r["agreement_type"] == "commitment"]) == 2


@pytest.mark.parametrize("sentence", [
    "Malaysia will grant 250 scholarships to Bruneian teachers every year.",
    "The ministers agreed to fund 300 joint doctoral places at universities in both countries.",
    "Korea will invite 150 young Mongolian engineers under the Tech Bridge programme.",
    "Both sides agreed to open three new border checkpoints next year.",
    "Chile will open a consulate-general in Auckland in 2026.",
])
def test_places_and_facilities_promised_are_a_commitment(agreements, sentence: str) -> None:
    assert only(agreements(sentence), "commitment")


@pytest.mark.parametrize("sentence", [
    "The foundation has awarded 40 scholarships since 2012.",
    "The port authority approved the master plan for investments of $300 million by private firms.",
    "The new line will open new markets for farmers.",
    "The school opened two new classrooms last year.",
])
def test_promises_retold_or_without_goods_are_not_commitments(agreements, sentence: str) -> None:
    assert [r for r in agreements(sentence) if r["agreement_type"] == "commitment"] == []


# ================================================================== lists of what was signed or announced

_LISTED = ["After the talks, the two ministers signed the documents listed below and announced the following projects.",
           "Ports and transport",
           "• Loan Agreement between the Development Bank and the Ministry of Transport of up to EUR 80 million "
           "for the Danube ferry terminal.",
           "• Memorandum of Understanding on Inland Waterways between the two port authorities.",
           "• Vocational cooperation to train 600 ship mechanics over four years.",
           "• Trade through the port grew 12 per cent in 2023."]


def test_each_item_of_an_announced_list_is_an_agreement(agreements) -> None:
    rows = agreements(*_LISTED)
    assert sorted(r["agreement_type"] for r in rows) == ["commitment", "commitment", "mou"]


def test_the_documents_that_announce_a_list_are_its_items(agreements) -> None:
    rows = agreements(*_LISTED)
    assert not any("listed below" in r["title"] for r in rows)


def test_items_without_a_list_announced_are_read_as_sentences(agreements) -> None:
    assert agreements(*_LISTED[2:]) == []


def test_items_under_a_background_heading_are_not_agreements(agreements) -> None:
    rows = agreements(_LISTED[0], "Background", *_LISTED[2:])
    assert rows == []


@pytest.mark.parametrize("sentence, kind, title", [
    ("Laos and Cambodia signed agreements on river transport, energy and customs.", "cooperation_document", "agreements"),
    ("During the visit, the two sides inked seven deals in mining and aviation.", "cooperation_document", "seven deals"),
    ("The ministers endorsed a roadmap for cooperation in space science.", "cooperation_document", "roadmap"),
    ("The governments agreed on a work programme for the next three years.", "cooperation_document", "work programme"),
    ("They agreed to create a bilateral consultation mechanism on migration.", "cooperation_document",
     "bilateral consultation mechanism"),
    ("The finance ministers signed a protocol to the tax treaty.", "cooperation_document", "protocol"),
])
def test_more_kinds_of_documents(agreements, sentence: str, kind: str, title: str) -> None:
    assert only(agreements(sentence), kind)["title"] == title


@pytest.mark.parametrize("sentence", [
    "Both sides agreed to implement the agreements reached on trade.",
    "The two sides signed a protocol amending the double taxation convention.",   # the convention is not new
    "The ministers made a great deal of progress.",
])
def test_documents_that_are_not_new_or_not_documents(agreements, sentence: str) -> None:
    assert [r for r in agreements(sentence) if r["agreement_type"] in ("treaty", "cooperation_document")
            and r["title"] != "protocol"] == []


def test_money_earmarked_is_a_commitment(agreements) -> None:
    assert only(agreements("The government has earmarked NOK 25 million for a joint Arctic research fund with Chile."),
                "commitment")


@pytest.mark.parametrize("sentence", [
    "The visiting minister will also open the new embassy building.",   # a building inaugurated, not a new post
    "The bank is providing 2,000 jobs in the region.",
    "The President invited 40 business leaders to a dinner at the palace.",
    "The university has granted 120 scholarships to foreign students since 2015.",
])
def test_openings_and_numbers_that_are_not_pledges(agreements, sentence: str) -> None:
    assert [r for r in agreements(sentence) if r["agreement_type"] == "commitment"] == []


def test_a_list_of_topics_ends_at_the_next_verb_phrase(agreements) -> None:
    rows = agreements("They signed an MoU on shipping and discussed the Antarctic Treaty.")
    assert only(rows, "mou")["topics"] == ["shipping"]


def test_the_documents_said_to_be_among_those_signed_are_each_a_row(agreements) -> None:
    rows = agreements("Documents signed on Friday include the Agreement on Seasonal Work and the Memorandum of "
                      "Understanding on Forestry.")
    assert sorted((r["agreement_type"], r["title"]) for r in rows) == [
        ("cooperation_document", "Agreement on Seasonal Work"), ("mou", "Memorandum of Understanding on Forestry")]


def test_a_batch_read_from_the_documents_named_after_an_uncounted_plural(agreements) -> None:
    rows = agreements("The documents signed included an agreement on mutual legal assistance.")
    assert only(rows, "cooperation_document")["topics"] == ["mutual legal assistance"]


@pytest.mark.parametrize("sentence, kind", [
    ("The presidents announced the establishment of a Strategic Partnership.", "partnership_upgrade"),
    ("The two sides launched a new dialogue mechanism on river management.", "cooperation_document"),
    ("The ministries established a regular dialogue on cyber security.", "cooperation_document"),
])
def test_new_partnerships_and_dialogues_said_without_a_name(agreements, sentence: str, kind: str) -> None:
    assert only(agreements(sentence), kind)


@pytest.mark.parametrize("sentence", [
    "Korea will extend $800 million in concessional loans to Uzbekistan.",
    "The bank plans to mobilize up to €2 billion for Serbian rail lines.",
    "Norway will make available NOK 30 million for Sahel refugees.",
])
def test_more_verbs_of_provision(agreements, sentence: str) -> None:
    assert only(agreements(sentence), "commitment")


def test_the_patterns_that_screen_sentences_keep_their_leads() -> None:
    """A GateSet tries a pattern only where one of its leads occurs; a pattern whose leads cannot be
    listed (too many ways to begin) is searched along every sentence that passes its words."""
    from flows.extract import agreements as module
    screened = [module._CUE_BEFORE_FIGURE, module._DONATION, module._INTENT, module._PARTNERSHIP,
                *module._VERB_PATTERNS, *[kind.nouns for kind in module._KINDS]]
    assert all(pattern.leads is not None for pattern in screened)


@pytest.mark.parametrize("sentence, kind", [
    ("The two sides exchanged cooperation documents in areas such as forestry and mining.", "cooperation_document"),
    ("The premiers witnessed the handover of a memorandum of understanding on fisheries.", "mou"),
    ("Both sides agreed to set up a hotline between their coast guards.", "cooperation_document"),
    ("The ministers agreed on a three-year plan of action for 2026-2028.", "cooperation_document"),
    ("The two sides agreed to open a direct air route between Lima and Auckland.", "commitment"),
    ("Korea will train 300 Laotian nurses over the next three years.", "commitment"),
])
def test_documents_bodies_and_pledges_in_agency_phrasing(agreements, sentence: str, kind: str) -> None:
    assert only(agreements(sentence), kind)


@pytest.mark.parametrize("sentence", [
    "The leaders adopted a five-year action plan for the border region.",
    "They signed a ten-year roadmap for defence cooperation.",
])
def test_a_duration_before_a_document_is_not_its_count(agreements, sentence: str) -> None:
    assert only(agreements(sentence), "cooperation_document")["document_count"] == 1


def test_the_conclusion_of_negotiations_concludes_the_agreement(agreements) -> None:
    rows = agreements("The ministers welcomed the conclusion of negotiations on the Green Shipping Agreement.")
    assert only(rows, "cooperation_document")["title"] == "Green Shipping Agreement"


def test_an_amount_signed_for_is_a_commitment(agreements) -> None:
    rows = agreements("The development agency signed a $120 million compact with Malawi.")
    assert "$120 million" in only(rows, "commitment")["title"]


@pytest.mark.parametrize("sentence, expected", [
    ("The two governments said in a joint statement that the border will reopen.", 1),
    ("In a joint communiqué, the ministers called for calm.", 1),
    ("The ministers recalled the joint statement of 2019.", 0),
])
def test_a_joint_statement_said_to_speak_was_issued(agreements, sentence: str, expected: int) -> None:
    assert len([r for r in agreements(sentence) if r["agreement_type"] == "joint_statement"]) == expected


def test_an_item_of_resolve_in_an_announced_list_is_not_a_pledge(agreements) -> None:
    rows = agreements("The two sides agreed on the following:", "• Cooperation in trade and tourism will be deepened.")
    assert rows == []


def test_the_following_day_announces_no_list(agreements) -> None:
    rows = agreements("The ministers signed an agreement on fisheries the following day.")
    assert only(rows, "cooperation_document")["title"] == "agreement"


# ================================================================== unseen phrasing, third pass

def test_the_items_after_a_counted_batch_and_a_colon_are_each_a_row(agreements) -> None:
    rows = agreements("Before the banquet, the foreign ministers signed four documents:",
                      "• Convention on the Transfer of Sentenced Persons;",
                      "• Memorandum of Understanding on Youth and Sport;",
                      "• Agreement on the Mutual Protection of Classified Information; and",
                      "• Memorandum of Cooperation on Public Broadcasting.")
    assert sorted((r["agreement_type"], r["title"]) for r in rows) == [
        ("cooperation_document", "Agreement on the Mutual Protection of Classified Information"),
        ("mou", "Memorandum of Cooperation on Public Broadcasting"),
        ("mou", "Memorandum of Understanding on Youth and Sport"),
        ("treaty", "Convention on the Transfer of Sentenced Persons")]


@pytest.mark.parametrize("introducer", [
    "The following instruments were exchanged in the presence of the two Presidents:",
    "The following were also agreed:",
])
def test_items_numbered_in_roman_numerals_are_each_a_row(agreements, introducer: str) -> None:
    rows = agreements(introducer, "i. Agreement on Social Security",
                      "ii. Memorandum of Understanding on Geological Surveys", "iii. Youth Exchange Programme 2026-2028",
                      "The visit ended with a dinner at the palace.")
    assert sorted(r["title"] for r in rows) == ["Agreement on Social Security",
                                                 "Memorandum of Understanding on Geological Surveys",
                                                 "Youth Exchange Programme 2026-2028"]


def test_a_pledge_listed_again_among_the_outcomes_is_one_row(agreements) -> None:
    rows = agreements("The Prime Minister announced grant assistance of Rs 40 crore for 12 rural health centres "
                      "and a new Line of Credit of US$ 30 mn for harbour dredging.",
                      "The following were announced:",
                      "(i) Grant assistance of Rs 40 crore for 12 health centres",
                      "(ii) Line of Credit of US$ 30 mn for dredging")
    assert [r["agreement_type"] for r in rows] == ["commitment", "commitment"]


@pytest.mark.parametrize("sentence, key", [
    ("The Emir directed the provision of a grant of USD 20 million to support Djibouti's budget.", "USD 20 million"),
    ("The minister announced financial assistance of Rs 90 crore for Nepal's schools.", "Rs 90 crore"),
    ("Norway will extend a loan of US$ 15 mn and a new Line of Credit of US$ 40 mn to Malawi.", "US$ 40 mn"),
])
def test_money_in_other_currencies_and_orders_is_a_commitment(agreements, sentence: str, key: str) -> None:
    assert any(key in r["title"] for r in agreements(sentence) if r["agreement_type"] == "commitment")


@pytest.mark.parametrize("sentence", [
    "Brazil will also gift a coastal patrol vessel to the Cabo Verde Coast Guard.",
    "Turkey will provide 500 training opportunities to Somali diplomats over two years.",
])
def test_goods_gifted_and_training_places_are_a_commitment(agreements, sentence: str) -> None:
    assert only(agreements(sentence), "commitment")["evidence"] == sentence


def test_investments_announced_by_companies_are_not_a_pledge(agreements) -> None:
    rows = agreements("According to the chamber, Korean companies announced investments of R$ 4 billion in 2023.")
    assert [r for r in rows if r["agreement_type"] == "commitment"] == []


def test_a_joint_statement_agreed_after_the_upgrade_is_its_own_row(agreements) -> None:
    rows = agreements("The presidents raised relations to a Comprehensive Strategic Partnership and agreed to issue "
                      "a joint statement.")
    assert sorted(r["agreement_type"] for r in rows) == ["joint_statement", "partnership_upgrade"]


@pytest.mark.parametrize("sentence, kind", [
    ("The commission approved the Work Plan 2026-2027 of the Joint Committee.", "cooperation_document"),
    ("The two ministers witnessed the signing and exchange of notes on a grant for flood radars.",
     "cooperation_document"),
])
def test_plans_approved_and_notes_signed_and_exchanged(agreements, sentence: str, kind: str) -> None:
    assert [r["agreement_type"] for r in agreements(sentence)] == [kind]


def test_documents_listed_after_commas_share_the_verb_and_are_each_a_row(agreements) -> None:
    rows = agreements("The premiers witnessed the signing of a credit agreement of EUR 40 million between the Export "
                      "Bank and the Ministry of Finance to build the Northern Ring Road, a memorandum of understanding "
                      "for cooperation in the field of tourism, and a memorandum of understanding for cooperation in "
                      "the field of civil aviation.")
    assert sorted(tuple(r["topics"]) for r in rows if r["agreement_type"] == "mou") == [("civil aviation",), ("tourism",)]


def test_a_document_listed_after_a_long_name_shares_its_verb(agreements) -> None:
    rows = agreements("The ministers signed the Agreement between the Republic of Ecuador and the Republic of Panama "
                      "for the Avoidance of Double Taxation with respect to Taxes on Income and the Prevention of "
                      "Fiscal Evasion, as well as a Memorandum of Understanding on Port Security.")
    assert "Memorandum of Understanding on Port Security" in [r["title"] for r in rows]


def test_documents_each_with_its_own_article_are_each_a_row(agreements) -> None:
    rows = agreements("The ministers signed an MoU on forestry and a memorandum of understanding on fisheries.")
    assert sorted(r["topics"][0] for r in rows) == ["fisheries", "forestry"]


@pytest.mark.parametrize("sentence, key", [
    ("Korea will expand its Green Growth Fund for Ghana to $500 million for 2026-2029.", "$500 million"),
    ("Chile will raise its annual contribution to the regional fund to US$ 12 million.", "US$ 12 million"),
    ("The UK will give £20 million to support Malawi's schools.", "£20 million"),
])
def test_money_raised_to_an_amount_or_given_is_a_commitment(agreements, sentence: str, key: str) -> None:
    assert key in only(agreements(sentence), "commitment")["title"]


def test_trade_raised_to_an_amount_is_no_pledge(agreements) -> None:
    assert agreements("Bilateral trade will increase to $10 billion by 2030.") == []


@pytest.mark.parametrize("sentence, count", [
    ("The two sides inked a pact on fisheries and a deal on port fees.", 2),
    ("A treaty on mutual legal assistance in criminal matters was signed by the justice ministers.", 1),
    ("The two sides agreed to open direct flights between Hanoi and Perth.", 1),
])
def test_pacts_treaties_signed_in_the_passive_and_routes_opened(agreements, sentence: str, count: int) -> None:
    assert len(agreements(sentence)) == count


@pytest.mark.parametrize("sentence, title", [
    ("The two sides agreed on a visa waiver for holders of official passports.", "visa waiver"),
    ("The ministers signed a visa exemption agreement for ordinary passports.", "visa exemption agreement"),
])
def test_a_visa_waiver_agreed_is_one_agreement(agreements, sentence: str, title: str) -> None:
    assert only(agreements(sentence), "cooperation_document")["title"] == title
