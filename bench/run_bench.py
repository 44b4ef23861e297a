"""Throughput benchmark (issue 7): `make bench [N=20000]`, `make bench N=2000` for a quick run.

Measures speed and memory as a user gets them: every run is the real command line, started as a
subprocess exactly as a user types it,

    /usr/bin/time -f %M -o FILE <venv>/bin/bilateral run --raw RAW --output OUT

with the venv's `bilateral` entry point and the compiled modules `make` built (`make bench` runs
`make setup` first). Builds a reproducible corpus of N distinct articles from the real ones in
raw/ (bench/corpus.py says how and why), then runs, timing each from start to exit (interpreter
start, imports, Prefect's ephemeral server start, the run, exit):

  0. a warm-up: one article into a folder of its own (not counted: it brings the interpreter's
     and the packages' files into the page cache, and creates Prefect's database on a first-ever
     start); its time is the fixed cost of any run;
  1. the full run into an empty output folder: THE headline figure, articles/s end to end,
     printed first;
  2. a refresh: the same command again with nothing new;
  3. an incremental run: one new article added.

Memory: /usr/bin/time's %M, the largest maximum RSS of one process it saw (the CLI's process and,
through wait, its children: workers, Prefect's server), as the operating system reports it; and,
as a second figure, the sum of RSS over the whole process tree, sampled every 0.5 s (shared pages
counted once per process, so it errs on the high side). Per-stage times come from the run itself:
the CLI writes the flow's RunSummary.timings as JSON to $BILATERAL_TIMINGS_FILE (a benchmark hook,
flows/cli.py); "outside the flow" is the wall time minus the flow's total. It prints the machine,
the load and a host-speed figure (the shared host's speed moves), and a one-line verdict against
the targets. Figures are printed, never asserted: speed is measured here, not in tests.

The subprocess gets PYTHONPATH=<this checkout>, so that this checkout's code runs even when the
venv's editable install points at another one (a git worktree); in a plain checkout it changes
nothing. BILATERAL_PROGRESS=0: no progress bar. Ctrl-C (or SIGTERM) stops the running command as
Ctrl-C in a terminal would (SIGINT to its process group) and kills whatever is left after 20 s;
no process outlives the benchmark.

Environment:
  BENCH_KEEP=DIR        keep corpus, outputs and the runs' logs in DIR (must not exist or be
                        empty) instead of a temporary folder
  BENCH_TASK_RUNNER=X   pass --task-runner X                (only when set)
  BENCH_WORKERS=K       pass --workers K                    (only when set)
  BENCH_SEED=S          corpus seed (default 7)
  PREFECT_HOME          Prefect's folder, as for `make run` (default ~/.prefect). Point it at a
                        new folder to measure a first-ever start, database creation included
"""
from __future__ import annotations

import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
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
TIME = "/usr/bin/time"
STOP_GRACE_SECONDS = 20      # after Ctrl-C, how long the command may take to stop before it is killed


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


# ----------------------------------------------------------------------------------------- memory
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
    """Samples the summed RSS of process `root` and all its descendants every `interval` s.

    /usr/bin/time's %M is the largest single process; this is all of them at once (the CLI's
    process, its workers, Prefect's server). The sum counts pages shared between processes once
    per process, so it errs on the high side.
    """

    def __init__(self, root: int, interval: float = 0.5) -> None:
        self.root, self.interval, self.peak_kib, self.peak_processes = root, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            pids, todo = [], [self.root]
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


# ------------------------------------------------------------------------------------ the command
@dataclass
class Run:
    """One `bilateral run`, measured from outside."""
    seconds: float                 # wall, from start to exit
    peak_kib: int                  # /usr/bin/time %M: max RSS of the largest process
    tree_peak_kib: int             # sampled sum over the process tree
    tree_processes: int
    timings: dict[str, float]      # the flow's own, via BILATERAL_TIMINGS_FILE ({} if not written)
    stdout: str
    returncode: int
    log: Path = field(default=Path())

    def lines(self) -> list[str]:
        """The CLI's summary lines, without its one line per rejected input."""
        return [line for line in self.stdout.splitlines() if line.strip() and not line.startswith("  rejected ")]

    def rejections(self) -> str:
        reasons: dict[str, int] = {}
        for line in self.stdout.splitlines():
            match = re.match(r"  rejected .*: (\w+) \(", line)
            if match:
                reasons[match[1]] = reasons.get(match[1], 0) + 1
        return ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items())) or "none"


class Command:
    """`/usr/bin/time -f %M -o FILE <venv>/bin/bilateral run --raw RAW --output OUT [options]`."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        entry_point = Path(sys.executable).parent / "bilateral"
        # the venv's entry point, as `make run` calls it; without one (a venv that never installed
        # the package), what it would call
        self.bilateral = [str(entry_point)] if entry_point.exists() else [sys.executable, "-m", "flows.cli"]
        self.options: list[str] = []
        if os.environ.get("BENCH_TASK_RUNNER"):
            self.options += ["--task-runner", os.environ["BENCH_TASK_RUNNER"]]
        if os.environ.get("BENCH_WORKERS"):
            self.options += ["--workers", str(int(os.environ["BENCH_WORKERS"]))]
        pythonpath = os.environ.get("PYTHONPATH")
        self.env = {**os.environ, "PYTHONPATH": str(ROOT) + (os.pathsep + pythonpath if pythonpath else ""),
                    "BILATERAL_PROGRESS": "0"}
        self.env.pop("BILATERAL_TIMINGS_FILE", None)
        self.count = 0

    def describe(self) -> str:
        return " ".join([TIME, "-f", "%M", "-o", "FILE", *self.bilateral, "run", "--raw", "RAW", "--output", "OUT",
                         *self.options])

    def probe(self, cwd: Path) -> tuple[str, bool]:
        """(the flows package the command imports, whether its compiled modules are loaded)."""
        shown = subprocess.run([sys.executable, "-c", "import flows; print(flows.__file__); print(flows.NATIVE)"],
                               env=self.env, cwd=cwd, capture_output=True, text=True, check=True).stdout.split("\n")
        return str(Path(shown[0]).parent), shown[1] == "True"

    def __call__(self, raw: Path, output: Path, label: str) -> Run:
        self.count += 1
        stem = self.logs / f"{self.count}-{label}"
        time_file, timings_file = stem.with_suffix(".time"), stem.with_suffix(".timings.json")
        argv = [TIME, "-f", "%M", "-o", str(time_file), *self.bilateral, "run", "--raw", str(raw),
                "--output", str(output), *self.options]
        env = {**self.env, "BILATERAL_TIMINGS_FILE": str(timings_file)}
        with open(stem.with_suffix(".stdout"), "w+") as out, open(stem.with_suffix(".stderr"), "w+") as err:
            started = time.perf_counter()
            # a process group of its own: Ctrl-C here reaches it only through _stop, and every
            # process it starts (workers, Prefect's server) can be found and killed with it
            process = subprocess.Popen(argv, env=env, cwd=self.logs, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                       start_new_session=True)
            try:
                with TreeSampler(process.pid) as sampler:
                    returncode = process.wait()
                seconds = time.perf_counter() - started
            except BaseException:
                _stop(process)
                raise
            finally:
                _reap(process.pid)
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read(), err.read()
        if returncode != 0:
            print(f"`bilateral run` ({label}) exited {returncode} after {seconds:.2f} s; its stderr ends with:",
                  file=sys.stderr)
            print("\n".join(stderr.splitlines()[-20:]), file=sys.stderr)
        reported = time_file.read_text().split() if time_file.exists() else []
        timings = json.loads(timings_file.read_text()) if timings_file.exists() else {}
        return Run(seconds, int(reported[-1]) if reported and reported[-1].isdigit() else 0, sampler.peak_kib,
                   sampler.peak_processes, timings, stdout, returncode, stem)


def _stop(process: subprocess.Popen) -> None:
    """Stop the command as Ctrl-C in a terminal would: SIGINT to its whole process group (the CLI
    stops cleanly: kills its workers and server, removes its staging files; /usr/bin/time ignores
    SIGINT and waits for it). Whatever still runs after STOP_GRACE_SECONDS, or at a second Ctrl-C,
    is killed."""
    print(f"\nstopping the running `bilateral run` (process group {process.pid}) ...", file=sys.stderr, flush=True)
    try:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(STOP_GRACE_SECONDS)
    except (ProcessLookupError, subprocess.TimeoutExpired, KeyboardInterrupt):
        pass
    finally:
        _kill_group(process.pid)
        process.wait()


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _reap(pgid: int, grace: float = 5.0) -> None:
    """No process of the command's group may outlive it: after a few seconds, kill what is left."""
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    print(f"NOTE: processes of the command's group {pgid} were still running {grace:g} s after it exited: killed",
          file=sys.stderr)
    _kill_group(pgid)


def _terminated(signum, frame) -> None:
    raise SystemExit(128 + signum)   # so that a SIGTERM to the benchmark stops its command too


# ----------------------------------------------------------------------------------------- output
def _stage_wall(timings: dict[str, float]) -> float:
    """Wall seconds the flow measured inside its own stages.

    "ingest"/"extract" may be CPU seconds summed over worker processes: when "parallel_wall"
    (the wall time of that parallel phase) is there it stands for both, otherwise they are
    taken as wall time. "total" is not a stage and is not added.
    """
    wall = sum(timings.get(key, 0.0) for key in WALL_STAGES)
    if "parallel_wall" in timings:
        wall += timings["parallel_wall"]
    else:
        wall += sum(timings.get(key, 0.0) for key in CPU_STAGES)
    return wall


def _print_stages(timings: dict[str, float], seconds: float, indent: str = "    ") -> None:
    if not timings:
        print(f"{indent}(the command wrote no timings to BILATERAL_TIMINGS_FILE: no per-stage times)")
        return
    cpu_note = " (CPU s summed over workers)" if "parallel_wall" in timings else ""
    for key in [*STAGES, *sorted(set(timings) - set(STAGES))]:
        if key in timings:
            note = cpu_note if key in CPU_STAGES else ""
            print(f"{indent}{key:<22} {timings[key]:8.2f} s  {100 * timings[key] / seconds:5.1f} %{note}")
    if "total" in timings:
        unstaged, outside = timings["total"] - _stage_wall(timings), seconds - timings["total"]
        print(f"{indent}{'in the flow, no stage':<22} {unstaged:8.2f} s  {100 * unstaged / seconds:5.1f} %  "
              f"(total - stages: Prefect's task calls, glue)")
        print(f"{indent}{'outside the flow':<22} {outside:8.2f} s  {100 * outside / seconds:5.1f} %  "
              f"(wall - total: interpreter start, imports, Prefect server start, flow run creation, exit)")


def _print_run(run: Run, indent: str = "  ") -> None:
    for line in run.lines():
        print(f"{indent}bilateral: {line}")
    print(f"{indent}rejected: {run.rejections()}")
    print(f"{indent}peak memory: {run.peak_kib / 2 ** 20:.2f} GiB max RSS of one process (/usr/bin/time %M); "
          f"{run.tree_peak_kib / 2 ** 20:.2f} GiB all processes together (sampled sum, {run.tree_processes} processes)")
    print(f"{indent}time per stage, % of the wall time:")
    _print_stages(run.timings, run.seconds, indent + "  ")


# ------------------------------------------------------------------------------------------- main
def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("N", 20000))
    seed = int(os.environ.get("BENCH_SEED", 7))
    if not os.access(TIME, os.X_OK):
        print(f"{TIME} is missing (Debian/Ubuntu: apt-get install time): it reports the peak memory", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminated)
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
    raw, warmup_raw, logs = base / "raw", base / "warmup-raw", base / "logs"
    started = time.perf_counter()
    held_out = build_corpus(ROOT / "raw", raw, n, seed=seed, held_out=2)
    corpus_seconds = time.perf_counter() - started
    corpus_bytes = sum(p.stat().st_size for p in raw.iterdir())
    (new_name, new_text), (warm_name, warm_text) = held_out
    warmup_raw.mkdir()
    (warmup_raw / warm_name).write_text(warm_text, encoding="utf-8")
    logs.mkdir()

    command = Command(logs)
    flows_dir, native = command.probe(logs)
    ram = _ram_gib()
    print(f"machine: {os.cpu_count()} cores ({_cpu_model()}), "
          f"{f'{ram:.1f} GiB RAM' if ram else 'RAM unknown'}; Python {platform.python_version()}, "
          f"polars {_version('polars')}, prefect {_version('prefect')}")
    print(f"N = {n:,} articles: corpus built in {corpus_seconds:.2f} s ({corpus_bytes / 2 ** 20:.0f} MiB, "
          f"seed {seed}) in {base}")
    print(f"command: {command.describe()}")
    compiled = ("hot modules compiled (mypyc, .native/)" if native
                else "hot modules pure Python (no current .native/ build, or BILATERAL_NATIVE=0)")
    print(f"  runs {flows_dir}; {compiled}; "
          f"PREFECT_HOME={os.environ.get('PREFECT_HOME', '~/.prefect (default)')}")
    if Path(flows_dir) != ROOT / "flows":
        print(f"error: the command would run {flows_dir}, not this checkout's {ROOT / 'flows'}", file=sys.stderr)
        return 2
    print(f"load average before: {_load()} (other processes on this machine skew the figures); "
          f"host speed: {_host_speed_ms():.0f} ms for a fixed workload (lower is faster)")

    warmup = command(warmup_raw, base / "warmup-output", "warmup")
    if warmup.returncode != 0:
        return warmup.returncode

    full = command(raw, base / "output", "full")
    if full.returncode != 0:
        return full.returncode
    rate = n / full.seconds
    print()
    print(f"full run into an empty output folder, end to end as a user gets it ({n:,} articles):")
    print(f"  {full.seconds:.2f} s  {rate:.1f} articles/s  (interpreter start, imports, Prefect server start, "
          f"the run, exit)")
    _print_run(full)

    refresh = command(raw, base / "output", "refresh")
    if refresh.returncode != 0:
        return refresh.returncode
    print()
    print(f"refresh (the same command again, nothing new, {n:,} inputs):")
    print(f"  {refresh.seconds:.2f} s end to end, {100 * refresh.seconds / full.seconds:.1f} % of the full run")
    _print_run(refresh)

    (raw / new_name).write_text(new_text, encoding="utf-8")
    incremental = command(raw, base / "output", "incremental")
    if incremental.returncode != 0:
        return incremental.returncode
    ratio = incremental.seconds / full.seconds
    print()
    print(f"incremental run (+1 new article, {n + 1:,} inputs, same output folder):")
    print(f"  {incremental.seconds:.2f} s end to end, {ratio * 100:.1f} % of the full run "
          f"(target <= {TARGET_INCREMENTAL * 100:.0f} %)")
    _print_run(incremental)

    print()
    print(f"warm-up before the full run (not counted): 1 article, {warmup.seconds:.2f} s end to end, the fixed cost "
          f"of any run ({warmup.seconds - warmup.timings.get('total', 0.0):.2f} s of it outside the flow)")
    runs = {"full": full, "refresh": refresh, "incremental": incremental}
    peak_label, peak = max(runs.items(), key=lambda item: item[1].peak_kib)
    tree_peak = max(run.tree_peak_kib for run in runs.values())
    print()
    print(f"peak memory: {peak.peak_kib / 2 ** 20:.2f} GiB max RSS of one process ({peak_label} run; /usr/bin/time %M: "
          f"the CLI's process and its waited-for children, as the operating system reports it); "
          f"{tree_peak / 2 ** 20:.2f} GiB all processes together (sampled every 0.5 s, shared pages counted per process)")
    print(f"load average after: {_load()}; host speed: {_host_speed_ms():.0f} ms for the fixed workload")

    peak_gib = peak.peak_kib / 2 ** 20
    checks = [
        (rate >= TARGET_RATE, f"{rate:.0f} articles/s end to end, `bilateral run` as a user gets it (target >= {TARGET_RATE})"),
        (0 < peak_gib <= TARGET_PEAK_GIB, f"peak {peak_gib:.2f} GiB max RSS of one process, /usr/bin/time %M "
                                          f"[all processes together {tree_peak / 2 ** 20:.2f} GiB, sampled] "
                                          f"(target <= {TARGET_PEAK_GIB:g})"),
        (ratio <= TARGET_INCREMENTAL, f"incremental {ratio * 100:.1f} % of full (target <= {TARGET_INCREMENTAL * 100:.0f} %)"),
    ]
    verdict = "PASS" if all(ok for ok, _ in checks) else "FAIL"
    print()
    print(f"verdict (N={n:,}): {verdict}: " + "; ".join(f"{'ok' if ok else 'MISSED'} {text}" for ok, text in checks))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted: the running command was stopped, no process of it is left", file=sys.stderr)
        sys.exit(130)
