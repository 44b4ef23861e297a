"""The process pool of `--task-runner process`: Prefect's, with workers forked from a fork server.

Prefect's ProcessPoolTaskRunner spawns every worker as a new interpreter that imports Prefect,
polars and the extraction modules before its first batch: seconds of CPU per worker per run,
while the batches wait. Here the workers are forked from multiprocessing's fork server, which
imports those modules once (`PRELOADED`) and holds no threads, so a fork is as safe as a spawn
and a worker starts at once. Everything else is Prefect's: this subclass only swaps the start
method in __enter__, which follows Prefect 3.8.8's own (pinned in pyproject.toml).
"""
from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, _initialize_process_pool_worker

# What a worker runs: the batch task and the Prefect engine that runs it.
PRELOADED = ["flows.batches", "prefect.task_engine", "prefect.task_runners", "prefect.context", "prefect.engine"]
START_METHOD = "forkserver"


class ForkedProcessPoolTaskRunner(ProcessPoolTaskRunner):
    """ProcessPoolTaskRunner whose workers come from a fork server with PRELOADED imported."""

    def __enter__(self) -> ForkedProcessPoolTaskRunner:
        TaskRunner.__enter__(self)
        context = multiprocessing.get_context(START_METHOD)
        context.set_forkserver_preload(PRELOADED)
        self._subprocess_message_queue = context.Queue()
        self._message_forwarding_thread = threading.Thread(
            target=self._forward_subprocess_messages, name="ProcessPoolTaskRunnerMessageForwarder", daemon=True)
        self._message_forwarding_thread.start()
        try:
            self._executor = ProcessPoolExecutor(
                max_workers=self._max_workers, mp_context=context, initializer=_initialize_process_pool_worker,
                initargs=(self._subprocess_message_queue, _start_forked_worker, (self._initializer, self._initargs)))
            self._resolver_executor = ThreadPoolExecutor(max_workers=self._max_workers)
        except Exception:
            if self._executor is not None:
                self._executor.shutdown(cancel_futures=True, wait=True)
                self._executor = None
            self._stop_message_forwarding()
            raise
        return self


def _start_forked_worker(initializer: Callable[..., object] | None, initargs: tuple) -> None:
    """A forked worker ends with os._exit, which skips the atexit handlers a spawned one runs:
    Prefect's, among them stopping an ephemeral server the worker started when the run gave it
    no API. multiprocessing runs its finalizers before that exit, so they run there."""
    multiprocessing.util.Finalize(None, atexit._run_exitfuncs, exitpriority=0)
    if initializer is not None:
        initializer(*initargs)
