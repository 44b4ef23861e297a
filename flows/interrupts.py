"""Ctrl-C and SIGTERM end a run at once and cleanly; workers never outlive the run.

Left to Python and Prefect, a Ctrl-C on a terminal reaches every process of the run: the local
Prefect server dies first, and the flow's process then waits on workers and retries a server
that is gone, for minutes, holding the output lock. A run has nothing to save when stopped
mid-way (a release is switched atomically, flows.publish), so it stops the way a killed run
would, minus what a kill leaves behind: every process it started is killed, its staging files
are removed, and it exits 130 (SIGINT) or 143 (SIGTERM); the kernel drops the lock with it. A
second signal while that happens exits at once.

A worker of the process pool is forked by a server process the flow's process started
(flows.worker_pool); if the flow's process is killed outright (SIGKILL, the OOM killer), nothing
tells the worker, which would run its batch to the end and live on under pid 1. So each worker
watches the flow's process and exits when it is gone.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

import psutil

PARENT_CHECK_SECONDS = 0.5
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_ending = False
_watching_parent = False


@contextmanager
def stopping_cleanly_on_signals(clean_up: Callable[[], object]) -> Iterator[None]:
    """For the block: SIGINT and SIGTERM kill this process's children, call `clean_up` (remove
    staging files; the caller holds the output lock) and exit 128 + the signal's number. Only the
    main thread can set handlers; elsewhere the block runs with the handlers it had."""
    def end_run(signum: int, frame: FrameType | None) -> None:
        _end_run(signum, clean_up)

    try:
        previous = {sig: signal.signal(sig, end_run) for sig in _SIGNALS}
    except ValueError:   # not the main thread
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _end_run(signum: int, clean_up: Callable[[], object]) -> None:
    global _ending
    if _ending:
        os._exit(128 + signum)
    _ending = True
    sys.stderr.write(f"bilateral: {signal.Signals(signum).name} received: stopping the run "
                     "(send it again to stop at once)\n")
    sys.stderr.flush()
    kill_descendants()
    with suppress(Exception):
        clean_up()
    os._exit(128 + signum)


def kill_descendants() -> None:
    """SIGKILL every process this one started (workers, their helpers, the local Prefect server)."""
    children = psutil.Process().children(recursive=True)
    for child in children:
        with suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(children, timeout=5)


def exit_with_parent() -> None:
    """In a worker process: exit as soon as the process that started it is gone. Idempotent."""
    global _watching_parent
    parent = multiprocessing.parent_process()
    if parent is None or _watching_parent:
        return
    _watching_parent = True
    # the pid multiprocessing recorded (the flow's process), not getppid(): that is the process
    # that forked this one (a fork server, or the flow's process when spawned), and the flow's
    # process may already be gone, its getppid() taken now being init's
    threading.Thread(target=_watch_parent, args=(parent.pid, os.getppid()), name="exit-with-parent",
                     daemon=True).start()


def _watch_parent(parent_pid: int, forked_by: int) -> None:
    """Exit when the flow's process is gone, or the process that forked this one is (it is
    reparented): a fork server exits when the flow's process does."""
    while os.getppid() == forked_by and _alive(parent_pid):
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_staging(output_dir: Path) -> Callable[[], object]:
    """The clean-up of a run interrupted while holding `output_dir`'s lock."""
    from flows.publish import remove_leftovers

    return lambda: remove_leftovers(output_dir)
