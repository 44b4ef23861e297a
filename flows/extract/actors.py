"""Actor mentions: one row per person, organisation or country acting in one article.

A person's row gathers every form the article writes them in ("Prime Minister Kishida Fumio",
"Kishida"), the titles it gives them and their country; the name is the one the events use in
`participants`. Participants that are not people (the countries of a diplomatic milestone, an
organisation) get a row too, so every participant of every event has exactly one mention row.
Cross-article resolution into actors is flows.canonical.actors.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Final

from flows.extract.context import ArticleContext, Person
from flows.ids import stable_id
from flows.normalise.places import find_places
from flows.sentences import Sentence

# Titles that stand for someone else's office rather than name one ("his counterpart X").
_RELATIONAL_TITLES: Final = frozenset({"counterpart"})
_THE: Final = re.compile(r"^the\s+", re.IGNORECASE)


def extract_actor_mentions(ctx: ArticleContext, events: list[dict]) -> list[dict]:
    rows: dict[str, dict] = {}
    for name, people in _people_by_name(ctx.people).items():
        rows[name] = _person_row(ctx, name, people)
    for event in events:
        for name in event["participants"]:
            if name not in rows:
                rows[name] = _other_row(ctx, name, event)
    return list(rows.values())


def _people_by_name(people: Iterable[Person]) -> dict[str, list[Person]]:
    grouped: dict[str, list[Person]] = {}
    for person in people:
        grouped.setdefault(person.name, []).append(person)
    return grouped


def _person_row(ctx: ArticleContext, name: str, people: list[Person]) -> dict:
    people = sorted(people, key=lambda p: (p.start, p.end))
    aliases = _clean_items(p.written for p in people) or _clean_items([name])
    titles = sorted({t for p in people if p.title and (t := " ".join(p.title.lower().split()))
                     and t.split()[-1] not in _RELATIONAL_TITLES and ";" not in t})
    country = next((p.country_code for p in people if p.country_code), None)
    # cite where the name is written, rather than a later "He" or "the President"
    named = [p.start for p in people if p.written]
    return _row(ctx, name, "person", aliases, titles, country, len(people),
                _evidence(ctx, named or [p.start for p in people]))


def _other_row(ctx: ArticleContext, name: str, event: dict) -> dict:
    """A participant that is not a person: a country (by the gazetteer) or else an organisation."""
    code = _country_of(name)
    if code is not None:
        places = [p for p in ctx.places if p.kind == "country" and p.country_code == code]
        text = ctx.article.text
        aliases = _clean_items(text[p.start:p.end] for p in places) or _clean_items([name])
        evidence = _evidence(ctx, [p.start for p in places]) if places else None
        return _row(ctx, name, "country", aliases, [], code, max(len(places), 1),
                    evidence or (event["evidence"], event["char_start"], event["char_end"]))
    count = ctx.article.text.count(name)
    offsets = [ctx.article.text.find(name)] if count else []
    evidence = _evidence(ctx, offsets) if offsets else None
    return _row(ctx, name, "organisation", _clean_items([name]), [], None, max(count, 1),
                evidence or (event["evidence"], event["char_start"], event["char_end"]))


def _country_of(name: str) -> str | None:
    """The country code when the whole name is a country name ("Vietnam", "the US")."""
    bare = _THE.sub("", name.strip())
    places = find_places(bare)
    if len(places) == 1 and places[0].kind == "country" and (places[0].start, places[0].end) == (0, len(bare)):
        return places[0].country_code
    return None


def _row(ctx: ArticleContext, name: str, kind: str, aliases: list[str], titles: list[str],
         country: str | None, num_mentions: int, evidence: tuple[str, int, int]) -> dict:
    article_id = ctx.article.article_id
    return {
        "mention_id": stable_id("men", article_id, name),
        "article_id": article_id,
        "name": name,
        "kind": kind,
        "aliases": aliases,
        "titles": titles,
        "country_code": country,
        "num_mentions": num_mentions,
        "evidence": evidence[0],
        "char_start": evidence[1],
        "char_end": evidence[2],
    }


def _clean_items(forms: Iterable[str]) -> list[str]:
    """Distinct forms, sorted, whitespace-normalised, never empty and never containing ';' (the
    CSV list separator)."""
    return sorted({cleaned for form in forms if (cleaned := " ".join(form.replace(";", " ").split()))})


def _evidence(ctx: ArticleContext, offsets: list[int]) -> tuple[str, int, int]:
    """The sentence of the first offset that lies in one (as events cite it); for a name seen only
    in the headline, that line."""
    starts = [s.start for s in ctx.sentences]
    for offset in sorted(offsets):
        sentence = _sentence_at(ctx.sentences, starts, offset)
        if sentence is not None:
            return sentence.text, sentence.start, sentence.end
    return _line_at(ctx.article.text, min(offsets))


def _sentence_at(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    return None


def _line_at(text: str, offset: int) -> tuple[str, int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    line = text[start:end]
    stripped = line.strip()
    start += len(line) - len(line.lstrip())
    return stripped, start, start + len(stripped)
