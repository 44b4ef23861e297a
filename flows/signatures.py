"""Which inputs are unchanged since the last run, told from file metadata without reading them.

A refresh of a large corpus must cost in proportion to what is new, but reading and hashing
every input to find the few new ones is most of the cost of a refresh (20,000 articles: ~3 s,
more than everything else a refresh does). Like git's index and make, the state records a
signature of each input's metadata when it was read: size, modification and change times
(nanoseconds), inode and device, for the text file and for its sidecar (or its absence). An
input whose signature is the same now is taken as unchanged; any other is read and hashed as
before, and only the hash decides whether its rows are reused.

Rules that keep this as safe as hashing:
- Only regular files (lstat, not following links) get a signature: a symbolic link could point
  at something that changed without the link changing, so links are always read.
- The change time (ctime) moves on every write and cannot be set back by a user, so content
  restored with its old modification time (`touch -d`, `cp -p`) is still seen as changed.
- Racy inputs get no signature: a file changed in the same clock tick as it was examined could
  change again without moving its times, so one whose change time is within RACY_SECONDS of the
  moment it was examined is hashed on the next run too (git calls these "racily clean").
- The signature is taken before the file is read, so a change while it is read moves the
  change time past the recorded one and is caught on the next run.
"""
from __future__ import annotations

import os
import stat
import time
from pathlib import Path

from flows.ingest import sidecar_name

RACY_SECONDS = 2.0
_NO_SIDECAR = "-"


def input_signatures(raw_dir: Path, sources: list[str], now: float | None = None) -> dict[str, str | None]:
    """Source name -> its input's signature, for every input of the raw folder (source names as
    flows.ingest.list_sources gives them: paths made as text, two stat calls an input)."""
    examined = time.time() if now is None else now
    root = f"{raw_dir}{os.sep}"
    return {source: input_signature(root + source, root + sidecar_name(source), examined) for source in sources}


def input_signature(path: str | Path, sidecar: str | Path, now: float | None = None) -> str | None:
    """The signature of an input (text file + sidecar), or None when it must always be read."""
    examined = time.time() if now is None else now
    text = _file_signature(path, examined)
    if text is None:
        return None
    try:
        sidecar_stat = os.lstat(sidecar)
    except FileNotFoundError:
        return f"{text}|{_NO_SIDECAR}"
    except OSError:
        return None
    meta = _signature(sidecar_stat, examined)
    return None if meta is None else f"{text}|{meta}"


def _file_signature(path: str | Path, examined: float) -> str | None:
    try:
        return _signature(os.lstat(path), examined)
    except OSError:
        return None


def _signature(info: os.stat_result, examined: float) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return None
    if examined - info.st_ctime_ns / 1e9 < RACY_SECONDS or examined - info.st_mtime_ns / 1e9 < RACY_SECONDS:
        return None
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}:{info.st_dev}"


def text_size(signature: str) -> int:
    """The text file's size in bytes, as the signature recorded it."""
    return int(signature.split(":", 1)[0])
