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

# Besides the ASCII capitals, re's case-insensitive matching takes these for ASCII letters:
# "İ" and the dotless "ı" for i, the long "ſ" for s, the Kelvin sign for k. (tests/test_scan.py
# checks the list against every code point.)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_case(text: str) -> str | None:
    """`text` in lower case, offset for offset, such that wherever a case-insensitive pattern of
    ASCII words matches `text`, the same words in lower case match the folded text, case-sensitively
    (which `re` finds several times faster). None if lower-casing would move offsets."""
    folded = text.translate(_FOLD).lower()
    return folded if len(folded) == len(text) else None


def every_offset(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every offset where `pattern` matches, overlapping matches included (finditer skips those)."""
    offsets: list[int] = []
    match = pattern.search(text)
    while match is not None:
        offsets.append(match.start())
        match = pattern.search(text, match.start() + 1)
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
