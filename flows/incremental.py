"""Incremental runs: only new or changed articles are extracted; the rest is reused.

`output/state.json` records, for every published article, the hash of its input (text file plus
metadata sidecar), its article id and its file signature. A run reuses the rows of an input whose
hash is unchanged straight from the current release (every row carries its article id, so the
release itself says which rows an article produced; the state does not repeat them - at 20,000
articles that made it 19 MB and ~1 s to write and read), so a scheduled refresh
costs in proportion to what is new; an input whose file metadata is as recorded then is not
even opened (flows.signatures). The state is trusted only when it describes the release
that is current (a run killed between switching the release and saving the state falls back to
a full run) and was written by the same extraction code (any change to the code or its
vocabularies re-extracts everything, so old rows never hide a fix).
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import polars as pl

from flows.ownership import STAGING_PREFIX


STATE_FILE = "state.json"
STATE_FORMAT = 3
# 2 also listed the row ids of every article; read alike (the ids are ignored), so an upgrade
# does not re-extract a corpus for that alone.
_READABLE_FORMATS = frozenset({2, STATE_FORMAT})
_PACKAGES = ("flows", "schemas")
_CODE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".csv"}
# Modules that only orchestrate or write files: changing them cannot change a row, so they are
# left out of the fingerprint. Anything not listed counts, so a new extraction module is covered.
_NOT_EXTRACTION = frozenset({
    "flows/cli.py", "flows/serve.py", "flows/publish_datasets.py", "flows/publish.py", "flows/history.py",
    "flows/duckdb_export.py", "flows/site.py", "flows/site.yaml", "flows/progress.py", "flows/report.py",
    "flows/incremental.py", "flows/signatures.py", "flows/runners.py", "flows/lock.py", "flows/remote.py",
    "flows/partitions.py", "flows/site_svg.py", "flows/prefect_server.py", "flows/gc_thresholds.py",
    "flows/ownership.py", "flows/release_check.py", "flows/interrupts.py",
})


@dataclass(frozen=True)
class ArticleState:
    input_sha256: str
    article_id: str
    signature: str | None = None      # file metadata when it was read (flows.signatures); None: always read it


@dataclass(frozen=True)
class RunState:
    content_id: str                   # the release these rows were published in
    code_fingerprint: str
    articles: dict[str, ArticleState]  # source_file -> what it produced

    def reusable(self, source_file: str, input_sha256: str) -> ArticleState | None:
        known = self.articles.get(source_file)
        return known if known is not None and known.input_sha256 == input_sha256 else None


EMPTY_STATE = RunState(content_id="", code_fingerprint="", articles={})


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the code and data files that decide what is extracted."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            name = path.relative_to(root).as_posix()
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts and name not in _NOT_EXTRACTION:
                digest.update(name.encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def input_sha256(text_bytes: bytes, sidecar_bytes: bytes | None) -> str:
    """Hash of everything an article is read from: its text and its optional metadata sidecar."""
    digest = hashlib.sha256(text_bytes)
    digest.update(b"\0sidecar\0" + (sidecar_bytes if sidecar_bytes is not None else b"\0none"))
    return digest.hexdigest()


class StateFileError(ValueError):
    """A state file that cannot be trusted; the message says why."""


def load_state(output_dir: Path, current_content_id: str | None) -> RunState:
    """The saved state if it matches the current release and this code; otherwise an empty one.
    A state file that is damaged (not JSON, not the shape written, an article id twice) raises
    StateFileError: the caller says so and runs in full."""
    path = output_dir / STATE_FILE
    if current_content_id is None or not path.is_file():
        return EMPTY_STATE
    try:
        document = json.loads(path.read_bytes())
    except (ValueError, RecursionError) as error:
        raise StateFileError(f"not JSON ({type(error).__name__})") from None
    state = _state_from(document)
    if document.get("format") not in _READABLE_FORMATS or state.content_id != current_content_id \
            or state.code_fingerprint != code_fingerprint():
        return EMPTY_STATE
    return state


def _state_from(document: object) -> RunState:
    if not isinstance(document, dict):
        raise StateFileError("top level is not an object")
    content_id, fingerprint, articles = (document.get(key) for key in ("content_id", "code_fingerprint", "articles"))
    if not isinstance(content_id, str) or not isinstance(fingerprint, str):
        raise StateFileError("content_id or code_fingerprint is not a string")
    if not isinstance(articles, dict):
        raise StateFileError('"articles" is not an object')
    state = RunState(content_id, fingerprint, {source: _article_state(source, entry) for source, entry in articles.items()})
    if len({entry.article_id for entry in state.articles.values()}) != len(state.articles):
        raise StateFileError("two inputs have the same article id")
    return state


def _article_state(source: str, entry: object) -> ArticleState:
    if isinstance(entry, dict):
        input_hash, article_id, signature = entry.get("input_sha256"), entry.get("article_id"), entry.get("signature")
        if isinstance(input_hash, str) and isinstance(article_id, str) and isinstance(signature, (str, type(None))):
            return ArticleState(input_hash, article_id, signature)
    raise StateFileError(f"the entry of {source!r} is not input_sha256, article_id and signature")


def state_disagreements(state: RunState, published: pl.DataFrame) -> list[str]:
    """Inputs the state says were published under an article id that the release (its articles
    table: source_file, article_id) does not hold for them. Reusing such an entry would drop the
    input's rows or reject it as another's duplicate."""
    held = dict(zip(published["source_file"].to_list(), published["article_id"].to_list()))
    return [source for source, entry in state.articles.items() if held.get(source) != entry.article_id]


def build_state(content_id: str, tables: Mapping[str, pl.DataFrame], input_hashes: Mapping[str, str],
                signatures: Mapping[str, str | None] | None = None) -> RunState:
    """The state after a publish: each published article with the input it was read from and the
    signature that input had when it was read."""
    signatures = signatures or {}
    articles = tables["articles"]
    return RunState(
        content_id=content_id,
        code_fingerprint=code_fingerprint(),
        articles={
            source: ArticleState(input_sha256=input_hashes[source], article_id=article_id,
                                 signature=signatures.get(source))
            for source, article_id in zip(articles["source_file"].to_list(), articles["article_id"].to_list(), strict=True)
        },
    )


def save_state(output_dir: Path, state: RunState) -> None:
    """Written after the release switch, atomically: a crash leaves the old (then ignored) state."""
    staging = output_dir / f"{STAGING_PREFIX}{STATE_FILE}-{uuid.uuid4().hex}"
    staging.write_text(_state_json(state), encoding="utf-8")
    os.replace(staging, output_dir / STATE_FILE)


def _state_json(state: RunState) -> str:
    """The state as JSON, one article per line: readable and diffable, yet written by json's C
    encoder (any `indent` switches json to its pure-Python encoder, seconds for a large corpus)."""
    head = json.dumps({"format": STATE_FORMAT, "content_id": state.content_id, "code_fingerprint": state.code_fingerprint},
                      sort_keys=True)
    lines = ",\n".join(
        f"{json.dumps(source)}: "
        + json.dumps({"input_sha256": entry.input_sha256, "article_id": entry.article_id,
                      "signature": entry.signature}, sort_keys=True)
        for source, entry in sorted(state.articles.items())
    )
    return f'{head[:-1]}, "articles": {{\n{lines}\n}}}}\n'


def reused_rows(previous: Mapping[str, pl.DataFrame], article_ids: Iterable[str]) -> dict[str, pl.DataFrame]:
    """The previous release's rows of the given articles, table by table."""
    wanted = sorted(set(article_ids))
    return {table: frame.filter(pl.col("article_id").is_in(wanted))
            for table, frame in previous.items() if "article_id" in frame.columns}
