"""Throughput benchmark (issue 7): `make bench [N=20000]`, `make bench N=2000` for a quick run.

Builds a reproducible corpus of N distinct articles from the real ones in raw/ (bench/corpus.py
says how and why), runs the flow `publish_datasets` on it and prints: the machine; end-to-end
articles/s of a full run into an empty output folder, with and without Prefect's ephemeral
server start-up; peak memory; time per stage and Prefect's share; an incremental run that adds
one article; and a one-line verdict against the targets. Figures are printed, never asserted:
speed is measured here, not in tests.

Environment:
  BENCH_KEEP=DIR        keep corpus and outputs in DIR (must not exist or be empty) instead of a
                        temporary folder
  BENCH_TASK_RUNNER=X   pass task_runner=X to the flow      (only when set)
  BENCH_WORKERS=K       pass workers=int(K) to the flow     (only when set)
  BENCH_COLD=1          measure the cold full run directly (one more full run) instead of adding
                        the measured server start-up to the warm full run
  BENCH_SEED=S          corpus seed (default 7)
  PREFECT_HOME          Prefect's folder, as for `make run` (default ~/.prefect). Point it at a
                        new folder to measure a first-ever start, database creation included
"""
from __future__ import annotations

import os
import platform
import re
import resource
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from corpus import build_corpus  # noqa: E402

TARGET_RATE = 300            # articles/s, end to end
TARGET_PEAK_GIB = 2.0
TARGET_INCREMENTAL = 0.10    # incremental run / full run
STAGES = ("list", "ingest", "extract", "parallel_wall", "cross_article", "validate", "publish", "total")
CPU_STAGES = ("ingest", "extract")     # may be CPU seconds summed over worker processes
WALL_STAGES = ("list", "cross_article", "validate", "publish")


# ---------------------------------------------------------------------------------------- machine
def _ram_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 ** 2
    except OSError:
        pass
    return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


# ----------------------------------------------------------------------------------------- memory
def _peak_rss_kib() -> tuple[int, int]:
    """ru_maxrss (KiB on Linux) of this process and of its largest finished, waited-for child."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            pass
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler:
    """Samples the summed RSS of this process and all its descendants every `interval` s.

    getrusage cannot give this: RUSAGE_CHILDREN is the largest single finished child, and a
    child started by fork carries the parent's RSS at that moment in its ru_maxrss. The sum
    counts pages shared between processes once per process, so it errs on the high side.
    """

    def __init__(self, interval: float = 0.5) -> None:
        import threading
        self.interval, self.peak_kib, self.peak_processes = interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids, todo = [], [os.getpid()]
            while todo:
                pid = todo.pop()
                pids.append(pid)
                todo += _children(pid)
            total = sum(_rss_kib(pid) for pid in pids)
            if total > self.peak_kib:
                self.peak_kib, self.peak_processes = total, len(pids)
            self._stop.wait(self.interval)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _live_children_peak_kib() -> list[tuple[int, str, int]]:
    """(pid, command, VmHWM KiB) of child processes still running, e.g. Prefect's server.

    RUSAGE_CHILDREN only counts children that have ended and been waited for; the ephemeral
    Prefect server lives until this process exits, so its peak is read from /proc instead.
    """
    found = []
    for pid in _children(os.getpid()):
        try:
            status = Path(f"/proc/{pid}/status").read_text().splitlines()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        hwm = next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
        found.append((pid, command.strip()[:70], hwm))
    return found


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" (1/5/15 min, {os.cpu_count()} cores)"
    except OSError:
        return "unknown"


def _host_speed_ms() -> float:
    """CPU ms of a fixed pure-Python workload (string building, a regex, dict updates), best of
    five: on a shared VM the same code ran 25 % slower within an hour, with an idle load
    average. Runs are comparable only at similar values of this figure."""
    pattern = re.compile(r"\b(\w+) (\d+)\b")
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        counts: dict[str, int] = {}
        for i in range(20_000):
            for match in pattern.finditer(f"visit {i} summit {i * 7} trade {i % 97} talks {i // 3}"):
                counts[match.group(1)] = counts.get(match.group(1), 0) + int(match.group(2))
        best = min(best, time.process_time() - started)
    return best * 1000


# ------------------------------------------------------------------------------------------- flow
class FlowRunner:
    """Calls publish_datasets with the options from the environment, once they are accepted."""

    def __init__(self) -> None:
        from flows.publish_datasets import publish_datasets
        from flows.runners import local_run

        self.flow = publish_datasets
        self.local_run = local_run
        self.options: dict = {}
        if os.environ.get("BENCH_TASK_RUNNER"):
            self.options["task_runner"] = os.environ["BENCH_TASK_RUNNER"]
        if os.environ.get("BENCH_WORKERS"):
            self.options["workers"] = int(os.environ["BENCH_WORKERS"])
        self.note = ""

    def __call__(self, raw: Path, output: Path):
        """(summary, wall seconds of the publish_datasets call)."""
        started = time.perf_counter()
        try:
            with self.local_run():            # as `bilateral run` calls it
                summary = self.flow(raw, output, **self.options)
        except TypeError as error:
            # Prefect binds the parameters before the run starts (ParameterBindError is a
            # TypeError): an option the flow does not accept yet fails here, before any work.
            if not self.options or "unexpected keyword argument" not in str(error):
                raise
            reason = str(error).splitlines()[0]
            self.note = (f"NOTE: the flow does not accept {sorted(self.options)} yet ({reason}); "
                         f"ran without them")
            print(self.note, flush=True)
            self.options = {}
            shutil.rmtree(output, ignore_errors=True)
            started = time.perf_counter()
            with self.local_run():
                summary = self.flow(raw, output)
        return summary, time.perf_counter() - started


def _timings(summary) -> dict[str, float]:
    timings = getattr(summary, "timings", None) or {}
    return {key: float(value) for key, value in dict(timings).items() if isinstance(value, (int, float))}


def _stage_wall(timings: dict[str, float]) -> float | None:
    """Wall seconds the flow measured inside its own stages, or None without timings.

    "ingest"/"extract" may be CPU seconds summed over worker processes: when "parallel_wall"
    (the wall time of that parallel phase) is there it stands for both, otherwise they are
    taken as wall time. "total" is not a stage and is not added.
    """
    if not timings:
        return None
    wall = sum(timings.get(key, 0.0) for key in WALL_STAGES)
    if "parallel_wall" in timings:
        wall += timings["parallel_wall"]
    else:
        wall += sum(timings.get(key, 0.0) for key in CPU_STAGES)
    return wall


def _print_stages(timings: dict[str, float], call_seconds: float, indent: str = "  ") -> None:
    if not timings:
        print(f"{indent}(the flow returned no summary.timings: no per-stage times)")
        return
    cpu_note = " (CPU s summed over workers)" if "parallel_wall" in timings else ""
    for key in [*STAGES, *sorted(set(timings) - set(STAGES))]:
        if key in timings:
            note = cpu_note if key in CPU_STAGES else ""
            print(f"{indent}{key:<14} {timings[key]:8.2f} s  {100 * timings[key] / call_seconds:5.1f} %{note}")
    # Prefect's share = 1 - (sum of the stages' wall times the flow measured itself) / (wall time
    # of the whole publish_datasets call). What is left is what no stage measured: Prefect's flow
    # and task run machinery (API calls to the server, state changes, result handling, the run
    # artifact), the server start-up on a cold call, and any glue between the stages.
    wall = _stage_wall(timings)
    share = 1 - wall / call_seconds
    print(f"{indent}{'Prefect share':<14} {share * 100:7.1f} %  (1 - {wall:.2f} s in stages / {call_seconds:.2f} s call)")
    if "total" in timings:
        # the flow's own "total" splits that remainder: outside the flow body (flow run creation,
        # server calls, result handling) and inside it but in no stage (task calls, glue)
        outside, unstaged = call_seconds - timings["total"], timings["total"] - wall
        print(f"{indent}  of which {outside:.2f} s ({100 * outside / call_seconds:.1f} %) outside the flow body "
              f"(call - total) and {unstaged:.2f} s ({100 * unstaged / call_seconds:.1f} %) inside it in no "
              f"stage (total - stages: task calls, glue)")


def _rows(summary) -> str:
    release = getattr(summary, "release", None)
    rows = getattr(release, "rows", None) or {}
    return ", ".join(f"{table} {count:,}" for table, count in rows.items()) or "n/a"


def _rejections(summary) -> str:
    reasons: dict[str, int] = {}
    for rejection in getattr(summary, "rejections", []) or []:
        reason = getattr(rejection, "reason", "?")
        reasons[reason] = reasons.get(reason, 0) + 1
    return ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items())) or "none"


def _extracted_reused(summary) -> str:
    parts = [f"{attr} {getattr(summary, attr)}" for attr in ("articles_extracted", "articles_reused")
             if hasattr(summary, attr)]
    return ", ".join(parts)


# ------------------------------------------------------------------------------------------- main
def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("N", 20000))
    seed = int(os.environ.get("BENCH_SEED", 7))
    with ExitStack() as stack:
        keep = os.environ.get("BENCH_KEEP")
        if keep:
            base = Path(keep).resolve()
            if base.exists() and any(base.iterdir()):
                print(f"BENCH_KEEP={keep} is not empty: give a new or empty folder", file=sys.stderr)
                return 2
            base.mkdir(parents=True, exist_ok=True)
        else:
            base = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bilateral-bench-")))
        return _bench(n, seed, base)


def _bench(n: int, seed: int, base: Path) -> int:
    raw, warmup_raw = base / "raw", base / "warmup-raw"
    started = time.perf_counter()
    held_out = build_corpus(ROOT / "raw", raw, n, seed=seed, held_out=2)
    corpus_seconds = time.perf_counter() - started
    corpus_bytes = sum(p.stat().st_size for p in raw.iterdir())
    (new_name, new_text), (warm_name, warm_text) = held_out
    warmup_raw.mkdir()
    (warmup_raw / warm_name).write_text(warm_text, encoding="utf-8")

    started = time.perf_counter()
    run = FlowRunner()
    import_seconds = time.perf_counter() - started

    ram = _ram_gib()
    print(f"machine: {os.cpu_count()} cores ({_cpu_model()}), "
          f"{f'{ram:.1f} GiB RAM' if ram else 'RAM unknown'}; Python {platform.python_version()}, "
          f"polars {_version('polars')}, prefect {_version('prefect')}")
    print(f"N = {n:,} articles: corpus built in {corpus_seconds:.2f} s ({corpus_bytes / 2 ** 20:.0f} MiB, "
          f"seed {seed}) in {base}")
    import flows   # imported by FlowRunner: whether it loaded the compiled modules (flows/native.py)
    compiled = ("hot modules compiled (mypyc, .native/)" if flows.NATIVE
                else "hot modules pure Python (no current .native/ build, or BILATERAL_NATIVE=0)")
    print(f"options: {run.options or 'none (flow defaults)'}; {compiled}; "
          f"PREFECT_HOME={os.environ.get('PREFECT_HOME', '~/.prefect (default)')}; "
          f"flow modules imported in {import_seconds:.2f} s (not counted below)")
    print(f"load average before: {_load()} (other processes on this machine skew the figures); "
          f"host speed: {_host_speed_ms():.0f} ms for a fixed workload (lower is faster)")

    with TreeSampler() as sampler:
        return _runs(n, base, raw, warmup_raw, run, new_name, new_text, sampler)


def _runs(n: int, base: Path, raw: Path, warmup_raw: Path, run: FlowRunner, new_name: str, new_text: str,
          sampler: TreeSampler) -> int:
    cold_direct = os.environ.get("BENCH_COLD") == "1"
    if cold_direct:
        # a full run on a cold Prefect, then a full run on a warm one, both measured
        _, cold_seconds = run(raw, base / "output-cold")
        print(f"full run, cold (Prefect server start-up included): {cold_seconds:.2f} s, "
              f"{n / cold_seconds:.0f} articles/s")
        summary, full_seconds = run(raw, base / "output")
        startup = cold_seconds - full_seconds
    else:
        # Two calls with one small article first: the first starts Prefect's ephemeral server
        # (and its database), the second finds it warm; their difference is the start-up cost a
        # cold call pays on top of the work, then added to the warm full run measured below.
        _, tiny_cold = run(warmup_raw, base / "warmup-output-1")
        _, tiny_warm = run(warmup_raw, base / "warmup-output-2")
        startup = tiny_cold - tiny_warm
        print(f"warm-up: 1-article call {tiny_cold:.2f} s cold (server start), {tiny_warm:.2f} s warm "
              f"-> start-up {startup:.2f} s")
        summary, full_seconds = run(raw, base / "output")
        cold_seconds = full_seconds + startup
    peak_full = _peak_rss_kib()

    print()
    print(f"full run into an empty output folder ({n:,} articles):")
    if cold_direct:
        print(f"  end to end, server cold:  {cold_seconds:8.2f} s  {n / cold_seconds:7.1f} articles/s  (measured)")
    else:
        print(f"  end to end, server cold:  {cold_seconds:8.2f} s  {n / cold_seconds:7.1f} articles/s  "
              f"(warm run + {startup:.2f} s start-up)")
    print(f"  end to end, server warm:  {full_seconds:8.2f} s  {n / full_seconds:7.1f} articles/s  (measured)")
    print(f"  rows: {_rows(summary)}")
    print(f"  rejected: {_rejections(summary)}" + (f"; {_extracted_reused(summary)}" if _extracted_reused(summary) else ""))
    print("  time per stage (warm run), % of the call:")
    _print_stages(_timings(summary), full_seconds, indent="    ")

    # incremental: one new article (a variant not in the corpus) into the same output folder
    (raw / new_name).write_text(new_text, encoding="utf-8")
    incremental, incremental_seconds = run(raw, base / "output")
    ratio = incremental_seconds / full_seconds
    print()
    print(f"incremental run (+1 new article, {n + 1:,} inputs, same output folder, server warm):")
    print(f"  {incremental_seconds:.2f} s, {(n + 1) / incremental_seconds:.1f} inputs/s covered, "
          f"{ratio * 100:.1f} % of the warm full run (target <= {TARGET_INCREMENTAL * 100:.0f} %)")
    if _extracted_reused(incremental):
        print(f"  {_extracted_reused(incremental)}")
    print(f"  rejected: {_rejections(incremental)}")
    timings = _timings(incremental)
    if timings:
        print("  time per stage, % of the call:")
        _print_stages(timings, incremental_seconds, indent="    ")

    self_kib, children_kib = _peak_rss_kib()
    peak_kib = max(self_kib, children_kib)
    which = "this process" if self_kib >= children_kib else "a child process"
    print()
    print(f"peak memory: {peak_kib / 1024:.0f} MiB ({which}; getrusage ru_maxrss: RUSAGE_SELF "
          f"{self_kib / 1024:.0f} MiB, {peak_full[0] / 1024:.0f} MiB after the full run; RUSAGE_CHILDREN "
          f"{children_kib / 1024:.0f} MiB = largest finished child, which for a forked child includes the "
          f"parent's RSS when it was started)")
    print(f"  sampled every {sampler.interval:g} s: this process + its descendants together peaked at "
          f"{sampler.peak_kib / 1024:.0f} MiB ({sampler.peak_processes} processes, shared pages counted per process)")
    for pid, command, hwm in _live_children_peak_kib():
        print(f"  still running, not in RUSAGE_CHILDREN: pid {pid} peak {hwm / 1024:.0f} MiB  {command}")
    if run.note:
        print(run.note)
    print(f"load average after: {_load()}; host speed: {_host_speed_ms():.0f} ms for the fixed workload")

    rate = n / cold_seconds
    checks = [
        (rate >= TARGET_RATE, f"{rate:.0f} articles/s end to end incl. server start, {n / full_seconds:.0f} "
                              f"warm (target >= {TARGET_RATE})"),
        (peak_kib / 2 ** 20 <= TARGET_PEAK_GIB, f"peak {peak_kib / 2 ** 20:.2f} GiB max RSS of one process "
                                                f"[all processes together {sampler.peak_kib / 2 ** 20:.2f} GiB, "
                                                f"sampled] (target <= {TARGET_PEAK_GIB:g})"),
        (ratio <= TARGET_INCREMENTAL, f"incremental {ratio * 100:.1f} % of full (target <= {TARGET_INCREMENTAL * 100:.0f} %)"),
    ]
    verdict = "PASS" if all(ok for ok, _ in checks) else "FAIL"
    print()
    print(f"verdict (N={n:,}): {verdict}: " + "; ".join(f"{'ok' if ok else 'MISSED'} {text}" for ok, text in checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
