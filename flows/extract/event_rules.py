"""The layout of flows/extract/events.yaml: one block per event type holding all of its settings.

Loaded once with flows.extract.rules.load_rules, so a misspelt setting or a broken trigger pattern
stops the import instead of silently doing nothing. Not compiled (flows/native.py): the compiled
extractors (events, event_merge) only read the loaded attributes.
"""
from __future__ import annotations

from pydantic import model_validator

from flows.extract.rules import Pattern, Rules, load_rules


class EventTypeRules(Rules):
    """Everything about one event type."""
    # Human-readable row description; {by}, {to}, {at}, {between}, {with_} are filled in when known.
    description: str
    # Patterns (case-insensitive, on word boundaries) that say such an event happened or is scheduled.
    triggers: list[Pattern] = []
    # The event has a place where it happened (a milestone has none).
    located: bool = True
    # People in the sentence only react to it (a disaster): it has no participants.
    no_participants: bool = False
    # People quoted as the source ("..., X said") still take part (a speech, an interview).
    sources_take_part: bool = False
    # Occurs several times on one trip: two mentions are one event only with the same trigger word
    # or the same two or more people (a reception and an anniversary celebration are two ceremonies).
    distinct_by_trigger: bool = False
    # A mention with a place and no date or person still stands on its own.
    place_is_enough: bool = False
    # A mention whose trigger is written as a proper name ("the Summit for Democracy") stands on
    # its own without a date or person.
    named_is_enough: bool = False
    # A trigger followed by a list of days ("met on May 3 in X and June 4 in Y") tells one event
    # per day, each at the place named with it.
    one_per_date: bool = False
    # The row names the dialogue, group or forum that met when the sentence only refers to it
    # ("This forum met again ..."): the last body name (`body_names`) of the sentence before.
    names_body: bool = False
    # A meeting of a named body ("the second meeting of the Joint Economic Committee") stands on
    # its own without a date or person.
    body_is_enough: bool = False
    # People receiving the event ("at the invitation of X", "hosted by X", "X hosted Y") are not
    # its participants: a visit is made by the guest.
    hosts_not_participants: bool = False
    # A mention followed by this (case-insensitive) stands on its own without a date or person:
    # "will sign a memorandum of understanding on ..." is a signing.
    stands_with: Pattern | None = None
    # A mention that says nothing of its own (no date, person or place) is an event when no other
    # event of its type is told: "The two presidents held talks" in an article about a visit.
    alone_when_first: bool = False
    # Types a trigger of this type gives way to when the two overlap or touch: "a summit meeting",
    # "the Leaders' Meeting" are summits, not talks.
    yields_to: list[str] = []
    # A mention naming two countries and no date or person stands on its own, and the countries
    # are its participants ("ties between A and B were established").
    between_countries: bool = False
    # A trigger preceded by one of these subjects tells no event ("550,000 tourists visited Japan").
    not_after_subjects: Pattern | None = None
    # A trigger right after text ending with this (case-insensitive) tells no event of this type
    # ("launched the U.S.-Chile Dialogue on Space": a launch, not a meeting of the dialogue).
    not_after: Pattern | None = None
    # A trigger followed by this (case-insensitive) tells no event of this type: "flood prevention",
    # "drought resilience" name a field of work.
    not_before: Pattern | None = None
    # A mention of this type by the same people on overlapping dates as an event of the named type
    # is that event (a visit to attend a summit is the summit).
    merge_into: str | None = None
    # An undated event of this type told in the same sentence after a dated one happened that day
    # ("held talks with X, and the two signed a memorandum").
    dated_with_sentence: bool = False
    # An event told after this one with "Following the talks", "The two ministers ..." may take its
    # day; a visit's day is its arrival, not the day of what the visitors did next.
    lends_day: bool = True
    # A news report's undated event of this type, told after the report's lead event in a sentence
    # with no date and no future, happened on the day reported ("Al-X was greeted with an official
    # ceremony", "told a joint press conference").
    takes_reported_day: bool = False
    # "On May 3, the delegation visited a garment factory", "is scheduled to visit the Friendship
    # School": a stop at a site on one day of a longer trip is an event of its own.
    stops_at_sites: bool = False
    # "a three-day visit that began on Monday": a length in days written before the trigger
    # stretches the single day that follows it.
    lasts_days: bool = False
    # Dated only as "N years ago" ("I first visited Lagos thirty years ago"), it is a memory retold,
    # not an event (a treaty signed "sixty-four years ago" still is one).
    years_ago_is_memory: bool = False
    # Told in a ", when ..." or ", during which ..." clause of an event over a month before the page's
    # date ("Y's state visit to X in June 2019, when the two signed ten deals"), it is background
    # retold with that event, not an event the article reports.
    retold_in_when_clause: bool = False


class Confidence(Rules):
    base: float
    with_date: float
    with_participants: float
    caption: float


class EventRules(Rules):
    # People who are only the source of what the sentence reports ("According to Minister X, ...",
    # "..., Minister X said"): the words just before the person, and just after.
    source_before: Pattern
    source_after: Pattern
    # How far (characters) a person may stand from a trigger and still take part in it, when the
    # sentence has other triggers ("X will implement what was agreed during Y's visit").
    participant_window: int
    # How far after the trigger a date may follow and be preferred to a nearer one before it.
    date_window: int
    # How far after the trigger the place of the event may be named.
    place_window: int
    # Names of bodies that meet (case-sensitive): "the U.S.-France Comprehensive Dialogue on Space".
    body_names: Pattern
    # A headline naming the occasion of the remarks below it ("Remarks by X at Arrival Ceremony"):
    # the match ends where the occasion starts.
    headline_occasion: Pattern
    # A sentence opening with this (case-insensitive) tells what happened on the day of the event
    # told just before ("Following the talks, ...", "On the same day, ...", "On the occasion, ...").
    same_occasion: Pattern
    # A sentence opening with this (case-insensitive) tells what happened the day after the event
    # told just before it: an undated event there takes the next day.
    next_day: Pattern
    # A sentence opening with this (case-insensitive) tells what was done during the trip: each
    # event after the opener stands on its own, undated ("During the visit, the delegation laid a wreath").
    during_trip: Pattern
    # The last word of a visit's object that makes it a site ("visited Kallo Hospital"): a stop of its
    # own during a trip, not the trip told again.
    site_words: Pattern
    confidence: Confidence
    types: dict[str, EventTypeRules]

    @model_validator(mode="after")
    def _merge_targets_exist(self) -> EventRules:
        for name, block in self.types.items():
            if block.merge_into is not None and block.merge_into not in self.types:
                raise ValueError(f"types.{name}.merge_into: no event type {block.merge_into!r}")
            for other in block.yields_to:
                if other not in self.types:
                    raise ValueError(f"types.{name}.yields_to: no event type {other!r}")
        if "other" not in self.types:
            raise ValueError("types: an 'other' block is needed (the description of untyped events)")
        return self


EVENT_RULES = load_rules("events", EventRules)
