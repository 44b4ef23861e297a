"""Helpers that let a regular expression skip the offsets where it cannot match.

Python's `re` finds fast only patterns that open with a literal or a character set; one that
opens with `\\b`, a look-behind or a case-insensitive word is tried at every offset of the text,
which over whole articles and many patterns was most of the extraction time. The cure used here:
find the few offsets where a pattern can begin (its *leads*) with a cheap scan, and try the
pattern only there. `matches_at` then returns exactly what `finditer` returns, provided the leads
hold every offset where the pattern can match; each user states why its leads do, and its tests
compare the two.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

# Besides the ASCII capitals, re's case-insensitive matching takes these for ASCII letters:
# "İ" and the dotless "ı" for i, the long "ſ" for s, the Kelvin sign for k. (tests/test_scan.py
# checks the list against every code point.)
_FOLD = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def fold_case(text: str) -> str | None:
    """`text` in lower case, offset for offset, such that wherever a case-insensitive pattern of
    ASCII words matches `text`, the same words in lower case match the folded text, case-sensitively
    (which `re` finds several times faster). None if lower-casing would move offsets."""
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
    """Finds every offset where one of some lower-case phrases begins, overlaps included. Single
    words are found with str.find, several times faster than a regex alternation of them; phrases
    of several words (a space stands for any whitespace, as in the patterns built from them) by one
    regex."""

    def __init__(self, phrases: Iterable[str]) -> None:
        phrases = {phrase.lower() for phrase in phrases}
        self.words = tuple(sorted(p for p in phrases if " " not in p))
        several = sorted((p for p in phrases if " " in p), key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(p).replace(r"\ ", r"\s+") for p in several)) if several else None

    def find(self, text: str, found: dict[str, list[int]] | None = None) -> list[int]:
        """`found`: offsets of words already searched in the same text, shared by several lists."""
        found = {} if found is None else found
        offsets = every_offset(self.pattern, text) if self.pattern is not None else []
        for word in self.words:
            if word not in found:
                found[word] = _word_offsets(word, text)
            offsets += found[word]
        return sorted(set(offsets))


def _word_offsets(word: str, text: str) -> list[int]:
    offsets = []
    at = text.find(word)
    while at >= 0:
        offsets.append(at)
        at = text.find(word, at + 1)
    return offsets


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying only the ascending offsets `starts`: the same matches in
    the same order when no match of `pattern` begins elsewhere and none is empty. (`match` at an
    offset sees the text before it, so look-behinds and `\\b` behave as in `finditer`.)"""
    resume = 0
    for start in starts:
        if start >= resume and (match := pattern.match(text, start)) is not None:
            yield match
            resume = match.end()


# ---------------------------------------------------------------- words every match contains

try:   # the parser of the re module: private, hence the fallback (no words known: nothing skipped)
    from re import _constants as _sre, _parser as _sre_parser
except ImportError:   # pragma: no cover
    _sre = _sre_parser = None

_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of `pattern` contains, in any case
    ("visit(?:s|ed)?|trip to" -> ("visit", "trip to")); None when the pattern promises none."""
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


def _sequence_words(items) -> list[str] | None:
    """The most selective promise among the literal runs and the mandatory parts of a sequence."""
    best: list[str] | None = None
    run = ""
    for op, av in items:
        name = str(op)
        if name == "LITERAL" and chr(av).isascii():
            run += chr(av).lower()
            continue
        if name in _ZERO_WIDTH:   # "met (?=[A-Z])": the letters around it are still adjacent
            continue
        best = _more_selective(best, [run] if run else None)
        run = ""
        if name == "SUBPATTERN":
            best = _more_selective(best, _sequence_words(av[-1]))
        elif name == "ATOMIC_GROUP":
            best = _more_selective(best, _sequence_words(av))
        elif name == "BRANCH":
            branches = [_sequence_words(branch) for branch in av[1]]
            if all(branches):
                best = _more_selective(best, [word for words in branches for word in words])
        elif name in _REPEATS and av[0] >= 1:
            best = _more_selective(best, _sequence_words(av[2]))
    return _more_selective(best, [run] if run else None)


def _more_selective(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    """Longer shortest word first (fewer texts hold it), then fewer words."""
    if not a or not b:
        return a or b
    return max(a, b, key=lambda words: (min(map(len, words)), -len(words)))


class GatedPattern:
    """A compiled pattern that first checks with `in` that a text holds one of its required words,
    and only then runs the regular expression: most sentences hold none of a trigger list's words,
    and `in` is far cheaper than a case-insensitive scan. Finds exactly what the pattern finds."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.words = required_words(pattern)

    def may_match(self, text: str) -> bool:
        if self.words is None:
            return True
        folded = _folded(text)
        return folded is None or any(word in folded for word in self.words)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(text) else None


@lru_cache(maxsize=1024)
def _folded(text: str) -> str | None:
    """fold_case for the sentences many gated patterns test in a row."""
    return fold_case(text)
