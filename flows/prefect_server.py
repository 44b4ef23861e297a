"""A Prefect API server on loopback, run as a child process that dies with its parent.

`bilateral serve` needs a server with a scheduler (`prefect server start`); `bilateral run` only
needs an API for its flow and task runs, the ephemeral server Prefect would start on its own.
Both are started here rather than by Prefect: started by Prefect (its SubprocessASGIServer),
the server module is first imported into the flow's own process (~2 s and ~100 MB that the
flow never uses once PREFECT_API_URL is set), and the server outlives a killed run. Nothing
here listens beyond loopback.
"""
from __future__ import annotations

import atexit
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
STARTUP_TIMEOUT = 120  # seconds; a fresh sqlite database is migrated on first start
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class ServerStartError(RuntimeError):
    """The server exited or did not answer while starting."""


@dataclass
class LoopbackServer:
    process: subprocess.Popen
    api_url: str
    healthy: bool = False     # /health has answered once

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(command: list[str], api_url: str, env: dict[str, str] | None = None,
                 poll_seconds: float = 0.5) -> LoopbackServer:
    """Start `command` (a server answering at `api_url`) and wait until /health answers."""
    server = _launch(command, api_url, env)
    _wait_until_healthy(server, poll_seconds)
    return server


def _launch(command: list[str], api_url: str, env: dict[str, str] | None) -> LoopbackServer:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, preexec_fn=_die_with_parent)
    return LoopbackServer(process, api_url)


def _wait_until_healthy(server: LoopbackServer, poll_seconds: float) -> None:
    """Wait for /health; a server that fails to come up is stopped."""
    if server.healthy:
        return
    try:
        _wait_healthy(server, poll_seconds)
    except BaseException:
        server.stop()
        raise
    server.healthy = True


@contextmanager
def running_server(command: list[str], api_url: str) -> Iterator[str]:
    """The server for the duration of the block: its API URL."""
    server = start_server(command, api_url)
    try:
        yield api_url
    finally:
        server.stop()


# ---------------------------------------------------------------- the ephemeral API of a run

_run_server: LoopbackServer | None = None


def ephemeral_api_url() -> str:
    """The API of this process's ephemeral server, started on first use on a free loopback port
    and stopped when the process exits (or dies: see _die_with_parent). Later runs in the same
    process reuse it, as they reused Prefect's own."""
    server = launch_ephemeral_server()
    _wait_until_healthy(server, poll_seconds=0.05)
    return server.api_url


def launch_ephemeral_server() -> LoopbackServer:
    """This process's ephemeral server, started if it is not running, without waiting for it to
    answer: `bilateral run` starts it before importing the flow's modules, so that the two
    (seconds each, on one core each) overlap; ephemeral_api_url then waits for it."""
    global _run_server
    if _run_server is None or _run_server.process.poll() is not None:
        port = free_port()
        _run_server = _launch(_ephemeral_command(port), f"http://{LOOPBACK}:{port}/api", _ephemeral_environment())
        atexit.register(_run_server.stop)
    return _run_server


def _ephemeral_command(port: int) -> list[str]:
    """What Prefect 3.8.8 runs for its ephemeral API (SubprocessASGIServer._run_uvicorn_command)."""
    import prefect

    return [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
            "--factory", "prefect.server.api.server:create_app", "--host", LOOPBACK, "--port", str(port),
            "--log-level", "error", "--lifespan", "on"]


def _ephemeral_environment() -> dict[str, str]:
    """The environment Prefect gives its ephemeral server: no UI, only the services an ephemeral
    server runs, and this process's Prefect settings (a profile's, or temporary ones)."""
    from prefect.settings import get_current_settings

    return {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
            **get_current_settings().to_environment_variables(exclude_unset=True)}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is no conflict
        try:
            probe.bind((LOOPBACK, port))
        except OSError:
            return False
    return True


def _die_with_parent() -> None:
    """Linux: the server gets SIGTERM when its parent dies, even by SIGKILL, so none is orphaned."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux/glibc: stopped on a normal exit only
        pass


def _wait_healthy(server: LoopbackServer, poll_seconds: float) -> None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via an HTTP(S)_PROXY
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerStartError(f"the local Prefect server exited with status {server.process.returncode} while starting")
        try:
            with opener.open(f"{server.api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(poll_seconds)
    raise ServerStartError(f"the local Prefect server did not answer at {server.api_url} within {STARTUP_TIMEOUT} s")
