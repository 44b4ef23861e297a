"""Specification of the date finder: real news phrasing in, calendar spans out."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.normalise.dates import DateMention, find_dates, infer_reference_date, resolve_partial_date

REF = dt.date(2023, 12, 20)   # a Wednesday


def d(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def only(text: str, ref: dt.date | None = REF) -> DateMention:
    mentions = find_dates(text, ref)
    assert len(mentions) == 1, mentions
    return mentions[0]


def span(mention: DateMention) -> tuple:
    return mention.text, mention.start_date, mention.end_date, mention.precision


def as_written(found) -> tuple:
    """A reading's fields (compared as values: readings compare by identity)."""
    return (found.start, found.end, found.first, found.last, found.precision, found.explicit_year, found.is_target)


# ------------------------------------------------------------------ full dates

@pytest.mark.parametrize("text, written, start", [
    ("The talks were held on November 27, 2023 in Tokyo.", "November 27, 2023", "2023-11-27"),
    ("Hanoi, Nov. 27, 2023 (VNA) - The two leaders met.", "Nov. 27, 2023", "2023-11-27"),
    ("The deal was signed on 27 November 2023.", "27 November 2023", "2023-11-27"),
    ("The forum opened on 27th November 2023.", "27th November 2023", "2023-11-27"),
    ("Published: 2023-11-27 08:15", "2023-11-27", "2023-11-27"),
    ("The ministers met on Monday, November 27, 2023.", "Monday, November 27, 2023", "2023-11-27"),
    ("Ties were established on September 21, 1973.", "September 21, 1973", "1973-09-21"),
    ("The accord took effect on Sept. 5, 2022.", "Sept. 5, 2022", "2022-09-05"),
    ("It came into force on 1 January 2020, the ministry said.", "1 January 2020", "2020-01-01"),
    ("Posted 27/11/2023 by the embassy.", "27/11/2023", "2023-11-27"),
    ("Posted 11/27/2023 by the consulate.", "11/27/2023", "2023-11-27"),
    ("The exhibition opens on Thursday, 7 March 2024.", "Thursday, 7 March 2024", "2024-03-07"),
    ("On March 3 2021 the two navies held drills.", "March 3 2021", "2021-03-03"),
])
def test_full_dates_have_day_precision_and_an_explicit_year(text: str, written: str, start: str) -> None:
    mention = only(text)
    assert span(mention) == (written, d(start), d(start), "day")
    assert mention.explicit_year and not mention.is_target


@pytest.mark.parametrize("text, written, start", [
    ("Leaders will meet again on November 27th.", "November 27th", "2023-11-27"),
    ("The summit opened on the 5th of December.", "5th of December", "2023-12-05"),
])
def test_day_without_year_takes_the_year_nearest_the_reference(text: str, written: str, start: str) -> None:
    mention = only(text)
    assert span(mention) == (written, d(start), d(start), "day")
    assert not mention.explicit_year


# ------------------------------------------------------------------ ranges

@pytest.mark.parametrize("text, written, start, end", [
    ("made an official visit to Japan from November 27-30, 2023 at the invitation", "November 27-30, 2023",
     "2023-11-27", "2023-11-30"),
    ("an official visit to Japan (November 26-30, 2023).", "November 26-30, 2023", "2023-11-26", "2023-11-30"),
    ("The fair runs 27-30 November 2023 in Da Nang.", "27-30 November 2023", "2023-11-27", "2023-11-30"),
    ("COP28 was held November 30 – December 12, 2023 in Dubai.", "November 30 – December 12, 2023",
     "2023-11-30", "2023-12-12"),
    ("The visit, November 30—December 2, 2023, was his first.", "November 30—December 2, 2023",
     "2023-11-30", "2023-12-02"),
    ("The festival runs from December 15 to 18, 2023.", "December 15 to 18, 2023", "2023-12-15", "2023-12-18"),
    ("Talks took place between 15 and 18 December 2023.", "15 and 18 December 2023", "2023-12-15", "2023-12-18"),
    ("The trip lasted from 27 November to 2 December 2023.", "27 November to 2 December 2023",
     "2023-11-27", "2023-12-02"),
    ("The games ran from August 8 through August 24, 2008.", "August 8 through August 24, 2008",
     "2008-08-08", "2008-08-24"),
    ("The course runs Dec. 28, 2023 until Jan. 3, 2024.", "Dec. 28, 2023 until Jan. 3, 2024",
     "2023-12-28", "2024-01-03"),
])
def test_day_ranges_span_first_to_last_day(text: str, written: str, start: str, end: str) -> None:
    assert span(only(text)) == (written, d(start), d(end), "day")


@pytest.mark.parametrize("text, start, end", [
    ("The holiday lasts from December 28 to January 3, 2024.", "2023-12-28", "2024-01-03"),
    ("The holiday lasts from December 28, 2023 to January 3.", "2023-12-28", "2024-01-03"),
])
def test_ranges_crossing_new_year_fill_the_missing_year_on_the_right_side(text: str, start: str, end: str) -> None:
    mention = only(text)
    assert (mention.start_date, mention.end_date) == (d(start), d(end))


def test_and_joins_two_days_not_a_range_without_between() -> None:
    texts = [m.text for m in find_dates("Inspections are set for November 27 and 30.", REF)]
    assert texts == ["November 27"]


# ------------------------------------------------------------------ month precision

@pytest.mark.parametrize("text, written, start, end", [
    ("Senate President Otsuji visited Vietnam in September 2023.", "September 2023", "2023-09-01", "2023-09-30"),
    ("during the President's visit (November 2023) and", "November 2023", "2023-11-01", "2023-11-30"),
    ("The law passed in February 2024 after a long debate.", "February 2024", "2024-02-01", "2024-02-29"),
    ("In late May 2023, Prime Minister Kishida invited him.", "late May 2023", "2023-05-21", "2023-05-31"),
    ("Exports surged in early March 2022.", "early March 2022", "2022-03-01", "2022-03-10"),
    ("The delegation arrives in mid-June 2024.", "mid-June 2024", "2024-06-11", "2024-06-20"),
    ("at the end of February 2023, the ministry said", "the end of February 2023", "2023-02-21", "2023-02-28"),
])
def test_months_and_parts_of_months_have_month_precision(text: str, written: str, start: str, end: str) -> None:
    mention = only(text)
    assert span(mention) == (written, d(start), d(end), "month")
    assert mention.explicit_year


@pytest.mark.parametrize("text, ref, written, start, end", [
    ("Foreign Minister Kamikawa is due to visit in October.", REF, "October", "2023-10-01", "2023-10-31"),
    ("In late May, Prime Minister Kishida invited him.", d("2023-08-10"), "late May", "2023-05-21", "2023-05-31"),
    ("The joint exercise is planned for January.", REF, "January", "2024-01-01", "2024-01-31"),
    ("Since May, trade has grown by 8 per cent.", d("2023-08-10"), "May", "2023-05-01", "2023-05-31"),
    ("The ministry will report back in Sept.", REF, "Sept.", "2023-09-01", "2023-09-30"),
    ("In late May, the leaders will meet again.", REF, "late May", "2024-05-21", "2024-05-31"),
    # a month ahead counts half as far again as one behind (news tells what happened)
    ("Her visit to Oslo in February was a success.", d("2025-09-08"), "February", "2025-02-01", "2025-02-28"),
    ("The summit in November is awaited.", d("2025-09-08"), "November", "2025-11-01", "2025-11-30"),
])
def test_months_without_year_take_the_year_nearest_the_reference(text: str, ref: dt.date, written: str,
                                                                  start: str, end: str) -> None:
    mention = only(text, ref)
    assert span(mention) == (written, d(start), d(end), "month")
    assert not mention.explicit_year


# ------------------------------------------------------------------ year precision

@pytest.mark.parametrize("text, written, start, end", [
    ("In 2023, both countries organized cultural exchange activities.", "2023", "2023-01-01", "2023-12-31"),
    ("2023 is a significant year for Vietnam-Japan relations.", "2023", "2023-01-01", "2023-12-31"),
    ("The two have been partners since 1973.", "1973", "1973-01-01", "1973-12-31"),
    ("Revenue for FY2023 rose 5%.", "2023", "2023-01-01", "2023-12-31"),
    ("the socio-economic development plan for the 2021-2025 period", "2021-2025", "2021-01-01", "2025-12-31"),
    ("Trade doubled from 2015 to 2022, customs data show.", "2015 to 2022", "2015-01-01", "2022-12-31"),
    ("the 2023/24 academic year", "2023/24", "2023-01-01", "2024-12-31"),
    ("Growth slowed in early 2024.", "early 2024", "2024-01-01", "2024-04-30"),
    ("Output fell in the second half of 2022.", "the second half of 2022", "2022-07-01", "2022-12-31"),
    ("Prices peaked in mid-2022, the central bank said.", "mid-2022", "2022-05-01", "2022-08-31"),
])
def test_years_ranges_of_years_and_parts_of_years_have_year_precision(text: str, written: str, start: str,
                                                                      end: str) -> None:
    assert span(only(text)) == (written, d(start), d(end), "year")


@pytest.mark.parametrize("text, is_target", [
    ("Vietnam aims to reach net zero by 2050.", True),
    ("The agreement is valid until 2030.", True),
    ("a strategy towards 2045 for the maritime economy", True),
    ("the national energy plan to 2030, with a vision to 2050", True),
    ("including net zero emission reduction in 2050.", True),
    ("in line with the target of 2030 set by the government", True),
    ("The two countries upgraded ties in 2023.", False),
    ("Exports are up 12% compared to 2022.", False),
    ("The two have been partners since 1973.", False),
    ("It met the target in 2019, officials said.", False),
    ("Inflation eased from mid-2022 to early 2023.", False),
    ("Power Development Plan 8 targets 2030 for coal phase-down.", True),
])
def test_deadline_and_target_years_are_marked(text: str, is_target: bool) -> None:
    mentions = [m for m in find_dates(text, REF) if m.precision == "year"]
    assert [m.is_target for m in mentions][-1:] == [is_target]


# ------------------------------------------------------------------ special days

@pytest.mark.parametrize("text, written, day", [
    ("On the first day of 2024, Japan experienced a severe earthquake.", "the first day of 2024", "2024-01-01"),
    ("The contract expires on the last day of 2023.", "the last day of 2023", "2023-12-31"),
    ("Celebrations were held on New Year's Day 2024.", "New Year's Day 2024", "2024-01-01"),
    ("Markets closed on Christmas Day 2022.", "Christmas Day 2022", "2022-12-25"),
    ("On the afternoon of January 1, 2024, a working group was set up.", "January 1, 2024", "2024-01-01"),
])
def test_special_day_phrases_name_a_single_day(text: str, written: str, day: str) -> None:
    assert span(only(text)) == (written, d(day), d(day), "day")


# ------------------------------------------------------------------ relative to the reference date

@pytest.mark.parametrize("text, written, start, end, precision", [
    ("The ministers met on Monday in Hanoi.", "Monday", "2023-12-18", "2023-12-18", "day"),
    ("The ministers met on Wednesday in Hanoi.", "Wednesday", "2023-12-20", "2023-12-20", "day"),
    ("The envoy arrived last Wednesday.", "last Wednesday", "2023-12-13", "2023-12-13", "day"),
    ("Talks resume next Friday.", "next Friday", "2023-12-22", "2023-12-22", "day"),
    ("The statement was issued yesterday.", "yesterday", "2023-12-19", "2023-12-19", "day"),
    ("Today, Vietnam and Japan are important partners.", "Today", "2023-12-20", "2023-12-20", "day"),
    ("Last week the two coast guards held drills.", "Last week", "2023-12-11", "2023-12-17", "day"),
    ("Bilateral trade fell last month.", "last month", "2023-11-01", "2023-11-30", "month"),
    ("The deal will be signed next month.", "next month", "2024-01-01", "2024-01-31", "month"),
    ("Exports rose 7% last year.", "last year", "2022-01-01", "2022-12-31", "year"),
    ("The plant opens this year.", "this year", "2023-01-01", "2023-12-31", "year"),
    ("The forum was held last May.", "last May", "2023-05-01", "2023-05-31", "month"),
])
def test_relative_dates_resolve_against_the_reference_date(text: str, written: str, start: str, end: str,
                                                           precision: str) -> None:
    mention = only(text)
    assert span(mention) == (written, d(start), d(end), precision)
    assert not mention.explicit_year


@pytest.mark.parametrize("text, written", [
    ("The ministers met on Monday in Hanoi.", "Monday"),
    ("The statement was issued yesterday.", "yesterday"),
    ("Bilateral trade fell last month.", "last month"),
    ("Exports rose 7% last year.", "last year"),
    ("Foreign Minister Kamikawa is due to visit in October.", "October"),
    ("attended the summit in Tokyo from December 15-18.", "December 15-18"),
])
def test_without_a_reference_date_relative_and_partial_dates_are_unknown(text: str, written: str) -> None:
    assert span(only(text, ref=None)) == (written, None, None, "unknown")


@pytest.mark.parametrize("text, ref", [
    ("The delegation arrives tomorrow.", dt.date.max),
    ("They meet again next Monday.", dt.date(9999, 12, 28)),
    ("Talks continue next week.", dt.date.max),
    ("The statement was issued yesterday.", dt.date.min),
    ("The ministers met last Monday.", dt.date.min),
    ("Trade fell last week.", dt.date(1, 1, 3)),
])
def test_relative_dates_past_the_ends_of_the_calendar_are_unknown(text: str, ref: dt.date) -> None:
    """Found by tests/test_fuzz.py: a sidecar date at the calendar's edge raised OverflowError."""
    assert only(text, ref).precision == "unknown"


# ------------------------------------------------------------------ year inference from context

ARTICLE = """during President Vo Van Thuong's official visit to Japan (November 26-30, 2023).

Shortly after the upgrade, Prime Minister Pham Minh Chinh attended a summit in Tokyo from December 15-18.

In late May, Prime Minister Kishida invited him to the expanded G7 Summit in Hiroshima (May 18-21).

Citizen protection will remain a top priority.

On the first day of 2024, Japan experienced a severe earthquake.

Even in the face of extreme adversity, there were no reports of chaos.

"This is a crucial factor," the Ambassador stressed.

On the afternoon of January 1, a working group was established."""


@pytest.mark.parametrize("written, start, end", [
    ("December 15-18", "2023-12-15", "2023-12-18"),
    ("late May", "2023-05-21", "2023-05-31"),
    ("May 18-21", "2023-05-18", "2023-05-21"),
    ("January 1", "2024-01-01", "2024-01-01"),
])
def test_partial_dates_take_the_year_of_the_nearest_earlier_explicit_date(written: str, start: str,
                                                                          end: str) -> None:
    by_text = {m.text: m for m in find_dates(ARTICLE, dt.date(2024, 1, 10))}
    assert (by_text[written].start_date, by_text[written].end_date) == (d(start), d(end))


def test_context_year_beats_the_reference_date() -> None:
    mention = find_dates("Trade grew in 2019.\n\nIn March, a new route opened.", dt.date(2024, 1, 10))[-1]
    assert (mention.text, mention.start_date) == ("March", d("2019-03-01"))


@pytest.mark.parametrize("paragraphs_between, start", [
    (2, "2019-03-01"),   # three paragraphs back: still in reach
    (3, "2024-03-01"),   # four back: out of reach, nearest to the reference instead
])
def test_context_year_reaches_back_at_most_three_paragraphs(paragraphs_between: int, start: str) -> None:
    text = "\n\n".join(["Trade grew in 2019."] + ["Filler."] * paragraphs_between + ["In March, a route opened."])
    assert find_dates(text, dt.date(2024, 1, 10))[-1].start_date == d(start)


def test_blank_lines_left_by_cleaning_count_as_one_paragraph_break() -> None:
    text = "Trade grew in 2019.\n\n   \n\nOne.\n\nTwo.\n\nIn March, a route opened."
    assert find_dates(text, dt.date(2024, 1, 10))[-1].start_date == d("2019-03-01")


def test_target_years_do_not_set_the_context_year() -> None:
    text = "Vietnam aims for net zero by 2050. Leaders met on March 3."
    assert find_dates(text, dt.date(2024, 1, 10))[-1].start_date == d("2024-03-03")


def test_later_dates_are_not_used_as_context() -> None:
    text = "Leaders met on March 3. They had met in 2019."
    assert find_dates(text, dt.date(2024, 1, 10))[0].start_date == d("2024-03-03")


# ------------------------------------------------------------------ resolve_partial_date

@pytest.mark.parametrize("month, day, ref, context_year, year", [
    (12, 15, dt.date(2024, 1, 10), None, 2023),    # last month's event reported in January
    (1, 5, dt.date(2023, 12, 20), None, 2024),     # an event announced for early January
    (6, None, dt.date(2023, 6, 15), None, 2023),   # inside the month
    (3, 3, dt.date(2024, 1, 10), 2019, 2019),      # a year stated nearby wins
    (3, 3, None, None, None),                      # nothing to go on
    (2, 29, dt.date(2024, 1, 10), None, 2024),     # only years where the day exists
])
def test_resolve_partial_date(month: int, day: int | None, ref: dt.date | None, context_year: int | None,
                              year: int | None) -> None:
    assert resolve_partial_date(month, day, ref, context_year) == year


# ------------------------------------------------------------------ infer_reference_date

@pytest.mark.parametrize("text, reference", [
    ("Ties began on September 21, 1973. The visit ran from November 27-30, 2023.", "2023-11-30"),
    ("On the first day of 2024, an earthquake struck. The visit was in November 2023.", "2024-01-01"),
    ("HANOI, 2023-05-18 - The talks opened on Monday.", "2023-05-18"),
    ("The visit took place in November 2023 and trade grew in 2023.", None),
    ("The ministers met on Monday, December 15.", None),
])
def test_reference_date_is_the_latest_full_date_stated(text: str, reference: str | None) -> None:
    assert infer_reference_date(text) == (d(reference) if reference else None)


# ------------------------------------------------------------------ not dates

@pytest.mark.parametrize("text", [
    "the 50th anniversary of diplomatic ties",
    "celebrating 50 years of friendship",
    "a community of 520,000 Vietnamese people, including 40,000 students",
    "the G7 Summit and the G20 leaders",
    "recovery from the COVID-19 pandemic",
    "The meeting started at 10:30 local time.",
    "a turnover of USD 2023 million",
    "the 1990s saw rapid growth",
    "a record of 12023 visitors",
    "a fleet of 2,023 vessels",
    "You may also like these stories.",
    "Protesters will march to the embassy.",
    "Theresa May met the delegation.",
    "Decree No. 2023 on foreign investment",
    "The budget was 2023 billion dong.",
    "page 3 of 12",
    "Resolution 2023/ND-CP on labour",
    "Call the hotline +84 2023 4567.",
    "The award went to Jun Ji-hyun.",
])
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_a_number_too_big_to_be_a_day_is_not_one() -> None:
    assert [m.text for m in find_dates("in May 500 people attended", REF)] == ["May"]


@pytest.mark.parametrize("text", [
    "The report was dated February 30, 2023.",
    "The festival runs from April 31 to May 2.",
    "Published 2023-02-30.",
    "It happened on February 29, 2023.",
])
def test_impossible_calendar_dates_are_skipped(text: str) -> None:
    assert find_dates(text, REF) == []


# ------------------------------------------------------------------ mentions and offsets

def test_mentions_come_in_reading_order_without_overlap() -> None:
    text = "Signed on 27 November 2023, the deal follows talks in October 2023 and a visit in 2019."
    mentions = find_dates(text, REF)
    assert [m.text for m in mentions] == ["27 November 2023", "October 2023", "2019"]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_cue_words_are_not_part_of_the_mention_text() -> None:
    text = "The visit took place in September 2023."
    mention = only(text)
    assert mention.text == text[mention.start:mention.end] == "September 2023"


_DATE_PIECES = ["May", "Nov.", "December", "Monday", "27", "30th", "31", "2023", "1900", "2100", "-", "–", ",",
                "/", ".", "to", "and", "between", "in", "by", "late", "mid-", "the", "first", "day", "of", "last",
                "next", "week", "year", "today", "12023", "2,023", "\n\n", "net zero", "FY2023", "29", "February"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_DATE_PIECES), max_size=14).map(" ".join),
                 st.lists(st.sampled_from(_DATE_PIECES), max_size=14).map("".join),
                 st.text(max_size=80)),
       st.one_of(st.none(), st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))))
def test_any_text_gives_consistent_mentions_without_raising(text: str, ref: dt.date | None) -> None:
    mentions = find_dates(text, ref)
    for mention in mentions:
        assert mention.text == text[mention.start:mention.end]
        assert (mention.start_date is None) == (mention.end_date is None) == (mention.precision == "unknown")
        if mention.start_date and mention.end_date:
            assert mention.start_date <= mention.end_date
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))
    infer_reference_date(text)


def test_relative_dates_can_be_left_unanchored_when_the_reference_is_only_inferred() -> None:
    [mention] = find_dates("On Monday, the ministers met.", dt.date(2023, 9, 10), anchor_relative=False)
    assert (mention.text, mention.start_date, mention.precision) == ("Monday", None, "unknown")


# ------------------------------------------------------------------ speed does not change what is found

_LEAD_PIECES = _DATE_PIECES + ["Dec 4", "27/11/2023", "2023-11-27", "2019-2023", "2023/24", "the first day of",
                               "the end of", "the beginning of", "early", "New Year's Day", "Christmas Eve",
                               "THE LAST DAY OF", "LAST MONDAY", "Next May", "the first half of", "yesterday",
                               "TONIGHT", "this", "coming", "current", "month", "bathe", "atlast", "amid",
                               "İ", "ı", "ſ", "\u212a", "ß", "٣٠", "１２", "$", "No.", "A", "x", "_", "'s",
                               "٣/١١/2023", "1.2.2023", "12/3", "/", ".", "-", "2100", "1899", "210", "19",
                               "MONDAY", "may", "Sept.", "new year", "Christmas", "the\nend of", "the  first"]


def _leads_the_old_way(text: str) -> dict[str, set[int]]:
    """Each kind of lead as it was found before the one pass: a str.find loop per word in the
    folded text, a regex search for the names and for the phrases of several words."""
    import re

    from flows.normalise import dates
    from flows.scan import every_offset, fold_case

    folded = fold_case(text)
    assert folded is not None

    def found(words) -> set[int]:
        return {at for word in words for at in range(len(folded)) if folded.startswith(word.lower(), at)}

    phrases = {phrase for listed in (dates._BOUNDARY_PHRASES, dates._MONTH_PARTS, dates._YEAR_PARTS)
               for phrase in listed if " " in phrase}
    several = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return {
        "months": set(every_offset(re.compile("|".join(dates._MONTHS)), text)),
        "weekdays": set(every_offset(re.compile("|".join(dates._WEEKDAYS)), text)),
        "holiday": set(every_offset(dates._HOLIDAY_NAMES, text)),
        "phrases": set(every_offset(re.compile(several), folded)),
        **{kind: found(dates._single_words(words)) for kind, words in (
            ("boundary", dates._BOUNDARY_PHRASES), ("month_part", dates._MONTH_PARTS),
            ("year_part", dates._YEAR_PARTS), ("modifier", dates._MODIFIERS), ("day_word", dates._DAY_WORDS),
            ("period_modifier", dates._PERIOD_MODIFIERS))},
    }


_LEAD_TEXTS = st.one_of(st.lists(st.sampled_from(_LEAD_PIECES), max_size=16).map(" ".join),
                        st.lists(st.sampled_from(_LEAD_PIECES), max_size=16).map("".join),
                        st.text(max_size=80))


@settings(max_examples=500, deadline=None)
@given(_LEAD_TEXTS)
def test_the_one_pass_finds_the_words_and_names_the_word_by_word_search_found(text: str) -> None:
    from flows.normalise.dates import _lead_offsets

    leads, old = _lead_offsets(text), _leads_the_old_way(text)
    for kind in ("months", "weekdays", "holiday", "phrases", "boundary", "month_part", "year_part", "modifier",
                 "day_word", "period_modifier"):
        assert set(leads[kind]) == old[kind], kind
        assert leads[kind] == sorted(leads[kind]), kind   # each once, ascending, as matches_at needs


@settings(max_examples=500, deadline=None)
@given(_LEAD_TEXTS)
def test_every_offset_where_a_family_can_match_is_one_of_its_leads(text: str) -> None:
    """What makes trying the leads alone exact (flows.scan.matches_at): no match begins elsewhere,
    overlapping ones included."""
    from flows.normalise.dates import _FAMILIES, _FAMILY_LEADS, _lead_offsets

    leads = _lead_offsets(text)
    for family, (_, pattern) in _FAMILIES.items():
        starts = set().union(*(leads[kind] for kind in _FAMILY_LEADS[family]))
        assert {at for at in range(len(text) + 1) if pattern.match(text, at)} <= starts, family


@settings(max_examples=600, deadline=None)
@given(_LEAD_TEXTS)
def test_trying_families_only_at_their_leads_finds_what_finditer_finds(text: str) -> None:
    from flows.normalise.dates import _FAMILIES, _family_matches, _lead_offsets

    leads = _lead_offsets(text)
    for family, (_, pattern) in _FAMILIES.items():
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _family_matches(family, text, leads)] == expected, family


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_LEAD_PIECES), max_size=16).map(" ".join), st.text(max_size=80)),
       st.one_of(st.none(), st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))))
def test_which_matches_are_kept_does_not_depend_on_the_reference_date(text: str, ref: dt.date | None) -> None:
    """The scan made once per article (to infer its reference date) serves every reading of it.
    It is also the plain way: every match of every family read, then the longest kept where they
    overlap (the earlier, then the family listed first, among those as long); scan_dates reads only
    the matches no longer one overlaps."""
    from flows.normalise.dates import _FAMILIES, scan_dates

    found = []
    for family, (builder, pattern) in _FAMILIES.items():
        for match in pattern.finditer(text):
            candidate = builder(match, family, ref)
            if candidate is not None and candidate.end > candidate.start:
                found.append((candidate, family, match.start()))
    kept: list = []
    for item in sorted(found, key=lambda item: (item[0].start - item[0].end, item[0].start)):
        if all(item[0].end <= other.start or other.end <= item[0].start for other, _, _ in kept):
            kept.append(item)
    scan = scan_dates(text)
    assert tuple((family, offset) for _, family, offset in sorted(kept, key=lambda item: item[0].start)) == scan.matches
    readings = [_FAMILIES[family][0](_FAMILIES[family][1].match(text, offset), family, None)
                for family, offset in scan.matches]
    assert [as_written(found) for found in scan.read] == [as_written(found) for found in readings]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_LEAD_PIECES), max_size=16).map(" ".join),
                 st.lists(st.sampled_from(_DATE_PIECES), max_size=14).map("\n\n".join), st.text(max_size=80)))
def test_reference_date_read_from_the_scan_is_the_one_find_dates_gives(text: str) -> None:
    """infer_reference_date reads the scan's own readings instead of calling find_dates."""
    from flows.normalise.dates import DateScan, scan_dates

    days = [m.end_date for m in find_dates(text, None)
            if m.precision == "day" and m.explicit_year and m.end_date is not None]
    expected = max(days, default=None)
    scan = scan_dates(text)
    assert infer_reference_date(text) == infer_reference_date(text, scan) == expected
    assert infer_reference_date(text, DateScan(scan.matches)) == expected   # a scan without its readings
