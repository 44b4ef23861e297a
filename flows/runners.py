"""Where the batches run: local processes by default, a Dask cluster for more than one machine.

Extraction is pure Python and CPU-bound, so threads would share one core; the default is a
pool of processes, one per core. Dask (prefect-dask) runs the same tasks on a local cluster or,
with an address, on an existing cluster of many machines, without changing the flow.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from flows.prefect_server import ephemeral_api_url, launch_ephemeral_server

if TYPE_CHECKING:  # Prefect is imported when a runner is made, so `bilateral --help` stays fast
    from prefect.task_runners import TaskRunner

TASK_RUNNERS = ("process", "thread", "dask")
DEFAULT_TASK_RUNNER = "process"


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def make_task_runner(kind: str = DEFAULT_TASK_RUNNER, workers: int | None = None,
                     dask_address: str | None = None) -> TaskRunner:
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.interrupts import exit_with_parent
    from flows.worker_pool import ForkedProcessPoolTaskRunner

    workers = workers or default_workers()
    if kind == "process":
        return ForkedProcessPoolTaskRunner(max_workers=workers, initializer=exit_with_parent)
    if kind == "thread":
        return ThreadPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                              "dashboard_address": None})
    raise ValueError(f"unknown task runner {kind!r}; choose one of {', '.join(TASK_RUNNERS)}")


def launch_local_server() -> None:
    """Start the server local_run will use now, without waiting for it (see
    flows.prefect_server.launch_ephemeral_server); nothing when an API is configured."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if not PREFECT_API_URL.value() and PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        launch_ephemeral_server()


@contextmanager
def local_run() -> Iterator[None]:
    """Prefect settings for a run started from this machine (`bilateral run`, the benchmark).

    Without a Prefect API configured, Prefect starts an ephemeral server (a uvicorn process) in
    every process that needs one - the flow's, and each worker's of the process pool or a local
    Dask cluster, since the server's address is not a setting the workers inherit. Each costs
    ~5 s of CPU to start, taken from the extraction it runs beside. So one server is started
    here (flows.prefect_server: the same server Prefect would start, without importing it into
    this process) and its address set (setting and environment, for workers spawned later): one
    server for the whole run, and for later runs of the same process.

    Flow-run heartbeats let a Prefect server notice runs that crashed; a run on that ephemeral
    server has no one watching it, and on exit Prefect waits up to a second for the heartbeat
    thread (it sleeps in one-second steps) - a tenth of a quick refresh. With an API configured
    (a real server or Prefect Cloud), both are left to Prefect."""
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        PREFECT_SERVER_EPHEMERAL_ENABLED,
        temporary_settings,
    )

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        yield
        return
    api_url = ephemeral_api_url()
    with temporary_settings(updates={PREFECT_API_URL: api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}), \
            _environment_and_global_settings("PREFECT_API_URL", api_url):
        yield


@contextmanager
def _environment_and_global_settings(name: str, value: str) -> Iterator[None]:
    """The variable in the environment (for processes spawned later) and in Prefect's global
    settings, which threads Prefect starts without the caller's context read (the process pool's
    event forwarder did, and started a second ephemeral server in mid-run)."""
    from prefect.context import refresh_global_settings_context

    previous = os.environ.get(name)
    os.environ[name] = value
    refresh_global_settings_context()
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = previous
        refresh_global_settings_context()
