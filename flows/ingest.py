"""Read the raw folder into articles, or into rejections that say why an input was not used.

Every entry named `*.txt` under the raw folder ends up in exactly one of the two lists, so
nothing is silently lost. The rules, in the order they are applied:

- Hidden inputs (a path segment starting with ".": editor backups, `.ipynb_checkpoints/`,
  macOS `._` files) are `hidden_file`; names that are not valid UTF-8 are `bad_file_name`.
- Only regular files whose real location is inside the raw folder are read. A symbolic link
  is followed only when its target resolves inside the raw folder (so it is then usually a
  `duplicate` of that file); otherwise it is `outside_raw_folder`, and its target is never
  opened. Directory links are not followed when the folder is listed, and the file is opened
  one path segment at a time from the raw folder with O_NOFOLLOW, so a link swapped in during
  the run cannot lead outside either. Directories, FIFOs, devices and sockets named *.txt are
  `not_regular_file` (a FIFO is never opened, so it cannot block the run). The same holds for
  the NAME.meta.json sidecar, rejected as `bad_metadata`. (A hard link is a regular file of the
  raw folder: Linux's protected_hardlinks, on by default, stops links to others' files.)
- A file above `max_article_bytes` (default 5 MiB) is `too_large`: its size is taken with
  stat before it is opened, so a huge file never enters memory and is not hashed.
- The bytes are decoded by flows.decode (UTF-8, UTF-16/32 with BOM, Windows-1252 when it is
  certain, HTML reduced to text): `empty`, `not_text`, `undecodable`, `html_without_text`.
- Files that cannot be read (permission denied, gone during the run) are `unreadable`.
"""
from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path, PurePosixPath
from typing import Final, Protocol

from mypy_extensions import mypyc_attr

from flows.clean import clean_article
from flows.decode import InputError, decode_text
from flows.ids import sha256_hex, stable_id
from flows.incremental import input_sha256
from flows.normalise.dates import DateScan, find_dates, infer_reference_date, scan_dates
from flows.sidecar import SidecarError, parse_sidecar_json

ARTICLE_SUFFIX: Final = ".txt"
META_SUFFIX: Final = ".meta.json"
DEFAULT_MAX_ARTICLE_BYTES: Final = 5 * 1024 * 1024   # news articles are tens of KiB; 5 MiB leaves room for HTML
MAX_SIDECAR_BYTES: Final = 1024 * 1024
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_WORD_CHAR: Final = re.compile(r"\w")
_ASCII: Final = bytes(range(128))
# UTF-8 bytes -> a word byte ("a") or a space: ASCII as \w reads it (letters, digits, "_"); every
# byte of a non-ASCII character is a word byte (count_words first blanks the non-word ones).
_WORD_BYTES: Final = bytes(0x61 if chr(b).isalnum() or chr(b) == "_" else 0x20 for b in range(128)) + b"a" * 128
# UTF-8 bytes -> the same, but the ASCII characters str.split splits at (\x1c-\x1f too) -> a space.
_SPACE_BYTES: Final = bytes(0x20 if b < 0x80 and chr(b).isspace() else b for b in range(256))
_SPACE_RUN: Final = re.compile(rb"  +")


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
    text: str                 # cleaned text; offsets equal those of the decoded article (for HTML: its extracted text)
    body_start: int
    caption_spans: tuple[tuple[int, int], ...]
    # where the text states dates: scanned once here for the reference date, reused by extraction
    date_scan: DateScan | None = field(default=None, compare=False, repr=False)
    # the date on a line of its own under the headline ("April 28, 2025"), when there is one
    dateline_date: dt.date | None = None

    @property
    def reference_is_stated(self) -> bool:
        """Whether the reference date is the article's own (a sidecar's published date or a
        dateline), so "today" and "yesterday" can be read from it; a date inferred from the
        latest date in the text cannot anchor them."""
        return self.published_date is not None or self.dateline_date is not None

    def record(self) -> dict:
        """The row published in the `articles` table."""
        return {name: getattr(self, name) for name in (
            "article_id", "source_file", "title", "outlet", "url", "published_date",
            "reference_date", "n_words", "sha256")}


@mypyc_attr(native_class=False)   # pickled between processes: a compiled frozen class cannot be unpickled
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


@mypyc_attr(native_class=False)   # pickled between processes: a compiled frozen class cannot be unpickled
@dataclass(frozen=True)
class Rejection:
    source_file: str
    reason: str               # short machine-readable reason: empty, not_text, undecodable, ...
    detail: str               # what was found, for a person

    def record(self) -> dict:
        """The row published in the `rejections` table."""
        return {"rejection_id": stable_id("rej", self.source_file), "source_file": self.source_file,
                "reason": self.reason, "detail": self.detail}


def list_sources(raw_dir: Path, unlistable: list[Rejection] | None = None) -> list[str]:
    """The source name (flows.ingest.source_name) of every entry named *.txt under the raw folder,
    in path order (segment by segment, as Paths compare) so that ids and outputs do not depend on
    directory order. Hidden ones and non-files are listed too: they are rejected with a reason, not
    skipped. Links to directories are not followed (their files are not inputs). Names, not Paths:
    making and sorting 20,000 Paths costs ~0.15 s, and a refresh opens only the new inputs.
    A folder that cannot be listed is added to `unlistable` as a rejection naming it (os.walk
    would skip it without a word, and its articles would vanish from the release)."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw_dir} does not exist or is not a folder")
    root = str(raw_dir)
    found: list[str] = []
    errors: list[OSError] = []
    for folder, folders, files in os.walk(root, onerror=errors.append, followlinks=False):
        relative = folder[len(root) + 1:].replace(os.sep, "/")
        prefix = f"{relative}/" if relative else ""
        found += [prefix + name for name in (*folders, *files) if name.endswith(ARTICLE_SUFFIX)]
    if unlistable is not None:
        unlistable += [_unlistable_folder(error, root) for error in errors]
    return sorted(found, key=_segments)


def _unlistable_folder(error: OSError, root: str) -> Rejection:
    folder = str(error.filename or root)
    relative = folder[len(root) + 1:].replace(os.sep, "/") if folder.startswith(root + os.sep) else "."
    shown = os.fsencode(relative).decode("utf-8", "backslashreplace")
    return Rejection(shown or ".", "unlistable_folder", f"the folder cannot be listed: {error.strerror or error}")


def _segments(source: str) -> list[str]:
    return source.split("/")


def list_inputs(raw_dir: Path) -> list[Path]:
    """list_sources as paths."""
    return [raw_dir / source for source in list_sources(raw_dir)]


def read_articles(paths: list[Path], raw_dir: Path, known: KnownLookup | None = None,
                  max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> IngestedBatch:
    """Read a batch in path order; inputs that `known` recognises are not decoded again."""
    readable: list[Article | KnownArticle] = []
    batch = IngestedBatch()
    for path in paths:
        source = source_name(path, raw_dir)
        try:
            source.encode("utf-8")
        except UnicodeEncodeError:
            shown = os.fsencode(source).decode("utf-8", "backslashreplace")
            batch.rejections.append(Rejection(shown, "bad_file_name",
                                              "the file name is not valid UTF-8 (shown with \\x escapes): rename it"))
            continue
        try:
            readable.append(read_input(path, source, known, raw_dir=raw_dir, max_article_bytes=max_article_bytes))
        except InputError as error:
            batch.rejections.append(Rejection(source, error.reason, error.detail))
    unique, duplicates = split_duplicates(readable)  # type: ignore
    batch.rejections += duplicates
    batch.articles = [item for item in unique if isinstance(item, Article)]
    batch.known = [item for item in unique if isinstance(item, KnownArticle)]
    return batch


def read_input(path: Path, source_file: str, known: KnownLookup | None = None, *, raw_dir: Path | None = None,
               max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> Article | KnownArticle:
    """One input: `source_file` is its path relative to `raw_dir` (by default, the folder that
    path and source_file imply). Raises InputError with the reason it cannot be published."""
    raw_dir = raw_dir if raw_dir is not None else _implied_raw_dir(path, source_file)
    if any(part.startswith(".") for part in PurePosixPath(source_file).parts):
        raise InputError("hidden_file", "hidden files and folders (name starting with '.') are not read")
    data = read_confined(path, raw_dir, max_article_bytes)
    sidecar = sidecar_path(path)
    try:
        sidecar_bytes = (read_confined(sidecar, raw_dir, MAX_SIDECAR_BYTES, "the limit for sidecars")
                         if os.path.lexists(sidecar) else None)
    except InputError as error:
        raise InputError("bad_metadata", f"{sidecar.name}: {error.detail}") from error
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
    date_scan = scan_dates(cleaned.text)
    dateline = dateline_date(cleaned.text, cleaned.body_start,
                             year_of=lambda: _page_year(published, text, cleaned.text, date_scan), page=text)
    if dateline is None:
        dateline = title_date(cleaned.title)
    return Article(
        article_id=stable_id("art", _normalised_for_identity(cleaned.text)),
        source_file=source_file,
        title=cleaned.title,
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        published_date=published,
        reference_date=published or dateline or infer_reference_date(cleaned.text, date_scan),
        n_words=count_words(cleaned.text),
        sha256=sha256_hex(data),
        input_sha256=fingerprint,
        text=cleaned.text,
        body_start=cleaned.body_start,
        caption_spans=cleaned.caption_spans,
        date_scan=date_scan,
        dateline_date=dateline,
    )


_DATELINE_LINES: Final = 3        # the dateline is among the first lines of the body
_PUBLISHED_LINES: Final = 6      # a "Published 3 May 2027" line may stand under a standfirst and a byline
_DATELINE_LENGTH: Final = 80      # a line longer than this is a paragraph, not a dateline
# "WASHINGTON,", "Press Release |", "Media release –", "All News 15:42": capitalised words, a kind of
# release, the time of the page
_DATELINE_REST: Final = re.compile(r"^[\s,.:|•·–—-]*(?:(?:[A-Z][\w.’'-]*|release|statement|\d{1,2}:\d\d|(?:GMT|UTC)[+-]\d{1,2}(?::?\d\d)?)[\s,.:|•·–—-]*){0,4}$")
# a byline with the page's dates: "Jane Roe and Ali Demir | 03.02.2027 - Update : 03.02.2027",
# "By A. Writer, Published 4 May 2027, updated 4 May 2027 10:15"
_BYLINE_REST: Final = re.compile(
    r"^[\s,.:|•·–—-]*(?:(?:[A-Z][\w.’'-]*|and|by|published|posted|updated?|last|on|at|\d{1,2}:\d\d)"
    r"[\s,.:|•·–—-]*){0,10}$")
# "PUBLISHED : 5 Feb 2027 at 18:40", "Posted on 3 May 2027": a line that says it gives the page's date
_PUBLISHED_WORD: Final = re.compile(r"\s*(?:by\b[^|]*)?(?:published|posted|updated|last updated)\b", re.IGNORECASE)
_BODY_LINE: Final = re.compile(r"[^\n]*\S[^\n]*")


def dateline_date(text: str, body_start: int,
                  year_of: Callable[[], tuple[dt.date, bool] | None] | None = None,
                  page: str | None = None) -> dt.date | None:
    """The day on a line of its own at the head of the body: "April 28, 2025", "WASHINGTON,
    April 28, 2025", "Monday, April 28, 2025 | Press Release", or opening the first paragraph:
    "Asunción, April 11, 2025. The Minister ...", "BEIJING, May 29 (Xinhua) --". It dates the
    article as a published date does when the source gives none; a wire dateline without a year
    ("RIYADH, Jan 12 (SPA) --") takes it from `year_of`, the page's own date (never a background
    year of the body). Without one, the sign-off at the foot of the `page` (before cleaning, which
    blanks it) dates it."""
    for number, line in enumerate(islice(_BODY_LINE.finditer(text, body_start), _PUBLISHED_LINES)):
        content = line.group().strip()
        if number >= _DATELINE_LINES:   # "From: the Department ...\nPublished 21 May 2027" under a standfirst
            day = _line_day(content) if len(content) <= _DATELINE_LENGTH and _PUBLISHED_WORD.match(content) else None
            if day is not None:
                return day
            continue
        opening = _OPENING_DATELINE.match(content)
        if opening is not None:
            day = _opening_day(opening.group("date"), year_of)
            if day is not None:
                return day
        if len(content) > _DATELINE_LENGTH:
            continue
        day = _line_day(content)
        if day is not None:
            return day
    return _sign_off_day(text if page is None else page, body_start)


# a headline that is only a date, perhaps with its weekday ("Wednesday, 12 March 2025"): the page's day
_DATE_ONLY_REST: Final = re.compile(
    r"^[\s,.:|–—-]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day[\s,.:|–—-]*)?$", re.IGNORECASE)


def title_date(title: str) -> dt.date | None:
    """The day a headline states when the headline is only that date (a wire page whose first
    line is its date, read as its title): it dates the article as a dateline does."""
    if len(title) > _DATELINE_LENGTH:
        return None
    dates = [d for d in find_dates(title, None) if d.precision == "day" and d.explicit_year]
    if len(dates) != 1 or dates[0].start_date != dates[0].end_date:
        return None
    if not _DATE_ONLY_REST.match(title[:dates[0].start] + " " + title[dates[0].end:]):
        return None
    return dates[0].start_date


_SIGN_OFF_LINES: Final = 3        # a release signs off with its place and date in its last lines
_SIGN_OFF_TAIL: Final = 300       # characters enough to hold those lines


def _sign_off_day(text: str, body_start: int) -> dt.date | None:
    """The day a release signs off with on a short line of its own among its last lines, under
    the name and title of who issued it: "October 8, 2027", "Lima, 3 May 2027"."""
    tail = text[max(body_start, len(text) - _SIGN_OFF_TAIL):]
    lines = [line.strip() for line in tail.splitlines() if line.strip()]
    for content in reversed(lines[-_SIGN_OFF_LINES:]):
        if len(content) > _PAGE_LINE_LENGTH:
            continue
        day = _line_day(content)
        if day is not None:
            return day
    return None


def _line_day(content: str) -> dt.date | None:
    """The day a short head line states alone ("Monday, April 28, 2025 | Press Release"), or
    the one day a byline states once or more (published and updated on the same day)."""
    if content.isupper():
        content = _in_title_case(content)   # "NAIROBI, 9TH OCTOBER, 2025": a sign-off in capitals
    dates = [d for d in find_dates(content, None) if d.precision == "day" and d.explicit_year]
    if not dates or any(d.start_date != d.end_date or d.start_date != dates[0].start_date for d in dates):
        return None
    rest, last = "", 0
    for found in dates:
        rest, last = rest + content[last:found.start] + " ", found.end
    rest += content[last:]
    if len(dates) == 1 and _DATELINE_REST.match(rest):
        return dates[0].start_date
    if ("|" in rest or _PUBLISHED_WORD.match(rest)) and _BYLINE_REST.match(rest):
        return dates[0].start_date
    return None


_CAPITAL_WORD: Final = re.compile(r"[A-Z]{2,}")
_CAPITAL_ORDINAL: Final = re.compile(r"(?<=\d)(?:ST|ND|RD|TH)\b")


def _in_title_case(content: str) -> str:
    """A line written in capitals read as dates are written in running text ("9th October, 2025"),
    letter for letter, so offsets stay those of the line."""
    content = _CAPITAL_ORDINAL.sub(lambda m: m.group().lower(), content)
    return _CAPITAL_WORD.sub(lambda m: m.group().capitalize(), content)


# "BEIJING, May 29 (Xinhua) --", "NEW DELHI, March 5 (Reuters) -", "Asunción, April 11, 2025. The",
# "SEOUL, Nov. 18 (Yonhap) --" (a month cut short with a full stop)
_OPENING_DATELINE: Final = re.compile(
    r"(?P<place>[A-ZÀ-Þ][\w.’'À-ÿ-]*(?: [\w.’'À-ÿ-]+){0,3}),\s+"
    r"(?P<date>(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.\s+\d[^.(\n]{0,25}?|[^.(\n]{3,30}?)\s*"
    r"(?:\([^()\n]{1,30}\)\s*)?(?:--|[-–—:]|\.(?= ))\s")
_DATELINE_SLACK: Final = dt.timedelta(days=31)   # a dateline a little after the page's date is its year


def _opening_day(written: str, year_of: Callable[[], tuple[dt.date, bool] | None] | None) -> dt.date | None:
    """The day of a paragraph-opening dateline when the whole date part is one day. The page's own
    date is on or a little after the dateline's day; the latest date the body states is before it."""
    dates = find_dates(written, None)
    if len(dates) != 1 or dates[0].start != 0 or dates[0].end != len(written.rstrip(", ")):
        return None
    found = dates[0]
    if found.explicit_year:
        return found.start_date if found.precision == "day" else None
    found_anchor = year_of() if year_of is not None else None
    if found_anchor is None:
        return None
    anchor, on_page = found_anchor
    guess = dates_in_year(written, anchor.year)
    if guess is not None and on_page and guess > anchor + _DATELINE_SLACK:
        guess = dates_in_year(written, anchor.year - 1)
    elif guess is not None and not on_page and guess < anchor - _DATELINE_SLACK:
        guess = dates_in_year(written, anchor.year + 1)
    return guess


def _page_year(published: dt.date | None, page: str, body: str,
               scan: DateScan | None) -> tuple[dt.date, bool] | None:
    """The date a wire dateline without a year takes its year from: the source's published date
    when it gives one, else the page's (year_anchor)."""
    return (published, True) if published is not None else year_anchor(page, body, scan)


def dates_in_year(written: str, year: int) -> dt.date | None:
    """A day without a year ("May 29") read in the given year."""
    dates = find_dates(f"{written}, {year}", None)
    return dates[0].start_date if len(dates) == 1 and dates[0].precision == "day" else None


_PAGE_LINES: Final = 6        # a page's own date stands on a line of its own near its head or foot
_PAGE_LINE_LENGTH: Final = 60
# "October 29, 20243:47 PM GMT+1": a page's year glued to the clock time after it
_GLUED_CLOCK: Final = re.compile(r"(,\s*\d{4})(?=\d{1,2}:\d\d)")


def year_anchor(page: str, body: str, scan: DateScan | None = None) -> tuple[dt.date, bool] | None:
    """The page's own date for a dateline without a year: a date on a short line of its own at
    the head or the foot of the page ("2025-05-29 21:15:06", "Sunday 1446/7/12 - 2025/01/12"),
    else the latest full date the text states."""
    lines = [line for line in page.splitlines() if line.strip()]
    for line in lines[:_PAGE_LINES] + lines[-_PAGE_LINES:]:
        if len(line.strip()) > _PAGE_LINE_LENGTH:
            continue
        line = _GLUED_CLOCK.sub(r"\1 ", line)
        days = [d.start_date for d in find_dates(line, None)
                if d.precision == "day" and d.explicit_year and d.start_date is not None]
        if len(days) == 1:
            return days[0], True
    latest = infer_reference_date(body, scan)
    past_year = _latest_past_year(body, scan)
    if past_year is not None and (latest is None or latest.year < past_year):
        latest = dt.date(past_year, 1, 1)
    return (latest, False) if latest is not None else None


# a sentence that tells of a plan, not of a past period: "will host the summit in 2028"
_FUTURE_CUE: Final = re.compile(
    r"\b(?:will|would|shall|next|plans?|planned|planning|expected|scheduled|to be held|upcoming|aims?|"
    r"target\w*|intends?|forecasts?|projected|expir\w*|until|through|valid)\b", re.IGNORECASE)
_SENTENCE_END: Final = re.compile(r"[.!?]\s|\n")


def _latest_past_year(body: str, scan: DateScan | None) -> int | None:
    """The latest year the body states for a period already lived ("in the first ten months of
    2027", "trade reached $4 billion in 2026"): a wire dated "Dec. 2" is in that year or later,
    whatever older full days ("since it opened on May 3, 2021") it recalls. A year in a sentence
    that tells of plans ("will host the summit in 2029") says nothing of the page's date."""
    years = []
    for found in find_dates(body, None, anchor_relative=False, scan=scan):
        if (found.precision not in ("year", "month") or not found.explicit_year or found.is_target
                or found.start_date is None or found.end_date is None
                or found.start_date.year != found.end_date.year):
            continue
        if not _FUTURE_CUE.search(_sentence_around(body, found.start, found.end)):
            years.append(found.start_date.year)
    return max(years, default=None)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]."""
    before = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    after = _SENTENCE_END.search(text, end)
    return text[before:after.start() if after is not None else len(text)]


def count_words(text: str) -> int:
    """len(re.findall(r"\\w+", text)), the article's n_words, without building ~1,000 strings:
    the non-ASCII characters that are not word characters (’ “ — ...) are blanked, then the UTF-8
    bytes are mapped to word bytes ("a") and spaces, and the words counted where a word byte
    follows a space, at C speed. (Blanked in the text: replacing one character by another is a
    fast path of str.replace, three times faster than replacing its bytes.)"""
    data = text.encode("utf-8", "surrogatepass")
    blanked = _blanked(text, data, lambda char: not _WORD_CHAR.match(char))
    if blanked is not text:
        data = blanked.encode("utf-8", "surrogatepass")
    mapped = data.translate(_WORD_BYTES)
    return mapped.count(b" a") + mapped.startswith(b"a")


def _blanked(text: str, data: bytes, blank: Callable[[str], bool]) -> str:
    """`text` with each non-ASCII character that `blank` picks made a space; `text` itself if it
    has none. `data` is its UTF-8: the characters are found in its non-ASCII bytes, at C speed."""
    if text.isascii():
        return text
    for char in set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
        if blank(char):
            text = text.replace(char, " ")
    return text


def decode_article(data: bytes) -> str:
    """The article text of a file's bytes, line endings normalised to "\\n" (see flows.decode)."""
    return decode_text(data).text


def read_confined(path: Path, raw_dir: Path, limit: int, limit_name: str = "see --max-article-bytes") -> bytes:
    """The bytes of `path` if it is a regular file inside `raw_dir` of at most `limit` bytes.

    Raises InputError: outside_raw_folder, not_regular_file, too_large or unreadable.
    """
    plain = _open_without_links(path, raw_dir, limit)
    descriptor, info = plain if plain is not None else _open_resolved(path, raw_dir, limit, limit_name)
    with os.fdopen(descriptor, "rb") as handle:
        opened = os.fstat(handle.fileno())
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(opened.st_mode):
            raise InputError("unreadable", "the file was replaced while it was being read")
        _check_size(opened.st_size, limit, limit_name)
        # as much as fstat says, and one byte more to see whether it grew since: asking for the
        # limit at once would allocate a buffer of the limit (5 MiB) for every file
        data = handle.read(opened.st_size + 1)
        if len(data) > opened.st_size:   # it grew: read on to one byte past the limit
            data += handle.read(limit - opened.st_size)
    _check_size(len(data), limit, limit_name)   # it grew after stat
    return data


def _open_without_links(path: Path, raw_dir: Path, limit: int) -> tuple[int, os.stat_result] | None:
    """The common case, cheaply: `path` spelt as `raw_dir`/a/b.txt names a regular file within the
    limit, and no folder on the way nor the file is a symbolic link. Opened one segment at a time
    from the raw folder with O_NOFOLLOW, it is then inside the raw folder by construction, without
    resolving either path (realpath stats every folder of both, and then some). None otherwise,
    whatever the reason (a link, a special file, an error): _open_resolved then decides, and says
    why it rejects the file."""
    prefix, spelt = os.fspath(raw_dir) + os.sep, os.fspath(path)
    parts = spelt[len(prefix):].split(os.sep) if spelt.startswith(prefix) else [""]
    if any(part in ("", ".", "..") for part in parts):
        return None
    try:
        folder = os.open(raw_dir, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    except OSError:
        return None
    try:
        for part in parts[:-1]:
            folder = _enter_folder(folder, part)
        info = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:   # checked before opening, as below
            return None
        return _open_file(folder, parts[-1]), info
    except OSError:
        return None
    finally:
        os.close(folder)


def _open_resolved(path: Path, raw_dir: Path, limit: int, limit_name: str) -> tuple[int, os.stat_result]:
    """Any path: resolved, checked to lie inside the raw folder, then opened one segment at a time
    from it. Raises InputError as read_confined says."""
    root = os.path.realpath(raw_dir)
    try:
        is_link = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError as error:
        raise InputError("unreadable", _os_error(error)) from error
    real = os.path.realpath(path)
    if os.path.commonpath([root, real]) != root:
        raise InputError("outside_raw_folder", "a symbolic link to a file outside the raw folder: its target is not read"
                         if is_link else "the file's real location is outside the raw folder: it is not read")
    if real == root:
        raise InputError("not_regular_file", "a symbolic link to the raw folder itself")
    parts = os.path.relpath(real, root).split(os.sep)
    try:
        folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    except OSError as error:
        raise InputError("unreadable", _os_error(error)) from error
    try:
        for part in parts[:-1]:
            folder = _enter_folder(folder, part)
        info = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):   # checked before opening: opening a FIFO would block
            target = " (the target of a symbolic link)" if is_link else ""
            raise InputError("not_regular_file", f"{_file_kind(info.st_mode)}{target}, not a regular file")
        _check_size(info.st_size, limit, limit_name)
        return _open_file(folder, parts[-1]), info
    except FileNotFoundError as error:
        raise InputError("not_regular_file" if is_link else "unreadable",
                         "a broken symbolic link (its target does not exist)" if is_link else _os_error(error)) from error
    except InputError:
        raise
    except OSError as error:
        raise InputError("unreadable", _os_error(error)) from error
    finally:
        os.close(folder)


def _enter_folder(folder: int, name: str) -> int:
    """The folder `name` inside `folder`, opened without following a link (one swapped in while a
    path is walked one segment at a time fails rather than being followed); `folder` is closed
    once it is open, left to the caller if it fails."""
    inner = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | _CLOEXEC, dir_fd=folder)
    os.close(folder)
    return inner


def _open_file(folder: int, name: str) -> int:
    """The file `name` inside `folder`, for reading, without following a link or waiting on a FIFO."""
    return os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | _CLOEXEC, dir_fd=folder)


def _check_size(size: int, limit: int, limit_name: str) -> None:
    if size > limit:
        raise InputError("too_large", f"{size:,} bytes ({_mib(size)}), above the limit of {limit:,} bytes "
                                      f"({_mib(limit)}; {limit_name})")


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def _file_kind(mode: int) -> str:
    kinds = [(stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link that cannot be resolved (a loop)")]
    return next((name for test, name in kinds if test(mode)), "a special file")


def _os_error(error: OSError) -> str:
    if error.errno in (errno.ELOOP, errno.ENOTDIR):
        return "a folder on its path was replaced by a link while the run was reading it"
    if isinstance(error, FileNotFoundError):
        return "the file disappeared before it could be read"
    return f"cannot be read: {error.strerror or error}"


def _implied_raw_dir(path: Path, source_file: str) -> Path:
    depth = len(PurePosixPath(source_file).parts)
    if depth and path.as_posix().endswith("/" + source_file) and len(path.parents) >= depth:
        return path.parents[depth - 1]
    return path.parent


def source_name(path: Path, raw_dir: Path) -> str:
    """The input's path under the raw folder, "/"-separated: how rows, rejections and the state
    name it. (String slicing: Path.relative_to costs ~5 µs an input, a tenth of a second per 20k.)"""
    prefix = f"{raw_dir}{os.sep}"
    text = str(path)
    return (text[len(prefix):] if text.startswith(prefix) else path.relative_to(raw_dir).as_posix()).replace(os.sep, "/")


def sidecar_path(path: Path) -> Path:
    """NAME.meta.json beside NAME.txt."""
    return path.with_name(sidecar_name(path.name))


def sidecar_name(name: str) -> str:
    """NAME.meta.json for NAME.txt (a file name, or a path as text)."""
    return name[: -len(ARTICLE_SUFFIX)] + META_SUFFIX


def parse_sidecar(name: str, data: bytes | None) -> dict:
    """Optional NAME.meta.json beside NAME.txt: url, outlet, published_date (flows/sidecar.py rules)."""
    if data is None:
        return {}
    try:
        return parse_sidecar_json(data)
    except SidecarError as error:
        raise InputError("bad_metadata", f"{name}: {error}") from error


def _normalised_for_identity(text: str) -> str:
    """Whitespace-insensitive text, so re-saving a file does not change its article id: what
    " ".join(text.split()) gives, without building a string per word. Every character str.split
    splits at is made a space (a non-ASCII one in the text, the others in its UTF-8 bytes), then
    each run of spaces made one (a pattern that opens with two spaces, which re finds fast) and
    the ends stripped."""
    data = text.encode("utf-8")
    blanked = _blanked(text, data, str.isspace)   # no-break space, line separator...
    if blanked is not text:
        data = blanked.encode("utf-8")
    return _SPACE_RUN.sub(b" ", data.translate(_SPACE_BYTES)).strip(b" ").decode("utf-8")
