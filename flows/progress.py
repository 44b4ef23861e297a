"""A progress bar for long runs, shown only to a person watching a terminal.

Scheduled runs log to files; a bar redrawn with carriage returns would fill them with noise, so
it appears only when standard error is a terminal (or BILATERAL_PROGRESS=1 forces it).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


def progress_wanted() -> bool:
    forced = os.environ.get("BILATERAL_PROGRESS")
    return forced == "1" if forced in {"0", "1"} else sys.stderr.isatty()


@contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """Yields `advance(n)`; the bar disappears when the block ends."""
    if not progress_wanted() or total == 0:
        yield lambda _: None
        return
    columns = (TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        bar = progress.add_task(label, total=total)
        yield lambda n: progress.advance(bar, n)
