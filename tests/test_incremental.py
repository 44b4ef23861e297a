"""Specification of the incremental state: what lets a run reuse rows, and what forbids it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
import pytest

from flows.incremental import (
    EMPTY_STATE,
    ArticleState,
    RunState,
    StateFileError,
    build_state,
    code_fingerprint,
    input_sha256,
    load_state,
    reused_rows,
    save_state,
    state_disagreements,
)


def saved(tmp_path: Path, content_id: str = "c1", fingerprint: str | None = None) -> RunState:
    state = RunState(content_id, fingerprint or code_fingerprint(),
                     {"a.txt": ArticleState("h1", "art_a")})
    save_state(tmp_path, state)
    return state


def test_a_saved_state_is_loaded_for_the_release_it_describes(tmp_path: Path) -> None:
    state = saved(tmp_path)
    assert load_state(tmp_path, "c1") == state


@pytest.mark.parametrize("current", [None, "c2"])
def test_a_state_of_another_release_is_ignored(tmp_path: Path, current: str | None) -> None:
    saved(tmp_path)
    assert load_state(tmp_path, current) == EMPTY_STATE


def test_a_state_written_by_other_extraction_code_is_ignored(tmp_path: Path) -> None:
    saved(tmp_path, fingerprint="0" * 64)
    assert load_state(tmp_path, "c1") == EMPTY_STATE


def state_text(**overrides: object) -> str:
    document = {"format": 3, "content_id": "c1", "code_fingerprint": code_fingerprint(),
                "articles": {"a.txt": {"input_sha256": "h1", "article_id": "art_a", "signature": None}}}
    return json.dumps(document | overrides)


@pytest.mark.parametrize(("text", "problem"), [
    ("", "not JSON"),
    ("{not json", "not JSON"),
    ("[" * 100_000 + "]" * 100_000, "not JSON"),
    (json.dumps([1, 2]), "top level is not an object"),
    (json.dumps({"format": 1}), "content_id or code_fingerprint is not a string"),
    (state_text(articles=[]), '"articles" is not an object'),
    (state_text(articles=None), '"articles" is not an object'),
    (state_text(articles={"a.txt": {"input_sha256": "h1"}}), "the entry of 'a.txt' is not"),
    (state_text(articles={"a.txt": {"input_sha256": "h1", "article_id": ["x"]}}), "the entry of 'a.txt' is not"),
    (state_text(articles={"a.txt": {"input_sha256": "h1", "article_id": "art_a"},
                          "b.txt": {"input_sha256": "h2", "article_id": "art_a"}}), "two inputs have the same article id"),
])
def test_a_damaged_state_file_is_refused_with_the_reason(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "state.json").write_text(text, encoding="utf-8")
    with pytest.raises(StateFileError, match="^" + re.escape(problem)):
        load_state(tmp_path, "c1")


def test_a_state_entry_the_release_does_not_hold_is_a_disagreement() -> None:
    state = RunState("c1", code_fingerprint(), {"a.txt": ArticleState("h1", "art_a"), "b.txt": ArticleState("h2", "art_x"),
                                                "c.txt": ArticleState("h3", "art_c")})
    published = pl.DataFrame({"source_file": ["a.txt", "b.txt"], "article_id": ["art_a", "art_b"]})
    assert state_disagreements(state, published) == ["b.txt", "c.txt"]


def test_only_an_unchanged_input_under_the_same_name_is_reusable(tmp_path: Path) -> None:
    state = saved(tmp_path)
    assert state.reusable("a.txt", "h1") is not None
    assert state.reusable("a.txt", "h2") is None
    assert state.reusable("b.txt", "h1") is None


def test_the_input_hash_covers_the_metadata_sidecar() -> None:
    text = b"Vietnam and Japan signed ..."
    assert len({input_sha256(text, None), input_sha256(text, b"{}"), input_sha256(text, b'{"outlet": "X"}')}) == 3


def test_the_state_records_each_published_articles_input_id_and_signature() -> None:
    tables = {
        "articles": pl.DataFrame({"article_id": ["art_a", "art_b"], "source_file": ["a.txt", "b.txt"]}),
        "events": pl.DataFrame({"event_id": ["evt_2", "evt_1", "evt_3"], "article_id": ["art_a", "art_a", "art_b"]}),
    }
    state = build_state("c9", tables, {"a.txt": "h1", "b.txt": "h2", "gone.txt": "h3"}, {"a.txt": "42:1:2:3:4|-"})
    assert state.articles == {"a.txt": ArticleState("h1", "art_a", "42:1:2:3:4|-"), "b.txt": ArticleState("h2", "art_b")}


def test_a_state_that_also_listed_row_ids_still_loads(tmp_path: Path) -> None:
    """Format 2 listed every article's row ids (the release holds them: every row has its article id)."""
    (tmp_path / "state.json").write_text(json.dumps({
        "format": 2, "content_id": "c1", "code_fingerprint": code_fingerprint(),
        "articles": {"a.txt": {"input_sha256": "h1", "article_id": "art_a", "rows": {"events": ["evt_1"]},
                               "signature": None}}}), encoding="utf-8")
    assert load_state(tmp_path, "c1").articles == {"a.txt": ArticleState("h1", "art_a")}


def test_reused_rows_are_those_of_the_unchanged_articles_only() -> None:
    previous = {
        "events": pl.DataFrame({"event_id": ["e1", "e2"], "article_id": ["art_a", "art_b"]}),
        "rejections": pl.DataFrame({"rejection_id": ["r1"]}),
    }
    reused = reused_rows(previous, ["art_b"])
    assert reused["events"]["event_id"].to_list() == ["e2"]
    assert "rejections" not in reused


def test_the_saved_state_is_json_with_one_article_per_line_and_loads_back(tmp_path: Path) -> None:
    state = RunState("c1", code_fingerprint(), {
        "b.txt": ArticleState("h2", "art_b"),
        'a "quoted", naïve.txt': ArticleState("h1", "art_a", signature="42:1:2:3:4|-"),
    })
    save_state(tmp_path, state)
    text = (tmp_path / "state.json").read_text(encoding="utf-8")
    assert json.loads(text)["articles"]['a "quoted", naïve.txt'] == {"input_sha256": "h1", "article_id": "art_a",
                                                                     "signature": "42:1:2:3:4|-"}
    assert len(text.splitlines()) == 2 + len(state.articles)
    assert load_state(tmp_path, "c1") == state
