"""`bilateral serve`: the deployment is registered with its cron schedule, and nothing listens
beyond loopback. The serving test starts the real command (and its local Prefect server) in a
subprocess with a fresh PREFECT_HOME, and reads what was registered from the server's sqlite
database, the same place `prefect deployment ls` would ask about."""
from __future__ import annotations

import json
import os
import queue
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Iterator

import pytest
from packaging.version import Version

from flows.prefect_server import free_port, port_is_free

ROOT = Path(__file__).resolve().parents[1]
CRON, TIMEZONE, NAME = "30 5 * * 1-5", "Europe/Paris", "nightly-test"
# Generous for a slow CI: the first start of a Prefect server migrates a fresh database (~11 s here).
SERVED_TIMEOUT, SCHEDULER_TIMEOUT, STOP_TIMEOUT = 240, 60, 60
ARTICLE = "Vietnam and Japan hold talks\n\nOn 5 March 2024 the foreign ministers of Vietnam and Japan met in Hanoi.\n"


def _bilateral(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_help_documents_the_schedule_and_the_api() -> None:
    result = _bilateral("serve", "--help")
    assert result.returncode == 0, result.stderr
    for text in ("--cron", '"0 6 * * *"', "--timezone", "UTC", "127.0.0.1", "PREFECT_API_URL", "PREFECT_API_KEY"):
        assert text in result.stdout, text


@pytest.mark.parametrize("option, value", [("--cron", "61 6 * * *"), ("--cron", "every day"),
                                           ("--timezone", "Mars/Olympus_Mons")])
def test_a_bad_schedule_exits_2_naming_the_value(option: str, value: str, tmp_path: Path) -> None:
    result = _bilateral("serve", option, value, "--raw", str(tmp_path))
    assert result.returncode == 2
    assert option in result.stderr and repr(value) in result.stderr


def test_a_missing_raw_folder_exits_2(tmp_path: Path) -> None:
    result = _bilateral("serve", "--raw", str(tmp_path / "missing"))
    assert result.returncode == 2 and "missing" in result.stderr


@dataclass
class Served:
    process: subprocess.Popen[str]
    database: Path
    port: int
    raw: Path
    output: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`bilateral serve` running against its own local server; always killed afterwards."""
    home, raw, output = (tmp_path_factory.mktemp(name) for name in ("prefect_home", "raw", "output"))
    (raw / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_API_PORT=str(port), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_SERVER_UI_ENABLED="false")
    command = [sys.executable, "-m", "flows.cli", "serve", "--cron", CRON, "--timezone", TIMEZONE, "--name", NAME,
               "--raw", str(raw), "--output", str(output)]
    # A session of its own, so the serve process and its server child can be killed as one group.
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    lines: list[str] = []
    try:
        _wait_for_line(process, lines, "is being served")
        yield Served(process, home / "prefect.db", port, raw, output)
    finally:
        _stop(process)


def test_serve_registers_the_deployment_with_its_cron_schedule(served: Served) -> None:
    [(deployment_id, flow, parameters)] = _query(
        served.database, "select d.id, f.name, d.parameters from deployment d join flow f on f.id = d.flow_id "
                         "where d.name = ?", NAME)
    assert flow == "publish_datasets"
    assert json.loads(parameters) == {"raw_dir": str(served.raw.resolve()), "output_dir": str(served.output.resolve())}
    [(schedule,)] = _query(served.database, "select schedule from deployment_schedule where deployment_id = ?",
                           deployment_id)
    schedule = json.loads(schedule)
    assert (schedule["cron"], schedule["timezone"]) == (CRON, TIMEZONE)


def test_serve_listens_on_loopback_only(served: Served) -> None:
    listening = _listening_addresses(served.process.pid)
    assert ("127.0.0.1", served.port) in listening  # the local Prefect server
    assert all(host in ("127.0.0.1", "::1") for host, _ in listening), listening


@pytest.mark.xfail(Version(version("sqlalchemy")) >= Version("2.1"), run=False,
                   reason="Prefect 3.8.8's scheduler fails under SQLAlchemy 2.1 (bulk insert of flow runs: "
                          "'Can't evaluate bulk DML statement'); it needs sqlalchemy<2.1")
def test_the_local_server_schedules_runs_from_the_cron(served: Served) -> None:
    deadline = time.monotonic() + SCHEDULER_TIMEOUT
    while time.monotonic() < deadline:
        runs = _query(served.database, "select r.state_type from flow_run r join deployment d "
                                       "on d.id = r.deployment_id where d.name = ?", NAME)
        if runs:
            break
        time.sleep(1)
    assert runs and {state for (state,) in runs} <= {"SCHEDULED", "PENDING", "RUNNING", "COMPLETED"}


def test_stopping_serve_stops_its_local_server(served: Served) -> None:
    """Last in this module: it stops the shared serve process, as Ctrl-C would."""
    served.process.send_signal(signal.SIGINT)
    assert served.process.wait(timeout=STOP_TIMEOUT) == 0
    deadline = time.monotonic() + STOP_TIMEOUT
    while not port_is_free(served.port) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert port_is_free(served.port)


def _wait_for_line(process: subprocess.Popen[str], lines: list[str], text: str) -> None:
    """Read the output in a thread, so a silent process cannot block the test past its timeout."""
    received: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in process.stdout:
            received.put(line)
        received.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + SERVED_TIMEOUT
    while time.monotonic() < deadline:
        try:
            line = received.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        lines.append(line)
        if text in line:
            return
    pytest.fail(f"serve never said {text!r}; output:\n{''.join(lines)}")


def _stop(process: subprocess.Popen[str]) -> None:
    """SIGINT like Ctrl-C; then, whatever happened, make sure no process of the group survives."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        time.sleep(2)
    if process.poll() is None:
        process.kill()
    process.wait(timeout=STOP_TIMEOUT)


def _query(database: Path, sql: str, *parameters: object) -> list[tuple]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as connection:
        return connection.execute(sql, parameters).fetchall()


def _listening_addresses(group: int) -> set[tuple[str, int]]:
    """(host, port) of every TCP socket listened on by a process of the group, from /proc."""
    proc = Path("/proc")
    if not (proc / "net" / "tcp").exists():
        pytest.skip("needs Linux /proc")
    inodes: set[str] = set()
    for stat in proc.glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) != group:
                continue
            links = [os.readlink(fd) for fd in (stat.parent / "fd").iterdir()]
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
        inodes.update(link[len("socket:["):-1] for link in links if link.startswith("socket:["))
    addresses = set()
    for table in ("tcp", "tcp6"):
        for row in (proc / "net" / table).read_text().splitlines()[1:]:
            fields = row.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                addresses.add(_decode_address(fields[1]))
    return addresses


def _decode_address(field: str) -> tuple[str, int]:
    host, port = field.split(":")
    packed = bytes.fromhex(host)
    # /proc stores the address as native-endian 32-bit words.
    words = b"".join(packed[i:i + 4][::-1] for i in range(0, len(packed), 4)) if sys.byteorder == "little" else packed
    family = socket.AF_INET if len(packed) == 4 else socket.AF_INET6
    return socket.inet_ntop(family, words), int(port, 16)
