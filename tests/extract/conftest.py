"""What every extraction spec does: write an invented article (and its sidecar) and extract it."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from flows.extract import extract_article
from flows.ingest import read_input

Extracted = dict[str, list[dict]]


@pytest.fixture
def article(tmp_path: Path) -> Callable[..., Extracted]:
    """article(paragraphs, headline=..., published=..., separator=...) -> the rows of every table.
    `published` (ISO) writes a sidecar; `separator` joins the paragraphs ("\\n\\n" makes each a
    paragraph of its own, "\\n" lines of one block)."""
    def write_and_extract(paragraphs: Iterable[str], *, headline: str, published: str | None,
                          separator: str = "\n") -> Extracted:
        path = tmp_path / "a.txt"
        path.write_text(headline + "\n\n" + separator.join(paragraphs) + "\n", encoding="utf-8")
        if published is not None:
            (tmp_path / "a.meta.json").write_text(json.dumps({"published_date": published}), encoding="utf-8")
        return extract_article(read_input(path, "a.txt"))
    return write_and_extract


@pytest.fixture
def agreements(article: Callable[..., Extracted]) -> Callable[..., list[dict]]:
    """agreements(*paragraphs) -> the agreement rows of an article of those paragraphs, published
    2025-05-20 under a neutral headline (the setting most agreement specs share)."""
    def run(*paragraphs: str) -> list[dict]:
        return article(paragraphs, headline="Ministers meet in the capital", published="2025-05-20",
                       separator="\n\n")["agreements"]
    return run


@pytest.fixture
def events_in(article: Callable[..., Extracted]) -> Callable[..., Callable[..., list[dict]]]:
    """events_in(published, headline=...) -> events(*paragraphs, published=..., headline=...): the
    event rows of an article of those paragraphs, each a paragraph of its own, published on the
    spec file's day unless a call says otherwise (the setting the event specs share)."""
    def on(default_published: str, headline: str = "Leaders meet") -> Callable[..., list[dict]]:
        def run(*paragraphs: str, published: str | None = default_published,
                headline: str = headline) -> list[dict]:
            return article(paragraphs, headline=headline, published=published, separator="\n\n")["events"]
        return run
    return on
