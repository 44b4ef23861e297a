"""The output folder is bilateral's own: claimed by a marker, and nothing else in it is touched.

A run replaces top-level links, deletes staging leftovers and switches `current`. Pointed by
mistake at a folder holding other things (a website, a home directory), it must not replace a
user's `index.html` with a link or delete a hidden file because its name looks like a leftover.
So the first run writes a marker file; a folder without one is used only when it is empty (or
an output written before the marker existed, or the user says --force). Leftovers carry a
prefix only this tool writes, so they are recognised by that, not by the shape of a name.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from flows.lock import LOCK_FILE

MARKER = ".bilateral-output"
# Files a user may keep in an output folder, which runs never touch: a README describing it (the
# repository's own output/README.md among them).
USERS_FILES = frozenset({"README.md"})
# Every temporary name the tool makes in an output folder starts so (flows.publish.remove_leftovers).
STAGING_PREFIX = ".bilateral-tmp-"
_SHOWN = 5


class OutputNotOwnedError(RuntimeError):
    """The output folder holds things bilateral did not make; the message names some of them."""


def claim_output(output_dir: Path, force: bool = False) -> None:
    """Make sure the run may write into `output_dir` (which exists): it carries the marker, or is
    empty but for the lock, or is an output of an earlier version; then mark it. Raises
    OutputNotOwnedError otherwise, unless `force`."""
    current = output_dir / "current"
    if current.exists() and not current.is_symlink():
        raise OutputNotOwnedError(f"{current} is a {_kind(current)} bilateral did not make (it keeps a link there): "
                                  "move it away or choose another --output")
    if (output_dir / MARKER).is_file():
        return
    foreign = sorted(entry.name for entry in output_dir.iterdir() if entry.name not in {LOCK_FILE, *USERS_FILES})
    if foreign and not force and not _earlier_output(output_dir):
        shown = ", ".join(foreign[:_SHOWN]) + (f" and {len(foreign) - _SHOWN} more" if len(foreign) > _SHOWN else "")
        raise OutputNotOwnedError(f"output folder {output_dir} is not empty and was not written by bilateral "
                                  f"(it holds {shown}): choose an empty or new folder, or pass --force to publish "
                                  "beside those files (they are never replaced or deleted)")
    _write_marker(output_dir)


def made_by_tool(entry: Path) -> bool:
    """A top-level entry the tool may replace: a link it made (into `current/`, or `current`)."""
    return entry.is_symlink() and os.readlink(entry).startswith(("current/", "releases/"))


def _earlier_output(output_dir: Path) -> bool:
    """An output published before the marker existed: `current` links into its releases folder."""
    current = output_dir / "current"
    return current.is_symlink() and os.readlink(current).startswith("releases/") and (output_dir / "releases").is_dir()


def _write_marker(output_dir: Path) -> None:
    (output_dir / MARKER).write_text(json.dumps({"made_by": "bilateral", "about": "this folder is a bilateral "
                                                 "output: runs write here; keep other files elsewhere"}) + "\n",
                                     encoding="utf-8")


def _kind(path: Path) -> str:
    return "folder" if path.is_dir() else "file"
