"""Reading the vocabulary and pattern files (YAML) that sit beside the code reading them.

Every worker process reads them all when it starts. PyYAML's pure-Python parser took ~0.14 s for
them; its libyaml binding (CSafeLoader, shipped in PyYAML's wheels) gives the same values about
ten times faster (tests/test_data_files.py compares the two on every file). Either way it is safe
loading: no tag can build a Python object.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # pure Python where libyaml is missing


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
