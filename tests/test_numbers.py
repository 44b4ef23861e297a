"""Specification of the number normaliser: how quantities written in news text are read."""
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.normalise.numbers import Quantity, find_quantities, parse_qualifier, parse_scaled_number


def only(text: str) -> Quantity:
    quantities = find_quantities(text)
    assert len(quantities) == 1, quantities
    return quantities[0]


@pytest.mark.parametrize("text, value", [
    ("the community of 520.000 Vietnamese people", 520_000),
    ("the community comprises 520,000 people", 520_000),
    ("a population of 1.234.567 residents", 1_234_567),
    ("a fleet of 12,000,000 motorbikes", 12_000_000),
    ("1 500 workers arrived", 1_500),
    ("1\u00a0500 workers arrived", 1_500),
    ("1\u202f500 workers arrived", 1_500),
    ("1 000 000 visitors", 1_000_000),
    ("2,000 tonnes", 2_000),
    ("a ratio of 0.5 doctors", 0.5),
    ("growth reached 6.42 in the quarter", 6.42),
    ("exports of 1,5 million tonnes", 1_500_000),
    ("a yield of 1,25 tonnes per hectare", 1.25),
    ("a budget of 1.234,5 units", 1_234.5),
    ("a budget of 1,234.5 units", 1_234.5),
    ("1,50,000 pilgrims", 150_000),
    ("a coefficient of 0.125", 0.125),
])
def test_digit_separators_follow_the_written_convention(text: str, value: float) -> None:
    assert only(text).value == pytest.approx(value)


@pytest.mark.parametrize("text, value", [
    ("trade turnover of USD 44 billion", 44e9),
    ("a loan of US$3.2bn", 3.2e9),
    ("a deal worth $3b", 3e9),
    ("a grant of $5m", 5e6),
    ("fees of €40k", 40e3),
    ("capital of 3.2 bn USD", 3.2e9),
    ("5 mln tonnes of rice", 5e6),
    ("VND 2.3 trillion in revenue", 2.3e12),
    ("1.5 tn yen of investment", 1.5e12),
    ("Rs 2 lakh in compensation", 2e5),
    ("Rs 500 crore for the port", 5e9),
    ("VND 5 thousand billion for the metro", 5e12),
])
def test_scale_words_multiply_the_number(text: str, value: float) -> None:
    assert only(text).value == pytest.approx(value)


@pytest.mark.parametrize("text, value", [
    ("the sides signed five cooperation documents", 5),
    ("twenty-three students received scholarships", 23),
    ("forty five delegates attended", 45),
    ("Seventeen provinces took part", 17),
    ("one hundred delegates attended", 100),
    ("one hundred and fifty volunteers", 150),
    ("two thousand visitors came", 2_000),
    ("a dozen agreements were signed", 12),
    ("two dozen ministers", 24),
    ("the dozen ministers present", 12),
    ("a hundred years of history", 100),
    ("a thousand lanterns were lit", 1_000),
    ("a million tourists", 1e6),
    ("five million people", 5e6),
    ("one billion people live there", 1e9),
])
def test_number_words_are_read(text: str, value: float) -> None:
    assert only(text).value == pytest.approx(value)


@pytest.mark.parametrize("text, value, currency", [
    ("USD 44 billion", 44e9, "USD"),
    ("US$3.2bn", 3.2e9, "USD"),
    ("$44 billion", 44e9, "USD"),
    ("44 billion USD", 44e9, "USD"),
    ("500 million US dollars", 500e6, "USD"),
    ("two billion dollars", 2e9, "USD"),
    ("1.5 trillion yen", 1.5e12, "JPY"),
    ("¥1.5 trillion", 1.5e12, "JPY"),
    ("VND 2.3 trillion", 2.3e12, "VND"),
    ("2.3 trillion dong", 2.3e12, "VND"),
    ("€10 million", 10e6, "EUR"),
    ("10 million euros", 10e6, "EUR"),
    ("£5 billion", 5e9, "GBP"),
    ("5 billion pounds", 5e9, "GBP"),
    ("KRW 3 trillion", 3e12, "KRW"),
    ("3 trillion won", 3e12, "KRW"),
    ("RMB 10 billion", 10e9, "CNY"),
    ("10 billion yuan", 10e9, "CNY"),
    ("A$1.2 billion", 1.2e9, "AUD"),
    ("S$500 million", 500e6, "SGD"),
    ("20 billion baht", 20e9, "THB"),
    ("3 billion ringgit", 3e9, "MYR"),
    ("50 million Philippine pesos", 50e6, "PHP"),
    ("CHF 5 million", 5e6, "CHF"),
    ("NOK 700 million", 700e6, "NOK"),
    ("a 3-billion-dollar deal", 3e9, "USD"),
    ("the 2.5-billion-USD project", 2.5e9, "USD"),
    ("a US$1.5-billion loan", 1.5e9, "USD"),
])
def test_currencies_map_to_iso_codes(text: str, value: float, currency: str) -> None:
    quantity = only(text)
    assert (quantity.value, quantity.unit, quantity.currency) == (pytest.approx(value), "currency", currency)


def test_a_currency_name_that_names_no_single_currency_is_money_of_unknown_currency() -> None:
    quantity = only("50 million pesos")
    assert (quantity.unit, quantity.currency) == ("currency", None)


def test_an_amount_and_its_conversion_in_brackets_are_two_quantities() -> None:
    found = find_quantities("2.3 trillion VND (about 95 million USD)")
    assert [(q.value, q.currency, q.qualifier) for q in found] == [
        (2.3e12, "VND", "exact"), (95e6, "USD", "approximate")]


@pytest.mark.parametrize("text", [
    "ASEAN 5 countries", "the TOP 10 destinations", "at COP 28", "Vietnam won 5 gold medals",
])
def test_capitals_and_words_that_are_not_currencies_leave_a_plain_number(text: str) -> None:
    quantity = only(text)
    assert (quantity.unit, quantity.currency) == ("number", None)


@pytest.mark.parametrize("text, value", [
    ("grew 15%", 15),
    ("grew 15 %", 15),
    ("grew 15 percent", 15),
    ("grew 15 per cent", 15),
    ("rose 2.5 percentage points", 2.5),
    ("a 3.125% coupon", 3.125),
    ("up 7 pct", 7),
    ("five percent of imports", 5),
])
def test_percentages_keep_the_value_as_written(text: str, value: float) -> None:
    quantity = only(text)
    assert (quantity.value, quantity.unit) == (pytest.approx(value), "percent")


@pytest.mark.parametrize("text, value, qualifier", [
    ("a series of about 500 events", 500, "approximate"),
    ("around 300 firms", 300, "approximate"),
    ("approximately 2,000 workers", 2_000, "approximate"),
    ("some 500 guests", 500, "approximate"),
    ("nearly 40,000 students", 40_000, "approximate"),
    ("almost 90 projects", 90, "approximate"),
    ("roughly USD 1 billion", 1e9, "approximate"),
    ("an estimated 2 million people", 2e6, "approximate"),
    ("close to 1,000 companies", 1_000, "approximate"),
    ("circa 300 vessels", 300, "approximate"),
    ("~40 flights", 40, "approximate"),
    ("over 520,000 people", 520_000, "more_than"),
    ("More than 40 Vietnamese local leaders", 40, "more_than"),
    ("above 50 projects", 50, "more_than"),
    ("exceeding 10,000 tonnes", 10_000, "more_than"),
    ("in excess of $1 billion", 1e9, "more_than"),
    ("upwards of 200 delegates", 200, "more_than"),
    ("the more than 500 guests", 500, "more_than"),
    ("under 30 projects", 30, "less_than"),
    ("less than 5% of exports", 5, "less_than"),
    ("fewer than 100 trainees", 100, "less_than"),
    ("at least 20 agreements", 20, "at_least"),
    ("no fewer than 12 ministers", 12, "at_least"),
    ("a minimum of 5,000 jobs", 5_000, "at_least"),
    ("up to 40% of the cost", 40, "at_most"),
    ("no more than 3 visits", 3, "at_most"),
    ("a maximum of 200 workers", 200, "at_most"),
    ("500 or more delegates", 500, "at_least"),
    ("40-plus countries", 40, "more_than"),
    ("40+ countries", 40, "more_than"),
    ("40-odd years", 40, "approximate"),
    ("100 or fewer participants", 100, "at_most"),
])
def test_qualifiers_say_how_exact_the_number_is(text: str, value: float, qualifier: str) -> None:
    quantity = only(text)
    assert (quantity.value, quantity.qualifier) == (pytest.approx(value), qualifier)


def test_a_plain_number_is_exact() -> None:
    assert only("the record of 495,000 in").qualifier == "exact"


@pytest.mark.parametrize("text, qualifier", [
    ("the envoy handed over 14 fire engines", "exact"),
    ("the army took over 3 bases", "exact"),
    ("Oslo gave over 500 tents", "more_than"),
])
def test_over_after_a_verb_it_belongs_to_is_no_qualifier(text: str, qualifier: str) -> None:
    assert find_quantities(text)[-1].qualifier == qualifier


def test_above_after_a_determiner_is_an_adjective_not_a_qualifier() -> None:
    quantity = only("in the above three priority areas")
    assert (quantity.text, quantity.qualifier) == ("three", "exact")


def test_text_spans_qualifier_and_currency_and_number_start_follows_the_qualifier() -> None:
    sentence = "Japan invested more than US$3.2bn last year."
    quantity = only(sentence)
    assert quantity.text == "more than US$3.2bn" == sentence[quantity.start:quantity.end]
    assert sentence[quantity.number_start:quantity.end] == "US$3.2bn"


@pytest.mark.parametrize("text, value, span", [
    ("10-15 million people", 10e6, "10-15 million"),
    ("10 to 15 million people", 10e6, "10 to 15 million"),
    ("between 10 and 15 million people", 10e6, "between 10 and 15 million"),
    ("USD 10–15 million", 10e6, "USD 10–15 million"),
    ("$10 million to $15 million", 10e6, "$10 million to $15 million"),
    ("5-7% growth", 5, "5-7%"),
])
def test_a_range_gives_its_lower_bound_as_at_least(text: str, value: float, span: str) -> None:
    quantity = only(text)
    assert (quantity.value, quantity.qualifier, quantity.text) == (pytest.approx(value), "at_least", span)


@pytest.mark.parametrize("text, values", [
    ("the quota grows from 1,200 to 2,000 places", [(1200, "exact", "number"), (2000, "exact", "number")]),
    ("enrolment rose from about 14,000 to 21,000", [(14_000, "approximate", "number"), (21_000, "exact", "number")]),
    ("sales climbed from 4 to 6 million units", [(4e6, "exact", "number"), (6e6, "exact", "number")]),
    ("the duty fell from 35 to 20 percent", [(35, "exact", "percent"), (20, "exact", "percent")]),
    ("aid went from EUR 8 million to EUR 11 million", [(8e6, "exact", "currency"), (11e6, "exact", "currency")]),
])
def test_two_numbers_after_from_are_a_change_of_two_values(text: str, values: list) -> None:
    assert [(q.value, q.qualifier, q.unit) for q in find_quantities(text)] == values


def test_numbers_after_ranging_from_are_a_range() -> None:
    assert only("fees ranging from 40 to 90 dollars").qualifier == "at_least"


@pytest.mark.parametrize("text, value, currency", [
    ("half a million pilgrims", 500_000, None),
    ("nearly half a billion euros", 500_000_000, "EUR"),
    ("Pretoria issued R4.5 billion in bonds", 4.5e9, "ZAR"),
    ("contracts worth SAR 240 million", 240e6, "SAR"),
    ("a SR2.7bn order", 2.7e9, "SAR"),
    ("₦12 billion for schools", 12e9, "NGN"),
    ("KSh 800 million in loans", 800e6, "KES"),
    ("300 million Egyptian pounds", 300e6, "EGP"),
    ("4 billion Pakistani rupees", 4e9, "PKR"),
    ("2.5 billion reais", 2.5e9, "BRL"),
    ("70 million zlotys", 70e6, "PLN"),
    ("Rs 3,500 cr for ports", 35e9, "INR"),
    ("EUR 45 Mio. for schools", 45e6, "EUR"),
    ("$2.5 bil. in credit", 2.5e9, "USD"),
    ("Kshs 900 million", 900e6, "KES"),
    ("60 million € in grants", 60e6, "EUR"),
])
def test_fractions_of_a_scale_and_currencies_of_many_outlets(text: str, value: float, currency: str | None) -> None:
    quantity = only(text)
    assert (quantity.value, quantity.currency) == (pytest.approx(value), currency)


@pytest.mark.parametrize("text", ["Hong Kong SAR 25 years on", "the R2 motorway", "N95 masks"])
def test_a_currency_mark_that_is_also_a_letter_or_code_needs_a_scale(text: str) -> None:
    assert all(q.unit != "currency" for q in find_quantities(text))


@pytest.mark.parametrize("text", ["rose 12pc", "fell 3.5 pc"])
def test_pc_is_a_percent(text: str) -> None:
    assert only(text).unit == "percent"


def test_a_range_whose_upper_end_is_smaller_after_a_dash_is_a_score() -> None:
    assert find_quantities("a 2-1 win over Thailand") == []


def test_a_range_whose_upper_end_is_smaller_after_to_keeps_both_numbers_apart() -> None:
    found = find_quantities("cut emissions by 2030 to 43%")
    assert [(q.text, q.unit) for q in found] == [("2030", "number"), ("43%", "percent")]


@pytest.mark.parametrize("text", ["the 2021-2025 period", "from 2021 to 2025", "between 2021 and 2025"])
def test_two_joined_years_are_a_period_of_two_year_like_numbers(text: str) -> None:
    found = find_quantities(text)
    assert [(q.text, q.is_year_like, q.qualifier) for q in found] == [("2021", True, "exact"), ("2025", True, "exact")]


@pytest.mark.parametrize("text, year_like", [
    ("in 2023 the two countries", True),
    ("APEC 2027 in Shenzhen", True),
    ("2000 people attended", True),
    ("about 2000 people", False),
    ("2,000 people", False),
    ("$2023 in fees", False),
    ("1799 soldiers", False),
    ("2101 units", False),
])
def test_bare_four_digit_years_are_marked_year_like(text: str, year_like: bool) -> None:
    assert find_quantities(text)[0].is_year_like is year_like


def test_a_date_range_does_not_crash_and_its_year_is_year_like() -> None:
    found = find_quantities("from November 27-30, 2023 at the invitation")
    assert found[-1].text == "2023" and found[-1].is_year_like


@pytest.mark.parametrize("text", [
    "the 50th anniversary", "the 21st century", "his first visit", "the second meeting", "the third time",
    "hundreds of thousands of people", "dozens of projects", "thousands of students", "millions of dollars",
    "tens of thousands of workers", "scores of firms", "several thousand visitors", "a few hundred guests",
    "the expanded G7 Summit", "the G20 leaders", "the COVID-19 pandemic", "pre-Covid-19 levels",
    "one of the largest", "help one another", "no one expected", "one day later", "a visit to Hanoi",
    "two-thirds of exports", "half of all exports", "the twenty-first century",
    "call +84 24 3825 1234", "hotline 0912 345 678", "ISBN 978-3-16-148410-0", "dated 2023-11-27",
    "a 5m wall", "4K screens", "the H5N1 virus", "the 1990s", "at 10:30", "Decree No. 12/2023",
    "a change of -5%", "the 2+2 dialogue", "Resolution 68-NQ/TW",
])
def test_things_that_are_not_quantities_give_nothing(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize("text, value", [
    ("44 billion", 44e9),
    ("1 500", 1_500),
    ("twenty-three", 23),
    ("a dozen", 12),
    ("3.2bn", 3.2e9),
    ("520.000", 520_000),
    ("one", 1),
    ("five million", 5e6),
    ("hundreds", None),
    ("a", None),
    ("G7", None),
    ("", None),
])
def test_parse_scaled_number_reads_an_isolated_number(text: str, value: float | None) -> None:
    assert parse_scaled_number(text) == (pytest.approx(value) if value is not None else None)


@pytest.mark.parametrize("text, qualifier", [
    ("more than", "more_than"),
    ("Nearly", "approximate"),
    ("up  to", "at_most"),
    ("or more", "at_least"),
    ("-plus", "more_than"),
    ("", "exact"),
    ("reportedly", "exact"),
])
def test_parse_qualifier_names_the_meaning_of_a_phrase(text: str, qualifier: str) -> None:
    assert parse_qualifier(text) == qualifier


def _assert_well_formed(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for quantity in found:
        assert math.isfinite(quantity.value) and quantity.value >= 0
        assert quantity.text == text[quantity.start:quantity.end]
        assert quantity.start <= quantity.number_start < quantity.end
        assert quantity.start >= previous_end
        previous_end = quantity.end


@settings(max_examples=300)
@given(st.text())
def test_any_text_gives_well_formed_quantities_without_raising(text: str) -> None:
    _assert_well_formed(text)


_NEWSY = st.lists(st.sampled_from([
    " ", "-", "–", ",", ".", "%", "$", "US$", "€", "¥", "+", "/", ":", "~", "0", "1", "5", "12", "2023",
    "000", "500", "\u00a0", "bn", "m", "k", "million", "billion", "USD", "VND", "yen", "about", "over",
    "or more", "-plus", "to", "and", "between", "a", "one", "twenty", "-three", "hundred", "dozen",
    "half", "the", "above", "percent", "\n",
]), max_size=25).map("".join)


@settings(max_examples=500)
@given(_NEWSY)
def test_number_like_text_gives_well_formed_quantities_without_raising(text: str) -> None:
    _assert_well_formed(text)


def test_a_long_run_of_spaced_digit_groups_is_not_read_as_one_number() -> None:
    """A table flattened into text ("100 000 100 000 ...") holds many numbers; reading it as one
    made the search quadratic in the run's length."""
    quantities = find_quantities("100 000 " * 60)
    assert len(quantities) > 1 and all(q.value < 1e18 for q in quantities)


_ID_LIKE_AS_FIRST_WRITTEN = [   # numbers.yaml writes these character first, so that re searches them fast
    r"(?<![\w.,])(?<!\d[ \u00a0\u202f])0\d{2,}(?:[ .\-]\d{2,})*",
    r"(?<![\w.,\-])\d+(?:[\-–]\d+){2,}",
    r"(?<![\d.,])\d{10,}(?![\d])",
]


@settings(max_examples=800, deadline=None)
@given(st.one_of(_NEWSY, st.lists(st.sampled_from(["0123456789", "12345", "0", "012", "9", ".", ",", " ", "-", "–",
                                                   "\u00a0", "a", "٣"]), max_size=12).map("".join)))
def test_id_like_patterns_find_what_their_look_behind_first_forms_find(text: str) -> None:
    import re

    from flows.normalise.numbers import _ID_LIKE

    for written, pattern in zip(_ID_LIKE_AS_FIRST_WRITTEN, [p.pattern for p in _ID_LIKE][2:]):
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(written, text)], written


_WORDY = st.lists(st.sampled_from(["half", "a", "the", "Hà", "x_y", "²", "½", " ", "  ", "\t", "\n", "\u00a0", "5",
                                   "٣", ",", "above", "word" * 12]), max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(_WORDY, st.integers(min_value=0, max_value=200))
def test_previous_word_is_the_one_a_search_of_the_window_finds(text: str, start: int) -> None:
    from flows.normalise.numbers import _LAST_WORD, _previous_word

    start = min(start, len(text))
    expected = _LAST_WORD.search(text, max(0, start - 40), start)
    assert _previous_word(text, start) == (expected.group(1).lower() if expected else "")


def _not_after_words() -> list[str]:
    from flows.normalise.numbers import _CONFIG
    return list(_CONFIG["not_after_words"])


# The words a number may not follow, in every case, cut, glued to other letters, with letters that
# lower-casing changes or lengthens ("İ", the Kelvin sign, the Greek capital sigma) and with what
# may stand between a word and the number.
_AFTER_FRACTION_WORDS = st.lists(st.one_of(
    st.sampled_from(_not_after_words()),
    st.sampled_from(_not_after_words()).map(str.upper),
    st.sampled_from(_not_after_words()).map(str.title),
    st.sampled_from(_not_after_words()).map(lambda word: word[:-1]),
    st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "a", "x", "İ", "\u212a", "Σ", "σ", "5", "-", ".", "word" * 12]),
), max_size=10).map("".join)


@settings(max_examples=800, deadline=None)
@given(_AFTER_FRACTION_WORDS, st.integers(min_value=0, max_value=200))
def test_a_number_follows_a_fraction_word_where_the_previous_word_is_one(text: str, start: int) -> None:
    from flows.normalise.numbers import _NOT_AFTER_WORDS, _after_a_fraction_word, _previous_word

    start = min(start, len(text))
    assert _after_a_fraction_word(text, start) == (_previous_word(text, start) in _NOT_AFTER_WORDS)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_NEWSY, _WORDY, st.text(max_size=40)),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3))
def test_the_digit_test_finds_what_a_regex_search_finds(text: str, spans: list[tuple[int, int]]) -> None:
    import re

    from flows.normalise.numbers import _NUMBER_WORDS, _outside, may_hold_a_quantity
    from flows.scan import fold_case

    spans = [(min(a, b), max(a, b)) for a, b in spans]
    folded = fold_case(text)
    number_word = re.compile("(?:" + "|".join(map(re.escape, _NUMBER_WORDS.words)) + ")(?![a-z])")
    expected = bool(re.search(r"\d", _outside(text, spans) if spans else text)) or folded is None \
        or number_word.search(folded) is not None
    assert may_hold_a_quantity(text, spans) == expected


_CASED = st.lists(st.sampled_from([
    " ", "  ", "\t", "\n", "-", ",", ".", "(", "$", "US$", "Rs", "RM", "rm", "€", "~", "≈", ">", "<=", "approx.",
    "5", "12", "2,000", "١٢", "USD", "usd", "Usd", "VND", "RMB", "ABOUT", "About", "Between", "BETWEEN", "between",
    "More", "than", "THAN", "Up", "to", "AS", "many", "as", "A", "a", "One", "ONE", "Twenty", "TWENTY", "-three",
    "Hundred", "Million", "Dozen", "DOZENS", "tennis", "often", "someone", "İ", "ı", "ſome", "\u212a", "x", "and",
    "million", "half",
]), max_size=20).map("".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_NEWSY, _CASED))
def test_quantities_are_searched_for_at_every_offset_where_one_can_start(text: str) -> None:
    """find_quantities tries _QUANTITY only at the leads found in the folded text: they must hold
    every offset where it matches, in any case, after any character."""
    from flows.normalise.numbers import _QUANTITY, _leads
    from flows.scan import fold_case

    folded = fold_case(text)
    if folded is None:
        return
    leads = set(_leads(folded))
    assert all(offset in leads for offset in range(len(text) + 1) if _QUANTITY.match(text, offset))
