"""Split cleaned article text into sentences that keep their offsets.

Plain compiled regular expressions rather than a tokenizer pipeline: news copy has one
paragraph per line, and a regex splitter is several times faster than spaCy's sentencizer,
which matters at hundreds of articles per second.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from flows.data_files import read_yaml


# "[.!?][.!?]*" rather than the equal "[.!?]+": re skips ahead to the characters a pattern can start
# with only when it opens with a set or literal, not a repeat (twice as fast over an article).
_BOUNDARY: Final = re.compile(r"[.!?][.!?]*[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9À-Ỹ])")
_LAST_WORD: Final = re.compile(r"([\w.]+)\.$")
# _LAST_WORD tried only where a run of word characters and dots starts: its leftmost match starts
# there, or at the edge of the window searched when the window cuts the run (see
# _ends_with_abbreviation); re no longer reads the run again from each of its characters.
_LAST_RUN: Final = re.compile(r"(?<![\w.])([\w.]+)\.$")
_LINE: Final = re.compile(r"[^\n]+")
_WORD_WINDOW: Final = 40   # longer than any abbreviation, so a word cut at the window's edge is never one
# A "sentence" longer than this is a run of text without stops (a table flattened to one line, a
# pasted dump): it is read in pieces cut at spaces, so that no evidence cell grows past what a
# spreadsheet holds (32,767 characters) and no pattern scans megabytes at once.
MAX_SENTENCE_CHARS: Final = 4000


class Sentence:
    """A record class (see flows.native): one per sentence of every article."""
    text: Final[str]
    start: Final[int]          # offset of text in the article
    end: Final[int]
    paragraph: Final[int]      # index of the non-empty line it belongs to
    is_caption: Final[bool]    # a photo caption (kept once) rather than body text

    def __init__(self, text: str, start: int, end: int, paragraph: int, is_caption: bool) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.is_caption = is_caption


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    data = read_yaml("sentences.yaml")
    return frozenset(str(word).lower() for word in data["abbreviations"])


def split_sentences(text: str, body_start: int = 0,
                    caption_spans: tuple[tuple[int, int], ...] = ()) -> list[Sentence]:
    sentences: list[Sentence] = []
    paragraph = 0
    for line in _LINE.finditer(text, body_start):
        body, offset = line.group(), line.start()
        if body.isspace():   # (a line is never empty: _LINE needs a character)
            continue
        is_caption = any(start <= offset < end for start, end in caption_spans)
        for start, end in _sentence_spans(body):
            sentences.append(Sentence(body[start:end], offset + start, offset + end, paragraph, is_caption))
        paragraph += 1
    return sentences


def _sentence_spans(line: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in _BOUNDARY.finditer(line):
        if _ends_with_abbreviation(line, start, boundary.start() + 1):
            continue
        spans.append((start, boundary.end()))
        start = boundary.end()
    spans.append((start, len(line)))
    if len(line) > MAX_SENTENCE_CHARS:
        spans = [piece for s, e in spans for piece in _pieces(line, s, e)]
    return [stripped for s, e in spans if (stripped := _strip(line, s, e)) is not None]


def _pieces(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """line[start:end] cut at spaces into spans of at most MAX_SENTENCE_CHARS (at the limit where
    no space is near)."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        space = line.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit)
        cut = space + 1 if space > 0 else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _ends_with_abbreviation(line: str, start: int, end: int) -> bool:
    """Whether line[start:end] ends with an abbreviation. Only its last few characters are read:
    a line of a thousand "A." would otherwise be searched from its start at every one of them."""
    window = max(start, end - _WORD_WINDOW)
    match = _LAST_RUN.search(line, window, end) or _LAST_WORD.match(line, window, end)
    if not match:
        return False
    word = match.group(1).lower()
    return word in _abbreviations() or len(word) == 1  # initials: "J. Smith"


def _strip(line: str, start: int, end: int) -> tuple[int, int] | None:
    """line[start:end] without the white space around it (str.strip's, which is str.isspace's);
    None when nothing else is left."""
    chunk = line[start:end]
    core = chunk.strip()
    if not core:
        return None
    start += len(chunk) - len(chunk.lstrip())
    return start, start + len(core)
