"""Specification of the collector thresholds a run raises: raised inside, as they were after."""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from flows.gc_thresholds import RUN_THRESHOLDS, raised_gc_thresholds


@pytest.fixture(autouse=True)
def default_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_a_block_runs_at_the_run_thresholds_and_restores_the_previous_ones() -> None:
    with raised_gc_thresholds():
        assert gc.get_threshold() == RUN_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_come_back_even_when_the_block_fails() -> None:
    with pytest.raises(RuntimeError), raised_gc_thresholds():
        raise RuntimeError("extraction failed")
    assert gc.get_threshold() == (700, 10, 10)


def test_overlapping_blocks_restore_the_thresholds_from_before_the_first() -> None:
    """Batches on the thread task runner overlap: the first to end must not put back the
    defaults under the second, nor the last put back the raised ones."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[tuple[int, int, int]] = []

    def first() -> None:
        with raised_gc_thresholds():
            first_in.set()
            second_in.wait()
        first_out.set()

    def second() -> None:
        first_in.wait()
        with raised_gc_thresholds():
            second_in.set()
            first_out.wait()
            seen.append(gc.get_threshold())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [RUN_THRESHOLDS]
    assert gc.get_threshold() == (700, 10, 10)


@pytest.mark.parametrize("chosen", [(50_000, 10, 10), (0, 10, 10)], ids=["already higher", "collector off"])
def test_a_caller_s_own_choice_is_left_alone(chosen: tuple[int, int, int]) -> None:
    gc.set_threshold(*chosen)
    with raised_gc_thresholds():
        assert gc.get_threshold() == chosen
    assert gc.get_threshold() == chosen
