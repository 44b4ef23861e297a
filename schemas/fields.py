"""Building blocks of the table models: vocabularies, named checks and reusable fields.

The models themselves live in schemas/tables.py (one row per mention in an article) and
schemas/canonical.py (one row per real-world fact across articles); both build on these.
"""
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandera.polars as pa
import polars as pl
import pycountry
import yaml

_VOCABULARY_PATH = Path(__file__).with_name("vocabulary.yaml")
LIST_SEPARATOR = "; "
# A CSV text cell starting with one of these is a formula to a spreadsheet (CSV injection).
# As OWASP recommends, such cells get CSV_FORMULA_ESCAPE in front in CSV files only; Parquet and
# DuckDB keep the exact text.
CSV_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_FORMULA_ESCAPE = "'"


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, Any]]:
    """The controlled vocabularies, read once: the models and the data dictionary share them."""
    return yaml.safe_load(_VOCABULARY_PATH.read_text(encoding="utf-8"))


def vocabulary_values(name: str) -> list[str]:
    return list(vocabulary()[name])


def vocabulary_descriptions(name: str) -> dict[str, str]:
    """Value -> one-line description, whether the entry is a plain string or a mapping."""
    return {
        value: entry["description"] if isinstance(entry, dict) else entry
        for value, entry in vocabulary()[name].items()
    }


EVENT_TYPES = vocabulary_values("event_types")
AGREEMENT_TYPES = vocabulary_values("agreement_types")
DATE_PRECISIONS = vocabulary_values("date_precisions")
UNITS = vocabulary_values("units")
QUALIFIERS = vocabulary_values("qualifiers")
INDICATORS = vocabulary_values("indicators")
REJECTION_REASONS = vocabulary_values("rejection_reasons")
COUNTRY_CODES = frozenset(country.alpha_2 for country in pycountry.countries)
CURRENCY_CODES = frozenset(currency.alpha_3 for currency in pycountry.currencies)


# --- Named checks ------------------------------------------------------------------------------
# Custom checks register a one-line summary (for the data dictionary) and, for row-level checks,
# the columns they read (so failure reports can show the values that broke the rule).

CHECK_SUMMARIES: dict[str, str] = {}


@dataclass(frozen=True)
class RowCheck:
    columns: tuple[str, ...]
    summary: str


ROW_CHECKS: dict[str, RowCheck] = {}


def column_check(*columns: str, name: str, summary: str) -> Callable:
    CHECK_SUMMARIES[name] = summary
    return pa.check(*columns, name=name)


def row_check(*columns: str, name: str, summary: str) -> Callable:
    ROW_CHECKS[name] = RowCheck(columns, summary)
    return pa.dataframe_check(name=name)


def lazy_frame(data: Any) -> pl.LazyFrame:
    return data.lazyframe


def is_country(column: str) -> pl.Expr:
    return pl.col(column).is_null() | pl.col(column).is_in(sorted(COUNTRY_CODES))


def all_countries(column: str) -> pl.Expr:
    return pl.col(column).list.eval(pl.element().is_in(sorted(COUNTRY_CODES))).list.all()


def clean_items(column: str) -> pl.Expr:
    """Items must survive the CSV round trip: non-empty and free of the list separator."""
    item = pl.element()
    ok = item.is_not_null() & (item.str.len_chars() > 0) & ~item.str.contains(";", literal=True)
    return pl.col(column).list.eval(ok).list.all()


def not_before(later: str, earlier: str) -> pl.Expr:
    return pl.col(later).is_null() | pl.col(earlier).is_null() | (pl.col(later) >= pl.col(earlier))


# --- Reusable fields ---------------------------------------------------------------------------
# Factories, not shared instances: pandera binds each Field to one model attribute.

NON_EMPTY = {"min_value": 1}
# The most characters a spreadsheet cell holds (Excel, LibreOffice): longer text would be cut or refused.
MAX_CELL_CHARS = 32_767
TEXT_LENGTH = {"min_value": 1, "max_value": MAX_CELL_CHARS}


def row_id(description: str) -> Any:
    return pa.Field(unique=True, str_length=NON_EMPTY, description=description, metadata={"primary_key": True})


def reference(target: str, description: str, nullable: bool = False) -> Any:
    return pa.Field(
        nullable=nullable, str_length=NON_EMPTY, description=description, metadata={"references": target}
    )


def text(description: str, nullable: bool = False) -> Any:
    return pa.Field(nullable=nullable, str_length=TEXT_LENGTH, description=description)


def article_id() -> Any:
    return reference("articles.article_id", "The article the row was extracted from (articles.article_id).")


def date_precision() -> Any:
    return pa.Field(
        isin=DATE_PRECISIONS, description="How precisely the date is known; see the date_precisions vocabulary."
    )


def evidence() -> Any:
    return text("The sentence of the article the row was extracted from, as it appears in the article.")


def char_start() -> Any:
    return pa.Field(ge=0, description="Offset (in characters) of the evidence sentence's first character in the article "
                    "text as decoded (line endings normalised to \"\\n\"; for an HTML file saved as .txt, in the text "
                    "extracted from it).")


def char_end() -> Any:
    return pa.Field(ge=0, description="Offset just past the evidence sentence's last character in the article text.")


def confidence() -> Any:
    return pa.Field(
        in_range={"min_value": 0.0, "max_value": 1.0},
        coerce=True,
        description="The extractor's confidence that the row is correct, from 0 (guess) to 1 (certain).",
    )


class Table(pa.DataFrameModel):
    """Shared configuration: no column may be added or dropped without changing the contract."""

    class Config:
        strict = True
