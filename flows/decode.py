"""Bytes of an input file -> article text, or an `InputError` that says why there is none.

The rule is to read what can be read with confidence and to reject the rest: a wrong guess
would publish mojibake ("SÃ£o Paulo", "poniedzia³ek") as if it were the article.

1. Binary data is `not_text`: a known binary signature (PNG, ZIP, PDF, ... in decode.yaml), or,
   for a file without a Unicode byte-order mark, any NUL byte or more than 1 % control bytes.
   (UTF-16/32 text is full of NUL bytes, so byte-order marks are looked at first.)
2. Unicode with a byte-order mark is decoded strictly: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE.
   UTF-16 without a byte-order mark is rejected with a hint: its byte order is a guess.
3. Otherwise the file must be valid UTF-8: valid UTF-8 is practically never anything else.
4. Invalid UTF-8 is read as legacy text in one code page only, Windows-1252 (which is what
   "Latin-1" files are), and only when all of these hold; otherwise it is `undecodable`:
   - most of its non-ASCII bytes do not form UTF-8 sequences (else it is UTF-8 damaged by a
     stray byte or mixed with another encoding, and any reading would be partly wrong);
   - every byte is defined in Windows-1252;
   - charset-normalizer, asked about Windows-1252 alone, finds the reading coherent: its mess
     measure stays below 0.5 (Western text: under 0.1; Cyrillic, Greek, Hebrew, Arabic, Thai,
     Chinese, Korean or Vietnamese bytes read as Windows-1252: above 1);
   - it is not a Latin-script language of another code page: charset-normalizer's own best
     guess does not read it as, say, Czech in cp1250 with every letter where that reading
     differs from Windows-1252's a Czech letter (statistics and letters must agree: either alone
     misfires on article-length text, e.g. charset-normalizer ranks cp775 or cp1250 first for
     plain French, so it is used to judge the one reading we would publish, not to pick one);
   - the Windows-1252 reading uses only letters of Western European languages, no other symbol
     inside a word, and none of £ ¾ ³ º ... right before a letter: Polish "ł", Turkish "ş" or
     Slovak "ľ" read as Windows-1252 become "poniedzia³ek", "görüþme", "¾udia".
   So "Café", "São Paulo", "naïve" and "€5 million" saved in Windows-1252 are read; "Café talks
   in Hà Nội" cannot be saved in Windows-1252 at all, and its Vietnamese code page is rejected.
5. HTML saved as .txt is reduced to its text (see `html_to_text`); the article text, and the
   char_start/char_end offsets into it, are then those of the extracted text.

Line endings are normalised to "\\n" afterwards, so offsets do not depend on the platform.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from typing import Final

from flows.data_files import read_yaml

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS: Final[tuple[tuple[bytes, str, str], ...]] = (
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32 BE"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32 LE"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16 LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 BE"),
)
# C0 controls except \t \n \v \f \r, and DEL: text files do not contain them.
_CONTROL_BYTES: Final = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Well-formed UTF-8 multi-byte sequences (RFC 3629), to recognise damaged or mixed UTF-8.
_UTF8_SEQUENCE: Final = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_NON_ASCII: Final = re.compile(rb"[\x80-\xff]")
_NON_ASCII_CHAR: Final = re.compile(r"[^\x00-\x7f]")


class InputError(ValueError):
    """An input that cannot be published; carries the reason code for the rejections list."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class DecodedText:
    text: str           # the article text: line endings "\n"; for HTML, the extracted text
    encoding: str       # the encoding it was read in, e.g. "UTF-8", "UTF-16 LE", "Windows-1252"
    html: bool          # the file was HTML, reduced to its text


@lru_cache(maxsize=1)
def _config() -> dict:
    config = read_yaml("decode.yaml")
    config["signatures"] = [(bytes.fromhex(entry["magic"]), entry["format"]) for entry in config["binary_signatures"]]
    html = config["html"]
    for key in ("start_elements", "drop_elements", "drop_outside_article", "block_elements", "cell_elements"):
        html[key] = frozenset(html[key])
    starts = "|".join(sorted(html["start_elements"], key=len, reverse=True))
    html["start_re"] = re.compile(
        rf"^\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*<(?:!doctype\s+html|(?:{starts})[\s/>])", re.IGNORECASE | re.DOTALL)
    html["anywhere_re"] = re.compile("|".join(re.escape(marker) + (r"[\s>]" if not marker.startswith("</") else "")
                                              for marker in html["anywhere_markers"]), re.IGNORECASE)
    return config


def decode_text(data: bytes) -> DecodedText:
    """The article text of a file's bytes; raises InputError(empty/not_text/undecodable/html_without_text)."""
    if not data.strip():
        raise InputError("empty", "the file is empty or holds only whitespace")
    text, encoding = _decode(data)
    if "\r" in text:   # one fast look for the character spares most texts two slower searches
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    is_html = looks_like_html(text)
    if is_html:
        text = html_to_text(text)
        if not text.strip():
            raise InputError("html_without_text", f"HTML ({encoding}) with no article text outside scripts, styles and page furniture")
    elif not text.strip():
        raise InputError("empty", f"the file holds only whitespace ({encoding})")
    return DecodedText(text, encoding, is_html)


def _decode(data: bytes) -> tuple[str, str]:
    _reject_binary_signature(data)
    marked = [(bom, codec, name) for bom, codec, name in BOMS if data.startswith(bom)]
    for bom, codec, name in marked:   # FF FE 00 00 is UTF-32 LE, or UTF-16 LE starting with NUL
        try:
            return _decode_unicode_with_bom(data[len(bom):], codec, name, len(bom)), name
        except InputError:
            if (bom, codec, name) == marked[-1]:
                raise
    _reject_binary_bytes(data)
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        return decode_legacy(data, error.start), _config()["legacy"]["name"]


def _reject_binary_signature(data: bytes) -> None:
    for magic, format_name in _config()["signatures"]:
        if data.startswith(magic):
            raise InputError("not_text", f"binary data: the file starts like a {format_name}")


def _reject_binary_bytes(data: bytes) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        odd, even = data[1::2].count(0), data[0::2].count(0)
        if len(data) >= 8 and min(odd, even) == 0 and max(odd, even) >= len(data) // 4:
            raise InputError("undecodable", "NUL bytes at every other position: UTF-16 text without a byte-order mark, "
                                            "whose byte order would be a guess; save it as UTF-8")
        raise InputError("not_text", f"binary data: NUL byte at byte {nul}")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > _config()["max_control_ratio"] * len(data):
        raise InputError("not_text", f"binary data: {controls} control bytes in {len(data)}")


def _decode_unicode_with_bom(payload: bytes, codec: str, name: str, offset: int) -> str:
    try:
        text = payload.decode(codec)
    except UnicodeDecodeError as error:
        raise InputError("undecodable", f"starts with a {name} byte-order mark but is not valid {name} "
                                        f"at byte {error.start + offset}: {error.reason}") from error
    controls = len(_CONTROL_CHARS.findall(text))
    if "\x00" in text or controls > _config()["max_control_ratio"] * max(len(text), 1):
        raise InputError("not_text", f"binary data after a {name} byte-order mark ({controls} control characters)")
    return text


def decode_legacy(data: bytes, utf8_error_at: int) -> str:
    """Windows-1252 text, when it can be told with confidence (rule 4 of the module docstring)."""
    legacy = _config()["legacy"]
    where = f"not UTF-8 (byte {utf8_error_at})"
    non_ascii = len(_NON_ASCII.findall(data))
    in_sequences = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    if in_sequences * 2 >= non_ascii:
        raise InputError("undecodable", f"{where}, yet {in_sequences} of its {non_ascii} non-ASCII bytes are UTF-8: "
                                        "damaged UTF-8 or mixed encodings")
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    try:
        text = data.decode(legacy["encoding"])
    except UnicodeDecodeError as error:
        raise InputError("undecodable", f"{where}, and byte {error.start} (0x{data[error.start]:02X}) is not used by "
                                        f"{legacy['name']}{_described(guess)}") from error
    if from_bytes(data, cp_isolation=[legacy["encoding"]], threshold=legacy["max_chaos"]).best() is None:
        raise InputError("undecodable", f"{where}, and not coherent {legacy['name']} text{_described(guess)}")
    other = _other_language_reading(text, guess, legacy)
    if other is not None:
        raise InputError("undecodable", f"{where}; it reads as {other}, a language {legacy['name']} cannot write")
    foreign = _foreign_character(text, legacy)
    if foreign is not None:
        raise InputError("undecodable", f"{where}; read as {legacy['name']} it has {foreign}, "
                                        f"so it is in another code page{_described(guess)}")
    return text


def _other_language_reading(text: str, guess, legacy: dict) -> str | None:  # noqa: ANN001 - CharsetMatch | None
    """'Czech in cp1250' when charset-normalizer reads the bytes in another code page as a language
    Windows-1252 cannot write, and every letter where that reading differs from Windows-1252's
    belongs to that language (two letters at least): the statistics and the letters agree. Either
    alone is too weak on article-length text: charset-normalizer names Hungarian for English that
    quotes "Señor Peña", and French è ù are Czech č ů in cp1250."""
    language = _language(guess)
    alphabet = legacy["other_alphabets"].get(language or "")
    other = str(guess) if guess is not None else text
    if alphabet is None or len(other) != len(text):
        return None
    differing = {new.lower() for old, new in zip(text, other) if old != new}
    return f"{language} in {guess.encoding}" if len(differing) >= 2 and differing <= set(alphabet) else None


def _language(match) -> str | None:  # noqa: ANN001 - charset_normalizer.CharsetMatch | None
    """The language charset-normalizer recognises in a reading, if any."""
    languages = [lang.rstrip("—") for lang in (match.languages if match is not None else [])]
    return languages[0] if languages and languages[0] != "Unknown" else None


def _described(guess) -> str:  # noqa: ANN001 - charset_normalizer.CharsetMatch | None
    """charset-normalizer's own guess, for the message."""
    if guess is None:
        return "; no text encoding fits it"
    language = _language(guess)
    return f"; charset-normalizer's guess: {guess.encoding}" + (f" ({language})" if language else "")


def _foreign_character(text: str, legacy: dict) -> str | None:
    """The first character that Western European text would not hold there, described, or None."""
    letters, joiners, starters = legacy["letters"], legacy["joiners"], legacy["letter_like_symbols"]
    for match in _NON_ASCII_CHAR.finditer(text):
        index, char = match.start(), match.group()
        before = index > 0 and text[index - 1].isalpha()
        after = index + 1 < len(text) and text[index + 1].isalpha()
        if char in starters and after:
            return f"{_name(char)} before the letters of {_word_at(text, index)!r}"
        if char.isalpha() and char not in starters and char not in letters:
            return f"the letter {char!r} in {_word_at(text, index)!r}"
        if not char.isalpha() and not char.isspace() and char not in joiners and before and after:
            return f"{_name(char)} inside the word {_word_at(text, index)!r}"
    return None


def _name(char: str) -> str:
    return f"{unicodedata.name(char, 'character').lower()} {char!r}"


def _word_at(text: str, index: int) -> str:
    start, end = index, index + 1
    while start > 0 and not text[start - 1].isspace() and index - start < 20:
        start -= 1
    while end < len(text) and not text[end].isspace() and end - index < 20:
        end += 1
    return text[start:end]


# --- HTML ----------------------------------------------------------------------------------------


def looks_like_html(text: str) -> bool:
    """HTML when it starts with markup of an HTML document, or has <html>/<head>/<body> or </p> tags."""
    html = _config()["html"]
    return bool(html["start_re"].match(text) or html["anywhere_re"].search(text))


def html_to_text(document: str) -> str:
    """The readable text of an HTML document: the <title> as the first line, then one block per
    paragraph, heading, list item or table row, separated by blank lines; <br> breaks a line.
    Entities are decoded. Scripts, styles, navigation, asides, footers, forms and the page
    header (not an <article>'s own header) are dropped. When the first block is the <h1> that
    the <title> repeats with a site name ("Headline | Outlet"), the <h1> is the first line.

    The standard library's parser is used: it is the tolerant tokenizer BeautifulSoup builds on
    by default, and a token stream is all this needs, so no third-party dependency is added.
    """
    parser = _TextExtractor(_config()["html"])
    parser.feed(document)
    parser.close()
    return parser.result()


_WHITESPACE: Final = re.compile(r"[ \t\n\r\f]+")   # HTML's collapsible white space (not the no-break space)


class _TextExtractor(HTMLParser):
    def __init__(self, config: dict) -> None:
        super().__init__(convert_charrefs=True)
        self.config = config
        self.dropping: dict[str, int] = {}      # open dropped elements by name
        self.article_depth = 0
        self.pre_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.title_done = False
        self.blocks: list[tuple[str, str]] = []  # (element that opened it, text)
        self.current: list[str] = []
        self.current_tag = ""

    # parser callbacks
    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("article", "main"):
            self.article_depth += 1
        if self._drops(tag):
            self.dropping[tag] = self.dropping.get(tag, 0) + 1
            return
        if tag == "title" and not self.title_done and not self._dropping():
            self.in_title = True
        elif tag == "br":
            self.current.append("\n")
        elif tag in self.config["block_elements"]:
            self._flush()
            self.current_tag = tag
            if tag == "pre":
                self.pre_depth += 1
        elif tag in self.config["cell_elements"]:
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.dropping.get(tag):
            self.dropping[tag] -= 1
            return
        if tag in ("article", "main"):
            self.article_depth = max(0, self.article_depth - 1)
        if tag == "title" and self.in_title:
            self.in_title, self.title_done = False, True
        elif tag in self.config["block_elements"]:
            self._flush()
            if tag == "pre":
                self.pre_depth = max(0, self.pre_depth - 1)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag == "br":
            self.current.append("\n")
        elif tag in self.config["block_elements"]:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._dropping():
            return
        if self.in_title:
            self.title_parts.append(data)
        else:
            self.current.append(data if self.pre_depth else _WHITESPACE.sub(" ", data))

    # helpers
    def _drops(self, tag: str) -> bool:
        return tag in self.config["drop_elements"] or (
            tag in self.config["drop_outside_article"] and not self.article_depth)

    def _dropping(self) -> bool:
        return any(self.dropping.values())

    def _flush(self) -> None:
        raw = "".join(self.current)
        self.current = []
        lines = [line.strip() if not self.pre_depth else line.rstrip() for line in raw.split("\n")]
        text = "\n".join(line for line in lines if line.strip())
        if text:
            self.blocks.append((self.current_tag, text))

    def result(self) -> str:
        self._flush()
        title = _WHITESPACE.sub(" ", "".join(self.title_parts)).strip()
        blocks = [text for _, text in self.blocks]
        if title and self.blocks:
            first_tag, first = self.blocks[0]
            if first == title or (first_tag == "h1" and first.casefold() in title.casefold()):
                title = ""
        return "\n\n".join([title, *blocks] if title else blocks)
