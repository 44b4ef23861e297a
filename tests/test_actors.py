"""Specification of actors: per-article mention rows, then one actor per person, organisation or
country across articles, and the actor ids of event participants."""
from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from flows.canonical.actors import ACTORS_SCHEMA, MENTION_ACTOR_SCHEMA, resolve_actors, with_participant_ids
from flows.extract import extract_article
from flows.ids import stable_id
from flows.ingest import read_input

RAW = Path(__file__).resolve().parent.parent / "raw"
MENTION_COLUMNS = ["mention_id", "article_id", "name", "kind", "aliases", "titles", "country_code",
                   "num_mentions", "evidence", "char_start", "char_end"]


@pytest.fixture
def extract(tmp_path):
    def run(*paragraphs: str, headline: str = "Leaders pledge closer bilateral ties") -> tuple[dict, str]:
        path = tmp_path / "a.txt"
        path.write_text(headline + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")
        article = read_input(path, "a.txt")
        return extract_article(article), article.text
    return run


def by_name(rows: list[dict], name: str) -> dict:
    found = [r for r in rows if r["name"] == name]
    assert len(found) == 1, rows
    return found[0]


# ================================================================== mentions in one article

@pytest.mark.parametrize("paragraphs, name, aliases, titles, country, count", [
    (["Japanese Prime Minister Kishida Fumio met President Vo Van Thuong in Tokyo on November 27, 2023.",
      "Kishida said the two countries would deepen ties."],
     "Kishida Fumio", ["Kishida", "Prime Minister Kishida Fumio"], ["prime minister"], "JP", 2),
    (["President Võ Văn Thưởng of Vietnam paid a state visit to Japan in November 2023.",
      "President Vo Van Thuong later met business leaders in Osaka."],
     "Vo Van Thuong", ["President Vo Van Thuong", "President Võ Văn Thưởng"], ["president"], "VN", 2),
    (["Emperor Naruhito of Japan welcomed the guests at the Imperial Palace on November 28, 2023.",
      "King Naruhito then hosted a banquet."],
     "Naruhito", ["Emperor Naruhito", "King Naruhito"], ["emperor", "king"], "JP", 2),
])
def test_person_mention_gathers_forms_titles_and_country(extract, paragraphs, name, aliases, titles, country, count):
    rows, text = extract(*paragraphs)
    row = by_name(rows["actor_mentions"], name)
    assert list(row) == MENTION_COLUMNS
    assert (row["kind"], row["aliases"], row["titles"], row["country_code"], row["num_mentions"]) == \
        ("person", aliases, titles, country, count)
    assert row["mention_id"] == stable_id("men", row["article_id"], name)
    assert row["evidence"] == text[row["char_start"]:row["char_end"]] == paragraphs[0]


def test_countries_of_a_milestone_get_country_mentions(extract):
    rows, text = extract("Vietnam and Japan established diplomatic relations on September 21, 1973.",
                         "Japan is now Vietnam's largest ODA provider.")
    milestone = next(e for e in rows["events"] if e["event_type"] == "diplomatic_milestone")
    assert sorted(milestone["participants"]) == ["Japan", "Vietnam"]
    japan = by_name(rows["actor_mentions"], "Japan")
    assert (japan["kind"], japan["country_code"], japan["aliases"], japan["titles"], japan["num_mentions"]) == \
        ("country", "JP", ["Japan"], [], 2)
    assert japan["evidence"] == text[japan["char_start"]:japan["char_end"]]


@pytest.mark.parametrize("paragraphs", [
    ["Vietnam and Japan established diplomatic relations on September 21, 1973."],
    ["President Vo Van Thuong and his wife met Emperor Naruhito and Empress Masako of Japan on November 28, 2023.",
     "He also held talks with Prime Minister Kishida Fumio in Tokyo.",
     "Later, the President visited Fukuoka."],
    ["Prime Minister Anthony Albanese held talks with Prime Minister Fumio Kishida in Canberra on March 8, 2023."],
])
def test_every_participant_has_exactly_one_mention(extract, paragraphs):
    rows, text = extract(*paragraphs)
    names = [r["name"] for r in rows["actor_mentions"]]
    assert len(names) == len(set(names))
    for event in rows["events"]:
        for participant in event["participants"]:
            assert names.count(participant) == 1
    for row in rows["actor_mentions"]:
        assert row["num_mentions"] >= 1 and row["aliases"]
        assert all(alias and ";" not in alias and alias == " ".join(alias.split()) for alias in row["aliases"])
        assert row["evidence"] == text[row["char_start"]:row["char_end"]]


# ================================================================== resolution across articles

def mention(article: str, name: str, kind: str = "person", country: str | None = None,
            aliases: list[str] | None = None, titles: list[str] | None = None, count: int = 1) -> dict:
    return {"mention_id": stable_id("men", article, name), "article_id": article, "name": name, "kind": kind,
            "aliases": aliases or [name], "titles": titles or [], "country_code": country,
            "num_mentions": count, "evidence": name, "char_start": 0, "char_end": len(name)}


def resolve(*mentions: dict) -> tuple[pl.DataFrame, dict[tuple[str, str], str]]:
    actors, mention_actor = resolve_actors(pl.DataFrame(list(mentions)))
    return actors, {(r["article_id"], r["name"]): r["actor_id"] for r in mention_actor.iter_rows(named=True)}


def groups(*mentions: dict) -> list[list[tuple[str, str]]]:
    """The mentions (article, name) of each actor, sorted: who was merged with whom."""
    _, actor_of = resolve(*mentions)
    found: dict[str, list[tuple[str, str]]] = {}
    for key, actor in actor_of.items():
        found.setdefault(actor, []).append(key)
    return sorted(sorted(members) for members in found.values())


@pytest.mark.parametrize("mentions, expected", [
    # name order
    ([mention("a1", "Kishida Fumio", country="JP"), mention("a2", "Fumio Kishida")],
     [[("a1", "Kishida Fumio"), ("a2", "Fumio Kishida")]]),
    # diacritics
    ([mention("a1", "Võ Văn Thưởng", country="VN"), mention("a2", "Vo Van Thuong")],
     [[("a1", "Võ Văn Thưởng"), ("a2", "Vo Van Thuong")]]),
    # a one-word name joins the full name of another article
    ([mention("a1", "Kishida Fumio", country="JP"), mention("a2", "Kishida")],
     [[("a1", "Kishida Fumio"), ("a2", "Kishida")]]),
    # ... with the same country
    ([mention("a1", "Kishida Fumio", country="JP"), mention("a2", "Kishida", country="JP")],
     [[("a1", "Kishida Fumio"), ("a2", "Kishida")]]),
    # different known countries never merge, neither full names nor a one-word name
    ([mention("a1", "Kim Jong Un", country="KP"), mention("a2", "Kim Jong Un", country="KR")],
     [[("a1", "Kim Jong Un")], [("a2", "Kim Jong Un")]]),
    ([mention("a1", "Kishida Fumio", country="JP"), mention("a2", "Kishida", country="KR")],
     [[("a1", "Kishida Fumio")], [("a2", "Kishida")]]),
    # a one-word name two full names contain stays apart
    ([mention("a1", "Lee Jae Myung", country="KR"), mention("a2", "Lee Hsien Loong", country="SG"),
      mention("a3", "Lee")],
     [[("a1", "Lee Jae Myung")], [("a2", "Lee Hsien Loong")], [("a3", "Lee")]]),
    # ... unless its own article names one of them
    ([mention("a1", "Lee Jae Myung", country="KR"), mention("a2", "Lee Hsien Loong", country="SG"),
      mention("a3", "Lee"), mention("a3", "Lee Hsien Loong")],
     [[("a1", "Lee Jae Myung")], [("a2", "Lee Hsien Loong"), ("a3", "Lee"), ("a3", "Lee Hsien Loong")]]),
    # ... or its country picks one
    ([mention("a1", "Lee Jae Myung", country="KR"), mention("a2", "Lee Hsien Loong", country="SG"),
      mention("a3", "Lee", country="SG")],
     [[("a1", "Lee Jae Myung")], [("a2", "Lee Hsien Loong"), ("a3", "Lee")]]),
    # one-word names with no full form are one actor across articles
    ([mention("a1", "Naruhito", country="JP", titles=["emperor"]), mention("a2", "Naruhito", titles=["king"])],
     [[("a1", "Naruhito"), ("a2", "Naruhito")]]),
    # countries by code
    ([mention("a1", "Vietnam", kind="country", country="VN"), mention("a2", "Vietnam", kind="country", country="VN"),
      mention("a2", "Japan", kind="country", country="JP")],
     [[("a1", "Vietnam"), ("a2", "Vietnam")], [("a2", "Japan")]]),
])
def test_which_mentions_are_one_actor(mentions, expected):
    assert groups(*mentions) == sorted(expected)


def test_unknown_country_joins_the_country_most_sources_state():
    assert groups(mention("a1", "Kim Jong Un", country="KP"), mention("a2", "Kim Jong Un", country="KP"),
                  mention("a3", "Kim Jong Un", country="KR"), mention("a4", "Jong Un Kim")) == \
        [[("a1", "Kim Jong Un"), ("a2", "Kim Jong Un"), ("a4", "Jong Un Kim")], [("a3", "Kim Jong Un")]]


def test_actor_row_sums_up_its_mentions():
    actors, actor_of = resolve(
        mention("a1", "Kishida Fumio", country="JP", titles=["prime minister"], count=3,
                aliases=["Kishida", "Prime Minister Kishida Fumio"]),
        mention("a2", "Fumio Kishida", titles=["prime minister", "president"], aliases=["Fumio Kishida"]),
        mention("a3", "Kishida", titles=["leader"], aliases=["Mr. Kishida"], count=2),
    )
    assert actors.schema == pl.Schema(ACTORS_SCHEMA)
    row = actors.row(0, named=True)
    assert row == {
        "actor_id": stable_id("act", "fumio kishida"),
        "name": "Kishida Fumio",
        "kind": "person",
        "aliases": ["Fumio Kishida", "Kishida", "Kishida Fumio", "Mr. Kishida", "Prime Minister Kishida Fumio"],
        "title": "prime minister",
        "titles": ["leader", "president", "prime minister"],
        "country_code": "JP",
        "num_articles": 3,
        "num_mentions": 6,
        "article_ids": ["a1", "a2", "a3"],
    }
    assert set(actor_of.values()) == {row["actor_id"]}


def test_actor_id_does_not_change_when_articles_are_added():
    before, _ = resolve(mention("a1", "Kishida Fumio", country="JP"))
    after, _ = resolve(mention("a1", "Kishida Fumio", country="JP"), mention("a2", "Fumio Kishida", count=5),
                       mention("a3", "Kishida"), mention("a4", "Pham Minh Chinh", country="VN"))
    assert before["actor_id"].to_list()[0] in after["actor_id"].to_list()
    assert stable_id("act", "country", "VN") in resolve(mention("a1", "Vietnam", kind="country", country="VN"))[0]["actor_id"]


def test_display_name_is_the_full_form_most_mentioned():
    actors, _ = resolve(mention("a1", "Fumio Kishida", count=2), mention("a2", "Kishida Fumio", count=3),
                        mention("a3", "Kishida", count=9))
    assert actors["name"].to_list() == ["Kishida Fumio"]


def test_mention_actor_columns_and_empty_input():
    actors, mention_actor = resolve_actors(pl.DataFrame([mention("a1", "Kishida Fumio")]))
    assert mention_actor.schema == pl.Schema(MENTION_ACTOR_SCHEMA)
    empty_actors, empty_map = resolve_actors(pl.DataFrame(schema=pl.DataFrame([mention("a1", "X")]).schema).clear())
    assert (empty_actors.schema, empty_map.schema) == (pl.Schema(ACTORS_SCHEMA), pl.Schema(MENTION_ACTOR_SCHEMA))


def test_participant_ids_follow_participants():
    _, mention_actor = resolve_actors(pl.DataFrame([
        mention("a1", "Kishida Fumio", country="JP"), mention("a1", "Vo Van Thuong", country="VN"),
        mention("a2", "Kishida"), mention("a2", "Vietnam", kind="country", country="VN"),
    ]))
    events = pl.DataFrame({
        "event_id": ["e1", "e2", "e3", "e4"],
        "article_id": ["a1", "a2", "a1", "a2"],
        "participants": [["Vo Van Thuong", "Kishida Fumio"], ["Kishida", "Vietnam"], [], ["Kishida"]],
    }, schema_overrides={"participants": pl.List(pl.String)})
    out = with_participant_ids(events, mention_actor)
    kishida, thuong = stable_id("act", "fumio kishida"), stable_id("act", "thuong van vo")
    assert out.columns == ["event_id", "article_id", "participants", "participant_ids"]
    assert out["event_id"].to_list() == ["e1", "e2", "e3", "e4"]
    assert out["participant_ids"].to_list() == [[thuong, kishida], [kishida, stable_id("act", "country", "VN")],
                                                [], [kishida]]


def test_200000_mentions_of_30000_people_resolve_to_30000_actors():
    """20,000 articles, 200,000 mentions: dict look-ups, not comparisons of every pair of names."""
    index = pl.int_range(200_000, eager=True, dtype=pl.Int64)
    number = (index // 10 * 7 + index % 10) % 30_000
    frame = pl.DataFrame({"index": index, "number": number}).select(
        pl.format("m{}", "index").alias("mention_id"),
        pl.format("a{}", pl.col("index") // 10).alias("article_id"),
        pl.when(pl.col("index") % 3 > 0).then(pl.format("Given{} Family{}", "number", "number"))
        .otherwise(pl.format("Family{}", "number")).alias("name"),
        pl.lit("person").alias("kind"),
        pl.lit(["president"], dtype=pl.List(pl.String)).alias("titles"),
        pl.when(pl.col("number") % 2 == 1).then(pl.lit("JP")).alias("country_code"),
        pl.lit(1, dtype=pl.Int64).alias("num_mentions"),
    ).with_columns(pl.concat_list("name").alias("aliases"))
    actors, mention_actor = resolve_actors(frame)
    assert mention_actor.height == 200_000
    assert actors.height == 30_000


# ================================================================== the dev articles

def test_dev_articles_give_one_actor_per_person():
    mentions, events = [], []
    for path in sorted(RAW.glob("*.txt")):
        rows = extract_article(read_input(path, path.name))
        mentions += rows["actor_mentions"]
        events += rows["events"]
    actors, mention_actor = resolve_actors(pl.DataFrame(mentions))

    def actor(*names: str) -> dict:
        found = actors.filter(pl.col("aliases").list.set_intersection(list(names)).list.len() > 0)
        assert found.height == 1, found
        return found.row(0, named=True)

    naruhito = actor("Naruhito")
    assert (naruhito["name"], naruhito["country_code"]) == ("Naruhito", "JP")
    thuong = actor("Vo Van Thuong", "Võ Văn Thưởng")
    assert (thuong["name"], thuong["country_code"], thuong["num_articles"], thuong["title"]) == \
        ("Vo Van Thuong", "VN", 2, "president")
    kishida = actor("Kishida", "Kishida Fumio")
    assert (kishida["name"], kishida["country_code"], kishida["num_articles"], kishida["title"]) == \
        ("Kishida Fumio", "JP", 2, "prime minister")
    assert "Kishida" in kishida["aliases"]

    linked = with_participant_ids(pl.DataFrame(events), mention_actor)
    for participants, ids in linked.select("participants", "participant_ids").iter_rows():
        assert len(participants) == len(ids) and None not in ids
    summit = linked.filter(pl.col("participants").list.contains("Kishida")).row(0, named=True)
    assert summit["participant_ids"][summit["participants"].index("Kishida")] == kishida["actor_id"]
