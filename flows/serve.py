"""`bilateral serve`: run `publish_datasets` on a cron schedule as a Prefect deployment.

Prefect's ephemeral API, which `bilateral run` uses, has no scheduler: a deployment served
against it is registered but its cron never fires (Prefect 3.8.8 only warns "Cannot schedule
flows on an ephemeral server"). So without PREFECT_API_URL, serve starts a Prefect server of
its own on 127.0.0.1 for as long as it runs; with PREFECT_API_URL it uses that server or
Prefect Cloud. Nothing here listens beyond loopback.
"""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator
from urllib.parse import urlsplit

from flows.prefect_server import LOOPBACK, ServerStartError, port_is_free, running_server

if TYPE_CHECKING:
    from prefect.client.schemas.schedules import CronSchedule

# Loopback only, whatever the user's Prefect profile says; an explicit environment variable
# still wins. The runner's webserver is off by default; if enabled it stays on loopback. The
# client metrics server would bind every interface. Must be set before Prefect is imported.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_RUNNER_SERVER_ENABLE", "false")
os.environ.setdefault("PREFECT_RUNNER_SERVER_HOST", "127.0.0.1")
os.environ.setdefault("PREFECT_CLIENT_METRICS_ENABLED", "false")

DEFAULT_CRON = "0 6 * * *"
DEFAULT_NAME = "bilateral"
DEFAULT_TIMEZONE = "UTC"

DESCRIPTION = f"""\
Serve the publish_datasets flow as a Prefect deployment that runs on a cron schedule; runs
execute in this process until it is stopped (Ctrl-C).

schedule:
  --cron takes a 5-field cron expression "minute hour day-of-month month day-of-week";
  the default "{DEFAULT_CRON}" runs every day at 06:00. Times are read in --timezone, an IANA
  name such as Europe/Paris (default {DEFAULT_TIMEZONE}).

Prefect API:
  By default (PREFECT_API_URL unset) serve starts a local Prefect server bound to loopback
  ({LOOPBACK} only, port PREFECT_SERVER_API_PORT, default 4200, database in PREFECT_HOME)
  and stops it on exit; Prefect's ephemeral API used by `bilateral run` has no scheduler.
  Set PREFECT_API_URL (e.g. http://{LOOPBACK}:4200/api) to use a running Prefect server, or
  PREFECT_API_URL and PREFECT_API_KEY to use Prefect Cloud.
"""


class ServeError(Exception):
    """A problem with the command line or the environment: exit 2 with this message."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare `bilateral serve` and its options on the CLI's subcommands."""
    parser = commands.add_parser("serve", help="run the flow on a cron schedule as a Prefect deployment",
                                 description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cron", default=DEFAULT_CRON,
                        help=f'cron expression of when to run (default: "{DEFAULT_CRON}", daily at 06:00)')
    parser.add_argument("--timezone", default=DEFAULT_TIMEZONE,
                        help=f"IANA time zone the cron times are in (default: {DEFAULT_TIMEZONE})")
    parser.add_argument("--raw", type=Path, default=Path("raw"), help="folder of article .txt files (default: raw)")
    parser.add_argument("--output", type=Path, default=Path("output"),
                        help="folder to publish into (default: output)")
    parser.add_argument("--name", default=DEFAULT_NAME, help=f"deployment name (default: {DEFAULT_NAME})")


def run_from_args(args: argparse.Namespace) -> int:
    """Entry point of `bilateral serve`: the exit status."""
    try:
        serve(args.raw, args.output, cron=args.cron, timezone=args.timezone, name=args.name)
    except ServeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def serve(raw: Path, output: Path, cron: str, timezone: str, name: str) -> None:
    """Validate everything and import the flow first, so a mistake never leaves a server behind."""
    schedule = cron_schedule(cron, timezone)
    if not raw.is_dir():
        raise ServeError(f"raw folder {raw} does not exist or is not a folder")
    from prefect.deployments.runner import EntrypointType
    from prefect.settings import PREFECT_API_URL

    from flows.publish_datasets import publish_datasets

    raw, output = raw.resolve(), output.resolve()
    with _api(PREFECT_API_URL.value()):
        print(f"serving deployment publish_datasets/{name} on cron {schedule.cron!r} ({schedule.timezone}): "
              f"raw {raw} -> output {output}")
        # A module entrypoint, not a file path relative to the current folder: the package is installed.
        publish_datasets.serve(name=name, schedules=[schedule], entrypoint_type=EntrypointType.MODULE_PATH,
                               parameters={"raw_dir": str(raw), "output_dir": str(output)})


def cron_schedule(cron: str, timezone: str) -> CronSchedule:
    """Prefect's own CronSchedule, so a value is refused here exactly when the API would refuse it."""
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        return CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as error:
        field = error.errors()[0]["loc"][0]
        if field == "timezone":
            raise ServeError(f"--timezone {timezone!r} is not an IANA time zone name (e.g. Europe/Paris)") from None
        raise ServeError(f"--cron {cron!r} is not a valid cron expression "
                         '(5 fields: "minute hour day-of-month month day-of-week", e.g. "0 6 * * *")') from None


@contextmanager
def _api(api_url: str | None) -> Iterator[None]:
    """Use PREFECT_API_URL when set; otherwise a local loopback server for the duration."""
    if api_url:
        print(f"using the Prefect API at {_without_credentials(api_url)}")
        yield
        return
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_API_PORT, temporary_settings

    port = PREFECT_SERVER_API_PORT.value()
    with _local_server(port) as url, temporary_settings(updates={PREFECT_API_URL: url}):
        yield


@contextmanager
def _local_server(port: int) -> Iterator[str]:
    """`prefect server start` on loopback (it runs the scheduler), stopped when serve stops."""
    if not port_is_free(port):
        raise ServeError(
            f"port {port} on {LOOPBACK} is in use. If a Prefect server runs there, point serve at it with "
            f"PREFECT_API_URL=http://{LOOPBACK}:{port}/api; otherwise choose another PREFECT_SERVER_API_PORT")
    command = [sys.executable, "-m", "prefect", "server", "start", "--host", LOOPBACK, "--port", str(port),
               "--analytics-off"]
    print(f"starting a local Prefect server on http://{LOOPBACK}:{port} (loopback only)")
    try:
        with running_server(command, f"http://{LOOPBACK}:{port}/api") as url:
            yield url
    except ServerStartError as error:
        raise ServeError(str(error)) from None


def _without_credentials(url: str) -> str:
    """A URL may carry user:password@; the console must not."""
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
