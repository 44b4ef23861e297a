"""The layout of flows/extract/statistics.yaml: one block per indicator with all of its settings,
then the settings that hold for every figure (how far to look for a noun, which words end the search,
which durations are no statistics...).

Not compiled (flows/native.py): flows/extract/statistics.py reads the loaded model's attributes.
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from flows.extract.rules import Pattern, Rules, load_rules

Unit = Literal["currency", "person", "count", "percent", "year"]
Qualifier = Literal["exact", "approximate", "more_than", "less_than", "at_least", "at_most"]


class Indicator(Rules):
    """Everything that makes a figure this indicator. Every pattern is matched as whole words,
    case-insensitively; a block needs only the settings its figures are found by."""
    unit: Unit                                  # the unit its figures are published in
    # The noun a number counts ("40,000 students"), matched against the head noun in lower case;
    # the first block (in file order) whose nouns match wins.
    counted_nouns: Pattern | None = None
    # Its nouns are generic ("people", "items"): the indicator is read from the sentence's context
    # words (the context of the other blocks of the same unit), else it stays this one.
    generic: bool = False
    otherwise: str | None = None   # a generic figure's indicator when no context word is found (default: this one)
    # Words near an amount of money / a percentage that make it this indicator (nearest wins).
    amount_keywords: Pattern | None = None
    percent_keywords: Pattern | None = None
    # Words in a sentence that make a generic count of people or things this indicator
    # ("520,000 people ... live in", "seized 1,200 firearms").
    context: Pattern | None = None
    # Participles and adjectives that stand for the people a number right before them counts
    # ("more than 30,000 displaced", "14 dead").
    participles: Pattern | None = None
    # Groups whose size a compound before them gives ("a 25-member delegation", "a 300-strong team").
    size_of: Pattern | None = None
    confidence: float | None = Field(default=None, ge=0, le=1)   # overrides the reading's confidence


class Confidence(Rules):
    """Confidence of a statistic row by how it was understood."""
    noun: float = Field(ge=0, le=1)        # the counted noun follows the number
    amount: float = Field(ge=0, le=1)      # money or percentage, indicator from a keyword
    inherited: float = Field(ge=0, le=1)   # "... 550,000 tourists, surpassing the record of 495,000"
    plural: float = Field(ge=0, le=1)      # a count read from a plural noun no block names
    fallback: float = Field(ge=0, le=1)    # an amount or percentage whose indicator is unknown


class VerbQualifier(Rules):
    pattern: Pattern
    qualifier: Qualifier


class RelativeYear(Rules):
    pattern: Pattern
    offset: int          # years from the reference date's


class LabelVerbs(Rules):
    """Label words that are verbs of counting after a subject word or before a qualifier."""
    words: Pattern
    after: Pattern


class LocalCurrency(Rules):
    """A bare mark of money read by default as one currency, meaning another where the article is
    about a country listed here ("$" in a New Zealand release: NZD)."""
    mark: str                     # as written before the amount ("$", "Rs"), after any qualifier
    default: str                  # the currency the mark is read as (ISO 4217)
    default_country: str          # the country of that currency: named in the article, the default holds
    countries: dict[str, str]     # country (ISO 3166-1) -> its currency written with the same mark
    explicit: Pattern             # a form that says which currency the mark is: written anywhere, the default holds


class StatisticRules(Rules):
    indicators: dict[str, Indicator]
    # Indicators of figures nothing else classifies.
    fallback_amount: str
    fallback_percent: str
    fallback_count: str           # a plural noun no block names: "24 helicopters"
    people_by_origin: str         # a people's name counted: "180,000 Koreans live in Vietnam"
    max_words_before_noun: int = Field(ge=0)
    # The second half of a compound that gives a group's size: "25-member", "300-strong".
    size_words: Pattern
    noun_search_stops: Pattern
    frequency_words: Pattern      # stops that are adjectives before a plural: "28 weekly flights"
    # Coordinated modifiers: "three cargo and vehicle scanners" (the search goes on past these
    # words when the word before is no plural noun and no number follows).
    noun_joiners: Pattern
    non_counted_nouns: Pattern
    # Non-counted nouns that are counted after all without a determiner before the number
    # ("with five other countries", not "the two countries").
    group_nouns: Pattern
    group_people: Pattern          # group nouns that are people: "300 business leaders"
    group_determiners: Pattern
    partitive: Pattern             # "3,000 of our young people": the determiner's noun is counted
    # Verbs after a people's name that make it the people counted: "20,000 Japanese live in Seoul".
    people_verbs: Pattern
    min_group_count: int = Field(ge=0)
    # Irregular plurals of people and things: "180 staff", "15 active-duty military".
    plural_nouns: Pattern
    # Words ending in s that are no plural nouns: "16 bus", "5 gas".
    not_plural: Pattern
    # Measure nouns joined to what they measure by "of": "17 million rounds of ammunition".
    measure_nouns: Pattern
    # Words right before a number that make it a label, a rank or an age: "Section 232", "top 10",
    # "ages 13-18".
    not_a_figure_after: Pattern
    label_verbs: LabelVerbs       # "who number around 25,000": a verb, not the label of "number 10"
    max_age: int = Field(ge=0)     # "Anna Berg, 58, said": a smaller number between commas after a name is an age
    ratio_before: Pattern         # "4 in 10 adults": the second number is a ratio's
    year_noun_exclusions_after: Pattern
    year_noun_exclusions_before: Pattern
    duration_openers: Pattern     # "for over 110 years": the "over" after these is a qualifier
    verb_qualifiers: list[VerbQualifier]
    max_words_back_to_subject: int = Field(ge=0)
    # A clause this short before a figure links it to the clause before ("has doubled, to 2,300").
    max_words_of_a_linking_clause: int = Field(ge=0)
    # Words before the subject of a figure that make any plural after them what it counts:
    # "the number of visas issued rose to 80,000".
    number_of: Pattern
    # Words right before a figure that make it a goal, which has no year ("a target of $30 billion").
    target_before: Pattern
    # Words before a year that make it a period's start ("since 2019": a figure over it has no
    # year, unless it is a level reached after `level_reached`: "has tripled since 2021, to 2,300"),
    # or a comparison base ("a 23 percent increase over 2020"; "up 4% on 2023" before a bare year).
    period_openers: Pattern
    level_reached: Pattern
    comparison_bases: Pattern
    comparison_bases_of_a_year: Pattern
    # Words that make a figure a total over several years, which has no year ("to date").
    multi_year_markers: Pattern
    # Words shortly after a figure that spread it over years to come ("over five years"): no year.
    spread_over_years_after: Pattern
    # Words that name a figure's year from the reference date's ("currently", "in the past year").
    relative_years: list[RelativeYear]
    # How many sentences back (within the paragraph, or the one right before it) a stated year
    # still holds for a figure.
    max_sentences_back_to_year: int = Field(ge=0)
    max_years_back_across_paragraphs: int = Field(ge=0)   # an older year before a paragraph is background
    reported_years: tuple[int, int]
    confidence: Confidence
    local_currencies: list[LocalCurrency]
    exchange_rate: Pattern        # "($1 = 0.9245 euros)": a conversion told, its figures are none
    exchange_rate_words: Pattern  # "at an exchange rate of NOK 11.70 per euro": the same in words
    dateline_after: Pattern       # after a place opening a line of the body: it is a dateline ("SEOUL, Nov. 18")
    slogans: Pattern              # "one country, two systems": numbers that count nothing

    @model_validator(mode="after")
    def _named_indicators_exist(self) -> StatisticRules:
        """Every indicator a setting names is a block, so that a misspelt one fails here, not in a
        published row."""
        named = [self.fallback_amount, self.fallback_percent, self.fallback_count, self.people_by_origin]
        named += [block.otherwise for block in self.indicators.values() if block.otherwise is not None]
        for name in named:
            if name not in self.indicators:
                raise ValueError(f"{name!r} is not one of the indicators")
        return self


STATISTIC_RULES = load_rules("statistics", StatisticRules)
