"""End to end: a raw folder of hostile inputs is published or rejected file by file, never crashes
the run, and nothing outside the raw folder reaches the output."""
from __future__ import annotations

import io
import json
import os
import random
import shutil
import unicodedata
import uuid
import zipfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from flows.cli import main
from schemas.tables import vocabulary_values

ROOT = Path(__file__).resolve().parents[1]
DEV_ARTICLES = sorted((ROOT / "raw").glob("*.txt"))
SECRET = f"SECRET-{uuid.uuid4().hex}"            # must appear nowhere in the output
SECRET_META = f"SECRETMETA-{uuid.uuid4().hex}"

# Files that must be published, and the reason of every file that must be rejected.
PUBLISHED = {
    *(p.name for p in DEV_ARTICLES),
    "latin1.txt", "utf16.txt", "bom.txt", "page.txt", "with space.txt", "Hà Nội talks.txt",
    unicodedata.normalize("NFD", "Đà Nẵng visit.txt"), "-leading-dash.txt", "=SUM(A1).txt", "+cmd.txt",
    "nested/deeper/article.txt",
}
REJECTED = {
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "binary.txt": "not_text",
    "nul.txt": "not_text",
    "image.txt": "not_text",
    "archive.txt": "not_text",
    "polish-cp1250.txt": "undecodable",
    "script-only.txt": "html_without_text",
    "zz_copy.txt": "duplicate",
    "zz_inside_link.txt": "duplicate",
    "big.txt": "too_large",
    "leak.txt": "outside_raw_folder",
    "leak_relative.txt": "outside_raw_folder",
    "leak_dir.txt": "outside_raw_folder",
    "meta_leak.txt": "bad_metadata",
    "pipe.txt": "not_regular_file",
    "folder.txt": "not_regular_file",
    "broken_link.txt": "not_regular_file",
    ".hidden.txt": "hidden_file",
    ".cache/in_hidden_folder.txt": "hidden_file",
}


def _article(headline: str, body: str) -> str:
    return f"{headline}\n\n{body}\n"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hello")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("hostile")
    raw, outside = base / "raw", base / "outside"
    raw.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(_article("Secret talks", f"The ministers met in secret. {SECRET}."), encoding="utf-8")
    (outside / "secret.meta.json").write_text(json.dumps({"outlet": SECRET_META}), encoding="utf-8")
    (outside / "folder").mkdir()
    (outside / "folder" / "inner.txt").write_text(_article("Inner secret", f"Leaders met. {SECRET}."), encoding="utf-8")

    for article in DEV_ARTICLES:
        shutil.copy(article, raw / article.name)
    shutil.copy(DEV_ARTICLES[0], raw / "zz_copy.txt")
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t\r\n  ",
        "binary.txt": random.Random(5).randbytes(4096),
        "nul.txt": b"Talks in Tokyo\n\nThe ministers\x00 met.",
        "image.txt": b"\x89PNG\r\n\x1a\n" + random.Random(6).randbytes(200),
        "archive.txt": _zip_bytes(),
        "latin1.txt": _article("Café talks in São Paulo", "A naïve plan worth €5 million was agreed.").encode("cp1252"),
        "polish-cp1250.txt": _article("Rozmowy w Łodzi", "Ministrowie spotkali się w poniedziałek.").encode("cp1250"),
        "utf16.txt": _article("Japan and Vietnam talk trade", "The ministers met in Hà Nội on Monday.").encode("utf-16"),
        "bom.txt": b"\xef\xbb\xbf" + _article("Leaders meet in Osaka", "They agreed to cooperate.").encode("utf-8"),
        "page.txt": (b"<!DOCTYPE html><html><head><title>Summit in Tokyo | Outlet</title><script>var s = 1;</script>"
                     b"</head><body><nav>Home</nav><article><h1>Summit in Tokyo</h1><p>The two leaders met on "
                     b"Monday &amp; signed three agreements.</p></article><footer>Contact</footer></body></html>"),
        "script-only.txt": b"<html><body><script>alert(1)</script><nav>Home | World</nav></body></html>",
        "with space.txt": _article("Talks with spaces", "Officials met in Kyoto.").encode(),
        "Hà Nội talks.txt": _article("Talks in Hanoi", "The prime ministers met in Hanoi.").encode(),
        unicodedata.normalize("NFD", "Đà Nẵng visit.txt"): _article("Visit to Da Nang", "The minister visited Da Nang.").encode(),
        "-leading-dash.txt": _article("Dash talks", "Envoys met in Nagoya.").encode(),
        "=SUM(A1).txt": _article("Formula talks", "Envoys met in Kobe.").encode(),
        "+cmd.txt": _article("Plus talks", "Envoys met in Sendai.").encode(),
        ".hidden.txt": _article("Hidden talks", "Envoys met in Nara.").encode(),
        "meta_leak.txt": _article("Metadata talks", "Envoys met in Fukuoka.").encode(),
    }
    for name, data in files.items():
        (raw / name).write_bytes(data)
    (raw / "nested" / "deeper").mkdir(parents=True)
    (raw / "nested" / "deeper" / "article.txt").write_text(_article("Nested talks", "Envoys met in Hue."), encoding="utf-8")
    (raw / ".cache").mkdir()
    (raw / ".cache" / "in_hidden_folder.txt").write_text(_article("Cached", "Envoys met."), encoding="utf-8")
    with (raw / "big.txt").open("wb") as handle:     # really 25 MB on disk, not sparse
        line = _article("Big", "The ministers met again. " * 40).encode()
        handle.write(line * (25 * 1024 * 1024 // len(line) + 1))
    os.symlink(outside / "secret.txt", raw / "leak.txt")
    os.symlink("../outside/secret.txt", raw / "leak_relative.txt")
    os.symlink(outside / "folder", raw / "leak_dir.txt")
    os.symlink(outside / "folder", raw / "linked_folder")          # not followed: its files are not inputs
    os.symlink(outside / "secret.meta.json", raw / "meta_leak.meta.json")
    os.symlink("latin1.txt", raw / "zz_inside_link.txt")
    os.symlink(raw / "missing.txt", raw / "broken_link.txt")
    os.mkfifo(raw / "pipe.txt")
    (raw / "folder.txt").mkdir()
    return raw, base / "output"


@pytest.fixture(scope="module")
def published(hostile: tuple[Path, Path]) -> Path:
    raw, output = hostile
    assert main(["run", "--raw", str(raw), "--output", str(output)]) == 0
    return output


def _table(output: Path, name: str) -> list[dict]:
    return pq.read_table(output / f"{name}.parquet").to_pylist()


def _every_txt_entry(raw: Path) -> set[str]:
    """Independently of the code under test: every name ending in .txt, links not followed."""
    found = set()
    for folder, folders, files in os.walk(raw):
        for name in (*folders, *files):
            if name.endswith(".txt"):
                found.add(Path(folder, name).relative_to(raw).as_posix())
    return found


def test_the_run_publishes_what_it_can_and_rejects_the_rest_with_a_reason(hostile, published: Path) -> None:
    raw, _ = hostile
    sources = {row["source_file"] for row in _table(published, "articles")}
    reasons = {row["source_file"]: row["reason"] for row in _table(published, "rejections")}
    assert sources == PUBLISHED
    assert reasons == REJECTED
    assert sources | set(reasons) == _every_txt_entry(raw)
    assert not sources & set(reasons)


def test_every_rejection_has_a_known_reason_and_a_detail(published: Path) -> None:
    for row in _table(published, "rejections"):
        assert row["reason"] in vocabulary_values("rejection_reasons")
        assert row["detail"].strip()


def test_decoded_inputs_are_published_with_their_real_text(published: Path) -> None:
    titles = {row["source_file"]: row["title"] for row in _table(published, "articles")}
    assert titles["latin1.txt"] == "Café talks in São Paulo"
    assert titles["utf16.txt"] == "Japan and Vietnam talk trade"
    assert titles["bom.txt"] == "Leaders meet in Osaka"
    assert titles["page.txt"] == "Summit in Tokyo"


def test_the_too_large_file_is_rejected_with_its_size_and_the_limit(published: Path) -> None:
    [row] = [r for r in _table(published, "rejections") if r["source_file"] == "big.txt"]
    assert "5,242,880 bytes" in row["detail"] and "MiB" in row["detail"]


def test_nothing_from_outside_the_raw_folder_reaches_the_output(published: Path) -> None:
    secrets = [SECRET, SECRET_META]
    encoded = [variant for secret in secrets for variant in (secret.encode(), secret.encode("utf-16-le"))]
    files = [Path(folder, name) for folder, _, names in os.walk(published) for name in names]
    assert any(path.suffix == ".duckdb" for path in files) and any(path.name == "index.html" for path in files)
    for path in files:
        if path.is_symlink():
            continue
        data = path.read_bytes()
        assert not any(variant in data for variant in encoded), path
        # Parquet and DuckDB compress their strings: read them back as values too.
        if path.suffix == ".parquet":
            assert not any(secret in str(pq.read_table(path).to_pylist()) for secret in secrets), path
        if path.suffix == ".duckdb":
            with duckdb.connect(str(path), read_only=True) as db:
                for (table,) in db.sql("select table_name from information_schema.tables").fetchall():
                    values = str(db.sql(f'select * from "{table}"').fetchall())
                    assert not any(secret in values for secret in secrets), (path, table)


def test_a_smaller_size_limit_from_the_command_line_reaches_the_ingest(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "small.txt").write_text(_article("Small talks", "Envoys met in Hue."), encoding="utf-8")
    shutil.copy(DEV_ARTICLES[0], raw / "large.txt")
    assert main(["run", "--raw", str(raw), "--output", str(tmp_path / "out"), "--max-article-bytes", "1KiB"]) == 0
    rejections = _table(tmp_path / "out", "rejections")
    assert [(r["source_file"], r["reason"]) for r in rejections] == [("large.txt", "too_large")]
    assert "1,024 bytes" in rejections[0]["detail"]


def test_no_csv_text_cell_begins_with_a_formula_character(published: Path) -> None:
    """Inputs named '=SUM(A1).txt', '+cmd.txt', '-leading-dash.txt' reach text cells of several tables."""
    import csv

    triggers = ("=", "+", "-", "@", "\t", "\r")
    checked = 0
    for path in sorted(published.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                for column, cell in row.items():
                    assert not cell.startswith(triggers), (path.name, column, cell)
                    checked += 1
    sources = {row["source_file"] for row in _table(published, "articles")}
    assert {"=SUM(A1).txt", "+cmd.txt", "-leading-dash.txt"} <= sources and checked > 0
