"""Specification of flows.native: the mypyc-compiled copies of the hot modules are used only while
they are a complete build of the current source, and they extract exactly what the source does.

The loading rules are checked on a copy of the package in a temporary folder, imported in a fresh
interpreter (the finder is installed once, on `import flows`). The tests that need a build skip
when this tree has none that matches the source (`make native` failed or was not run); `make test`
sets BILATERAL_NATIVE=require, so there a missing build is an error instead.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.machinery
import json
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import flows
from flows import native
from flows.extract import extract_article
from flows.ingest import InputError, read_article
from test_fuzz import FRAGMENTS, LONG_NUMBERS

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
MODULES = [name[:-3].replace("/", ".") for name in native.COMPILED]

REQUIRED = os.environ.get("BILATERAL_NATIVE") == "require"   # as `make test` sets it: nothing is skipped
needs_build = pytest.mark.skipif(not flows.NATIVE and not REQUIRED, reason="the compiled modules are not in use: "
                                 "`make native` failed or was not run, or BILATERAL_NATIVE=0")


def run_python(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter that imports the `flows` package of `cwd`."""
    environ = {key: value for key, value in os.environ.items() if key != "BILATERAL_NATIVE"}
    environ |= {"PYTHONPATH": str(cwd), **env}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=environ, capture_output=True, text=True,
                          timeout=300)


# ------------------------------------------------------------------ which modules are loaded

@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the package and of its compiled modules: `import flows` there uses that copy."""
    shutil.copytree(ROOT / "flows", tmp_path / "flows", ignore=shutil.ignore_patterns("__pycache__"))
    if (ROOT / ".native").is_dir():
        shutil.copytree(ROOT / ".native", tmp_path / ".native")
    return tmp_path


def edit_source(tree: Path) -> None:
    with (tree / "flows/normalise/places.py").open("a", encoding="utf-8") as file:
        file.write("# edited\n")


def remove_one_extension(tree: Path) -> None:
    (tree / ".native/flows/normalise/places").with_suffix(SUFFIX).unlink()


def remove_the_build(tree: Path) -> None:
    shutil.rmtree(tree / ".native", ignore_errors=True)


def unchanged(tree: Path) -> None:
    pass


REPORT = ("import flows, flows.scan, flows.normalise.places as places; "
          "print(flows.NATIVE, flows.scan.__spec__.origin, places.__spec__.origin)")


@needs_build
@pytest.mark.parametrize(("change", "mode", "compiled"), [
    (unchanged, "auto", True),
    (unchanged, "require", True),
    (unchanged, "0", False),                    # turned off
    (edit_source, "auto", False),               # one source edited: none of the build is used
    (remove_one_extension, "auto", False),
    (remove_the_build, "auto", False),
    (remove_the_build, "0", False),
])
def test_the_compiled_modules_are_imported_only_while_they_are_a_complete_build_of_the_source(
        tree: Path, change, mode: str, compiled: bool) -> None:
    change(tree)
    result = run_python(REPORT, tree, BILATERAL_NATIVE=mode)
    assert result.returncode == 0, result.stderr
    used, *origins = result.stdout.split()
    assert used == str(compiled)
    if compiled:
        assert all(origin.endswith(SUFFIX) for origin in origins), origins
    else:
        assert all(Path(origin).is_relative_to(tree / "flows") and origin.endswith(".py") for origin in origins), origins


@needs_build
@pytest.mark.parametrize(("change", "problem"), [
    (edit_source, "is missing or older than the source"),
    (remove_the_build, "is missing or older than the source"),
    (remove_one_extension, "is incomplete"),
])
def test_require_makes_a_stale_or_incomplete_build_an_import_error_that_names_the_folder_and_the_fix(
        tree: Path, change, problem: str) -> None:
    change(tree)
    result = run_python("import flows", tree, BILATERAL_NATIVE="require")
    assert result.returncode != 0
    assert f"ImportError: BILATERAL_NATIVE=require, but the compiled modules in {tree / '.native'} {problem}: " \
           "run `make native`" in result.stderr


@pytest.mark.parametrize("name", [*native.COMPILED, *native.CALLED])
def test_an_edit_to_any_compiled_module_or_one_they_call_changes_the_fingerprint(tree: Path, name: str) -> None:
    assert native.fingerprint(tree) == native.fingerprint()
    with (tree / name).open("a", encoding="utf-8") as file:
        file.write("\n")
    assert native.fingerprint(tree) != native.fingerprint()


@pytest.mark.parametrize(("change", "mode"), [
    (edit_source, "auto"),
    (remove_the_build, "auto"),
    (unchanged, "0"),
])
def test_use_declines_a_build_it_cannot_use_and_installs_no_finder(
        tree: Path, monkeypatch: pytest.MonkeyPatch, change, mode: str) -> None:
    """In this process, with or without a build here (the table above needs one)."""
    change(tree)
    monkeypatch.setenv("BILATERAL_NATIVE", mode)
    finders = list(sys.meta_path)
    assert native.use(tree) is False
    assert sys.meta_path == finders


# ------------------------------------------------------------------ compiled and pure agree

def fuzz_articles(count: int = 400, seed: int = 2026) -> list[tuple[str, str, str | None]]:
    """(name, text, published) of articles spliced as tests/test_fuzz.py splices them - news
    sentences of tests/fuzz_fragments.yaml with odd characters between, pieces and long numbers -
    drawn from a seeded generator, and every fragment alone in an article of its own."""
    draw = random.Random(seed)
    phrases = [f for group in ("numbers", "dates", "people", "places", "triggers") for f in FRAGMENTS[group]]
    odd = FRAGMENTS["odd"]

    def news_sentence() -> str:
        groups = ("dates", "people", "triggers", "places", "dates", "triggers", "numbers")
        parts = [draw.choice(FRAGMENTS[g]) for g in groups if draw.randrange(10) < 6]
        gaps = [" ", " ", " ", f" {draw.choice(odd)} ", draw.choice(odd)]
        return "".join(part + draw.choice(gaps) for part in parts).strip(" ") + draw.choice([".", ".", "", "!", ";"])

    def spliced(pieces: int) -> str:
        kinds = [lambda: draw.choice(phrases), lambda: draw.choice(odd), lambda: draw.choice(LONG_NUMBERS)]
        separators = [" ", " ", "", "\n", ", ", ". ", "\u00a0", "\t", "\n\n"]
        return "".join(draw.choice(kinds)() + draw.choice(separators) for _ in range(draw.randrange(pieces + 1)))

    articles = []
    for number in range(count):
        headline = news_sentence() if number % 3 else spliced(4)
        paragraphs = [" ".join(news_sentence() if draw.randrange(3) else spliced(8) for _ in range(draw.randint(1, 4)))
                      for _ in range(draw.randint(1, 5))]
        published = str(dt.date(2000, 1, 1) + dt.timedelta(days=draw.randrange(10000))) if number % 2 else None
        articles.append((f"fuzz_{number:03d}.txt", headline + "\n\n" + "\n".join(paragraphs) + "\n", published))
    for group, fragments in FRAGMENTS.items():
        for number, fragment in enumerate(fragments):
            articles.append((f"{group}_{number:03d}.txt", f"Leaders meet\n\n{fragment}\n", "2024-06-01"))
    return articles


def corpus() -> list[tuple[str, str, str | None]]:
    """The dev articles in raw/, then the fuzz articles."""
    raw = [(path.name, path.read_text(encoding="utf-8"), None) for path in sorted((ROOT / "raw").glob("*.txt"))]
    return raw + fuzz_articles()


def extracted(articles: list[tuple[str, str, str | None]]) -> dict[str, str]:
    """Each article's record and extracted rows (or why it was rejected), as JSON."""
    results = {}
    for name, text, published in articles:
        data = text.encode("utf-8")
        meta = {"published_date": dt.date.fromisoformat(published)} if published else {}
        try:
            article = read_article(data, name, meta, hashlib.sha256(data).hexdigest())
        except InputError as error:
            result: object = {"rejected": [error.reason, error.detail]}
        else:
            result = {"article": article.record(), "rows": extract_article(article)}
        results[name] = json.dumps(result, default=repr, sort_keys=True)
    return results


PURE_SIDE = """
import json, sys
import flows
from test_native import extracted
print(json.dumps({"native": flows.NATIVE, "results": extracted(json.load(sys.stdin))}))
"""


@needs_build
def test_the_compiled_modules_extract_exactly_what_the_source_does() -> None:
    articles = corpus()
    environ = {**os.environ, "BILATERAL_NATIVE": "0", "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), str(ROOT)])}
    result = subprocess.run([sys.executable, "-c", PURE_SIDE], input=json.dumps(articles), env=environ, cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    pure = json.loads(result.stdout)
    compiled = extracted(articles)
    assert pure["native"] is False and len(pure["results"]) == len(articles) > 500
    assert sum('"events": [{' in rows for rows in compiled.values()) > 50   # the corpus reaches the extractors
    for name, _, _ in articles:
        assert compiled[name] == pure["results"][name], name


# ------------------------------------------------------------------ where they are used

def loaded_from() -> tuple[bool, dict[str, str]]:
    """flows.NATIVE and where each compiled module was loaded from, in this process."""
    for name in MODULES:
        __import__(name)
    return flows.NATIVE, {name: sys.modules[name].__spec__.origin for name in MODULES}


def is_compiled_build(origins: dict[str, str]) -> bool:
    """Extension modules all (mypyc gives them the file name of the source folder, not of .native)."""
    return all(origin.endswith(SUFFIX) for origin in origins.values())


@needs_build
def test_every_compiled_module_is_loaded_from_the_build() -> None:
    """Under BILATERAL_NATIVE=require (`make test`) this runs whatever the build: a build that
    silently failed cannot pass for a run of the compiled modules."""
    used, origins = loaded_from()
    assert used and is_compiled_build(origins), origins


@needs_build
def test_a_spawned_worker_uses_the_compiled_modules_too() -> None:
    """Prefect's process pool spawns its workers: they import flows afresh."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        used, origins = pool.apply(loaded_from)
    assert used and is_compiled_build(origins), origins


FIRST_IMPORT = """
from pathlib import Path
from flows.extract import extract_article
from flows.ingest import read_articles
raw = Path("raw")
articles = read_articles(sorted(raw.glob("*.txt")), raw).articles
print(sum(len(rows) for article in articles for rows in extract_article(article).values()))
"""


@needs_build
@pytest.mark.parametrize("module", MODULES)
def test_the_compiled_modules_find_their_data_files_whichever_is_imported_first(module: str) -> None:
    """A compiled module's __file__ names .native/, where no data file is (once only when it was
    imported first): data files are found through flows.data_files, which is never compiled."""
    result = run_python(f"import {module}\n{FIRST_IMPORT}", ROOT)   # imported before anything else of flows
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 20
