"""Typed, validated loading of the extraction rule files (flows/extract/*.yaml).

Each rule file holds one block per type (event type, agreement type, indicator) with all of its
settings. It is read into a pydantic model that forbids unknown keys and compiles every pattern,
so that a misspelt setting or a broken regular expression stops the import with one line naming
the file, the setting and the problem, instead of silently doing nothing. (pydantic rather than
hand-written checks: it is already installed with Prefect, reports the path of a bad value, and
its models read as the documentation of the file's layout.)

Not compiled (flows/native.py): the compiled extractors read the loaded models' attributes.
"""
from __future__ import annotations

import re
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from flows.data_files import read_yaml


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"not a valid regular expression ({error}): {pattern!r}") from None
    return pattern


# A regular expression, checked when the rules load.
Pattern = Annotated[str, AfterValidator(_compiles)]


class Rules(BaseModel):
    """Base of every rules model: unknown keys are errors, loaded rules never change."""
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleFileError(ValueError):
    """A rule file that does not match its model."""


RulesT = TypeVar("RulesT", bound=Rules)


def load_rules(name: str, model: type[RulesT]) -> RulesT:
    """flows/extract/<name>.yaml read into `model`; RuleFileError naming the file, the setting's
    path and the problem when it does not fit."""
    path = f"flows/extract/{name}.yaml"
    try:
        return model.model_validate(read_yaml(f"extract/{name}.yaml"))
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(str(part) for part in e['loc']) or '(top)'}: {e['msg']}"
                             for e in error.errors())
        raise RuleFileError(f"{path}: {problems}") from None
