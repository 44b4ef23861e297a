"""The vocabulary and pattern files: found from flows/, read by libyaml to exactly what PyYAML's own parser gives."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flows.data_files import data_path, read_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted((ROOT / "flows").rglob("*.yaml"))


def test_the_data_files_are_found() -> None:
    assert {path.name for path in DATA_FILES} >= {"places.yaml", "dates.yaml", "events.yaml", "clean.yaml"}


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_data_file_reads_as_the_pure_python_parser_reads_it(path: Path) -> None:
    expected = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    found = read_yaml(path.relative_to(ROOT / "flows").as_posix())
    assert found == expected and repr(found) == repr(expected)   # same values, types and key order


def test_a_data_file_is_named_by_its_place_in_the_flows_package() -> None:
    assert data_path("normalise/places.yaml") == ROOT / "flows" / "normalise" / "places.yaml"


def test_tags_that_would_build_python_objects_are_refused(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text("x: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(yaml.constructor.ConstructorError):
        read_yaml(str(hostile))   # an absolute path stays itself under flows/
