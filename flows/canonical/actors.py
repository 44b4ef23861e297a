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

Linear in the number of mentions: one word -> candidate actors is a dict, and the aggregates
are polars group-bys.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict

import polars as pl
from anyascii import anyascii

from flows.canonical.support import sorted_list
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

# An actor during resolution: (kind, key, country it was split off for, or None).
_ActorKey = tuple[str, str, "str | None"]


def name_key(name: str) -> str:
    """Sorted ASCII-folded lower-case words: the identity of a name whatever its order or accents."""
    tokens = _TOKEN.findall(anyascii(name).lower())
    return " ".join(sorted(tokens)) if tokens else " ".join(name.lower().split())


def resolve_actors(mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(`actors`, `mention_actor`): one row per actor, and the actor of every mention."""
    if mentions.is_empty():
        return pl.DataFrame(schema=ACTORS_SCHEMA), pl.DataFrame(schema=MENTION_ACTOR_SCHEMA)
    mentions = mentions.cast({name: dtype for name, dtype in _MENTION_INPUT.items() if name in mentions.columns})
    rows = mentions.select("article_id", "name", "kind", "country_code").rows()
    keys = {name: name_key(name) for name in {row[1] for row in rows}}
    assigned = _assign(rows, keys)
    actor_ids = {actor: _actor_id(actor) for actor in set(assigned)}
    ids = [actor_ids[actor] for actor in assigned]
    full = [" " in keys[row[1]] for row in rows]
    frame = mentions.with_columns(pl.Series("actor_id", ids, dtype=pl.String),
                                  pl.Series("_full", full, dtype=pl.Boolean))
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
        .with_columns(pl.col("participant_ids").fill_null(pl.lit([], dtype=pl.List(pl.String))))
        .sort("_row")
        .drop("_row")
    )


# ---------------------------------------------------------------------------------------------
# Which actor each mention is
# ---------------------------------------------------------------------------------------------

def _assign(rows: list[tuple], keys: dict[str, str]) -> list[_ActorKey]:
    """The actor of each mention row (article_id, name, kind, country_code)."""
    assigned: list[_ActorKey | None] = [None] * len(rows)
    grouped: dict[tuple[str, str], list[int]] = defaultdict(list)
    single: list[int] = []
    for index, (_, name, kind, country) in enumerate(rows):
        if kind == "country" and country:
            assigned[index] = ("country", country, None)
        elif kind == "person" and " " not in keys[name]:
            single.append(index)
        else:
            grouped[(kind, keys[name])].append(index)
    country_of: dict[_ActorKey, str | None] = {}
    for (kind, key), members in grouped.items():
        _split_by_country(kind, key, members, rows, assigned, country_of)

    # one-word names: the unique compatible multi-word person, in the article first
    by_word: dict[str, set[_ActorKey]] = defaultdict(set)
    by_article_word: dict[tuple[str, str], set[_ActorKey]] = defaultdict(set)
    for (kind, key), members in grouped.items():
        if kind != "person":
            continue
        words = key.split()
        for index in members:
            actor = assigned[index]
            for word in words:
                by_word[word].add(actor)
                by_article_word[(rows[index][0], word)].add(actor)
    alone: dict[tuple[str, str], list[int]] = defaultdict(list)
    anywhere: dict[tuple[str, str | None], set[_ActorKey]] = {}     # a common word has many people
    for index in single:
        article_id, name, kind, country = rows[index]
        word = keys[name]
        local = {actor for actor in by_article_word.get((article_id, word), ()) if _compatible(country_of[actor], country)}
        if not local and (word, country) not in anywhere:
            anywhere[(word, country)] = {actor for actor in by_word.get(word, ()) if _compatible(country_of[actor], country)}
        candidates = local or anywhere[(word, country)]
        if len(candidates) == 1:
            assigned[index] = next(iter(candidates))
        else:
            alone[(kind, word)].append(index)
    for (kind, key), members in alone.items():
        _split_by_country(kind, key, members, rows, assigned, country_of)
    return assigned  # type: ignore[return-value]


def _split_by_country(kind: str, key: str, members: list[int], rows: list[tuple],
                      assigned: list, country_of: dict) -> None:
    """One actor per key, or one per stated country when the mentions disagree on it; mentions
    without a country join the country stated most often (ties: alphabetical)."""
    counts = Counter(rows[i][3] for i in members if rows[i][3])
    if len(counts) <= 1:
        actor = (kind, key, None)
        country_of[actor] = next(iter(counts), None)
        for index in members:
            assigned[index] = actor
        return
    majority = min(counts, key=lambda code: (-counts[code], code))
    for index in members:
        code = rows[index][3] or majority
        actor = (kind, key, code)
        country_of[actor] = code
        assigned[index] = actor


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _actor_id(actor: _ActorKey) -> str:
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
        .with_columns(pl.col("titles").fill_null(pl.lit([], dtype=pl.List(pl.String))))
    )
    return actors.select(list(ACTORS_SCHEMA)).cast(ACTORS_SCHEMA).sort("actor_id")
