"""`bilateral run --raw DIR --output DIR`: publish the datasets of a folder of articles.

Exit codes: 0 published (or nothing changed), 1 validation failed or --strict saw a rejection,
2 bad arguments (a missing raw folder, an output that is a file or holds files bilateral did not
write), 3 another run holds the output folder, 4 the raw folder holds far fewer articles than the
current release (see --allow-shrink), 5 a file could not be read or written (permission, full disk).

Benchmark hook (not an option for users): when the environment variable BILATERAL_TIMINGS_FILE
names a file, a run that produced a summary writes the flow's seconds per stage there as one JSON
object ({"list": ..., "extract": ..., "total": ...}; RunSummary.timings), so that `make bench`,
which runs this command as a subprocess, can show where the time went.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from flows import serve
from flows.runners import DEFAULT_TASK_RUNNER, TASK_RUNNERS

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bilateral", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"bilateral {_version()}")
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="extract, validate and publish the tables of a raw folder")
    run.add_argument("--raw", type=Path, default=Path("raw"), help="folder of article .txt files (default: raw)")
    run.add_argument("--output", default="output", metavar="FOLDER_OR_URL",
                     help="folder to publish into, or an fsspec URL such as s3://bucket/prefix (default: output)")
    run.add_argument("--work-dir", type=Path, default=None, metavar="FOLDER",
                     help="local working copy of a URL output (default: one per URL under ~/.cache/bilateral)")
    run.add_argument("--strict", action="store_true", help="exit non-zero when any input was rejected")
    run.add_argument("--force", action="store_true",
                     help="publish into a non-empty folder bilateral did not write (its files are left alone)")
    run.add_argument("--allow-shrink", action="store_true",
                     help="publish even when the raw folder holds less than half the current release's articles "
                          "(otherwise exit 4: an unmounted share must not empty the release)")
    run.add_argument("--max-article-bytes", type=byte_size, default=None, metavar="SIZE",
                     help="reject larger input files as too_large, unread: bytes, or with KiB/MiB/GiB (default: 5MiB)")
    run.add_argument("--lock-timeout", type=float, default=None, metavar="SECONDS",
                     help="wait this long for another run on the same output folder, then exit 3 "
                          "(default: 60; 0 refuses at once)")
    run.add_argument("--task-runner", choices=TASK_RUNNERS, default=DEFAULT_TASK_RUNNER,
                     help="where batches run: a process per core (default), threads, or a Dask cluster")
    run.add_argument("--workers", type=int, default=None, metavar="N",
                     help="worker processes/threads, or local Dask workers (default: one per core)")
    run.add_argument("--dask-address", default=None, metavar="URL",
                     help="scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (implies --task-runner dask)")
    serve.add_parser(commands)
    args = parser.parse_args(argv)
    if args.command is None:   # `bilateral` alone: what it can do
        parser.print_help()
        return 0
    if args.command == "serve":
        return serve.run_from_args(args)
    options = {"max_article_bytes": args.max_article_bytes, "lock_timeout": args.lock_timeout, "work_dir": args.work_dir,
               "allow_shrink": args.allow_shrink or None, "force": args.force or None}
    runner = RunnerChoice("dask" if args.dask_address else args.task_runner, args.workers, args.dask_address)
    return _run(args.raw, args.output, args.strict, {name: value for name, value in options.items() if value is not None},
                runner)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bilateral")
    except PackageNotFoundError:   # run from a source tree that was never installed
        return "(not installed)"


def _output_problem(output: str) -> str | None:
    """Why a local output path cannot be a folder to publish into (None when it can)."""
    if "://" in output:
        return None
    path = Path(output)
    if path.exists() and not path.is_dir():
        return "is a file, not a folder"
    parent = next((folder for folder in path.parents if folder.exists()), None)
    if parent is not None and not parent.is_dir():
        return f"is below {parent}, which is a file, not a folder"
    return None


def _os_error_line(error: OSError) -> str:
    """One line naming the path and the problem: "output/x: No space left on device"."""
    paths = [str(name) for name in (error.filename, error.filename2) if name]
    return f"{' -> '.join(paths)}: {error.strerror or error}" if paths else str(error.strerror or error)


def byte_size(text: str) -> int:
    """A size in bytes: "5242880", "512KiB", "5MiB", "1GiB" (K, M, G are binary units too)."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:([kmg])(?:i?b)?)?\s*", text, re.IGNORECASE)
    if not match or int(match[1]) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 5242880, 512KiB or 5MiB")
    return int(match[1]) * 1024 ** " kmg".index((match[2] or " ").lower())


@dataclass(frozen=True)
class RunnerChoice:
    kind: str = DEFAULT_TASK_RUNNER
    workers: int | None = None
    dask_address: str | None = None


def _run(raw: Path, output: str, strict: bool, options: dict[str, object], runner: RunnerChoice = RunnerChoice()) -> int:
    """`options` are keyword arguments of the flow given on the command line (others keep their defaults)."""
    if not raw.is_dir():
        print(f"error: raw folder {raw} does not exist or is not a folder", file=sys.stderr)
        return 2
    problem = _output_problem(output)
    if problem:
        print(f"error: output {output} {problem}", file=sys.stderr)
        return 2
    from flows.runners import launch_local_server, local_run
    launch_local_server()   # comes up while the modules below import

    from flows.interrupts import stopping_cleanly_on_signals
    from flows.lock import OutputLockedError
    from flows.ownership import OutputNotOwnedError
    from flows.publish_datasets import ShrinkRefusedError, publish_datasets, with_task_runner
    from schemas.validate import ReleaseValidationError
    # The validation report below says what failed; Prefect's own run loggers would repeat it
    # as tracebacks. The failure is still recorded in Prefect's run history.
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        run_flow = publish_datasets if runner == RunnerChoice() else with_task_runner(**vars(runner))
        # Also before the flow starts (the server's start-up, the flow run's creation): Prefect keeps
        # this handler as the one to call after its own, and the flow installs it again over Prefect's.
        with stopping_cleanly_on_signals(lambda: None), local_run():
            summary = run_flow(raw, output, **options)
    except OutputLockedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    except ShrinkRefusedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 4
    except OutputNotOwnedError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:   # the operator's to fix: a path, a permission, a full disk
        print(f"error: {_os_error_line(error)}", file=sys.stderr)
        return 5
    except ReleaseValidationError as error:
        print(f"error: the extracted tables failed validation; nothing was published.\n{error}", file=sys.stderr)
        return 1
    write_timings(summary.timings)
    release = summary.release
    for warning in summary.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"read {summary.articles_read} article files from {raw}: "
          f"{release.rows['articles']} published, {len(summary.rejections)} rejected")
    print(f"extracted {summary.articles_extracted} new or changed articles, "
          f"reused {summary.articles_reused} unchanged articles")
    for rejection in summary.rejections:
        print(f"  rejected {rejection.source_file}: {rejection.reason} ({rejection.detail})")
    print("rows: " + ", ".join(f"{table} {count}" for table, count in release.rows.items()))
    if release.reused:
        print(f"nothing changed: release {release.version} stays current in {output}")
    else:
        changes = ", ".join(f"{table} +{c.added} -{c.removed} ~{c.changed}" for table, c in release.changes.items() if c.any)
        print(f"published release {release.version} to {output} ({changes or 'no row changes'})")
    return 1 if strict and summary.rejections else 0


def write_timings(timings: dict[str, float], environ: Mapping[str, str] = os.environ) -> None:
    """The benchmark hook (module docstring): seconds per stage as JSON to $BILATERAL_TIMINGS_FILE."""
    path = environ.get("BILATERAL_TIMINGS_FILE")
    if path:
        Path(path).write_text(json.dumps({stage: float(seconds) for stage, seconds in timings.items()}) + "\n",
                              encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
