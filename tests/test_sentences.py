"""Specification of the sentence splitter: abbreviations do not split, offsets are exact."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.clean import clean_article
from flows.sentences import split_sentences


def texts(text: str, body_start: int = 0) -> list[str]:
    return [s.text for s in split_sentences(text, body_start)]


# ------------------------------------------------------------------ abbreviations

@pytest.mark.parametrize("sentence", [
    "Mr. Albanese met Mr. Kishida in Tokyo on Tuesday.",
    "Dr. Nguyen Thi Lan presented the joint research results in Seoul.",
    "The two ministers met in Hanoi on Nov. 27, 2023 to review trade.",
    "The U.S. and Vietnam upgraded their ties in September 2023.",
    "Mrs. Tran said the U.K. delegation would arrive on Sept. 5 in Da Nang.",
    "Prof. Kim Min-jun chaired the forum with Amb. Nguyen Vu Tung.",
])
def test_abbreviation_does_not_split(sentence):
    assert texts(sentence) == [sentence]


@pytest.mark.parametrize("line, expected", [
    ("Mr. Albanese arrived in Tokyo. He met Prime Minister Kishida.",
     ["Mr. Albanese arrived in Tokyo.", "He met Prime Minister Kishida."]),
    ("Trade with the U.S. grew. Exports rose 20 percent in 2023.",
     ["Trade with the U.S. grew.", "Exports rose 20 percent in 2023."]),
    ("Ties were set up in 1992. In 2022, they were upgraded!  Will they deepen further?",
     ["Ties were set up in 1992.", "In 2022, they were upgraded!", "Will they deepen further?"]),
    ("Dr. Park said: \"The visit was a success.\" Korea agreed.",
     ["Dr. Park said: \"The visit was a success.\"", "Korea agreed."]),
])
def test_sentence_ends_split(line, expected):
    assert texts(line) == expected


@pytest.mark.parametrize("line", [
    "The talks ended at 5 p.m. local time in Canberra.",
    "Trade reached US$86.4 billion, up 3.5 percent.",
])
def test_decimals_and_time_abbreviations_do_not_split(line):
    assert texts(line) == [line]


@pytest.mark.parametrize("line, expected", [
    ("A. " * 1300 + "Smith arrived.", ["A. " * 1300 + "Smith arrived."]),
    ("Talks with " + "x" * 60 + ". Trade rose.", ["Talks with " + "x" * 60 + ".", "Trade rose."]),
])
def test_only_the_end_of_a_long_chunk_decides_an_abbreviation(line, expected):
    """Found probing with tests/test_fuzz.py's inputs: a long run of initials took quadratic time."""
    assert texts(line) == expected


def test_each_line_is_its_own_paragraph():
    text = "Vietnam and Korea held talks\nPresident Yoon visited Hanoi\n\nThe two sides signed 17 documents."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Vietnam and Korea held talks", "President Yoon visited Hanoi", "The two sides signed 17 documents."]
    assert [s.paragraph for s in sentences] == [0, 1, 2]


# ------------------------------------------------------------------ offsets

OFFSET_TEXTS = [
    "Japan, Australia pledge closer ties\n\nMr. Albanese met Mr. Kishida in Tokyo. They signed a pact.\n",
    "US, Vietnam mark a decade\n\n  The U.S. and Vietnam held talks on Nov. 27, 2023.   Trade rose.\n\n0\n",
    "Headline\n\nDr. Lee visited Hanoi!  Then he flew to Da Nang? Yes.\nNew paragraph here.",
]


@pytest.mark.parametrize("text", OFFSET_TEXTS)
def test_offsets_point_at_sentence_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", OFFSET_TEXTS)
def test_sentences_have_no_surrounding_whitespace(text):
    for s in split_sentences(text):
        assert s.text == s.text.strip() and s.text


@pytest.mark.parametrize("text", OFFSET_TEXTS)
def test_offsets_in_cleaned_article_point_at_sentence_text(text):
    cleaned = clean_article(text)
    for s in split_sentences(cleaned.text, cleaned.body_start, cleaned.caption_spans):
        assert cleaned.text[s.start:s.end] == s.text
        assert text[s.start:s.end] == s.text


# ------------------------------------------------------------------ body start and captions

def test_text_before_body_start_is_skipped():
    text = "Vietnam, Korea deepen ties.\n\nThe two presidents met in Seoul."
    cleaned = clean_article(text)
    assert texts(text, cleaned.body_start) == ["The two presidents met in Seoul."]


def test_caption_sentences_are_marked():
    caption = "Mr. Kishida greets Mr. Albanese at the Kantei (Photo: Kyodo)"
    text = f"Japan, Australia pledge ties\n\n{caption}\nThe leaders met on Tuesday.\n"
    cleaned = clean_article(text)
    sentences = split_sentences(cleaned.text, cleaned.body_start, cleaned.caption_spans)
    assert [(s.text, s.is_caption) for s in sentences] == [
        ("Mr. Kishida greets Mr. Albanese at the Kantei", True),
        ("The leaders met on Tuesday.", False),
    ]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["Mr", "U.S", "e.g", ".", "..", " ", "a", "Jan", "x" * 30, "Hà", "5", "_", "!"]),
                max_size=12).map("".join), st.integers(0, 80), st.integers(0, 80))
def test_the_abbreviation_test_reads_the_word_a_search_of_the_window_finds(line: str, start: int, end: int) -> None:
    from flows.sentences import _LAST_WORD, _WORD_WINDOW, _abbreviations, _ends_with_abbreviation

    start, end = min(start, end, len(line)), min(max(start, end), len(line))
    match = _LAST_WORD.search(line, max(start, end - _WORD_WINDOW), end)
    word = match.group(1).lower() if match else None
    expected = word is not None and (word in _abbreviations() or len(word) == 1)
    assert _ends_with_abbreviation(line, start, end) == expected


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from([".", "!", "?", "...", '"', "”", "’", "'", ")", "]", " ", "  ", "\n", "\u1680", "\xa0",
                                 "“", "(", "[", "A", "Hà", "Ư", "5", "a", "Mr", "é"]), max_size=20).map("".join))
def test_the_boundary_pattern_matches_as_its_plus_form_does(text: str) -> None:
    """_BOUNDARY opens with "[.!?][.!?]*" for speed; it must find what "[.!?]+" finds."""
    import re

    from flows.sentences import _BOUNDARY

    plus_form = re.compile(_BOUNDARY.pattern.replace("[.!?][.!?]*", "[.!?]+", 1))
    assert plus_form.pattern != _BOUNDARY.pattern
    assert [m.span() for m in _BOUNDARY.finditer(text)] == [m.span() for m in plus_form.finditer(text)]


@pytest.mark.parametrize("line", [
    "word " * 20_000,                       # a table flattened to one line: no stops at all
    "A. " * 20_000 + "Smith arrived.",       # initials that never end a sentence
    "x" * 50_000,                           # no space to cut at either
])
def test_a_run_without_stops_is_read_in_pieces_no_cell_could_refuse(line):
    from flows.sentences import MAX_SENTENCE_CHARS

    pieces = split_sentences(line)
    assert all(len(piece.text) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert "".join(line[piece.start:piece.end] for piece in pieces).replace(" ", "") == line.replace(" ", "")
