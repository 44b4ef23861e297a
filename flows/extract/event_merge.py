"""Merge event mentions of one article into one row per distinct event.

Mentions are compatible when their dates overlap (or one has none), their places agree (or one
has none) and the people of one are among the people of the other. Mentions that say nothing of
their own ("the visit has generated ...") join the nearest earlier event of their type.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Final

from flows.extract.context import ArticleContext
from flows.extract.event_rules import Confidence, EventRules
from flows.ids import stable_id
from flows.normalise.places import PlaceMention, country_name

_PRECISION_RANK: Final = {"day": 3, "month": 2, "year": 1, "unknown": 0}


@dataclass
class EventCluster:
    event_type: str
    mentions: list = field(default_factory=list)
    venue: Any = None   # where it took place when no mention says so: the place of the day's events
    borrowed: Any = None   # its dates when no mention states them: the day of the event it followed
    _summaries: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def people(self) -> dict[str, str | None]:
        return self._summary("people", self._people)

    @property
    def dates(self) -> Any:
        return self._summary("dates", self._dates)

    @property
    def place(self) -> Any:
        return self._summary("place", self._place)

    def _summary(self, name: str, compute):
        """Merging asks for these again and again; mentions are only ever added to a cluster, so a
        summary holds while their number is unchanged."""
        known = self._summaries.get(name)
        if known is None or known[0] != len(self.mentions):
            known = self._summaries[name] = (len(self.mentions), compute())
        return known[1]

    def _people(self) -> dict[str, str | None]:
        names: dict[str, str | None] = {}
        for mention in self.mentions:
            for person in mention.people:
                names.setdefault(person.name, person.country_code)
        return names

    def _dates(self):
        dated = [m.date for m in self.mentions if m.date is not None and m.date.start_date is not None]
        if not dated:
            return None
        return max(dated, key=lambda d: (_PRECISION_RANK[d.precision], (d.end_date - d.start_date).days))

    def _place(self):
        return next((m.place for m in self.mentions if m.place is not None), None)

    @property
    def proper_name(self) -> str | None:
        return self._summary("proper_name", self._proper_name)

    def _proper_name(self) -> str | None:
        return next((m.proper_name for m in self.mentions if m.proper_name), None)

    @property
    def body(self) -> str | None:
        return next((m.body for m in self.mentions if m.body), None)


def merge_mentions(ctx: ArticleContext, mentions: list, rules: EventRules,
                   reported: tuple[Any, frozenset[tuple[int, int]]] = (None, frozenset())) -> list[dict]:
    merge_into = {kind: block.merge_into for kind, block in rules.types.items() if block.merge_into}
    distinct = {kind for kind, block in rules.types.items() if block.distinct_by_trigger}
    clusters: list[EventCluster] = []
    pending: list = []
    for mention in mentions:
        if not mention.standalone or mention.opener == "reference":
            pending.append(mention)   # "Following their meeting, ...": a reference back founds no event
            continue
        target = _find_cluster(clusters, mention, merge_into, distinct)
        if target is None:
            target = EventCluster(mention.event_type)
            clusters.append(target)
        target.mentions.append(mention)
    _absorb_visits_into_summits(clusters, merge_into)
    for mention in pending:
        back = mention.opener == "reference"   # "after the talks" refers to talks told before it
        host = _nearest_earlier(clusters, mention, None, back)
        if host is None:
            host = _nearest_earlier(clusters, mention, rules.types[mention.event_type].yields_to, back)   # "Following the meeting" after a summit meeting
        if host is None and (rules.types[mention.event_type].alone_when_first or mention.opener == "welcomed"):
            host = EventCluster(mention.event_type)   # "The two presidents held talks at X": the only talks told
            clusters.append(host)
        if host is not None:
            host.mentions.append(mention)
    _days_of_occasions(clusters, rules)
    _on_the_day_reported(clusters, reported)
    _same_day_same_place(clusters, rules)
    _during_a_visit(clusters, rules)
    return [_row(ctx, cluster, rules) for cluster in clusters]


def _days_of_occasions(clusters: list[EventCluster], rules: EventRules) -> None:
    """ "Following the talks, the two ministers witnessed the signing ...", "On the same day, X paid
    a courtesy call on Y", "held talks with X, and the two signed a memorandum": an event with no
    date of its own happened on the day of the event told just before it, and there, unless its
    own place is named."""
    undated = [(min(c.mentions, key=lambda m: m.trigger_start), c) for c in clusters if c.dates is None]
    waiting = sorted(((first, c) for first, c in undated
                      if first.opener == "same_occasion" or rules.types[c.event_type].dated_with_sentence),
                     key=lambda pair: pair[0].trigger_start)
    for first, cluster in waiting:
        before = [(m.trigger_start, c) for c in clusters if c is not cluster for m in c.mentions
                  if m.trigger_start < first.trigger_start and _one_day(c)
                  and (first.opener == "same_occasion"
                       or rules.types[cluster.event_type].dated_with_sentence and m.sentence.start == first.sentence.start)]
        if before:
            source = max(before, key=lambda pair: pair[0])[1]
            cluster.borrowed = source.dates or source.borrowed
            if cluster.place is None:
                cluster.venue = source.place or source.venue


def _on_the_day_reported(clusters: list[EventCluster], reported: tuple[Any, frozenset[tuple[int, int]]]) -> None:
    """An event a news report tells after its lead, still undated once merged (it joined no dated
    mention of itself), happened on the day reported (see events._reported_day); a reference back
    to it ("Following the council meeting, ...") does not change that."""
    day, may_take = reported
    if day is None:
        return
    for cluster in clusters:
        if cluster.dates is None and cluster.borrowed is None \
                and all((m.sentence.start, m.trigger_start) in may_take or m.opener == "reference" for m in cluster.mentions) \
                and any((m.sentence.start, m.trigger_start) in may_take for m in cluster.mentions):
            cluster.borrowed = day


def _one_day(cluster: EventCluster) -> bool:
    dates = cluster.dates or cluster.borrowed
    return dates is not None and dates.precision == "day" and dates.start_date == dates.end_date


def _same_day_same_place(clusters: list[EventCluster], rules: EventRules) -> None:
    """ "met today in Phnom Penh ... the annual Summit later that day": an event of the same day as
    one placed in a city, with no place of its own, took place there too (one day, one city)."""
    by_day: dict[Any, set] = {}
    for cluster in clusters:
        dates = cluster.dates
        if cluster.place is not None and dates is not None and dates.precision == "day" \
                and dates.start_date == dates.end_date and rules.types[cluster.event_type].located:
            by_day.setdefault(dates.start_date, set()).add((cluster.place.name, cluster.place.country_code))
    for cluster in clusters:
        dates = cluster.dates
        if cluster.place is None and dates is not None and dates.precision == "day" \
                and dates.start_date == dates.end_date and len(by_day.get(dates.start_date, ())) == 1:
            cluster.venue = next(c.place for c in clusters if c.place is not None and c.dates is not None
                                 and c.dates.precision == "day" and c.dates.start_date == dates.start_date
                                 and c.dates.end_date == dates.start_date)


def _during_a_visit(clusters: list[EventCluster], rules: EventRules) -> None:
    """ "paid a state visit to China from May 27 to 31 ... held a welcome ceremony on Thursday": an
    event within the days of a visit, with no place of its own, took place in the country visited
    (when the article's visits of those days agree on it)."""
    trips = [(c.dates, (c.place or c.venue).country_code) for c in clusters
             if c.event_type == "visit" and (c.place or c.venue) is not None and c.dates is not None
             and c.dates.precision == "day" and c.dates.start_date < c.dates.end_date]
    if not trips:
        return
    for cluster in clusters:
        dates = cluster.dates or cluster.borrowed
        if cluster.place is not None or cluster.venue is not None or not rules.types[cluster.event_type].located \
                or dates is None or dates.precision != "day" or cluster.event_type == "visit":
            continue
        hosts = {code for span, code in trips if span.start_date <= dates.start_date and dates.end_date <= span.end_date}
        if len(hosts) == 1:
            code = hosts.pop()
            cluster.venue = PlaceMention(country_name(code) or code, code, "country", -1, -1)


def _find_cluster(clusters: list[EventCluster], mention, merge_into: dict[str, str],
                  distinct: set[str]) -> EventCluster | None:
    candidates = [c for c in clusters
                  if c.event_type in (mention.event_type, merge_into.get(mention.event_type))
                  and _compatible(c, mention)
                  and (c.event_type not in distinct or _same_occasion(c, mention))]
    if not candidates:
        return None
    names = {p.name for p in mention.people}
    return max(candidates, key=lambda c: (len(names & set(c.people)), c.event_type == mention.event_type))


def _compatible(cluster: EventCluster, mention) -> bool:
    name = mention.proper_name
    if name is not None and cluster.proper_name not in (None, name):
        return False   # "the Special Summit" and "the annual Summit" are two summits
    if cluster.event_type != mention.event_type and (
            not (set(cluster.people) & {p.name for p in mention.people})
            or cluster.dates is None or mention.date is None or mention.date.start_date is None):
        return False   # a visit is the summit it attends only when both are dated and overlap
    if cluster.event_type != mention.event_type and not _within(mention.date, cluster.dates):
        return False   # a summit meeting on one day of a longer visit is not the visit
    return _dates_overlap(cluster.dates, mention.date) and _places_agree(cluster.place, mention.place) \
        and _people_nest(set(cluster.people), {p.name for p in mention.people}) \
        and not _stop_on_a_trip(cluster, mention)   # "visited a garment factory on 4 July" during a visit of 1-4 July


def _stop_on_a_trip(cluster: EventCluster, mention) -> bool:
    """A one-day stop at a site and the trip it is part of are two visits."""
    day = mention.date
    if cluster.event_type != mention.event_type:
        return False
    if (day is None or day.start_date is None) and mention.at_a_site != any(m.at_a_site for m in cluster.mentions):
        return True   # "also visited Kallo Hospital" (undated) during a visit to the country: a stop of its own
    if day is None or day.start_date is None or day.precision != "day":
        return False
    trip = cluster.dates
    if trip is None or trip.precision != "day":
        return False
    if day.start_date == day.end_date:
        return trip.start_date < trip.end_date and (mention.at_a_site or _onward_travel(mention, trip.start_date)
                                                    or (_at_another_city(cluster, mention)
                                                        and not _arrival_on_the_first_day(mention, trip.start_date)))
    return trip.start_date == trip.end_date and all(m.at_a_site for m in cluster.mentions)


def _at_another_city(cluster: EventCluster, mention) -> bool:
    """ "is scheduled to visit Jeddah on Monday" during a three-day visit to Saudi Arabia: a day in
    another city than the trip's is a stop of its own."""
    place = mention.place
    return place is not None and place.kind == "city" and (cluster.place is None or cluster.place.name != place.name)


def _arrival_on_the_first_day(mention, trip_start: dt.date) -> bool:
    """ "X arrived in the capital on Monday" told beside "a two-day visit" that began that Monday:
    the arrival is the trip's start, not a stop of its own."""
    offset = mention.sentence.start
    word = mention.sentence.text[mention.trigger_start - offset:mention.trigger_end - offset].lower()
    return word.startswith("arriv") and mention.date.start_date == trip_start


def _onward_travel(mention, trip_start: dt.date) -> bool:
    """ "On Wednesday, the Minister travelled to the island of X": travel on a later day of a trip
    is a stop of its own (on the first day it is the trip's start)."""
    offset = mention.sentence.start
    word = mention.sentence.text[mention.trigger_start - offset:mention.trigger_end - offset].lower()
    return word.startswith("travel") and mention.date.start_date > trip_start


def _same_occasion(cluster: EventCluster, mention) -> bool:
    """For types that recur on one trip: the same trigger word, or the same two or more people."""
    if any(m.trigger_key == mention.trigger_key for m in cluster.mentions):
        return True
    return len(set(cluster.people) & {p.name for p in mention.people}) >= 2


def _dates_overlap(a, b) -> bool:
    if a is None or b is None or a.start_date is None or b.start_date is None:
        return True
    return a.start_date <= b.end_date and b.start_date <= a.end_date


def _places_agree(a, b) -> bool:
    return a is None or b is None or a.name.lower() == b.name.lower()


def _people_nest(a: set[str], b: set[str]) -> bool:
    return not a or not b or a <= b or b <= a


def _absorb_visits_into_summits(clusters: list[EventCluster], merge_into: dict[str, str]) -> None:
    """A trip to attend a summit is reported both as a visit and as the summit: keep the summit
    (when the visit lies within the summit's days)."""
    for source_type, target_type in merge_into.items():
        for cluster in [c for c in clusters if c.event_type == source_type]:
            if _stop_of_a_longer_trip(cluster, clusters):
                continue   # "On May 4, X traveled to the port city of Y, where he joined ... for a summit": a stop of its own
            names = set(cluster.people)
            sentences = {m.sentence.start for m in cluster.mentions}
            host = next((c for c in clusters if c.event_type == target_type
                         and (names & set(c.people) or sentences & {m.sentence.start for m in c.mentions})
                         and cluster.dates is not None and c.dates is not None
                         and _within(cluster.dates, c.dates)), None)
            if host is not None:
                host.mentions.extend(cluster.mentions)
                clusters.remove(cluster)


def _stop_of_a_longer_trip(cluster: EventCluster, clusters: list[EventCluster]) -> bool:
    """A one-day visit to a place inside the days of a longer visit told in the article."""
    day = cluster.dates
    if day is None or day.precision != "day" or day.start_date != day.end_date:
        return False
    return any(c is not cluster and c.event_type == cluster.event_type and c.dates is not None
               and c.dates.precision == "day" and c.dates.start_date <= day.start_date <= c.dates.end_date
               and c.dates.start_date < c.dates.end_date for c in clusters)


def _within(inner, outer) -> bool:
    """A visit lasting no longer than the summit is the trip to attend it; a summit meeting held on
    one day of a longer official visit is an event of that visit. A visit told less precisely
    ("in December 2023") only has to overlap."""
    if _PRECISION_RANK[inner.precision] < _PRECISION_RANK[outer.precision]:
        return _dates_overlap(inner, outer)
    return outer.start_date <= inner.start_date and inner.end_date <= outer.end_date


def _nearest_earlier(clusters: list[EventCluster], mention, types: list[str] | None = None,
                    only_earlier: bool = False) -> EventCluster | None:
    same = [c for c in clusters if c.event_type in (types if types is not None else [mention.event_type])]
    earlier = [c for c in same if c.mentions[0].trigger_start <= mention.trigger_start]
    if earlier:
        return max(earlier, key=lambda c: max(m.trigger_start for m in c.mentions if m.trigger_start <= mention.trigger_start))
    return min(same, key=lambda c: c.mentions[0].trigger_start) if same and not only_earlier else None


def _representative(cluster: EventCluster):
    """The mention that states the most: a date (the row's own days first: the sentence that
    tells a visit's span, not one that tells its arrival day), people, a place; body text before
    captions."""
    dates = cluster.dates or cluster.borrowed
    return max(cluster.mentions, key=lambda m: (
        m.date is not None and m.date.start_date is not None,
        dates is not None and m.date is not None and (m.date.start_date, m.date.end_date) == (dates.start_date, dates.end_date),
        m.place is not None,
        not m.sentence.is_caption, -m.trigger_start))


def _row(ctx: ArticleContext, cluster: EventCluster, rules: EventRules) -> dict:
    best = _representative(cluster)
    dates = cluster.dates or cluster.borrowed
    block = rules.types[cluster.event_type]
    place = (cluster.place or cluster.venue) if block.located else None
    people = cluster.people
    participants = list(people) or (_country_participants(cluster) if block.between_countries else [])
    countries = sorted({c for c in people.values() if c} | (set(best.countries) if not people else set()))
    start: dt.date | None = dates.start_date if dates else None
    return {
        "event_id": stable_id("evt", ctx.article.article_id, cluster.event_type, best.sentence.start,
                              best.trigger_start, "|".join(people), start),
        "article_id": ctx.article.article_id,
        "event_type": cluster.event_type,
        "description": _describe(block.description, list(people), place, cluster.body),
        "start_date": start,
        "end_date": dates.end_date if dates else None,
        "date_precision": dates.precision if dates else "unknown",
        "date_text": dates.text if dates else None,
        "location": place.name if place else None,
        "country_code": place.country_code if place else None,
        "participants": participants,
        "participant_countries": countries,
        "evidence": best.sentence.text,
        "char_start": best.sentence.start,
        "char_end": best.sentence.end,
        "confidence": _confidence(cluster, dates is not None, bool(people), rules.confidence),
    }


def _country_participants(cluster: EventCluster) -> list[str]:
    codes = dict.fromkeys(c for m in cluster.mentions for c in m.countries)
    return [name for name in (country_name(code) for code in codes) if name]


def _describe(template: str, people: list[str], place, body: str | None) -> str:
    names = ", ".join(people)
    where = place.name if place else ""
    return template.format(
        of=f" of the {body}" if body else "",
        by=f" by {names}" if names else "", between=f" between {names}" if names else "",
        with_=f" with {names}" if names else "", to=f" to {where}" if where else "",
        at=f" in {where}" if where else "",
    ).strip()


def _confidence(cluster: EventCluster, dated: bool, with_people: bool, weights: Confidence) -> float:
    score = weights.base + weights.with_date * dated + weights.with_participants * with_people
    if all(m.sentence.is_caption for m in cluster.mentions):
        score += weights.caption
    return round(min(max(score, 0.0), 1.0), 3)
