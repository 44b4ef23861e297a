"""Helpers that make regular expressions cheaper to run without changing what they find.

Python's `re` finds fast only patterns that open with a literal or a character set; one that
opens with `\\b`, a look-behind or a case-insensitive word is tried at every offset of the text,
and a plain alternation of many words tries every word there. Over whole articles and many
patterns this was most of the extraction time. The remedies, each exact:

- leads (`every_offset`, `PhraseOffsets`, `matches_at`, `search_at`): find the few offsets where a
  pattern can begin with a cheap scan and try the pattern only there; the same matches as
  `finditer` (or `search`) provided the leads hold every offset where it can match (each user
  states why, and its tests compare);
- `phrase_alternation`: an alternation of literal phrases written as a trie;
- `GatedPattern`: skip a text that lacks every word a match must contain (`required_words`);
- `GateSet`: the word tests of several GatedPatterns and where their leads occur, found in one
  pass over a text (at word starts only where a pattern opens at a `\\b`, `opens_at_word_start`);
- `WordFinder`: every occurrence of many literal words in one pass over a text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import count
from typing import Final

import ahocorasick

# Besides the ASCII capitals, re's case-insensitive matching takes these for ASCII letters:
# "İ" and the dotless "ı" for i, the long "ſ" for s, the Kelvin sign for k. (tests/test_scan.py
# checks the list against every code point.)
_FOLD: Final = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


_CACHED_FOLD_LENGTH: Final = 4000   # sentences are folded again by several extractors; whole articles are not


def fold_case(text: str) -> str | None:
    """`text` in lower case, offset for offset, such that wherever a case-insensitive pattern of
    ASCII words matches `text`, the same words in lower case match the folded text, case-sensitively
    (which `re` finds several times faster). None if lower-casing would move offsets.

    Sentence-sized texts are cached (folding is pure): events, agreements, statistics and numbers
    each fold the same sentences. Longer ones are not, so the cache never holds whole articles."""
    return _cached_fold(text) if len(text) <= _CACHED_FOLD_LENGTH else _fold(text)


@lru_cache(maxsize=2048)
def _cached_fold(text: str) -> str | None:
    return _fold(text)


def _fold(text: str) -> str | None:
    if not text.isascii():
        for char, letter in _FOLD.items():   # str.replace: str.translate is slow on long texts
            if char in text:
                text = text.replace(char, letter)
    folded = text.lower()
    return folded if len(folded) == len(text) else None


def every_offset(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every offset where `pattern` matches, overlapping matches included (finditer skips those)."""
    offsets: list[int] = []
    match = pattern.search(text)
    while match is not None:
        offsets.append(match.start())
        match = pattern.search(text, match.start() + 1)
    return offsets


class PhraseOffsets:
    """Every offset where a phrase of each of several lists begins, overlaps included, found for
    all the lists at once. A list is named by its kind ("modifier": ["last", "next", ...]).

    The single words of every list, and the `literal` strings, are found in one pass over the text
    by one WordFinder: a str.find loop per word read the whole text once per word, and a regex
    alternation of them is slower still. Phrases of several words (a space stands for any
    whitespace, as in the patterns built from them) are found by one regex per list that has any,
    written as a trie (phrase_alternation: the offsets where one of them matches are the same).

    Lists hold lower-case phrases, looked for in text folded by fold_case: where a word matches
    the text ignoring case, its lower case is in the folded text at the same offset. `as_written`
    lists hold ASCII words whose case matters (month names are capitalised): each is looked for
    in lower case in the folded text, and an occurrence is kept only where the text itself holds
    the word as written. Those are exactly the offsets where the text holds it: folding lowers an
    ASCII letter whatever stands around it, so the word as written is its lower case once folded.
    `literal` lists hold strings found as they are, spaces included (the words a GatedPattern
    requires, to ask whether a text may match it).

    The kinds named `at_word_start` are found only where they start a word, or open with a
    character that is not a word character: for leads of patterns that open at a "\\b"
    (opens_at_word_start), where this leaves out no offset they can match at (see GateSet). A
    lead of a letter or two ("a" in "a year ago") otherwise occurs inside words hundreds of times
    an article, each an offset its patterns are tried at."""

    def __init__(self, phrases: Mapping[str, Iterable[str]], *, as_written: Mapping[str, Iterable[str]] | None = None,
                 literal: Mapping[str, Iterable[str]] | None = None, at_word_start: Iterable[str] = ()) -> None:
        as_written, literal = as_written or {}, literal or {}
        self.kinds = (*phrases, *as_written, *literal)
        self.at_word_start = frozenset(at_word_start)
        if not self.at_word_start <= set(self.kinds):
            raise ValueError(f"unknown kinds: {sorted(self.at_word_start - set(self.kinds))}")
        # string looked for -> (kind, word as written, whether kept only where it starts a word)
        self._kinds_of: dict[str, list[tuple[str, str | None, bool]]] = {}
        self._several: dict[str, re.Pattern[str]] = {}
        for kind, listed in phrases.items():
            lowered = {phrase.lower() for phrase in listed}
            for word in (phrase for phrase in lowered if " " not in phrase):
                self._add(word, kind)
            several = [phrase for phrase in lowered if " " in phrase]
            if several:   # as a trie: most phrases open with the same few words ("the", "later")
                self._several[kind] = re.compile(phrase_alternation(several, r"\s+"))
        for kind, words in as_written.items():
            for word in set(words):
                if not word.isascii():
                    raise ValueError(f"{word!r}: words found as written must be ASCII (see PhraseOffsets)")
                self._add(word.lower(), kind, word)
        for kind, strings in literal.items():
            for string in set(strings):
                self._add(string, kind)
        self._finder = WordFinder(self._kinds_of)

    def _add(self, looked_for: str, kind: str, as_written: str | None = None) -> None:
        word_start = kind in self.at_word_start and is_word_char(looked_for[0])
        self._kinds_of.setdefault(looked_for, []).append((kind, as_written, word_start))

    def find(self, folded: str, text: str) -> dict[str, list[int]]:
        """Kind -> the ascending offsets where one of its phrases begins, each once. `folded` is
        fold_case(text); `text` is read only for the words found as written."""
        found: dict[str, list[int]] = {kind: [] for kind in self.kinds}
        kinds_of = self._kinds_of
        for start, word in self._finder.occurrences(folded):
            for kind, written, word_start in kinds_of[word]:
                if written is not None and not text.startswith(written, start):
                    continue
                if word_start and start and ((char := folded[start - 1]).isalnum() or char == "_"):   # is_word_char
                    continue
                found[kind].append(start)
        for kind, pattern in self._several.items():
            offsets = every_offset(pattern, folded)
            if kind in self.at_word_start:
                offsets = [start for start in offsets
                           if not (start > 0 and is_word_char(folded[start]) and is_word_char(folded[start - 1]))]
            found[kind] += offsets
        return {kind: sorted(set(offsets)) if len(offsets) > 1 else offsets for kind, offsets in found.items()}


class WordFinder:
    """Every occurrence of many literal strings in a text, overlaps included, found in one pass
    (Aho-Corasick, in C). Testing a text for dozens of words one `in` or `find` at a time reads
    the text once per word; the automaton reads it once for all of them (about 0.1 ms for a
    whole article against 180 words, where one regex alternation of them took 0.35 ms).

    Case-sensitive: callers pass lower-case words and text folded by fold_case."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        if "" in self.words:
            raise ValueError("WordFinder cannot look for the empty string")
        self._automaton = _automaton({word: (len(word) - 1, word) for word in self.words})

    def occurrences(self, text: str) -> list[tuple[int, str]]:
        """(start, word) of every occurrence, ordered by where each ends (longer first)."""
        if self._automaton is None:
            return []
        return [(end - before_end, word) for end, (before_end, word) in self._automaton.iter(text)]

    def starts(self, text: str) -> list[int]:
        """Every offset where one of the words begins, ascending, each once."""
        return sorted({start for start, _ in self.occurrences(text)})

    def found(self, text: str) -> set[str]:
        """The words that occur in `text`."""
        if self._automaton is None:
            return set()
        return {word for _, (_, word) in self._automaton.iter(text)}


# The characters of (folded) English text, the most frequent first.
_FREQUENT_FIRST: Final = " etaoinsrhldcumfpgwyb,.vk-'\"xjqz0123456789"
_FREQUENCY_RANK: Final = {char: rank for rank, char in enumerate(_FREQUENT_FIRST)}


def _automaton(values: Mapping[str, object]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton of the (non-empty) keys, each found with its value; None without keys.

    The keys go in with the characters frequent in text first, letter by letter: a node of the
    automaton looks for the next character of the text among its branches one by one, in the
    order they were added, and most of a pass is such looks at the root (the same occurrences,
    some 10 % faster than in the order of a set)."""
    if not values:
        return None
    automaton = ahocorasick.Automaton()
    for word in sorted(values, key=_insertion_key):
        automaton.add_word(word, values[word])
    automaton.make_automaton()
    return automaton


def _insertion_key(word: str) -> tuple[list[int], str]:
    return [_FREQUENCY_RANK.get(char, len(_FREQUENCY_RANK)) for char in word], word


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying only the ascending offsets `starts`: the same matches in
    the same order when no match of `pattern` begins elsewhere and none is empty. (`match` at an
    offset sees the text before it, so look-behinds and `\\b` behave as in `finditer`.)"""
    resume = 0
    for start in starts:
        if start >= resume and (match := pattern.match(text, start)) is not None:
            yield match
            resume = match.end()


def search_at(pattern: re.Pattern[str], text: str, position: int, starts: list[int]) -> re.Match[str] | None:
    """`pattern.search(text, position)`, trying only the ascending offsets `starts`: the same match
    when no match of `pattern` begins elsewhere (search returns what `match` returns at the
    leftmost offset where it succeeds, look-behinds seeing the text before it either way)."""
    for index in range(bisect_left(starts, position), len(starts)):
        if (match := pattern.match(text, starts[index])) is not None:
            return match
    return None


# ---------------------------------------------------------------- alternations of phrases

def phrase_alternation(phrases: Iterable[str], space: str = r"\s+", after_first: str = "", guard: bool = False) -> str:
    """A regular expression for "any of these literal phrases", longest first (so "prime minister"
    wins over "prime"), each space standing for `space`; written as a trie:
    ["president", "premier", "prime minister"] -> "pr(?:e(?:mier|sident)|ime\\s+minister)".

    re tries the branches of a plain alternation one by one at every offset it is tried at (and
    for a case-insensitive one it cannot even skip a branch on its first letter); the trie tries
    one per letter. It matches the same, the same way: the phrases that match at an offset are
    prefixes of one another, and the trie tries the longer ones first. Where two phrases differ
    only in case or a phrase holds other whitespace, two spaces in a row or non-ASCII letters,
    branches could overlap, so the plain alternation is kept.

    `after_first` goes right after the first character of every phrase: a look-behind there, such
    as "(?<!\\w.)" for a "\\b" before the phrase, keeps the pattern opening with a character, which
    re can search for fast.

    `guard` opens the trie with a look-ahead for the phrases' first characters ("(?=[pq])..."): in
    a case-insensitive pattern re cannot skip a branch on its first letter, so where no phrase can
    start, one test then replaces trying each first letter in turn."""
    phrases = sorted(set(phrases), key=len, reverse=True)
    if after_first and any(p[:1].isspace() for p in phrases):
        raise ValueError("a look-behind after the first character needs phrases that open with one")
    plain = "|".join(re.escape(p[:1]).replace(r"\ ", space) + after_first + re.escape(p[1:]).replace(r"\ ", space)
                     for p in phrases)
    if not phrases or not all(phrases) or any((char.isspace() and char != " ") or (char.isalpha() and not char.isascii())
                                              for p in phrases for char in p) \
            or any("  " in p for p in phrases):   # two spaces: two `space` in a row, which the trie cannot order
        return plain
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(space if char == " " else re.escape(char), {})
        node[""] = {}   # a phrase ends here
    if not _branches_exclusive(trie):
        return plain
    if after_first:
        trie = {key + after_first: child for key, child in trie.items()}
    elif guard and len(trie) > 1 and space not in trie:
        return f"(?=[{''.join(sorted(trie))}]){_trie_source(trie)}"
    return _trie_source(trie)


def _branches_exclusive(node: dict) -> bool:
    """No two branches of a node start with the same letter in another case ("A..." and "a...")."""
    keys = [key.lower() for key in node if key]
    return len(set(keys)) == len(keys) and all(_branches_exclusive(child) for child in node.values())


def _trie_source(node: dict) -> str:
    branches = [key + _trie_source(child) for key, child in sorted(node.items()) if key]
    if not branches:
        return ""
    if "" in node:   # a shorter phrase ends here: tried after the longer ones
        return f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


# ---------------------------------------------------------------- words every match contains

try:   # the parser of the re module: private, hence the fallback (no words known: nothing skipped)
    from re import _parser as _sre_parser  # type: ignore
except ImportError:   # pragma: no cover
    _sre_parser = None

_ZERO_WIDTH: Final = ("AT", "ASSERT", "ASSERT_NOT")
_REPEATS: Final = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of `pattern` contains, in any case, as found in
    text folded by fold_case ("visit(?:s|ed)?|trip to" -> ("trip to", "visit")); None when the
    pattern promises none. Only ASCII characters and characters without case make up the words."""
    if _sre_parser is None:
        return None
    try:
        words = _sequence_words(_sre_parser.parse(pattern.pattern, pattern.flags))
    except Exception:   # an unexpected parse tree: promise nothing rather than fail
        return None
    if not words:
        return None
    # a text holding "anniversary " holds "anniversary": the longer word need not be tested
    return tuple(sorted({w for w in words if not any(other != w and other in w for other in words)}))


_SHORT_RUN: Final = 4   # letters: shorter literal runs found in most texts ("m", "ou")


def _sequence_words(items) -> list[str] | None:
    """The most selective promise among the literal runs and the mandatory parts of a sequence."""
    best: list[str] | None = None
    run, run_items = "", []   # the literal run so far, and the items it was read from
    for op, av in items:
        name = str(op)
        chars = _literal_chars(name, av)   # one for a literal, or for a class of one letter ("mo[uU]": "mou")
        if chars is not None and len(chars) == 1:
            run += next(iter(chars))
            run_items.append((op, av))
            continue
        if name in _ZERO_WIDTH:   # "met (?=[A-Z])": the letters around it are still adjacent
            continue
        best = _more_selective(best, [run] if run else None)
        before, run, run_items = run_items, "", []
        if name == "BRANCH" and 0 < len(before) < _SHORT_RUN:
            # re parses "memorandum|mou" as "m(?:emorandum|ou)": a run of a letter or two promises
            # little, but it goes on into each branch ("memorandum", "mou"). Longer runs are
            # promise enough: more words would only take more tests.
            branches = [_sequence_words(before + list(branch)) for branch in av[1]]
            if all(branches):
                best = _more_selective(best, [word for words in branches for word in words])  # type: ignore
        elif name == "SUBPATTERN":
            best = _more_selective(best, _sequence_words(av[-1]))
        elif name == "ATOMIC_GROUP":
            best = _more_selective(best, _sequence_words(av))
        elif name == "BRANCH":
            branches = [_sequence_words(branch) for branch in av[1]]
            if all(branches):
                best = _more_selective(best, [word for words in branches for word in words])  # type: ignore
        elif name in _REPEATS and av[0] >= 1:
            best = _more_selective(best, _sequence_words(av[2]))
        elif name == "IN" and len(av) <= 4 and all(str(kind) == "LITERAL" and _plain_char(chr(char)) for kind, char in av):
            best = _more_selective(best, [chr(char).lower() for _, char in av])   # "[-–]": one of these
    return _more_selective(best, [run] if run else None)


def _plain_char(char: str) -> bool:
    """ASCII, or without case ("–", "’"): folded text holds it as the pattern does."""
    return char.isascii() or char.lower() == char == char.upper()


def _more_selective(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    """Longer shortest word first (fewer texts hold it), then fewer words."""
    if not a or not b:
        return a or b
    return max(a, b, key=lambda words: (min(map(len, words)), -len(words)))


# ---------------------------------------------------------------- words every match starts with

_MAX_LEADS: Final = 64      # strings a pattern can start with: past this many, they are cut short or given up
_MAX_STEPS: Final = 10_000  # parts of a pattern read for them: nested alternatives multiply the reading


def leading_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings one of which every match of `pattern` starts with, in any case, as found
    in text folded by fold_case ("\\b(?:visits?|trip to)" -> ("trip to", "visit")); None when the
    pattern promises none. Only ASCII characters and characters without case make up the words."""
    if _sre_parser is None:
        return None
    try:
        prefixes = _prefixes(list(_sre_parser.parse(pattern.pattern, pattern.flags)), count())
    except Exception:   # an unexpected parse tree: promise nothing rather than fail
        return None
    if "" in prefixes:
        return None
    # a match that starts with "visits" starts with "visit": the longer word need not be looked for
    return tuple(sorted(p for p in prefixes if not any(other != p and p.startswith(other) for other in prefixes)))


def _prefixes(items: list, steps: Iterator[int]) -> set[str]:
    """Strings one of which every match of the sequence starts with; "" among them: no promise
    (nor past _MAX_STEPS: a prefix cut short is still one)."""
    if next(steps) >= _MAX_STEPS:
        return {""}
    for index, (op, av) in enumerate(items):
        name = str(op)
        if name in _ZERO_WIDTH:   # "\\b", a look-ahead: the match starts where it did
            continue
        rest = items[index + 1:]
        chars = _literal_chars(name, av)
        if chars is not None:
            after = _prefixes(rest, steps)
            return {char + tail for char in chars for tail in after} if len(chars) * len(after) <= _MAX_LEADS else chars
        if name == "SUBPATTERN":
            return _prefixes(list(av[-1]) + rest, steps)
        if name == "BRANCH":
            found = set().union(*(_prefixes(list(branch) + rest, steps) for branch in av[1]))
            return found if len(found) <= _MAX_LEADS else {""}
        if name in _REPEATS:   # what follows one repeat is not followed further: a prefix still
            found = _prefixes(list(av[2]), steps) | (_prefixes(rest, steps) if av[0] == 0 else set())
            return found if len(found) <= _MAX_LEADS else {""}
        return {""}
    return {""}


def _literal_chars(name: str, av) -> set[str] | None:
    """The characters, folded, that a literal or a class of literals matches; None for any other item."""
    if name == "LITERAL" and _plain_char(chr(av)):
        return {chr(av).lower()}
    if name == "IN" and all(str(kind) == "LITERAL" and _plain_char(chr(value)) for kind, value in av):
        return {chr(value).lower() for _, value in av}
    return None


def opens_at_word_start(pattern: re.Pattern[str]) -> bool:
    """Whether every match of `pattern` opens at a word boundary ("\\b(?:visit|trip)"): one that
    starts with a word character then starts a word (nothing or a non-word character before it).
    Read from Unicode patterns only: under re.ASCII or re.LOCALE "\\b" takes other characters for
    word characters than `is_word_char` does."""
    if _sre_parser is None or pattern.flags & (re.ASCII | re.LOCALE):
        return False
    try:
        return _opens_with_boundary(list(_sre_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:   # an unexpected parse tree: promise nothing rather than fail
        return False


def _opens_with_boundary(items: list) -> bool:
    """Whether a "\\b" holds where the sequence starts: one of the zero-width items it opens with (all
    read at that one offset) is a "\\b", or a group it opens with, or each branch, opens with one."""
    for op, av in items:
        name = str(op)
        if name == "AT" and str(av) == "AT_BOUNDARY":
            return True
        if name in _ZERO_WIDTH:
            continue
        if name == "SUBPATTERN":
            return not av[1] & (re.ASCII | re.LOCALE) and _opens_with_boundary(list(av[-1]))
        if name == "ATOMIC_GROUP":
            return _opens_with_boundary(list(av))
        if name == "BRANCH":
            return all(_opens_with_boundary(list(branch)) for branch in av[1])
        return False
    return False


def is_word_char(char: str) -> bool:
    """Whether re's "\\w" matches the character (in a Unicode pattern): sre's test is exactly this
    (tests/test_gates.py checks every code point)."""
    return char.isalnum() or char == "_"


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a match of `pattern` can start with (in any case, if the pattern ignores
    case); None when that is not a short list of characters or the pattern can match nothing."""
    if _sre_parser is None:
        return None
    try:
        chars, nullable = _sequence_first(_sre_parser.parse(pattern.pattern, pattern.flags), pattern.flags)
    except Exception:   # an unexpected parse tree: promise nothing rather than fail
        return None
    return frozenset(chars) if chars and not nullable else None


def _sequence_first(items, flags: int) -> tuple[set[str] | None, bool]:
    """(first characters, whether the sequence can match without consuming any)."""
    found: set[str] = set()
    for op, av in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue
        chars, nullable = _item_first(name, av, flags)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _item_first(name: str, av, flags: int) -> tuple[set[str] | None, bool]:
    if name == "LITERAL":
        return {chr(av)}, False
    if name == "IN":
        return _class_chars(av), False
    if name == "SUBPATTERN":
        if av[1] & re.IGNORECASE and not flags & re.IGNORECASE:
            return None, False   # "(?i:...)" in a case-sensitive pattern: its letters' other cases
        return _sequence_first(av[-1], flags)
    if name == "ATOMIC_GROUP":
        return _sequence_first(av, flags)
    if name == "BRANCH":
        branches = [_sequence_first(branch, flags) for branch in av[1]]
        if any(chars is None for chars, _ in branches):
            return None, False
        return set().union(*(chars for chars, _ in branches)), any(nullable for _, nullable in branches)  # type: ignore
    if name in _REPEATS:
        chars, nullable = _sequence_first(av[2], flags)
        return chars, nullable or av[0] == 0
    return None, False


def _class_chars(items) -> set[str] | None:
    chars: set[str] = set()
    for kind, value in items:
        if str(kind) == "LITERAL":
            chars.add(chr(value))
        elif str(kind) == "RANGE" and value[1] - value[0] < 64:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:   # a negated class, a category such as \w: too many to list
            return None
    return chars


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` opening with a look-ahead for the characters its matches start with: the same
    matches, but where none can start, one test replaces trying each branch. Patterns that open
    with a literal or a character set are left alone: re already skips ahead to those."""
    if _sre_parser is None or not pattern.pattern:
        return pattern
    try:
        opening = str(_sre_parser.parse(pattern.pattern, pattern.flags)[0][0])
    except Exception:
        return pattern
    chars = first_chars(pattern)
    if opening in ("LITERAL", "IN") or chars is None:
        return pattern
    return re.compile(f"(?=[{''.join(sorted(map(re.escape, chars)))}])(?:{pattern.pattern})", pattern.flags)


# ---------------------------------------------------------------- case-insensitive patterns on folded text

def folded_form(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` without IGNORECASE, to search text folded by fold_case instead of the text: it
    finds the same spans there, case-sensitively, which re does about twice as fast. None unless
    `pattern` ignores case and every character it names is a lower-case ASCII letter or has no
    case (nor does it switch case sensitivity back on, or refer back to a group). Why it is exact:
    fold_case maps each character to the one ASCII letter re takes it for, or to its lower case,
    and lower-casing never changes whether a character is \\w, \\s or \\d (tests/test_scan.py
    checks every code point), so letters compare as re would compare them ignoring case, and
    classes and word boundaries see what they saw in the text."""
    if _sre_parser is None or not pattern.flags & re.IGNORECASE:
        return None
    try:
        case_free = _case_free(_sre_parser.parse(pattern.pattern, pattern.flags))
    except Exception:   # an unexpected parse tree: keep searching the text
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE) if case_free else None


def _case_free(items) -> bool:
    for op, av in items:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL"):
            ok = _caseless_or_lower_ascii(chr(av))
        elif name == "IN":
            ok = all(_class_item_case_free(str(kind), value) for kind, value in av)
        elif name == "SUBPATTERN":
            ok = not av[2] & re.IGNORECASE and _case_free(av[-1])   # (?-i:...) is case-sensitive
        elif name == "BRANCH":
            ok = all(_case_free(branch) for branch in av[1])
        elif name in _REPEATS:
            ok = _case_free(av[2])
        elif name == "ATOMIC_GROUP":
            ok = _case_free(av)
        elif name in ("ASSERT", "ASSERT_NOT"):
            ok = _case_free(av[1])
        else:
            ok = name in ("AT", "ANY")
        if not ok:
            return False
    return True


def _class_item_case_free(kind: str, value) -> bool:
    if kind == "LITERAL":
        return _caseless_or_lower_ascii(chr(value))
    if kind == "RANGE":
        return value[1] < 0x80 and all(_caseless_or_lower_ascii(chr(code)) for code in range(value[0], value[1] + 1))
    return kind in ("CATEGORY", "NEGATE")


def _caseless_or_lower_ascii(char: str) -> bool:
    return (char.isascii() and not char.isupper()) or char.lower() == char == char.upper()


_NOT_GIVEN: Final = object()


class GatedPattern:
    """A compiled pattern that first checks with `in` that a text holds one of its required words,
    and only then runs the regular expression: most sentences hold none of a trigger list's words,
    and `in` is far cheaper than a case-insensitive scan. Finds exactly what the pattern finds.

    `folded` is fold_case(text), for callers that test one text against several patterns. A
    GateSet makes the word tests of several patterns in one pass, and finds where their `leads`
    occur, so that the patterns are tried only there."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.source = pattern
        self.pattern = guarded(pattern)   # finds the same, faster
        self.words = required_words(pattern)
        self.leads = leading_words(pattern)   # a GateSet tries the pattern only where these occur
        self.at_word_start = opens_at_word_start(pattern)   # and, for leads that open with a letter, at word starts
        self.folded_pattern = folded_form(self.pattern)   # the same, on folded text; None if it cannot be

    def may_match(self, text: str, folded: str | None | object = _NOT_GIVEN) -> bool:
        """Whether the text holds one of the words (or no words are known, or the text cannot
        be folded): if not, the pattern cannot match it."""
        if self.words is None:
            return True
        if folded is _NOT_GIVEN:
            folded = fold_case(text)
        if folded is None:
            return True
        for word in self.words:
            if word in folded:  # type: ignore
                return True
        return False

    def finditer(self, text: str, folded: str | None | object = _NOT_GIVEN) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text, folded) else iter(())

    def first_span(self, text: str, folded: str | None | object = _NOT_GIVEN) -> tuple[int, int] | None:
        """(start, end) of what search finds, searched as `spans` searches; None if nothing."""
        if folded is _NOT_GIVEN:
            folded = fold_case(text)
        if not self.may_match(text, folded):
            return None
        return self.ungated_first_span(text, folded)  # type: ignore

    def spans(self, text: str, folded: str | None | object = _NOT_GIVEN) -> list[tuple[int, int]]:
        """(start, end) of what finditer finds, searched in the folded text when folded_form allows:
        for callers that need only where the matches are, not their text."""
        if folded is _NOT_GIVEN:
            folded = fold_case(text)
        if folded is not None and self.words is not None:   # may_match, inlined: asked of every sentence
            for word in self.words:
                if word in folded:  # type: ignore
                    break
            else:
                return []
        return self.ungated_spans(text, folded)  # type: ignore

    def ungated_first_span(self, text: str, folded: str | None,
                           starts: list[int] | None = None) -> tuple[int, int] | None:
        """`first_span` without the word test, for a text a GateSet let through; `starts`: the
        ascending offsets where the leads occur in `folded`, the only ones tried (None: all)."""
        pattern, searched = self._searched(text, folded)
        match = pattern.search(searched) if starts is None else search_at(pattern, searched, 0, starts)
        return match.span() if match is not None else None

    def ungated_spans(self, text: str, folded: str | None, starts: list[int] | None = None) -> list[tuple[int, int]]:
        """`spans` without the word test, for a text a GateSet let through; `starts` as for
        ungated_first_span. (Leads begin every match, and no match is empty: matches_at holds.)"""
        pattern, searched = self._searched(text, folded)
        if starts is None:
            return [match.span() for match in pattern.finditer(searched)]
        spans: list[tuple[int, int]] = []   # matches_at's matches, without a generator (asked of every sentence)
        resume = 0
        for start in starts:
            if start >= resume and (match := pattern.match(searched, start)) is not None:
                spans.append(match.span())
                resume = match.end()
        return spans

    def _searched(self, text: str, folded: str | None) -> tuple[re.Pattern[str], str]:
        """The folded form and the folded text where folded_form allows (the same offsets, found
        faster); else the pattern and the text."""
        if self.folded_pattern is not None and folded is not None:
            return self.folded_pattern, folded
        return self.pattern, text


_KEPT_SCREENS: Final = 2048   # sentences: as many as fold_case keeps, more than nearly any article holds


class _GateString:
    """A record class (see flows.native): what a string a GateSet looks for is to its patterns
    (their bits): a word that lets them through, a lead of theirs (at word starts only, or anywhere)."""
    before_end: Final[int]   # its length less one: where it starts, from where the automaton says it ends
    gates: Final[int]
    led: Final[int]
    led_at_word_start: Final[int]

    def __init__(self, before_end: int, gates: int, led: int, led_at_word_start: int) -> None:
        self.before_end = before_end
        self.gates = gates
        self.led = led
        self.led_at_word_start = led_at_word_start


class GateSet:
    """The word tests of several GatedPatterns, made together, and where their leads occur, found
    in the same pass: one pass over a text (Aho-Corasick, as in WordFinder) finds every required
    word and every lead of every pattern. Each pattern's own may_match reads the text once per
    word with `in` (some 60 reads of a sentence for the event triggers alone), and an automaton
    of each pattern's leads read the sentence again for each pattern it let through (some four a
    sentence, each pass about as long as the one of all words and leads: most of a pass is walking
    the text, few offsets hold a word). A pattern with leads that passes is then tried only where
    its leads occur, rather than searched for along the text (its search took as long again).

    A lead that opens with a word character, of a pattern whose matches open at a word boundary
    (opens_at_word_start), is kept only where it starts a word: the automaton finds substrings, and
    a short lead such as "a" or "re" occurs inside words hundreds of times an article (at word
    starts a quarter as often), and the pattern would be tried at each of those offsets. Exact: at
    an offset where a match opens with such a lead, "\\b" holds and the character there is a word
    character (folding keeps every character's "\\w"-ness, tests/test_scan.py), so the one before
    it is none or not a word character.

    The verdict on each pattern is the pattern's own may_match, exactly: one whose words are
    unknown may always match, and so does every pattern on a text that cannot be folded.

    Patterns can be added after the set is made (each module adds its own where it defines them),
    and the screens of recent sentence-sized texts are kept: extractors that read the same
    sentences share one pass over each."""

    def __init__(self, patterns: Iterable[GatedPattern] = ()) -> None:
        self._build(tuple(dict.fromkeys(patterns)))

    def add(self, pattern: GatedPattern) -> GatedPattern:
        """Adds `pattern` to the set and returns it."""
        if pattern not in self.bit:
            self._build(self.patterns + (pattern,))
        return pattern

    def screen(self, text: str) -> ScreenedText:
        """`text` with the verdict on each pattern and where their leads occur."""
        return self._kept_screen(text) if len(text) <= _CACHED_FOLD_LENGTH else self._screen(text)

    def _build(self, patterns: tuple[GatedPattern, ...]) -> None:
        self.patterns = patterns
        self.bit = {pattern: 1 << index for index, pattern in enumerate(patterns)}
        self.every = sum(self.bit.values())
        self.ungated = sum(bit for pattern, bit in self.bit.items()   # every text holds ""
                           if pattern.words is None or "" in pattern.words)
        # string -> [the patterns it lets through, those it leads anywhere, those it leads at word starts]
        found: dict[str, list[int]] = {}
        for pattern, bit in self.bit.items():
            if not bit & self.ungated:
                for word in pattern.words:  # type: ignore
                    found.setdefault(word, [0, 0, 0])[0] |= bit
            for lead in pattern.leads or ():
                if lead == "":
                    raise ValueError("a lead cannot be the empty string")
                found.setdefault(lead, [0, 0, 0])[2 if pattern.at_word_start and is_word_char(lead[0]) else 1] |= bit
        self._automaton = _automaton({string: _GateString(len(string) - 1, gates, leads, word_start_leads)
                                      for string, (gates, leads, word_start_leads) in found.items()})
        self._kept_screen = lru_cache(maxsize=_KEPT_SCREENS)(self._screen)   # none kept of the set before

    def _screen(self, text: str) -> ScreenedText:
        folded: str | None = fold_case(text)
        if folded is None:
            return ScreenedText(self.bit, text, folded, self.every, None)
        passed = self.ungated
        leads: list[tuple[int, int]] = []   # (start, the patterns whose lead starts there)
        if self._automaton is not None:
            end: int
            string: _GateString
            for end, string in self._automaton.iter(folded):
                passed |= string.gates
                start = end - string.before_end
                led = string.led
                if string.led_at_word_start and not (start and ((char := folded[start - 1]).isalnum() or char == "_")):
                    led |= string.led_at_word_start   # (is_word_char, inlined)
                if led:
                    leads.append((start, led))
        return ScreenedText(self.bit, text, folded, passed, leads)


class ScreenedText:
    """A text as a GateSet let it through: runs the set's patterns on it without testing their
    words again, a pattern with leads only where they occur. Asked about a pattern outside the
    set (or added to it since), it raises KeyError rather than answer without a test."""

    __slots__ = ("bit", "text", "folded", "passed", "leads", "_starts_of")

    def __init__(self, bit: dict[GatedPattern, int], text: str, folded: str | None, passed: int,
                 leads: list[tuple[int, int]] | None) -> None:
        self.bit = bit         # the set's patterns when screened -> their bits
        self.text = text
        self.folded = folded
        self.passed = passed   # the bits of the patterns that may match
        self.leads = leads     # (start, the bits of the patterns whose lead starts there); None: the text unsearched
        self._starts_of: dict[int, list[int]] = {}   # a pattern's bit -> where its leads occur, once found

    def may_match(self, pattern: GatedPattern) -> bool:
        """pattern.may_match(text, folded)."""
        return bool(self.passed & self.bit[pattern])

    def spans(self, pattern: GatedPattern) -> list[tuple[int, int]]:
        """pattern.spans(text, folded)."""
        bit = self.bit[pattern]
        if not self.passed & bit:
            return []
        return pattern.ungated_spans(self.text, self.folded, self._starts(pattern, bit))

    def first_span(self, pattern: GatedPattern) -> tuple[int, int] | None:
        """pattern.first_span(text, folded)."""
        bit = self.bit[pattern]
        if not self.passed & bit:
            return None
        return pattern.ungated_first_span(self.text, self.folded, self._starts(pattern, bit))

    def _starts(self, pattern: GatedPattern, bit: int) -> list[int] | None:
        """Where the pattern's leads occur, ascending; None where it has none, or where the text
        was not searched for them."""
        if pattern.leads is None or self.leads is None or self.folded is None:
            return None
        starts = self._starts_of.get(bit)
        if starts is None:
            # Leads are never prefixes of one another (leading_words), so two of a pattern cannot
            # start at one offset: sorting, by the start rather than by the end the automaton
            # reports, is enough.
            starts = self._starts_of[bit] = sorted([start for start, led in self.leads if led & bit])
        return starts
