"""Specification of article cleaning: page furniture blanked, kept text stays at its offsets."""
from __future__ import annotations

import pytest

from flows.clean import clean_article

HEADLINE = "Japan, Australia pledge closer defence ties"
BODY_1 = "Tokyo and Canberra agreed on Tuesday to expand joint military exercises."
BODY_2 = "The two leaders also discussed supply chains for critical minerals."


def article(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def is_blank(text: str) -> bool:
    return text.strip() == ""


def kept(cleaned: str, original: str, line: str) -> bool:
    """`line` appears in the cleaned text at the same offset as in the original."""
    start = original.index(line)
    return cleaned[start:start + len(line)] == line


SAMPLES = [
    article(HEADLINE, "", BODY_1, "0", BODY_2, "172"),
    article(HEADLINE, "", BODY_1, "You may also like", "Korea, Vietnam boost chip trade"),
    article("US, Vietnam mark a decade of partnership", "", "Washington and Hanoi held a dialogue.",
            "Vietnam, Korea boost semiconductor cooperation", "US envoy tours Mekong Delta"),
    article(HEADLINE, "", "Mr. Kishida greets Mr. Albanese at the Kantei (Photo: Kyodo)",
            "Mr. Kishida greeted Mr. Albanese at the Kantei (Photo: Kyodo)", BODY_1),
    "",
    "Single line without newline",
]


# ------------------------------------------------------------------ offsets

@pytest.mark.parametrize("text", SAMPLES)
def test_output_has_same_length_as_input(text):
    assert len(clean_article(text).text) == len(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_newlines_stay_where_they_were(text):
    cleaned = clean_article(text).text
    assert [i for i, c in enumerate(cleaned) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


@pytest.mark.parametrize("text", SAMPLES)
def test_every_kept_character_is_the_original_character(text):
    cleaned = clean_article(text).text
    assert all(c == o or c == " " for c, o in zip(cleaned, text))


# ------------------------------------------------------------------ counters

@pytest.mark.parametrize("counter", ["0", "172", "3415", "  25  "])
def test_counter_on_its_own_line_is_blanked(counter):
    text = article(HEADLINE, "", BODY_1, counter, BODY_2)
    cleaned = clean_article(text).text
    start = text.index("\n" + counter + "\n") + 1
    assert is_blank(cleaned[start:start + len(counter)])
    assert kept(cleaned, text, BODY_1) and kept(cleaned, text, BODY_2)


@pytest.mark.parametrize("sentence", [
    "Vietnam welcomed 172 Korean investors last year.",
    "Two-way trade reached US$86.4 billion in 2023.",
])
def test_numbers_inside_sentences_are_kept(sentence):
    text = article(HEADLINE, "", sentence)
    assert kept(clean_article(text).text, text, sentence)


# ------------------------------------------------------------------ teaser block

@pytest.mark.parametrize("marker", ["You may also like", "Related news", "RELATED NEWS", "Read more:"])
def test_teaser_block_and_everything_after_it_is_blanked(marker):
    teaser_1 = "Korea, Vietnam boost chip trade."
    teaser_2 = "Japan's Prime Minister visits Canberra for the first time in five years."
    text = article(HEADLINE, "", BODY_1, BODY_2, marker, teaser_1, teaser_2)
    cleaned = clean_article(text).text
    assert is_blank(cleaned[text.index(marker):])
    assert kept(cleaned, text, BODY_1) and kept(cleaned, text, BODY_2)


# ------------------------------------------------------------------ trailing headlines

@pytest.mark.parametrize("headlines", [
    ["Vietnam, Korea boost semiconductor cooperation", "US envoy tours Mekong Delta"],
    ["Australia, Indonesia sign maritime pact", "Japan pledges aid to Philippines after typhoon",
     "Laos, Thailand open new railway link"],
])
def test_trailing_run_of_short_unpunctuated_lines_is_blanked(headlines):
    text = article(HEADLINE, "", BODY_1, BODY_2, *headlines)
    cleaned = clean_article(text).text
    assert is_blank(cleaned[text.index(headlines[0]):])
    assert kept(cleaned, text, BODY_2)


def test_single_trailing_short_line_is_kept():
    closing = "Vietnam and Korea remain close partners"
    text = article(HEADLINE, "", BODY_1, closing)
    assert kept(clean_article(text).text, text, closing)


def test_trailing_punctuated_paragraphs_are_kept():
    last = "The talks ended on Wednesday."
    text = article(HEADLINE, "", BODY_1, BODY_2, last)
    cleaned = clean_article(text).text
    assert kept(cleaned, text, BODY_2) and kept(cleaned, text, last)


# ------------------------------------------------------------------ captions

CAPTION_PAIRS = [
    ("Prime Minister Kishida welcomed the Australian delegation at the Kantei (Photo: Kyodo)",
     "Prime Minister Kishida welcomes the Australian delegation at the Kantei (Photo: Kyodo)",
     "(Photo: Kyodo)"),
    ("President Biden and General Secretary Trong at the Party Central Office in Hanoi (Photo: VNA)",
     "President Biden and General Secretary Trong at Party Central Office, Hanoi (Photo: VNA)",
     "(Photo: VNA)"),
]


@pytest.mark.parametrize("caption, repeat, credit", CAPTION_PAIRS)
def test_repeated_caption_is_kept_once_without_its_credit(caption, repeat, credit):
    text = article(HEADLINE, "", caption, repeat, BODY_1)
    cleaned = clean_article(text)
    start = text.index(caption)
    words = caption[: -len(credit)]
    assert cleaned.text[start:start + len(words)] == words
    assert is_blank(cleaned.text[start + len(words):start + len(caption)])
    repeat_start = text.index(repeat, start + len(caption))
    assert is_blank(cleaned.text[repeat_start:repeat_start + len(repeat)])
    assert kept(cleaned.text, text, BODY_1)


@pytest.mark.parametrize("caption, repeat, credit", CAPTION_PAIRS)
def test_kept_caption_is_reported_as_caption_span(caption, repeat, credit):
    text = article(HEADLINE, "", caption, repeat, BODY_1)
    start = text.index(caption)
    assert clean_article(text).caption_spans == ((start, start + len(caption)),)


def test_article_without_credit_has_no_caption_spans():
    assert clean_article(article(HEADLINE, "", BODY_1, BODY_2)).caption_spans == ()


# ------------------------------------------------------------------ title and body

@pytest.mark.parametrize("text, title", [
    (article(HEADLINE, "", BODY_1), HEADLINE),
    (article("", "", "  Vietnam, Korea celebrate 30 years of ties  ", "", BODY_1),
     "Vietnam, Korea celebrate 30 years of ties"),
    (article("US, Vietnam upgrade relations", BODY_1), "US, Vietnam upgrade relations"),
])
def test_title_is_first_non_empty_line(text, title):
    assert clean_article(text).title == title


@pytest.mark.parametrize("text, title", [
    (article("Japan, Vietnam deepen ties", "", "Leaders meet in Hanoi"), "Japan, Vietnam deepen ties"),
    (article("Japan, Vietnam deepen ties", "Leaders meet in Hanoi", "Trade talks follow"),
     "Japan, Vietnam deepen ties"),
    (article("You may also like", "Korea, Vietnam boost chip trade"), "You may also like"),
    ("0", "0"),
    (article("Share", "", "Advertisement"), "Share"),
])
def test_every_text_with_a_visible_line_has_a_title(text, title):
    """Found by tests/test_fuzz.py: a short unpunctuated last line took the headline with it as
    "related headlines", and a text of furniture only had no title, which failed the release."""
    assert clean_article(text).title == title


def test_body_starts_after_the_title():
    text = article(HEADLINE, "", BODY_1)
    cleaned = clean_article(text)
    assert cleaned.body_start == len(HEADLINE)
    assert cleaned.text[cleaned.body_start:].strip().startswith(BODY_1)


@pytest.mark.parametrize("paragraphs", [
    [BODY_1, BODY_2],
    ["Korean investment in Vietnam totalled US$85 billion by 2023, the ministry said.",
     "Some 9,000 Korean firms operate in the country.",
     "President Yoon Suk Yeol called Vietnam a key partner."],
])
def test_body_paragraphs_survive(paragraphs):
    text = article(HEADLINE, "", *paragraphs)
    cleaned = clean_article(text).text
    assert all(kept(cleaned, text, p) for p in paragraphs)


def test_whole_line_patterns_skip_blank_lines_only_when_they_cannot_match_one():
    """Blank lines are about half the lines: the furniture and teaser patterns, which cannot match
    one, are not tried on them; a pattern that could would be tried on every line."""
    import re

    from flows.clean import _config, _may_match, _split_lines

    lines = _split_lines("Headline\n\n  \nShare\n")
    filled = [i for i, line in enumerate(lines) if line.stripped]
    assert _config()["furniture_re"].match("") is None and _config()["teaser_re"].match("") is None
    assert _may_match(_config()["furniture_re"], lines, filled) == [0, 3]
    assert list(_may_match(re.compile(r"^\W*$"), lines, filled)) == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("first_line", [
    " ".join([BODY_1] * 2_000),          # a whole article saved as one line
    "x" * 100_000,                       # one word, nowhere to cut
])
def test_a_headline_too_long_to_be_one_is_cut_and_still_read_as_body(first_line: str) -> None:
    from flows.clean import MAX_TITLE_CHARS

    cleaned = clean_article(article(first_line, "", BODY_2))
    assert len(cleaned.title) <= MAX_TITLE_CHARS and cleaned.title.endswith("…")
    assert first_line.startswith(cleaned.title[:-1])
    assert cleaned.body_start == 0 and kept(cleaned.text, article(first_line, "", BODY_2), first_line)


def test_a_headline_of_ordinary_length_is_kept_whole_and_not_read_as_body() -> None:
    cleaned = clean_article(article(HEADLINE, "", BODY_1))
    assert cleaned.title == HEADLINE and cleaned.body_start == len(HEADLINE)
