"""Specification of the statistics table on invented sentences, by family of phrasing: counts of
anything a sentence clearly numbers, people, money with its conversion, percentages, and the year
a figure refers to. Each case is one behaviour; the wording is made up (other names, other
countries, other numbers than any real article)."""
from __future__ import annotations


import pytest
import yaml

from flows.extract.rules import RuleFileError, load_rules
from flows.extract.statistic_rules import STATISTIC_RULES, StatisticRules
from flows.normalise.numbers import find_quantities


@pytest.fixture
def statistics(article):
    def run(*paragraphs: str, published: str | None = "2025-06-01") -> list[dict]:
        return article(paragraphs, headline="Leaders pledge closer bilateral ties", published=published)["statistics"]
    return run


def one(rows: list[dict], value: float) -> dict:
    found = [r for r in rows if r["value"] == pytest.approx(value)]
    assert len(found) == 1, rows
    return found[0]


# ------------------------------------------------------------------ counts of things and people

@pytest.mark.parametrize("sentence, value, unit, indicator", [
    ("Norway will hand over 24 helicopters to the Chilean navy.", 24, "count", "goods"),
    ("The grant paid for three X-ray scanners at the border crossing.", 3, "count", "goods"),
    ("The rail operator will give 2 locomotives and 40 carriages to Quito.", 2, "count", "goods"),
    ("The rail operator will give 2 locomotives and 40 carriages to Quito.", 40, "count", "other_count"),
    ("Denmark delivered 5 million Pfizer vaccine doses to Ghana.", 5e6, "count", "vaccine_doses"),
    ("The mobile labs ran 120,000 tests in the northern provinces.", 120_000, "count", "vaccine_doses"),
    ("Customs officers seized 1,200 firearms at the port.", 1200, "count", "seizures"),
    ("Police in Lagos confiscated 4 million pills last spring.", 4e6, "count", "seizures"),
    ("The fund has backed a total of 12 projects in the delta.", 12, "count", "projects"),
    ("The agency built 35 health facilities across the country.", 35, "count", "places"),
    ("The programme reached 140 rural communities.", 140, "count", "places"),
    ("The scheme now operates in 9 provinces.", 9, "count", "places"),
    ("The plant will create 4,500 jobs for local workers.", 4500, "count", "jobs"),
    ("The embassy awarded 75 scholarships this spring.", 75, "count", "scholarships"),
    ("The navy held six joint engagements with Tonga.", 6, "count", "activities"),
    ("The ministry signed MoUs with seven other Asian countries.", 7, "count", "other_count"),
    ("Workers planted 600 young oak trees along the river.", 600, "count", "goods"),
])
def test_a_number_before_a_plural_noun_counts_that_noun(statistics, sentence, value, unit, indicator) -> None:
    row = one(statistics(sentence), value)
    assert (row["unit"], row["indicator"]) == (unit, indicator)


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Prosecutors charged 3,210 defendants with fraud.", 3210, "defendants"),
    ("The bureau will hire more than 40 law enforcement agents.", 40, "personnel"),
    ("The mission employs 12 Defence Ministry civilians and nearly 90 Kenyan staff.", 90, "personnel"),
    ("The mission employs 12 Defence Ministry civilians and nearly 90 Kenyan staff.", 12, "personnel"),
    ("The institute has trained over 2,400 Bolivian teachers.", 2400, "personnel"),
    ("The project trained 8,000 people in coding.", 8000, "beneficiaries"),
    ("More than 250,000 French citizens visit Morocco every year.", 250_000, "visitors"),
    ("About 15,000 Danes live in Thailand, and 3,000 Thai study in Denmark.", 15_000, "diaspora_population"),
    ("Nearly 40,000 Chinese live and work in Kenya.", 40_000, "diaspora_population"),
    ("Norway is home to some 25,000 Somalis.", 25_000, "diaspora_population"),
    ("Portugal is home to about 90,000 Brazilians.", 90_000, "diaspora_population"),
    ("Seoul is home to some 8,000 Swiss.", 8000, "diaspora_population"),
    ("Chile's Haitian diaspora numbers some 180,000.", 180_000, "diaspora_population"),
])
def test_a_number_before_people_counts_people(statistics, sentence, value, indicator) -> None:
    row = one(statistics(sentence), value)
    assert (row["unit"], row["indicator"]) == ("person", indicator)


@pytest.mark.parametrize("sentence, value", [
    ("The charity distributed 80,000 PPEs and gloves to clinics.", 80_000),
    ("The donation covers three cargo and vehicle inspection scanners.", 3),
    ("Officers seized 9 million rounds of ammunition.", 9e6),
])
def test_the_counted_noun_may_follow_coordinated_or_measure_words(statistics, sentence, value) -> None:
    assert one(statistics(sentence), value)["unit"] == "count"


def test_a_capitalised_number_word_opening_a_bullet_is_a_count(statistics) -> None:
    assert one(statistics("• Twelve Kenyan firms opened offices in Oslo."), 12)["unit"] == "count"


@pytest.mark.parametrize("sentence, value, unit", [
    ("The two premiers witnessed the exchange of six Memoranda of Understanding.", 6, "count"),
    ("The credit pays for three further 82-metre patrol ships for the coast guard.", 3, "count"),
    ("Seoul will equip two 250-bed hospitals in Kandy.", 2, "count"),
    ("The course trained over 650 provincial government officials.", 650, "person"),
    ("Finland runs 11 country offices across Asia.", 11, "count"),
    ("Tomorrow I visit Leeds, where about 1,800 of our young people study.", 1800, "person"),
    ("Some 35 of the donated tractors already work the fields.", 35, "count"),
    ("There are 19 weekly ferries between the two ports.", 19, "count"),
    ("France will host 90 Omani cadets and 25 Omani paramedics.", 90, "person"),
    ("France will host 90 Omani cadets and 25 Omani paramedics.", 25, "person"),
    ("Exports now employ 9,000 Chilean engineers, up from some 6,500 before the reform.", 6500, "person"),
])
def test_modifiers_partitives_and_irregular_plurals_lead_to_the_counted_noun(statistics, sentence, value,
                                                                                unit) -> None:
    assert one(statistics(sentence), value)["unit"] == unit


@pytest.mark.parametrize("sentence, value, unit", [
    ("The treaty lifts the yearly quota from 1,100 to 1,800 visas for seasonal staff.", 1100, "count"),
    ("Enrolment grew from about 9,000 to 14,500 Peruvian students.", 9000, "person"),
])
def test_the_first_value_of_a_change_counts_what_the_second_does(statistics, sentence, value, unit) -> None:
    assert one(statistics(sentence), value)["unit"] == unit


def test_a_percentage_before_an_amount_stays_a_percentage(statistics) -> None:
    rows = statistics("Two-way trade climbed 13% to NZ$2.4 billion last year.")
    assert [(r["value"], r["unit"]) for r in rows] == [(13, "percent"), (2.4e9, "currency")]


@pytest.mark.parametrize("sentence, figure", [
    ("The storms that hit the coast on 6 and 7 March left 40 villages flooded.", 6),
    ("The fair held on 2, 3 and 4 October drew 9,000 visitors.", 2),
    ("The fair held on 2, 3 and 4 October drew 9,000 visitors.", 3),
])
def test_a_day_listed_before_a_date_is_no_figure(statistics, sentence, figure) -> None:
    assert figure not in [r["value"] for r in statistics(sentence)]


@pytest.mark.parametrize("sentence, value, unit", [
    ("The number of Malian nurses in Lyon has quadrupled since 2018, to 1,650.", 1650, "person"),
    ("- Scholarships awarded: 340", 340, "count"),
    ("Exchange students: 7,200 (2024)", 7200, "person"),
])
def test_the_subject_of_a_figure_may_stand_before_a_linking_clause_or_a_colon(statistics, sentence, value,
                                                                                unit) -> None:
    assert one(statistics(sentence), value)["unit"] == unit


@pytest.mark.parametrize("sentence, value, indicator", [
    ("Governor Okafor headed a 32-member trade delegation to Accra.", 32, "delegation_size"),
    ("A 450-strong Fijian contingent joined the exercise.", 450, "delegation_size"),
    ("The landslides left at least 7 people dead and more than 9,500 displaced.", 9500, "displaced_people"),
    ("The cyclone left some 2,200 homeless on the islands.", 2200, "displaced_people"),
    ("The quake left 31 dead and 140 injured.", 31, "casualties"),
    ("Malians in Lyon, who number around 16,000 people, greeted the minister.", 16_000, None),
])
def test_people_counted_by_a_compound_a_participle_or_a_verb(statistics, sentence, value, indicator) -> None:
    row = one(statistics(sentence), value)
    assert row["unit"] == "person" and indicator in (None, row["indicator"])


def test_an_age_after_a_name_is_no_figure(statistics) -> None:
    assert statistics("Dr Lena Sorensen, 57, who runs the clinic, thanked the donors.") == []


@pytest.mark.parametrize("sentence, figure", [
    ("The 15-member council meets in Geneva.", 15),
    ("The 3 affected districts received tents.", None),
    ("The office is at number 14 on the main square.", 14),
    ("One in four nurses trained abroad.", 4),
    ("Both envoys praised the Three Rivers Compact.", 3),
    ("The Five Harbours Alliance met in Bergen.", 5),
    ("\"There are two choices,\" the envoy said.", 2),
])
def test_a_size_of_anything_else_or_a_house_number_is_no_count_of_people(statistics, sentence, figure) -> None:
    assert all(r["unit"] != "person" for r in statistics(sentence))
    assert figure is None or figure not in [r["value"] for r in statistics(sentence)]


@pytest.mark.parametrize("sentence, figure", [
    ("The camp welcomes 150 pupils ages 11-15 each summer.", 11),
    ("Estonia ranks among the top 5 exporters of software.", 5),
    ("Steel imports fall under Section 232 tariffs.", 232),
    ("The treaty binds our two great democracies.", 2),
    ("The envoy toured the two factories near Durban.", 2),
    ("Nine of the ten Nordic members backed the plan.", 10),
    ("The two countries agreed on three key areas of cooperation.", 3),
    ("It was the first visit by a Danish king in 12 years.", 12),
    ("Sweden and Chile agreed to meet again within four weeks.", 4),
    ("The bridge will open three years from now.", 3),
    ("The fund will lend $8 billion over four years.", 4),
])
def test_labels_ranks_ages_pairs_and_durations_are_not_counts(statistics, sentence, figure) -> None:
    assert figure not in [r["value"] for r in statistics(sentence)]


@pytest.mark.parametrize("sentence, figure", [
    ("The minister began a 6-day tour of the Gulf.", 6),
    ("Several Fortune 500 companies joined the trade mission.", 500),
    ("The airline flies 8 Airbus 320 aircraft to Lima.", 320),
    ("Roughly 3 in 10 adults use mobile banking.", 10),
    ("The new rail line is 340 kilometres long.", 340),
    ("The city of 9 million relies on the river for water.", 9e6),
    ("The two sides signed the 123 Agreement on nuclear energy.", 123),
    ("The governor signed H.B. 742 into law.", 742),
])
def test_compound_adjectives_names_ratios_and_measures_are_not_counts(statistics, sentence, figure) -> None:
    assert figure not in [r["value"] for r in statistics(sentence)]


@pytest.mark.parametrize("sentence, value, unit", [
    ("The forum gathered 35 heads of state and 400 business leaders.", 400, "person"),
    ("Ghana joined 12 partner countries in the pledge.", 12, "count"),
    ("The number of work visas issued rose to 64,000 last year.", 64_000, "count"),
    ("Over 3,000 Kenyans live and study in Finland.", 3000, "person"),
    ("The navy will buy 16 Bradley fighting vehicles.", 16, "count"),
    ("The bloc welcomed 3 new members in March.", 3, "person"),
    ("A delegation of 45 business executives toured the port.", 45, "person"),
])
def test_groups_of_people_and_named_things_are_counted(statistics, sentence, value, unit) -> None:
    assert one(statistics(sentence), value)["unit"] == unit


def test_the_same_value_twice_in_one_sentence_is_two_facts(statistics) -> None:
    rows = statistics("The exchange sends 120 Danish students to Canada and 120 Canadian students to Denmark.")
    assert [r["value"] for r in rows] == [120, 120]


@pytest.mark.parametrize("paragraphs", [
    ["The 40 new buses arrived in Accra.", "Officials thanked Korea for the 40 new buses."],
    ["The bank approved $45 million in loans for farmers.", "The $45 million will be paid out quickly."],
])
def test_the_same_figure_in_two_sentences_is_one_fact(statistics, paragraphs) -> None:
    assert len(statistics(*paragraphs)) == 1


@pytest.mark.parametrize("sentence, value, qualifier", [
    ("The lighthouse has guided ships for over 140 years.", 140, "more_than"),
    ("Their alliance has held for nearly 80 years.", 80, "approximate"),
])
def test_a_duration_in_years_is_a_figure_in_years(statistics, sentence, value, qualifier) -> None:
    row = one(statistics(sentence), value)
    assert (row["unit"], row["qualifier"]) == ("year", qualifier)


# ------------------------------------------------------------------ money and percentages

@pytest.mark.parametrize("sentence, values", [
    ("Ottawa announced C$12 billion (US$8.8 billion) in new loans.", [(12e9, "CAD"), (8.8e9, "USD")]),
    ("The bank lent EUR 3.3 billion to the port authority.", [(3.3e9, "EUR")]),
])
def test_an_amount_and_its_conversion_are_each_in_their_currency(statistics, sentence, values) -> None:
    assert [(r["value"], r["currency"]) for r in statistics(sentence)] == values


@pytest.mark.parametrize("text, value", [
    ("USD 4.1 billion", 4_100_000_000),
    ("$0.7 million", 700_000),
    ("1.15 trillion yen", 1_150_000_000_000),
])
def test_scaled_amounts_are_exact(text: str, value: int) -> None:
    [quantity] = find_quantities(text)
    assert quantity.value == value


@pytest.mark.parametrize("sentence, value, unit, indicator", [
    ("Japan extended a loan of $300 million at an interest rate of 0.4 percent.", 0.4, "percent", "interest_rate"),
    ("Japan extended a loan of $300 million at an interest rate of 0.4 percent.", 300e6, "currency", "aid"),
    ("$48 million in bilateral assistance for Malawi", 48e6, "currency", "aid"),
    ("Canada provided $9 million for flood relief in Laos.", 9e6, "currency", "aid"),
    ("Irish investors put EUR 2.5 billion into Vietnam's wind farms.", 2.5e9, "currency", "investment"),
    ("Ghana's cocoa exports rose 14% last year.", 14, "percent", "growth_rate"),
    ("Peru's exports to Korea climbed 9% to US$ 700 million, while imports slipped 2%.", 700e6, "currency",
     "exports"),
])
def test_amounts_and_rates_take_their_indicator_from_the_words_near_them(statistics, sentence, value, unit,
                                                                         indicator) -> None:
    row = one(statistics(sentence), value)
    assert (row["unit"], row["indicator"]) == (unit, indicator)


# ------------------------------------------------------------------ qualifiers and years

@pytest.mark.parametrize("sentence, value, qualifier", [
    ("Over 90,000 Chileans studied in Spain in 2022.", 90_000, "more_than"),
    ("Nearly 700 Latvian soldiers took part.", 700, "approximate"),
    ("The consulate issued a record 60,000+ visas in 2023.", 60_000, "more_than"),
    ("Up to 30 ships will dock at the new pier.", 30, "at_most"),
    ("At least 14 villages were flooded.", 14, "at_least"),
])
def test_qualifier_words_are_read(statistics, sentence, value, qualifier) -> None:
    assert one(statistics(sentence), value)["qualifier"] == qualifier


@pytest.mark.parametrize("paragraphs, value, year", [
    (["In 2023, over 45,000 Chileans traveled to Portugal."], 45_000, 2023),
    (["Portugal has provided $900 million to Angola since 2004."], 900e6, None),
    (["As of June 2023, Irish firms ran 140 projects in Ghana."], 140, 2023),
    (["Over the past six years, the navies held 85 joint exercises."], 85, None),
    (["The fund has backed 230 start-ups to date."], 230, None),
    (["In 2022, exports reached $3 billion, a 12 percent increase over 2021."], 12, 2022),
    (["The fund currently supports 40 clinics in the south."], 40, 2025),
    (["The programme will train 6,000 midwives by 2029."], 6000, None),
    (["In 2025 the agency will train 2,400 nurses over four years."], 2400, None),
    (["In 2025 Oslo announced a $30 million fund that includes the transfer of 4 ferries over the next three years."],
     30e6, 2025),
    (["Cooperation between the regions was lively in the past year.", "More than 30 delegations met."], 30, 2024),
    (["Exports grew strongly in 2023. Ports were modernised too.",
      "The Port Fund has a total of $45 million in active loans."], 45e6, 2025),
    (["Chilean wine exports to Korea reached $210 million, up 6% on 2022."], 210e6, 2025),
    (["Peru stayed Korea's top copper supplier in 2024, figures released today show. "
      "Copper sales came to $3.1 billion."], 3.1e9, 2024),
    (["The number of Malian nurses in Lyon has quadrupled since 2018, to 1,650."], 1650, 2025),
    (["The envoys recalled the charter the two states signed in 2011.",
      "Japan has also released $2 million in relief funding."], 2e6, 2025),
    (["Exports to Oman grew strongly in 2024.", "Machinery made up $300 million of the total."], 300e6, 2024),
    (["Under its 2035 plan, Oman aims to source over 40 percent of its power from wind, up from 9 percent in 2023."],
     9, 2023),
    (["Under its 2035 plan, Oman aims to source over 40 percent of its power from wind, up from 9 percent in 2023."],
     40, None),
])
def test_the_year_of_a_figure_is_the_year_it_refers_to(statistics, paragraphs, value, year) -> None:
    assert one(statistics(*paragraphs), value)["year"] == year


@pytest.mark.parametrize("sentence, value", [
    ("Both sides aim to lift two-way trade to $40 billion by 2030.", 40e9),
    ("Exports stood at EUR 7.1 billion in 2022; the two ministers set a target of EUR 12 billion by 2029.", 12e9),
    ("The ministry has set a goal of 9,500 exchange students.", 9500),
    ("Duties were cut on 70% of goods, a share due to rise to 96% by 2028.", 96),
])
def test_a_target_is_a_figure_without_a_year(statistics, sentence, value) -> None:
    assert one(statistics(sentence), value)["year"] is None


def test_a_fact_stated_beside_a_target_keeps_its_year(statistics) -> None:
    rows = statistics("Exports stood at EUR 7.1 billion in 2022; the two ministers set a target of EUR 12 billion by 2029.")
    assert one(rows, 7.1e9)["year"] == 2022


# ------------------------------------------------------------------ the rule file

def test_every_indicator_block_has_a_unit_and_the_fallbacks_exist() -> None:
    assert {STATISTIC_RULES.fallback_count, STATISTIC_RULES.fallback_amount} <= set(STATISTIC_RULES.indicators)


@pytest.mark.parametrize("change, problem", [
    (lambda rules: rules["indicators"]["students"].update(counted_nuons="pupils?"), "counted_nuons"),
    (lambda rules: rules["indicators"]["students"].update(counted_nouns="pupils?("), "regular expression"),
    (lambda rules: rules["indicators"]["students"].update(unit="persons"), "unit"),
    (lambda rules: rules.update(fallback_count="other_thing"), "other_thing"),
    (lambda rules: rules["indicators"]["goods"].update(otherwise="good"), "'good' is not one of the indicators"),
    (lambda rules: rules.update(not_plural="(?<=\\w+)s"), "regular expression"),
    (lambda rules: rules.update(max_word_before_noun=3), "max_word_before_noun"),
])
def test_a_misspelt_key_or_a_broken_pattern_fails_at_load(monkeypatch, change, problem) -> None:
    from flows.data_files import read_yaml
    rules = read_yaml("extract/statistics.yaml")
    rules = yaml.safe_load(yaml.safe_dump(rules))   # a copy to spoil
    change(rules)
    monkeypatch.setattr("flows.extract.rules.read_yaml", lambda name: rules)
    with pytest.raises(RuleFileError, match=problem):
        load_rules("statistics", StatisticRules)
