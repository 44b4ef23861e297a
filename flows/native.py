"""Compiled (mypyc) copies of the hot extraction modules, used only while they match the source.

`make native` (python tools/build_native.py) compiles the modules in COMPILED into .native/, next
to a fingerprint of their sources. On `import flows`, use() puts a finder in front of the normal
import system that loads those compiled modules instead of the .py files - but only if the
fingerprint still matches every one of the .py files: the compiled modules call one another
directly, so an edit to any of them means all-or-nothing. Otherwise the pure-Python source runs
(and BILATERAL_NATIVE=require makes that an error, BILATERAL_NATIVE=0 turns the compiled modules off).
A compiled module's __file__ names its file in .native/, which holds no data: the compiled modules read
their vocabulary files through flows.data_files, which is not compiled.

The records these modules build by the thousand per article (sentences, mentions, quantities) are
"record classes": plain classes with Final attributes set in an explicit __init__, rather than
frozen dataclasses. mypyc compiles that __init__ and makes the attributes read-only; a dataclass's
__init__ is generated when the module loads, so it stays interpreted. They compare by identity,
which gives what comparing their fields gave: where two are compared (the dates of two event
mentions, a person among those of a trigger) both come from one list of an article's mentions, and
no two of those are at the same offsets.
"""
from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NATIVE_DIR = ROOT / ".native"
COMPILED = (
    "flows/scan.py", "flows/sentences.py", "flows/ingest.py", "flows/clean.py", "flows/decode.py",
    "flows/extract/actors.py", "flows/extract/agreements.py", "flows/extract/common.py",
    "flows/extract/context.py", "flows/extract/event_merge.py", "flows/extract/events.py",
    "flows/extract/statistics.py", "flows/normalise/dates.py", "flows/normalise/names.py",
    "flows/normalise/numbers.py", "flows/normalise/places.py",
)
# Modules the compiled ones call without being compiled: mypyc checks at run time that what they
# return has the declared type, so a build is current only while these are unchanged too.
CALLED = ("flows/ids.py", "flows/incremental.py", "flows/data_files.py", "flows/sidecar.py",
          "flows/extract/rules.py", "flows/extract/statistic_rules.py", "flows/extract/event_rules.py",
          "flows/extract/agreement_rules.py")


def fingerprint(root: Path = ROOT) -> str:
    """Of the compiled sources under `root`, the modules they call, and the interpreter the
    extensions are built for."""
    digest = hashlib.sha256(sys.implementation.cache_tag.encode())
    for name in (*COMPILED, *CALLED):
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


class _Finder(importlib.abc.MetaPathFinder):
    """The compiled modules and mypyc's shared library (a top-level module) from the build folder."""
    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(self, fullname, path=None, target=None):
        file = self.files.get(fullname)
        if file is None:
            return None
        return importlib.util.spec_from_file_location(
            fullname, file, loader=importlib.machinery.ExtensionFileLoader(fullname, str(file)))


def use(root: Path = ROOT, native_dir: Path | None = None) -> bool:
    """Load the compiled modules from now on, if `native_dir` (root/.native) holds a complete
    build of the sources under `root`. Whether they are used: not when BILATERAL_NATIVE=0; a
    stale or incomplete build is an ImportError when BILATERAL_NATIVE=require, else ignored."""
    mode = os.environ.get("BILATERAL_NATIVE", "auto")
    if mode == "0":
        return False
    native_dir = root / ".native" if native_dir is None else native_dir
    stamp = native_dir / "FINGERPRINT"
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    files = {name[:-3].replace("/", "."): native_dir / (name[:-3] + suffix) for name in COMPILED}
    if not (stamp.is_file() and stamp.read_text().strip() == fingerprint(root)):
        problem = "is missing or older than the source"
    elif not all(file.is_file() for file in files.values()):
        problem = "is incomplete"
    else:
        for shared in native_dir.glob("*__mypyc" + suffix):   # mypyc's shared library, a top-level module
            files[shared.name[:-len(suffix)]] = shared
        sys.meta_path.insert(0, _Finder(files))
        return True
    if mode == "require":
        raise ImportError(f"BILATERAL_NATIVE=require, but the compiled modules in {native_dir} {problem}: "
                          "run `make native` (or unset BILATERAL_NATIVE to run the pure-Python modules)")
    return False
