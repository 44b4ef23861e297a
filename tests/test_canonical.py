"""Specification of cross-article facts: small corpora of articles telling the same story differently."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.canonical.build import add_cross_article_tables
from flows.canonical.clusters import ArticleDisjointClusters, Span, overlapping_pairs
from flows.canonical.agreements import group_mentions as agreement_groups
from flows.canonical.events import group_mentions as event_groups
from flows.extract import extract_article
from flows.ingest import read_input
from schemas.tables import frame_from_records
from schemas.validate import validate_release

ROOT = Path(__file__).resolve().parents[1]
MENTION_TABLES = ("events", "agreements", "statistics", "actor_mentions")


@pytest.fixture
def corpus(tmp_path: Path):
    """Articles (published date, text) in, the validated release with its cross-article tables out."""
    def build(*articles: tuple[str, str]) -> dict[str, pl.DataFrame]:
        records: dict[str, list[dict]] = {table: [] for table in ("articles", *MENTION_TABLES)}
        for number, (published, text) in enumerate(articles):
            path = tmp_path / f"a{number}.txt"
            path.write_text(text, encoding="utf-8")
            path.with_name(f"a{number}.meta.json").write_text(json.dumps({"published_date": published}), encoding="utf-8")
            article = read_input(path, path.name)
            records["articles"].append(article.record())
            for table, rows in extract_article(article).items():
                records[table] += rows
        frames = {table: frame_from_records(table, rows) for table, rows in records.items()}
        frames["rejections"] = frame_from_records("rejections", [])
        return validate_release(add_cross_article_tables(frames))
    return build


def canonical_of(frames: dict[str, pl.DataFrame], event_type: str) -> pl.DataFrame:
    return frames["canonical_events"].filter(pl.col("event_type") == event_type)


STATE_VISIT_A = ("2023-11-25", """Vietnamese President to visit Japan

Vietnamese President Vo Van Thuong will pay a state visit to Japan from November 27 to 30, 2023, \
at the invitation of Japanese Prime Minister Kishida Fumio.
""")
STATE_VISIT_B = ("2023-11-26", """President Vo Van Thuong leaves Hanoi for Japan

President Vo Van Thuong left Hanoi on Sunday for a state visit to Japan on November 26-30, 2023. \
He will hold talks with Prime Minister Fumio Kishida.
""")
LATER_VISIT = ("2023-12-28", """Vietnamese President in Japan again

President Vo Van Thuong paid a working visit to Japan from December 27 to 29, 2023.
""")


def test_the_same_visit_told_by_two_articles_is_one_canonical_event(corpus) -> None:
    frames = corpus(STATE_VISIT_A, STATE_VISIT_B)
    [visit] = canonical_of(frames, "visit").to_dicts()
    assert (visit["num_articles"], visit["num_mentions"]) == (2, 2)
    assert visit["first_reported"] == dt.date(2023, 11, 25)
    assert visit["country_code"] == "JP" and visit["end_date"] == dt.date(2023, 11, 30)
    mentions = frames["events"].filter(pl.col("event_type") == "visit")
    assert mentions["canonical_event_id"].unique().to_list() == [visit["canonical_event_id"]]


def test_a_disputed_start_date_is_listed_with_both_values_and_their_sources(corpus) -> None:
    frames = corpus(STATE_VISIT_A, STATE_VISIT_B)
    [visit] = canonical_of(frames, "visit").to_dicts()
    disputed = frames["conflicts"].filter(pl.col("canonical_id") == visit["canonical_event_id"])
    assert visit["has_conflicts"]
    assert sorted(zip(disputed["field"], disputed["value"])) == [("start_date", "2023-11-26"), ("start_date", "2023-11-27")]
    assert all(n == 1 for n in disputed["num_articles"])
    assert set(disputed["article_ids"].explode()) == set(frames["articles"]["article_id"])


def test_two_visits_by_the_same_person_a_month_apart_stay_two_events(corpus) -> None:
    frames = corpus(STATE_VISIT_A, LATER_VISIT)
    visits = canonical_of(frames, "visit")
    assert visits.height == 2 and visits["num_articles"].to_list() == [1, 1]
    assert frames["conflicts"].height == 0


def test_visits_to_the_same_country_by_different_people_do_not_merge(corpus) -> None:
    other = ("2023-11-26", """Thai minister in Japan

Thai Foreign Minister Parnpree Bahiddha-Nukara paid an official visit to Japan from November 27 to 30, 2023.
""")
    visits = canonical_of(corpus(STATE_VISIT_A, other), "visit")
    assert visits.height == 2


def test_an_actor_is_one_row_whatever_the_name_order_or_title(corpus) -> None:
    actors = corpus(STATE_VISIT_A, STATE_VISIT_B)["actors"]
    [kishida] = actors.filter(pl.col("name").str.contains("Kishida")).to_dicts()
    assert kishida["country_code"] == "JP" and kishida["num_articles"] == 2
    assert {"Kishida Fumio", "Fumio Kishida"} <= set(kishida["aliases"])


def test_event_participants_carry_actor_ids_of_the_actors_table(corpus) -> None:
    frames = corpus(STATE_VISIT_A, STATE_VISIT_B)
    ids = set(frames["actors"]["actor_id"])
    for names, actor_ids in zip(frames["events"]["participants"], frames["events"]["participant_ids"], strict=True):
        assert len(names) == len(actor_ids) and set(actor_ids) <= ids


TRADE = "Two-way trade between Vietnam and Japan reached {} in 2023."


@pytest.mark.parametrize(("first", "second", "agree"), [
    ("US$44 billion", "US$44 billion", True),
    ("US$44 billion", "nearly US$45 billion", False),
])
def test_one_figure_reported_by_two_articles_is_one_canonical_statistic(corpus, first: str, second: str, agree: bool) -> None:
    frames = corpus(("2024-01-10", "Trade up\n\n" + TRADE.format(first) + "\n"),
                    ("2024-01-12", "Ties grow\n\n" + TRADE.format(second) + "\n"))
    [trade] = frames["canonical_statistics"].filter(pl.col("indicator") == "trade_turnover").to_dicts()
    assert trade["num_articles"] == 2 and trade["values_agree"] is agree
    assert (trade["value_min"], trade["value_max"]) == ((44e9, 44e9) if agree else (44e9, 45e9))
    disputed = frames["conflicts"].filter(pl.col("canonical_id") == trade["canonical_statistic_id"])
    assert sorted(disputed["value"]) == ([] if agree else ["44000000000", "45000000000"])


def test_the_same_figure_for_another_country_pair_is_another_statistic(corpus) -> None:
    frames = corpus(("2024-01-10", "Trade up\n\n" + TRADE.format("US$44 billion") + "\n"),
                    ("2024-01-12", "Trade up\n\nTwo-way trade between Vietnam and South Korea reached US$44 billion in 2023.\n"))
    assert frames["canonical_statistics"].filter(pl.col("indicator") == "trade_turnover").height == 2


def test_two_figures_of_one_article_are_never_merged(corpus) -> None:
    text = ("Busy year\n\nMore than 40 delegations visited Japan in 2023. "
            "Over 10 delegations of Vietnam visited Japan in 2023.\n")
    frames = corpus(("2024-01-10", text))
    assert frames["canonical_statistics"].filter(pl.col("indicator") == "delegations").height == 2


def test_the_dev_articles_give_one_state_visit_with_its_start_date_disputed(corpus) -> None:
    texts = [(None, path.read_text(encoding="utf-8")) for path in sorted((ROOT / "raw").glob("*.txt"))]
    frames = corpus(*[("2023-11-30", text) for _, text in texts])
    [visit] = canonical_of(frames, "visit").filter(pl.col("num_articles") == 2).to_dicts()
    assert "Vo Van Thuong" in visit["participants"]
    disputed = frames["conflicts"].filter(pl.col("canonical_id") == visit["canonical_event_id"])
    assert set(disputed.filter(pl.col("field") == "start_date")["value"]) == {"2023-11-26", "2023-11-27"}
    actors = frames["actors"]
    for name, country in [("Naruhito", "JP"), ("Vo Van Thuong", "VN"), ("Kishida Fumio", "JP")]:
        assert actors.filter(pl.col("name") == name)["country_code"].to_list() == [country]


# --- Building blocks ------------------------------------------------------------------------------


def test_groups_never_hold_two_mentions_of_one_article() -> None:
    clusters = ArticleDisjointClusters(["art_a", "art_b", "art_a"])
    assert clusters.union(0, 1)
    assert not clusters.union(1, 2)          # would put art_a's two mentions together
    assert sorted(map(sorted, clusters.groups())) == [[0, 1], [2]]


@pytest.mark.parametrize(("spans", "pairs"), [
    ([("2023-11-26", "2023-11-30"), ("2023-11-27", "2023-11-30")], {(0, 1)}),
    ([("2023-11-01", "2023-11-30"), ("2023-11-30", "2023-12-02")], {(0, 1)}),
    ([("2023-11-26", "2023-11-30"), ("2023-12-27", "2023-12-29")], set()),
    ([("2023-11-01", "2023-11-30"), ("2023-11-05", "2023-11-06"), ("2023-11-20", "2023-11-21")], {(0, 1), (0, 2)}),
])
def test_overlapping_date_ranges_are_paired(spans: list[tuple[str, str]], pairs: set[tuple[int, int]]) -> None:
    found = overlapping_pairs([Span(i, dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for i, (a, b) in enumerate(spans)])
    assert {tuple(sorted(pair)) for pair in found} == pairs


# --- Event grouping equals its all-pairs definition -------------------------------------------------
# The grouping links a few mentions per run instead of visiting all pairs; whatever the mentions,
# it must give the groups that visiting every matching pair in sweep order gives.

def _all_pairs_groups(rows: list[dict]) -> set[frozenset[int]]:
    """The definition: same type, overlapping day/month-precise dates, different articles, and a
    shared actor or (one naming nobody) the same country; pairs visited in sweep order."""
    clusters = ArticleDisjointClusters([row["article_id"] for row in rows])
    by_type: dict[str, list[Span]] = {}
    for index, row in enumerate(rows):
        if row["start_date"] is not None and row["date_precision"] in ("day", "month"):
            by_type.setdefault(row["event_type"], []).append(Span(index, row["start_date"], row["end_date"] or row["start_date"]))
    for spans in by_type.values():
        for a, b in overlapping_pairs(spans):
            first, second = rows[a], rows[b]
            shared = set(first["participant_ids"]) & set(second["participant_ids"])
            unnamed = not first["participant_ids"] or not second["participant_ids"]
            same_country = first["country_code"] is not None and first["country_code"] == second["country_code"]
            if first["article_id"] != second["article_id"] and (shared or (unnamed and same_country)):
                clusters.union(a, b)
    return {frozenset(group) for group in clusters.groups()}


_day = st.integers(min_value=0, max_value=12).map(lambda offset: dt.date(2023, 11, 20) + dt.timedelta(days=offset))
_mention = st.fixed_dictionaries({
    "article_id": st.sampled_from(["art_a", "art_b", "art_c", "art_d"]),
    "event_type": st.sampled_from(["visit", "talks"]),
    "start_date": st.one_of(st.none(), _day),
    "length": st.integers(min_value=0, max_value=4),
    "date_precision": st.sampled_from(["day", "day", "month", "year"]),
    "participant_ids": st.lists(st.sampled_from(["act_1", "act_2", "act_3"]), max_size=2, unique=True),
    "country_code": st.sampled_from([None, "JP", "VN"]),
})


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_mention, max_size=14))
def test_event_groups_are_those_of_every_matching_pair(mentions: list[dict]) -> None:
    rows = [{**{key: value for key, value in mention.items() if key != "length"},
             "end_date": mention["start_date"] + dt.timedelta(days=mention["length"]) if mention["start_date"] else None}
            for mention in mentions]
    frame = pl.DataFrame(rows, schema={"article_id": pl.String, "event_type": pl.String, "start_date": pl.Date,
                                       "date_precision": pl.String, "participant_ids": pl.List(pl.String),
                                       "country_code": pl.String, "end_date": pl.Date})
    labels = event_groups(frame)
    found: dict[int, set[int]] = {}
    for index, label in enumerate(labels):
        found.setdefault(label, set()).add(index)
    assert {frozenset(group) for group in found.values()} == _all_pairs_groups(rows)


# --- Agreement grouping equals its definition ------------------------------------------------------

def _agreement_definition_groups(rows: list[dict]) -> set[frozenset[int]]:
    """Same type and parties; then same canonical event (first mention with each later one), then
    the same specific title with compatible dates (in date order); groups in first-mention order."""
    clusters = ArticleDisjointClusters([row["article_id"] for row in rows])
    by_event: dict[tuple, list[int]] = {}
    by_title: dict[tuple, list[int]] = {}
    for index, row in enumerate(rows):
        kind = (row["agreement_type"], tuple(sorted(row["parties"])))
        words = frozenset(re.findall(r"[a-z]+", row["title"].lower())) - {"the", "of", "on", "agreement"}
        if row["_canonical_event"] is not None:
            by_event.setdefault((*kind, row["_canonical_event"]), []).append(index)
        if len(words) >= 3:
            by_title.setdefault((*kind, words), []).append(index)
    for members in by_event.values():
        for other in members[1:]:
            clusters.union(members[0], other)
    for members in by_title.values():
        ordered = sorted(members, key=lambda i: (rows[i]["signed_date"] is not None, rows[i]["signed_date"] or dt.date.min))
        for earlier, later in zip(ordered, ordered[1:]):
            if _dates_overlap(rows[earlier], rows[later]):
                clusters.union(earlier, later)
    return {frozenset(group) for group in clusters.groups()}


def _dates_overlap(first: dict, second: dict) -> bool:
    """Unknown dates overlap anything; known ones are the days their precision allows."""
    if first["signed_date"] is None or second["signed_date"] is None:
        return True
    first_days, second_days = _possible_days(first), _possible_days(second)
    return first_days[0] <= second_days[1] and second_days[0] <= first_days[1]


def _possible_days(row: dict) -> tuple[dt.date, dt.date]:
    day = row["signed_date"]
    if row["date_precision"] == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    if row["date_precision"] == "month":
        next_month = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return day.replace(day=1), next_month - dt.timedelta(days=1)
    return day, day


_agreement = st.fixed_dictionaries({
    "article_id": st.sampled_from(["art_a", "art_b", "art_c"]),
    "agreement_type": st.sampled_from(["mou", "joint_statement"]),
    "parties": st.sampled_from([["JP", "VN"], ["VN", "JP"], ["KR", "VN"]]),
    "_canonical_event": st.sampled_from([None, "cev_1", "cev_2"]),
    "title": st.sampled_from(["MoU on energy transition cooperation", "The energy cooperation transition",
                              "Agreement on labour", "MoU on digital transformation cooperation"]),
    "signed_date": st.one_of(st.none(), st.sampled_from([dt.date(2023, 11, 1), dt.date(2023, 11, 20), dt.date(2023, 12, 5),
                                                         dt.date(2023, 12, 31), dt.date(2024, 1, 1)])),
    "date_precision": st.sampled_from(["day", "month", "month", "year"]),
})


@pytest.mark.parametrize(("first", "second", "one_agreement"), [
    ((dt.date(2023, 11, 1), "month"), (dt.date(2023, 11, 20), "day"), True),
    ((dt.date(2023, 11, 1), "day"), (dt.date(2023, 11, 20), "day"), False),
    ((dt.date(2023, 5, 5), "year"), (dt.date(2023, 12, 31), "day"), True),
    ((dt.date(2023, 12, 31), "month"), (dt.date(2024, 1, 1), "month"), False),
    ((dt.date(2023, 12, 5), "day"), (dt.date(2024, 1, 1), "year"), False),
    ((None, "unknown"), (dt.date(2024, 1, 1), "day"), True),
])
def test_agreement_dates_must_overlap_at_their_precision(first: tuple, second: tuple, one_agreement: bool) -> None:
    frame = pl.DataFrame([{"article_id": article, "agreement_type": "mou", "parties": ["JP", "VN"], "_canonical_event": None,
                           "title": "MoU on energy transition cooperation", "signed_date": day, "date_precision": precision}
                          for article, (day, precision) in (("art_a", first), ("art_b", second))],
                         schema={"article_id": pl.String, "agreement_type": pl.String, "parties": pl.List(pl.String),
                                 "_canonical_event": pl.String, "title": pl.String, "signed_date": pl.Date,
                                 "date_precision": pl.String})
    labels = agreement_groups(frame)
    assert (labels[0] == labels[1]) == one_agreement


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_agreement, max_size=12))
def test_agreement_groups_follow_their_definition(mentions: list[dict]) -> None:
    frame = pl.DataFrame(mentions, schema={"article_id": pl.String, "agreement_type": pl.String,
                                           "parties": pl.List(pl.String), "_canonical_event": pl.String,
                                           "title": pl.String, "signed_date": pl.Date, "date_precision": pl.String})
    found: dict[int, set[int]] = {}
    for index, label in enumerate(agreement_groups(frame)):
        found.setdefault(label, set()).add(index)
    assert {frozenset(group) for group in found.values()} == _agreement_definition_groups(mentions)
