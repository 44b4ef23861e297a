"""The same flow on other task runners gives the same release: processes, threads, Dask."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import flows.publish_datasets as flow_module
from flows.publish_datasets import batch_sizes, publish_datasets, with_task_runner
from flows.runners import local_run
from schemas.tables import TABLES

ROOT = Path(__file__).resolve().parents[1]


def csv_bytes(output: Path) -> dict[str, bytes]:
    return {table: (output / f"{table}.csv").read_bytes() for table in TABLES}


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dev articles and edited copies of them: enough inputs for several batches."""
    folder = tmp_path_factory.mktemp("raw")
    for number, article in enumerate(sorted((ROOT / "raw").glob("*.txt")) * 3):
        headline, body = article.read_text(encoding="utf-8").split("\n", 1)
        edited = f"{headline}\n\nThe two sides have held {number + 2} rounds of talks so far.\n{body}"
        (folder / f"{number:02d}_{article.name}").write_text(edited, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def in_process(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("in_process")
    publish_datasets(raw_dir, output)                 # six inputs: one batch, run in the flow's process
    return output


@pytest.mark.parametrize("runner", ["process", "thread", "dask"])
def test_every_task_runner_publishes_the_same_tables(raw_dir: Path, in_process: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, runner: str) -> None:
    monkeypatch.setattr(flow_module, "MIN_BATCH_SIZE", 1)     # batches of one or two inputs on two workers
    monkeypatch.setattr(flow_module, "MAX_BATCH_SIZE", 2)
    with local_run():   # as `bilateral run`: workers use the run's server instead of each starting one
        summary = with_task_runner(runner, workers=2)(raw_dir, tmp_path)
    assert summary.articles_extracted == 6
    assert csv_bytes(tmp_path) == csv_bytes(in_process)


@pytest.mark.parametrize(("inputs", "workers", "first", "count"), [
    (2, 2, 2, 1),            # tiny runs stay one batch
    (1000, 2, 500, 4),       # a worker's share of what is left each time
    (20000, 2, 3000, 11),    # none above 3,000 and few: Prefect's per-task cost stays small
    (300, 4, 200, 2),        # never below 200 inputs
])
def test_batches_shrink_towards_the_end_and_cover_every_input(inputs: int, workers: int, first: int, count: int) -> None:
    sizes = batch_sizes(inputs, workers)
    assert (sizes[0], len(sizes), sum(sizes)) == (first, count, inputs)
    assert sizes == sorted(sizes, reverse=True)
    assert all(200 <= size <= 3000 for size in sizes[:-1])


def test_a_local_run_gives_its_workers_the_flows_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers spawned during the run inherit the address: without it each started a server of its own."""
    import httpx
    from prefect.settings import PREFECT_API_URL

    from flows.runners import local_run

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    if PREFECT_API_URL.value():
        pytest.skip("a Prefect API is configured in this profile")
    with local_run():
        address = os.environ["PREFECT_API_URL"]
        assert PREFECT_API_URL.value() == address
        assert httpx.get(f"{address}/health", timeout=10).status_code == 200
        assert _setting_in_a_new_thread() == address
    assert "PREFECT_API_URL" not in os.environ and not PREFECT_API_URL.value()
    assert not _setting_in_a_new_thread()


def _setting_in_a_new_thread() -> str | None:
    """PREFECT_API_URL as a thread Prefect starts sees it: without the caller's context (Prefect's
    process pool forwards its workers' events from such a thread)."""
    from prefect.settings import PREFECT_API_URL

    seen: list[str | None] = []
    thread = threading.Thread(target=lambda: seen.append(PREFECT_API_URL.value()))
    thread.start()
    thread.join()
    return seen[0]


def test_a_configured_api_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.runners import local_run

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}), local_run():
        assert PREFECT_API_URL.value() == "http://127.0.0.1:9/api"
        assert "PREFECT_API_URL" not in os.environ


def _worker_origin() -> tuple[int, int, bool]:
    import multiprocessing
    import sys
    return os.getppid(), multiprocessing.parent_process().pid, "flows.batches" in sys.modules


def test_process_workers_are_forked_from_a_server_that_already_imported_the_batch_modules() -> None:
    """Spawned, each worker imported Prefect, polars and the extraction modules again before its
    first batch (seconds per worker per run); forked from the fork server, it starts with them."""
    from prefect import flow, task

    from flows.runners import make_task_runner

    origin = task(_worker_origin)

    @flow(task_runner=make_task_runner("process", workers=1))
    def where_workers_come_from() -> tuple[int, int, bool]:
        return origin.submit().result()

    with local_run():
        forked_by, recorded_parent, preloaded = where_workers_come_from()
    assert recorded_parent == os.getpid() and forked_by != os.getpid()
    assert preloaded


_RUN_WITHOUT_AN_API = """
import os, sys
from pathlib import Path
if __name__ == "__main__":
    os.environ.pop("PREFECT_API_URL", None)
    import flows.publish_datasets as flow_module
    flow_module.MIN_BATCH_SIZE, flow_module.MAX_BATCH_SIZE = 1, 2
    flow_module.with_task_runner("process", workers=2)(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def _orphaned_servers(started_after: float) -> list[int]:
    import psutil

    return [p.pid for p in psutil.process_iter(["ppid", "cmdline", "create_time"])
            if p.info["ppid"] == 1 and p.info["create_time"] >= started_after
            and "prefect.server.api.server:create_app" in " ".join(p.info["cmdline"] or [])]


def test_workers_leave_no_prefect_server_behind_when_the_run_gave_them_no_api(raw_dir: Path, tmp_path: Path) -> None:
    """Without an API, Prefect starts a server in each worker and stops it at exit; a forked
    worker ends with os._exit, so the pool runs the workers' exit handlers itself."""
    import subprocess
    import sys
    import time

    started = time.time() - 1
    script = tmp_path / "run.py"
    script.write_text(_RUN_WITHOUT_AN_API, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    subprocess.run([sys.executable, str(script), str(raw_dir), str(tmp_path / "out")], cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, check=True)
    time.sleep(2)
    orphans = _orphaned_servers(started)
    for pid in orphans:
        os.kill(pid, 9)
    assert orphans == []
