"""What an article's NAME.meta.json may hold, checked when the article is read.

A sidecar is published as the article's `url`, `outlet` and `published_date`, and the release gate
(schemas/tables.py ArticlesSchema) refuses a whole release whose articles table breaks a column's
rule. So a sidecar is held to those rules here, at ingest, where a bad one costs only its own
article (a `bad_metadata` rejection naming the problem) instead of stopping every other article.
Keys other than the three are ignored; `null` or an absent key means "not known".
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Final
from urllib.parse import urlsplit

# The articles table's rule for `url` (schemas/tables.py), plus a host and a length a browser accepts.
URL_PATTERN: Final = re.compile(r"https?://\S+", re.ASCII)
MAX_URL_CHARS: Final = 2048
MAX_OUTLET_CHARS: Final = 200
# Deep enough for any real sidecar, shallow enough that nothing recurses near Python's limit.
MAX_NESTING: Final = 32
ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# An ISO 8601 timestamp: the date, then "T" and a time (with an optional offset); the date is kept.
ISO_TIMESTAMP: Final = re.compile(
    r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?", re.ASCII)
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class SidecarError(ValueError):
    """A sidecar that cannot be published; the message names the key and the problem."""


def parse_sidecar_json(data: bytes) -> dict[str, object]:
    """url, outlet and published_date from a sidecar's bytes; SidecarError when any breaks its rule."""
    meta = _loaded(data)
    return {
        "url": _url(meta.get("url")),
        "outlet": _outlet(meta.get("outlet")),
        "published_date": _published_date(meta.get("published_date")),
    }


def _loaded(data: bytes) -> dict[str, object]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SidecarError(f"not UTF-8 ({error.reason} at byte {error.start})") from None
    depth = _nesting(text)
    if depth > MAX_NESTING:
        raise SidecarError(f"nested {depth} levels deep (at most {MAX_NESTING})")
    try:
        meta = json.loads(text)
    except ValueError as error:
        raise SidecarError(f"not JSON ({error})") from None
    if not isinstance(meta, dict):
        raise SidecarError(f"top level is {_kind(meta)}, not an object")
    return meta


def _nesting(text: str) -> int:
    """Deepest bracket nesting outside strings: measured before parsing, since json.loads recurses."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _url(value: object) -> str | None:
    text = _text("url", value)
    if text is None:
        return None
    if len(text) > MAX_URL_CHARS:
        raise SidecarError(f"url: {len(text)} characters (at most {MAX_URL_CHARS})")
    if not URL_PATTERN.fullmatch(text) or not urlsplit(text).hostname:
        raise SidecarError(f"url: {_shown(text)} is not an http:// or https:// address with a host")
    return text


def _outlet(value: object) -> str | None:
    text = _text("outlet", value)
    if text is not None and len(text) > MAX_OUTLET_CHARS:
        raise SidecarError(f"outlet: {len(text)} characters (at most {MAX_OUTLET_CHARS})")
    return text


def _published_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SidecarError(f"published_date: {_kind(value)}, not a date written YYYY-MM-DD")
    text = value.strip()
    timestamp = ISO_TIMESTAMP.fullmatch(text)
    day = timestamp.group(1) if timestamp else text
    if not ISO_DATE.fullmatch(day):
        raise SidecarError(f"published_date: {_shown(text)} is not a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        raise SidecarError(f"published_date: {_shown(text)} is not a day of the calendar") from None


def _text(key: str, value: object) -> str | None:
    """A one-line string, stripped; None for null or blank."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise SidecarError(f"{key}: {_kind(value)}, not a string")
    if _CONTROL.search(value.strip()):
        raise SidecarError(f"{key}: holds a line break or control character")
    return value.strip() or None


def _kind(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object",
             str: "a string"}
    return names.get(type(value), type(value).__name__)


def _shown(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")
