"""Read the raw folder into articles, or into rejections that say why an input was not used.

Every `.txt` input ends up in exactly one of the two lists, so nothing is silently lost.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from flows.clean import clean_article
from flows.ids import sha256_hex, stable_id
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
    text: str                 # cleaned text; offsets equal those of the decoded article
    body_start: int
    caption_spans: tuple[tuple[int, int], ...]

    def record(self) -> dict:
        """The row published in the `articles` table."""
        return {name: getattr(self, name) for name in (
            "article_id", "source_file", "title", "outlet", "url", "published_date",
            "reference_date", "n_words", "sha256")}


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


def read_articles(paths: list[Path], raw_dir: Path) -> tuple[list[Article], list[Rejection]]:
    articles: list[Article] = []
    rejections: list[Rejection] = []
    for path in paths:
        source = path.relative_to(raw_dir).as_posix()
        try:
            articles.append(read_article(path, source))
        except InputError as error:
            rejections.append(Rejection(source, error.reason, error.detail))
    unique, duplicates = split_duplicates(articles)
    return unique, rejections + duplicates


def split_duplicates(articles: list[Article]) -> tuple[list[Article], list[Rejection]]:
    """The first article with a given text is published; later copies are rejected, naming it."""
    seen: dict[str, str] = {}
    unique: list[Article] = []
    duplicates: list[Rejection] = []
    for article in articles:
        if article.article_id in seen:
            duplicates.append(Rejection(article.source_file, "duplicate", f"same text as {seen[article.article_id]}"))
        else:
            seen[article.article_id] = article.source_file
            unique.append(article)
    return unique, duplicates


def read_article(path: Path, source_file: str) -> Article:
    data = path.read_bytes()
    text = decode_article(data)
    meta = read_sidecar(path)
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


def read_sidecar(path: Path) -> dict:
    """Optional NAME.meta.json beside NAME.txt: url, outlet, published_date (ISO 8601)."""
    sidecar = path.with_name(path.name[: -len(ARTICLE_SUFFIX)] + META_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise ValueError("top level is not an object")
        published = meta.get("published_date")
        return {
            "url": _optional_str(meta.get("url")),
            "outlet": _optional_str(meta.get("outlet")),
            "published_date": dt.date.fromisoformat(str(published)[:10]) if published else None,
        }
    except (ValueError, UnicodeDecodeError) as error:
        raise InputError("bad_metadata", f"{sidecar.name}: {error}") from error


def _optional_str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _normalised_for_identity(text: str) -> str:
    """Whitespace-insensitive text, so re-saving a file does not change its article id."""
    return " ".join(text.split())
