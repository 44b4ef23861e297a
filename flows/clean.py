"""Remove page furniture from article text without moving the text that stays.

Removed characters are replaced by spaces (newlines are kept), so every offset in the cleaned
text is also an offset in the original article text: evidence published with `char_start` and
`char_end` can be found in the source file as it was read.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, NamedTuple

from flows.data_files import read_yaml

_SENTENCE_END: Final = re.compile(r"[.!?:;\"”’')\]]\s*$")
_WORD: Final = re.compile(r"\w+")
_NOT_NEWLINE: Final = re.compile(r"[^\n]")
# A headline longer than this is not one (a text saved as one line): the title is its start, cut at
# a word, and the whole line is read as body too, so nothing of it is lost.
MAX_TITLE_CHARS: Final = 300


@dataclass(frozen=True)
class CleanedText:
    text: str                               # same length as the input; furniture blanked
    title: str                              # the headline: first non-empty line
    body_start: int                         # offset where the body starts (after the headline)
    caption_spans: tuple[tuple[int, int], ...]  # photo-caption lines kept once


class _Line(NamedTuple):
    """A line of the text (a named tuple: an article has dozens, and a tuple is built fastest)."""
    start: int
    end: int
    text: str
    stripped: str    # text.strip(), computed once: every rule reads it


@lru_cache(maxsize=1)
def _config() -> dict:
    config = read_yaml("clean.yaml")
    teaser = "|".join(config["teaser_markers"])
    furniture = "|".join(config["furniture_lines"])
    config["teaser_re"] = re.compile(rf"^\W*(?:{teaser})\W*$", re.IGNORECASE)
    config["furniture_re"] = re.compile(rf"^\W*(?:{furniture})\W*$", re.IGNORECASE)
    config["credit_re"] = re.compile(config["caption_credit"], re.IGNORECASE)
    return config


def clean_article(text: str) -> CleanedText:
    lines = _split_lines(text)
    config = _config()
    filled = [i for i, line in enumerate(lines) if line.stripped]   # about half the lines are blank
    drop: set[int] = set()
    drop |= _teaser_block(lines, _may_match(config["teaser_re"], lines, filled), config)
    furniture = config["furniture_re"].match
    drop |= {i for i in _may_match(config["furniture_re"], lines, filled) if furniture(lines[i].stripped)}
    headline = _headline(filled, drop)
    drop |= _trailing_headlines(lines, drop, config, after=headline)
    captions, duplicates = _captions(lines, filled, drop, config)
    drop |= duplicates
    blanked = [(lines[i].start, lines[i].end) for i in drop]
    caption_spans = []
    for i in captions:
        credit = config["credit_re"].search(lines[i].text)
        if credit:
            blanked.append((lines[i].start + credit.start(), lines[i].start + credit.end()))
        caption_spans.append((lines[i].start, lines[i].end))
    title_line = lines[headline] if headline is not None else None
    title = title_line.stripped if title_line else ""
    long_title = len(title) > MAX_TITLE_CHARS
    return CleanedText(
        text=_blank(text, blanked),
        title=_shortened(title) if long_title else title,
        body_start=0 if title_line is None else title_line.start if long_title else title_line.end,
        caption_spans=tuple(caption_spans),
    )


def _shortened(title: str) -> str:
    """The first MAX_TITLE_CHARS characters, cut at the last space when there is one, and "…"."""
    cut = title[: MAX_TITLE_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_TITLE_CHARS // 2 else cut).rstrip() + "…"


def _split_lines(text: str) -> list[_Line]:
    """(tuple.__new__ builds each line: _Line(...) goes through a Python-level __new__, twice as slow.)"""
    lines, start, new = [], 0, tuple.__new__
    for raw in text.split("\n"):
        end = start + len(raw)
        lines.append(new(_Line, (start, end, raw, raw.strip())))
        start = end + 1
    return lines


def _may_match(whole_line: re.Pattern[str], lines: list[_Line], filled: list[int]) -> Sequence[int]:
    """The lines a pattern of whole stripped lines is tried on: those with text, unless it matches
    a blank line (none in clean.yaml does)."""
    return filled if whole_line.match("") is None else range(len(lines))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every character of the spans but newlines turned into a space."""
    pieces, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if start < end:
            blanked = text[start:end]   # spans are lines or parts of one: the regex is rarely needed
            pieces += [text[at:start], _NOT_NEWLINE.sub(" ", blanked) if "\n" in blanked else " " * len(blanked)]
            at = end
    return "".join(pieces) + text[at:]


def _headline(filled: list[int], drop: set[int]) -> int | None:
    """The first non-empty line that is not furniture; in a text of nothing but furniture, the
    first non-empty line all the same: every article published has a title."""
    return next((i for i in filled if i not in drop), filled[0] if filled else None)


def _teaser_block(lines: list[_Line], tried: Sequence[int], config: dict) -> set[int]:
    """Everything from a "You may also like" heading to the end is other articles' teasers."""
    teaser = config["teaser_re"].match
    for i in tried:
        if i > 0 and teaser(lines[i].stripped):
            return set(range(i, len(lines)))
    return set()


def _trailing_headlines(lines: list[_Line], drop: set[int], config: dict, after: int | None) -> set[int]:
    """A run of short lines without sentence punctuation closing the text is a related-links list;
    it never reaches back to the article's own headline (line `after`) or before it."""
    run: list[int] = []
    for i in range(len(lines) - 1, -1 if after is None else after, -1):
        line = lines[i]
        if i in drop or not line.stripped:
            continue
        words = len(_WORD.findall(line.stripped))
        if words <= config["trailing_headline_max_words"] and not _SENTENCE_END.search(line.stripped):
            run.append(i)
            continue
        break
    return set(run) if len(run) >= config["trailing_headlines_min_lines"] else set()


def _captions(lines: list[_Line], filled: list[int], drop: set[int], config: dict) -> tuple[list[int], set[int]]:
    """Caption lines end with a photo credit; a caption repeated on the next line (blank lines
    between do not count) is dropped."""
    kept: list[int] = []
    duplicates: set[int] = set()
    previous: int | None = None
    for i in filled:
        line = lines[i]
        if i in drop:
            continue
        repeat = previous is not None and \
            _similarity(lines[previous].text, line.text) >= config["duplicate_caption_similarity"]
        if repeat:
            duplicates.add(i)
        elif config["credit_re"].search(line.text):
            kept.append(i)
            previous = i
        else:
            previous = None
    return kept, duplicates


def _similarity(a: str, b: str) -> float:
    words_a, words_b = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / len(words_a | words_b)
