"""Actors: one row per person, organisation or country across all articles.

Input is the per-article `actor_mentions` rows (flows.extract.actors). Rules:

- A multi-word name is known by its words in any order, ASCII-folded and lower-cased:
  "Kishida Fumio" = "Fumio Kishida", "Võ Văn Thưởng" = "Vo Van Thuong". That sorted word list
  is the actor's key and its id (`stable_id("act", key)`), so the id does not depend on which
  articles are in the release.
- Two names with different known countries are never one actor: when mentions of one key state
  different countries, the key splits into one actor per country (id `stable_id("act", key,
  country)`), and mentions without a country join the country stated most often.
- A one-word name ("Kishida", "Naruhito") joins the single multi-word person of a compatible
  country (the same, or either unknown) that contains the word - looking in its own article
  first, then across all articles. With no such person, or several, it is an actor of its own.
- Organisations group by their words like people but never join by one word; countries group
  by ISO code.

Resolution is polars joins and group-bys over whole columns (a release has ~150k mentions);
a one-word name's candidates elsewhere are looked up once per (word, country), not per mention.
"""
from __future__ import annotations

import re

import polars as pl
from anyascii import anyascii

from flows.canonical.support import or_empty, sorted_list
from flows.ids import stable_id

_TOKEN = re.compile(r"[a-z0-9]+")

MENTION_ACTOR_SCHEMA = {"mention_id": pl.String, "article_id": pl.String, "name": pl.String, "actor_id": pl.String}
ACTORS_SCHEMA = {
    "actor_id": pl.String,
    "name": pl.String,
    "kind": pl.String,
    "aliases": pl.List(pl.String),
    "title": pl.String,
    "titles": pl.List(pl.String),
    "country_code": pl.String,
    "num_articles": pl.Int64,
    "num_mentions": pl.Int64,
    "article_ids": pl.List(pl.String),
}
_MENTION_INPUT = {
    "mention_id": pl.String, "article_id": pl.String, "name": pl.String, "kind": pl.String,
    "aliases": pl.List(pl.String), "titles": pl.List(pl.String), "country_code": pl.String, "num_mentions": pl.Int64,
}

ROW = "_row"       # a mention's position in the input, during resolution


def name_key(name: str) -> str:
    """Sorted ASCII-folded lower-case words: the identity of a name whatever its order or accents."""
    tokens = _TOKEN.findall(anyascii(name).lower())
    return " ".join(sorted(tokens)) if tokens else " ".join(name.lower().split())


def resolve_actors(mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(`actors`, `mention_actor`): one row per actor, and the actor of every mention."""
    if mentions.is_empty():
        return pl.DataFrame(schema=ACTORS_SCHEMA), pl.DataFrame(schema=MENTION_ACTOR_SCHEMA)
    mentions = mentions.cast({name: dtype for name, dtype in _MENTION_INPUT.items() if name in mentions.columns})
    names = mentions["name"].unique()
    keys = pl.DataFrame({"name": names, "_key": [name_key(name) for name in names.to_list()]},
                        schema={"name": pl.String, "_key": pl.String})
    keyed = mentions.join(keys, on="name", how="left", maintain_order="left")
    frame = mentions.with_columns(_assign_ids(keyed), keyed["_key"].str.contains(" ", literal=True).alias("_full"))
    mention_actor = frame.select(list(MENTION_ACTOR_SCHEMA)).cast(MENTION_ACTOR_SCHEMA)
    return _aggregate(frame), mention_actor


def with_participant_ids(events: pl.DataFrame, mention_actor: pl.DataFrame) -> pl.DataFrame:
    """`participant_ids` beside `participants`: same order and length, looked up by (article, name);
    a participant without a mention row gets null."""
    lookup = (mention_actor.select("article_id", "name", "actor_id").cast(pl.String)
              .unique(subset=["article_id", "name"], keep="first"))
    indexed = events.drop("participant_ids", strict=False).with_row_index("_row")
    exploded = (
        indexed.select("_row", pl.col("article_id").cast(pl.String),
                       pl.col("participants").cast(pl.List(pl.String)).alias("name"))
        .with_columns(pl.int_ranges(pl.col("name").list.len()).alias("_pos"))
        .explode("name", "_pos")
        .filter(pl.col("_pos").is_not_null())
        .join(lookup, on=["article_id", "name"], how="left")
        .sort("_row", "_pos")
        .group_by("_row", maintain_order=True)
        .agg(pl.col("actor_id").alias("participant_ids"))
    )
    return (
        indexed.join(exploded, on="_row", how="left")
        .with_columns(or_empty(pl.col("participant_ids")))
        .sort("_row")
        .drop("_row")
    )


# ---------------------------------------------------------------------------------------------
# Which actor each mention is
# ---------------------------------------------------------------------------------------------

def _assign_ids(mentions: pl.DataFrame) -> pl.Series:
    """The actor id of each mention (article_id, kind, country_code, _key = its name_key)."""
    rows = mentions.select("article_id", "kind", pl.col("country_code").replace("", None), "_key").with_row_index(ROW)
    is_country = (pl.col("kind") == "country") & pl.col("country_code").is_not_null()
    is_single = ~is_country & (pl.col("kind") == "person") & ~pl.col("_key").str.contains(" ", literal=True)
    countries = rows.filter(is_country).select(ROW, pl.lit("country").alias("_kind"), pl.col("country_code").alias("_name"),
                                               pl.lit(None, dtype=pl.String).alias("_split"))
    named = _split_by_country(rows.filter(~is_country & ~is_single))
    singles = rows.filter(is_single)
    resolved = _join_multi_word_person(singles, named.filter(pl.col("_kind") == "person"))
    alone = _split_by_country(singles.join(resolved, on=ROW, how="anti"))
    actors = pl.concat([countries, *(part.select(ROW, "_kind", "_name", "_split") for part in (named, resolved, alone))])
    distinct = actors.select("_kind", "_name", "_split").unique()
    ids = distinct.with_columns(pl.Series("actor_id", [_actor_id(actor) for actor in distinct.iter_rows()], dtype=pl.String))
    return (rows.select(ROW).join(actors.join(ids, on=["_kind", "_name", "_split"], nulls_equal=True), on=ROW, how="left")
            .sort(ROW)["actor_id"])


def _split_by_country(members: pl.DataFrame) -> pl.DataFrame:
    """One actor per (kind, key), or one per stated country when the mentions disagree on it;
    mentions without a country join the country stated most often (ties: alphabetical).
    Adds the actor as (_kind, _name, _split) and its country `_country` (None if unknown)."""
    stated = (members.filter(pl.col("country_code").is_not_null()).group_by("kind", "_key", "country_code").len()
              .sort("kind", "_key", pl.col("len"), "country_code", descending=[False, False, True, False]))
    per_key = stated.group_by("kind", "_key", maintain_order=True).agg(
        pl.col("country_code").first().alias("_majority"), pl.len().alias("_countries"))
    split = pl.col("_countries") > 1
    return (members.join(per_key, on=["kind", "_key"], how="left", nulls_equal=True)
            .with_columns(pl.when(split).then(pl.coalesce("country_code", "_majority")).alias("_split"))
            .select(ROW, "article_id", pl.col("kind").alias("_kind"), pl.col("_key").alias("_name"), "_split",
                    pl.coalesce("_split", "_majority").alias("_country")))


def _join_multi_word_person(singles: pl.DataFrame, people: pl.DataFrame) -> pl.DataFrame:
    """One-word names that join the unique compatible multi-word person containing the word: among
    the people of the same article if any contains it, else among all. (ROW, actor columns)."""
    # the words are joined only where some one-word name is that word: most words of names are not
    words = (people.select("article_id", "_kind", "_name", "_split", "_country").unique()
             .with_columns(pl.col("_name").str.split(" ").alias("_key")).explode("_key"))
    local = _compatible_people(singles.select(ROW, "article_id", "_key", "country_code"),
                               words.join(singles, on=["article_id", "_key"], how="semi"), [ROW], ["article_id", "_key"])
    # elsewhere, the candidates depend only on the word and the country: found once per pair
    rest = singles.join(local, on=ROW, how="anti")
    pairs = rest.select("_key", "country_code").unique()
    anywhere = _compatible_people(pairs, words.drop("article_id").join(pairs, on="_key", how="semi").unique(),
                                  ["_key", "country_code"], ["_key"])
    anywhere = rest.select(ROW, "_key", "country_code").join(anywhere, on=["_key", "country_code"], nulls_equal=True)
    return (pl.concat([local, anywhere.select(local.columns)])
            .filter(pl.col("_candidates") == 1).select(ROW, "_kind", "_name", "_split"))


def _compatible_people(singles: pl.DataFrame, words: pl.DataFrame, per: list[str], on: list[str]) -> pl.DataFrame:
    """Per `per` (a single mention, or a word and country) with any compatible candidate (same
    country, or either unknown): how many, and the first."""
    compatible = pl.col("_country").is_null() | pl.col("country_code").is_null() | (pl.col("_country") == pl.col("country_code"))
    return (singles.join(words, on=on).filter(compatible)
            .select(*per, "_kind", "_name", "_split").unique()
            .group_by(per).agg(pl.all().first(), pl.len().alias("_candidates")))


def _actor_id(actor: tuple[str, str, str | None]) -> str:
    """(kind, key, country it was split off for, or None) -> the stable actor id."""
    kind, key, split = actor
    parts: list[str] = [key] if kind == "person" else [kind, key]
    return stable_id("act", *parts, *([split] if split else []))


# ---------------------------------------------------------------------------------------------
# One row per actor
# ---------------------------------------------------------------------------------------------

def _aggregate(frame: pl.DataFrame) -> pl.DataFrame:
    totals = frame.group_by("actor_id").agg(
        pl.col("kind").first(),
        pl.col("article_id").n_unique().cast(pl.Int64).alias("num_articles"),
        pl.col("num_mentions").sum().cast(pl.Int64),
        pl.col("article_id").alias("article_ids"),
    ).with_columns(sorted_list(pl.col("article_ids"), unique=True))
    names = (
        frame.group_by("actor_id", "name")
        .agg(pl.col("_full").first(), pl.col("num_mentions").sum().alias("_mentions"),
             pl.col("article_id").n_unique().alias("_articles"))
        .sort(["actor_id", "_full", "_mentions", "_articles", pl.col("name").str.len_chars(), "name"],
              descending=[False, True, True, True, True, False])
        .group_by("actor_id", maintain_order=True)
        .agg(pl.col("name").first())
    )
    aliases = (
        pl.concat([frame.select("actor_id", pl.col("aliases").alias("alias")).explode("alias"),
                   frame.select("actor_id", pl.col("name").alias("alias"))])
        .drop_nulls()
        .unique()
        .group_by("actor_id")
        .agg(pl.col("alias").alias("aliases"))
        .with_columns(sorted_list(pl.col("aliases")))
    )
    titles = frame.select("actor_id", pl.col("titles").alias("title")).explode("title").drop_nulls()
    titles = (
        titles.group_by("actor_id", "title").len()
        .sort(["actor_id", "len", "title"], descending=[False, True, False])
        .group_by("actor_id", maintain_order=True)
        .agg(pl.col("title").first(), pl.col("title").alias("titles"))
        .with_columns(sorted_list(pl.col("titles")))
    )
    countries = (
        frame.filter(pl.col("country_code").is_not_null())
        .group_by("actor_id", "country_code").agg(pl.len(), pl.col("num_mentions").sum().alias("_mentions"))
        .sort(["actor_id", "len", "_mentions", "country_code"], descending=[False, True, True, False])
        .group_by("actor_id", maintain_order=True)
        .agg(pl.col("country_code").first())
    )
    actors = (
        totals.join(names, on="actor_id", how="left")
        .join(aliases, on="actor_id", how="left")
        .join(titles, on="actor_id", how="left")
        .join(countries, on="actor_id", how="left")
        .with_columns(or_empty(pl.col("titles")))
    )
    return actors.select(list(ACTORS_SCHEMA)).cast(ACTORS_SCHEMA).sort("actor_id")
