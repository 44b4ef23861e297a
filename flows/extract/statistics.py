"""Statistics: quantities stated in a sentence, with what they count and the year they refer to."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from flows.extract.common import compile_alternation, keyword_table, load_config, nearest_keyword
from flows.extract.context import ArticleContext, nearest
from flows.ids import stable_id
from flows.normalise.numbers import Quantity, find_quantities, may_hold_a_quantity
from flows.normalise.places import country_code
from flows.scan import GatedPattern
from flows.sentences import Sentence

_CONFIG: Final = load_config("statistics")
_NOUNS: Final = [(re.compile(rf"^(?:{e['noun']})$", re.IGNORECASE), e) for e in _CONFIG["counted_nouns"]]
_PREPOSITIONS: Final = re.compile(rf"^(?:{_CONFIG['noun_search_stops']})$", re.IGNORECASE)
_STOPS: Final = re.compile(rf"^(?:{_CONFIG['noun_search_stops']}|{_CONFIG['non_counted_nouns']})$", re.IGNORECASE)
_POSSESSIVE: Final = re.compile(r"(?:['’]s?)$")
_AMOUNTS: Final = keyword_table(_CONFIG["amount_keywords"])
_PERCENTS: Final = keyword_table(_CONFIG["percent_keywords"])
_PEOPLE: Final = keyword_table(_CONFIG["people_context"])
_YEARS_AFTER: Final = compile_alternation(_CONFIG["year_noun_exclusions_after"])
_YEARS_BEFORE: Final = re.compile(rf"\b(?:{_CONFIG['year_noun_exclusions_before']})\s+$", re.IGNORECASE)
_TOKEN: Final = re.compile(r"[A-Za-z][\w'’-]*|[^\sA-Za-z]")
_CONFIDENCE: Final = _CONFIG["confidence"]
_VERB_QUALIFIERS: Final = [(GatedPattern(re.compile(rf"\b(?:{e['pattern']})\s+$", re.IGNORECASE)), e["qualifier"])
                           for e in _CONFIG["verb_qualifiers"]]
_TARGET: Final = compile_alternation(_CONFIG["target_markers"])
_REPORTED_YEARS: Final = tuple(_CONFIG["reported_years"])
_DEMONYM_PEOPLE: Final = {"indicator": "diaspora_population", "unit": "person"}  # classified by people_context


@dataclass(frozen=True)
class Reading:
    """What a quantity measures."""
    indicator: str
    unit: str
    confidence: float


def extract_statistics(ctx: ArticleContext) -> list[dict]:
    rows: dict[tuple, dict] = {}
    previous: Sentence | None = None
    for sentence in ctx.sentences:
        context = previous.text if previous is not None and previous.paragraph == sentence.paragraph else ""
        previous = sentence
        for quantity, reading in _readings(ctx, sentence, context):
            row = _row(ctx, sentence, quantity, reading)
            key = (row["indicator"], row["value"], row["unit"], row["currency"], row["year"])
            rows.setdefault(key, row)  # the same figure stated twice is one fact
    return list(rows.values())


def _readings(ctx: ArticleContext, sentence: Sentence, context: str) -> list[tuple[Quantity, Reading]]:
    date_spans = [(d.start - sentence.start, d.end - sentence.start) for d in ctx.dates_in(sentence)]
    if not may_hold_a_quantity(sentence.text, date_spans):
        return []   # figures inside dates are skipped below: most sentences need not be read at all
    found: list[tuple[Quantity, Reading]] = []
    previous: Reading | None = None
    # may_hold_a_quantity above held with date spans ignored, so it holds without: not asked again
    for quantity in find_quantities(sentence.text, checked=True):
        if quantity.is_year_like or _overlaps(quantity, date_spans) or _is_target(ctx, sentence, quantity):
            continue
        reading = read_quantity(sentence.text, quantity, previous, context)
        if reading is None:
            continue
        found.append((quantity, reading))
        if reading.unit in ("person", "count"):
            previous = reading
    return found


def read_quantity(text: str, quantity: Quantity, previous: Reading | None = None,
                  context: str = "") -> Reading | None:
    """Indicator and unit of one quantity in its sentence; None when it is not a statistic.

    `context` is the sentence before, in the same paragraph: "Bilateral trade grew in 2021. It
    reached US$12.5 billion" names the indicator only there."""
    if quantity.unit == "currency":
        entry = nearest_keyword(text, quantity.start, _AMOUNTS) or \
            nearest_keyword(context, len(context), _AMOUNTS)
        return Reading(entry["indicator"], "currency", _CONFIDENCE["amount"]) if entry else \
            Reading("other_amount", "currency", _CONFIDENCE["fallback"])
    if quantity.unit == "percent":
        entry = nearest_keyword(text, quantity.start, _PERCENTS)
        return Reading(entry["indicator"], "percent", _CONFIDENCE["amount"]) if entry else \
            Reading("other_percent", "percent", _CONFIDENCE["fallback"])
    noun = _counted_noun(text, quantity)
    if noun is None:
        if not _stands_alone(text, quantity):
            return None
        if previous is not None:
            return Reading(previous.indicator, previous.unit, _CONFIDENCE["inherited"])
        noun = _subject_noun(text, quantity)
        if noun is None:
            return None
    if noun["unit"] == "year" and _is_duration_phrase(text, quantity):
        return None
    indicator = noun["indicator"]
    if indicator == "diaspora_population":
        entry = nearest_keyword(text, quantity.start, _PEOPLE)
        indicator = entry["indicator"] if entry else _CONFIG["people_fallback"]
    return Reading(indicator, noun["unit"], _CONFIDENCE["noun"])


def _counted_noun(text: str, quantity: Quantity) -> dict | None:
    """The vocabulary noun among the few words after the number, before any verb or preposition."""
    words = 0
    for match in _TOKEN.finditer(text, quantity.end):   # lazily: the noun is a few words on at most
        token = match.group()
        if not token[0].isalpha():
            return None
        word = _POSSESSIVE.sub("", token).lower()
        if (entry := _noun_entry(word)) is not None:
            return entry
        if _is_people_demonym(token):
            return _DEMONYM_PEOPLE
        possessive = bool(_POSSESSIVE.search(token))  # "leaders' delegations": the noun comes next
        if (_STOPS.match(word) and not possessive) or words >= _CONFIG["max_words_before_noun"]:
            return None
        words += 1
    return None


@lru_cache(maxsize=4096)
def _noun_entry(word: str) -> dict | None:
    """The first counted noun whose pattern the word matches (cached: the same words come back)."""
    return next((entry for pattern, entry in _NOUNS if pattern.match(word)), None)


def _subject_noun(text: str, quantity: Quantity) -> dict | None:
    """The counted noun as the subject before the figure, in the same clause: "Vietnamese workers
    in Japan exceeded 518,000"."""
    clause = re.split(r"[,;:(]", text[:quantity.number_start])[-1]
    words = [_POSSESSIVE.sub("", token).lower() for token in _TOKEN.findall(clause)]
    for i in range(len(words) - 1, max(len(words) - 1 - _CONFIG["max_words_back_to_subject"], -1), -1):
        for candidate in ([f"{words[i - 1]} {words[i]}"] if i else []) + [words[i]]:  # "tourist arrivals"
            entry = _noun_entry(candidate)
            if entry is not None and entry["unit"] != "year":
                return entry
    return None


def _is_target(ctx: ArticleContext, sentence: Sentence, quantity: Quantity) -> bool:
    """A goal, not a fact: a deadline follows the figure and the sentence speaks of aims."""
    deadline = any(d.is_target and d.start >= sentence.start + quantity.end for d in ctx.dates_in(sentence))
    return deadline and bool(_TARGET.search(sentence.text))


def verb_qualifier(text: str, quantity: Quantity) -> str:
    """The qualifier a verb right before an exact-looking figure implies."""
    if quantity.qualifier != "exact":
        return quantity.qualifier
    before = text[:quantity.start]
    # a text that lacks a pattern's words lacks them before the figure too: its (cached) fold says
    return next((q for pattern, q in _VERB_QUALIFIERS if pattern.may_match(text) and pattern.pattern.search(before)),
                "exact")


def _is_people_demonym(token: str) -> bool:
    """ "180,000 Koreans live in Vietnam": a plural demonym is the people counted."""
    return token[0].isupper() and token.endswith("s") and country_code(token) is not None


def _stands_alone(text: str, quantity: Quantity) -> bool:
    """An elliptical figure: followed by punctuation, a preposition or the end, not another noun."""
    rest = text[quantity.end:].lstrip()
    return not rest or not rest[0].isalpha() or bool(_PREPOSITIONS.match(rest.split()[0].strip(",.;:")))


def _is_duration_phrase(text: str, quantity: Quantity) -> bool:
    after = text[quantity.end:].split()
    return (len(after) > 1 and bool(_YEARS_AFTER.fullmatch(after[1].strip(",.;:")))) or \
        bool(_YEARS_BEFORE.search(text[:quantity.number_start]))


def _overlaps(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(quantity.start < end and start < quantity.end for start, end in spans)


def _row(ctx: ArticleContext, sentence: Sentence, quantity: Quantity, reading: Reading) -> dict:
    unit = reading.unit
    return {
        "statistic_id": stable_id("sta", ctx.article.article_id, sentence.start, quantity.start, quantity.text),
        "article_id": ctx.article.article_id,
        "indicator": reading.indicator,
        "value": float(quantity.value),
        "unit": unit,
        "currency": quantity.currency if unit == "currency" else None,
        "qualifier": verb_qualifier(sentence.text, quantity),
        "year": _year_of(ctx, sentence, quantity),
        "subject_countries": sorted(ctx.main_countries[:2]),
        "value_text": quantity.text,
        "evidence": sentence.text,
        "char_start": sentence.start,
        "char_end": sentence.end,
        "confidence": reading.confidence,
    }


def _year_of(ctx: ArticleContext, sentence: Sentence, quantity: Quantity) -> int | None:
    """The year the figure refers to; None outside the years a report can mean, which only a
    reference date far off ("published" in 2101 or in year 5) can produce."""
    year = _stated_year(ctx, sentence, quantity)
    return year if year is not None and _REPORTED_YEARS[0] <= year <= _REPORTED_YEARS[1] else None


def _stated_year(ctx: ArticleContext, sentence: Sentence, quantity: Quantity) -> int | None:
    """The year in the same sentence closest to the figure, else the last one stated before it."""
    stated = [d for d in ctx.dates_in(sentence) if d.start_date and not d.is_target]
    offset = sentence.start + quantity.start
    closest = nearest(stated, offset)
    if closest is not None:
        return closest.start_date.year
    year = ctx.year_before(sentence.start)
    if year is None and ctx.article.reference_date:
        return ctx.article.reference_date.year
    return year
