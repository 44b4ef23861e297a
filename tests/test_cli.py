"""The command line introduces itself: its version, and its help when given nothing to do."""
from __future__ import annotations

from importlib.metadata import version

import pytest

from flows.cli import main


def test_version_names_the_installed_package(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out == f"bilateral {version('bilateral')}\n"


def test_no_arguments_prints_the_help_with_its_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("usage: bilateral") and "{run,serve}" in shown and "Exit codes:" in shown
