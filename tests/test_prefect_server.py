"""Specification of the ephemeral Prefect server a local run starts (flows.prefect_server)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A process that runs a tiny flow under local_run, then reports and waits to be killed.
_RUN_A_FLOW = """
import sys
from prefect import flow
from flows.runners import local_run
import flows.prefect_server as server

@flow
def tiny() -> int:
    return 1

with local_run():
    assert tiny() == 1
print(server._run_server.process.pid, "prefect.server.api.server" in sys.modules, flush=True)
sys.stdin.read()
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:   # a zombie has exited
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def run_process() -> Iterator[subprocess.Popen]:
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    process = subprocess.Popen([sys.executable, "-c", _RUN_A_FLOW], cwd=ROOT, env=env, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    yield process
    process.kill()
    process.wait()


def test_the_flows_process_never_imports_the_server(run_process: subprocess.Popen) -> None:
    """Prefect's own ephemeral server is imported into the process that starts it (~2 s, ~100 MB)."""
    _, imported = run_process.stdout.readline().split()
    assert imported == "False"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parent-death signal is Linux only")
def test_the_server_dies_with_a_killed_run(run_process: subprocess.Popen) -> None:
    server_pid = int(run_process.stdout.readline().split()[0])
    assert _alive(server_pid)
    run_process.send_signal(signal.SIGKILL)
    run_process.wait()
    deadline = time.monotonic() + 20
    while _alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(server_pid)


_LAUNCH_THEN_WAIT = """
import flows.prefect_server as server
launched = server.launch_ephemeral_server()
assert not launched.healthy
url = server.ephemeral_api_url()
print(launched is server._run_server, launched.healthy, url == launched.api_url, flush=True)
"""


def test_a_server_launched_early_is_the_one_the_run_waits_for() -> None:
    """`bilateral run` starts the server before importing the flow; the run then uses that one."""
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    done = subprocess.run([sys.executable, "-c", _LAUNCH_THEN_WAIT], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=300)
    assert done.stdout.split() == ["True", "True", "True"], done.stderr
