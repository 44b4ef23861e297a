"""A sidecar is held at ingest to the rules the release gate applies, so one bad sidecar costs only
its own article."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from flows.sidecar import MAX_NESTING, SidecarError, parse_sidecar_json


def parsed(meta: object) -> dict[str, object]:
    return parse_sidecar_json(json.dumps(meta).encode("utf-8"))


@pytest.mark.parametrize(("meta", "expected"), [
    ({"url": "https://news.example.org/a/1", "outlet": "The Daily", "published_date": "2024-05-02"},
     {"url": "https://news.example.org/a/1", "outlet": "The Daily", "published_date": dt.date(2024, 5, 2)}),
    ({}, {"url": None, "outlet": None, "published_date": None}),
    ({"url": None, "outlet": None, "published_date": None}, {"url": None, "outlet": None, "published_date": None}),
    ({"url": "  http://example.com  ", "outlet": "  "}, {"url": "http://example.com", "outlet": None,
                                                        "published_date": None}),
    ({"published_date": "2024-05-02T09:30:00Z"}, {"url": None, "outlet": None, "published_date": dt.date(2024, 5, 2)}),
    ({"published_date": "2024-05-02T09:30+07:00"}, {"url": None, "outlet": None,
                                                    "published_date": dt.date(2024, 5, 2)}),
    ({"title": "ignored", "tags": [["a"], {"b": 1}]}, {"url": None, "outlet": None, "published_date": None}),
])
def test_a_sound_sidecar_gives_its_url_outlet_and_date(meta: object, expected: dict[str, object]) -> None:
    assert parsed(meta) == expected


@pytest.mark.parametrize(("meta", "problem"), [
    ({"url": "www.example.com/news/1"}, "url: 'www.example.com/news/1' is not an http:// or https:// address"),
    ({"url": "javascript:alert(1)"}, "url: 'javascript:alert(1)' is not an http"),
    ({"url": "https://"}, "url: 'https://' is not an http"),
    ({"url": "https://example.com/a\nb"}, "url: holds a line break"),
    ({"url": {"href": "https://example.com"}}, "url: an object, not a string"),
    ({"url": "https://example.com/" + "a" * 3000}, "url: 3020 characters"),
    ({"outlet": ["The Daily"]}, "outlet: a list, not a string"),
    ({"outlet": "x" * 500}, "outlet: 500 characters"),
    ({"outlet": "The\x00Daily"}, "outlet: holds a line break or control character"),
])
def test_a_url_or_outlet_the_release_could_not_publish_is_named(meta: object, problem: str) -> None:
    with pytest.raises(SidecarError, match="^" + problem.replace("(", r"\(").replace(")", r"\)")):
        parsed(meta)


@pytest.mark.parametrize("published", [
    "20230101", "2023-01-01 is when it ran", "2023-W01-1", "2023-02-30", "01/02/2023", "", "  ",
    False, 0, 20230101, ["2023-01-01"],
])
def test_a_published_date_is_a_strict_iso_date_or_null(published: object) -> None:
    with pytest.raises(SidecarError, match="^published_date: "):
        parsed({"published_date": published})


@pytest.mark.parametrize(("data", "problem"), [
    (b"[1, 2]", "top level is a list, not an object"),
    (b'"https://example.com"', "top level is a string, not an object"),
    (b"{not json", "not JSON"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"{" + b'"url": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", f"nested 100001 levels deep (at most {MAX_NESTING})"),
])
def test_a_sidecar_that_is_not_a_json_object_is_named(data: bytes, problem: str) -> None:
    with pytest.raises(SidecarError, match="^" + problem.replace("(", r"\(").replace(")", r"\)")):
        parse_sidecar_json(data)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    outlet = "[" * 60 + '"\\"{' * 30
    assert parsed({"outlet": outlet})["outlet"] == outlet


def test_a_byte_order_mark_is_allowed() -> None:
    assert parse_sidecar_json(b'\xef\xbb\xbf{"outlet": "The Daily"}')["outlet"] == "The Daily"
