"""Small helpers shared by the extractors: loading their YAML, building rows."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

_HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def load_config(name: str) -> dict:
    return yaml.safe_load((_HERE / f"{name}.yaml").read_text(encoding="utf-8"))


def compile_alternation(patterns: list[str] | str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    if isinstance(patterns, str):
        patterns = [patterns]
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b", flags)


def keyword_table(entries: list[dict], key: str = "pattern") -> list[tuple[re.Pattern[str], dict]]:
    return [(compile_alternation(entry[key]), entry) for entry in entries]


def nearest_keyword(text: str, offset: int, table: list[tuple[re.Pattern[str], dict]]) -> dict | None:
    """The table entry whose keyword occurs closest to `offset` in `text`."""
    best: tuple[int, dict] | None = None
    for pattern, entry in table:
        for match in pattern.finditer(text):
            distance = min(abs(match.start() - offset), abs(match.end() - offset))
            if best is None or distance < best[0]:
                best = (distance, entry)
    return best[1] if best else None
