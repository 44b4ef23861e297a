"""Crash safety and concurrency: real `bilateral run` processes, killed with SIGKILL or run together.

Whatever point a run is killed at, readers find `output/current` on a complete release, every
top-level link resolving, CSV and Parquet with the same rows, datapackage.json hashes matching
the files, and a state.json that is absent, stale (ignored) or consistent; the next run cleans up
and publishes what a clean run would. Two runs on one output never write at the same time.

Kills land at delays spread over a measured run and, to hit the short publish window every
time, at named points inside publishing: with BILATERAL_TEST_PAUSE_AT=<point> a run prints
"bilateral: paused at <point>" and sleeps there (flows.publish.pause_point) until it is killed.
Every run of this module talks to one Prefect server started here (~3 s per run instead of ~12 s
for an ephemeral server each); it falls back to ephemeral servers if that one does not start.
"""
from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import queue
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import psutil
import pytest

from flows.lock import LOCK_FILE, LockHolder, OutputLockedError, output_lock, read_holder
from flows.ownership import STAGING_PREFIX
from flows.prefect_server import free_port
from flows.publish import DATAPACKAGE, PAUSE_ENV, release_file_names, remove_leftovers
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]
DEV_ARTICLES = sorted((ROOT / "raw").glob("*.txt"))
STAGING = re.compile(re.escape(STAGING_PREFIX) + r".+-[0-9a-f]{32}|\.tmp-[0-9a-f]{32}")
VARIANTS = 24                       # generated articles next to the dev ones, so a run has work
# Kill points, in order, on one output folder: fractions of a measured run's duration, and
# named points inside publishing (see flows.publish.pause_point and flows.publish_datasets).
KILL_POINTS: list[float | str] = [
    0.15, "lock_acquired", 0.3, "release_tables_written", 0.45, "before_release_rename",
    0.6, "after_release_rename", "before_replace:current", 0.75, "after_current_switch", "before_state_save",
]


# --- Running bilateral -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prefect_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("prefect-home")
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING", "BILATERAL_PROGRESS": "0"}
    env.pop("PREFECT_API_URL", None)
    port = free_port()
    with (home / "server.log").open("wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                                   "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api"
        yield {**env, "PREFECT_API_URL": url} if _wait_healthy(url, server, 120) else env
    finally:
        _end_group(server, signal.SIGTERM)


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    return True
        time.sleep(0.3)
    return False


def _end_group(process: subprocess.Popen, sig: int) -> None:
    """Signal the process group this test started (runs get their own session)."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Run:
    """One `bilateral run` in its own process group, its output collected by reader threads."""

    def __init__(self, raw: Path, output: Path, env: dict[str, str], *args: str, pause_at: str | None = None) -> None:
        env = {**env, PAUSE_ENV: pause_at} if pause_at else env
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--output", str(output), *args],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.pid = self.process.pid
        self.killed = False
        self._out: list[str] = []
        self._err: list[str] = []
        self._err_lines: queue.Queue[str | None] = queue.Queue()
        self._readers = [threading.Thread(target=self._read, args=(self.process.stdout, self._out, None), daemon=True),
                         threading.Thread(target=self._read, args=(self.process.stderr, self._err, self._err_lines),
                                          daemon=True)]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _read(stream, into: list[str], lines: queue.Queue | None) -> None:
        for line in stream:
            into.append(line)
            if lines is not None:
                lines.put(line)
        if lines is not None:
            lines.put(None)

    @property
    def stdout(self) -> str:
        return "".join(self._out)

    @property
    def stderr(self) -> str:
        return "".join(self._err)

    def wait_for(self, text: str, timeout: float = 120) -> None:
        """Block until the run prints `text` on stderr; fail if it ends or times out first."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._err_lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                self.process.wait()
                pytest.fail(f"run ended (exit {self.process.returncode}) before printing {text!r}:\n{self.report()}")
            if text in line:
                return
        self.kill()
        pytest.fail(f"run did not print {text!r} within {timeout} s:\n{self.report()}")

    def kill(self) -> bool:
        """SIGKILL the run (and anything it started); True if it was still running."""
        self.killed = self.process.poll() is None
        _end_group(self.process, signal.SIGKILL)
        self._join()
        return self.killed

    def finish(self, timeout: float = 300) -> int:
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            pytest.fail(f"run did not finish within {timeout} s:\n{self.report()}")
        self._join()
        self.duration = time.monotonic() - self.started
        return self.process.returncode

    def _join(self) -> None:
        for reader in self._readers:
            reader.join(timeout=10)

    def report(self) -> str:
        return f"--- stdout\n{self.stdout}\n--- stderr\n{self.stderr[-4000:]}"


@pytest.fixture
def runs() -> Iterator[list[Run]]:
    """Every run a test starts; any still running at the end is killed."""
    started: list[Run] = []
    yield started
    for run in started:
        run.kill()


def start(runs: list[Run], *args, **kwargs) -> Run:
    run = Run(*args, **kwargs)
    runs.append(run)
    return run


def complete(runs: list[Run], *args, **kwargs) -> Run:
    run = start(runs, *args, **kwargs)
    assert run.finish() == 0, run.report()
    return run


# --- Inputs ------------------------------------------------------------------------------------

_FIGURE = re.compile(r"\b\d{2,3}(?=[,. ]\d{3}\b|\s(?:activities|events|students))")


def make_raw(folder: Path, variants: int = VARIANTS) -> Path:
    """The dev articles plus `variants` copies with other figures (no two texts equal)."""
    folder.mkdir(parents=True)
    for article in DEV_ARTICLES:
        shutil.copy(article, folder / article.name)
    for number in range(variants):
        add_variant(folder, number)
    return folder


def add_variant(folder: Path, number: int) -> None:
    rng = random.Random(number)
    source = DEV_ARTICLES[number % len(DEV_ARTICLES)].read_text(encoding="utf-8")
    text = _FIGURE.sub(lambda _: str(rng.randint(10, 999)), source)
    (folder / f"variant_{number:03d}.txt").write_text(f"{text}\n\nVariant copy {number}.\n", encoding="utf-8")


# --- What a reader may rely on, whenever a run was killed ------------------------------------------


def csv_row_count(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def csv_bytes(output: Path) -> dict[str, bytes]:
    return {table: (output / f"{table}.csv").read_bytes() for table in TABLES}


def assert_complete_release(folder: Path) -> dict:
    """Every file present; datapackage hashes, sizes and row counts match the files."""
    record = json.loads((folder / "release.json").read_text(encoding="utf-8"))
    assert record["version"] == folder.name
    missing = [name for name in release_file_names() if not (folder / name).is_file()]
    assert not missing, f"{folder.name} lacks {missing}"
    package = json.loads((folder / DATAPACKAGE).read_text(encoding="utf-8"))
    assert (package.get("version"), package.get("content_id")) == (record["version"], record["content_id"])
    checked = _check_file_entries(package, folder)
    for resource in package["resources"]:
        assert {resource["path"], resource["parquet"]["path"]} <= checked, f"{folder.name}: {resource['name']} not hashed"
    for table in TABLES:
        parquet_rows = pl.read_parquet(folder / f"{table}.parquet").height
        resource = next(r for r in package["resources"] if r["name"] == table)
        assert csv_row_count(folder / f"{table}.csv") == parquet_rows == resource["rows"] == record["rows"][table], \
            f"{folder.name}/{table}: CSV, Parquet and datapackage row counts differ"
    return record


def _check_file_entries(entry: object, folder: Path) -> set[str]:
    """Every object with a `path` (package, resources, their `parquet` twin): bytes and hash hold."""
    checked: set[str] = set()
    if isinstance(entry, list):
        for item in entry:
            checked |= _check_file_entries(item, folder)
    elif isinstance(entry, dict):
        if isinstance(entry.get("path"), str) and ("hash" in entry or "bytes" in entry):
            data = (folder / entry["path"]).read_bytes()
            if "bytes" in entry:
                assert entry["bytes"] == len(data), f"{folder.name}/{entry['path']}: bytes"
            if "hash" in entry:
                assert entry["hash"].removeprefix("sha256:") == hashlib.sha256(data).hexdigest(), \
                    f"{folder.name}/{entry['path']}: hash"
            checked.add(entry["path"])
        for value in entry.values():
            checked |= _check_file_entries(value, folder)
    return checked


def assert_consistent(output: Path, links_complete: bool = True) -> dict:
    """What readers see is one complete release; returns its release.json."""
    target = Path(os.readlink(output / "current"))
    assert target.parent == Path("releases") and not target.name.startswith("."), f"current -> {target}"
    releases = [folder for folder in (output / "releases").iterdir() if not folder.name.startswith(".")]
    for folder in releases:
        assert (folder / "release.json").is_file(), f"{folder.name} has no release.json"
        assert_complete_release(folder)
    record = json.loads((output / "current" / "release.json").read_text(encoding="utf-8"))
    assert record["version"] == target.name
    for entry in output.iterdir():
        if entry.is_symlink() and not entry.name.startswith("."):
            assert entry.exists(), f"top-level link {entry.name} -> {os.readlink(entry)} does not resolve"
    for name in release_file_names():
        link = output / name
        if links_complete or link.is_symlink():
            assert os.readlink(link) == f"current/{name}", f"{name} is not a link through current"
    for table in TABLES:   # what readers open: the top-level links
        if (output / f"{table}.csv").exists():
            assert csv_row_count(output / f"{table}.csv") == pl.read_parquet(output / f"{table}.parquet").height
    assert_state_absent_stale_or_consistent(output, record)
    return record


def assert_state_absent_stale_or_consistent(output: Path, record: dict) -> None:
    path = output / "state.json"
    if not path.exists():
        return
    state = json.loads(path.read_text(encoding="utf-8"))   # never half-written
    if state["content_id"] != record["content_id"]:
        return                                             # stale: the next run ignores it
    articles = pl.read_parquet(output / "current" / "articles.parquet")
    assert {source: entry["article_id"] for source, entry in state["articles"].items()} == dict(
        zip(articles["source_file"].to_list(), articles["article_id"].to_list(), strict=True))


def leftovers(output: Path) -> list[str]:
    folders = [output, output / "releases"]
    return sorted(entry.name for folder in folders if folder.is_dir() for entry in folder.iterdir()
                  if STAGING.fullmatch(entry.name))


def latest_release(output: Path) -> str:
    names = [folder.name for folder in (output / "releases").iterdir() if not folder.name.startswith(".")]
    return max(names, key=lambda name: tuple(int(part) for part in name.split(".")))


# --- Kill tests --------------------------------------------------------------------------------


def test_runs_killed_at_any_point_leave_a_consistent_output_that_the_next_run_completes(
        prefect_env: dict[str, str], runs: list[Run], tmp_path: Path) -> None:
    raw, output = make_raw(tmp_path / "raw"), tmp_path / "output"
    complete(runs, raw, output, prefect_env)                # a clean run from scratch
    clean_csv, clean_record = csv_bytes(output), assert_consistent(output)
    add_variant(raw, VARIANTS)
    measured = complete(runs, raw, output, prefect_env)    # a changed input: what the runs below do
    assert "published release" in measured.stdout
    assert_consistent(output)
    assert not leftovers(output)
    killed_by_delay = 0
    for number, point in enumerate(KILL_POINTS, start=VARIANTS + 1):
        add_variant(raw, number)                  # new input: every run has a new release to publish
        before = assert_consistent(output)
        if isinstance(point, float):
            run = start(runs, raw, output, prefect_env)
            time.sleep(point * measured.duration)
            killed_by_delay += run.kill()
        else:
            run = start(runs, raw, output, prefect_env, pause_at=point)
            run.wait_for(f"bilateral: paused at {point}")
            assert run.kill()
        after = assert_consistent(output)
        _assert_the_kill_left(point, output, before, after, run)
    assert killed_by_delay >= 3, "most runs ended before their delay: are runs much shorter than the measured one?"

    (output / f"{STAGING_PREFIX}state.json-{'0' * 32}").write_text("{}", encoding="utf-8")   # save_state's own staging file
    for number in range(VARIANTS, VARIANTS + 1 + len(KILL_POINTS)):
        (raw / f"variant_{number:03d}.txt").unlink()   # back to the first input
    final = complete(runs, raw, output, prefect_env)
    assert "did not finish" in final.stderr           # the lock file still named the last killed run
    record = assert_consistent(output)
    assert not leftovers(output), leftovers(output)
    assert read_holder(output / LOCK_FILE) is None        # released cleanly: the lock file is empty
    assert json.loads((output / "state.json").read_text(encoding="utf-8"))["content_id"] == record["content_id"]
    assert csv_bytes(output) == clean_csv and record["content_id"] == clean_record["content_id"]


def _assert_the_kill_left(point: float | str, output: Path, before: dict, after: dict, run: Run) -> None:
    """The named points are where they claim to be: each leaves its own signature."""
    state = json.loads((output / "state.json").read_text(encoding="utf-8")) if (output / "state.json").exists() else None
    if point == "lock_acquired":
        assert after == before
        holder = read_holder(output / LOCK_FILE)
        assert holder is not None and holder.pid == run.pid and holder.is_running() is False
    elif point in ("release_tables_written", "before_release_rename"):
        assert after == before and any(name.startswith(f"{STAGING_PREFIX}release-") for name in leftovers(output))
    elif point == "after_release_rename":
        assert after == before and latest_release(output) != after["version"]   # complete, never current
    elif point == "before_replace:current":
        assert after == before and any(name.startswith(f"{STAGING_PREFIX}current-") for name in leftovers(output))
    elif point in ("after_current_switch", "before_state_save"):
        assert after["version"] == latest_release(output) != before["version"]
        assert after["previous"] == before["version"]
        assert state is None or state["content_id"] != after["content_id"]     # stale, so ignored


def test_a_first_publish_killed_while_linking_is_completed_by_the_next_run(
        prefect_env: dict[str, str], runs: list[Run], tmp_path: Path) -> None:
    raw, output = make_raw(tmp_path / "raw", variants=2), tmp_path / "output"
    run = start(runs, raw, output, prefect_env, pause_at="before_replace:events.csv")
    run.wait_for("bilateral: paused at before_replace:events.csv")
    assert run.kill()
    assert_consistent(output, links_complete=False)
    assert not (output / "events.csv").is_symlink() and (output / "articles.csv").is_symlink()
    assert any(name.startswith(f"{STAGING_PREFIX}events.csv-") for name in leftovers(output))
    rerun = complete(runs, raw, output, prefect_env)
    assert "nothing changed" in rerun.stdout
    assert_consistent(output)
    assert not leftovers(output)


# --- Two runs on one output ----------------------------------------------------------------------


def test_two_runs_started_together_publish_one_after_the_other(
        prefect_env: dict[str, str], runs: list[Run], tmp_path: Path) -> None:
    output = tmp_path / "output"
    raws = [make_raw(tmp_path / "raw1", variants=3), make_raw(tmp_path / "raw2", variants=4)]
    together = [start(runs, raw, output, prefect_env) for raw in raws]
    assert [run.finish() for run in together] == [0, 0], [run.report() for run in together]
    record = assert_consistent(output)
    versions = sorted((output / "releases").iterdir())
    assert [folder.name.rsplit(".", 1)[1] for folder in versions] == ["1", "2"]   # no version written twice
    second = json.loads((versions[1] / "release.json").read_text(encoding="utf-8"))
    assert second["previous"] == versions[0].name and record["version"] == versions[1].name
    assert not leftovers(output)


def test_a_locked_output_is_refused_with_exit_3_or_waited_for_until_the_holder_dies(
        prefect_env: dict[str, str], runs: list[Run], tmp_path: Path) -> None:
    raw, output = make_raw(tmp_path / "raw", variants=1), tmp_path / "output"
    holder = start(runs, raw, output, prefect_env, pause_at="lock_acquired")
    holder.wait_for("bilateral: paused at lock_acquired")
    refused = start(runs, raw, output, prefect_env, "--lock-timeout", "0")
    waiting = start(runs, raw, output, prefect_env)                  # default: waits up to 60 s
    assert refused.finish() == 3, refused.report()
    assert f"in use by another bilateral run (pid {holder.pid} on {socket.gethostname()}" in refused.stderr
    waiting.wait_for(f"(pid {holder.pid} on {socket.gethostname()}")
    assert "waiting up to 60 s" in waiting.stderr
    assert not (output / "current").exists()          # nobody wrote while the holder held the lock
    assert holder.kill()                              # SIGKILL: the kernel drops the lock
    assert waiting.finish() == 0, waiting.report()
    assert "did not finish" in waiting.stderr.split("waiting up to 60 s")[1]   # told about the killed holder
    assert "published release" in waiting.stdout
    assert_consistent(output)


# --- flows.lock and flows.publish.remove_leftovers, in and across processes --------------------------

HOLD = """
import sys, time
from pathlib import Path
from flows.lock import output_lock
with output_lock(Path(sys.argv[1]), timeout=0):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""
HOLD_WITHOUT_RECORD = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(descriptor, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


@contextlib.contextmanager
def holder_process(target: Path, seconds: float, script: str = HOLD) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen([sys.executable, "-c", script, str(target), str(seconds)], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert process.stdout.readline().strip() == "locked"
        yield process
    finally:
        _end_group(process, signal.SIGKILL)
        process.stdout.close()


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_second_process_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    with holder_process(tmp_path, 60) as holder:
        started = time.monotonic()
        with pytest.raises(OutputLockedError) as refused, output_lock(tmp_path, timeout=0.5):
            pass
        assert time.monotonic() - started >= 0.5
    assert refused.value.holder.pid == holder.pid
    assert f"pid {holder.pid} on {socket.gethostname()}" in str(refused.value) and "stale" not in str(refused.value)


def test_a_second_process_waits_for_the_holder_to_finish(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    with holder_process(tmp_path, 1) as holder:
        with output_lock(tmp_path, timeout=30) as lock:
            assert lock.holder.pid == os.getpid() and lock.previous is None   # the holder released cleanly
    assert f"in use by another bilateral run (pid {holder.pid}" in capfd.readouterr().err


def test_the_lock_dies_with_a_killed_holder_and_the_next_run_is_told(tmp_path: Path) -> None:
    with holder_process(tmp_path, 60) as holder:
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()
        with output_lock(tmp_path, timeout=0) as lock:
            assert lock.previous is not None and lock.previous.pid == holder.pid
            assert lock.previous.is_running() is False
            assert read_holder(tmp_path / LOCK_FILE) == lock.holder
    assert read_holder(tmp_path / LOCK_FILE) is None and (tmp_path / LOCK_FILE).exists()


def test_a_dead_pid_in_a_held_lock_file_is_reported_as_stale(tmp_path: Path) -> None:
    gone = LockHolder(pid=dead_pid(), hostname=socket.gethostname(), started="2026-01-01T00:00:00Z")
    (tmp_path / LOCK_FILE).write_text(json.dumps(gone.__dict__), encoding="utf-8")
    with holder_process(tmp_path / LOCK_FILE, 60, HOLD_WITHOUT_RECORD), \
            pytest.raises(OutputLockedError, match=rf"pid {gone.pid} .*stale"):
        with output_lock(tmp_path, timeout=0):
            pass


def test_the_lock_creates_the_output_folder_and_refuses_a_second_holder_in_the_same_process(tmp_path: Path) -> None:
    output = tmp_path / "new" / "output"
    with output_lock(output) as lock:
        assert output.is_dir()
        with pytest.raises(OutputLockedError, match=f"pid {os.getpid()}"), output_lock(output, timeout=0):
            pass
        assert read_holder(lock.path) == lock.holder
    with output_lock(output, timeout=0):             # released on leaving the block
        pass


def test_remove_leftovers_removes_only_staging_entries(tmp_path: Path) -> None:
    hex32 = "0123456789abcdef" * 2
    releases = tmp_path / "releases"
    (releases / "2026.11.23.1").mkdir(parents=True)
    for staged in (releases / f"{STAGING_PREFIX}release-{hex32}", releases / f".tmp-{hex32}"):
        staged.mkdir()
        (staged / "events.csv").write_text("x")
    os.symlink("releases/2026.11.23.1", tmp_path / f"{STAGING_PREFIX}current-{hex32}")
    os.symlink("current/events.csv", tmp_path / f"{STAGING_PREFIX}events.csv-{hex32}")
    (tmp_path / f"{STAGING_PREFIX}state.json-{hex32}").write_text("{}")
    keep = [tmp_path / LOCK_FILE, tmp_path / "README.md", tmp_path / ".hidden-notes", tmp_path / "state.json",
            tmp_path / f".notes-{hex32}", tmp_path / f".current-{hex32}"]   # a user's, shaped like old leftovers
    for path in keep:
        path.write_text("")
    removed = remove_leftovers(tmp_path)
    assert sorted(path.name for path in removed) == sorted(
        [f"{STAGING_PREFIX}release-{hex32}", f".tmp-{hex32}", f"{STAGING_PREFIX}current-{hex32}",
         f"{STAGING_PREFIX}events.csv-{hex32}", f"{STAGING_PREFIX}state.json-{hex32}"])
    assert not leftovers(tmp_path) and all(path.exists() for path in keep) and (releases / "2026.11.23.1").is_dir()


# --- Interrupts: Ctrl-C, SIGTERM and SIGKILL end the whole run ----------------------------------------

WORKERS_SEEN_TIMEOUT = 240


def workers_of(run: Run) -> list[psutil.Process]:
    """Wait until the run's process pool is extracting: its worker processes."""
    deadline = time.monotonic() + WORKERS_SEEN_TIMEOUT
    while time.monotonic() < deadline and run.process.poll() is None:
        with contextlib.suppress(psutil.Error):
            workers = [child for child in psutil.Process(run.pid).children(recursive=True)
                       if "multiprocessing" in " ".join(child.cmdline())]
            if len(workers) >= 2:
                return workers
        time.sleep(0.1)
    pytest.fail(f"the run started no process pool:\n{run.report()}")


def all_gone(processes: list[psutil.Process], timeout: float) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    return not [process for process in alive if process.status() != psutil.STATUS_ZOMBIE]


@pytest.mark.parametrize(("send", "code"), [
    (lambda pid: os.killpg(pid, signal.SIGINT), 130),    # Ctrl-C on a terminal: the whole process group
    (lambda pid: os.kill(pid, signal.SIGINT), 130),      # SIGINT to the run's own pid only
    (lambda pid: os.kill(pid, signal.SIGTERM), 143),
])
def test_an_interrupted_run_stops_within_ten_seconds_leaving_no_process_and_a_free_lock(
        tmp_path: Path, runs: list[Run], prefect_env: dict[str, str], send, code: int) -> None:
    raw, output = make_raw(tmp_path / "raw", variants=3000), tmp_path / "out"
    run = start(runs, raw, output, prefect_env)
    started = [psutil.Process(run.pid), *psutil.Process(run.pid).children(recursive=True), *workers_of(run)]
    send(run.pid)
    assert run.finish(timeout=10) == code, run.report()
    assert all_gone(started, timeout=5)
    with output_lock(output, timeout=0):
        pass
    assert not leftovers(output)


def test_a_killed_run_takes_its_pool_workers_with_it(tmp_path: Path, runs: list[Run], prefect_env: dict[str, str]) -> None:
    raw, output = make_raw(tmp_path / "raw", variants=3000), tmp_path / "out"
    run = start(runs, raw, output, prefect_env)
    workers = workers_of(run)
    os.kill(run.pid, signal.SIGKILL)
    run.finish(timeout=10)
    assert all_gone(workers, timeout=5)
