"""The vocabulary and pattern files (YAML) that sit beside the code reading them, in flows/.

Found from this module's place, never from the reader's `__file__`: the hot modules run
compiled from .native/ (flows/native.py), and their `__file__` names that folder, which
holds no data. This module is never compiled.

Every worker process reads them all when it starts. PyYAML's pure-Python parser took ~0.14 s for
them; its libyaml binding (CSafeLoader, shipped in PyYAML's wheels) gives the same values about
ten times faster (tests/test_data_files.py compares the two on every file). Either way it is safe
loading: no tag can build a Python object.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

FLOWS_DIR = Path(__file__).resolve().parent
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # pure Python where libyaml is missing


def data_path(name: str) -> Path:
    """A data file by its path inside flows/, e.g. "normalise/places.yaml"."""
    return FLOWS_DIR / name


def read_yaml(name: str) -> Any:
    return yaml.load(data_path(name).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
