"""Gazetteer: find countries, demonyms, cities, regions and subdivisions in article text and map
each to its ISO 3166-1 alpha-2 country.

Countries and ISO 3166-2 subdivisions come from pycountry (maintained lists); places.yaml adds what
news writing needs on top: short names and aliases, demonyms, capitals and big cities, regions, and
the guards that keep ordinary words ("Delta", "Central", "Antique") from being read as places.

Matching works on a diacritics-folded copy of the text of the same length, so "Hà Nội" and "Hanoi"
match alike and every offset still points into the original text. All names are indexed at import
by their lower-cased tokens; a call looks up capitalised token n-grams in that dict, which keeps
the cost independent of the ~10,000 names.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import pycountry
from anyascii import anyascii

from flows.data_files import read_yaml

_CONFIG: Final = read_yaml("normalise/places.yaml")

_TOKEN: Final = re.compile(r"[A-Za-z0-9]+")
# What may stand between two words of one place name: a space, a hyphen or dash (with or without
# spaces), an apostrophe, the dot of an abbreviation, the comma of "Washington, D.C.", a slash.
_JOINER: Final = re.compile(r"[ \t]?[-'.,/][ \t]?|[ \t]")
_BRACKETED: Final = re.compile(r"\s*[\[(][^\])]*[\])]")
_LEADING_JUNK: Final = re.compile(r"^[^A-Za-z]+")
_THE: Final = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE: Final = re.compile(r"['’]s$")

_PRIORITY: Final = {"blocked": 0, "country": 1, "demonym": 2, "city": 3, "region": 4, "subdivision": 5}


class PlaceMention:
    """A record class (see flows.native)."""
    name: Final[str]            # as published, ASCII: "Japan", "Tokyo", "Fukuoka", "Hanoi", "Quang Nam";
                                # a demonym publishes its country ("Vietnamese" -> "Vietnam")
    country_code: Final[str]    # ISO 3166-1 alpha-2
    kind: Final[str]            # "country" | "demonym" | "city" | "subdivision" | "region"
    start: Final[int]           # offsets in the input text
    end: Final[int]

    def __init__(self, name: str, country_code: str, kind: str, start: int, end: int) -> None:
        self.name = name
        self.country_code = country_code
        self.kind = kind
        self.start = start
        self.end = end


@dataclass(frozen=True)
class _Place:
    name: str
    country_code: str
    kind: str            # as PlaceMention.kind, or "blocked" for not_places


@dataclass(frozen=True)
class _Surface:
    """One way of writing a place: its words and how strictly each must match in case."""
    tokens: tuple[str, ...]
    place: _Place

    def matches(self, words: list[str]) -> bool:
        return all(_case_matches(expected, actual) for expected, actual in zip(self.tokens, words))


def _case_matches(expected: str, actual: str) -> bool:
    """Acronyms must match exactly ("US" is not "Us"); capitalised words need a capital in the
    text ("Japan", "JAPAN", "KwaZulu" for "Kwazulu"); lower-case connectors ("of", "es") and unit
    words may be written in any case."""
    if expected.lower() in _UNIT_WORDS:
        return True
    if expected.isupper() and not expected.isdigit():
        return actual == expected
    if expected[0].isupper():
        return actual[0].isupper() and actual.lower() == expected.lower()
    return actual.lower() == expected


class _FoldTable(dict):
    """Character table that folds each character to one ASCII character when it can
    ("ộ" -> "o", "Đ" -> "D", "’" -> "'") and leaves it alone otherwise, so lengths never change."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        folded = anyascii(char)
        if len(folded) != 1:
            base = unicodedata.normalize("NFD", char)[0]
            folded = base if base.isascii() else char
        self[codepoint] = folded
        return folded


_FOLD: Final = _FoldTable()


_NON_ASCII: Final = re.compile(r"[^\x00-\x7f]")


def _fold(text: str) -> str:
    return text if text.isascii() else _NON_ASCII.sub(lambda char: _FOLD[ord(char.group())], text)


def _ascii(name: str) -> str:
    return " ".join(anyascii(name).split())


def _tokens(name: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(_fold(name)))


# ---------------------------------------------------------------------------------------------
# Index construction (runs once at import)
# ---------------------------------------------------------------------------------------------

_UNIT_WORDS: Final[dict[str, str]] = _CONFIG["unit_words"]
_SUBDIVISION_RULES: Final[dict] = _CONFIG["subdivisions"]


def _country_name_table() -> dict[str, str]:
    overrides = {str(code): name for code, name in _CONFIG["country_names"].items()}
    names = {}
    for country in pycountry.countries:
        name = overrides.get(country.alpha_2) or getattr(country, "common_name", None) or country.name
        names[country.alpha_2] = _ascii(name)
    return names


_COUNTRY_NAMES: Final = _country_name_table()


def _yaml_names(entries: list) -> list[tuple[str, list[str]]]:
    """YAML lists hold either a plain name or {published name: [other spellings]}."""
    pairs: list[tuple[str, list[str]]] = []
    for entry in entries or []:
        if isinstance(entry, dict):
            pairs.extend((str(name), [str(a) for a in aliases or []]) for name, aliases in entry.items())
        else:
            pairs.append((str(entry), []))
    return pairs


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("s", "sh", "ch", "x", "z", "ese")):
        return None
    return demonym + "s"


def _without_the(name: str) -> str:
    return name[4:] if name.startswith("the ") else name


def _country_surfaces() -> list[tuple[str, _Place]]:
    found = []
    aliases = {str(code): names for code, names in _CONFIG["country_aliases"].items()}
    for country in pycountry.countries:
        place = _Place(_COUNTRY_NAMES[country.alpha_2], country.alpha_2, "country")
        official = [getattr(country, attr, None) for attr in ("name", "common_name", "official_name")]
        for name in [*official, *aliases.get(country.alpha_2, [])]:
            if name and "," not in name:
                found.append((_without_the(_BRACKETED.sub("", name)), place))
    return found


def _demonym_surfaces() -> list[tuple[str, _Place]]:
    found = []
    for code, demonyms in _CONFIG["demonyms"].items():
        place = _Place(_COUNTRY_NAMES[str(code)], str(code), "demonym")
        for demonym in demonyms:
            found.append((demonym, place))
            if plural := _plural(demonym):
                found.append((plural, place))
    return found


def _listed_surfaces(section: str, kind: str) -> list[tuple[str, _Place]]:
    found: list[tuple[str, _Place]] = []
    for code, entries in _CONFIG[section].items():
        for name, aliases in _yaml_names(entries):
            place = _Place(_ascii(name), str(code), kind)
            found.extend((spelling, place) for spelling in [name, *aliases])
    return found


def _blocked_surfaces() -> list[tuple[str, _Place]]:
    return [(phrase, _Place(phrase, "", "blocked")) for phrase in _CONFIG["not_places"]]


def _clean_subdivision_name(raw: str) -> str:
    """ISO names carry editorial notes and inversions: "Lugo [Lugo]", "Adygeya, Respublika",
    "'Adan". Keep the name itself."""
    name = _BRACKETED.sub("", raw).split(",")[0]
    return _LEADING_JUNK.sub("", _ascii(name)).strip()


def _short_subdivision_name(name: str) -> str:
    """Drop local administrative words: "Guangdong Sheng" -> "Guangdong", "Grad Zagreb" -> "Zagreb"."""
    for suffix in _SUBDIVISION_RULES["strip_suffixes"]:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            name = name[: -len(suffix)]
            break
    for prefix in _SUBDIVISION_RULES["strip_prefixes"]:
        if name.startswith(prefix):
            name = name[len(prefix):]
            break
    return name


def _wanted_subdivision(subdivision) -> bool:
    if subdivision.type in _SUBDIVISION_RULES["excluded_types"]:
        return False
    small = _SUBDIVISION_RULES["small_municipalities"]
    return not (subdivision.type == "Municipality" and subdivision.country_code in small)


def _subdivision_spellings() -> dict[str, list[tuple[str, _Place]]]:
    """Lower-cased key -> every (spelling, place) of a subdivision written that way."""
    by_key: dict[str, list[tuple[str, _Place]]] = defaultdict(list)
    aliases = _CONFIG["subdivision_aliases"]
    for subdivision in pycountry.subdivisions:
        if not _wanted_subdivision(subdivision):
            continue
        full = _clean_subdivision_name(subdivision.name)
        short = _short_subdivision_name(full)
        if not short[:1].isupper():
            continue
        place = _Place(short, subdivision.country_code, "subdivision")
        for spelling in dict.fromkeys([full, short, *aliases.get(subdivision.code, [])]):
            by_key[_key(_tokens(spelling))].append((spelling, place))
    return by_key


def _key(tokens: tuple[str, ...] | list[str]) -> str:
    return " ".join(tokens).lower()


def _is_generic(key: str) -> bool:
    """Made only of words like "Northern", "Province", "Capital" - unless places.yaml lists it as
    an English alias on purpose ("Northern Territory")."""
    return key not in _ALIAS_KEYS and all(word in _GENERIC_WORDS for word in key.split(" "))


_GENERIC_WORDS: Final = frozenset(word.lower() for word in _SUBDIVISION_RULES["generic_words"])
_ALIAS_KEYS: Final = frozenset(_key(_tokens(alias)) for aliases in _CONFIG["subdivision_aliases"].values()
                               for alias in aliases)
_NEEDS_UNIT_WORD: Final = frozenset(_key(_tokens(n)) for n in _SUBDIVISION_RULES["needs_suffix"])


def _one_country(spellings: list[tuple[str, _Place]]) -> list[tuple[str, _Place]]:
    """A name shared by subdivisions of several countries names none of them, unless places.yaml
    says which country news means by it."""
    countries = {place.country_code for _, place in spellings}
    if len(countries) == 1:
        return spellings
    preferred = _SUBDIVISION_RULES["prefer"].get(spellings[0][1].name)
    return [(s, p) for s, p in spellings if p.country_code == preferred]


class _Index:
    """Lower-cased token key -> the ways of writing a place with those words."""

    def __init__(self) -> None:
        self.surfaces: dict[str, list[_Surface]] = defaultdict(list)

    def add(self, spelling: str, place: _Place) -> None:
        tokens = _tokens(spelling)
        if not tokens:
            return
        entries = self.surfaces[_key(tokens)]
        if any(_PRIORITY[e.place.kind] < _PRIORITY[place.kind] for e in entries):
            return
        if all(e.tokens != tokens for e in entries):
            entries.append(_Surface(tokens, place))

    def __contains__(self, key: str) -> bool:
        return key in self.surfaces

    def lookup(self, key: str, words: list[str]) -> _Place | None:
        for surface in self.surfaces.get(key, ()):
            if surface.matches(words):
                return surface.place
        return None


def _names_country(bare: _Index, key: str) -> bool:
    """Subdivisions that share a country's name ("Taiwan Sheng", "Mexico", "Georgia") are never
    read as the subdivision, even before a unit word: the country is what news means."""
    return any(s.place.kind in ("country", "demonym", "blocked") for s in bare.surfaces.get(key, ()))


def _build_indexes() -> tuple[_Index, dict[str, dict[str, _Place]]]:
    """The bare index (names found on their own) and the unit index (key -> kind -> place for
    names followed by a unit word like "province" or "city")."""
    bare = _Index()
    for spelling, place in (*_blocked_surfaces(), *_country_surfaces(), *_demonym_surfaces(),
                            *_listed_surfaces("cities", "city"), *_listed_surfaces("regions", "region")):
        bare.add(spelling, place)
    unit: dict[str, dict[str, _Place]] = defaultdict(dict)
    for spelling, place in (*_listed_surfaces("cities", "city"), *_listed_surfaces("regions", "region")):
        unit[_key(_tokens(spelling))].setdefault(place.kind, place)
    for key, spellings in _subdivision_spellings().items():
        spellings = [(s, p) for s, p in spellings if not _names_country(bare, _key(_tokens(p.name)))]
        if not spellings or _is_generic(key) or _names_country(bare, key):
            continue
        for spelling, place in _one_country(spellings):
            unit[key].setdefault("subdivision", place)
            if key not in _NEEDS_UNIT_WORD and len(key) >= _SUBDIVISION_RULES["min_length"]:
                bare.add(spelling, place)
    return bare, dict(unit)


_INDEXES: Final = _build_indexes()
_BARE: Final = _INDEXES[0]
_UNIT: Final = _INDEXES[1]
_FREE_BEFORE: Final = frozenset(_CONFIG["free_preceding_words"])
# Countries and demonyms are unmistakable; names of cities, regions and subdivisions are often
# also surnames (Fukuoka, Okayama) or parts of Vietnamese given names (Thai Binh, Ha Long).
_GUARDED_KINDS: Final = frozenset({"city", "region", "subdivision"})
_UNIT_READINGS: Final = {
    "subdivision": ("subdivision", "region", "city"),
    "region": ("region", "subdivision", "city"),
    "city": ("city", "subdivision"),
}


def _prefixes(keys) -> frozenset[str]:
    """Every leading word sequence of every name, so a match grows only while it can still
    become a name."""
    found: set[str] = set()
    for key in keys:
        words = key.split(" ")
        found.update(" ".join(words[:count]) for count in range(1, len(words) + 1))
    return frozenset(found)


_PREFIXES: Final = _prefixes((*_BARE.surfaces, *_UNIT))
# The prefixes some longer name goes on from ("ho" for "ho chi minh", not "vietnam").
_EXTENDABLE: Final = frozenset(prefix.rpartition(" ")[0] for prefix in _PREFIXES if " " in prefix)


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------

# A token is (start, end, text) in the folded text.
_Tok = tuple[int, int, str]
# The capital first, then the look-behind at the character before it: a pattern that opens with a
# character set lets re skip to the next capital at C speed instead of trying every offset.
_CAPITAL_WORD: Final = re.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Za-z0-9]*")
_WORD_BEFORE: Final = re.compile(r"([A-Za-z0-9]+)([^A-Za-z0-9]{1,2})\Z")


# A joiner and the token after it in one match: the atomic group keeps the joiner _JOINER.match
# finds (no backtracking into it when no token follows), so this reads what the two matches read.
_JOINED_TOKEN: Final = re.compile(rf"(?>{_JOINER.pattern})({_TOKEN.pattern})")


def _next_token(folded: str, after: _Tok) -> _Tok | None:
    """The token right after `after` when only a joiner separates them."""
    match = _JOINED_TOKEN.match(folded, after[1])
    if match is None:
        return None
    return match.start(1), match.end(1), match.group(1)


def _candidate_tokens(folded: str, first: _Tok) -> tuple[list[_Tok], list[str]]:
    """Tokens from `first` on as long as they are the start of some name, and their keys (the
    lower-cased words so far: "ho", "ho chi", "ho chi minh")."""
    tokens, keys = [first], [first[2].lower()]
    # After a key no name goes on from, the next key cannot be a prefix either: the token after it
    # need not be read (most tokens are such, "Vietnam", "Japan").
    while keys[-1] in _EXTENDABLE and (following := _next_token(folded, tokens[-1])) is not None:
        key = keys[-1] + " " + following[2].lower()
        if key not in _PREFIXES:
            break
        tokens.append(following)
        keys.append(key)
    return tokens, keys


def _unit_reading(key: str, unit_token: _Tok | None) -> tuple[_Place, str] | None:
    """The reading a following unit word selects: "Hiroshima prefecture" is the prefecture,
    "Da Nang city" the city. Returns the place and the kind to publish."""
    if unit_token is None:
        return None
    wanted = _UNIT_WORDS.get(unit_token[2].lower())
    readings = _UNIT.get(key)
    if wanted is None or not readings:
        return None
    for kind in _UNIT_READINGS[wanted]:
        if kind in readings:
            return readings[kind], ("city" if wanted == "city" else kind)
    return None


def _unit_token_after(folded: str, last: _Tok) -> _Tok | None:
    following = _next_token(folded, last)
    if following is None or folded[last[1]: following[0]] not in (" ", "-"):
        return None
    return following


def _inside_longer_name(folded: str, start: int) -> bool:
    """A city, region or subdivision name right after a capitalised word that is neither a
    preposition nor a place is part of a person's or organisation's name: "Nguyen Thai Binh",
    "Governor Ishikawa", "Mr. Fukuoka"."""
    match = _WORD_BEFORE.search(folded, max(0, start - 32), start)
    if match is None:
        return False
    before, gap = match.groups()
    if not before[0].isupper() or before in _FREE_BEFORE or before.lower() in _BARE:
        return False
    return gap == " " or (gap == ". " and len(before) <= 4)


def _match_at(folded: str, first: _Tok) -> tuple[int, PlaceMention | None] | None:
    """The longest place starting at token `first`: (end offset, mention or None when the words
    are a blocked phrase or part of a longer name). None when nothing matches here."""
    tokens, keys = _candidate_tokens(folded, first)
    start = first[0]
    bare = _BARE.surfaces
    place: _Place | None
    for count in range(len(tokens), 0, -1):
        key, last = keys[count - 1], tokens[count - 1]
        if key in _UNIT and (reading := _unit_reading(key, unit := _unit_token_after(folded, last))):
            place, kind = reading
            return unit[1], PlaceMention(place.name, place.country_code, kind, start, unit[1])  # type: ignore
        if key not in bare:
            continue
        place = _bare_lookup(key, tuple([t[2] for t in tokens[:count]]))
        if place is None:
            continue
        end = _abbreviation_end(folded, last)
        if place.kind == "blocked" or (place.kind in _GUARDED_KINDS and _inside_longer_name(folded, start)):
            return end, None
        return end, PlaceMention(place.name, place.country_code, place.kind, start, end)
    return None


@lru_cache(maxsize=4096)
def _bare_lookup(key: str, words: tuple[str, ...]) -> _Place | None:
    """_BARE.lookup, cached: the same few names ("Japan", "Vietnamese") come back all the time."""
    return _BARE.lookup(key, list(words))


def _abbreviation_end(folded: str, last: _Tok) -> int:
    """Keep the final dot of "U.S." / "U.K." in the span."""
    _, end, text = last
    if len(text) == 1 and text.isupper() and folded[end: end + 1] == ".":
        return end + 1
    return end


def find_places(text: str) -> list[PlaceMention]:
    """Places in reading order, non-overlapping; at each position the longest name wins."""
    return list(_places_in(text))


@lru_cache(maxsize=8)
def _places_in(text: str) -> tuple[PlaceMention, ...]:
    """Cached: the people finder asks about the same article right after the caller did."""
    folded = _fold(text)
    mentions: list[PlaceMention] = []
    resume = 0
    for word in _CAPITAL_WORD.finditer(folded):
        start = word.start()
        if start < resume or (token := word.group()).lower() not in _PREFIXES:
            continue
        found = _match_at(folded, (start, word.end(), token))
        if found is not None:
            resume, mention = found
            if mention is not None:
                mentions.append(mention)
    return tuple(mentions)


# ---------------------------------------------------------------------------------------------
# Lookups by name and code
# ---------------------------------------------------------------------------------------------

def country_code(name: str) -> str | None:
    """Country of any place name or demonym ("Viet Nam", "the US", "Korean", "Tokyo",
    "Fukuoka prefecture"); None when the name is unknown or names no single country."""
    cleaned = _POSSESSIVE.sub("", _THE.sub("", name.strip()))
    words = list(_tokens(cleaned))
    if not words:
        return None
    key = _key(words)
    for surface in _BARE.surfaces.get(key, ()):
        acronym = any(t.isupper() and len(t) > 1 for t in surface.tokens)
        if not acronym or surface.matches(words):
            return surface.place.country_code or None
    readings = _UNIT.get(_key(words[:-1])) if words[-1].lower() in _UNIT_WORDS else _UNIT.get(key)
    if readings:
        return next(iter(readings.values())).country_code
    return None


def country_name(code: str) -> str | None:
    """Common English short name ("VN" -> "Vietnam", "KR" -> "South Korea"), ASCII-folded."""
    return _COUNTRY_NAMES.get(code.strip().upper()) if code else None
