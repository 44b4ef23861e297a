"""The published tables: the contract with analysts, in one place.

Every column's type, checks and description live on a pandera model here; validation, the
data dictionary and datapackage.json are all generated from these models, so the contract
cannot drift from what is checked. Adding a table means adding one model and one `TABLES` line. Fields, checks and vocabularies
shared by the models are in schemas/fields.py; cross-article tables in schemas/canonical.py.

Column metadata used by the generators:
- `primary_key: True` marks the row id (one per table), used for sorting and failure reports;
- `references: "<table>.<column>"` declares a foreign key, checked across tables on release.
"""
from datetime import date
from functools import lru_cache
from itertools import chain
from typing import Any

import pandera.polars as pa
import polars as pl
import pyarrow

# Re-exported: the rest of the code reads the contract's constants from this one module.
from schemas.fields import (  # noqa: F401
    AGREEMENT_TYPES,
    COUNTRY_CODES,
    CSV_FORMULA_ESCAPE,
    CSV_FORMULA_TRIGGERS,
    CURRENCY_CODES,
    DATE_PRECISIONS,
    EVENT_TYPES,
    INDICATORS,
    LIST_SEPARATOR,
    QUALIFIERS,
    REJECTION_REASONS,
    ROW_CHECKS,
    CHECK_SUMMARIES,
    UNITS,
    NON_EMPTY,
    all_countries,
    clean_items,
    lazy_frame,
    is_country,
    not_before,
    Table,
    article_id,
    char_end,
    char_start,
    column_check,
    confidence,
    date_precision,
    evidence,
    reference,
    row_check,
    row_id,
    text,
    vocabulary,
    vocabulary_descriptions,
    vocabulary_values,
)


from schemas.canonical import CANONICAL_TABLES_MODELS  # noqa: E402  (builds on schemas.fields)

# --- Tables ------------------------------------------------------------------------------------


class ArticlesSchema(Table):
    article_id: str = row_id("Stable id of the article, derived from its content.")
    source_file: str = pa.Field(
        str_length=NON_EMPTY, description="Path of the article's text file, relative to the raw folder."
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
        return lazy_frame(data).select(~path.str.starts_with("/") & ~path.str.contains(r"(^|/)\.\.(/|$)"))


class EventsSchema(Table):
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
    participant_ids: pl.List(pl.String) = pa.Field(  # type: ignore[valid-type]
        description="The participants' actor ids (actors.actor_id), in the same order as `participants`."
    )
    canonical_event_id: str = reference(
        "canonical_events.canonical_event_id",
        "The real-world event this mention belongs to; mentions in different articles of the same event share it.",
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
        return lazy_frame(data).select(is_country(data.key))

    @column_check(
        "participant_countries", name="iso_3166_alpha2_items", summary="Each item an ISO 3166-1 alpha-2 country code."
    )
    def _participant_countries(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(all_countries(data.key))

    @column_check("participants", name="list_items_clean", summary="Each item non-empty and without ';'.")
    def _participants(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(clean_items(data.key))

    @row_check("start_date", "end_date", name="end_date_not_before_start_date", summary="end_date ≥ start_date.")
    def _dates_ordered(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(not_before("end_date", "start_date"))

    @row_check("char_start", "char_end", name="char_end_not_before_char_start", summary="char_end ≥ char_start.")
    def _span_ordered(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(not_before("char_end", "char_start"))


class AgreementsSchema(Table):
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
    canonical_agreement_id: str = reference(
        "canonical_agreements.canonical_agreement_id",
        "The real-world agreement this mention belongs to; mentions in different articles share it.",
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
        return lazy_frame(data).select(all_countries(data.key))

    @column_check("topics", name="list_items_clean", summary="Each item non-empty and without ';'.")
    def _topics(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(clean_items(data.key))

    @row_check("char_start", "char_end", name="char_end_not_before_char_start", summary="char_end ≥ char_start.")
    def _span_ordered(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(not_before("char_end", "char_start"))


class StatisticsSchema(Table):
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
    subject_countries: pl.List(pl.String) = pa.Field(  # type: ignore[valid-type]
        description="ISO 3166-1 alpha-2 codes of the countries the article is about (the relation the number "
        "describes); used to tell apart the same indicator reported for different country pairs.",
    )
    canonical_statistic_id: str = reference(
        "canonical_statistics.canonical_statistic_id",
        "The figure across articles this mention belongs to; mentions in different articles share it.",
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
        return lazy_frame(data).select(pl.col(data.key).is_finite())

    @column_check(
        "subject_countries", name="iso_3166_alpha2_items", summary="Each item an ISO 3166-1 alpha-2 country code."
    )
    def _subject_countries(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(all_countries(data.key))

    @column_check("currency", name="iso_4217", summary="An ISO 4217 currency code.")
    def _currency_code(cls, data: Any) -> pl.LazyFrame:
        code = pl.col(data.key)
        return lazy_frame(data).select(code.is_null() | code.is_in(sorted(CURRENCY_CODES)))

    @row_check("unit", "currency", name="currency_iff_unit_currency", summary="currency is set exactly when unit is 'currency'.")
    def _currency_with_unit(cls, data: Any) -> pl.LazyFrame:
        is_money = pl.col("unit").eq_missing("currency")
        return lazy_frame(data).select(is_money == pl.col("currency").is_not_null())

    @row_check("char_start", "char_end", name="char_end_not_before_char_start", summary="char_end ≥ char_start.")
    def _span_ordered(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(not_before("char_end", "char_start"))


class RejectionsSchema(Table):
    rejection_id: str = row_id("Stable id of the rejection, derived from the file's path.")
    source_file: str = pa.Field(
        str_length=NON_EMPTY, description="Path of the input file that was not published, relative to the raw folder."
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
    **CANONICAL_TABLES_MODELS,
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


def conform_frame(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with the table's columns in published order and dtypes (others dropped)."""
    return frame.select([pl.col(name).cast(dtype) for name, dtype in column_dtypes(table).items()])


def frame_from_records(table: str, records: list[dict[str, Any]]) -> pl.DataFrame:
    """A frame with the published dtypes and column order, even with no records (no Null dtypes).

    Exactly `pl.from_dicts(records, schema=...)`'s frame. from_dicts makes a Series of every list
    of strings, nearly nine tenths of the cost of a batch's frames; those columns are built
    through Arrow here (~15 times faster), the others by from_dicts as before."""
    dtypes = column_dtypes(table)
    unknown = sorted(set().union(*records) - dtypes.keys())
    if unknown:
        raise ValueError(f"{table}: unknown columns {unknown}; expected {list(dtypes)}")
    if not records:
        return pl.DataFrame(schema=dtypes)
    lists = _string_list_columns(records, dtypes)
    if lists is None:
        return pl.from_dicts(records, schema=dtypes)
    others = pl.from_dicts(records, schema={name: dtype for name, dtype in dtypes.items() if name not in lists})
    return pl.DataFrame([lists[name] if name in lists else others.get_column(name) for name in dtypes])


_STRING_LIST = pl.List(pl.String)
# String views, the layout polars gives its own strings (short ones inline): a frame sent back from
# a worker pickles to the size from_dicts's does (plain Arrow strings would add ~1 %).
_ARROW_STRING_LIST = pyarrow.list_(pyarrow.string_view())
# What Arrow reads exactly as from_dicts does. It reads others differently: a string or set as a
# list of its characters, a bytearray as text (from_dicts: a null list), a number not as text.
_PLAIN_LIST_TYPES = frozenset({list, tuple, type(None)})
_PLAIN_ITEM_TYPES = frozenset({str, type(None)})


def _string_list_columns(records: list[dict[str, Any]], dtypes: dict[str, pl.DataType]) -> dict[str, pl.Series] | None:
    """The List(String) columns by name; None if one holds values Arrow might read otherwise."""
    columns: dict[str, pl.Series] = {}
    for name, dtype in dtypes.items():
        if dtype == _STRING_LIST:
            column = _string_list_column(name, [record.get(name) for record in records])
            if column is None:
                return None
            columns[name] = column
    return columns


def _string_list_column(name: str, values: list[Any]) -> pl.Series | None:
    """None unless every value is plain (see _PLAIN_LIST_TYPES): from_dicts then decides, as before."""
    if not _PLAIN_LIST_TYPES.issuperset(map(type, values)) \
            or not _PLAIN_ITEM_TYPES.issuperset(map(type, chain.from_iterable(filter(None, values)))):
        return None
    try:
        return pl.Series(name, pyarrow.array(values, type=_ARROW_STRING_LIST))
    except ValueError:   # text that is not valid Unicode: from_dicts raises its own error
        return None
