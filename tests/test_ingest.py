"""Specification of ingestion: every .txt input is read correctly or rejected with a reason.

Table-driven: encodings, binary data, HTML saved as .txt, the size limit, confinement to the raw
folder (symbolic links, FIFOs, sidecars) and odd file names.
"""
from __future__ import annotations

import io
import os
import random
import socket
import threading
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.decode import InputError, decode_text, html_to_text, looks_like_html
from flows.ingest import (DEFAULT_MAX_ARTICLE_BYTES, Article, KnownArticle, list_inputs, list_sources, read_articles,
                          read_input)
from schemas.tables import vocabulary_values

BODY = "The ministers met on Monday and agreed to expand trade."


def article(headline: str, body: str = BODY) -> str:
    return f"{headline}\n\n{body}\n"


def outcome(raw: Path, **options) -> dict[str, tuple[str, str]]:
    """source_file -> ("published", title) or (reason, detail), for every input of the folder."""
    batch = read_articles(list_inputs(raw), raw, **options)
    result = {a.source_file: ("published", a.title) for a in batch.articles}
    result |= {r.source_file: (r.reason, r.detail) for r in batch.rejections}
    assert len(result) == len(batch.articles) + len(batch.rejections), "a file was counted twice"
    return result


def decoded(data: bytes) -> str:
    return decode_text(data).text


def rejected(data: bytes) -> tuple[str, str]:
    with pytest.raises(InputError) as error:
        decode_text(data)
    return error.value.reason, error.value.detail


def within(seconds: float, action: Callable[[], object]) -> object:
    """Run `action`, failing (instead of hanging the suite) if it blocks, e.g. on a FIFO."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(action()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reading the inputs blocked"
    return result[0]


def cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258, as Vietnamese Windows saves it: tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        marks = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(m for m in marks if m not in tones))
        out.append(base + "".join(m for m in marks if m in tones))
    return "".join(out).encode("cp1258")


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", article("Zipped"))
    return buffer.getvalue()


# --- Encodings -----------------------------------------------------------------------------------

VIETNAMESE = article("Café talks in Hà Nội", "Các bộ trưởng đã gặp nhau tại Hà Nội.")

READABLE = [
    ("utf-8", VIETNAMESE.encode("utf-8"), VIETNAMESE),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + VIETNAMESE.encode("utf-8"), VIETNAMESE),
    ("utf-16 LE with BOM", b"\xff\xfe" + VIETNAMESE.encode("utf-16-le"), VIETNAMESE),
    ("utf-16 BE with BOM", b"\xfe\xff" + VIETNAMESE.encode("utf-16-be"), VIETNAMESE),
    ("utf-32 LE with BOM", b"\xff\xfe\x00\x00" + VIETNAMESE.encode("utf-32-le"), VIETNAMESE),
    ("windows line endings", b"Talks\r\n\r\nThe ministers met.\r\n", "Talks\n\nThe ministers met.\n"),
    ("old mac line endings", b"Talks\r\rThe ministers met.\r", "Talks\n\nThe ministers met.\n"),
    ("cp1252 accents", article("Café talks in São Paulo", "A naïve plan was agreed.").encode("cp1252"),
     article("Café talks in São Paulo", "A naïve plan was agreed.")),
    ("cp1252 euro and quotes", article("Trade deal", "A “historic” deal worth €5 million – signed.").encode("cp1252"),
     article("Trade deal", "A “historic” deal worth €5 million – signed.")),
    ("latin-1", article("Negociações em São Paulo", "Zürich, Genève and Málaga sent envoys.").encode("latin-1"),
     article("Negociações em São Paulo", "Zürich, Genève and Málaga sent envoys.")),
    ("cp1252 German", article("Gespräche in München", "Die Außenminister trafen sich in Köln.").encode("cp1252"),
     article("Gespräche in München", "Die Außenminister trafen sich in Köln.")),
    ("cp1252 Spanish", article("¿Qué pasó en Cádiz?", "Señor Peña met José Martínez; 1º de mayo.").encode("cp1252"),
     article("¿Qué pasó en Cádiz?", "Señor Peña met José Martínez; 1º de mayo.")),
    ("cp1252 units and currency", article("Gas deal", "Five billion m³ of gas for £5bn at 25°C.").encode("cp1252"),
     article("Gas deal", "Five billion m³ of gas for £5bn at 25°C.")),
]


@pytest.mark.parametrize(("data", "text"), [case[1:] for case in READABLE], ids=[case[0] for case in READABLE])
def test_text_in_a_known_encoding_is_read_exactly(data: bytes, text: str) -> None:
    assert decoded(data) == text


def test_the_vietnamese_headline_cannot_even_be_written_in_latin_1() -> None:
    with pytest.raises(UnicodeEncodeError):
        "Café talks in Hà Nội".encode("latin-1")


UNDECODABLE = [
    ("Vietnamese cp1258", cp1258(VIETNAMESE), ""),
    ("Polish cp1250", article("Rozmowy w Łodzi", "Ministrowie spotkali się w poniedziałek.").encode("cp1250"), ""),
    ("Czech cp1250", article("Jednání v Praze", "Ministři se v pondělí setkali a hovořili o spolupráci.").encode("cp1250"),
     "Czech"),
    ("Hungarian cp1250", article("Tárgyalások Budapesten", "A miniszterek hétfőn találkoztak, együttműködésről "
                                 "beszéltek.").encode("cp1250"), "Hungarian"),
    ("Slovak cp1250", article("Rokovania v Bratislave", "Ministri rokovali, ľudia čakali.").encode("cp1250"), ""),
    ("Turkish cp1254", article("Ankara'da görüşmeler", "Bakanlar işbirliğini görüştü.").encode("cp1254"), ""),
    ("Lithuanian cp1257", article("Derybos Vilniuje", "Ministrai aptarė bendradarbiavimą, sakė Šimonytė.").encode("cp1257"),
     ""),
    ("Russian cp1251", article("Переговоры в Москве", "Министры встретились в понедельник.").encode("cp1251"), "coherent"),
    ("Greek cp1253", article("Συνομιλίες στην Αθήνα", "Οι υπουργοί συναντήθηκαν τη Δευτέρα.").encode("cp1253"), "coherent"),
    ("Japanese Shift_JIS", article("東京での会談", "両国の外相は月曜日に会談した。").encode("shift_jis"), ""),
    ("UTF-8 with one stray cp1252 byte", VIETNAMESE.encode("utf-8") + b"caf\xe9\n", "damaged UTF-8 or mixed"),
    ("UTF-16 without BOM", VIETNAMESE.encode("utf-16-le"), "byte-order mark"),
    ("UTF-16 BOM, odd length", b"\xff\xfe" + "Talks".encode("utf-16-le") + b"x", "UTF-16 LE"),
    ("UTF-16 BOM, lone surrogate", b"\xff\xfe" + "Talks".encode("utf-16-le") + b"\x00\xd8A\x00", "UTF-16 LE"),
    ("UTF-8 BOM, then invalid UTF-8", b"\xef\xbb\xbfTalks \xff\xfe in Tokyo", "UTF-8"),
]


@pytest.mark.parametrize(("data", "detail"), [case[1:] for case in UNDECODABLE], ids=[case[0] for case in UNDECODABLE])
def test_text_that_cannot_be_decoded_with_confidence_is_rejected_not_misread(data: bytes, detail: str) -> None:
    reason, found = rejected(data)
    assert reason == "undecodable"
    assert detail in found


NOT_TEXT = [
    ("random bytes", random.Random(1).randbytes(4096)),
    ("random bytes without NUL", bytes(b or 1 for b in random.Random(2).randbytes(2048))),
    ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(3).randbytes(64)),
    ("JPEG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + random.Random(4).randbytes(64)),
    ("PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
    ("ZIP", zip_bytes()),
    ("gzip", b"\x1f\x8b\x08\x00" + random.Random(5).randbytes(64)),
    ("NUL in UTF-8 text", b"Talks in Tokyo\n\nThe ministers\x00 met."),
    ("control bytes", b"Talks\x01\x02\x03\x04\x05 in \x06\x07\x08 Tokyo\x0e\x0f"),
    ("UTF-16 BOM, then binary", b"\xff\xfe" + "\x00\x01\x02\x03".encode("utf-16-le") * 20),
]


@pytest.mark.parametrize("data", [case[1] for case in NOT_TEXT], ids=[case[0] for case in NOT_TEXT])
def test_binary_data_is_not_text(data: bytes) -> None:
    assert rejected(data)[0] == "not_text"


EMPTY = [
    ("nothing", b""),
    ("whitespace", b"  \n\t\r\n  "),
    ("UTF-8 BOM only", b"\xef\xbb\xbf"),
    ("UTF-8 BOM and blank lines", b"\xef\xbb\xbf\n\n \n"),
    ("UTF-16 BOM and spaces", b"\xff\xfe" + "  \n ".encode("utf-16-le")),
    ("no-break spaces", "\u00a0\u00a0\n".encode()),
]


@pytest.mark.parametrize("data", [case[1] for case in EMPTY], ids=[case[0] for case in EMPTY])
def test_a_file_without_text_is_empty(data: bytes) -> None:
    assert rejected(data)[0] == "empty"


def test_the_reason_for_an_undecodable_legacy_file_names_what_it_looks_like() -> None:
    _, detail = rejected(article("Переговоры в Москве", "Министры встретились.").encode("cp1251"))
    assert "not UTF-8" in detail and "cp1251" in detail


# --- HTML saved as .txt --------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Japan and Vietnam upgrade ties | The Daily</title>
  <style>p { color: red; }</style>
  <script>var paragraphs = "<p>not text</p>";</script>
</head>
<body>
  <header><nav><a href="/">Home</a> | <a href="/world">World</a></nav><div>Subscribe now</div></header>
  <main>
    <article>
      <header><h1>Japan and Vietnam upgrade ties</h1></header>
      <p>The leaders met in Tokyo on Monday &amp; signed
         three agreements worth &euro;5&nbsp;million.</p>
      <p>&ldquo;A new chapter,&rdquo; said Nguyễn Văn An.<br>Both sides&#8217; ministers attended.</p>
      <ul><li>Trade</li><li>Investment</li></ul>
      <table><tr><td>2023</td><td>$5 billion</td></tr></table>
      <aside>Read more: other stories</aside>
    </article>
  </main>
  <footer>&copy; The Daily. All rights reserved.</footer>
  <script>track();</script>
</body>
</html>
"""

PAGE_TEXT = ("Japan and Vietnam upgrade ties\n\n"
             "The leaders met in Tokyo on Monday & signed three agreements worth €5\u00a0million.\n\n"
             "“A new chapter,” said Nguyễn Văn An.\nBoth sides’ ministers attended.\n\n"
             "Trade\n\nInvestment\n\n2023 $5 billion")

HTML = [
    ("a full page", PAGE, PAGE_TEXT),
    ("a fragment of paragraphs", "<p>Talks in Tokyo</p>\n<p>The ministers met &amp; agreed.</p>",
     "Talks in Tokyo\n\nThe ministers met & agreed."),
    ("a title that differs from the h1", "<html><head><title>Tokyo talks</title></head><body><h1>Ministers meet"
     "</h1><p>They agreed.</p></body></html>", "Tokyo talks\n\nMinisters meet\n\nThey agreed."),
    ("a plain headline over paragraph markup", "Talks in Tokyo\n<p>The ministers met.</p><p>They agreed.</p>",
     "Talks in Tokyo\n\nThe ministers met.\n\nThey agreed."),
    ("line breaks and entities", "<body><p>Line one<br/>Line&nbsp;two &lt;b&gt; &#x41;&#66;</p></body>",
     "Line one\nLine\u00a0two <b> AB"),
    ("preformatted text", "<body><pre>  a  b\n  c</pre><p>x   y</p></body>", "  a  b\n  c\n\nx y"),
    ("comments and an XML prolog", "<?xml version='1.0'?><!-- saved --><html><body><p>Kept</p></body></html>", "Kept"),
]


@pytest.mark.parametrize(("document", "text"), [case[1:] for case in HTML], ids=[case[0] for case in HTML])
def test_html_is_reduced_to_its_text(document: str, text: str) -> None:
    assert looks_like_html(document)
    assert html_to_text(document) == text
    assert decoded(document.encode("utf-8")) == text


NOT_HTML = [
    "Talks in Tokyo\n\nThe ministers met. The tag <p> opens a paragraph.",
    "Talks <in> Tokyo\n\nIt was 3 < 5 and 7 > 2.",
    "Talks in Tokyo\n\n<Reuters> The ministers met.",
]


@pytest.mark.parametrize("text", NOT_HTML)
def test_prose_that_mentions_tags_is_not_html(text: str) -> None:
    assert not looks_like_html(text)
    assert decoded(text.encode()) == text


def test_html_in_windows_1252_is_decoded_then_reduced() -> None:
    page = "<html><head><title>Café talks</title></head><body><p>Envoys met in São Paulo – “a first”.</p></body></html>"
    assert decoded(page.encode("cp1252")) == "Café talks\n\nEnvoys met in São Paulo – “a first”."


@pytest.mark.parametrize("document", [
    "<html><head><script>alert(1)</script><style>p{}</style></head><body><nav>Home</nav></body></html>",
    "<!DOCTYPE html><html><body>   <p>  </p> <footer>(c) 2024</footer></body></html>",
])
def test_html_without_article_text_is_rejected(document: str) -> None:
    assert rejected(document.encode())[0] == "html_without_text"


def test_an_html_article_is_published_with_its_title_and_extracted_text(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    read = read_input(tmp_path / "page.txt", "page.txt")
    assert isinstance(read, Article)
    assert read.title == "Japan and Vietnam upgrade ties"
    assert "signed three agreements" in read.text and "Subscribe" not in read.text and "<p>" not in read.text


# --- Size limit ----------------------------------------------------------------------------------

def test_the_default_limit_is_5_mib() -> None:
    assert DEFAULT_MAX_ARTICLE_BYTES == 5 * 1024 * 1024


@pytest.mark.parametrize(("size", "expected"), [(999, "published"), (1000, "published"), (1001, "too_large")])
def test_a_file_above_the_limit_is_too_large(tmp_path: Path, size: int, expected: str) -> None:
    text = article("Size talks", "x" * 1000)
    (tmp_path / "a.txt").write_text(text[:size - 1] + "\n" if size < len(text) else text + " " * (size - len(text)))
    assert (tmp_path / "a.txt").stat().st_size == size
    assert outcome(tmp_path, max_article_bytes=1000)["a.txt"][0] == expected


def test_the_detail_of_a_too_large_file_gives_its_size_and_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"x" * 3000)
    reason, detail = outcome(tmp_path, max_article_bytes=2048)["big.txt"]
    assert reason == "too_large"
    assert "3,000 bytes" in detail and "2,048 bytes" in detail and "--max-article-bytes" in detail


def test_a_huge_file_is_rejected_by_its_size_without_being_read_or_hashed(tmp_path: Path) -> None:
    with (tmp_path / "huge.txt").open("wb") as handle:   # sparse: 2 GiB apparent size, no disk used
        handle.truncate(2 * 1024 ** 3)
    asked: list[str] = []
    batch = within(10, lambda: read_articles([tmp_path / "huge.txt"], tmp_path, lambda *key: asked.append(key[0])))
    assert [(r.source_file, r.reason) for r in batch.rejections] == [("huge.txt", "too_large")]
    assert asked == []   # rejected before the incremental lookup, which needs the hash


def test_a_too_large_sidecar_is_bad_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article("Talks"))
    (tmp_path / "a.meta.json").write_bytes(b" " * (1024 * 1024 + 1))
    assert outcome(tmp_path)["a.txt"][0] == "bad_metadata"


# --- Confinement to the raw folder ---------------------------------------------------------------

SECRET = "SECRET-4f1d0c-do-not-publish"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(article("Secret talks", SECRET))
    (outside / "secret.json").write_text('{"outlet": "%s"}' % SECRET)
    (outside / "dir").mkdir()
    (outside / "dir" / "inner.txt").write_text(article("Inner", SECRET))
    return raw, outside


def _never_leaks(result: dict[str, tuple[str, str]]) -> None:
    assert all(SECRET not in detail for _, detail in result.values())


LINKS = [
    # what, target of raw/z_link.txt ({outside}: the folder beside the raw folder), expected outcome
    ("absolute link outside", "{outside}/secret.txt", "outside_raw_folder"),
    ("relative link outside", "../outside/secret.txt", "outside_raw_folder"),
    ("link to an outside folder", "{outside}/dir", "outside_raw_folder"),
    ("link to a link outside", "hop.lnk", "outside_raw_folder"),
    ("link to /dev/zero", "/dev/zero", "outside_raw_folder"),
    ("link through .. back inside", "../raw/real.txt", "duplicate"),
    ("link to a file inside", "real.txt", "duplicate"),
    ("link to a non-.txt file inside", "notes.dat", "published"),
    ("link to a folder inside", "sub", "not_regular_file"),
    ("link to the raw folder itself", ".", "not_regular_file"),
    ("broken link", "missing.txt", "not_regular_file"),
    ("link loop", "z_link.txt", "not_regular_file"),
]


@pytest.mark.parametrize(("target", "expected"), [case[1:] for case in LINKS], ids=[case[0] for case in LINKS])
def test_a_symbolic_link_is_read_only_when_it_stays_inside_the_raw_folder(folders, target: str, expected: str) -> None:
    raw, outside = folders
    (raw / "real.txt").write_text(article("Real talks"))
    (raw / "notes.dat").write_text(article("Notes talks"))
    (raw / "sub").mkdir()
    os.symlink(outside / "secret.txt", raw / "hop.lnk")
    os.symlink(target.format(outside=outside), raw / "z_link.txt")
    result = outcome(raw)
    assert result["z_link.txt"][0] == expected
    assert result["real.txt"][0] == "published"
    _never_leaks(result)


def test_folders_linked_into_the_raw_folder_are_not_followed(folders) -> None:
    raw, outside = folders
    os.symlink(outside / "dir", raw / "linked")
    assert list_inputs(raw) == []


def test_a_real_folder_named_like_an_article_is_rejected_and_its_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inner.txt").write_text(article("Inner talks"))
    result = outcome(tmp_path)
    assert result["folder.txt"][0] == "not_regular_file"
    assert result["folder.txt/inner.txt"] == ("published", "Inner talks")


def test_a_fifo_is_rejected_without_blocking_the_run(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe.meta.json")
    (tmp_path / "a.txt").write_text(article("Talks"))
    os.mkfifo(tmp_path / "a.meta.json")
    result = within(10, lambda: outcome(tmp_path))
    assert result["pipe.txt"] == ("not_regular_file", "a named pipe (FIFO), not a regular file")
    assert result["a.txt"][0] == "bad_metadata"


def test_a_socket_is_not_a_regular_file(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.txt"))
        assert within(10, lambda: outcome(tmp_path))["s.txt"][0] == "not_regular_file"


def test_a_device_node_is_not_a_regular_file(tmp_path: Path) -> None:
    try:
        os.mknod(tmp_path / "dev.txt", 0o600 | 0o020000, os.makedev(1, 5))   # a character device like /dev/zero
    except PermissionError:
        pytest.skip("creating device nodes needs root")
    assert within(10, lambda: outcome(tmp_path))["dev.txt"][0] == "not_regular_file"


SIDECARS = [
    ("absolute link outside", "{outside}/secret.json"),
    ("relative link outside", "../outside/secret.json"),
    ("link to /etc/passwd", "/etc/passwd"),
    ("broken link", "missing.json"),
    ("link to a folder inside", "sub"),
]


@pytest.mark.parametrize("target", [case[1] for case in SIDECARS], ids=[case[0] for case in SIDECARS])
def test_a_sidecar_outside_the_raw_folder_is_bad_metadata_and_never_read(folders, target: str) -> None:
    raw, outside = folders
    (raw / "sub").mkdir()
    (raw / "a.txt").write_text(article("Talks"))
    os.symlink(target.format(outside=outside), raw / "a.meta.json")
    result = outcome(raw)
    assert result["a.txt"][0] == "bad_metadata"
    assert result["a.txt"][1].startswith("a.meta.json: ")
    assert "root:" not in result["a.txt"][1]
    _never_leaks(result)


def test_a_sidecar_linked_to_another_sidecar_inside_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article("Talks"))
    (tmp_path / "shared.json").write_text('{"outlet": "The Daily"}')
    os.symlink("shared.json", tmp_path / "a.meta.json")
    read = read_input(tmp_path / "a.txt", "a.txt")
    assert isinstance(read, Article) and read.outlet == "The Daily"


def test_an_unreadable_file_is_rejected_with_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked.txt").write_text(article("Locked"))
    (tmp_path / "open.txt").write_text(article("Open"))
    real_open = os.open

    def deny(path, flags, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's signature
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = outcome(tmp_path)
    assert result["locked.txt"] == ("unreadable", "cannot be read: Permission denied")
    assert result["open.txt"][0] == "published"


def test_inputs_are_listed_in_path_order_segment_by_segment(tmp_path: Path) -> None:
    """As Paths compare: "a/z.txt" (folder "a") before "a-b.txt" and "a.txt", though "/" sorts
    after "-" and "." as a character."""
    names = ["b.txt", "a.txt", "a-b.txt", "a/z.txt", "a/b/c.txt", ".hidden.txt", "Z.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(article("Order"))
    (tmp_path / "notes.md").write_text("not an input")
    expected = [path.relative_to(tmp_path).as_posix() for path in sorted(tmp_path / name for name in names)]
    assert list_sources(tmp_path) == expected
    assert expected[:3] == [".hidden.txt", "Z.txt", "a/b/c.txt"]
    assert list_inputs(tmp_path) == [tmp_path / name for name in expected]


def test_a_file_that_disappears_before_it_is_read_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").write_text(article("Gone"))
    paths = list_inputs(tmp_path)
    (tmp_path / "gone.txt").unlink()
    [rejection] = read_articles(paths, tmp_path).rejections
    assert (rejection.source_file, rejection.reason) == ("gone.txt", "unreadable")


# --- Odd names -----------------------------------------------------------------------------------

ODD_NAMES = [
    "with space.txt",
    "  leading and trailing spaces  .txt",
    unicodedata.normalize("NFC", "Hà Nội talks.txt"),
    unicodedata.normalize("NFD", "Đà Nẵng visit.txt"),
    "-leading-dash.txt",
    "--help.txt",
    "=SUM(A1).txt",
    "+cmd.txt",
    "@import.txt",
    "quote\"and'apostrophe.txt",
    "semi;colon,comma.txt",
    "tab\there.txt",
    "東京.txt",
    "emoji 🇻🇳.txt",
    "x.meta.json.txt",
    "UPPER.TXT.txt",
]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_file_names_are_published_under_their_own_name(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(article(f"Talks {len(name)}"), encoding="utf-8")
    assert outcome(tmp_path) == {name: ("published", f"Talks {len(name)}")}


@pytest.mark.parametrize("name", [".hidden.txt", "._mac_resource_fork.txt", ".txt", ".cache/inner.txt",
                                  "sub/.ipynb_checkpoints/a-checkpoint.txt"])
def test_hidden_files_are_rejected_not_skipped(tmp_path: Path, name: str) -> None:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(article("Hidden"))
    assert outcome(tmp_path)[name][0] == "hidden_file"


def test_a_file_name_that_is_not_utf8_is_rejected_with_an_escaped_name(tmp_path: Path) -> None:
    try:
        (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_text(article("Latin-1 name"))
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    result = outcome(tmp_path)
    assert result == {"caf\\xe9.txt": ("bad_file_name", result["caf\\xe9.txt"][1])}


def test_files_that_are_not_txt_are_not_inputs(tmp_path: Path) -> None:
    for name in ("a.meta.json", "b.TXT", "c.txt.bak", "d.html", "e.txt~"):
        (tmp_path / name).write_text(article("Other"))
    assert list_inputs(tmp_path) == []


# --- Interfaces the incremental runs rely on -----------------------------------------------------

def test_read_input_works_without_being_told_the_raw_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(article("Nested talks"))
    read = read_input(tmp_path / "sub" / "a.txt", "sub/a.txt")
    assert isinstance(read, Article) and read.source_file == "sub/a.txt" and read.title == "Nested talks"


def test_an_unchanged_input_is_recognised_from_its_bytes_and_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article("Talks"))
    first = read_input(tmp_path / "a.txt", "a.txt")
    assert isinstance(first, Article)
    known = read_input(tmp_path / "a.txt", "a.txt",
                       lambda source, digest: first.article_id if digest == first.input_sha256 else None)
    assert known == KnownArticle(first.article_id, "a.txt", first.input_sha256)


def test_a_legacy_encoded_file_keeps_the_hash_of_its_bytes(tmp_path: Path) -> None:
    import hashlib

    data = article("Café talks").encode("cp1252")
    (tmp_path / "a.txt").write_bytes(data)
    read = read_input(tmp_path / "a.txt", "a.txt")
    assert isinstance(read, Article) and read.sha256 == hashlib.sha256(data).hexdigest()


def test_every_reason_given_is_in_the_vocabulary(folders) -> None:
    raw, outside = folders
    inputs = {"empty.txt": b"", "bin.txt": b"\x00\x01", "cp1251.txt": "Привет мир".encode("cp1251"),
              "html.txt": b"<html><body><script>x</script></body></html>", "big.txt": b"x" * 5000,
              ".hidden.txt": b"Hidden\n", "bad.txt": b"Talks\n", "a.txt": b"Talks\n", "a2.txt": b"Talks\n"}
    for name, data in inputs.items():
        (raw / name).write_bytes(data)
    (raw / "bad.meta.json").write_text("{not json")
    os.symlink(outside / "secret.txt", raw / "leak.txt")
    os.mkfifo(raw / "fifo.txt")
    result = outcome(raw, max_article_bytes=4096)
    reasons = {reason for reason, _ in result.values()} - {"published"}
    assert reasons == {"empty", "not_text", "undecodable", "html_without_text", "too_large", "hidden_file",
                       "bad_metadata", "duplicate", "outside_raw_folder", "not_regular_file"}
    assert reasons <= set(vocabulary_values("rejection_reasons"))
    assert {"unreadable", "bad_file_name"} <= set(vocabulary_values("rejection_reasons"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(["Hà", "Nội", "’s", "‘", "—", "٣٠", "５", "e\u0301", "_", "x",
                                                      "3.5", " ", "\n", "\u00a0", "\x1c", "ǅ", "\ud800"]),
                                     max_size=20).map("".join)))
def test_counting_words_without_building_them_counts_what_findall_finds(text: str) -> None:
    import re

    from flows.ingest import count_words

    assert count_words(text) == len(re.findall(r"\w+", text))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(["Hà", "Nội", " ", "\n\n\n", "\t", "\u00a0", "\u2028", "\u3000",
                                                      "\x1c", "\x85", "\u200b", "x", "’", "  "]),
                                     max_size=20).map("".join)))
def test_the_text_an_article_id_is_made_of_is_its_words_joined_by_single_spaces(text: str) -> None:
    from flows.ingest import _normalised_for_identity

    assert _normalised_for_identity(text) == " ".join(text.split())


# --- Reading a file: the short way for plain paths, the long way for the rest --------------------

@pytest.mark.parametrize("spelt", ["sub/deeper/a.txt", "sub/../sub/deeper/a.txt", "linked/deeper/a.txt"])
def test_a_file_inside_is_read_however_its_path_is_spelt(tmp_path: Path, spelt: str) -> None:
    from flows.ingest import read_confined

    raw = tmp_path / "raw"
    (raw / "sub" / "deeper").mkdir(parents=True)
    (raw / "sub" / "deeper" / "a.txt").write_bytes(b"Talks\n")
    os.symlink("sub", raw / "linked")   # a folder linked inside the raw folder
    assert read_confined(Path(f"{raw}/{spelt}"), raw, 100) == b"Talks\n"
    os.symlink(raw, tmp_path / "raw_link")   # the raw folder named through a link
    assert read_confined(Path(f"{tmp_path}/raw_link/{spelt}"), tmp_path / "raw_link", 100) == b"Talks\n"


@pytest.mark.parametrize(("limit", "expected"), [(3000, b"x" * 3000), (2999, "too_large")])
def test_a_file_that_grew_after_it_was_measured_is_read_to_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     limit: int, expected: object) -> None:
    from flows.ingest import read_confined

    (tmp_path / "a.txt").write_bytes(b"x" * 3000)
    real_fstat = os.fstat

    def measured_before_it_grew(descriptor: int) -> os.stat_result:
        info = real_fstat(descriptor)
        return os.stat_result((*info[:6], 10, *info[7:10]))   # st_size: 10

    monkeypatch.setattr(os, "fstat", measured_before_it_grew)
    if isinstance(expected, bytes):
        assert read_confined(tmp_path / "a.txt", tmp_path, limit) == expected
    else:
        with pytest.raises(InputError) as raised:
            read_confined(tmp_path / "a.txt", tmp_path, limit)
        assert raised.value.reason == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=8), st.lists(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()),
                                     max_size=6))
def test_an_id_is_its_prefix_and_the_first_16_hex_digits_of_the_sha256_of_its_parts(prefix: str, parts: list) -> None:
    """Ids are joined on across releases: however stable_id is computed, it must stay this value."""
    import hashlib

    from flows.ids import stable_id

    try:
        joined = "\x1f".join(str(part) for part in parts).encode("utf-8")
    except UnicodeEncodeError:   # a lone surrogate: no id either way
        with pytest.raises(UnicodeEncodeError):
            stable_id(prefix, *parts)
        return
    assert stable_id(prefix, *parts) == f"{prefix}_{hashlib.sha256(joined).hexdigest()[:16]}"


@pytest.mark.parametrize(("sidecar", "detail"), [
    (b'{"url": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "b.meta.json: nested 100001 levels deep"),
    (b'{"url": "www.example.com/news/1"}', "b.meta.json: url: 'www.example.com/news/1' is not an http"),
    (b'{"url": "javascript:void(0)"}', "b.meta.json: url: 'javascript:void(0)' is not an http"),
    (b'{"url": {"href": "https://example.com"}}', "b.meta.json: url: an object, not a string"),
    (b'{"published_date": "2023-01-01 is when it ran"}', "b.meta.json: published_date: '2023-01-01 is when"),
    (b'{"published_date": false}', "b.meta.json: published_date: true/false, not a date"),
])
def test_one_bad_sidecar_rejects_its_own_article_and_no_other(tmp_path: Path, sidecar: bytes, detail: str) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(article(f"Talks {name}"))
    (tmp_path / "b.meta.json").write_bytes(sidecar)
    result = outcome(tmp_path)
    assert result["b.txt"][0] == "bad_metadata" and result["b.txt"][1].startswith(detail)
    assert result["a.txt"] == ("published", "Talks a") and result["c.txt"] == ("published", "Talks c")


def deep_folder(root: Path, name: str, levels: int) -> None:
    """Folders nested deeper than a path may be long (PATH_MAX), with an article at the bottom;
    made through directory descriptors, the only way to reach that deep."""
    descriptor = os.open(root, os.O_RDONLY)
    for _ in range(levels):
        os.mkdir(name, dir_fd=descriptor)
        inner = os.open(name, os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    article_file = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=descriptor)
    os.write(article_file, article("Deep talks").encode())
    os.close(article_file)
    os.close(descriptor)


def test_a_folder_too_deep_to_list_is_a_rejection_naming_it(tmp_path: Path) -> None:
    from flows.ingest import list_sources

    (tmp_path / "a.txt").write_text(article("Talks a"))
    deep_folder(tmp_path, "d" * 200, levels=25)
    unlistable: list = []
    assert list_sources(tmp_path, unlistable) == ["a.txt"]
    [rejection] = unlistable
    assert rejection.reason == "unlistable_folder" and rejection.source_file.startswith("d" * 200 + "/")
    assert rejection.detail == "the folder cannot be listed: File name too long"


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_a_folder_without_read_permission_is_a_rejection_naming_it(tmp_path: Path) -> None:
    from flows.ingest import list_sources

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(article("Talks a"))
    (tmp_path / "locked").chmod(0o300)
    unlistable: list = []
    try:
        assert list_sources(tmp_path, unlistable) == []
    finally:
        (tmp_path / "locked").chmod(0o700)
    assert [(r.source_file, r.reason) for r in unlistable] == [("locked", "unlistable_folder")]
