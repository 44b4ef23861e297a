"""Specification of flows.scan.GateSet and leading_words: screening several gated patterns in one
pass over a text decides, and finds, exactly what each pattern decides and finds on its own."""
from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows import scan
from flows.extract import agreements, events   # importing them adds their patterns to SENTENCE_GATES
from flows.extract.common import SENTENCE_GATES
from flows.scan import GatedPattern, GateSet, ScreenedText, leading_words

# re, ignoring case, takes these for ASCII letters; fold_case folds them back
_CASE_VARIANTS = [str.lower, str.upper, str.title,
                  lambda w: w.replace("i", "\u0130"), lambda w: w.replace("i", "\u0131"),
                  lambda w: w.replace("s", "\u017f"), lambda w: w.replace("k", "\u212a")]


def _vocabulary() -> list[str]:
    """Every word the sentence patterns are screened for or tried at: the real vocabulary."""
    return sorted({word for pattern in SENTENCE_GATES.patterns
                   for word in (pattern.words or ()) + (pattern.leads or ())})


_PIECE = st.one_of(
    st.builds(lambda word, variant: variant(word), st.sampled_from(_vocabulary()), st.sampled_from(_CASE_VARIANTS)),
    st.sampled_from(["Japan", "Prime Minister", "the", "a", "his", "said", "cooperation", "were", "was", "officially",
                     "diplomatic relations", "of", "on", "to", "É", "é", "ß", "Σ"]))
_SEPARATOR = st.sampled_from([" ", "", ", ", ". ", "-", "s ", "ed ", "\n"])
_SENTENCE = st.lists(st.tuples(_PIECE, _SEPARATOR).map("".join), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(_SENTENCE)
def test_a_screened_sentence_is_judged_and_searched_as_each_pattern_alone(text: str) -> None:
    screened = SENTENCE_GATES.screen(text)
    for pattern in SENTENCE_GATES.patterns:
        expected = [match.span() for match in pattern.source.finditer(text)]
        assert screened.may_match(pattern) == pattern.may_match(text), pattern.source.pattern
        assert screened.spans(pattern) == expected, pattern.source.pattern
        assert screened.first_span(pattern) == (expected[0] if expected else None), pattern.source.pattern


def test_the_sentence_patterns_are_screened_and_most_tried_at_their_leads_only() -> None:
    patterns = [*(pattern for _, pattern in events._TRIGGERS), *agreements.GATED_PATTERNS]
    assert set(patterns) <= set(SENTENCE_GATES.patterns)
    assert sum(pattern.leads is not None for pattern in patterns) >= len(patterns) // 2


@pytest.mark.parametrize("text, may_match", [
    ("President Trump VISITED Japan", {"visit": True, "digits": True, "summit": False}),
    ("an ASEAN ſummit in 2024", {"visit": False, "digits": True, "summit": True}),
    ("", {"visit": False, "digits": True, "summit": False}),
])
def test_a_pattern_without_words_always_passes_the_others_need_one_of_theirs(text: str, may_match: dict) -> None:
    patterns = {"visit": GatedPattern(re.compile(r"\bvisit(?:s|ed)?\b", re.IGNORECASE)),
                "digits": GatedPattern(re.compile(r"\d+")),   # promises no word
                "summit": GatedPattern(re.compile(r"\bsummits?\b", re.IGNORECASE))}
    screened = GateSet(patterns.values()).screen(text)
    assert {name: screened.may_match(pattern) for name, pattern in patterns.items()} == may_match
    assert {name: pattern.may_match(text) for name, pattern in patterns.items()} == may_match


def test_no_text_is_left_unfolded_by_this_python_the_one_longer_lower_case_is_folded_first() -> None:
    """Why the gates below are given an unfolded text rather than find one: lower-casing changes
    the length of "İ" alone (its lower case is "i" and a combining dot), and fold_case maps it to
    "i" first. A Unicode version that adds another such character makes texts unfoldable again."""
    longer = [hex(code) for code in range(sys.maxunicode + 1) if len(chr(code).lower()) != 1]
    assert longer == ["0x130"]
    assert scan.fold_case("They v\u0130sited \u0130stanbul") == "they visited istanbul"


def test_a_text_that_cannot_be_folded_passes_every_gate_and_is_searched_whole() -> None:
    visit = GatedPattern(re.compile(r"\bvisit(?:s|ed)?\b", re.IGNORECASE))
    summit = GatedPattern(re.compile(r"\bsummit\b", re.IGNORECASE))
    text, unfolded = "They visited Japan", None   # fold_case's None
    assert visit.may_match(text, unfolded) and summit.may_match(text, unfolded)
    assert summit.spans(text, unfolded) == [] and summit.first_span(text, unfolded) is None
    assert visit.spans(text, unfolded) == [(5, 12)] and visit.first_span(text, unfolded) == (5, 12)


def test_a_screen_without_a_folded_text_passes_every_pattern_and_searches_the_text_whole() -> None:
    """What GateSet.screen gives for a text that cannot be folded: every pattern passed, no leads found."""
    visit = GatedPattern(re.compile(r"\bvisit(?:s|ed)?\b", re.IGNORECASE))
    summit = GatedPattern(re.compile(r"\bsummit\b", re.IGNORECASE))
    gates = GateSet([visit, summit])
    screened = ScreenedText(gates.bit, "They visited Japan", None, gates.every, None)
    assert screened.may_match(summit) and screened.spans(summit) == [] and screened.first_span(summit) is None
    assert screened.spans(visit) == [(5, 12)] and screened.first_span(visit) == (5, 12)


def test_patterns_added_later_are_screened_and_a_foreign_one_is_refused() -> None:
    gates = GateSet([GatedPattern(re.compile(r"\bvisit\b", re.IGNORECASE))])
    summit = GatedPattern(re.compile(r"\bsummit\b", re.IGNORECASE))
    before = gates.screen("the Summit opened")   # kept: a set that changes keeps none
    assert gates.add(summit) is summit and gates.add(summit) is summit and len(gates.patterns) == 2
    assert gates.screen("the Summit opened").spans(summit) == [(4, 10)]
    with pytest.raises(KeyError):
        before.spans(summit)   # screened before the pattern was added: never judged
    with pytest.raises(KeyError):
        gates.screen("the Summit opened").may_match(GatedPattern(re.compile("summit")))


@pytest.mark.parametrize("source, flags, leads", [
    (r"\b(?:visits?|trip to)\b", re.IGNORECASE, ("trip to", "visit")),
    (r"(?:in-depth |bilateral )?discussions?", 0, ("bilateral ", "discussion", "in-depth ")),
    (r"travell?ed to", 0, ("traveled to", "travell")),
    (r"memorand(?:um|a) of|mo[uU]s?", re.IGNORECASE, ("memoranda of", "memorandum of", "mou")),
    (r"joint communiqu[eé]", re.IGNORECASE, ("joint communiqu",)),   # "é" has a case: the word stops there
    (r"(?<!\w)[-–]\d", 0, ("-", "–")),
    (r"(?:a|the) meeting", re.IGNORECASE, ("a meeting", "the meeting")),
    (r"\w+ing", 0, None),                                   # starts with any letter
    (r"(?:visit)?", 0, None),                               # can match nothing
    (r"(?:[a-c][a-c]){3}", 0, None),                        # a range: its letters are not listed
    (r"[ab][ab][ab][ab][ab][ab][ab]", 0, ("a", "b")),       # 128 strings: cut short
])
def test_leading_words_are_what_every_match_starts_with(source: str, flags: int, leads: tuple | None) -> None:
    assert leading_words(re.compile(source, flags)) == leads


_REGEX_ATOM = st.sampled_from(["a", "b", "B", "i", "k", "ab", "ba", " ", "-", "[ab]", "[aA]", "[iI]", "[a-c]", r"\b",
                               "(?=a)", "(?<!b)", r"\w", ".", "ı", "é", "É"])
_REGEX = st.recursive(_REGEX_ATOM, lambda inner: st.one_of(
    st.tuples(inner, inner).map("".join),
    st.tuples(inner, inner).map(lambda pair: f"(?:{pair[0]}|{pair[1]})"),
    inner.map(lambda part: f"(?:{part})?"),
    inner.map(lambda part: f"(?:{part})+"),
    inner.map(lambda part: f"(?:{part})*"),
    inner.map(lambda part: f"(?:{part}){{2,3}}"),
    inner.map(lambda part: f"(?-i:{part})")), max_leaves=6)
# mostly the pattern's letters, in every case re takes for them
_REGEX_TEXT = st.lists(st.sampled_from(["a", "b", "ab", "ba", "A", "B", "i", "I", "\u0130", "\u0131", "k", "\u212a",
                                        " ", "-", "é", "É", "c"]), max_size=12).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_REGEX, st.booleans(), st.data())
def test_every_match_starts_with_a_leading_word_in_the_folded_text(source: str, ignore_case: bool, data) -> None:
    pattern = re.compile(source, re.IGNORECASE if ignore_case else 0)
    leads = leading_words(pattern)
    if leads is None:
        return
    # a match of the pattern (written in another case, maybe, which may undo it) amid its letters
    written = data.draw(st.sampled_from(_CASE_VARIANTS))(data.draw(st.from_regex(pattern)))
    text = data.draw(_REGEX_TEXT) + written + data.draw(_REGEX_TEXT)
    folded = scan.fold_case(text)
    for start in range(len(text) + 1):
        match = pattern.match(text, start)
        assert match is None or (match.end() > start and folded.startswith(leads, start)), (source, text, start)


def test_is_word_char_is_what_re_takes_for_a_word_character() -> None:
    word = re.compile(r"\w")
    assert [code for code in range(sys.maxunicode + 1)
            if scan.is_word_char(chr(code)) != bool(word.match(chr(code)))] == []


@pytest.mark.parametrize("source, flags, at_word_start", [
    (r"\b(?:visits?|trip to)\b", re.IGNORECASE, True),
    (r"(?:\bvisit|\btrip)", 0, True),
    (r"(?=[vt])\b(?:visit|trip)", 0, True),            # zero-width items are read at the same offset
    (r"(?:\bvisit|trip)", 0, False),                   # one branch may open inside a word
    (r"visit\b", 0, False),
    (r"(?:visit)?\btrip", 0, False),                   # the boundary may come after "visit"
    (r"\bvisit", re.ASCII, False),                     # "\b" then takes "é" for a non-word character
    (r"(?a:\bvisit)", 0, False),
])
def test_opens_at_word_start(source: str, flags: int, at_word_start: bool) -> None:
    assert scan.opens_at_word_start(re.compile(source, flags)) is at_word_start


_SHORT_LEADS = [GatedPattern(re.compile(source, re.IGNORECASE)) for source in
                (r"\b(?:a|re|the|to)\s+\w+", r"\b(?:a|'s|’s)\w*", r"(?:a|re)\w+", r"\b(?:-|a)\w")]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "A", "re", "RE", "the", "to", "area", "ab", "bar", "'s", "’s", "-", "é", "_",
                                 "\u0130", "1", " ", ".", "\n"]), max_size=14).map("".join))
def test_short_leads_inside_words_are_skipped_only_where_no_match_can_start(text: str) -> None:
    """Leads of one letter or two found inside words ("a" in "area"): patterns that open at a word
    boundary are not tried there, the others are; every pattern finds what it finds alone."""
    gates = GateSet(_SHORT_LEADS)
    screened = gates.screen(text)
    for pattern in _SHORT_LEADS:
        assert pattern.leads is not None
        expected = [match.span() for match in pattern.source.finditer(text)]
        assert screened.spans(pattern) == expected and gates.screen(text).spans(pattern) == expected
        assert screened.first_span(pattern) == (expected[0] if expected else None)
