"""Small helpers shared by the extractors: the shared sentence screen, keyword tables."""
from __future__ import annotations

import re
from typing import Final

from flows.scan import GatedPattern, GateSet, fold_case


# The gated patterns the extractors run on every sentence, each module adding its own: one pass over
# a sentence screens it for all of them, and events and agreements read the same sentences.
SENTENCE_GATES: Final = GateSet()


def compile_alternation(patterns: list[str] | str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    if isinstance(patterns, str):
        patterns = [patterns]
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", flags)


def keyword_table(entries: list[dict], key: str = "pattern") -> list[tuple[GatedPattern, dict]]:
    """Gated: most sentences hold few of a table's keywords, and those are searched in folded text."""
    return [(GatedPattern(compile_alternation(entry[key])), entry) for entry in entries]


def nearest_keyword(text: str, offset: int, table: list[tuple[GatedPattern, dict]]) -> dict | None:
    """The table entry whose keyword occurs closest to `offset` in `text`."""
    best: tuple[int, dict] | None = None
    folded = fold_case(text)
    for pattern, entry in table:
        for start, end in pattern.spans(text, folded):
            distance = min(abs(start - offset), abs(end - offset))
            if best is None or distance < best[0]:
                best = (distance, entry)
    return best[1] if best else None
