"""Read the numbers written in English news text as scaled, typed quantities.

Outlets around the world write numbers differently, so separators are read by their shape:
- "520,000", "1,234,567.5": a comma before a group of exactly three digits groups thousands.
- "520.000", "1.234.567": a dot before groups of exactly three digits, with no other decimal
  part, also groups thousands (continental and Vietnamese style). Two exceptions where a decimal
  is far likelier: after a leading zero ("0.125") and before a percent ("3.125%"). The price is
  that "US$1.125 billion" reads as 1,125 billion: the shape alone cannot tell the two apart.
- "1 500", "1\u00a0500", "1\u202f500": spaces before groups of exactly three digits group thousands.
- "1,5", "1,25": a comma followed by one or two digits and nothing more is a decimal comma.
- "1.234,5", "1,234.5": with both separators, the last one is the decimal point.

Ranges ("10-15 million", "10 to 15 million", "between 10 and 15 million") give one quantity:
the lower bound, qualifier "at_least", text covering the whole range; a scale or currency written
after the upper bound applies to both ends. After "from" the two numbers are a change ("rose from
1,500 to 2,400"): both are returned, each exact unless qualified. When the upper end is not larger it is no range:
after a dash it is a score or a code ("a 2-1 win") and gives nothing; after "to" or "and" only
the first number is read ("by 2030 to 43%"). Two bare years joined like a range ("2021-2025",
"from 2019 to 2023") are a period: both years are returned, year-like.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import lru_cache
from typing import Final

import pycountry

from flows.data_files import read_yaml
from flows.scan import GatedPattern, WordFinder, fold_case, phrase_alternation, search_at

_CONFIG: Final = read_yaml("normalise/numbers.yaml")
_SP: Final = r"[^\S\r\n]"  # a space or tab: a quantity never runs across a line break
_WORD_END: Final = r"(?![^\W\d_])"


class Quantity:
    """A record class (see flows.native)."""
    value: Final[float]          # fully scaled: "USD 44 billion" -> 44e9, "3.5%" -> 3.5
    unit: Final[str]             # "currency" | "percent" | "number"
    currency: Final[str | None]  # ISO 4217 code, or None (not money, or money of an unnamed currency)
    qualifier: Final[str]        # "exact" | "approximate" | "more_than" | "less_than" | "at_least" | "at_most"
    text: Final[str]             # the span as written, qualifier and currency included
    start: Final[int]
    end: Final[int]
    number_start: Final[int]     # where the currency/number starts, after the qualifier
    is_year_like: Final[bool]    # bare integer in the year range with nothing around it ("2023")

    def __init__(self, value: float, unit: str, currency: str | None, qualifier: str, text: str, start: int,
                 end: int, number_start: int, is_year_like: bool) -> None:
        self.value = value
        self.unit = unit
        self.currency = currency
        self.qualifier = qualifier
        self.text = text
        self.start = start
        self.end = end
        self.number_start = number_start
        self.is_year_like = is_year_like


def _phrases(phrases: list[str]) -> str:
    """Alternation of literal phrases, longest first so "more than" wins over "more" (as a trie:
    _QUANTITY tries its lists at most offsets of every sentence, see flows.scan)."""
    return phrase_alternation(phrases, f"{_SP}+", guard=True)


def _fragments(patterns: list[str]) -> str:
    """Alternation of YAML regex fragments whose spaces stand for any horizontal gap."""
    ordered = sorted(patterns, key=len, reverse=True)
    return "|".join(f"(?:{pattern.replace(' ', f'{_SP}+')})" for pattern in ordered)


def _normal(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _qualifier_meanings() -> dict[str, str]:
    """Phrase -> meaning for both sides; "-plus" is also known as "plus" for parse_qualifier."""
    meanings: dict[str, str] = {}
    for side in ("qualifiers_before", "qualifiers_after"):
        for meaning, phrases in _CONFIG[side].items():
            for phrase in phrases:
                meanings[_normal(phrase)] = meaning
                meanings.setdefault(_normal(phrase).lstrip("-"), meaning)
    return meanings


_SMALL_WORDS: Final[dict[str, int]] = _CONFIG["small_number_words"]
_TENS_WORDS: Final[dict[str, int]] = _CONFIG["tens_words"]
_NEEDS_SCALE: Final[dict[str, int]] = _CONFIG["needs_scale_words"]
_STANDALONE: Final[dict[str, int]] = _CONFIG["standalone_number_words"]
_HUNDRED: Final[str] = _CONFIG["hundred_word"]
_SCALE_FRACTIONS: Final[dict[str, float]] = _CONFIG["scale_fractions"]
_WORD_VALUES: Final = {**_SMALL_WORDS, **_TENS_WORDS, **_NEEDS_SCALE, **_STANDALONE}
_SCALE_WORDS: Final[dict[str, int]] = _CONFIG["scale_words"]
_GLUED_SCALES: Final[dict[str, int]] = _CONFIG["glued_money_scales"]
_QUALIFIERS: Final = _qualifier_meanings()
_SYMBOL_CODES: Final[dict[str, str]] = _CONFIG["currency_symbols"]
_ISO_CODES: Final = {c.alpha_3 for c in pycountry.currencies} - set(_CONFIG["ambiguous_currency_codes"])
_CODE_CURRENCIES: Final = {code: code for code in _ISO_CODES} | _CONFIG["extra_currency_codes"]
_NAME_CURRENCIES: Final = [
    (re.compile(_fragments([name]), re.IGNORECASE), code) for name, code in _CONFIG["currency_names"].items()
]
_NOT_AFTER_WORDS: Final = {word.lower() for word in _CONFIG["not_after_words"]}
_ADJECTIVE_QUALIFIERS: Final = {word.lower() for word in _CONFIG["adjective_qualifiers"]["words"]}
_DETERMINERS: Final = {word.lower() for word in _CONFIG["adjective_qualifiers"]["after"]}
_PARTICLE_VERBS: Final[dict[str, frozenset[str]]] = {
    particle: frozenset(verbs) for particle, verbs in _CONFIG["particle_verbs"].items()}
_YEAR_MIN: Final[int] = _CONFIG["year_like_range"][0]
_YEAR_MAX: Final[int] = _CONFIG["year_like_range"][1]
_ID_LIKE: Final = [GatedPattern(re.compile(pattern)) for pattern in _CONFIG["id_like_patterns"]]   # most need a "+", "0"...


def _words_pattern(bare_one: bool) -> str:
    """Spelled-out numbers below a thousand; "a"/"one" alone only before a scale word."""
    units = _phrases([w for w, v in _SMALL_WORDS.items() if 1 <= v <= 9])
    small_any = _phrases(list(_SMALL_WORDS))
    small_alone = _phrases([w for w in _SMALL_WORDS if bare_one or w not in _NEEDS_SCALE])
    tens = rf"(?:{_phrases(list(_TENS_WORDS))})(?:(?:-|{_SP}+)(?:{units}){_WORD_END})?{_WORD_END}"
    below_hundred = rf"(?:{tens}|(?:{small_any}){_WORD_END})"
    hundred = re.escape(_HUNDRED)
    hundreds = (rf"(?:{units}|{_phrases(list(_NEEDS_SCALE))})(?:-|{_SP}+){hundred}{_WORD_END}"
                rf"(?:{_SP}+(?:and{_SP}+)?{below_hundred})?")
    scales = _phrases(list(_SCALE_WORDS))
    before_scale = (rf"(?:{_phrases(list(_NEEDS_SCALE))}|{_phrases(list(_SCALE_FRACTIONS))})"
                    rf"(?=(?:-|{_SP}+)(?:{scales}){_WORD_END})")
    fractions = _phrases(_CONFIG["fraction_and_ordinal_words"])
    return (rf"(?:{hundreds}|{tens}|(?:{small_alone})|{before_scale}|(?:{_phrases(list(_STANDALONE))})){_WORD_END}"
            rf"(?!(?:-|{_SP}+)(?:{fractions}){_WORD_END})")


_DIGITS: Final = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"                      # 520,000  1,234.5
    r"|\d{1,2}(?:,\d{2})+,\d{3}"                            # 1,50,000 (South Asian grouping)
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?"                    # 520.000  1.234,5
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,5}(?:\.\d+|,\d{1,2})?"  # 1 500 (at most 18 digits: a long
                                                            # run of spaced groups is a table, not one number)
    r"|\d+(?:\.\d+|,\d{1,2})?"                              # 3.2  1,5  2023
    r")(?![\d/]|[.,:]\d)"
)
_HYPHEN_OR_SPACE: Final = rf"(?:{_SP}*|-)"  # compound adjectives: "a 3-billion-dollar deal"
_SCALE: Final = (rf"(?:(?:{_HYPHEN_OR_SPACE}(?:{_phrases(list(_SCALE_WORDS))})|{_SP}?(?:{_phrases(list(_GLUED_SCALES))}))"
                 rf"{_WORD_END}){{1,2}}")
_SYMBOLS: Final = rf"(?-i:{_phrases(list(_SYMBOL_CODES))})"
_MARK_CODES: Final[dict[str, str]] = _CONFIG["scaled_currency_marks"]
_MARKS: Final = rf"(?-i:{_phrases(list(_MARK_CODES))})"
_CODES: Final = rf"(?-i:{_phrases(list(_CODE_CURRENCIES))}){_WORD_END}"
_NAMES: Final = rf"(?:{_fragments(list(_CONFIG['currency_names']))}){_WORD_END}"
_PERCENT: Final = rf"(?:{_fragments(_CONFIG['percent_markers'])}){_WORD_END}"
_SYMBOL_CHARS: Final = re.escape("".join({c for s in _SYMBOL_CODES for c in s if not c.isalnum() and c != "."}))
_START: Final = rf"(?<![\w\-–/+#:{_SYMBOL_CHARS}])(?<!\d[.,])"
_END: Final = r"(?![\w/]|[.,:+]\d|-(?-i:[A-Z]{2}))"  # not inside "2+2", "10:30", "68-NQ/TW"


def _qualifier_pattern(side: str) -> str:
    """Words need a space between them and the number; symbols and hyphens are glued ("~40", "40+")."""
    phrases = [p for group in _CONFIG[f"qualifiers_{side}"].values() for p in group]
    edge = -1 if side == "before" else 0
    words = _phrases([p for p in phrases if p[edge].isalnum()])
    glued = _phrases([p for p in phrases if not p[edge].isalnum()])
    if side == "before":
        return rf"(?:(?:{words}){_SP}+|(?:{glued}){_SP}*)"
    return rf"(?:{glued}|{_SP}+(?:{words})){_WORD_END}"


def _quantity_pattern(with_range: bool) -> re.Pattern[str]:
    number = rf"(?:{_DIGITS}|{_words_pattern(bare_one=False)})"
    opener = rf"(?:(?P<between>{_phrases(_CONFIG['range_openers'])}){_SP}+)?" if with_range else ""
    separator = rf"(?:{_SP}*[-–—]{_SP}*|{_SP}+to{_SP}+|(?(between){_SP}+and{_SP}+|(?!)))"
    upper = (rf"(?:(?P<lower_scale>{_SCALE})?(?P<sep>{separator})(?:{_SYMBOLS}{_SP}?)?(?P<upper>{number}))?"
             if with_range else "")
    money_before = (rf"(?:(?P<symbol>{_SYMBOLS}){_SP}?|(?P<code_before>{_CODES}){_SP}*"
                    rf"|(?P<mark>{_MARKS}){_SP}?(?=\d))?")
    unit_after = (rf"(?:{_SP}*(?P<percent>{_PERCENT})|{_HYPHEN_OR_SPACE}(?P<code_after>{_CODES})"
                  rf"|(?:{_SP}+|-)(?P<name_after>{_NAMES}))?")
    return re.compile(
        rf"{_START}(?P<qualifier>{_qualifier_pattern('before')})?{opener}"
        rf"(?P<body>{money_before}(?P<number>{number}){upper}(?P<scale>{_SCALE})?{unit_after}"
        rf"(?P<after>{_qualifier_pattern('after')})?){_END}",
        re.IGNORECASE,
    )


_QUANTITY: Final = _quantity_pattern(with_range=True)


def _opening_pattern() -> str:
    """What every match of _QUANTITY opens with, in lower case: a qualifier written before, a range
    opener, a currency symbol or code, or a number (a digit or the first of its words). Words
    among these end where a non-letter follows: _QUANTITY wants a space or a hyphen after a
    qualifier, an opener or a number word that more words follow, and _WORD_END after the rest.
    Symbols and glued qualifiers ("US$5", "~40") may be followed by anything."""
    qualifiers = [p for group in _CONFIG["qualifiers_before"].values() for p in group]
    words = {p for p in qualifiers if p[-1].isalnum()} | set(_CONFIG["range_openers"]) | set(_CODE_CURRENCIES) \
        | set(_SMALL_WORDS) | set(_TENS_WORDS) | set(_NEEDS_SCALE) | set(_STANDALONE) | set(_SCALE_FRACTIONS)
    glued = {p for p in qualifiers if not p[-1].isalnum()} | set(_SYMBOL_CODES)
    space = f"{_SP}+"
    return (rf"(?=\d|{phrase_alternation({_normal(p) for p in glued}, space)}"
            rf"|(?:{phrase_alternation({_normal(p) for p in words}, space)}){_WORD_END}"
            rf"|(?:{phrase_alternation({_normal(p) for p in _MARK_CODES}, space)}){_SP}?\d)")


# Where a quantity can start, found in the text folded by fold_case (case-sensitively: re then
# rejects most words at their first letter, where _QUANTITY tries each of its case-insensitive
# word lists at every word of the text). Exact: every match of _QUANTITY starts where no word
# character comes before (_START) and with what _opening_pattern lists; fold_case keeps offsets
# and which characters are word characters and letters, and turns every character the phrases
# match ignoring case (or, for symbols and codes, in their case) into the lower-case letter.
# The character before is matched rather than looked behind at: a pattern that opens with a
# character class is searched fast; the start of the text is tried on its own.
_OPENING: Final = _opening_pattern()
_LEADS: Final = re.compile(rf"\W{_OPENING}")
_LEAD_AT_START: Final = re.compile(_OPENING)
_SINGLE: Final = _quantity_pattern(with_range=False)
_SCALED: Final = re.compile(rf"(?P<number>{_DIGITS}|{_words_pattern(bare_one=True)})(?P<scale>{_SCALE})?", re.IGNORECASE)
_GAPS: Final = re.compile(r"[ \u00a0\u202f]")
_TOKENS: Final = re.compile(r"[^\W\d_]+")
_LAST_WORD: Final = re.compile(rf"([^\W\d_]+){_SP}+$")
# _LAST_WORD tried only where a run of letters starts: the same match when one starts in the
# window searched (see _previous_word), without re-reading every word from each of its letters.
_LAST_RUN: Final = re.compile(rf"(?<![^\W\d_])([^\W\d_]+){_SP}+$")
_YEAR_DIGITS: Final = re.compile(r"\d{4}")
_DASHES: Final = frozenset("-–—")


def _number_words() -> WordFinder:
    """Every quantity holds a number: a digit, or a spelled-out number word that no letter follows.
    Words like "a" and "one" are numbers only before a scale word ("a million"), so the scale word
    is what is looked for. Lower case: looked for in text folded by flows.scan.fold_case, all in one
    pass (a regex search for them tried the words at every offset that opens like one)."""
    words = ((set(_SMALL_WORDS) - set(_NEEDS_SCALE)) | set(_TENS_WORDS) | {_HUNDRED} | set(_SCALE_WORDS)
             | set(_STANDALONE))
    if any(not word.isalpha() for word in words):
        raise ValueError("number words are single words of letters (see _has_number_word)")
    return WordFinder(word.lower() for word in words)


_DIGIT: Final = re.compile(r"\d")
_ASCII_DIGITS: Final = "0123456789"
_NUMBER_WORDS: Final = _number_words()


def may_hold_a_quantity(text: str, ignored: list[tuple[int, int]] | tuple = ()) -> bool:
    """False when find_quantities(text) can find no quantity that reaches outside the `ignored`
    spans (offsets in text, such as the dates a caller skips figures inside): no number word at all,
    and no digit outside them. A cheap test: most sentences hold no number, and scanning them with
    _QUANTITY was most of the time spent reading statistics."""
    if _has_digit(_outside(text, ignored) if ignored else text):
        return True
    folded = fold_case(text)
    return folded is None or _has_number_word(folded)


def _has_number_word(folded: str) -> bool:
    """Whether a number word occurs in the folded text with no ASCII letter right after it (where
    a search for "(?:word|...)(?![a-z])" finds one: any occurrence, inside a word or not)."""
    length = len(folded)
    for start, word in _NUMBER_WORDS.occurrences(folded):
        end = start + len(word)
        if end == length or not "a" <= folded[end] <= "z":
            return True
    return False


def _has_digit(text: str) -> bool:
    """_DIGIT.search(text), by ten `in` tests when the text is ASCII (several times faster); other
    texts may hold other scripts' digits, which the regex knows."""
    if not text.isascii():
        return _DIGIT.search(text) is not None
    for digit in _ASCII_DIGITS:
        if digit in text:
            return True
    return False


def _outside(text: str, spans: list[tuple[int, int]] | tuple) -> str:
    pieces, at = [], 0
    for start, end in sorted(spans):
        pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    return " ".join(pieces)


def find_quantities(text: str, checked: bool = False) -> list[Quantity]:
    """Every quantity in order; candidates that turn out not to be one restart one char later.
    `checked`: the caller found may_hold_a_quantity(text) true already (not asked again)."""
    found: list[Quantity] = []
    if not checked and not may_hold_a_quantity(text):
        return found
    blocked: list[tuple[int, int]] | None = None   # spans of phone numbers and codes, found when needed
    folded = fold_case(text)
    leads = _leads(folded) if folded is not None else None
    position = 0
    while (match := _QUANTITY.search(text, position) if leads is None
           else search_at(_QUANTITY, text, position, leads)) is not None:
        if blocked is None:
            blocked = [m.span() for pattern in _ID_LIKE for m in pattern.finditer(text, folded)]
        quantities = [q for q in _read(match, text) if not _overlaps(q, blocked)]
        found.extend(quantities)
        position = quantities[-1].end if quantities else match.start() + 1
    return found


def _leads(folded: str) -> list[int]:
    """Every offset where _QUANTITY may match, ascending (see _LEADS): given the folded text."""
    leads = [0] if _LEAD_AT_START.match(folded) else []
    leads += [match.end() for match in _LEADS.finditer(folded)]   # a match is the character before a lead
    return leads


def parse_scaled_number(text: str) -> float | None:
    """A bare number with its scale, for callers that already isolated one ("44 billion")."""
    match = _SCALED.fullmatch(text.strip())
    if match is None:
        return None
    value = _number_value(match.group("number"), percent=False) * _multiplier(match.group("scale"))[0]
    return value if math.isfinite(value) else None


def parse_qualifier(text: str) -> str:
    """Meaning of a qualifier phrase written before or after a number; anything else is exact."""
    return _QUALIFIERS.get(_normal(text), "exact")


def _read(match: re.Match[str], text: str) -> list[Quantity]:
    """The quantities one candidate stands for: none, one, or both years of a period."""
    if _is_adjective(match, text):
        unqualified = _QUANTITY.match(text, match.start("body"))
        return _read(unqualified, text) if unqualified else []
    if match.group("between") and not match.group("upper"):
        return _read_single(text, match.start("body"))
    if match.group("upper"):
        if _is_period(match):
            return [_year(match, "number"), _year(match, "upper")]
        if _is_change(match, text):
            return _change(match, text)
        lower, upper = _bounds(match)
        if not lower < upper:
            return [] if match.group("sep").strip() in _DASHES else _read_single(text, match.start())
    quantity = _quantity(match, text)
    return [quantity] if quantity else []


def _is_change(match: re.Match[str], text: str) -> bool:
    """ "rose from 1,500 to 2,400", "up from 10 to 15 million": two values, before and after; but
    "ranging from 10 to 15" is a range."""
    if match.group("sep").strip() != "to" or _previous_word(text, match.start()) not in _CHANGE_OPENERS:
        return False
    opener = _LAST_WORD.search(text, max(0, match.start() - _PREVIOUS_WORD_WINDOW), match.start())
    return opener is None or _previous_word(text, opener.start()) not in _RANGE_VERBS


def _change(match: re.Match[str], text: str) -> list[Quantity]:
    """Both values of a change, each exact unless qualified ("from about 35,000 to 48,000"); a
    scale or currency written once serves both ("from 10 to 15 million")."""
    both = _quantity(match, text)
    if both is None:
        return []
    lower, upper = _bounds(match)
    lower_end = match.end("lower_scale") if match.group("lower_scale") else match.end("number")
    upper_start = match.end("sep")
    return [Quantity(lower, both.unit, both.currency, parse_qualifier(match.group("qualifier") or ""),
                     text[match.start():lower_end], match.start(), lower_end, match.start("body"), False),
            Quantity(upper, both.unit, both.currency, parse_qualifier(match.group("after") or ""),
                     text[upper_start:match.end()], upper_start, match.end(), upper_start, False)]


def _read_single(text: str, position: int) -> list[Quantity]:
    quantity = _quantity(match, text) if (match := _SINGLE.match(text, position)) else None
    return [quantity] if quantity else []


def _quantity(match: re.Match[str], text: str) -> Quantity | None:
    currency, is_money = _money(match)
    needs_money = _multiplier(match.group("scale"))[1]
    if (needs_money and not is_money) or _after_a_fraction_word(text, match.start()):
        return None
    if match.group("mark") and not match.group("scale"):
        return None   # "R2", "Hong Kong SAR 25": a letter or a code, no money without a scale
    value = _bounds(match)[0]
    if not math.isfinite(value):
        return None
    percent = match.group("percent") is not None and not is_money
    qualifier = _qualifier(match)
    plain = not (is_money or percent or match.group("scale")) and qualifier == "exact"
    return Quantity(
        value=value,
        unit="currency" if is_money else "percent" if percent else "number",
        currency=currency,
        qualifier=qualifier,
        text=match.group(0),
        start=match.start(),
        end=match.end(),
        number_start=match.start("body"),
        is_year_like=plain and _is_year_text(match.group("number")),
    )


def _bounds(match: re.Match[str]) -> tuple[float, float]:
    """Lower and upper value (equal without a range); the trailing scale serves both ends."""
    groups = match.groupdict()
    percent = groups.get("percent") is not None
    multiplier = _multiplier(groups.get("scale"))[0]
    lower_multiplier = _multiplier(groups["lower_scale"])[0] if groups.get("lower_scale") else multiplier
    lower = _scaled(_number_value(groups["number"], percent), lower_multiplier)
    upper = _scaled(_number_value(groups["upper"], percent), multiplier) if groups.get("upper") else lower
    return lower, upper


def _scaled(value: float, multiplier: float) -> float:
    """value * multiplier in decimal arithmetic: "USD 4.1 billion" is 4100000000 exactly, not
    4099999999.9999995, so that the same figure written twice never looks like two values. (The
    shortest repr of a float is the number as written.)"""
    if multiplier == 1.0 or value.is_integer() or not math.isfinite(value) or not math.isfinite(multiplier):
        return value * multiplier   # exact already: most numbers are whole
    return float(Decimal(repr(value)) * Decimal(repr(multiplier)))


def _is_period(match: re.Match[str]) -> bool:
    bare = not any(match.group(g) for g in ("qualifier", "scale", "lower_scale", "symbol", "code_before", "mark",
                                            "percent", "code_after", "name_after", "after"))
    return bare and _is_year_text(match.group("number")) and _is_year_text(match.group("upper"))


def _year(match: re.Match[str], group: str) -> Quantity:
    start, end = match.span(group)
    return Quantity(float(match.group(group)), "number", None, "exact", match.group(group), start, end, start, True)


# The three readings below are cached: every candidate asks them, often twice, and the same few
# numbers and scales ("2023", "million", none) come back all the time.

@lru_cache(maxsize=4096)
def _is_year_text(written: str) -> bool:
    return bool(_YEAR_DIGITS.fullmatch(written)) and _YEAR_MIN <= int(written) <= _YEAR_MAX


@lru_cache(maxsize=4096)
def _number_value(written: str, percent: bool) -> float:
    return _digits_value(written, percent) if written[0].isdigit() else _words_value(written)


def _digits_value(written: str, percent: bool) -> float:
    """Separator rules are in the module docstring."""
    compact = _GAPS.sub("", written)
    last = max(compact.rfind(","), compact.rfind("."))
    if last < 0:
        return float(compact)
    whole, tail = re.sub(r"[.,]", "", compact[:last]), compact[last + 1:]
    both_separators = "," in compact and "." in compact
    if both_separators or len(tail) != 3 or _reads_as_decimal(compact, percent):
        return float(f"{whole}.{tail}")
    return float(whole + tail)


def _reads_as_decimal(compact: str, percent: bool) -> bool:
    """A three-digit tail that is still a decimal: "0.125", "0,125", "3.125%"."""
    return compact.startswith("0") or (percent and compact.count(".") == 1 and "," not in compact)


def _words_value(written: str) -> float:
    fraction = _SCALE_FRACTIONS.get(_normal(written))
    if fraction is not None:
        return fraction
    total = 0
    for token in _TOKENS.findall(written.lower()):
        if token == _HUNDRED:
            total = max(total, 1) * 100
        else:
            total += _WORD_VALUES.get(token, 0)
    return float(total)


@lru_cache(maxsize=1024)
def _multiplier(scale: str | None) -> tuple[float, bool]:
    """Product of the scale words, and whether one of them only means something for money."""
    multiplier, needs_money = 1.0, False
    for token in _TOKENS.findall((scale or "").lower()):
        if token in _SCALE_WORDS:
            multiplier *= _SCALE_WORDS[token]
        else:
            multiplier *= _GLUED_SCALES.get(token, 1)
            needs_money = True
    return multiplier, needs_money


def _money(match: re.Match[str]) -> tuple[str | None, bool]:
    """ISO code of the currency written before or after the amount, and whether it is money at all."""
    if match.group("symbol"):
        return _SYMBOL_CODES[match.group("symbol")], True
    if match.group("mark"):
        return _MARK_CODES[match.group("mark")], True
    code = match.group("code_before") or match.group("code_after")
    if code:
        return _CODE_CURRENCIES[code], True
    name = match.group("name_after")
    if name:
        return next((c for pattern, c in _NAME_CURRENCIES if pattern.fullmatch(name)), None), True
    return None, False


def _qualifier(match: re.Match[str]) -> str:
    if match.group("qualifier"):
        return parse_qualifier(match.group("qualifier"))
    if match.groupdict().get("upper"):
        return "at_least"
    return parse_qualifier(match.group("after") or "")


def _is_adjective(match: re.Match[str], text: str) -> bool:
    """The qualifier word is an adjective ("the above three areas") or a verb's particle ("handed
    over 12 ambulances"): no qualifier."""
    qualifier = _normal(match.group("qualifier") or "")
    if qualifier in _ADJECTIVE_QUALIFIERS:
        return _previous_word(text, match.start()) in _DETERMINERS
    return qualifier in _PARTICLE_VERBS and _previous_word(text, match.start()) in _PARTICLE_VERBS[qualifier]


_PREVIOUS_WORD_WINDOW: Final = 40   # characters
_CHANGE_OPENERS: Final = frozenset(_CONFIG["change_openers"]["words"])
_RANGE_VERBS: Final = frozenset(_CONFIG["change_openers"]["not_after"])


def _after_a_fraction_word(text: str, start: int) -> bool:
    """Whether the word before a candidate is one of _NOT_AFTER_WORDS ("half a million"). Asked of
    every candidate and hardly ever true: the window _previous_word reads is searched for the word
    only when it holds one of them in lower case. Exact: lower-casing goes character by character
    (but for the Greek final sigma, in no ASCII word), so a word that lower-cases to one of them
    leaves it in the lower-cased window."""
    window = text[max(0, start - _PREVIOUS_WORD_WINDOW):start].lower()
    return any(word in window for word in _NOT_AFTER_WORDS) and _previous_word(text, start) in _NOT_AFTER_WORDS


def _previous_word(text: str, start: int) -> str:
    """The word just before a candidate decides some readings: "half a million", "the above three"."""
    window = max(0, start - _PREVIOUS_WORD_WINDOW)
    # The leftmost match of _LAST_WORD starts where a run of letters starts (_LAST_RUN finds that),
    # or at the window's edge when the window cuts the run: then only there.
    previous = _LAST_RUN.search(text, window, start) or _LAST_WORD.match(text, window, start)
    return previous.group(1).lower() if previous else ""


def _overlaps(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(quantity.start < end and start < quantity.end for start, end in spans)
