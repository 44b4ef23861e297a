"""Read the raw folder into articles, or into rejections that say why an input was not used.

Every `.txt` input ends up in exactly one of the two lists, so nothing is silently lost.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from flows.clean import clean_article
from flows.ids import sha256_hex, stable_id
from flows.incremental import input_sha256
from flows.normalise.dates import infer_reference_date

ARTICLE_SUFFIX = ".txt"
META_SUFFIX = ".meta.json"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Article:
    article_id: str
    source_file: str          # path relative to the raw folder, "/"-separated
    title: str
    outlet: str | None
    url: str | None
    published_date: dt.date | None
    reference_date: dt.date | None
    n_words: int
    sha256: str               # of the file's bytes
    input_sha256: str         # of the file and its metadata sidecar: decides whether to extract again
    text: str                 # cleaned text; offsets equal those of the decoded article
    body_start: int
    caption_spans: tuple[tuple[int, int], ...]

    def record(self) -> dict:
        """The row published in the `articles` table."""
        return {name: getattr(self, name) for name in (
            "article_id", "source_file", "title", "outlet", "url", "published_date",
            "reference_date", "n_words", "sha256")}


@dataclass(frozen=True)
class KnownArticle:
    """An input unchanged since the current release: its rows are reused, not extracted again."""
    article_id: str
    source_file: str
    input_sha256: str


class _Identified(Protocol):
    article_id: str
    source_file: str


# Given (source_file, input_sha256), the article id of an unchanged input, or None to read it.
KnownLookup = Callable[[str, str], str | None]


@dataclass
class IngestedBatch:
    articles: list[Article] = field(default_factory=list)       # new or changed: to extract
    known: list[KnownArticle] = field(default_factory=list)     # unchanged: rows reused
    rejections: list[Rejection] = field(default_factory=list)


@dataclass(frozen=True)
class Rejection:
    source_file: str
    reason: str               # short machine-readable reason: empty, not_text, undecodable, ...
    detail: str               # what was found, for a person

    def record(self) -> dict:
        """The row published in the `rejections` table."""
        return {"rejection_id": stable_id("rej", self.source_file), "source_file": self.source_file,
                "reason": self.reason, "detail": self.detail}


class InputError(ValueError):
    """An input that cannot be published; carries the reason code for the rejections list."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


def list_inputs(raw_dir: Path) -> list[Path]:
    """Article files in a stable order, so ids and outputs do not depend on directory order."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist or is not a folder")
    return sorted(p for p in raw_dir.rglob(f"*{ARTICLE_SUFFIX}") if not p.name.startswith("."))


def read_articles(paths: list[Path], raw_dir: Path, known: KnownLookup | None = None) -> IngestedBatch:
    """Read a batch in path order; inputs that `known` recognises are not decoded again."""
    readable: list[Article | KnownArticle] = []
    batch = IngestedBatch()
    for path in paths:
        source = path.relative_to(raw_dir).as_posix()
        try:
            readable.append(read_input(path, source, known))
        except InputError as error:
            batch.rejections.append(Rejection(source, error.reason, error.detail))
    unique, duplicates = split_duplicates(readable)
    batch.rejections += duplicates
    batch.articles = [item for item in unique if isinstance(item, Article)]
    batch.known = [item for item in unique if isinstance(item, KnownArticle)]
    return batch


def read_input(path: Path, source_file: str, known: KnownLookup | None = None) -> Article | KnownArticle:
    data = path.read_bytes()
    sidecar = _sidecar_path(path)
    sidecar_bytes = sidecar.read_bytes() if sidecar.exists() else None
    fingerprint = input_sha256(data, sidecar_bytes)
    article_id = known(source_file, fingerprint) if known else None
    if article_id is not None:
        return KnownArticle(article_id, source_file, fingerprint)
    return read_article(data, source_file, parse_sidecar(sidecar.name, sidecar_bytes), fingerprint)


def split_duplicates(articles: Sequence[_Identified]) -> tuple[list, list[Rejection]]:
    """The first article with a given text is published; later copies are rejected, naming it."""
    seen: dict[str, str] = {}
    unique: list = []
    duplicates: list[Rejection] = []
    for article in articles:
        if article.article_id in seen:
            duplicates.append(Rejection(article.source_file, "duplicate", f"same text as {seen[article.article_id]}"))
        else:
            seen[article.article_id] = article.source_file
            unique.append(article)
    return unique, duplicates


def read_article(data: bytes, source_file: str, meta: dict, fingerprint: str) -> Article:
    text = decode_article(data)
    cleaned = clean_article(text)
    published = meta.get("published_date")
    return Article(
        article_id=stable_id("art", _normalised_for_identity(cleaned.text)),
        source_file=source_file,
        title=cleaned.title,
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        published_date=published,
        reference_date=published or infer_reference_date(cleaned.text),
        n_words=len(_WORD.findall(cleaned.text)),
        sha256=sha256_hex(data),
        input_sha256=fingerprint,
        text=cleaned.text,
        body_start=cleaned.body_start,
        caption_spans=cleaned.caption_spans,
    )


def decode_article(data: bytes) -> str:
    """UTF-8 text (a BOM is allowed) with line endings normalised to "\\n"."""
    if not data.strip():
        raise InputError("empty", "the file is empty or holds only whitespace")
    if b"\x00" in data:
        raise InputError("not_text", "the file contains NUL bytes (binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("undecodable", f"not valid UTF-8 at byte {error.start}") from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty", "the file holds only whitespace")
    return text


def _sidecar_path(path: Path) -> Path:
    return path.with_name(path.name[: -len(ARTICLE_SUFFIX)] + META_SUFFIX)


def parse_sidecar(name: str, data: bytes | None) -> dict:
    """Optional NAME.meta.json beside NAME.txt: url, outlet, published_date (ISO 8601)."""
    if data is None:
        return {}
    try:
        meta = json.loads(data.decode("utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("top level is not an object")
        published = meta.get("published_date")
        return {
            "url": _optional_str(meta.get("url")),
            "outlet": _optional_str(meta.get("outlet")),
            "published_date": dt.date.fromisoformat(str(published)[:10]) if published else None,
        }
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError("bad_metadata", f"{name}: {error}") from error


def _optional_str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _normalised_for_identity(text: str) -> str:
    """Whitespace-insensitive text, so re-saving a file does not change its article id."""
    return " ".join(text.split())
