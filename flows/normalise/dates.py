"""Find the dates an English news article states and turn them into calendar spans.

Mentions keep their offsets so extraction can cite them as evidence. A date written without a
year ("December 15-18") takes the year of the nearest earlier explicit date close by, as a reader
would; failing that, the year that puts it nearest the reference (publication) date. Matching is
compiled regular expressions over the vocabulary in dates.yaml: date phrasing in news copy is
regular, and a date-parsing library would still need these year-inference rules on top.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Final, Iterable, Iterator

from flows.data_files import read_yaml
from flows.scan import PhraseOffsets, every_offset, fold_case, matches_at, phrase_alternation, required_words

_VOCAB: Final[dict] = read_yaml("normalise/dates.yaml")

_Ymd = tuple[int | None, int, int | None]   # (year, None if unwritten; month; day, None = last of month)


class DateMention:
    """A record class (see flows.native)."""
    start_date: Final[dt.date | None]
    end_date: Final[dt.date | None]     # == start_date for a single day; last day of month for month precision
    precision: Final[str]               # "day" | "month" | "year" | "unknown"
    text: Final[str]                    # as written, without the cue word: "in September 2023" -> "September 2023"
    start: Final[int]                   # text == input[start:end]
    end: Final[int]
    explicit_year: Final[bool]          # the year is written in this mention (not inferred)
    is_target: Final[bool]              # a deadline or target year ("by 2050"), not the date of an event

    def __init__(self, start_date: dt.date | None, end_date: dt.date | None, precision: str, text: str,
                 start: int, end: int, explicit_year: bool, is_target: bool) -> None:
        self.start_date = start_date
        self.end_date = end_date
        self.precision = precision
        self.text = text
        self.start = start
        self.end = end
        self.explicit_year = explicit_year
        self.is_target = is_target


class _Found:
    """A date as written, before a missing year is inferred; None bounds mean "cannot be resolved".
    A record class (see flows.native)."""
    start: Final[int]
    end: Final[int]
    first: Final[_Ymd | None]
    last: Final[_Ymd | None]
    precision: Final[str]
    explicit_year: Final[bool]
    is_target: Final[bool]

    def __init__(self, start: int, end: int, first: _Ymd | None, last: _Ymd | None, precision: str,
                 explicit_year: bool, is_target: bool) -> None:
        self.start = start
        self.end = end
        self.first = first
        self.last = last
        self.precision = precision
        self.explicit_year = explicit_year
        self.is_target = is_target


# ---------------------------------------------------------------- regular expression fragments

def _alternation(words: Iterable[str], escape: bool = True) -> str:
    """Longest first, so "September" is tried before "Sep" and "up to" before "to"."""
    if escape:   # as a trie (see flows.scan): the families are tried at every lead
        return phrase_alternation(words)
    return "|".join(sorted(words, key=len, reverse=True))


_MONTHS: Final = {name.capitalize(): number for name, number in _VOCAB["months"].items()}
_WEEKDAYS: Final = {name.capitalize(): number for name, number in _VOCAB["weekdays"].items()}
_ABBREVIATED: Final = {a for a in _MONTHS if any(n != a and n.startswith(a) for n in _MONTHS)}
_MODIFIERS: Final = {word: int(offset) for word, offset in _VOCAB["relative_modifiers"].items()}
_DAY_WORDS: Final = {word: int(offset) for word, offset in _VOCAB["relative_days"].items()}
_PERIOD_MODIFIERS: Final = {word: int(offset) for word, offset in _VOCAB["relative_periods"]["modifiers"].items()}
_MONTH_PARTS: Final = {" ".join(k.split()): v for k, v in _VOCAB["month_parts"].items()}
_YEAR_PARTS: Final = {" ".join(k.split()): v for k, v in _VOCAB["year_parts"].items()}
_YEAR_FRACTIONS: Final = {" ".join(k.split()): v for k, v in _VOCAB["year_fractions"].items()}
_HOLIDAYS: Final = [(re.compile(pattern), tuple(day)) for pattern, day in _VOCAB["holidays"].items()]
_TARGET_CUES: Final = frozenset(_VOCAB["target_cues"])
_COMPARISONS: Final = frozenset(_VOCAB["comparison_before_to"])
_CONTEXT_PARAGRAPHS: Final = int(_VOCAB["context_paragraphs"])


def _month(group: str, standalone: bool = False) -> str:
    """Capitalised names only, so the verbs "may" and "march" never match. A month standing without a day
    or year must be spelt out or abbreviated with a period: "by Jun" is more likely a name than June."""
    full = _alternation(set(_MONTHS) - _ABBREVIATED)
    period = r"\." if standalone else r"\.?"
    return rf"\b(?P<{group}>(?:{full})(?![A-Za-z])|(?:{_alternation(_ABBREVIATED)}){period}(?![A-Za-z]))"


def _day(group: str) -> str:
    """1-31 (optionally "27th"); not part of a bigger number, a decimal, a time or a percentage."""
    return (rf"(?<![\d.,:/$])(?P<{group}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
            rf"(?![\w:%]|\.\d|,\d{{3}}\b)")


_YEARS: Final = r"19\d\d|20\d\d|2100"
_YEAR_OPENINGS: Final = ("19", "20", "21")   # how each of _YEARS opens: the leads of the families that open with a year


def _year(group: str, guard_before: bool = True) -> str:
    """1900-2100, not glued to letters ("COVID-19", "A2023") or inside a bigger number ("12023", "2,023")."""
    prefixes = "|".join(f"(?<={re.escape(p)})" for p in _VOCAB["year_prefixes"])
    before = rf"(?:{prefixes}|(?<![A-Za-z]))(?<![\d.,:/])(?<![A-Za-z]-)" if guard_before else r"(?<!\d)"
    return rf"{before}(?P<{group}>{_YEARS})(?![\w%]|[.,]\d)"


def _connector(dashes: str) -> str:
    """The join of a range: a dash with optional spaces, or a range word between spaces."""
    return rf"(?P<conn>\s*[{re.escape(dashes)}]\s*|\s+(?i:{_alternation(_VOCAB['range_words'])})\s+)"


_CUE_BEFORE: Final = re.compile(rf"\b(?i:{_alternation(_VOCAB['cue_words'])})(?=\s+$)")
_PLAN_SPAN_BEFORE: Final = re.compile(rf"\b(?i:{_alternation(_VOCAB['plan_span_before'])})\s+(?:the\s+)?$")
_CONNECTOR: Final = _connector(_VOCAB["range_dashes"])
_YEAR_CONNECTOR: Final = _connector(_VOCAB["range_dashes"] + "/")   # years also pair with a slash: "2023/24"
_WEEKDAY_PREFIX: Final = rf"(?:\b(?:{_alternation(_WEEKDAYS)}),?\s+(?:the\s+)?)?"
_YEAR_TAIL: Final = rf"(?:,?\s+{_year('y1')})?"
_MODIFIER: Final = rf"(?P<mod>\b(?i:{_alternation(_MODIFIERS)}))\s+"
_PART_GAP: Final = r"(?:\s*-\s*|\s+)"

_NUMBER_BEFORE: Final = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(_VOCAB['number_before'])})\s?$")
_NUMBER_AFTER: Final = re.compile(rf"^\s?(?:{'|'.join(_VOCAB['number_after'])})(?![A-Za-z])")
_TARGET_CONTEXT: Final = re.compile(rf"\b(?:{'|'.join(_VOCAB['target_context'])})\b", re.IGNORECASE)
_CLAUSE_END: Final = re.compile(r"[.!?;\n]")
_PARAGRAPH_BREAK: Final = re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)*")
# A budget's year ("fiscal year (FY) 2024 assistance") is not the year later dates are in.
_FISCAL_YEAR: Final = re.compile(r"(?:fiscal\s+year|FY)\W*(?:\(FY\)\s*)?$", re.IGNORECASE)
_FISCAL_REACH: Final = 24
# "the 1965 normalisation", "the 1962 Water Agreement": a year written as the name of a past thing
# is that thing's year, not the year the text goes on in
_NAMING_YEAR: Final = re.compile(r"\s[A-Za-z]")
_THE_BEFORE: Final = re.compile(r"\b[Tt]he\s+$")
_OCCASION_AFTER: Final = re.compile(rf"\s+(?:[A-Z][\w.'’&-]*\s+){{0,5}}(?i:{_alternation(_VOCAB['occasion_words'])})\b")
_PREVIOUS_WORD: Final = re.compile(r"(\w+)\W*$")


# ---------------------------------------------------------------- calendar helpers

def _to_date(year: int, month: int, day: int | None) -> dt.date | None:
    """None instead of an exception: invalid dates such as "February 30" are skipped, not raised."""
    try:
        return dt.date(year, month, day if day is not None else calendar.monthrange(year, month)[1])
    except (ValueError, OverflowError):
        return None


def _exists(month: int, day: int | None) -> bool:
    """Whether the day exists in some year (2000 is a leap year, so February 29 passes)."""
    return _to_date(2000, month, day) is not None


def _distance(year: int, month: int, day: int | None, reference: dt.date) -> int:
    """Days from the reference to the day, or to the nearest edge of the month (0 inside it)."""
    first, last = _to_date(year, month, day or 1), _to_date(year, month, day)
    if first is None or last is None:
        return 10**6
    return max((first - reference).days, (reference - last).days, 0)


def resolve_partial_date(month: int, day: int | None, reference_date: dt.date | None,
                         context_year: int | None) -> int | None:
    """A year stated nearby beats proximity to publication; ties go to the past (news reports what happened)."""
    if context_year is not None:
        return context_year
    if reference_date is None or not 1 <= month <= 12:
        return None
    years = [reference_date.year + shift for shift in (-1, 0, 1)]
    return min(years, key=lambda year: (_weighted_distance(year, month, day, reference_date), year))


def _weighted_distance(year: int, month: int, day: int | None, reference: dt.date) -> int:
    """News tells what happened: a day or month ahead of the reference counts half as far again as
    one behind it ("her visit to Hanoi in February", told in September, was the last February)."""
    distance = _distance(year, month, day, reference)
    first = _to_date(year, month, day or 1)
    return distance * 3 if first is not None and first > reference else distance * 2


# ---------------------------------------------------------------- one builder per family

def _cue(m: re.Match) -> tuple[str, int]:
    """The cue word right before the mention ("in", "by", "between") and where it starts; ("", -1) if none."""
    start = m.start("date")
    found = _CUE_BEFORE.search(m.string, max(0, start - 30), start)
    return (" ".join(found.group().lower().split()), found.start()) if found else ("", -1)


def _month_number(name: str) -> int:
    return _MONTHS[name.rstrip(".")]


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _written(m: re.Match, first: _Ymd | None, last: _Ymd | None, precision: str,
             explicit: bool = True, is_target: bool = False) -> _Found:
    return _Found(m.start("date"), m.end("date"), first, last, precision, explicit, is_target)


def _unresolved(m: re.Match) -> _Found:
    """Relative dates without a reference date: still reported, so callers know a date was stated."""
    return _written(m, None, None, "unknown", explicit=False)


def _impossible(m: re.Match) -> _Found:
    """Claims its span so "February 30, 2023" is dropped whole rather than reported as the year 2023."""
    return _written(m, None, None, "impossible", explicit=False)


def _calendar_days(m: re.Match, family: str, ref: dt.date | None) -> _Found | None:
    """Single days and day ranges written with month names; a missing month or year comes from the other end."""
    g = m.groupdict()
    if (g.get("conn") or "").strip().lower() == "and" and _cue(m)[0] != "between" and not _next_day_of_month(g):
        return None   # "November 27 and 30" are two days, not a range; "8 and 9 April" is a two-day span
    month1, month2 = _month_number(g.get("m1") or g["m2"]), _month_number(g.get("m2") or g["m1"])
    day1, day2 = int(g["d1"]), int(g.get("d2") or g["d1"])
    year1 = _int(g.get("y1"))
    year2 = _int(g.get("y2")) if "range" in family else year1   # None: inferred from the start
    if not (_exists(month1, day1) and _exists(month2, day2)):
        return _impossible(m)
    return _written(m, (year1, month1, day1), (year2, month2, day2), "day", bool(year1 or year2))


def _next_day_of_month(g: dict) -> bool:
    """ "8 and 9 April", "March 8 and 9": the second day is the day after the first, in its month."""
    one_month = g.get("m1") is None or g.get("m2") is None or g["m1"] == g["m2"]
    return one_month and g.get("d2") is not None and int(g["d2"]) == int(g["d1"]) + 1


def _numeric(m: re.Match, family: str, ref: dt.date | None) -> _Found | None:
    """ISO "2023-11-27"; "27/11/2023" is day-first unless the middle number cannot be a month."""
    if m["y1"]:
        year, month, day = int(m["y1"]), int(m["a"]), int(m["b"])
    else:
        year, first, second = int(m["y2"]), int(m["b2"]), int(m["a2"])
        day, month = (second, first) if second > 12 else (first, second)
    if _to_date(year, month, day) is None:
        return _impossible(m)
    return _written(m, (year, month, day), (year, month, day), "day")


def _boundary_day(m: re.Match, family: str, ref: dt.date | None) -> _Found:
    """"the first day of 2024" -> 1 January; "the last day of November" -> 30 November."""
    is_first = m["which"].lower() == "first"
    year = _int(m["y1"] or m["y2"])
    month = _month_number(m["m1"]) if m["m1"] else (1 if is_first else 12)
    day = 1 if is_first else None
    return _written(m, (year, month, day), (year, month, day), "day", year is not None)


def _holiday(m: re.Match, family: str, ref: dt.date | None) -> _Found:
    month, day = next(day for pattern, day in _HOLIDAYS if pattern.fullmatch(m["hol"]))
    year = _int(m["y1"])
    return _written(m, (year, month, day), (year, month, day), "day", year is not None)


def _month_span(m: re.Match, family: str, ref: dt.date | None) -> _Found | None:
    """Whole months ("September 2023", "in October") and parts of them ("late May" -> 21st to month end).
    A month name alone is a date only after a cue word: "in May" is, "May Day" and "Theresa May" are not."""
    if family == "month" and not _cue(m)[0] and not _names_an_occasion(m):
        return None
    month, year = _month_number(m["m1"]), _int(m.groupdict().get("y1"))
    first_day, last_day = 1, None
    if family == "month_part":
        first_day, last_day = _MONTH_PARTS[" ".join(m["part"].lower().split())]
    return _written(m, (year, month, first_day), (year, month, last_day), "month", year is not None)


def _names_an_occasion(m: re.Match) -> bool:
    """ "the December U.S.-Africa Leaders Summit", "the March visit": a month naming when an
    occasion takes place."""
    start, end = m.start("date"), m.end("date")
    return _THE_BEFORE.search(m.string, max(0, start - 5), start) is not None \
        and _OCCASION_AFTER.match(m.string, end) is not None


def _year_span(m: re.Match, family: str, ref: dt.date | None) -> _Found | None:
    """Years, year ranges ("2021-2025", "2023/24") and parts of years ("early 2024" -> January-April)."""
    text, g = m.string, m.groupdict()
    year1 = int(g["y1"])
    year2 = _year_range_end(m, year1) if family == "year_range" else year1
    if year2 is None or _is_quantity(text, m.start("date"), m.end("date")):
        return None
    first_month, last_month = 1, 12
    if family == "year_part":
        first_month, last_month = _YEAR_PARTS[" ".join(g["part"].lower().split())]
    # a span of years a plan or fund is "for" ("an investment opportunity for 2026-2030", "covering the
    # period 2026-2030") is a target
    target = _PLAN_SPAN_BEFORE.search(text, max(0, m.start("date") - 30), m.start("date")) is not None \
        if family == "year_range" else _is_target(text, m, year1, ref)
    return _written(m, (year1, first_month, 1), (year2, last_month, None), "year", is_target=target)


def _year_fraction(m: re.Match, family: str, ref: dt.date | None) -> _Found:
    """ "In the second half of the year", "in the third quarter": the months of the year the text
    is about (a year stated before it, else the one nearest the reference date)."""
    first_month, last_month = _YEAR_FRACTIONS[" ".join(m["part"].lower().split())]
    return _written(m, (None, int(first_month), 1), (None, int(last_month), None), "year", explicit=False)


def _year_range_end(m: re.Match, year1: int) -> int | None:
    """Two-digit ends only after a dash or slash ("2023-24"); "and" only after "between"; the end must come later."""
    connector = m["conn"].strip().lower()
    if connector == "and" and _cue(m)[0] != "between":
        return None
    if m["yy"] and connector.isalpha():
        return None
    year2 = year1 // 100 * 100 + int(m["yy"]) if m["yy"] else int(m["y2"])
    return year2 if year2 > year1 else None


def _is_quantity(text: str, start: int, end: int) -> bool:
    """"USD 2023", "No. 2023", "2023 million", "2023 people": four digits that count, not a year."""
    # _NUMBER_AFTER opens with "^": match, not search, which would try every offset of the slice
    return bool(_NUMBER_BEFORE.search(text[max(0, start - 12):start]) or _NUMBER_AFTER.match(text[end:end + 16]))


def _is_target(text: str, m: re.Match, year: int, ref: dt.date | None) -> bool:
    """A deadline cue right before ("by 2050") or a target phrase earlier in the clause ("net zero ... in 2050")."""
    cue, cue_start = _cue(m)
    if cue in _TARGET_CUES:
        return not (cue == "to" and _to_compares_or_ends_a_range(text, cue_start))
    if ref is not None and year < ref.year:
        return False   # targets are not in the past: "met the target in 2019" reports an event
    window = text[max(0, m.start("date") - int(_VOCAB["target_context_window"])):m.start("date")]
    return bool(_TARGET_CONTEXT.search(_CLAUSE_END.split(window)[-1]))


def _to_compares_or_ends_a_range(text: str, to_offset: int) -> bool:
    """"compared to 2022" compares; "from mid-2022 to early 2023" ends a range that starts with a date."""
    match = _PREVIOUS_WORD.search(text[max(0, to_offset - 30):to_offset])
    word = match.group(1).lower() if match else ""
    return word in _COMPARISONS or word.isdigit() or word.capitalize() in _MONTHS


def _relative_month(m: re.Match, family: str, ref: dt.date | None) -> _Found:
    """"last May" is the latest May before the reference month, "next May" the first after, "this May" its year."""
    if ref is None:
        return _unresolved(m)
    month, direction = _month_number(m["m1"]), _MODIFIERS[m["mod"].lower()]
    year = ref.year
    if direction < 0 and month >= ref.month:
        year -= 1
    elif direction > 0 and month <= ref.month:
        year += 1
    return _written(m, (year, month, 1), (year, month, None), "month", explicit=False)


def _weekday(m: re.Match, family: str, ref: dt.date | None) -> _Found:
    """Bare weekdays are the latest such day on or before the reference; "last" excludes it, "next" looks ahead."""
    if ref is None:
        return _unresolved(m)
    weekday, direction = _WEEKDAYS[m["wd"]], _MODIFIERS.get((m["mod"] or "").lower(), 0)
    pinned = _pinned_weekday(ref, weekday, m["dom"])
    if pinned is not None:
        return _ymd_span(m, pinned, pinned, "day")
    if direction > 0:
        day = _plus_days(ref, (weekday - ref.weekday()) % 7 or 7)
    else:
        back = (ref.weekday() - weekday) % 7
        day = _plus_days(ref, -(back or (7 if direction < 0 else 0)))
    return _ymd_span(m, day, day, "day")


_PINNED_REACH: Final = 6   # days either side of the reference where "Wednesday (23)" is looked for


def _pinned_weekday(ref: dt.date, weekday: int, day_of_month: str | None) -> dt.date | None:
    """A weekday followed by its day of the month ("on Monday (21)", a habit of Portuguese- and
    Spanish-language agencies) is that day nearest the reference, before or after it."""
    if day_of_month is None:
        return None
    for offset in sorted(range(-_PINNED_REACH, _PINNED_REACH + 1), key=abs):
        day = _plus_days(ref, offset)
        if day is not None and day.weekday() == weekday and day.day == int(day_of_month):
            return day
    return None


def _relative_day(m: re.Match, family: str, ref: dt.date | None) -> _Found:
    if ref is None:
        return _unresolved(m)
    day = _plus_days(ref, _DAY_WORDS[m["word"].lower()])
    return _ymd_span(m, day, day, "day")


def _relative_period(m: re.Match, family: str, ref: dt.date | None) -> _Found:
    """Weeks run Monday-Sunday and keep day precision (a 7-day range); months and years keep their own."""
    if ref is None:
        return _unresolved(m)
    offset, unit = _PERIOD_MODIFIERS[m["mod"].lower()], m["unit"].lower()
    if unit == "week":
        monday = _plus_days(ref, 7 * offset - ref.weekday())
        sunday = _plus_days(monday, 6) if monday else None
        if offset == 0:
            monday, sunday = _week_part_told(m, monday, sunday, ref)
        return _ymd_span(m, monday, sunday, "day")
    if unit == "month":
        year, month_index = divmod(ref.year * 12 + ref.month - 1 + offset, 12)
        month = month_index + 1
        first: _Ymd = (year, month, 1)
        last: _Ymd = (year, month, None)
        precision = "month"
    else:
        months = _year_part_before(m)
        first, last, precision = (ref.year + offset, months[0], 1), (ref.year + offset, months[1], None), "year"
    if offset == 0:
        first, last = _part_told(m, first, last, ref)
    return _written(m, first, last, precision, explicit=False)


_PART_BEFORE: Final = re.compile(rf"\b(?P<part>(?i:{_alternation(_YEAR_PARTS)})){_PART_GAP}$")


def _year_part_before(m: re.Match) -> tuple[int, int]:
    """The months of "early next year", "the second half of this year", as of "early 2024"."""
    part = _PART_BEFORE.search(m.string, max(0, m.start("date") - 24), m.start("date"))
    if part is None:
        return 1, 12
    first_month, last_month = _YEAR_PARTS[" ".join(part["part"].lower().split())]
    return int(first_month), int(last_month)


def _part_told(m: re.Match, first: _Ymd, last: _Ymd, ref: dt.date) -> tuple[_Ymd, _Ymd]:
    """ "Earlier this year" ends on the reference day, "later this month" starts the day after it."""
    before = m.string[max(0, m.start("date") - 8):m.start("date")].lower()
    if before.endswith("earlier "):
        return first, (ref.year, ref.month, ref.day)
    if before.endswith("later "):
        following = ref + dt.timedelta(days=1)
        return ((following.year, following.month, following.day) if following.year == ref.year else first), last
    return first, last


def _week_part_told(m: re.Match, monday: dt.date | None, sunday: dt.date | None,
                    ref: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """ "Later this week" runs from the reference day to Sunday, "earlier this week" from Monday to it."""
    before = m.string[max(0, m.start("date") - 8):m.start("date")].lower()
    if before.endswith("later "):
        return ref, sunday
    if before.endswith("earlier "):
        return monday, ref
    return monday, sunday


def _years_back(m: re.Match, family: str, ref: dt.date | None) -> _Found | None:
    """"Sixty-four years ago", "it has been 26 years since": the year that many years before the
    reference date (year precision: the day is not known). "for 26 years since" is a duration."""
    if m["back"].lower() == "since" and not _BEEN_BEFORE.search(m.string, 0, m.start("date")):
        return None
    if ref is None:
        return _unresolved(m)
    year = ref.year - _count_of(m["n"])
    return _written(m, (year, 1, 1), (year, 12, None), "year", explicit=False)


def _count_of(written: str) -> int:
    """ "64", "sixty-four", "Sixty four", "a" as a number."""
    if written.isdigit():
        return int(written)
    total = 0
    for word in re.split(r"[\s-]+", written.lower()):
        total += _BACK_TENS.get(word, 0) + _BACK_UNITS.get(word, 0)
    return total


def _plus_days(day: dt.date, days: int) -> dt.date | None:
    """None past the ends of the calendar (years 1 and 9999), where only a bogus reference date leads."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _ymd_span(m: re.Match, first: dt.date | None, last: dt.date | None, precision: str) -> _Found:
    if first is None or last is None:
        return _unresolved(m)
    return _written(m, (first.year, first.month, first.day), (last.year, last.month, last.day),
                    precision, explicit=False)


# "February, 8, 2023": a comma after the month only when a day and a year follow ("in May, 12 died" is no date)
_MONTH_DAY: Final = (rf"{_WEEKDAY_PREFIX}{_month('m1')}(?:,(?=\s+\d{{1,2}},\s+(?:19|20)\d\d))?\s+{_day('d1')}"
                     rf"{_YEAR_TAIL}")
_DAY_MONTH: Final = rf"{_WEEKDAY_PREFIX}{_day('d1')}\s+(?:of\s+)?{_month('m1')}{_YEAR_TAIL}"
_ISO: Final = rf"{_year('y1')}(?P<sep>[-/])(?P<a>1[0-2]|0?[1-9])(?P=sep)(?P<b>3[01]|[12]\d|0?[1-9])(?![\d/-])"
_DAY_FIRST_SEPARATORS: Final = "/."
_DAY_FIRST: Final = (rf"(?<![\d/.])(?P<b2>\d{{1,2}})(?P<sep2>[{re.escape(_DAY_FIRST_SEPARATORS)}])(?P<a2>\d{{1,2}})"
                     rf"(?P=sep2){_year('y2', False)}")
_DAY_FIRST_YEAR_AFTER: Final = range(4, 7)   # where its year starts: after 1-2 digits, a separator, 1-2 digits, a separator
_BOUNDARY: Final = rf"(?i:the\s+)?(?P<which>(?i:{_alternation(_VOCAB['boundary_days'])}))\s+day\s+of\s+"
_HOLIDAY: Final = rf"\b(?P<hol>{_alternation(_VOCAB['holidays'], escape=False)})"
_UNITS: Final = _alternation(_VOCAB["relative_periods"]["units"])
_BACK_UNITS: Final[dict[str, int]] = {str(k): int(v) for k, v in _VOCAB["years_back"]["units"].items()}
_BACK_TENS: Final[dict[str, int]] = {str(k): int(v) for k, v in _VOCAB["years_back"]["tens"].items()}
_BEEN_BEFORE: Final = re.compile(r"\b(?:been|is|it['’]s)\s+$", re.IGNORECASE)
_BACK_ONES: Final = [word for word, count in _BACK_UNITS.items() if count < 10 and word != "a"]
_BACK_WORDS: Final = (rf"(?i:(?:{_alternation(_BACK_TENS)})(?:[\s-](?:{_alternation(_BACK_ONES)}))?"
                      rf"|{_alternation(_BACK_UNITS)})")
_YEARS_BACK: Final = rf"(?P<n>(?<![\d.,])\d{{1,2}}(?![\d.,]\d)|\b{_BACK_WORDS})\s+years?\s+"

# Each family: (builder, pattern). Group "date" is the mention text.
# Overlaps are settled by _select (longest wins), so the order here does not matter.
_FAMILIES: Final = {name: (builder, re.compile(pattern)) for name, (builder, pattern) in {
    "month_day_range": (_calendar_days, rf"(?P<date>{_MONTH_DAY}{_CONNECTOR}"
                                        rf"(?:{_month('m2')}\s+)?{_day('d2')}(?:,?\s+{_year('y2')})?)"),
    "day_month_range": (_calendar_days, rf"(?P<date>{_day('d1')}(?:\s+(?:of\s+)?{_month('m1')}{_YEAR_TAIL})?"
                                        rf"{_CONNECTOR}{_day('d2')}\s+(?:of\s+)?{_month('m2')}"
                                        rf"(?:,?\s+{_year('y2')})?)"),
    "month_day": (_calendar_days, rf"(?P<date>{_MONTH_DAY})"),
    "day_month": (_calendar_days, rf"(?P<date>{_DAY_MONTH})"),
    "numeric": (_numeric, rf"(?P<date>{_ISO}|{_DAY_FIRST})"),
    "boundary_day": (_boundary_day, rf"(?P<date>{_BOUNDARY}(?:{_month('m1')}{_YEAR_TAIL}|{_year('y2')}))"),
    "holiday": (_holiday, rf"(?P<date>{_HOLIDAY}{_YEAR_TAIL})"),
    "month_part": (_month_span, rf"(?P<date>(?P<part>\b(?i:{_alternation(_MONTH_PARTS)})){_PART_GAP}"
                                rf"{_month('m1')}{_YEAR_TAIL})"),
    "month_year": (_month_span, rf"(?P<date>{_month('m1')},?\s+{_year('y1')})"),
    "month": (_month_span, rf"(?P<date>{_month('m1', True)})"),
    "year_part": (_year_span, rf"(?P<date>(?P<part>\b(?i:{_alternation(_YEAR_PARTS)})){_PART_GAP}"
                              rf"{_year('y1', False)})"),
    "year_fraction": (_year_fraction, rf"(?P<date>(?P<part>\b(?i:{_alternation(_YEAR_FRACTIONS)}))"
                                      rf"(?:\s+of\s+the\s+year\b|(?!\s+of\b)))"),
    "year_range": (_year_span, rf"(?P<date>{_year('y1')}{_YEAR_CONNECTOR}"
                               rf"(?:{_year('y2', False)}|(?P<yy>\d\d)(?![\w%]|[.,]\d)))"),
    "year": (_year_span, rf"(?P<date>{_year('y1')})"),
    "relative_month": (_relative_month, rf"(?P<date>{_MODIFIER}{_month('m1', True)})(?!\s*\d)"),
    "weekday": (_weekday, rf"(?P<date>(?:{_MODIFIER})?\b(?P<wd>{_alternation(_WEEKDAYS)})(?![A-Za-z])"
                          rf"(?:\s?\((?P<dom>[0-3]?\d)\))?)"),
    "relative_day": (_relative_day, rf"(?P<date>\b(?P<word>(?i:{_alternation(_DAY_WORDS)}))\b)"),
    "relative_period": (_relative_period, rf"(?P<date>\b(?P<mod>(?i:{_alternation(_PERIOD_MODIFIERS)}))\s+"
                                          rf"(?P<unit>(?i:{_UNITS}))\b)"),
    "years_back": (_years_back, rf"(?P<date>{_YEARS_BACK}(?P<back>(?i:ago|since))\b)"),
}.items()}


# ---------------------------------------------------------------- where each family can match

# Tried at every offset, the families took ~9 ms per article; each is tried only at its leads
# instead (see flows.scan). Every family opens with one of these, so its matches begin only there:
# - a month or weekday name (case-sensitive: found as written);
# - a run of ASCII digits (every digit-led pattern has a look-behind refusing a digit before it,
#   so it starts where a run does): of one or two digits for a day (a day refuses a digit or
#   letter after it), or opening as a year does (19, 20, 21) for a year;
# - for a date written day first ("27/11/2023"), whose digits may be of any script: 4 to 6
#   characters before such a year, when a separator stands right before it;
# - a holiday name;
# - a word or phrase of its vocabulary in any case (ASCII words, found in the text folded to lower
#   case).
# Names, words and the words holidays hold are found in one pass over the folded text (see
# PhraseOffsets). tests/test_dates.py compares the result with plain finditer.
# Each run of ASCII digits once, with at most its next three digits: enough to tell a day's from a
# year's. (The pattern opens with a digit, which re finds fast, and then refuses one before it;
# "(?<![0-9])[0-9]" would be tried at every offset. [0-9] is tested faster than \d.)
_DIGIT_RUN: Final = re.compile(r"[0-9](?<![0-9][0-9])[0-9]{0,3}")
_DAY_DIGITS: Final = 2   # a day has one or two
_HOLIDAY_NAMES: Final = re.compile(_alternation(_VOCAB["holidays"], escape=False))
# Holiday names are rare: the words they hold ("christmas day", "new year"), looked for in the same
# pass as the other words, usually spare searching for them.
_HOLIDAY_WORDS: Final = required_words(_HOLIDAY_NAMES)
_BOUNDARY_PHRASES: Final = [*_VOCAB["boundary_days"], *(f"the {word}" for word in _VOCAB["boundary_days"])]


def _single_words(phrases: Iterable[str]) -> list[str]:
    return [phrase for phrase in phrases if " " not in phrase]


_LEAD_WORDS: Final = PhraseOffsets(
    {
        "boundary": _single_words(_BOUNDARY_PHRASES),
        "month_part": _single_words(_MONTH_PARTS),
        "year_part": _single_words(_YEAR_PARTS),
        "year_fraction": list(_YEAR_FRACTIONS),
        # the phrases of several words of the three lists above ("the first", "the end of", "the
        # second half of"), found in one search rather than one per list: each of those families is
        # tried at all of them, more offsets than it needs, which finds the same
        "phrases": [phrase for phrases in (_BOUNDARY_PHRASES, _MONTH_PARTS, _YEAR_PARTS)
                    for phrase in phrases if " " in phrase],
        "modifier": list(_MODIFIERS),
        "day_word": list(_DAY_WORDS),
        "period_modifier": list(_PERIOD_MODIFIERS),
        # "a" only as "a year": the one word would be a lead at every "a" of the text, each a step
        # of a Python loop even where the offset is then dropped (a years-back date opening with
        # "a" goes on with white space and "year")
        "back_words": [*_BACK_TENS, *(word for word in _BACK_UNITS if word != "a"), "a year"],
    },
    as_written={"months": list(_MONTHS), "weekdays": list(_WEEKDAYS)},
    literal={"holiday_words": _HOLIDAY_WORDS or ()},
    # "a" (as in "a decade ago") occurs inside most words: the years-back family opens at a word
    # start, so only offsets there can begin one of its matches
    at_word_start=("back_words",),
)
_FAMILY_LEADS: Final[dict[str, tuple[str, ...]]] = {
    "month_day_range": ("weekdays", "months"), "day_month_range": ("days",), "month_day": ("weekdays", "months"),
    "day_month": ("weekdays", "days"), "numeric": ("years", "day_first"),
    "boundary_day": ("boundary", "phrases"), "holiday": ("holiday",), "month_part": ("month_part", "phrases"),
    "month_year": ("months",), "month": ("months",), "year_part": ("year_part", "phrases"), "year_fraction": ("year_fraction",),
    "year_range": ("years",), "year": ("years",), "relative_month": ("modifier",),
    "weekday": ("modifier", "weekdays"), "relative_day": ("day_word",), "relative_period": ("period_modifier",),
    "years_back": ("days", "back_words"),
}
assert _FAMILY_LEADS.keys() == _FAMILIES.keys(), "every date family needs its leads"


def _lead_offsets(text: str) -> dict[str, list[int]] | None:
    """Kind of lead -> its ascending offsets in `text`; None where the folded text cannot be used
    (then every family is searched for at every offset)."""
    folded = fold_case(text)
    if folded is None:
        return None
    leads = _LEAD_WORDS.find(folded, text)
    gate_open = leads.pop("holiday_words") or _HOLIDAY_WORDS is None
    leads["holiday"] = every_offset(_HOLIDAY_NAMES, text) if gate_open else []
    leads["days"], leads["years"] = _digit_leads(text)
    leads["day_first"] = _day_first_leads(text, leads["years"])
    return leads


def _digit_leads(text: str) -> tuple[list[int], list[int]]:
    """Where the runs of ASCII digits start: (those a day can be, those that open as a year does)."""
    days, years = [], []
    for run in _DIGIT_RUN.finditer(text):
        digits = run.group()
        if len(digits) <= _DAY_DIGITS:
            days.append(run.start())
        if digits.startswith(_YEAR_OPENINGS):
            years.append(run.start())
    return days, years


def _day_first_leads(text: str, years: list[int]) -> list[int]:
    """Where a date written day first can start, given where years can: its digits may be of any
    script ("٣/١١/2023"), so it is found back from its year, which a separator precedes."""
    return sorted({year - before for year in years for before in _DAY_FIRST_YEAR_AFTER
                   if year >= before and text[year - 1] in _DAY_FIRST_SEPARATORS})


def _family_matches(family: str, text: str, leads: dict[str, list[int]] | None) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` gives for the family, found by trying only its leads."""
    pattern = _FAMILIES[family][1]
    if leads is None:
        return pattern.finditer(text)
    kinds = _FAMILY_LEADS[family]
    starts = leads[kinds[0]] if len(kinds) == 1 else sorted(set().union(*(leads[kind] for kind in kinds)))
    return matches_at(pattern, text, starts)


# ---------------------------------------------------------------- finding and resolving

_RELATIVE_FAMILIES: Final = frozenset({"relative_month", "weekday", "relative_day", "relative_period", "years_back"})


@dataclass(frozen=True)
class DateScan:
    """Where a text states dates: (family, offset) of each match kept once overlaps are settled,
    in reading order. Which matches are kept does not depend on the reference date, only how they
    are read does; so the scan made to infer an article's reference date (flows.ingest keeps it on
    the article) also serves extraction, which then reads the dates without searching again.

    `read`: each kept match as read without a reference date, which is all infer_reference_date
    needs (it would otherwise match and read every date again); empty when not known."""
    matches: tuple[tuple[str, int], ...]
    read: tuple[_Found, ...] = field(default=(), compare=False, repr=False)


def scan_dates(text: str) -> DateScan:
    """Where `text` states dates; find_dates and infer_reference_date read them from this."""
    leads = _lead_offsets(text)
    matches = [(match.start("date"), match.end("date"), family, match)
               for family in _FAMILIES for match in _family_matches(family, text, leads)]
    kept = _select(matches)
    return DateScan(tuple((family, match.start()) for family, match, _ in kept), tuple(read for _, _, read in kept))


_Candidate = tuple[int, int, str, re.Match]   # start and end of the mention (group "date"), family, match


def _select(matches: list[_Candidate]) -> list[tuple[str, re.Match, _Found]]:
    """Longest mention wins where matches overlap: "Monday, November 27, 2023" beats "Monday" and
    "2023"; among mentions as long, the earlier, then the family searched first. The kept ones
    out, (family, match, reading without a reference date), in reading order.

    A match is read (its builder run) only if no mention kept so far overlaps it: one that does is
    dropped whether or not it reads as a date, so this keeps what choosing longest first among
    all the readings keeps (a builder's reading spans group "date"), while most years, standing
    inside a longer date, are never read."""
    chosen: list[tuple[str, re.Match, _Found]] = []   # non-overlapping, so ordered by start and by end alike
    starts: list[int] = []
    ends: list[int] = []
    for start, end, family, match in sorted(matches, key=lambda item: (item[0] - item[1], item[0])):
        i = bisect.bisect_left(starts, start)
        if start < end and (i == 0 or ends[i - 1] <= start) and (i == len(starts) or end <= starts[i]):
            read = _FAMILIES[family][0](match, family, None)
            if read is not None:
                chosen.insert(i, (family, match, read))
                starts.insert(i, start)
                ends.insert(i, end)
    return chosen


def _read_scan(text: str, scan: DateScan, ref: dt.date | None, anchor_relative: bool) -> Iterator[_Found]:
    """The kept matches read against the reference date."""
    for family, offset in scan.matches:
        builder, pattern = _FAMILIES[family]
        anchor = ref if anchor_relative or family not in _RELATIVE_FAMILIES else None
        yield builder(pattern.match(text, offset), family, anchor)  # type: ignore


_NEAR_DAYS: Final = 31


def _resolve(found: _Found, text: str, context_year: int | None, ref: dt.date | None) -> DateMention | None:
    """Fill in a missing year (ranges crossing New Year add one to the end); None for impossible dates."""
    start_date = end_date = None
    precision = found.precision
    if precision == "impossible":
        return None
    if found.first is not None and found.last is not None:
        (year1, month1, day1), (year2, month2, day2) = found.first, found.last
        wraps = int(month2 < month1)
        if year1 is None and year2 is None:
            year1 = resolve_partial_date(month1, day1 if precision == "day" else None, ref, context_year)
        if year1 is None and year2 is not None:
            year1 = year2 - wraps
        if year1 is not None:
            year2 = year2 if year2 is not None else year1 + wraps
            start_date, end_date = _to_date(year1, month1, day1), _to_date(year2, month2, day2)
            if start_date is None or end_date is None or start_date > end_date:
                return None
        else:
            precision = "unknown"
    return DateMention(start_date, end_date, precision, text[found.start:found.end], found.start, found.end,
                       found.explicit_year, found.is_target)


def _near_the_reference(found: _Found, reference: dt.date | None) -> bool:
    """ "On 11 September, the President visited ..." in an article of 10 September 2024, paragraphs
    after a background "in January 2023": a day without a year within weeks of the reference is
    in the reference's season, whatever year an earlier paragraph named."""
    if reference is None or found.first is None or found.precision != "day" or found.first[0] is not None:
        return False
    _, month, day = found.first
    return min(_distance(reference.year + shift, month, day, reference) for shift in (-1, 0, 1)) <= _NEAR_DAYS


_YEAR_AFTER: Final = re.compile(r"\s*(?:of\s+)?$")
_RELATIVE_YEAR: Final = re.compile(r"(?:last|this|next|past|previous)\s+year$", re.IGNORECASE)


def _names_the_year_of(text: str, partial: DateMention, year: DateMention) -> bool:
    """ "July last year", "on 3 May this year": a relative year right after a day or month written
    without one is that date's year."""
    return not partial.explicit_year and partial.precision in ("day", "month") and partial.start_date is not None \
        and year.precision == "year" and year.start_date is not None and _RELATIVE_YEAR.search(year.text) is not None \
        and year.start - partial.end <= 4 and _YEAR_AFTER.match(text, partial.end, year.start) is not None


def _in_year(partial: DateMention, year: DateMention) -> DateMention:
    assert partial.start_date is not None and partial.end_date is not None and year.start_date is not None
    shift = year.start_date.year - partial.start_date.year
    start, end = _to_date(partial.start_date.year + shift, partial.start_date.month, partial.start_date.day), \
        _to_date(partial.end_date.year + shift, partial.end_date.month, partial.end_date.day)
    if start is None or end is None:
        return partial
    return DateMention(start, end, partial.precision, partial.text + " " + year.text, partial.start, year.end,
                       False, partial.is_target)


def _sets_context(mention: DateMention) -> bool:
    """Only explicit, non-target dates inside one calendar year tell later dates which year they are in."""
    return (mention.explicit_year and not mention.is_target and mention.start_date is not None
            and mention.end_date is not None and mention.start_date.year == mention.end_date.year)


def _names_a_thing(text: str, mention: DateMention) -> bool:
    """ "the 1965 normalisation": a bare year between "the" and a word."""
    return mention.precision == "year" and text.endswith("the ", 0, mention.start) \
        and _NAMING_YEAR.match(text, mention.end) is not None


def find_dates(text: str, reference_date: dt.date | None, *, anchor_relative: bool = True,
               scan: DateScan | None = None) -> list[DateMention]:
    """All date mentions in reading order; partial dates borrow the year of a recent explicit one.

    `anchor_relative=False` leaves "on Monday", "yesterday", "last week" unresolved (precision
    unknown): right when the reference date was only inferred from the text, since the article
    was published some unknown time after the latest date it states. `scan`: scan_dates(text),
    when the caller has it already."""
    if not text:
        return []
    paragraph_starts = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    mentions: list[DateMention] = []
    context: tuple[int, int] | None = None   # (paragraph, year) of the latest explicit date
    scan = scan if scan is not None else scan_dates(text)
    for found in _read_scan(text, scan, reference_date, anchor_relative):
        paragraph = bisect.bisect_right(paragraph_starts, found.start)
        in_reach = context is not None and paragraph - context[0] <= _CONTEXT_PARAGRAPHS
        if context is not None and in_reach and reference_date is not None and context[1] > reference_date.year:
            in_reach = paragraph == context[0]   # a plan "in 2025" dates only its own paragraph
        year = context[1] if in_reach else None  # type: ignore
        if year is not None and paragraph != context[0] and _near_the_reference(found, reference_date):  # type: ignore
            year = None
        mention = _resolve(found, text, year, reference_date)
        if mention is None:
            continue
        if mentions and _names_the_year_of(text, mentions[-1], mention):
            mentions[-1] = _in_year(mentions[-1], mention)   # "in July last year": July of last year
            continue
        mentions.append(mention)
        if _sets_context(mention) and not _FISCAL_YEAR.search(text, max(0, mention.start - _FISCAL_REACH), mention.start) \
                and not _names_a_thing(text, mention):
            context = (paragraph, mention.start_date.year)  # type: ignore
    return mentions


def infer_reference_date(text: str, scan: DateScan | None = None) -> dt.date | None:
    """An article undated by its source is at least as recent as the latest full date it states.

    Only days with a written year count, and their dates never depend on the year of an earlier
    date (that fills in missing years only): so the dates are read one by one, without the
    paragraph context find_dates builds, from the reading the scan already made when it has one."""
    if not text:
        return None
    scan = scan if scan is not None else scan_dates(text)
    read = scan.read if len(scan.read) == len(scan.matches) else tuple(_read_scan(text, scan, None, False))
    days = [mention.end_date for found in read
            if found.precision == "day" and found.explicit_year
            and (mention := _resolve(found, text, None, None)) is not None and mention.end_date is not None]
    return max(days, default=None)
