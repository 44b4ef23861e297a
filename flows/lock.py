"""One writer per output folder: `output/.bilateral.lock`, held for the whole run.

Two runs publishing into the same folder at once could pick the same version number, read a
state the other is replacing, or delete each other's staging files. So a run takes an exclusive
`fcntl.flock` on `output/.bilateral.lock` before it reads anything there and keeps the file
open until it ends. The kernel drops the lock when the holder exits, however it exits (SIGKILL,
OOM kill, power loss): a dead run never leaves a stale lock behind, and the lock file is never
deleted (deleting a flock file lets two runs lock two different files).

A second run waits for the lock up to `timeout` seconds (default 60, `math.inf` waits forever,
0 refuses at once), then raises OutputLockedError naming the holder. The file holds the
holder's pid, host and start time for that message only; it is emptied on a clean release, so
content found when the lock is free means the previous run died without finishing, and content
naming a pid that is no longer running while the lock is held is reported as stale.
"""
from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import math
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

LOCK_FILE = ".bilateral.lock"
DEFAULT_LOCK_TIMEOUT = 60.0          # seconds a run waits for another run on the same output
_POLL_SECONDS = 0.2


@dataclass(frozen=True)
class LockHolder:
    pid: int
    hostname: str
    started: str                     # ISO 8601 UTC

    def is_running(self) -> bool | None:
        """Whether the holder process still exists; None when it runs on another host."""
        if self.hostname != socket.gethostname():
            return None
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:      # exists, owned by another user
            return True
        return True

    def __str__(self) -> str:
        return f"pid {self.pid} on {self.hostname}, started {self.started}"

    def describe(self) -> str:
        """For a holder of a lock that is held: a dead pid means the file's content is stale."""
        return f"{self}; stale: that process is no longer running" if self.is_running() is False else str(self)


class OutputLockedError(RuntimeError):
    """Another run holds the output folder's lock."""

    def __init__(self, output_dir: Path, holder: LockHolder | None, waited: float) -> None:
        self.output_dir, self.holder, self.waited = output_dir, holder, waited
        who = holder.describe() if holder else "a process that has not recorded itself yet"
        super().__init__(f"output folder {output_dir} is in use by another bilateral run ({who}); "
                         f"gave up after waiting {waited:.1f} s. Try again when it has finished"
                         f" (or raise --lock-timeout).")


@dataclass(frozen=True)
class OutputLock:
    path: Path
    holder: LockHolder               # this process
    previous: LockHolder | None      # a holder that died without releasing (its leftovers may remain)


@contextmanager
def output_lock(output_dir: Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> Iterator[OutputLock]:
    """Hold the output folder's lock for the `with` block (the folder is created if missing)."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(descriptor, output_dir, path, timeout)
        previous = read_holder(path)
        holder = LockHolder(os.getpid(), socket.gethostname(), _utc_now())
        _write(descriptor, json.dumps(asdict(holder)).encode() + b"\n")
        if previous is not None:
            sys.stderr.write(f"note: the previous run on {output_dir} ({previous}) did not finish; "
                             f"cleaning up after it\n")
        try:
            yield OutputLock(path, holder, previous)
        finally:
            _write(descriptor, b"")  # left by Python, even on an error: the file is emptied
    finally:
        os.close(descriptor)         # drops the lock


def read_holder(path: Path) -> LockHolder | None:
    """Who the lock file says holds the lock (None when empty, missing or half-written)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(pid=int(document["pid"]), hostname=str(document["hostname"]), started=str(document["started"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _acquire(descriptor: int, output_dir: Path, path: Path, timeout: float) -> None:
    started = time.monotonic()
    deadline = started + max(timeout, 0.0)
    announced = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
        now = time.monotonic()
        if now >= deadline:
            raise OutputLockedError(output_dir, read_holder(path), now - started)
        if not announced:
            holder = read_holder(path)
            limit = "until it finishes" if math.isinf(timeout) else f"up to {timeout:g} s"
            sys.stderr.write(f"output folder {output_dir} is in use by another bilateral run "
                             f"({holder.describe() if holder else 'holder not recorded yet'}); waiting {limit}\n")
            announced = True
        time.sleep(min(_POLL_SECONDS, max(deadline - now, 0.0)))


def _write(descriptor: int, data: bytes) -> None:
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, data, 0)
    os.fsync(descriptor)


def _utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
