"""Agreements: partnership upgrades, joint statements, signed documents and commitments.

One row per document per article: a partnership named again later, or a joint statement that
announces the upgrade it records, is the same agreement.
"""
from __future__ import annotations

import re
from typing import Final

from flows.extract.common import SENTENCE_GATES, compile_alternation, load_config
from flows.extract.context import ArticleContext, nearest
from flows.ids import stable_id
from flows.normalise.numbers import find_quantities
from flows.scan import GatedPattern, ScreenedText
from flows.sentences import Sentence

_CONFIG: Final = load_config("agreements")
_PARTNERSHIP: Final = SENTENCE_GATES.add(GatedPattern(re.compile(_CONFIG["partnership_name"], re.IGNORECASE)))
_NAME_STOPS: Final = re.compile(_CONFIG["partnership_name_stops"], re.IGNORECASE)
_UPGRADE: Final = compile_alternation(_CONFIG["upgrade_markers"])
_DOCUMENTS: Final = {kind: SENTENCE_GATES.add(GatedPattern(compile_alternation(pattern)))
                     for kind, pattern in _CONFIG["documents"].items()}
_DOCUMENT_VERB: Final = SENTENCE_GATES.add(GatedPattern(compile_alternation(_CONFIG["document_verbs"])))
_TOPICS: Final = re.compile(rf"^\s*{_CONFIG['topic_introducers']}\s+(?P<topics>[^.;:]+)", re.IGNORECASE)
_COMMITMENT: Final = SENTENCE_GATES.add(GatedPattern(compile_alternation(_CONFIG["commitments"])))
_LIST_SPLIT: Final = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_BOTH_SIDES: Final = re.compile(r"\b(?:two|both) (?:sides|countries|nations|governments|leaders|parties)\b", re.IGNORECASE)
_VAGUE_TOPIC: Final = re.compile(rf"^{_CONFIG['vague_topics']}$", re.IGNORECASE)
_CLAUSE_START: Final = re.compile(r"^\w+ing\s+(?:\S+\s+){2,}")
_CONFIDENCE: Final = _CONFIG["confidence"]


def extract_agreements(ctx: ArticleContext, events: list[dict]) -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}
    for sentence in ctx.sentences:
        for row in _sentence_agreements(ctx, sentence, events):
            key = (row["agreement_type"], _title_key(row["title"]))
            existing = _same_agreement(rows, key)
            if existing is None:
                rows[key] = row
    return list(rows.values())


def _sentence_agreements(ctx: ArticleContext, sentence: Sentence, events: list[dict]) -> list[dict]:
    screened = SENTENCE_GATES.screen(sentence.text)   # screened by events already
    upgrade = _partnership_upgrade(sentence, screened)
    if upgrade is not None:
        return [_row(ctx, sentence, events, "partnership_upgrade", upgrade, None, [], _CONFIDENCE["partnership_upgrade"])]
    document = _document(sentence, screened)
    if document is not None:
        kind, title, count, topics = document
        return [_row(ctx, sentence, events, kind, title, count, topics, _CONFIDENCE["document"])]
    commitment = screened.first_span(_COMMITMENT)
    if commitment is not None:
        title = _clause(sentence.text[commitment[0]:])
        return [_row(ctx, sentence, events, "commitment", title, None, [], _CONFIDENCE["commitment"])]
    return []


def _partnership_upgrade(sentence: Sentence, screened: ScreenedText) -> str | None:
    """The partnership named in a sentence that says relations were raised to it."""
    name = screened.first_span(_PARTNERSHIP)   # only where: searched in the folded text
    if name is None or not _UPGRADE.search(sentence.text[:name[0]]):
        return None
    return _NAME_STOPS.sub("", sentence.text[name[0]:name[1]]).strip(" \"“”'")


def _document(sentence: Sentence, screened: ScreenedText) -> tuple[str, str, int | None, list[str]] | None:
    """The first kind of document the sentence says was concluded. Several documents of that kind
    named one after another ("an MoU on mining and a memorandum of understanding on energy") are
    one batch: their number is the count and their subjects the topics."""
    if screened.first_span(_DOCUMENT_VERB) is None:
        return None
    for kind, pattern in _DOCUMENTS.items():
        matches = screened.spans(pattern)   # (start, end) of each, searched in the folded text
        if not matches:
            continue
        first_start, first_end = matches[0]
        count = _count_before(sentence.text, first_start)
        title = sentence.text[count[1] if count else first_start:first_end]
        ends = [start for start, _ in matches[1:]] + [len(sentence.text)]
        topics = [t for (_, after), end in zip(matches, ends) for t in _topics(sentence.text[after:end])]
        number = count[0] if count else (len(matches) if len(matches) > 1 else None)
        return kind, title.strip(), number, list(dict.fromkeys(topics))
    return None


def _count_before(text: str, offset: int) -> tuple[int, int] | None:
    """A number right before the document noun ("five cooperation documents") and where it starts."""
    for quantity in find_quantities(text[:offset]):
        if quantity.unit == "number" and not text[quantity.end:offset].strip(" -").count(" ") > 1 \
                and quantity.value >= 1 and not quantity.is_year_like:
            return int(quantity.value), quantity.start
    return None


def _topics(rest: str) -> list[str]:
    match = _TOPICS.match(rest)
    if match is None:
        return []
    topics: list[str] = []
    listed = re.sub(r"\s*(?:,\s*)?(?:and|or)\s*(?:an?|the)?\s*$", "", match.group("topics"))
    for part in _LIST_SPLIT.split(listed):
        part = re.sub(r"^(?:the|a|an)\s+", "", part.strip(" \"“”'"))
        if _CLAUSE_START.match(part):
            break  # ", creating new momentum for ...": the list has ended
        if part and not _VAGUE_TOPIC.match(part):
            topics.append(part)
    return topics


def _clause(text: str) -> str:
    return re.split(r"[.;:]", text, maxsplit=1)[0].strip()[:200]


def _title_key(title: str) -> str:
    return " ".join(re.findall(r"\w+", title.lower()))


def _same_agreement(rows: dict[tuple[str, str], dict], key: tuple[str, str]) -> dict | None:
    """A partnership named in full once and in short elsewhere is one agreement."""
    for (kind, title), row in rows.items():
        if kind == key[0] and (title.startswith(key[1]) or key[1].startswith(title)):
            return row
    return None


def _parties(ctx: ArticleContext, sentence: Sentence) -> list[str]:
    """Countries named in the sentence, completed with the article's main countries: an
    agreement between relations' partners has two sides even when one is named by a city."""
    named = list(dict.fromkeys(p.country_code for p in ctx.places_in(sentence)))
    for code in ctx.main_countries:
        if len(named) >= 2:
            break
        if code not in named:
            named.append(code)
    return sorted(named)


def _row(ctx: ArticleContext, sentence: Sentence, events: list[dict], kind: str, title: str,
         count: int | None, topics: list[str], confidence: float) -> dict:
    dates = [d for d in ctx.dates_in(sentence) if d.start_date and not d.is_target]
    date = nearest(dates, sentence.start)
    return {
        "agreement_id": stable_id("agr", ctx.article.article_id, kind, _title_key(title)),
        "article_id": ctx.article.article_id,
        "agreement_type": kind,
        "title": title,
        "parties": _parties(ctx, sentence),
        "signed_date": date.start_date if date else None,
        "date_precision": date.precision if date else "unknown",
        "document_count": count,
        "topics": topics,
        "related_event_id": _related_event(sentence, events),
        "evidence": sentence.text,
        "char_start": sentence.start,
        "char_end": sentence.end,
        "confidence": confidence,
    }


def _related_event(sentence: Sentence, events: list[dict]) -> str | None:
    """The event told in the same sentence, else the last visit or summit told before it."""
    same = [e for e in events if e["char_start"] == sentence.start]
    if same:
        return same[0]["event_id"]
    earlier = [e for e in events if e["event_type"] in ("visit", "summit") and e["char_start"] < sentence.start]
    return max(earlier, key=lambda e: e["char_start"])["event_id"] if earlier else None
