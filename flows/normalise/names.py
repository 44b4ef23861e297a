"""Find people in news text and normalise their names.

Capitalised words are everywhere in news, so a run of them counts as a person only right after a
title or honorific ("Prime Minister Pham Minh Chinh", "Mr. Kishida"), or when the same article has
already introduced that name with one ("Prime Minister Kishida Fumio ... Kishida said"). Titles,
rank words, portfolio words and honorifics are vocabulary in names.yaml; countries come from the
gazetteer (places.py), which also tells where a name must stop ("... Kishida Fumio Japan").
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from anyascii import anyascii

from flows.data_files import read_yaml
from flows.normalise.places import PlaceMention, find_places
from flows.scan import WordFinder, matches_at, phrase_alternation

_CONFIG: Final = read_yaml("normalise/names.yaml")


class PersonMention:
    """A record class (see flows.native)."""
    name: Final[str]                 # normalised: title stripped, ASCII-folded, single spaces: "Vo Van Thuong"
    title: Final[str | None]         # lower-case title as written: "prime minister", "senate president"
    country_code: Final[str | None]  # from "Japanese Prime Minister X", "X of Japan", "Japan's Prime Minister X"
    text: Final[str]                 # the span as written, title included
    start: Final[int]
    end: Final[int]

    def __init__(self, name: str, title: str | None, country_code: str | None, text: str, start: int,
                 end: int) -> None:
        self.name = name
        self.title = title
        self.country_code = country_code
        self.text = text
        self.start = start
        self.end = end


# ---------------------------------------------------------------------------------------------
# Patterns (compiled once)
# ---------------------------------------------------------------------------------------------

def _alternation(phrases: list[str]) -> str:
    """Longest first, so "prime minister" wins over "minister"; spaces match any run of blanks.
    (A trie, see flows.scan: the title pattern is tried at every title word of every article.)"""
    return phrase_alternation({p.lower() for p in phrases})


# Not inside a word, and not inside quotes ("the opera 'Princess Anio'" names a work).
_NOT_BEFORE_TITLE: Final = r"[\w“\"‘'-]"


def _title_pattern() -> str:
    rank = rf"(?:(?:{_alternation(_CONFIG['ranks'])})[\s-]+)*"
    qualifier = rf"(?:(?:{_alternation(_CONFIG['qualifiers'])})\s+)?"
    one_title = rf"{rank}{qualifier}(?:{_alternation(_CONFIG['titles'])})"
    return rf"(?<!{_NOT_BEFORE_TITLE})(?:{one_title})(?:\s+(?:and|&)\s+{one_title})?(?![\w-])"


# Every character "\s" matches: none lies above U+3000 (tests/test_names.py checks every code point).
_WHITESPACE: Final = "".join(re.findall(r"\s", "".join(map(chr, range(0x3001)))))


def _title_leads() -> set[str]:
    """Lower-case strings one of which every match of the title pattern (on lower-cased text)
    starts with, for a WordFinder: where one occurs, the pattern is tried; nowhere else.

    Exact: a match opens with a whole rank, qualifier or title phrase (the look-behind before it
    consumes nothing), so with the first word of that phrase, and the pattern says what may come
    right after that word: whitespace inside a phrase of several words and after a qualifier,
    whitespace or a hyphen after a rank. Only a title of one word may be followed by anything else
    (punctuation, the end of the text), so only such words are looked for alone; the others with
    each character that may follow them. That spares the pattern the "co" of "cooperation" and
    "economic", half of all the words found otherwise."""
    followers: dict[str, set[str]] = {}
    for key in ("ranks", "qualifiers", "titles"):
        for phrase in _CONFIG[key]:
            first, space, _ = phrase.lower().partition(" ")
            followers.setdefault(first, set()).update(_followers(key, several_words=bool(space)))
    return {word + follower for word, after in followers.items() for follower in ({""} if "" in after else after)}


def _followers(key: str, several_words: bool) -> set[str]:
    """What may follow the first word of a phrase of the vocabulary `key` in a title ("": anything)."""
    if several_words or key == "qualifiers":
        return set(_WHITESPACE)
    return set(_WHITESPACE + "-") if key == "ranks" else {""}


def _honorific_pattern() -> re.Pattern[str]:
    # "(?<![\w.])" before the honorific, written after its first letter (see flows.scan)
    alternatives = phrase_alternation(_CONFIG["honorifics"], after_first=r"(?<![\w.].)")
    return re.compile(rf"(?:{alternatives})(?![\w])")


# The vocabulary is lower case: titles are searched in the lower-cased text, which is several
# times faster than a case-insensitive search, and only where _TITLE_LEADS finds that one can
# start; _TITLE serves texts whose length changes when lower-cased (a handful of non-Latin letters).
_TITLE_LOWER: Final = re.compile(_title_pattern())
_TITLE_LEADS: Final = WordFinder(_title_leads())
_TITLE: Final = re.compile(_title_pattern(), re.IGNORECASE)
_HONORIFIC: Final = _honorific_pattern()
_HONORIFICS_AHEAD: Final = re.compile(rf"(?:\s+(?:{_HONORIFIC.pattern}))*\s+")
_WORD: Final = re.compile(r"[^\W\d_][\w]*(?:[-'’][\w]+)*")
_GLUED: Final = re.compile(r"^(.*[a-z])[A-Z]+$")   # "YiA": a name glued to the next headline
_POSSESSIVE: Final = re.compile(r"['’]s$", re.IGNORECASE)
_NAME_EDGES: Final = " ,.;:"
_TRAILING_POSSESSIVES: Final = re.compile(r"(?:[ ,.;:]*['’]s)+[ ,.;:]*$", re.IGNORECASE)
_LETTER: Final = re.compile(r"[A-Za-z]")
_OF: Final = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
_TO: Final = re.compile(r"\s+(?:to|in)\s+(?:the\s+)?", re.IGNORECASE)
_QUALIFIER_BEFORE: Final = re.compile(rf"(?:['’]s)?[ \t]+(?:(?:{_alternation(_CONFIG['modifiers'])})[ \t]+)?$",
                                      re.IGNORECASE)
_COORDINATION: Final = re.compile(r"\s+(?:and|&)\s+")
_OF_PHRASE_LINK: Final = re.compile(r"\s+(?:and|of|the|for|&)\s+(?:the\s+)?|\s*,\s*|\s+")

_PARTICLES: Final = frozenset(_CONFIG["particles"])
_SUFFIXES: Final = frozenset(_CONFIG["name_suffixes"])
_ORGAN_WORDS: Final = frozenset(_CONFIG["organ_words"])
_TITLE_WORDS: Final = frozenset(w.capitalize() for t in _CONFIG["titles"] + _CONFIG["ranks"] for w in t.split())
_NOT_NAME: Final = frozenset(_CONFIG["not_name_words"]) | _TITLE_WORDS
_ALSO_NAMES: Final = frozenset(_CONFIG["also_name_words"])
_MAX_NAME_WORDS: Final = 4
_MIN_SHORT_FORM: Final = 3


# ---------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------

def _recase(token: str) -> str:
    """ALL-CAPS and all-lower tokens get a capital per hyphen part; mixed case is kept as written."""
    if token in _PARTICLES or token in _SUFFIXES:
        return token
    if token.isupper() and len(token) > 1 or token.islower():
        return "-".join(part[:1].upper() + part[1:].lower() for part in token.split("-"))
    return token


def _strip_leading_titles(name: str) -> str:
    while True:
        match = _TITLE.match(name) or _HONORIFIC.match(name)
        if not match:
            return name
        name = name[match.end():].lstrip(_NAME_EDGES)


@lru_cache(maxsize=4096)
def normalise_person_name(raw: str) -> str:
    """Strip titles and honorifics, fold diacritics ("Võ Văn Thưởng" -> "Vo Van Thuong"), tidy
    spaces and case, so every spelling of one name compares equal."""
    name = _strip_leading_titles(" ".join(anyascii(raw).split()).strip(_NAME_EDGES))
    name = _TRAILING_POSSESSIVES.sub("", name).strip(_NAME_EDGES)
    return " ".join(_recase(token) for token in name.split())


def _is_a_name(name: str) -> bool:
    """A normalised name has a letter: "Ъ" or "Ɂ" after a title fold to an apostrophe or nothing."""
    return _LETTER.search(name) is not None


# ---------------------------------------------------------------------------------------------
# Finding titled people
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Places:
    """The gazetteer's view of one text, indexed for the look-ups titles need."""
    by_start: dict[int, PlaceMention]
    by_end: dict[int, PlaceMention]
    countries_at: frozenset[int]          # start offsets of country and demonym mentions
    covered: tuple[tuple[int, int], ...]  # spans of place names
    ends: tuple[int, ...]                 # end offsets of all places, ascending

    @classmethod
    def of(cls, places: list[PlaceMention]) -> "_Places":
        return cls({p.start: p for p in places}, {p.end: p for p in places},
                   frozenset(p.start for p in places if p.kind in ("country", "demonym")),
                   tuple((p.start, p.end) for p in places if p.kind not in ("country", "demonym")),
                   tuple(p.end for p in places))

    def end_between(self, low: int, high: int) -> bool:
        """Whether a place ends at an offset from `low` to `high` (places come in reading order
        without overlaps, so their ends ascend)."""
        index = bisect.bisect_left(self.ends, low)
        return index < len(self.ends) and self.ends[index] <= high

    def inside_place(self, offset: int) -> bool:
        """Places come in reading order without overlaps: only the last one starting at or before
        `offset` can hold it."""
        index = bisect.bisect_right(self.covered, (offset, math.inf)) - 1
        return index >= 0 and offset < self.covered[index][1]


def _qualifier_country(text: str, title_start: int, places: _Places) -> str | None:
    """Country named just before the title: "Vietnamese President", "Japan's Prime Minister",
    "US former President"."""
    window_start = max(0, title_start - 40)
    if not places.end_between(window_start, title_start):
        return None   # exact: the gap starts inside the window, and only a place ending there is read
    gap = _QUALIFIER_BEFORE.search(text, window_start, title_start)
    place = places.by_end.get(gap.start()) if gap else None
    return place.country_code if place else None


def _of_phrase(text: str, pos: int, places: _Places) -> tuple[int, str | None, bool] | None:
    """An "of ..." phrase after a title: (end, country it names, whether it is an office name to
    keep in the title). "of Japan" names a country; "of Foreign Affairs" is part of the office;
    "of the Communist Party of Vietnam Central Committee" is both."""
    opening = _OF.match(text, pos)
    if not opening:
        return None
    cursor, end, country, organ = opening.end(), None, None, False
    for _ in range(12):
        place = places.by_start.get(cursor)
        word = _WORD.match(text, cursor)
        if place is not None:
            cursor = end = place.end
            country = country or place.country_code
        elif word and word.group()[0].isupper():
            cursor = word.end()
            if word.group() in _ORGAN_WORDS:
                end, organ = cursor, True
        else:
            break
        link = _OF_PHRASE_LINK.match(text, cursor)
        if not link:
            break
        cursor = link.end()
    if end is None:
        return None
    return end, country, organ


def _destination_end(text: str, pos: int, places: _Places) -> int:
    """Skip "to Japan" / "in Vietnam" after an ambassador-like title: the post's country, not the
    person's."""
    link = _TO.match(text, pos)
    if link and (place := places.by_start.get(link.end())) is not None:
        return place.end
    return pos


def _name_words(text: str, pos: int, places: _Places) -> tuple[int, int] | None:
    """Span of the name starting at `pos`: 1-4 capitalised words (particles and suffixes allowed
    between/after them), ending at a non-name word, punctuation, a country word or a possessive."""
    start = end = None
    capitals = 0
    cursor = pos
    while True:
        word = _WORD.match(text, cursor)
        if not word:
            break
        token = word.group()
        if token in _PARTICLES and start is not None and _next_is_capitalised(text, word.end()):
            cursor = word.end() + 1
            continue
        if not token[0].isupper() or word.start() in places.countries_at \
                or _is_not_name(token) and not _may_be_name(text, token, word.end(), start is not None):
            break
        if token in _SUFFIXES and start is None:
            break
        glued = _glued_length(token)
        if glued is not None:
            start, end = (word.start() if start is None else start), word.start() + glued
            capitals += 1
            break
        start = word.start() if start is None else start
        capitals += token not in _SUFFIXES
        end = word.end()
        if _is_possessive(token):
            end -= 2
            break
        if len(token) == 1 and text[end: end + 2] == ". " and _next_is_capitalised(text, end + 1):
            end += 1   # a middle initial: "Joseph R. Biden"
        if text[end: end + 1] != " ":
            break
        cursor = end + 1
    if start is None or capitals > _MAX_NAME_WORDS:
        return None
    return start, end  # type: ignore


# The three word tests below are cached: they are asked of every word after every title, and the
# same words (names, "The", "Vietnam") come back all the time.

@lru_cache(maxsize=8192)
def _glued_length(token: str) -> int | None:
    """Length of the word in "YiA" (a name glued to the next headline), None if not glued."""
    glued = _GLUED.match(token)
    return len(glued.group(1)) if glued else None


@lru_cache(maxsize=8192)
def _is_possessive(token: str) -> bool:
    return _POSSESSIVE.search(token) is not None


@lru_cache(maxsize=8192)
def _is_not_name(token: str) -> bool:
    bare = _POSSESSIVE.sub("", token)
    return bare in _NOT_NAME or (bare.isupper() and len(bare) > 1 and bare not in _SUFFIXES)


def _may_be_name(text: str, token: str, end: int, inside: bool) -> bool:
    """ "To" in "General Secretary To Lam", "An" in "Nguyen Van An": a common word that is also a
    name syllable, inside a name or followed by a name word."""
    if token not in _ALSO_NAMES:
        return False
    following = _WORD.match(text, end + 1) if text[end: end + 1] == " " else None
    if following is None or following.group() == "of":
        return inside   # "Nguyen Van An, the director", "Le Van An of Vietnam": the name ends with it
    return following.group()[0].isupper() and not _is_not_name(following.group())


def _next_is_capitalised(text: str, pos: int) -> bool:
    word = _WORD.match(text, pos + 1) if text[pos: pos + 1] == " " else None
    return bool(word and word.group()[0].isupper())


@lru_cache(maxsize=4096)
def _title_text(written: str) -> str:
    """The title as published: ASCII, lower case, single spaces (cached: titles repeat)."""
    return " ".join(anyascii(written).lower().split())


def _title_spans(text: str) -> list[tuple[int, int]]:
    """Where _TITLE matches, as its finditer finds them: in lower-cased text (when that keeps the
    offsets) by _TITLE_LOWER, tried only where one of _TITLE_LEADS occurs. One pass of the automaton
    finds those few offsets; the pattern alone was tried at every space of the article."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return [m.span() for m in matches_at(_TITLE_LOWER, lowered, _TITLE_LEADS.starts(lowered))]
    return [m.span() for m in _TITLE.finditer(text)]


def _titled_mention(text: str, title: tuple[int, int], places: _Places) -> PersonMention | None:
    """The person a title introduces. The name is looked for first: a third of all titles have
    none ("the president said"), and the title's text and country are only needed when it has."""
    title_start, cursor = title
    if places.inside_place(title_start):
        return None                                  # "Prince Edward Island"
    title_end = cursor
    if of_phrase := _of_phrase(text, cursor, places):
        of_end, _, organ = of_phrase
        if organ:
            title_end = of_end
        cursor = of_end
    cursor = _destination_end(text, cursor, places)
    ahead = _HONORIFICS_AHEAD.match(text, cursor)
    if not ahead or "\n" in ahead.group():
        return None
    span = _name_words(text, ahead.end(), places)
    if span is None:
        return None
    name = normalise_person_name(text[span[0]:span[1]])
    if not _is_a_name(name):
        return None
    country = _qualifier_country(text, title_start, places)
    if of_phrase:
        country = country or of_phrase[1]
    return PersonMention(name, _title_text(text[title_start:title_end]), country, text[title_start:span[1]],
                         title_start, span[1])


def _honorific_mention(text: str, honorific: re.Match[str], places: _Places) -> PersonMention | None:
    ahead = _HONORIFICS_AHEAD.match(text, honorific.end())
    if not ahead or "\n" in ahead.group():
        return None
    span = _name_words(text, ahead.end(), places)
    if span is None:
        return None
    name = normalise_person_name(text[span[0]:span[1]])
    if not _is_a_name(name):
        return None
    return PersonMention(name, None, None, text[honorific.start():span[1]], honorific.start(), span[1])


def _introduced(text: str, places: _Places) -> list[PersonMention]:
    """People introduced by a title or an honorific, in text order, non-overlapping."""
    found = [m for t in _title_spans(text) if (m := _titled_mention(text, t, places))]
    found += [m for h in _HONORIFIC.finditer(text) if (m := _honorific_mention(text, h, places))]
    found.sort(key=lambda m: (m.start, -m.end))
    kept: list[PersonMention] = []
    for mention in found:
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


# ---------------------------------------------------------------------------------------------
# Later mentions without a title, and one country per person
# ---------------------------------------------------------------------------------------------

_NAME_WORD: Final = r"[^\W\d_a-z]\w*(?:-\w+)*"     # capitalised; hyphenated parts may be lower case
# The first letter, then the look-behind at the character before it (as "(?<![\w'’-])" first, but
# re can skip to the next capital fast when the pattern opens with a character set). The letter is
# "[A-Z\x80-\U0010FFFF]" checked again as "[^\W\d_a-z]" by a look-behind: the same letters (an
# ASCII letter that is not a digit, "_" or a-z is A-Z), but re skips over a set of ranges several
# times faster than over one that asks the Unicode tables about every character.
_CAPITALISED_RUN: Final = re.compile(rf"[A-Z\x80-\U0010FFFF](?<=[^\W\d_a-z])(?<![\w'’-].)\w*(?:-\w+)*(?: {_NAME_WORD})*")


def _short_forms(mentions: list[PersonMention]) -> dict[str, PersonMention]:
    """Forms an introduced person may later appear under: the full name, the two parts swapped
    ("Kishida Fumio" / "Fumio Kishida"), and the first or last word when no other person has it."""
    forms: dict[str, PersonMention] = {}
    owners: dict[str, set[frozenset[str]]] = {}
    for mention in mentions:
        words = mention.name.split()
        forms.setdefault(mention.name, mention)
        if len(words) == 2:
            forms.setdefault(f"{words[1]} {words[0]}", mention)
        for word in {words[0], words[-1]} if len(words) > 1 else set():
            if len(word) >= _MIN_SHORT_FORM and word not in _NOT_NAME:
                owners.setdefault(word, set()).add(_identity(mention.name))
                forms.setdefault(word, mention)
    for word, people in owners.items():
        if len(people) > 1 and word in forms and forms[word].name != word:
            del forms[word]
    return forms


@lru_cache(maxsize=4096)
def _identity(name: str) -> frozenset[str]:
    """The words of a name in any order and case (cached: asked for every name, again and again)."""
    return frozenset(name.lower().split())


def _later_mentions(text: str, introduced: list[PersonMention], places: _Places) -> list[PersonMention]:
    forms = _short_forms(introduced)
    form_words = {word for form in forms for word in form.split()}
    if not form_words:
        return []   # nobody was introduced: no run can be a later mention
    taken_starts = [m.start for m in introduced]
    taken_ends = [m.end for m in introduced]
    found = []
    for run in _CAPITALISED_RUN.finditer(text):
        last = run.group().rpartition(" ")[2]
        if (last if last.isascii() else _ascii(last)) not in form_words:   # anyascii keeps ASCII as it is
            continue
        known = _known_tail(run, forms)
        if known is None:
            continue
        start, name = known
        end = run.end()
        if start in places.countries_at or _overlaps(taken_starts, taken_ends, start, end):
            continue
        found.append(PersonMention(name, None, forms[name].country_code, text[start:end], start, end))
    return found


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether (start, end) overlaps one of the spans given by `starts` and `ends`: spans in reading
    order without overlaps, as _introduced keeps them, so their ends ascend too and of the spans
    starting before `end` the last one reaches furthest."""
    index = bisect.bisect_left(starts, end) - 1
    return index >= 0 and ends[index] > start


@lru_cache(maxsize=8192)
def _ascii(word: str) -> str:
    """anyascii(word), cached: every capitalised word of every article is asked about, and the
    same words ("The", "Vietnam", "Japan") come back all the time."""
    return anyascii(word)


def _known_tail(run: re.Match[str], forms: dict[str, PersonMention]) -> tuple[int, str] | None:
    """The longest end of a capitalised run that is a known form: "Later Fumio Kishida" ->
    "Fumio Kishida" (sentence-initial words are capitalised too)."""
    words = run.group()
    offset = run.start()
    while True:
        name = normalise_person_name(words)
        if name in forms:
            return offset, name
        if " " not in words:
            return None
        skip = words.index(" ") + 1
        offset, words = offset + skip, words[skip:]


def _shared_countries(mentions: list[PersonMention], text: str, places: _Places) -> list[PersonMention]:
    """Give every mention of a person the country any other mention of them states, and give
    "X and Y of Japan" to both."""
    mentions = _coordinated_countries(mentions, text, places)
    canonical = canonical_names([m.name for m in mentions])
    known: dict[str, str] = {}
    for mention in mentions:
        if mention.country_code:
            known.setdefault(canonical[mention.name], mention.country_code)
    return [m if m.country_code else _with_country(m, known.get(canonical[m.name])) for m in mentions]


def _with_country(mention: PersonMention, country_code: str | None) -> PersonMention:
    """dataclasses.replace(mention, country_code=...), built directly: replace is several times slower."""
    return PersonMention(mention.name, mention.title, country_code, mention.text, mention.start, mention.end)


def _country_after(text: str, mention: PersonMention, places: _Places) -> str | None:
    """ "Empress Masako of Japan" """
    after = _OF.match(text, mention.end)
    place = places.by_start.get(after.end()) if after else None
    return place.country_code if place and place.kind in ("country", "demonym") else None


def _coordinated_countries(mentions: list[PersonMention], text: str, places: _Places) -> list[PersonMention]:
    """ "Emperor Naruhito and Empress Masako of Japan": the country after the last of two joined
    names belongs to both."""
    result = list(mentions)
    for index in range(len(result) - 1, -1, -1):
        mention = result[index]
        if mention.country_code is None and (code := _country_after(text, mention, places)):
            result[index] = mention = _with_country(mention, code)
        following = result[index + 1] if index + 1 < len(result) else None
        if (following and mention.country_code is None and following.country_code
                and _COORDINATION.fullmatch(text[mention.end:following.start])):
            result[index] = _with_country(mention, following.country_code)
    return result


def find_people(text: str, places_found: list[PlaceMention] | None = None) -> list[PersonMention]:
    """People in reading order: everyone introduced by a title or honorific, and later bare
    mentions of the names so introduced. `places_found`: find_places(text), when the caller
    already has it (the article context does: the gazetteer pass is the dearest part)."""
    places = _Places.of(places_found if places_found is not None else find_places(text))
    introduced = _introduced(text, places)
    mentions = sorted(introduced + _later_mentions(text, introduced, places), key=lambda m: m.start)
    return _shared_countries(mentions, text, places)


# ---------------------------------------------------------------------------------------------
# One name per person
# ---------------------------------------------------------------------------------------------

def canonical_names(names: list[str]) -> dict[str, str]:
    """Within one article, map every variant of a person's name to one name: word order and
    diacritics do not matter ("Fumio Kishida" = "Kishida Fumio"), the full form is preferred over
    parts of it (most frequent full form, ties to the first seen), and a lone surname maps to the
    single full name that contains it - or stays as it is when several do."""
    normalised = {raw: normalise_person_name(raw) for raw in names}
    counts = Counter(normalised[raw] for raw in names)
    groups: dict[frozenset[str], list[str]] = {}
    for form in dict.fromkeys(normalised[raw] for raw in names):
        groups.setdefault(_identity(form), []).append(form)
    best = {identity: max(forms, key=lambda f: (counts[f], -forms.index(f))) for identity, forms in groups.items()}
    full = [identity for identity in best if len(identity) > 1]
    return {raw: _canonical_form(normalised[raw], best, full) for raw in names}


def _canonical_form(form: str, best: dict[frozenset[str], str], full: list[frozenset[str]]) -> str:
    identity = _identity(form)
    containing = [other for other in full if identity < other]
    if len(containing) == 1:
        return best[containing[0]]
    return best.get(identity, form)
