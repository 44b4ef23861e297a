"""Cross-article tables: one row per real-world fact or actor, however many articles tell it.

GDELT-style datasets publish one row per mention and leave de-duplication to the user; these
tables do it: mentions of the same event, agreement, figure or person in different articles
share one canonical row, which says how many sources report it and where they disagree (the
`conflicts` table). The per-mention tables (events, agreements, statistics, actor_mentions)
point at their canonical row.
"""
from datetime import date
from typing import Any

import pandera.polars as pa
import polars as pl

from schemas.fields import (
    AGREEMENT_TYPES,
    DATE_PRECISIONS,
    EVENT_TYPES,
    INDICATORS,
    QUALIFIERS,
    UNITS,
    Table,
    all_countries,
    article_id,
    char_end,
    char_start,
    clean_items,
    column_check,
    evidence,
    is_country,
    lazy_frame,
    not_before,
    reference,
    row_check,
    row_id,
    text,
    vocabulary_values,
)

ACTOR_KINDS = vocabulary_values("actor_kinds")
CANONICAL_TABLES = vocabulary_values("canonical_tables")


def text_list(description: str) -> Any:
    return pa.Field(description=description)


def count(description: str) -> Any:
    return pa.Field(ge=1, description=description)


def first_reported() -> Any:
    return pa.Field(
        nullable=True,
        description="Earliest publication date (or, without one, reference date) of the articles that report it.",
    )


def has_conflicts() -> Any:
    return pa.Field(description="True when the sources disagree on a field; the `conflicts` table lists each value.")


# --- Actors ------------------------------------------------------------------------------------


class ActorMentionsSchema(Table):
    mention_id: str = row_id("Stable id of the actor's mention in one article.")
    article_id: str = article_id()
    name: str = text("The actor's name as used in this article's events (participants), titles removed.")
    kind: str = pa.Field(isin=ACTOR_KINDS, description="What the actor is; see the actor_kinds vocabulary.")
    aliases: pl.List(pl.String) = text_list("Every form the article writes the name in, titles included.")  # type: ignore[valid-type]
    titles: pl.List(pl.String) = text_list("Titles the article gives the actor, lower case ('prime minister').")  # type: ignore[valid-type]
    country_code: str = pa.Field(nullable=True, description="ISO 3166-1 alpha-2 code of the actor's country, when known.")
    num_mentions: int = count("How many times the article mentions the actor.")
    actor_id: str = reference("actors.actor_id", "The actor across all articles (actors.actor_id).")
    evidence: str = evidence()
    char_start: int = char_start()
    char_end: int = char_end()

    class Config:
        title = "Actor mentions"
        description = "One row per person, organisation or country acting in an article, with the forms it is named in."

    @column_check("country_code", name="iso_3166_alpha2", summary="An ISO 3166-1 alpha-2 country code.")
    def _country_code(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(is_country(data.key))

    @column_check("aliases", name="list_items_clean", summary="Each item non-empty and without ';'.")
    def _aliases(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(clean_items(data.key))


class ActorsSchema(Table):
    actor_id: str = row_id("Stable id of the actor, from its name's words in any order ('Kishida Fumio' = 'Fumio Kishida').")
    name: str = text("The actor's canonical name: the full form most sources use.")
    kind: str = pa.Field(isin=ACTOR_KINDS, description="What the actor is; see the actor_kinds vocabulary.")
    aliases: pl.List(pl.String) = text_list("Every form the name is written in across articles, titles included.")  # type: ignore[valid-type]
    title: str = text("The title sources give the actor most often ('prime minister'), when any.", nullable=True)
    titles: pl.List(pl.String) = text_list("Every title sources give the actor, lower case.")  # type: ignore[valid-type]
    country_code: str = pa.Field(nullable=True, description="ISO 3166-1 alpha-2 code of the actor's country, when known.")
    num_articles: int = count("How many articles name the actor.")
    num_mentions: int = count("How many times the articles name the actor, in all.")
    article_ids: pl.List(pl.String) = text_list("The articles that name the actor (articles.article_id).")  # type: ignore[valid-type]

    class Config:
        title = "Actors"
        description = "One row per person, organisation or country across all articles, whatever title or name order is used."

    @column_check("country_code", name="iso_3166_alpha2", summary="An ISO 3166-1 alpha-2 country code.")
    def _country_code(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(is_country(data.key))

    @column_check("aliases", name="list_items_clean", summary="Each item non-empty and without ';'.")
    def _aliases(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(clean_items(data.key))


# --- Canonical facts -------------------------------------------------------------------------


class CanonicalEventsSchema(Table):
    canonical_event_id: str = row_id("Stable id of the real-world event: the id of its first-reported mention, re-prefixed.")
    event_type: str = pa.Field(isin=EVENT_TYPES, description="What kind of event; see the event_types vocabulary.")
    description: str = text("Description of the event, from its best-supported mention.")
    start_date: date = pa.Field(nullable=True, description="First day of the event: the value most sources give, when known.")
    end_date: date = pa.Field(nullable=True, description="Last day of the event: the value most sources give, when known.")
    date_precision: str = pa.Field(isin=DATE_PRECISIONS, description="How precisely the date is known.")
    location: str = text("Where the event took place, as most sources say, when stated.", nullable=True)
    country_code: str = pa.Field(nullable=True, description="ISO 3166-1 alpha-2 code of the country it took place in.")
    participants: pl.List(pl.String) = text_list("Canonical names of everyone any source names as taking part.")  # type: ignore[valid-type]
    participant_ids: pl.List(pl.String) = text_list("The participants' actor ids (actors.actor_id), in the same order.")  # type: ignore[valid-type]
    num_articles: int = count("How many articles report the event.")
    num_mentions: int = count("How many event rows (mentions) were merged into this one.")
    first_reported: date = first_reported()
    article_ids: pl.List(pl.String) = text_list("The articles that report the event.")  # type: ignore[valid-type]
    event_ids: pl.List(pl.String) = text_list("The merged mentions (events.event_id).")  # type: ignore[valid-type]
    has_conflicts: bool = has_conflicts()

    class Config:
        title = "Canonical events"
        description = "One row per real-world event, merging its mentions across articles (same type, overlapping dates, shared participants or place)."

    @column_check("country_code", name="iso_3166_alpha2", summary="An ISO 3166-1 alpha-2 country code.")
    def _country_code(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(is_country(data.key))

    @row_check("start_date", "end_date", name="end_date_not_before_start_date", summary="end_date ≥ start_date.")
    def _dates_ordered(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(not_before("end_date", "start_date"))


class CanonicalAgreementsSchema(Table):
    canonical_agreement_id: str = row_id("Stable id of the real-world agreement: the id of its first-reported mention, re-prefixed.")
    agreement_type: str = pa.Field(isin=AGREEMENT_TYPES, description="What kind of agreement; see the agreement_types vocabulary.")
    title: str = text("Name of the agreement, from its best-supported mention.")
    parties: pl.List(pl.String) = text_list("ISO 3166-1 alpha-2 codes of the parties.")  # type: ignore[valid-type]
    signed_date: date = pa.Field(nullable=True, description="Date signed or adopted: the value most sources give, when known.")
    date_precision: str = pa.Field(isin=DATE_PRECISIONS, description="How precisely the date is known.")
    document_count: int = pa.Field(nullable=True, ge=1, description="Number of documents, as most sources give it, when given.")
    topics: pl.List(pl.String) = text_list("Fields of cooperation any source names.")  # type: ignore[valid-type]
    canonical_event_id: str = reference(
        "canonical_events.canonical_event_id", "The event at which it was signed or announced, when known.", nullable=True
    )
    num_articles: int = count("How many articles report the agreement.")
    num_mentions: int = count("How many agreement rows (mentions) were merged into this one.")
    first_reported: date = first_reported()
    article_ids: pl.List(pl.String) = text_list("The articles that report the agreement.")  # type: ignore[valid-type]
    agreement_ids: pl.List(pl.String) = text_list("The merged mentions (agreements.agreement_id).")  # type: ignore[valid-type]
    has_conflicts: bool = has_conflicts()

    class Config:
        title = "Canonical agreements"
        description = "One row per real-world agreement or commitment, merging its mentions across articles."

    @column_check("parties", name="iso_3166_alpha2_items", summary="Each item an ISO 3166-1 alpha-2 country code.")
    def _parties(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select(all_countries(data.key))


class CanonicalStatisticsSchema(Table):
    canonical_statistic_id: str = row_id("Stable id of the figure: from its indicator, unit, currency, year, countries and first mention.")
    indicator: str = pa.Field(isin=INDICATORS, description="What the number measures; see the indicators vocabulary.")
    unit: str = pa.Field(isin=UNITS, description="Unit of the values; see the units vocabulary.")
    currency: str = pa.Field(nullable=True, description="ISO 4217 code when unit is 'currency'.")
    year: int = pa.Field(nullable=True, description="The year the figure refers to, when stated.")
    subject_countries: pl.List(pl.String) = text_list("The country pair the figure is about.")  # type: ignore[valid-type]
    value: float = pa.Field(ge=0, description="The value most sources give (on a tie, the one reported first).")
    value_min: float = pa.Field(ge=0, description="Smallest value any source gives.")
    value_max: float = pa.Field(ge=0, description="Largest value any source gives; equals value_min when sources agree.")
    values_agree: bool = pa.Field(description="True when every source gives the same value.")
    qualifier: str = pa.Field(isin=QUALIFIERS, description="The qualifier of the value most sources give.")
    num_articles: int = count("How many articles report the figure.")
    num_mentions: int = count("How many statistic rows (mentions) were merged into this one.")
    first_reported: date = first_reported()
    article_ids: pl.List(pl.String) = text_list("The articles that report the figure.")  # type: ignore[valid-type]
    statistic_ids: pl.List(pl.String) = text_list("The merged mentions (statistics.statistic_id).")  # type: ignore[valid-type]
    has_conflicts: bool = has_conflicts()

    class Config:
        title = "Canonical statistics"
        description = "One row per figure (indicator, year, unit, country pair) across articles: the agreed value, or the range and each source's value."

    @row_check("value_min", "value_max", name="range_ordered", summary="value_min ≤ value ≤ value_max.")
    def _range(cls, data: Any) -> pl.LazyFrame:
        return lazy_frame(data).select((pl.col("value_min") <= pl.col("value")) & (pl.col("value") <= pl.col("value_max")))


class ConflictsSchema(Table):
    conflict_id: str = row_id("Stable id of one disputed value of one field of one canonical row.")
    canonical_table: str = pa.Field(isin=CANONICAL_TABLES, description="Which canonical table the disputed row is in.")
    canonical_id: str = text("The id of the disputed row in that table.")
    field: str = text("The field the sources disagree on, e.g. start_date or value.")
    value: str = text("One of the values given, as text (dates ISO 8601).")
    num_articles: int = count("How many articles give this value.")
    article_ids: pl.List(pl.String) = text_list("The articles that give this value.")  # type: ignore[valid-type]
    mention_ids: pl.List(pl.String) = text_list("The mention rows that give this value (event, agreement or statistic ids).")  # type: ignore[valid-type]

    class Config:
        title = "Conflicts"
        description = "One row per value of a field on which the sources of a canonical row disagree: every disagreement shown, not hidden."


CANONICAL_TABLES_MODELS = {
    "actor_mentions": ActorMentionsSchema,
    "actors": ActorsSchema,
    "canonical_events": CanonicalEventsSchema,
    "canonical_agreements": CanonicalAgreementsSchema,
    "canonical_statistics": CanonicalStatisticsSchema,
    "conflicts": ConflictsSchema,
}
