"""The published tables: the contract with analysts, in one place.

Every column's type, checks and description live on a pandera model here; validation, the
data dictionary and datapackage.json are all generated from these models, so the contract
cannot drift from what is checked. Adding a table means adding one model and one `TABLES` line.

Column metadata used by the generators:
- `primary_key: True` marks the row id (one per table), used for sorting and failure reports;
- `references: "<table>.<column>"` declares a foreign key, checked across tables on release.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
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


def _frame(data: Any) -> pl.LazyFrame:
    return data.lazyframe


def _is_country(column: str) -> pl.Expr:
    return pl.col(column).is_null() | pl.col(column).is_in(sorted(COUNTRY_CODES))


def _all_countries(column: str) -> pl.Expr:
    return pl.col(column).list.eval(pl.element().is_in(sorted(COUNTRY_CODES))).list.all()


def _clean_items(column: str) -> pl.Expr:
    """Items must survive the CSV round trip: non-empty and free of the list separator."""
    item = pl.element()
    ok = item.is_not_null() & (item.str.len_chars() > 0) & ~item.str.contains(";", literal=True)
    return pl.col(column).list.eval(ok).list.all()


def _not_before(later: str, earlier: str) -> pl.Expr:
    return pl.col(later).is_null() | pl.col(earlier).is_null() | (pl.col(later) >= pl.col(earlier))


# --- Reusable fields ---------------------------------------------------------------------------
# Factories, not shared instances: pandera binds each Field to one model attribute.

_NON_EMPTY = {"min_value": 1}


def row_id(description: str) -> Any:
    return pa.Field(unique=True, str_length=_NON_EMPTY, description=description, metadata={"primary_key": True})


def reference(target: str, description: str, nullable: bool = False) -> Any:
    return pa.Field(
        nullable=nullable, str_length=_NON_EMPTY, description=description, metadata={"references": target}
    )


def text(description: str, nullable: bool = False) -> Any:
    return pa.Field(nullable=nullable, str_length=_NON_EMPTY, description=description)


def article_id() -> Any:
    return reference("articles.article_id", "The article the row was extracted from (articles.article_id).")


def date_precision() -> Any:
    return pa.Field(
        isin=DATE_PRECISIONS, description="How precisely the date is known; see the date_precisions vocabulary."
    )


def evidence() -> Any:
    return text("The sentence of the article the row was extracted from, as it appears in the article.")


def char_start() -> Any:
    return pa.Field(ge=0, description="Offset (in characters) of the evidence sentence's first character in the article text.")


def char_end() -> Any:
    return pa.Field(ge=0, description="Offset just past the evidence sentence's last character in the article text.")


def confidence() -> Any:
    return pa.Field(
        in_range={"min_value": 0.0, "max_value": 1.0},
        coerce=True,
        description="The extractor's confidence that the row is correct, from 0 (guess) to 1 (certain).",
    )


class _Table(pa.DataFrameModel):
    """Shared configuration: no column may be added or dropped without changing the contract."""

    class Config:
        strict = True


# --- Tables ------------------------------------------------------------------------------------


class ArticlesSchema(_Table):
    article_id: str = row_id("Stable id of the article, derived from its content.")
    source_file: str = pa.Field(
        str_length=_NON_EMPTY, description="Path of the article's text file, relative to the raw folder."
    )
    title: str = text("The article's headline.")
    outlet: str = text("The news outlet that published the article, when known.", nullable=True)
    url: str = pa.Field(
        nullable=True, str_matches=r"^https?://\S+$", description="Web address of the article, when known."
    )
    published_date: date = pa.Field(nullable=True, description="Date the article was published, when known.")
    reference_date: date = pa.Field(
        nullable=True,
        description="Date that relative dates in the article ('yesterday', 'last month') were resolved against.",
    )
    n_words: int = pa.Field(ge=0, description="Number of words in the article text after cleaning.")
    sha256: str = pa.Field(
        str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the raw article file (64 lowercase hex digits)."
    )

    class Config:
        title = "Articles"
        description = "One row per source article: where it came from and the dates used to read it."

    @column_check("source_file", name="relative_path", summary="A relative path without '..' segments.")
    def _relative_path(cls, data: Any) -> pl.LazyFrame:
        path = pl.col(data.key)
        return _frame(data).select(~path.str.starts_with("/") & ~path.str.contains(r"(^|/)\.\.(/|$)"))


class EventsSchema(_Table):
    event_id: str = row_id("Stable id of the event mention.")
    article_id: str = article_id()
    event_type: str = pa.Field(isin=EVENT_TYPES, description="What kind of event; see the event_types vocabulary.")
    description: str = text("Short description of the event, in the words of the article where possible.")
    start_date: date = pa.Field(nullable=True, description="First day of the event, when known.")
    end_date: date = pa.Field(
        nullable=True, description="Last day of the event, when known; equals start_date for one-day events."
    )
    date_precision: str = date_precision()
    date_text: str = text("The words of the article the date was read from.", nullable=True)
    location: str = text("Where the event took place (city, venue or country), when stated.", nullable=True)
    country_code: str = pa.Field(
        nullable=True, description="ISO 3166-1 alpha-2 code of the country the event took place in, when known."
    )
    participants: pl.List(pl.String) = pa.Field(  # type: ignore[valid-type]
        description="People and organisations taking part, as named in the article."
    )
    participant_countries: pl.List(pl.String) = pa.Field(  # type: ignore[valid-type]
        description="ISO 3166-1 alpha-2 codes of the countries taking part."
    )
    evidence: str = evidence()
    char_start: int = char_start()
    char_end: int = char_end()
    confidence: float = confidence()

    class Config:
        title = "Events"
        description = "One row per event mentioned in an article: visits, talks, signings and the like."

    @column_check("country_code", name="iso_3166_alpha2", summary="An ISO 3166-1 alpha-2 country code.")
    def _country_code(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_is_country(data.key))

    @column_check(
        "participant_countries", name="iso_3166_alpha2_items", summary="Each item an ISO 3166-1 alpha-2 country code."
    )
    def _participant_countries(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_all_countries(data.key))

    @column_check("participants", name="list_items_clean", summary="Each item non-empty and without ';'.")
    def _participants(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_clean_items(data.key))

    @row_check("start_date", "end_date", name="end_date_not_before_start_date", summary="end_date ≥ start_date.")
    def _dates_ordered(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_not_before("end_date", "start_date"))

    @row_check("char_start", "char_end", name="char_end_not_before_char_start", summary="char_end ≥ char_start.")
    def _span_ordered(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_not_before("char_end", "char_start"))


class AgreementsSchema(_Table):
    agreement_id: str = row_id("Stable id of the agreement mention.")
    article_id: str = article_id()
    agreement_type: str = pa.Field(
        isin=AGREEMENT_TYPES, description="What kind of agreement; see the agreement_types vocabulary."
    )
    title: str = text("Name of the agreement or document, as given in the article.")
    parties: pl.List(pl.String) = pa.Field(  # type: ignore[valid-type]
        description="ISO 3166-1 alpha-2 codes of the countries party to the agreement."
    )
    signed_date: date = pa.Field(nullable=True, description="Date the agreement was signed or adopted, when known.")
    date_precision: str = date_precision()
    document_count: int = pa.Field(
        nullable=True, ge=1, description="Number of documents the row stands for, when the article gives one."
    )
    topics: pl.List(pl.String) = pa.Field(  # type: ignore[valid-type]
        description="Fields of cooperation the agreement covers (e.g. trade, education)."
    )
    related_event_id: str = reference(
        "events.event_id", "The event at which the agreement was signed or announced (events.event_id).", nullable=True
    )
    evidence: str = evidence()
    char_start: int = char_start()
    char_end: int = char_end()
    confidence: float = confidence()

    class Config:
        title = "Agreements"
        description = "One row per agreement, document or commitment mentioned in an article."

    @column_check("parties", name="iso_3166_alpha2_items", summary="Each item an ISO 3166-1 alpha-2 country code.")
    def _parties(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_all_countries(data.key))

    @column_check("topics", name="list_items_clean", summary="Each item non-empty and without ';'.")
    def _topics(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_clean_items(data.key))

    @row_check("char_start", "char_end", name="char_end_not_before_char_start", summary="char_end ≥ char_start.")
    def _span_ordered(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_not_before("char_end", "char_start"))


class StatisticsSchema(_Table):
    statistic_id: str = row_id("Stable id of the statistic mention.")
    article_id: str = article_id()
    indicator: str = pa.Field(isin=INDICATORS, description="What the number measures; see the indicators vocabulary.")
    value: float = pa.Field(ge=0, coerce=True, description="The number, in `unit` (money in `currency`, not scaled).")
    unit: str = pa.Field(isin=UNITS, description="Unit of `value`; see the units vocabulary.")
    currency: str = pa.Field(
        nullable=True, description="ISO 4217 code of the currency when unit is 'currency'; empty otherwise."
    )
    qualifier: str = pa.Field(
        isin=QUALIFIERS, description="How the article qualifies the number; see the qualifiers vocabulary."
    )
    year: int = pa.Field(
        nullable=True,
        in_range={"min_value": 1800, "max_value": 2100},
        description="The year the number refers to, when stated.",
    )
    value_text: str = text("The words of the article the number was read from, e.g. 'nearly 2.5 billion USD'.")
    evidence: str = evidence()
    char_start: int = char_start()
    char_end: int = char_end()
    confidence: float = confidence()

    class Config:
        title = "Statistics"
        description = "One row per number reported in an article about the relationship (trade, aid, people, ...)."

    @column_check("value", name="finite", summary="A finite number.")
    def _finite(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(pl.col(data.key).is_finite())

    @column_check("currency", name="iso_4217", summary="An ISO 4217 currency code.")
    def _currency_code(cls, data: Any) -> pl.LazyFrame:
        code = pl.col(data.key)
        return _frame(data).select(code.is_null() | code.is_in(sorted(CURRENCY_CODES)))

    @row_check("unit", "currency", name="currency_iff_unit_currency", summary="currency is set exactly when unit is 'currency'.")
    def _currency_with_unit(cls, data: Any) -> pl.LazyFrame:
        is_money = pl.col("unit").eq_missing("currency")
        return _frame(data).select(is_money == pl.col("currency").is_not_null())

    @row_check("char_start", "char_end", name="char_end_not_before_char_start", summary="char_end ≥ char_start.")
    def _span_ordered(cls, data: Any) -> pl.LazyFrame:
        return _frame(data).select(_not_before("char_end", "char_start"))


class RejectionsSchema(_Table):
    rejection_id: str = row_id("Stable id of the rejection, derived from the file's path.")
    source_file: str = pa.Field(
        str_length=_NON_EMPTY, description="Path of the input file that was not published, relative to the raw folder."
    )
    reason: str = pa.Field(isin=REJECTION_REASONS, description="Why it was not published; see the rejection_reasons vocabulary.")
    detail: str = text("What was found, in words, e.g. the byte where decoding failed or the file it duplicates.")

    class Config:
        title = "Rejections"
        description = "One row per input file that was not published, with the reason: every input is accounted for."


# --- Registry ----------------------------------------------------------------------------------

TABLES: dict[str, type[pa.DataFrameModel]] = {
    "articles": ArticlesSchema,
    "events": EventsSchema,
    "agreements": AgreementsSchema,
    "statistics": StatisticsSchema,
    "rejections": RejectionsSchema,
}


@lru_cache(maxsize=None)
def table_schema(table: str) -> pa.DataFrameSchema:
    """The model as a schema object (built once: pandera rebuilds it on every call)."""
    return TABLES[table].to_schema()


def column_dtypes(table: str) -> dict[str, pl.DataType]:
    return {name: column.dtype.type for name, column in table_schema(table).columns.items()}


def enum_columns(table: str) -> dict[str, list[str]]:
    """Columns restricted to a controlled vocabulary -> its values, in vocabulary order.

    Writers use this to store them as enums (Parquet dictionaries, DuckDB ENUM types)."""
    enums: dict[str, list[str]] = {}
    for name, column in table_schema(table).columns.items():
        for check in column.checks:
            if check.name == "isin":
                enums[name] = [str(value) for value in check.statistics["allowed_values"]]
    return enums


def primary_key(table: str) -> str:
    keys = [name for name, column in table_schema(table).columns.items() if (column.metadata or {}).get("primary_key")]
    if len(keys) != 1:
        raise TypeError(f"table {table!r} must mark exactly one column as primary key, found {keys}")
    return keys[0]


def foreign_keys(table: str) -> dict[str, tuple[str, str]]:
    """Column -> (referenced table, referenced column)."""
    references = {name: (column.metadata or {}).get("references") for name, column in table_schema(table).columns.items()}
    return {name: tuple(target.split(".", 1)) for name, target in references.items() if target}  # type: ignore[misc]


PRIMARY_KEYS: dict[str, str] = {table: primary_key(table) for table in TABLES}


def frame_from_records(table: str, records: list[dict[str, Any]]) -> pl.DataFrame:
    """A frame with the published dtypes and column order, even with no records (no Null dtypes)."""
    dtypes = column_dtypes(table)
    unknown = sorted({key for record in records for key in record} - dtypes.keys())
    if unknown:
        raise ValueError(f"{table}: unknown columns {unknown}; expected {list(dtypes)}")
    return pl.from_dicts(records, schema=dtypes) if records else pl.DataFrame(schema=dtypes)
