"""Specification of flows.scan: skipping offsets never changes what a pattern finds."""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.scan import (WordFinder, every_offset, first_chars, fold_case, guarded, matches_at, phrase_alternation,
                        required_words, search_at)


def test_folding_covers_every_letter_that_matches_an_ascii_letter_ignoring_case() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or not letter.fullmatch(char):
            continue
        folded = fold_case(char)
        assert folded is not None and folded.isascii() and re.fullmatch(char, folded, re.IGNORECASE), hex(code)


def test_folding_keeps_offsets() -> None:
    assert fold_case("Vİsıt ſix \u212aM") == "visit six km"
    assert fold_case("ÀÉ Straße") == "àé straße"


def test_every_offset_includes_overlapping_matches() -> None:
    assert every_offset(re.compile(r"aa"), "aaaa") == [0, 1, 2]
    assert every_offset(re.compile(r"the\s+first|first"), "the first, first") == [0, 4, 11]


def test_word_finder_finds_every_occurrence_overlaps_included() -> None:
    finder = WordFinder(["visit", "sit", "its", "é"])
    assert sorted(finder.occurrences("visits é")) == [(0, "visit"), (2, "sit"), (3, "its"), (7, "é")]
    assert finder.starts("visits visit") == [0, 2, 3, 7, 9]
    assert finder.found("a sitting") == {"sit"}


def test_word_finder_without_words_finds_nothing_and_refuses_the_empty_word() -> None:
    assert WordFinder([]).occurrences("anything") == [] and WordFinder([]).found("x") == set()
    with pytest.raises(ValueError):
        WordFinder(["a", ""])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abc ", min_size=1, max_size=4), max_size=6), st.text(alphabet="abc ", max_size=30))
def test_word_finder_finds_what_str_find_finds(words: list[str], text: str) -> None:
    expected = sorted((at, word) for word in set(words) for at in range(len(text)) if text.startswith(word, at))
    assert sorted(WordFinder(words).occurrences(text)) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab 1.-", max_size=40))
def test_matching_at_leads_is_finditer_when_the_leads_hold_every_start(text: str) -> None:
    pattern = re.compile(r"(?<![\d.])\d+(?:\.\d+)?|\bab+\b")
    starts = [m.start() for m in re.finditer(r"\d+|a", text)]
    assert [m.span() for m in matches_at(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab 1.-", max_size=40), st.integers(0, 41))
def test_searching_at_leads_is_search_when_the_leads_hold_every_start(text: str, position: int) -> None:
    pattern = re.compile(r"(?<![\d.])\d+(?:\.\d+)?|\bab+\b")
    starts = [m.start() for m in re.finditer(r"\d+|a", text)]
    found, expected = search_at(pattern, text, position, starts), pattern.search(text, position)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abAB .$", min_size=1, max_size=6), min_size=1, max_size=8),
       st.text(alphabet="abAB .$\t", max_size=40), st.booleans())
def test_phrase_alternation_matches_as_the_longest_first_alternation(phrases, text, ignore_case) -> None:
    flags = re.IGNORECASE if ignore_case else 0
    plain = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))
    for wrap in ("(?:{})", r"(?<![\w.])(?:{})(?!\w)", "(?:{})b"):
        expected = [m.span() for m in re.finditer(wrap.format(plain), text, flags)]
        assert [m.span() for m in re.finditer(wrap.format(phrase_alternation(phrases)), text, flags)] == expected
    phrases = [p for p in phrases if not p.startswith(" ")] or ["a"]
    plain = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))
    expected = [m.span() for m in re.finditer(rf"(?<![\w.])(?:{plain})", text, flags)]
    found = re.finditer(phrase_alternation(phrases, after_first=r"(?<![\w.].)"), text, flags)
    assert [m.span() for m in found] == expected


def test_phrase_alternation_is_a_trie() -> None:
    assert phrase_alternation(["president", "premier", "prime minister", "prime"]) == \
        r"pr(?:e(?:mier|sident)|ime(?:\s+minister)?)"


def test_required_words_are_what_every_match_contains() -> None:
    assert required_words(re.compile(r"\b(?:visit(?:s|ed)?|trip(?:s)? to|met (?=[A-Z]))\b", re.I)) == \
        ("met ", "trip", "visit")
    assert required_words(re.compile(r"a(?=x)b|c+d")) == ("ab", "c")
    assert required_words(re.compile(r"\d+|visit")) is None   # a digit is no word
    assert required_words(re.compile(r"memorand(?:um|a) of understanding|mous?|mo[uU]s?", re.I)) == \
        (" of understanding", "mou")   # a class of one letter in either case is that letter


_GATE_PIECES = ["visit", "VISITED", "vİsit", "vısıt", "ſummit", "talks", "met", "Met Prime Minister", "signed",
                "MoU", "memorandum of understanding", "joint statement", "partnership", "Comprehensive Strategic",
                "upgraded", "pledged", "committed to", "cooperation documents", "earthquake", "opera",
                "anniversary", "was held", "diplomatic relations", "established", "\u212a", "ß", " ", ". ", ", "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GATE_PIECES), max_size=12).map(" ".join))
def test_gated_patterns_find_what_their_patterns_find(text: str) -> None:
    from flows.extract import agreements, events

    gated = [*(pattern for _, pattern in events._TRIGGERS), *agreements.GATED_PATTERNS]
    for pattern in gated:
        expected = [m.span() for m in pattern.source.finditer(text)]
        assert [m.span() for m in pattern.finditer(text)] == expected
        assert [m.span() for m in pattern.finditer(text, fold_case(text))] == expected


def test_first_chars_are_where_every_match_starts() -> None:
    assert first_chars(re.compile(r"\b(?:visit|(?:in-depth )?talks)\b")) == frozenset("vit")
    assert first_chars(re.compile(r"\w+")) is None
    assert first_chars(re.compile(r"a?")) is None   # can match without a character


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abAB 1-.ıİ", max_size=30),
       st.sampled_from([r"\b(?:ab|(?:1 )?ba)\b", r"(?<![\w.])a+b?|-1", r"(?:(?:a|b)[\s-]+)+ab", r"(?-i:[A-B])b|1"]),
       st.booleans())
def test_guarded_patterns_find_what_the_pattern_finds(text: str, source: str, ignore_case: bool) -> None:
    pattern = re.compile(source, re.IGNORECASE if ignore_case else 0)
    assert [m.span() for m in guarded(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)]


def test_lower_casing_never_changes_what_a_character_class_holds() -> None:
    """folded_form relies on it: \\w, \\s and \\d (so word boundaries) read the folded text as the text."""
    classes = [re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d")]
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or len(char.lower()) != 1 or char.lower() == char:
            continue
        assert all(bool(c.match(char)) == bool(c.match(char.lower())) for c in classes), hex(code)
        lower = char.lower()   # nor turns a letter into a character without case, or into ASCII but "k"
        assert not lower.lower() == lower == lower.upper(), hex(code)
        assert char.isascii() or not lower.isascii() or char == "\u212a", hex(code)


def test_folded_form_only_for_patterns_whose_letters_are_lower_case_ascii() -> None:
    from flows.scan import folded_form

    assert folded_form(re.compile(r"\b(?:visit(?:s|ed)?|[a-c]\w+)\b", re.IGNORECASE)).flags & re.IGNORECASE == 0
    for source in [r"met (?=(?-i:[A-Z]))", r"Visit", r"communiqu[eé]", r"mo[uU]", r"(a)\1", r"[A-z]"]:
        assert folded_form(re.compile(source, re.IGNORECASE)) is None, source
    assert folded_form(re.compile(r"visit")) is None   # already case-sensitive


_FOLD_PIECES = _GATE_PIECES + ["VISIT", "Ceremony", "SİGNED", "ſigned", "ıs", "\u212aeynote", "Σ", "ς", "σ", "É", "é",
                               "ǅ", "Ⅻ", "Ⓐ", "tsunamİ", "ANNIVERSARY", "Was HELD", "-", "’"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_FOLD_PIECES), max_size=12).map(" ".join))
def test_spans_found_in_the_folded_text_are_what_finditer_finds(text: str) -> None:
    from flows.extract import agreements, events

    gated = [*(pattern for _, pattern in events._TRIGGERS), *agreements.GATED_PATTERNS]
    assert any(pattern.folded_pattern is not None for pattern in gated)
    for pattern in gated:
        expected = [m.span() for m in pattern.source.finditer(text)]
        assert pattern.spans(text) == expected
        assert pattern.spans(text, fold_case(text)) == expected
        assert pattern.first_span(text) == (expected[0] if expected else None)


# ---------------------------------------------------------------- several lists of phrases in one pass

def test_phrase_offsets_finds_where_each_list_begins() -> None:
    from flows.scan import PhraseOffsets

    finder = PhraseOffsets({"modifier": ["last", "Next"], "phrases": ["the end of", "the first"]},
                           as_written={"months": ["May", "Mar", "March"]}, literal={"holiday": ["new year"]})
    text = "Next May, the  end of March: the\nfirst new year, at LAST, may marry"
    assert finder.find(fold_case(text), text) == {
        "modifier": [0, 52],       # "Next", "LAST": in any case
        "phrases": [10, 29],       # any white space between the words
        "months": [5, 22],         # as written only: not "may", nor "mar" in "marry"
        "holiday": [39],           # a literal string: its space is a space
    }


def test_phrase_offsets_finds_as_written_only_ascii_words() -> None:
    from flows.scan import PhraseOffsets

    with pytest.raises(ValueError):
        PhraseOffsets({}, as_written={"names": ["Đà Nẵng"]})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="abAB k", min_size=1, max_size=4), max_size=6),
       st.lists(st.text(alphabet="abABkK", min_size=1, max_size=3), max_size=3),
       st.text(alphabet="abAB kK\n\tİı\u212a", max_size=30))
def test_phrase_offsets_finds_what_a_search_per_phrase_finds(phrases: list[str], names: list[str], text: str) -> None:
    """The one pass against the way it replaced: a str.find loop per word (in the folded text, or
    in the text for the words as written), a regex for the phrases of several words."""
    from flows.scan import PhraseOffsets

    lists = {"odd": phrases[::2], "even": phrases[1::2]}
    literal = [phrase.lower() for phrase in phrases]
    folded = fold_case(text)
    found = PhraseOffsets(lists, as_written={"names": names}, literal={"gate": literal}).find(folded, text)

    def starts(words: set[str], within: str) -> list[int]:
        return sorted({at for word in words for at in range(len(within)) if within.startswith(word, at)})

    for kind, listed in lists.items():
        words = {phrase.lower() for phrase in listed}
        several = sorted((word for word in words if " " in word), key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(word).replace(r"\ ", r"\s+") for word in several))
        expected = set(starts({word for word in words if " " not in word}, folded))
        assert found[kind] == sorted(expected | set(every_offset(pattern, folded) if several else [])), kind
    assert found["names"] == starts(set(names), text)
    assert found["gate"] == starts(set(literal), folded)


def test_phrase_offsets_at_word_start_keeps_only_offsets_that_start_a_word() -> None:
    from flows.scan import PhraseOffsets

    finder = PhraseOffsets({"back": ["a", "two"], "phrases": ["a few", "the end of"], "other": ["a"]},
                           at_word_start=("back", "phrases"))
    text = "a year ago, Malaysia's two-way trade, a  few, the end of twotwo; _a a\u0130"
    assert finder.find(fold_case(text), text) == {
        "back": [0, 7, 23, 38, 57, 68],   # "ago" too; not inside "year", "Malaysia", "way", "twotwo", "_a"
        "phrases": [38, 46],
        "other": [0, 4, 7, 13, 15, 19, 28, 33, 38, 66, 68],   # every occurrence, as before
    }
    with pytest.raises(ValueError):
        PhraseOffsets({"back": ["a"]}, at_word_start=("front",))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="ab k-", min_size=1, max_size=4), min_size=1, max_size=6),
       st.text(alphabet="abAB k-_1é\n\u0130", max_size=30))
def test_phrase_offsets_at_word_start_keep_every_offset_where_a_pattern_opening_at_a_boundary_matches(
        phrases: list[str], text: str) -> None:
    from flows.scan import PhraseOffsets

    folded = fold_case(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + ")", re.IGNORECASE)
    kept = PhraseOffsets({"leads": phrases}, at_word_start=("leads",)).find(folded, text)["leads"]
    every = PhraseOffsets({"leads": phrases}).find(folded, text)["leads"]
    assert set(kept) <= set(every)
    assert {match.start() for match in re.finditer(f"(?=(?:{pattern.pattern}))", text, re.IGNORECASE)} <= set(kept)
