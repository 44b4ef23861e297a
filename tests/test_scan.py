"""Specification of flows.scan: skipping offsets never changes what a pattern finds."""
from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from flows.scan import every_offset, fold_case, matches_at


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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab 1.-", max_size=40))
def test_matching_at_leads_is_finditer_when_the_leads_hold_every_start(text: str) -> None:
    pattern = re.compile(r"(?<![\d.])\d+(?:\.\d+)?|\bab+\b")
    starts = [m.start() for m in re.finditer(r"\d+|a", text)]
    assert [m.span() for m in matches_at(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]
