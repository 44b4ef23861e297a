"""Publishing to an object store or any fsspec filesystem (s3://, gs://, az://, file://, ...).

Object stores have no symbolic links and no atomic folder rename, so a remote output is a
mirror of a local one: the run publishes into a local working folder exactly as it would into
any output folder (lock, state, atomic switch), then uploads the new release folder under
`releases/<version>/`, then the top-level copies, and last `current.json`, the pointer to the
current version. A reader that follows `current.json` (or pins `releases/<version>/`) never
sees a half-uploaded release. A working folder lost between runs is rebuilt from the remote's
current release, so versions and the changelog continue and the state stays incremental.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit

import fsspec

CURRENT_POINTER = "current.json"
_CACHE = Path.home() / ".cache" / "bilateral"


def is_remote(output: str | Path) -> bool:
    """A URL with a scheme (s3://, gs://, file://, memory://); plain paths are local folders."""
    return isinstance(output, str) and "://" in output and len(urlsplit(output).scheme) > 1


def working_folder(url: str, work_dir: Path | None = None) -> Path:
    """The local mirror of `url`: given, or one per URL under ~/.cache/bilateral."""
    return work_dir or _CACHE / hashlib.sha256(url.encode()).hexdigest()[:16]


def pull_current(url: str, local: Path) -> str | None:
    """Download the remote's current release into an empty working folder; its version, if any."""
    fs, root = fsspec.core.url_to_fs(url)
    pointer = f"{root}/{CURRENT_POINTER}"
    if (local / "current").exists() or not fs.exists(pointer):
        return None
    version = json.loads(fs.cat_file(pointer))["version"]
    target = local / "releases" / version
    target.parent.mkdir(parents=True, exist_ok=True)
    fs.get(f"{root}/releases/{version}/", str(target) + "/", recursive=True)
    (local / "current").symlink_to(Path("releases") / version)
    return version


def push_release(local: Path, url: str, version: str, files: list[str]) -> None:
    """Upload release `version` (if the remote lacks it), the top-level copies, then the pointer."""
    fs, root = fsspec.core.url_to_fs(url)
    release = local / "releases" / version
    remote_release = f"{root}/releases/{version}"
    if not fs.exists(f"{remote_release}/release.json"):
        fs.makedirs(remote_release, exist_ok=True)      # a no-op on object stores, needed on file://
        for path in sorted(release.iterdir()):
            if path.is_dir():  # a year-partitioned table
                fs.put(str(path), f"{remote_release}/", recursive=True)
            elif path.name != "release.json":
                fs.put_file(str(path), f"{remote_release}/{path.name}")
        fs.put_file(str(release / "release.json"), f"{remote_release}/release.json")   # last: marks it complete
    for name in files:
        fs.put_file(str(release / name), f"{root}/{name}")
    fs.pipe_file(f"{root}/{CURRENT_POINTER}", (json.dumps({"version": version}) + "\n").encode())
