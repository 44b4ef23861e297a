"""Statistics: quantities stated in a sentence, with what they count and the year they refer to.

The rules (flows/extract/statistics.yaml, one block per indicator) are loaded and checked by
flows/extract/statistic_rules.py; this module turns them into lookup tables once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Iterator

from flows.extract.common import compile_alternation, nearest_keyword
from flows.extract.context import ArticleContext, nearest
from flows.extract.statistic_rules import STATISTIC_RULES
from flows.ids import stable_id
from flows.normalise.dates import DateMention
from flows.normalise.numbers import Quantity, find_quantities, may_hold_a_quantity
from flows.normalise.places import country_code
from flows.scan import GatedPattern
from flows.sentences import Sentence

_RULES: Final = STATISTIC_RULES
_INDICATORS: Final = _RULES.indicators


def _whole(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{pattern})$", re.IGNORECASE)


def _keywords(setting: str) -> list[tuple[GatedPattern, dict]]:
    """Nearest-keyword table of one setting of the indicator blocks (gated: most sentences hold
    none of the words)."""
    return [(GatedPattern(compile_alternation(getattr(block, setting))), {"indicator": name})
            for name, block in _INDICATORS.items() if getattr(block, setting) is not None]


def _context_table(unit: str) -> list[tuple[GatedPattern, dict]]:
    return [(GatedPattern(compile_alternation(block.context)), {"indicator": name})
            for name, block in _INDICATORS.items() if block.context is not None and block.unit == unit]


_NOUNS: Final = [(_whole(block.counted_nouns), name) for name, block in _INDICATORS.items()
                 if block.counted_nouns is not None]
_PARTICIPLES: Final = [(_whole(block.participles), name) for name, block in _INDICATORS.items()
                       if block.participles is not None]
_SIZES: Final = [(_whole(block.size_of), name) for name, block in _INDICATORS.items() if block.size_of is not None]
_SIZE_WORD: Final = re.compile(rf"[-–](?:{_RULES.size_words})\b", re.IGNORECASE)
_STOPS: Final = _whole(_RULES.noun_search_stops)
_FREQUENCY: Final = _whole(_RULES.frequency_words)
_JOINERS: Final = _whole(_RULES.noun_joiners)
_NON_COUNTED: Final = _whole(_RULES.non_counted_nouns)
_GROUP_NOUNS: Final = _whole(_RULES.group_nouns)
_GROUP_PEOPLE: Final = _whole(_RULES.group_people)
_PEOPLE_VERBS: Final = _whole(_RULES.people_verbs)
_GROUP_DETERMINER: Final = re.compile(rf"\b(?:{_RULES.group_determiners})\s+$", re.IGNORECASE)
_PARTITIVE: Final = _whole(_RULES.partitive)
_IRREGULAR_PLURALS: Final = _whole(_RULES.plural_nouns)
_NOT_PLURAL: Final = _whole(_RULES.not_plural)
_MEASURES: Final = _whole(_RULES.measure_nouns)
_NOT_A_FIGURE_AFTER: Final = _whole(_RULES.not_a_figure_after)
_LABEL_VERBS: Final = _whole(_RULES.label_verbs.words)
_LABEL_VERB_SUBJECT: Final = re.compile(rf"\b(?:{_RULES.label_verbs.after})\s+\S+\s+$", re.IGNORECASE)
_RATIO: Final = re.compile(rf"(?:{_RULES.ratio_before})\s*$", re.IGNORECASE)
_POSSESSIVE: Final = re.compile(r"(?:['’]s?)$")
_AMOUNTS: Final = _keywords("amount_keywords")
_PERCENTS: Final = _keywords("percent_keywords")
_CONTEXTS: Final = {"person": _context_table("person"), "count": _context_table("count")}
_YEARS_AFTER: Final = compile_alternation(_RULES.year_noun_exclusions_after)
_YEARS_BEFORE: Final = re.compile(rf"\b(?:{_RULES.year_noun_exclusions_before})\s+$", re.IGNORECASE)
_DURATION_OPENER: Final = re.compile(rf"\b(?:{_RULES.duration_openers})\s+$", re.IGNORECASE)
# a word (abbreviations such as "U.S." whole), or one other character
# (a measure glued to a number is one word: "97-metre", "500-bed")
_TOKEN: Final = re.compile(r"\d[\d.,]*[-–][A-Za-z][\w'’-]*|[A-Za-z](?:\.[A-Za-z])+\.?|[A-Za-z][\w'’-]*|[^\sA-Za-z]")
_ABBREVIATION: Final = re.compile(r"[A-Za-z](?:\.[A-Za-z])+\.?")
_COMPOUND_ADJECTIVE: Final = re.compile(r"[-–][A-Za-z]")
_NUMBER_OF: Final = re.compile(rf"\b(?:{_RULES.number_of})\s+((?:[\w'’-]+\s+){{0,3}}[\w'’-]+)", re.IGNORECASE)
_CAPITALISED: Final = re.compile(r"[A-Z][A-Za-z.&]*")   # "Fortune", "H.R.", "E.O."
_NUMBER_NEXT: Final = re.compile(r"\s*(?:\d|[$€£¥]|US\$)")
_CONFIDENCE: Final = _RULES.confidence
_FALLBACKS: Final = frozenset((_RULES.fallback_amount, _RULES.fallback_percent, _RULES.fallback_count))
_WINDOW: Final = 40   # characters before a figure that the words deciding about it stand in
_VERB_QUALIFIERS: Final = [(GatedPattern(re.compile(rf"\b(?:{rule.pattern})\s+$", re.IGNORECASE)), rule.qualifier)
                           for rule in _RULES.verb_qualifiers]
_TARGET_BEFORE: Final = GatedPattern(re.compile(rf"\b(?:{_RULES.target_before})\s+$", re.IGNORECASE))
_CLAUSE_END: Final = re.compile(r"[,;:()]")
_SPREAD: Final = GatedPattern(compile_alternation(_RULES.spread_over_years_after))
_CLAUSES: Final = re.compile(r"[,;:(]")
_CLAUSE_BREAK: Final = re.compile(r";|,\s+(?:while|whereas|but)\b")
_JOINER: Final = re.compile(r"\s*(?:-|–|to|or|and)\s*")
_DAY_JOINER: Final = re.compile(r"(?:\s*(?:,|and|&|or|to|-|–)\s*\d{1,2})*\s*(?:,|and|&|or|to|-|–)\s*")
_FISCAL: Final = r"\s+(?:(?:fiscal\s+year|FY)\s*(?:\(FY\)\s*)?)?$"
# one search tells both roles of the words before a year (it is made for every year near a figure)
_YEAR_ROLE: Final = re.compile(rf"\b(?:(?:(?P<period>{_RULES.period_openers})|(?P<base>{_RULES.comparison_bases})){_FISCAL}"
                               rf"|(?P<bare>{_RULES.comparison_bases_of_a_year})\s+$)", re.IGNORECASE)
_REACHED: Final = re.compile(rf"\b(?:{_RULES.level_reached})\s+$", re.IGNORECASE)
_CAPITALISED_NEXT: Final = re.compile(r"[ -]([A-Z][a-z]+)")
_COMMA_NEXT: Final = re.compile(r"\s*,")
_AGE: Final = re.compile(r"[A-Z][\w'’-]*,\s*$")
_MULTI_YEAR: Final = GatedPattern(compile_alternation(_RULES.multi_year_markers))
_RELATIVE_YEARS: Final = [(GatedPattern(compile_alternation(rule.pattern)), rule.offset) for rule in _RULES.relative_years]
_REPORTED_YEARS: Final = tuple(_RULES.reported_years)
_EXCHANGE_RATE: Final = re.compile(_RULES.exchange_rate)
_EXCHANGE_RATE_WORDS: Final = re.compile(_RULES.exchange_rate_words, re.IGNORECASE)
_SLOGANS: Final = GatedPattern(re.compile(_RULES.slogans, re.IGNORECASE))
_DATELINE_AFTER: Final = re.compile(_RULES.dateline_after)
_DATELINE_REACH: Final = 200   # characters into the body a dateline may open a line at (after a byline)
_LOCAL_CURRENCIES: Final = _RULES.local_currencies
_EXPLICIT: Final = {local.mark: re.compile(local.explicit) for local in _LOCAL_CURRENCIES}
# "victims of the war, of whom about 40,000 are still alive": the number counts the people named before.
_OF_WHOM: Final = re.compile(r"\b(?:of|among)\s+whom\s+(?:(?:only|still|about|some|around|nearly|roughly|almost|over"
                             r"|approximately|more\s+than|at\s+least)\s+)?$", re.IGNORECASE)
_STRONG_NEXT: Final = re.compile(r"\s+strong\b")   # a group's size: "a community some 250,000 strong"
_POINTS_BACK: Final = re.compile(r"\b(?:the|this|that)\s+$", re.IGNORECASE)


class Head:
    """The noun a number counts. A record class (see flows.native)."""
    indicator: Final[str | None]   # the block whose nouns name it; None for a plural no block names
    unit: Final[str]               # the unit of a noun no block names: count, or person (a group of people)

    def __init__(self, indicator: str | None, unit: str = "count") -> None:
        self.indicator = indicator
        self.unit = unit


@dataclass(frozen=True)
class Reading:
    """What a quantity measures."""
    indicator: str
    unit: str
    confidence: float


def extract_statistics(ctx: ArticleContext) -> list[dict]:
    rows: dict[tuple, list[dict]] = {}   # by value, unit, currency and year
    previous: Sentence | None = None
    # a sentence's year when no date in it is near a figure, by (sentence index, whether the figure is a total)
    sentence_years: dict[tuple[int, bool], int | None] = {}
    undated: dict[tuple, list[dict]] = {}   # rows whose sentence states no year, by value, unit and currency
    for index, sentence in enumerate(ctx.sentences):
        context = previous.text if previous is not None and previous.paragraph == sentence.paragraph else ""
        previous = sentence
        readings = _readings(ctx, sentence, context)
        dated = bool(readings) and any(d.start_date and not d.is_target for d in ctx.dates_in(sentence))
        for quantity, reading, target in readings:
            row = _row(ctx, index, quantity, reading, sentence_years, target)
            key: tuple = (row["value"], row["unit"], row["currency"], row["year"])
            if any(_same_fact(row, earlier) for earlier in rows.get(key, []) + ([] if dated else undated.get(key[:3], []))) \
                    or _told_before(sentence.text, quantity, key, rows):
                continue   # (a figure told again with no year of its own is the same fact, whatever year it was given)
            rows.setdefault(key, []).append(row)
            if not dated:
                undated.setdefault(key[:3], []).append(row)
    return [row for same in rows.values() for row in same]


def _told_before(text: str, quantity: Quantity, key: tuple, rows: dict[tuple, list[dict]]) -> bool:
    """ "The $20.5 million package is worth ...": a figure after "the" points back to the same
    figure stated before, whatever year its new sentence names."""
    if _POINTS_BACK.search(text, max(0, quantity.start - 6), quantity.start) is None:
        return False
    return any(other[:3] == key[:3] for other in rows)


def _same_fact(row: dict, earlier: dict) -> bool:
    """The same figure stated again in another sentence is one fact, when it measures the same or
    was understood only once ("$45 million in loans" ... "the $45 million"); one sentence never
    states one fact twice."""
    return earlier["char_start"] != row["char_start"] and (
        earlier["indicator"] == row["indicator"] or earlier["indicator"] in _FALLBACKS or row["indicator"] in _FALLBACKS)


def _readings(ctx: ArticleContext, sentence: Sentence, context: str) -> list[tuple[Quantity, Reading, bool]]:
    """Each statistic of the sentence, with whether it is a target (a goal has no year)."""
    dates = ctx.dates_in(sentence)
    date_spans = [(d.start - sentence.start, d.end - sentence.start) for d in dates]
    if not may_hold_a_quantity(sentence.text, date_spans):
        return []   # figures inside dates are skipped below: most sentences need not be read at all
    found: list[tuple[Quantity, Reading, bool]] = []
    previous: Reading | None = None
    # may_hold_a_quantity above held with date spans ignored, so it holds without: not asked again
    text = sentence.text
    skipped = date_spans + _exchange_rates(text)
    quantities = [q for q in find_quantities(text, checked=True)
                  if not q.is_year_like and not _overlaps(q, skipped) and not _is_a_day(text, q, date_spans)
                  and not _in_a_slogan(text, q)]
    deadlines = [span for span, d in zip(date_spans, dates) if d.is_target]
    aims: tuple[bool, bool] | None = None   # asked once per sentence, when it holds a statistic
    for index, quantity in enumerate(quantities):
        joined = index + 1 < len(quantities) and _joined(text, quantity, quantities[index + 1])
        # "from 1,940 to 3,000 places": the first figure counts what the second does
        reading = read_quantity(text, quantities[index + 1] if joined else quantity, previous, context)
        if reading is None:
            continue
        if aims is None:
            aims = _TARGET_BEFORE.may_match(text), _SPREAD.may_match(text)
        found.append((quantity, reading, _is_target(text, quantity, deadlines, aims)))
        if reading.unit in ("person", "count"):
            previous = reading
    return found


def _exchange_rates(text: str) -> list[tuple[int, int]]:
    """Where the sentence tells an exchange rate ("($1 = 0.9245 euros)", "at an exchange rate of NOK
    11.70 per euro"): a conversion, whose figures are no statistics (an "=" and "rate" are rare: the
    patterns are searched only where they are)."""
    spans = [match.span() for match in _EXCHANGE_RATE.finditer(text)] if "=" in text else []
    if "rate of" in text:   # "calculated at an exchange rate of NOK 11.70 per euro"
        spans += [match.span() for match in _EXCHANGE_RATE_WORDS.finditer(text)]
    return spans


def _in_a_slogan(text: str, quantity: Quantity) -> bool:
    """ "we are one nation, two states": the two of a slogan counts nothing (searched only around a
    two or a three, so most sentences are not searched)."""
    if quantity.unit != "number" or quantity.value not in (2, 3):
        return False
    return _SLOGANS.pattern.search(text, max(0, quantity.start - _WINDOW), quantity.end + _WINDOW) is not None


def _joined(text: str, quantity: Quantity, following: Quantity) -> bool:
    """Two figures joined as the ends of a change or a choice ("from 1,940 to 3,000 places", "2 or
    3 ministers"): the first counts what the second does."""
    return quantity.unit == following.unit == "number" and _JOINER.fullmatch(text, quantity.end, following.start) is not None


def _is_a_day(text: str, quantity: Quantity, date_spans: list[tuple[int, int]]) -> bool:
    """ "on 8 and 9 April", "on 3, 4 and 5 May": a number joined to a date is one of its days."""
    if quantity.unit != "number" or quantity.value > 31 or quantity.qualifier != "exact":
        return False
    return any(start >= quantity.end and _DAY_JOINER.fullmatch(text, quantity.end, start) for start, _ in date_spans)


def read_quantity(text: str, quantity: Quantity, previous: Reading | None = None,
                  context: str = "") -> Reading | None:
    """Indicator and unit of one quantity in its sentence; None when it is not a statistic.

    `context` is the sentence before, in the same paragraph: "Bilateral trade grew in 2021. It
    reached US$12.5 billion" names the indicator only there."""
    if quantity.unit == "currency":
        entry = _clause_keyword(text, quantity, _AMOUNTS) or nearest_keyword(context, len(context), _AMOUNTS)
        return Reading(entry["indicator"], "currency", _CONFIDENCE.amount) if entry else \
            Reading(_RULES.fallback_amount, "currency", _CONFIDENCE.fallback)
    if quantity.unit == "percent":
        entry = _clause_keyword(text, quantity, _PERCENTS)
        return Reading(entry["indicator"], "percent", _CONFIDENCE.amount) if entry else \
            Reading(_RULES.fallback_percent, "percent", _CONFIDENCE.fallback)
    if _after_a_label(text, quantity) or _is_an_age(text, quantity) or _opens_a_name(text, quantity):
        return None   # "ages 13-18", "top 10 partners", "Section 232 tariffs", "Boeing 737 aircraft"
    return _count_reading(text, quantity, previous)


def _opens_a_name(text: str, quantity: Quantity) -> bool:
    """ "the Four Freedoms", "the Five Eyes partners": a capitalised number word inside a sentence
    before a capitalised word begins a name."""
    if not text[quantity.start].isupper():
        return False
    before = text[max(0, quantity.start - _WINDOW):quantity.start].rstrip()[-1:]
    if not (before.isalpha() or before in (",", ";")):
        return False   # a sentence or a bullet starts with it: "• Twelve Kenyan firms"
    following = _CAPITALISED_NEXT.match(text, quantity.end)
    return following is not None and country_code(following.group(1)) is None   # "the Five Japanese firms"


def _is_an_age(text: str, quantity: Quantity) -> bool:
    """ "Professor Anna Berg, 58, said": a number set off by commas after a name is an age."""
    return quantity.unit == "number" and quantity.value < _RULES.max_age and _COMMA_NEXT.match(text, quantity.end) \
        is not None and _AGE.search(text, max(0, quantity.start - _WINDOW), quantity.start) is not None


def _clause_keyword(text: str, quantity: Quantity, table: list[tuple[GatedPattern, dict]]) -> dict | None:
    """The keyword nearest the figure in its own clause, else in the sentence: "exports rose 7% to
    $900 million, while imports fell" is exports."""
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, quantity.start)), default=0)
    found = _CLAUSE_BREAK.search(text, quantity.end)
    end = found.start() if found is not None else len(text)
    if start == 0 and end == len(text):
        return nearest_keyword(text, quantity.start, table)
    return nearest_keyword(text[start:end], quantity.start - start, table) or \
        nearest_keyword(text, quantity.start, table)


def _after_a_label(text: str, quantity: Quantity) -> bool:
    """The word before the figure is a label, a rank or an age ("Section", "top", "aged"), the
    words before make it a ratio ("4 in 10"), or the word before is a capitalised word inside the
    sentence, part of a name ("Fortune 500 companies"); a country there is the receiver ("gave
    Fiji 40 buses")."""
    window = text[max(0, quantity.start - _WINDOW):quantity.start]
    words = window.replace("-", " ").split()[-2:]
    if not words:
        return False
    if _NOT_A_FIGURE_AFTER.match(words[-1]):
        return not _is_a_verb_of_counting(window, quantity, words)
    if _RATIO.search(window):
        return True
    if len(words) < 2 or not _CAPITALISED.fullmatch(words[-1]):
        return False
    return (words[-2][-1].isalnum() or words[-2][-1] in ",;:)") and country_code(words[-1]) is None


def _is_a_verb_of_counting(window: str, quantity: Quantity, words: list[str]) -> bool:
    """ "who number around 25,000", "they now number 4,000": a label word that is also a verb,
    after its subject or before a qualifier."""
    if not _LABEL_VERBS.match(words[-1]):
        return False
    return quantity.number_start > quantity.start or _LABEL_VERB_SUBJECT.search(window) is not None


def _count_reading(text: str, quantity: Quantity, previous: Reading | None) -> Reading | None:
    """A plain number: what it counts, from the noun after it or, standing alone, from before."""
    if _COMPOUND_ADJECTIVE.match(text, quantity.end):
        return _size_reading(text, quantity)   # "a 5-day visit" describes; "a 25-member delegation" counts
    if quantity.value < _RULES.min_group_count and \
            _GROUP_DETERMINER.search(text, max(0, quantity.start - _WINDOW), quantity.start):
        return None   # "our two great democracies", "the two factories": a pair named before
    head = _counted_head(text, quantity)
    if head is None:
        of_whom = _OF_WHOM.search(text, max(0, quantity.start - _WINDOW), quantity.start) if "whom" in text else None
        if of_whom is not None:
            return _people_named_before(text, of_whom.start(), quantity)
        if "strong" in text and _STRONG_NEXT.match(text, quantity.end):   # "the community, some 250,000 strong,"
            return _generic_reading(text, quantity, "person", _RULES.people_by_origin, _CONFIDENCE.inherited)
        if not _stands_alone(text, quantity):
            return None
        if previous is not None:
            return Reading(previous.indicator, previous.unit, _CONFIDENCE.inherited)
        indicator = _subject_noun(text, quantity)
        if indicator is not None:
            return _noun_reading(text, quantity, indicator, _CONFIDENCE.noun)
        return _generic_reading(text, quantity, "count", _RULES.fallback_count, _CONFIDENCE.plural) \
            if _counts_a_number_of_things(text, quantity) else None
    if head.indicator is None:   # "24 helicopters", "300 business leaders"
        return _generic_reading(text, quantity, head.unit, _RULES.fallback_count, _CONFIDENCE.plural)
    return _noun_reading(text, quantity, head.indicator, _CONFIDENCE.noun)


def _people_named_before(text: str, offset: int, quantity: Quantity) -> Reading:
    """ "surviving victims of the war, of whom about 40,000 are still alive": the people the noun
    before the relative clause names (its block's indicator when it is one of people), else read by
    the sentence's words."""
    words = re.findall(r"[A-Za-z][\w'’-]*", text[max(0, offset - _WINDOW):offset])
    noun = words[-1].lower() if words else ""
    indicator = next((name for pattern, name in _NOUNS if pattern.match(noun)), None)
    if indicator is not None and _INDICATORS[indicator].unit == "person" and not _INDICATORS[indicator].generic:
        return Reading(indicator, "person", _CONFIDENCE.inherited)
    return _generic_reading(text, quantity, "person", _RULES.people_by_origin, _CONFIDENCE.inherited)


def _size_reading(text: str, quantity: Quantity) -> Reading | None:
    """ "a 25-member parliamentary delegation", "a 300-strong team": the people of a group named
    by a block's `size_of` a few words on; any other compound adjective counts nothing."""
    size = _SIZE_WORD.match(text, quantity.end)
    if size is None:
        return None
    following = _TOKEN.findall(text, size.end(), size.end() + _WINDOW)[:_RULES.max_words_before_noun]
    for token in following:
        if not token[0].isalpha():
            return None
        indicator = next((name for pattern, name in _SIZES if pattern.match(token.lower())), None)
        if indicator is not None:
            return Reading(indicator, _INDICATORS[indicator].unit, _CONFIDENCE.noun)
    return None


def _noun_reading(text: str, quantity: Quantity, indicator: str, confidence: float) -> Reading | None:
    block = _INDICATORS[indicator]
    if block.unit == "year" and _is_duration_phrase(text, quantity):
        return None
    if block.generic:
        return _generic_reading(text, quantity, block.unit, block.otherwise or indicator, confidence)
    return Reading(indicator, block.unit, block.confidence or confidence)


def _generic_reading(text: str, quantity: Quantity, unit: str, fallback: str, confidence: float) -> Reading:
    """ "520,000 people ... live in Korea", "seized 1,200 firearms": a generic noun is classified by
    what the sentence is about."""
    entry = nearest_keyword(text, quantity.start, _CONTEXTS[unit])
    return Reading(entry["indicator"] if entry else fallback, unit, confidence)


def _counted_head(text: str, quantity: Quantity) -> Head | None:
    """The noun the number counts: the first
    plural noun among the few words after it ("nine Black Hawk helicopters", "five cooperation
    documents", "three cargo and vehicle scanners"), or a vocabulary noun right before a verb or
    preposition. None when the number counts nothing that is a statistic."""
    stream = _TOKEN.finditer(text, quantity.end, quantity.end + _WINDOW * 4)
    tokens = _more(stream, [], 2)   # read lazily: the noun is mostly the first word or two on
    words = 0
    before = ""
    index = 0
    while index < len(tokens):
        token, start = tokens[index]
        tokens = _more(stream, tokens, index + 2)
        following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
        if _ends_the_words(token):
            return _singular_head(before, quantity)
        if token[0].isdigit():
            before, words, index = "", words + 1, index + 1   # "five 97-metre vessels", "two 300-bed hospitals"
            continue
        if index == 0 and _PARTITIVE.match(token) and _GROUP_DETERMINER.match(following + " "):
            index += 2   # "3,000 of our young people": what the determiner introduces is counted
            tokens = _more(stream, tokens, index + 2)
            continue
        word, possessive, plural = _token_reading(token)
        if _ABBREVIATION.fullmatch(token) or possessive:
            before, words, index = "", words + 1, index + 1   # "U.S. citizens", "leaders' delegations"
            continue
        if plural and not _inside_a_name(token, following):
            return _head_reading(text, quantity, before, word, token, _more(stream, tokens, index + 5)[index + 1:])
        if _STOPS.match(word) and not _is_frequency_adjective(word, following):
            if _JOINERS.match(word) and before and not _NUMBER_NEXT.match(text, start + len(token)) or \
                    word == "of" and index and tokens[index - 1][0][:1].isupper() and following[:1].isupper():
                words, index = words + 1, index + 1   # "cargo and vehicle scanners", "Department of Defense staff"
                continue
            return _singular_head(before, quantity)
        if index == 0 and (not following[:1].isalpha() or _STOPS.match(following)):
            indicator = _participle_indicator(word)
            if indicator is not None:
                return Head(indicator)   # "more than 30,000 displaced", "14 dead"
        if _NON_COUNTED.match(word) and not _is_modifier(token, word, following):
            return None
        if _is_people_by_origin(token, following):
            return Head(_RULES.people_by_origin)
        before, words, index = word, words + 1, index + 1
        if words > _RULES.max_words_before_noun:
            return None
    return _singular_head(before, quantity)


def _more(stream: Iterator[re.Match[str]], tokens: list[tuple[str, int]], count: int) -> list[tuple[str, int]]:
    """`tokens` with more read from `stream` until it holds `count` or punctuation ends it."""
    while len(tokens) < count and not (tokens and not tokens[-1][0][0].isalpha() and _ends_the_words(tokens[-1][0])):
        match = next(stream, None)
        if match is None:
            break
        tokens.append((match.group(), match.start()))
    return tokens


def _ends_the_words(token: str) -> bool:
    """Punctuation or a number ends the words after a figure; a measure glued to a number
    ("97-metre") is one of them."""
    return not token[0].isalpha() and not (token[0].isdigit() and _COMPOUND_ADJECTIVE.search(token))


@lru_cache(maxsize=4096)
def _token_reading(token: str) -> tuple[str, bool, bool]:
    """(the word in lower case without a possessive ending, whether it had one that makes it a
    modifier, whether it is a plural noun), cached: the same words come back."""
    word = _POSSESSIVE.sub("", token).lower()
    possessive = bool(_POSSESSIVE.search(token)) and not token.endswith("s'")
    return word, possessive, _is_plural(token, word)


def _is_frequency_adjective(word: str, following: str) -> bool:
    """ "28 weekly flights": a frequency word before a plural describes it (after a noun, as in
    "550,000 tourists annually", it ends the search)."""
    return bool(following) and _FREQUENCY.match(word) is not None and _token_reading(following)[2]


def _is_modifier(token: str, word: str, following: str) -> bool:
    """A singular noun before another noun qualifies it: "1,000 government officials", "12 country
    offices" count officials and offices."""
    return following[:1].isalpha() and not _is_plural(token, word) and not _STOPS.match(following)


def _is_people_by_origin(token: str, following: str) -> bool:
    """ "20,000 Japanese live in Seoul", "home to 200,000 Vietnamese.": a people's name that a verb,
    a preposition or the end of the clause follows."""
    return token[0].isupper() and bool(not following[:1].isalpha() or _STOPS.match(following)
                                       or _PEOPLE_VERBS.match(following)) and country_code(token) is not None


def _inside_a_name(token: str, following: str) -> bool:
    """ "2,500 Peace Corps Volunteers", "250 Abrams tanks": a capitalised word before another noun
    is part of a name, unless it is a people's name ("Koreans live in")."""
    if not (token[0].isupper() and following.isalpha()):
        return False
    return following[0].isupper() or (not _STOPS.match(following) and country_code(token) is None)


def _singular_head(word: str, quantity: Quantity) -> Head | None:
    """A singular vocabulary noun right before a verb or the end counts only one ("1 project");
    after a larger number it is a name or a label ("the 123 Agreement")."""
    indicator = _noun_indicator(word) if word and quantity.value == 1 else None
    return Head(indicator) if indicator is not None else None


def _is_plural(token: str, word: str) -> bool:
    if _IRREGULAR_PLURALS.match(word):
        return True
    if len(token) > 2 and token.endswith("s") and token[:-1].isupper():
        return True   # "PPEs", "MOUs"
    return len(word) > 2 and word.endswith("s") and not _NOT_PLURAL.match(word) and word.replace("-", "").isalpha()


def _head_reading(text: str, quantity: Quantity, before: str, word: str, token: str,
                  rest: list[tuple[str, int]]) -> Head | None:
    """What the plural noun after a number makes it: a block's noun, a group, a people, a plain
    count; None when it is no statistic."""
    if _MEASURES.match(word) and rest and rest[0][0].lower() == "of":
        measured = [_noun_indicator(t.lower()) for t, _ in rest[1:4] if t[0].isalpha()]
        found = next((m for m in measured if m is not None), None)
        return Head(found) if found is not None else None    # "rounds of ammunition", not "of talks"
    indicator = (_noun_indicator(f"{before} {word}") if before else None) or _noun_indicator(word)
    if indicator is not None:
        return Head(indicator)
    if _NON_COUNTED.match(word):
        if not _is_counted_group(text, quantity, word):
            return None
        return Head(None, "person" if _GROUP_PEOPLE.match(word) else "count")
    if token[0].isupper() and country_code(token) is not None:
        return Head(_RULES.people_by_origin)   # "180,000 Koreans live in Vietnam": the people counted
    return Head(None)


def _is_counted_group(text: str, quantity: Quantity, word: str) -> bool:
    """ "MoUs with five other countries" is a count, "the two countries" is not."""
    return bool(_GROUP_NOUNS.match(word)) and quantity.value >= _RULES.min_group_count and \
        not _GROUP_DETERMINER.search(text, max(0, quantity.start - _WINDOW), quantity.start)


@lru_cache(maxsize=1024)
def _participle_indicator(word: str) -> str | None:
    """The block whose participles stand for the people a number counts ("30,000 displaced")."""
    return next((name for pattern, name in _PARTICIPLES if pattern.match(word)), None)


@lru_cache(maxsize=4096)
def _noun_indicator(word: str) -> str | None:
    """The first block whose counted nouns match the word (cached: the same words come back)."""
    return next((name for pattern, name in _NOUNS if pattern.match(word)), None)


def _subject_noun(text: str, quantity: Quantity) -> str | None:
    """The counted noun as the subject before the figure, in the same clause: "Vietnamese workers
    in Japan exceeded 518,000"."""
    clause = _clause_before(text[:quantity.number_start])
    tokens = [_POSSESSIVE.sub("", token) for token in _TOKEN.findall(clause) if token[0].isalpha()]
    words = [token.lower() for token in tokens]
    for i in range(len(words) - 1, max(len(words) - 1 - _RULES.max_words_back_to_subject, -1), -1):
        if tokens[i][0].isupper() and words[i].endswith("s") and country_code(tokens[i]) is not None:
            return _RULES.people_by_origin   # "Korean Canadians number around 250,000": a people
        for candidate in ([f"{words[i - 1]} {words[i]}"] if i else []) + [words[i]]:  # "tourist arrivals"
            indicator = _noun_indicator(candidate)
            if indicator is not None and _INDICATORS[indicator].unit != "year":
                return indicator
    return None


def _clause_before(text: str) -> str:
    """The clause a figure ends, with the one before when its own holds only a word or two: "the
    number of students has tripled, to 2,300", a label before a colon ("Students: 12,000")."""
    clauses = _CLAUSES.split(text)
    if len(clauses) > 1 and len(clauses[-1].split()) <= _RULES.max_words_of_a_linking_clause:
        return f"{clauses[-2]} {clauses[-1]}"
    return clauses[-1]


def _counts_a_number_of_things(text: str, quantity: Quantity) -> bool:
    """ "The number of visas issued rose to 80,000": a plural after "number of" in the figure's
    clause is what it counts, whatever the noun."""
    clause = _clause_before(text[max(0, quantity.start - 2 * _WINDOW):quantity.start])
    match = _NUMBER_OF.search(clause)
    return match is not None and any(_token_reading(word)[2] for word in match.group(1).split())


def _is_target(text: str, quantity: Quantity, deadlines: list[tuple[int, int]], aims: tuple[bool, bool]) -> bool:
    """A goal, not a fact of a year: a deadline follows the figure in the same clause ("USD 30
    billion by 2030", "rise to 90% by 2026"), so do years to come ("over five years"), or a word of
    aims stands right before it ("a target of $20 billion"). A target is a statistic without a year.
    `aims`: whether the sentence may hold words of aims, and words of years to come."""
    for start, _ in deadlines:
        if quantity.end <= start <= quantity.end + _WINDOW and not _CLAUSE_END.search(text, quantity.end, start):
            return True
    if aims[1]:
        spread = _SPREAD.pattern.search(text, quantity.end, quantity.end + 2 * _WINDOW)
        if spread is not None and spread.start() <= quantity.end + _WINDOW and \
                not _CLAUSE_END.search(text, quantity.end, spread.start()):
            return True   # "3,000 nurses over five years": a total over years to come
    return aims[0] and _TARGET_BEFORE.pattern.search(text, max(0, quantity.start - _WINDOW), quantity.start) is not None


def verb_qualifier(text: str, quantity: Quantity) -> str:
    """The qualifier a verb right before an exact-looking figure implies."""
    if quantity.qualifier != "exact":
        return quantity.qualifier
    before = text[:quantity.start]
    # a text that lacks a pattern's words lacks them before the figure too: its (cached) fold says
    return next((q for pattern, q in _VERB_QUALIFIERS if pattern.may_match(text) and pattern.pattern.search(before)),
                "exact")


def _stands_alone(text: str, quantity: Quantity) -> bool:
    """An elliptical figure: followed by punctuation, a preposition or the end, not another noun."""
    rest = text[quantity.end:].lstrip()
    return not rest or not rest[0].isalpha() or bool(_STOPS.match(rest.split()[0].strip(",.;:")))


def _is_duration_phrase(text: str, quantity: Quantity) -> bool:
    """Years that are no figure: "400 years ago", "within three years", "$5 billion over three
    years"; but "for over 110 years" is one (its "over" is a qualifier)."""
    after = text[quantity.end:].split()
    if len(after) > 1 and _YEARS_AFTER.fullmatch(after[1].strip(",.;:")):
        return True
    window = max(0, quantity.start - _WINDOW)
    if _YEARS_BEFORE.search(text, window, quantity.start):
        return True
    return quantity.number_start > quantity.start and bool(_YEARS_BEFORE.search(text, window, quantity.number_start)) \
        and not _DURATION_OPENER.search(text, window, quantity.start)


def _overlaps(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(quantity.start < end and start < quantity.end for start, end in spans)


def _row(ctx: ArticleContext, index: int, quantity: Quantity, reading: Reading,
         sentence_years: dict[tuple[int, bool], int | None], target: bool) -> dict:
    sentence = ctx.sentences[index]
    unit = reading.unit
    return {
        "statistic_id": stable_id("sta", ctx.article.article_id, sentence.start, quantity.start, quantity.text),
        "article_id": ctx.article.article_id,
        "indicator": reading.indicator,
        "value": float(quantity.value),
        "unit": unit,
        "currency": _currency(ctx, quantity) if unit == "currency" else None,
        "qualifier": verb_qualifier(sentence.text, quantity),
        "year": None if target else _year_of(ctx, index, quantity, sentence_years),
        "subject_countries": sorted(ctx.main_countries[:2]),
        "value_text": quantity.text,
        "evidence": sentence.text,
        "char_start": sentence.start,
        "char_end": sentence.end,
        "confidence": reading.confidence,
    }


def _currency(ctx: ArticleContext, quantity: Quantity) -> str | None:
    """The currency of an amount; a bare "$" or "Rs" in an article about a country whose money is
    written so ("$" in a New Zealand release, "Rs" in a Nepali paper) is that country's, unless the
    article names the default's country, several such countries, or writes which dollar or rupee
    it means anywhere ("A$", "USD", "Australian dollars": its bare mark is then the default)."""
    written = quantity.text[quantity.number_start - quantity.start:]
    for local in _LOCAL_CURRENCIES:
        if quantity.currency == local.default and written.startswith(local.mark):
            if local.default_country in ctx.main_countries:
                return quantity.currency
            named = [code for code in ctx.main_countries if code in local.countries]
            if len(named) != 1 or _EXPLICIT[local.mark].search(ctx.article.text) \
                    or _dateline_country(ctx) not in (None, named[0]):
                return quantity.currency
            return local.countries[named[0]]
    return quantity.currency


def _dateline_country(ctx: ArticleContext) -> str | None:
    """The country of the place that opens a line at the head of the body as a dateline ("SEOUL,
    Nov. 18 (Yonhap) --", after a byline maybe); None without one."""
    text, body = ctx.article.text, ctx.article.body_start
    for place in ctx.places:
        if place.start > body + _DATELINE_REACH:
            break
        if place.start >= body and text[place.start - 1:place.start] == "\n" and _DATELINE_AFTER.match(text, place.end):
            return place.country_code
    return None


def _year_of(ctx: ArticleContext, index: int, quantity: Quantity,
             sentence_years: dict[tuple[int, bool], int | None]) -> int | None:
    """The year the figure refers to; None outside the years a report can mean, which only a
    reference date far off ("published" in 2101 or in year 5) can produce."""
    year = _stated_year(ctx, index, quantity, sentence_years)
    return year if year is not None and _REPORTED_YEARS[0] <= year <= _REPORTED_YEARS[1] else None


def _stated_year(ctx: ArticleContext, index: int, quantity: Quantity,
                 sentence_years: dict[tuple[int, bool], int | None]) -> int | None:
    """The year in the same sentence closest to the figure, else the year of its sentence."""
    sentence = ctx.sentences[index]
    stated = [d for d in ctx.dates_in(sentence) if d.start_date and not d.is_target]
    roles = [_year_role(ctx, d) for d in stated]
    closest = nearest([d for d, role in zip(stated, roles) if not role], sentence.start + quantity.start)
    if closest is not None:
        return closest.start_date.year
    figure = sentence.start + quantity.start
    # a total since a year has none; a level reached since a year is now's ("has tripled since 2021, to 2,300")
    total = any(role == "period" and not (d.end <= figure and _REACHED.search(
        sentence.text, max(0, quantity.start - _WINDOW), quantity.start)) for d, role in zip(stated, roles))
    key = (index, total)
    if key not in sentence_years:   # the same for every figure of the sentence
        sentence_years[key] = _sentence_year(ctx, index, total)
    return sentence_years[key]


def _sentence_year(ctx: ArticleContext, index: int, has_periods: bool) -> int | None:
    """None for a total since a year or over years ("has provided $5 billion since 2002", "to
    date") and for a target; else the year the sentence implies ("currently", "in the past year"),
    else the last year stated shortly before, else the reference date's."""
    sentence = ctx.sentences[index]
    if has_periods or any(d.is_target for d in ctx.dates_in(sentence)) or \
            (_MULTI_YEAR.may_match(sentence.text) and _MULTI_YEAR.pattern.search(sentence.text)):
        return None   # a total since a year or over years, a target ("will train 900 nurses by 2030")
    reference = ctx.article.reference_date.year if ctx.article.reference_date else None
    relative = _relative_year(sentence.text, reference)
    if relative is not None:
        return relative
    year = _year_shortly_before(ctx, index, reference)
    return year if year is not None else reference


def _is_background(date: DateMention, reference: int | None) -> bool:
    """A year long before the article's ("the partnership signed in 2017") ends the paragraph
    before as background: it is no time frame for the next paragraph's figures."""
    return reference is not None and date.start_date is not None and \
        date.start_date.year < reference - _RULES.max_years_back_across_paragraphs


def _year_role(ctx: ArticleContext, date: DateMention) -> str:
    """What the words right before a year make it, when not the year of a figure: "period" opens a
    period over which a figure is a total ("since 2019", "since Fiscal Year (FY) 2015"), "base" is
    a comparison base ("a 23 percent increase over 2020", "up 4% on 2023"); else ""."""
    found = _YEAR_ROLE.search(ctx.article.text, max(0, date.start - _WINDOW), date.start)
    if found is None:
        return ""
    if found.group("period"):
        return "period"
    return "base" if found.group("base") or date.precision == "year" else ""


def _relative_year(text: str, reference: int | None) -> int | None:
    """The year a sentence speaks of without writing it: "currently" (the reference year), "in
    the past year" (the one before)."""
    if reference is None:
        return None
    for pattern, offset in _RELATIVE_YEARS:
        if pattern.may_match(text) and pattern.pattern.search(text):
            return reference + offset
    return None


def _year_shortly_before(ctx: ArticleContext, index: int, reference: int | None) -> int | None:
    """The latest year stated or implied earlier in the same paragraph or in the sentence right
    before it, not in the article's future and not opening a period: a fact sheet's paragraphs
    each speak of their own time (and a year long past ending the paragraph before is background). A year written wins over a day named ("trade grew in 2024,
    data released today show")."""
    paragraph = ctx.sentences[index].paragraph
    for earlier in reversed(ctx.sentences[max(0, index - _RULES.max_sentences_back_to_year):index]):
        dates = ctx.dates_in(earlier)
        if len(dates) > 1:
            dates = sorted(dates, key=lambda d: d.explicit_year)   # stable: the written years last, in order
        other_paragraph = earlier.paragraph != paragraph
        for date in reversed(dates):
            if date.start_date and not date.is_target and not _year_role(ctx, date) and \
                    (reference is None or date.start_date.year <= reference) and \
                    not (other_paragraph and _is_background(date, reference)):
                return date.start_date.year
        relative = _relative_year(earlier.text, reference)
        if relative is not None:
            return relative
        if other_paragraph:
            return None
    return None
