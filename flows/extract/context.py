"""Everything the extractors need to know about one article, computed once.

Dates, places and people are found over the whole article in one pass each, then looked up per
sentence by offset; this keeps extraction linear in the article length and lets a sentence use
its neighbours (the year stated a paragraph earlier, the person a title refers back to).
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

from flows.ingest import Article
from flows.normalise.dates import DateMention, find_dates
from flows.normalise.names import PersonMention, canonical_names, find_people
from flows.normalise.places import PlaceMention, find_places
from flows.sentences import Sentence, split_sentences


class Person:
    """A record class (see flows.native)."""
    name: Final[str]                  # canonical within the article
    country_code: Final[str | None]
    start: Final[int]
    end: Final[int]
    title: Final[str | None]          # lower-case title of this mention ("prime minister"), when it has one
    written: Final[str]               # the mention as written, title included; "" for "He" / "the President"

    def __init__(self, name: str, country_code: str | None, start: int, end: int, title: str | None = None,
                 written: str = "") -> None:
        self.name = name
        self.country_code = country_code
        self.start = start
        self.end = end
        self.title = title
        self.written = written


@dataclass
class ArticleContext:
    article: Article
    sentences: list[Sentence]
    dates: list[DateMention]
    places: list[PlaceMention]
    people: list[Person]
    main_countries: list[str]            # the countries the article is mostly about, most named first
    _starts: dict[str, list[int]] = field(default_factory=dict)
    sentence_starts: list[int] = field(default_factory=list)
    _found: dict[tuple[str, int, int], list] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts = {
            "dates": [d.start for d in self.dates],
            "places": [p.start for p in self.places],
            "people": [p.start for p in self.people],
        }
        self.sentence_starts = [s.start for s in self.sentences]

    def dates_in(self, sentence: Sentence) -> list[DateMention]:
        return self._within("dates", self.dates, sentence)

    def places_in(self, sentence: Sentence) -> list[PlaceMention]:
        return self._within("places", self.places, sentence)

    def people_in(self, sentence: Sentence) -> list[Person]:
        return self._within("people", self.people, sentence)

    def year_before(self, offset: int) -> int | None:
        """The latest explicit year stated before `offset` that is not in the article's future."""
        limit = self.article.reference_date.year if self.article.reference_date else None
        index = bisect.bisect_left(self._starts["dates"], offset)
        for mention in reversed(self.dates[:index]):
            if mention.explicit_year and not mention.is_target and mention.start_date:
                year = mention.start_date.year
                if limit is None or year <= limit:
                    return year
        return None

    def _within(self, key: str, items: list, sentence: Sentence) -> list:
        """The items inside the sentence. Kept once found: every extractor asks about the same
        sentences, several times each; callers only read the list (it is shared)."""
        memo = (key, sentence.start, sentence.end)
        found = self._found.get(memo)
        if found is None:
            found = self._found[memo] = self._find_within(key, items, sentence)
        return found

    def _find_within(self, key: str, items: list, sentence: Sentence) -> list:
        starts = self._starts[key]
        low = bisect.bisect_left(starts, sentence.start)
        high = bisect.bisect_left(starts, sentence.end)
        return [item for item in items[low:high] if item.end <= sentence.end]


def build_context(article: Article) -> ArticleContext:
    text = article.text
    sentences = split_sentences(text, article.body_start, article.caption_spans)
    dates = find_dates(text, article.reference_date, anchor_relative=_states_its_day(article),
                       scan=article.date_scan)
    places = find_places(text)
    people = _resolve_people(text, find_people(text, places))
    people = sorted(people + _pronoun_references(sentences, people), key=lambda p: (p.start, p.end))
    return ArticleContext(article, sentences, dates, places, people, _main_countries(places))


# what closes a wire dateline after its date: ", SPA --", " (Kyodo) -", " -"
_WIRE_TAG: Final = re.compile(r",?\s*(?:[A-Z][\w.]*\s*)?(?:\([^()\n]{1,30}\)\s*)?(?:--|[-–—])\s")
_HEAD_REACH: Final = 200   # characters at the head of the body where a page without a date of its own may state it


def _states_its_day(article: Article) -> bool:
    """Whether "today" and "on Monday" can be read from the reference date: the source gives the
    page's date, or a wire dateline at the head of the body states the reference day in full
    ("Riyadh, Rabi' II 26, 1448, October 7, 2026, SPA --" where the dateline reader finds no
    single date); a date in a first paragraph is no dateline."""
    if article.reference_is_stated:
        return True
    reference = article.reference_date
    if reference is None:
        return False
    head = article.text[article.body_start:article.body_start + _HEAD_REACH]
    return any(d.explicit_year and d.precision == "day" and d.start_date == reference
               and _WIRE_TAG.match(head, d.end) is not None for d in find_dates(head, None))


_SUBJECT_PRONOUN: Final = re.compile(r"^(?:[A-Z]\w+ly,?\s+|Then,?\s+|There,?\s+)?(He|She)\b")


def _pronoun_references(sentences: list[Sentence], people: list[Person]) -> list[Person]:
    """ "He later travelled to Ho Chi Minh City": a sentence opening with He/She continues with the
    first person named in the sentence before."""
    found: list[Person] = []
    starts = [p.start for p in people]
    for previous, sentence in zip(sentences, sentences[1:]):
        match = _SUBJECT_PRONOUN.match(sentence.text)
        if match is None:
            continue
        index = bisect.bisect_left(starts, previous.start)
        if index < len(people) and people[index].end <= previous.end:
            person = people[index]
            start = sentence.start + match.start(1)
            found.append(Person(person.name, person.country_code, start, start + len(match.group(1))))
    return found


def _resolve_people(text: str, mentions: list[PersonMention]) -> list[Person]:
    """Canonical names, a country for every mention of a person, and "the President"-style
    references resolved to the last person named with that title."""
    canonical = canonical_names([m.name for m in mentions])
    country: dict[str, str] = {}
    for mention in mentions:
        if mention.country_code:
            country.setdefault(canonical[mention.name], mention.country_code)
    people = [Person(canonical[m.name], country.get(canonical[m.name]), m.start, m.end, m.title, m.text)
              for m in mentions]
    people += _title_references(text, mentions, canonical, country)
    return sorted(people, key=lambda p: (p.start, p.end))


def _title_references(text: str, mentions: list[PersonMention], canonical: dict[str, str],
                      country: dict[str, str]) -> list[Person]:
    titled: dict[str, list[PersonMention]] = {}
    for mention in mentions:
        if mention.title:
            titled.setdefault(mention.title.lower(), []).append(mention)
    if not titled:
        return []
    taken = [(m.start, m.end) for m in mentions]
    titles = "|".join(re.escape(t) for t in sorted(titled, key=len, reverse=True))
    # "\b[Tt]he ", written as the literal "he " and a look-behind for the "T" before it: re finds a
    # literal prefix much faster than it stops at every "t". A reference starts at that "T", one
    # before the match. Exact: each match is the old one less its "T"; the one thing that could
    # differ is a "T" on the last character of the match before, and there "\b" rules it out
    # (that character and the "h" after it would both be word characters).
    pattern = re.compile(r"he (?<=(?<!\w)[Tt]he )((?i:" + titles + r"))\b(?! [A-Z])")
    found: list[Person] = []
    for match in pattern.finditer(text):
        reference_start = match.start() - 1
        if any(start <= reference_start < end for start, end in taken):
            continue
        earlier = [m for m in titled[match.group(1).lower()] if m.start < reference_start]
        if earlier and len({canonical[m.name] for m in titled[match.group(1).lower()]}) == 1:
            name = canonical[earlier[-1].name]
            found.append(Person(name, country.get(name), reference_start, match.end()))
    return found


def _main_countries(places: list[PlaceMention]) -> list[str]:
    counts = Counter(p.country_code for p in places if p.kind in ("country", "demonym"))
    return [code for code, _ in counts.most_common()]


def nearest(items: list, offset: int) -> Any:
    """The mention closest to `offset` (by distance to either end)."""
    if not items:
        return None
    return min(items, key=lambda m: min(abs(m.start - offset), abs(m.end - offset)))
