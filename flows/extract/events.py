"""Events: what happened or is scheduled, found from trigger words, then merged per article.

A sentence yields one mention per trigger (the rules of each type: events.yaml, read through
flows.extract.event_rules); mentions that share type, participants, dates and place are the same
event told again (a later "the visit", a caption) and merge into one row. A mention's date is the
one written in or right before its trigger, else the one following it in its own clause (not past
another trigger, ", which", " as "; not inside a relative clause before it); a day or month named
without a year in a clause told in the future is the next one; a year under way, told in the future,
runs from the reference day. A sentence opening with "Following the talks", "Prior to the talks", "In
the evening", "On the same day", "The two ministers" tells events of the day told before ("The next
day": the day after); a background day told later does not become that day. A trigger that only
refers back ("Following their meeting", "after the talks", "The visit was ...") founds no event. Its place is where the
text puts the event (behind "in", "at", "to", right after its date, inside its name, the event it
is held on the margins of), never the country of a participant ("X of Peru") or a country in a
pair ("the U.S.-France Partnership"). The headline of a transcript names its occasion.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from itertools import islice
from typing import Final

from flows.extract.common import SENTENCE_GATES, compile_alternation
from flows.extract.context import ArticleContext, Person, nearest
from flows.extract.event_merge import merge_mentions
from flows.extract.event_rules import EVENT_RULES, EventTypeRules
from flows.normalise.dates import DateMention
from flows.normalise.places import PlaceMention
from flows.scan import GatedPattern
from flows.sentences import Sentence

_TYPES: Final[dict[str, EventTypeRules]] = EVENT_RULES.types

# ---------------------------------------------------------------- triggers
def _trigger_patterns(triggers: list[str]) -> list[GatedPattern]:
    """A type's triggers as at most two gated patterns: those that can be searched in folded text
    from their leading words, and the others (case-sensitive parts, look-behinds). One alternation
    of all of them would lose both for every trigger of the type. A space in a trigger stands for
    any white space (fact sheets write "first\u202fmeeting")."""
    patterns = [trigger.replace(" ", r"\s") for trigger in triggers]
    fast = [p for p in patterns if _searchable_by_leads(GatedPattern(compile_alternation(p)))]
    slow = [p for p in patterns if p not in fast]
    return [SENTENCE_GATES.add(GatedPattern(compile_alternation(group))) for group in (fast, slow) if group]


def _searchable_by_leads(pattern: GatedPattern) -> bool:
    return pattern.leads is not None and pattern.folded_pattern is not None


_TRIGGERS: Final = [(kind, pattern) for kind, rules in _TYPES.items() if rules.triggers
                    for pattern in _trigger_patterns(rules.triggers)]
_NOT_AFTER_SUBJECT: Final = {kind: re.compile(rf"\b(?:{rules.not_after_subjects})\b[^,.;]{{0,30}}$", re.IGNORECASE)
                             for kind, rules in _TYPES.items() if rules.not_after_subjects}
_NOT_AFTER: Final = {kind: re.compile(rf"(?:{rules.not_after})$", re.IGNORECASE)
                     for kind, rules in _TYPES.items() if rules.not_after}
_NOT_BEFORE: Final = {kind: re.compile(rules.not_before, re.IGNORECASE)
                      for kind, rules in _TYPES.items() if rules.not_before}
_NOT_AFTER_REACH: Final = 120   # characters before a trigger read for a type's `not_after`
_STANDS_WITH: Final = {kind: re.compile(rules.stands_with, re.IGNORECASE)
                       for kind, rules in _TYPES.items() if rules.stands_with}
_FOR_OCCASION: Final = re.compile(r"[^,;]{0,60}\bfor\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,5}$")
_ADJACENT: Final = 12   # characters between two triggers that still form one phrase ("keynote speech")
_SITE_OBJECT: Final = re.compile(r"\s+(?:the|a|an)\s+(?!(?:United|Republic|Kingdom|People|Federal|"
                                 r"Philippines|Netherlands|Czech|Democratic|Islamic|Socialist|Commonwealth|Union|Sultanate|"
                                 r"Grand|Holy|Bahamas|Gambia|Maldives)\b)")
# "X warmly welcomed Y's visit to Japan": a word on the visit told, or on the one the article is about
_WELCOMED: Final = re.compile(r"\b(?:welcomed|appreciated|praised|hailed|thanked\s+\w+\s+for)\s+(?:[\w.’'-]+\s+){0,5}?[\w’'-]+['’]s?\s+(?:[\w-]+\s+)?$",
                              re.IGNORECASE)
_WELCOME_WORDS: Final = re.compile(r"welcomed|appreciated|praised|hailed|thanked")   # a cheap test before _WELCOMED
# "will travel to X for talks with Y": the trip's purpose, an event told again with its day
_PURPOSE: Final = re.compile(r"\bfor\s+(?:(?:bilateral|official|further|high-level)\s+)?$", re.IGNORECASE)
# "visited Kallo Hospital", "toured Brno Memorial Park": a name ending in a site word
_NAMED_SITE: Final = re.compile(r"\s+(?:[A-Z][\w.’'-]*\s+){1,4}(?i:" + EVENT_RULES.site_words + r")\b")
# "will visit Subic Bay to tour the shipyard": a place visited to tour or inspect a site is a stop
_VISITED_TO_TOUR: Final = re.compile(r"\s+(?:[A-Z][\w.’'-]*\s+){1,4}to\s+(?:tour|inspect)\b")
_SITE_VERBS: Final = ("visit", "tour", "toure", "tours", "touri")   # trigger keys (see _trigger_key) of a stop
# "The visit was preceded by ...", "This visit marks ...": the subject of the sentence is the event told before
_TOLD_BEFORE: Final = re.compile(r"(?:The|This|That) (?:[\w-]+ )?$")
_SUBJECT_VERB: Final = re.compile(r"\s+(?:was|were|is|has|had|will|would|marks|marked|come|comes|came|took|follows|followed)\b")
_PLURAL_VISITS: Final = re.compile(r"visits$", re.IGNORECASE)
_FIRST_LINE: Final = re.compile(r"\S[^\n]*")
_OCCASION: Final = re.compile(EVENT_RULES.headline_occasion)
_SAME_OCCASION: Final = re.compile(EVENT_RULES.same_occasion, re.IGNORECASE)
_DURING_TRIP: Final = re.compile(EVENT_RULES.during_trip, re.IGNORECASE)
_NEXT_DAY: Final = re.compile(EVENT_RULES.next_day)
_UPON_ARRIVAL: Final = re.compile(r"\b(?:upon|on) (?:his|her|their) arrival (?:at|in) the\b")
# "said at a press conference after the talks": a trigger after one of these refers back to an event told
# (not "agreed ... after talks between the ministers": news that tells the talks for the first time)
# "after the talks", "During their meeting, ...", "During Monday's talks, ...", "At their talks in X, ..."
_REFERS_BACK: Final = re.compile(r"\b(?:(?:after|before|following|prior to|ahead of|during) (?P<det>(?:the|their|these|(?-i:[A-Z])[a-z]+day['’]s) (?:[\w-]+ )?)?"
                                 r"|at (?P<own>their (?:[\w-]+ )?)|during (?P<day>(?-i:[A-Z])[a-z]+day))$", re.IGNORECASE)
_DETERMINED: Final = re.compile(r"(?:the|their|these) ", re.IGNORECASE)
_OPENER_WORDS: Final = tuple(sorted({word + " " for pattern in (EVENT_RULES.same_occasion, EVENT_RULES.during_trip, EVENT_RULES.next_day)
                                      for word in re.findall(r"(?<![\\\w])[A-Z][a-z]+", pattern)}))   # "On ", "The "...

# ---------------------------------------------------------------- names of events and bodies
_NAME_BEFORE: Final = re.compile(r"(?:[A-Z][\w.'’&+-]*\s+(?:(?:for|of|on|and)\s+)?)+$")
_NAME_REACH: Final = 80   # characters before a trigger read for the name it is part of
_NOT_NAME_WORDS: Final = frozenset({"the", "a", "an", "this", "that", "next", "first", "second", "third",
                                    "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                                    "inaugural", "annual", "historic"})
_BODY_NAME: Final = GatedPattern(re.compile(EVENT_RULES.body_names))   # most sentences name no body
_OF_BODY: Final = re.compile(r"\s+of\s+(?:the\s+)?(" + EVENT_RULES.body_names + ")")

# ---------------------------------------------------------------- dates
_MODIFIER_REACH: Final = 40  # characters before a trigger where a date modifying it may start
# "August 2021 [official] visit", "the 2022 High-Level Dialogue": modifiers only between, no comma and
# no function word ("left on Sunday for a state visit": Sunday is when he left)
_MODIFIER_GAP: Final = re.compile(r"^\s*(?:(?!(?:for|to|in|on|at|a|an|the|of|with|by|from|and|or|as|after|before|"
                                  r"during|since|until|that|which|who|will|would)\s)[\w’'.-]+\s+){0,4}$", re.IGNORECASE)
_RIGHT_AFTER: Final = re.compile(r"^\s*(?:in|on|since|from)\s+$", re.IGNORECASE)
_FUTURE: Final = re.compile(r"\bprepar\w*\s+for\b|\blook(?:s|ed|ing)?\s+forward\s+to\b|\bto\s+be\s+(?:held|convened|hosted|organi[sz]ed|(?:co-)?chaired)\b|\b(?:will|shall|(?:is|are)\s+(?:also\s+|further\s+|then\s+)?(?:scheduled|due|set|expected)\s+to|(?:is|are)\s+due\s+in|(?:is|are)\s+(?:also\s+|further\s+)?expected\s+in|would\s+be\s+(?:held|convened|hosted|organi[sz]ed))\b"
                            r"|(?<=\w)['’]ll\b", re.IGNORECASE)
_CLAUSE_REACH: Final = 160   # characters before a trigger read for the start of its clause
_EARLIER_CAUSE: Final = re.compile(r"\b(?:following|after|since|because of|in the wake of|in response to)\b", re.IGNORECASE)
_RELATIVE_START: Final = re.compile(r"\b(?:that|which|who)\b")
_WEEKDAY_NAME: Final = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$")
# "a three-day visit that began on Monday": the length of a visit written before it
_DAYS_LONG: Final = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d)-day\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "arrived in Seoul on Monday for a three-day state visit": the length written after the arrival day
_DAYS_LONG_AFTER: Final = re.compile(r"\s*(?:(?:morning|afternoon|evening|night)\b)?\s*,?\s*(?:for|on)\s+(?:a|an|his|her|their)\s+(two|three|four|five|six|seven|eight|nine|ten|\d)-day\b",
                                     re.IGNORECASE)
# "signed deals on Thursday as X began a three-day state visit": the day the visit began
_BEGUN: Final = re.compile(r"\b(?:(?:began|begins|started|starts|kicked\s+off|opened)\s+(?:a|an|his|her|their|the)"
                           r"|at\s+the\s+(?:start|beginning|opening|outset)\s+of\s+(?:a|an|his|her|their|the))\s+$", re.IGNORECASE)
_ENDED: Final = re.compile(r"\b(?:concluded|ended|completed|wrapped up)\s+(?:a|an|his|her|their|the)\s+$", re.IGNORECASE)
# "arrived here yesterday for a three-day working visit": the day written just before the length
_DAY_FOR_A: Final = re.compile(r"\s*,?\s*(?:for|on)\s+(?:a|an|his|her|their)\s+", re.IGNORECASE)
# "the four-day visit concludes on Wednesday": the day written after the trigger is its last
_ENDS_ON: Final = re.compile(r"\s+(?:concludes|ends|wraps\s+up|will\s+(?:conclude|end|wrap\s+up))(?:\s+(?:on|in|at)\b[^,.;]{0,30}?)?\s+(?:on\s+)?", re.IGNORECASE)
_NUMBER_WORDS: Final = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_YEARS_AGO: Final = re.compile(r"\bago$")
_CLAUSE_START: Final = re.compile(r"[,;:]\s|\s(?:and|but|while)\s")
_SERIES_GAP: Final = 40        # characters between two dates of one list of occasions
_SERIES_JOIN: Final = re.compile(r"(?:,|\band\b)")
# "..., which will meet in May", "... comes as both prepare to mark X on 19 December": a date past
# one of these belongs to the clause it opens, not to the trigger before it
# ("..., which convened in X on 26 February", "..., which runs from March 3 to 5" tell the trigger's own occasion; "The visit was preceded on
# Sunday by ...", "welcomed X on her visit, and stated that ... next year" move on to another act)
# (not "visiting Peru as a State Guest from 4 to 7 May", "as part of": the same clause goes on)
_CLAUSE_AHEAD: Final = re.compile(r"[;:]|,\s+(?:(?:under|in|at|during)\s+)?(?:which|who|whose|where|when|while|as|but)\b"
                                  r"(?!\s+(?:(?:was|were|will be) held|convened|met|took place|will take place|takes place|is taking place"
                                  r"|runs|ran|will run|lasts|lasted|will last|began|begins|will begin|started|starts)\b)"
                                  r"|\s(?:as(?!\s+(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}(?:guests?|part|head|envoy)\b)|while|whereas|because)\s|\b(?:was|were|is|are|will be)\s+(?:preceded|followed)\b"
                                  r"|,\s+and\s+(?:also\s+)?\w+ed\s+that\b"
                                  r"|\ssince\s+(?:taking|assuming|becoming|entering|coming\s+to)\b"   # "since taking office in 2022"
                                  r"|,\s+(?:building\s+on|replacing|superseding|succeeding|updating|amending)\b",   # ", building on the MoU of 2023"
                                  re.IGNORECASE)
# "addressed Parliament, and tomorrow I will travel to Manchester": a place after ", and" is the next act's
_NEXT_ACT: Final = re.compile(r",\s+and\b")
# ", who is on a visit that began on Monday, held talks": a date inside a relative clause
# "X spoke during Y's visit to the embassy, on November 27, 2023.": a date closing the sentence
# after a comma dates the whole sentence
_CLOSING_DATE: Final = re.compile(r",\s*(?:on|in)?\s*$", re.IGNORECASE)
_SENTENCE_END: Final = re.compile(r"\W*$")
# "the partnership established in 2017 and ... decided to elevate": a date right after a participle
# dates that participle's act
_PARTICIPLE_BEFORE: Final = re.compile(r"\b(?:established|signed|founded|launched|celebrated|held|adopted|concluded|set up)\s+(?:in|on)\s+$", re.IGNORECASE)
_RELATIVE_CLAUSE: Final = re.compile(r",\s+(?:who|which|whose|where|recalling|noting|marking|celebrating|commemorating)\b[^;]*$", re.IGNORECASE)

# ---------------------------------------------------------------- places
_LOCATIVE: Final = re.compile(r"\b(?:to|in|at|of|into|across|around|near|inside)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,4}$")
_CLOSE_OBJECT: Final = re.compile(r"^\s*(?:(?!(?:with|and|for|by|from|between|of)\s)[a-z]+\s+){0,2}$")
_ORIGIN: Final = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_AFTER_DATE: Final = re.compile(r"^,?\s*(?:in\s+|at\s+)?(?:the\s+)?$")
_OF_COUNTRY: Final = re.compile(r"^,?\s+of\s+(?:the\s+)?$")
_IN_OR_AT: Final = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.IGNORECASE)
_CLAUSE_BREAK: Final = re.compile(r"[,;:()]|\b(?:and|but|while|which|who|after|before|when)\b")
_PLACE_BEFORE_REACH: Final = 30   # characters from a place to the trigger after it ("at the White House for a State Visit")
_AT_ANOTHER_EVENT: Final = re.compile(r"\b(?:on|at) the (?:margins?|sidelines?) of\b|\bon the occasion of\b",
                                     re.IGNORECASE)

# ---------------------------------------------------------------- people
_POSSESSIVE_LINK: Final = re.compile(r"^['’]s?\s+(?:[\w-]+\s+){0,2}$")
_SOURCE_BEFORE: Final = re.compile(EVENT_RULES.source_before, re.IGNORECASE)
_SOURCE_AFTER: Final = re.compile(EVENT_RULES.source_after, re.IGNORECASE)
_HOST_BEFORE: Final = re.compile(r"\b(?:(?:hosted|invited|welcomed|received)\s+by|(?:invitation|guests?)\s+of)\s+"
                                 r"(?:the\s+)?(?:[A-Z][\w’'-]*\s+)?$", re.IGNORECASE)
_HOST_AFTER: Final = re.compile(r"^\s*(?:\w+ly\s+)?(?:hosted|welcomed|received|invited)\b", re.IGNORECASE)


class EventMention:
    """A record class (see flows.native)."""
    event_type: Final[str]
    sentence: Final[Sentence]
    trigger_start: Final[int]          # article offsets of the trigger word
    trigger_end: Final[int]
    date: Final[DateMention | None]
    people: Final[tuple[Person, ...]]
    place: Final[PlaceMention | None]
    countries: Final[tuple[str, ...]]  # countries named in the sentence (for milestones between countries)
    body: Final[str | None]            # the named dialogue, group or forum that met, when not in the sentence
    proper_name: Final[str | None]     # the name the event is written with, lower case (see _proper_name)
    opener: Final[str]                 # "same_occasion", "during_trip", "next_day", "reference" (refers back),
                                       # "welcomed" ("X welcomed Y's visit"), "later_that_day" ("in the evening") or ""
    trigger_key: Final[str]            # see _trigger_key

    def __init__(self, event_type: str, sentence: Sentence, trigger_start: int, trigger_end: int,
                 date: DateMention | None, people: tuple[Person, ...], place: PlaceMention | None,
                 countries: tuple[str, ...], body: str | None = None, opener: str | None = None) -> None:
        self.event_type = event_type
        self.sentence = sentence
        self.trigger_start = trigger_start
        self.trigger_end = trigger_end
        self.date = date
        self.people = people
        self.place = place
        self.countries = countries
        self.body = body
        self.proper_name = _proper_name(sentence, trigger_start, trigger_end)
        self.opener = opener if opener is not None else _opener_at(_opening(sentence), trigger_start)
        self.trigger_key = _trigger_key(sentence, trigger_start, trigger_end)   # merging compares it pair by pair

    @property
    def at_a_site(self) -> bool:
        """ "visited a garment factory", "is scheduled to visit the Friendship School": the verb with
        an object behind an article names a site (countries and cities take none)."""
        if not _TYPES[self.event_type].stops_at_sites or self.trigger_key not in _SITE_VERBS:
            return False
        offset = self.trigger_end - self.sentence.start
        return _SITE_OBJECT.match(self.sentence.text, offset) is not None \
            or _NAMED_SITE.match(self.sentence.text, offset) is not None \
            or _VISITED_TO_TOUR.match(self.sentence.text, offset) is not None

    @property
    def named(self) -> bool:
        """Whether the trigger is written as (part of) a proper name ("the Special Summit")."""
        return self.sentence.text[self.trigger_start - self.sentence.start].isupper()

    @property
    def is_purpose(self) -> bool:
        """Whether the trigger is told as what a trip is for ("for talks with", "for a meeting")."""
        offset = self.trigger_start - self.sentence.start
        return _PURPOSE.search(self.sentence.text, max(0, offset - 30), offset) is not None

    @property
    def standalone(self) -> bool:
        """Whether the mention says enough to be an event of its own rather than a repeat."""
        if self.date is None and self.is_purpose or self.opener == "welcomed":
            return False   # "will visit X from Wednesday for talks with Y": the talks told when they are dated
        if self.date is not None and self.date.start_date is not None or self.people or self.opener == "during_trip":
            return True
        rules = _TYPES[self.event_type]
        if rules.place_is_enough and self.place is not None or rules.named_is_enough and self.named \
                or rules.body_is_enough and self.body is not None:
            return True
        pattern = _STANDS_WITH.get(self.event_type)
        if pattern is not None and pattern.match(self.sentence.text, self.trigger_end - self.sentence.start):
            return True
        return rules.between_countries and len(self.countries) >= 2


def _trigger_key(sentence: Sentence, start: int, end: int) -> str:
    """The stem of the trigger's head word: mentions of a reception and of a speech differ by it;
    "his bilateral meeting" and "the meeting" do not."""
    words = sentence.text[start - sentence.start:end - sentence.start].split()
    return words[-1].lower()[:5] if words else ""


def _opening(sentence: Sentence) -> tuple[str, int]:
    """ "Following the talks, the two signed ...": the sentence tells what happened on the day of the
    event before; "During the visit, the delegation laid a wreath ...": what was done on the trip.
    The kind of opener and the article offset where it ends; ("", 0) for most sentences."""
    if "arrival" in sentence.text and _UPON_ARRIVAL.search(sentence.text):
        return "same_occasion", sentence.start   # "A ceremony was held for X upon his arrival at the palace"
    if not _may_open(sentence.text):
        return "", 0
    for kind, pattern in (("same_occasion", _SAME_OCCASION), ("next_day", _NEXT_DAY), ("during_trip", _DURING_TRIP)):
        found = pattern.match(sentence.text)
        if found is not None:
            return kind, sentence.start + found.end()
    return "", 0


def _opener_at(opening: tuple[str, int], trigger_start: int) -> str:
    """The opener a trigger stands after; "reference" for a trigger inside it ("the talks" in
    "Following the talks"), which only refers back."""
    kind, end = opening
    return "" if not kind else kind if trigger_start >= end else "reference"


def _may_open(text: str) -> bool:
    """Whether the sentence may start with an opener: its first word is one openers start with, or
    it tells "X then ..." early on (most sentences do neither)."""
    return text.startswith(_OPENER_WORDS) or text[:1].isdigit() or text.find(" then ", 0, 80) >= 0


def _proper_name(sentence: Sentence, start: int, end: int) -> str | None:
    """The name an event is written with ("the U.S.-ASEAN Special Summit" -> "u.s.-asean special
    summit"): two differently named summits or dialogues are two events. None for a trigger in
    lower case ("the summit")."""
    if not sentence.text[start - sentence.start].isupper():
        return None
    before = _NAME_BEFORE.search(sentence.text, max(0, start - sentence.start - _NAME_REACH), start - sentence.start)
    words = (before.group() if before else "").split()
    while words and words[0].lower() in _NOT_NAME_WORDS:
        words.pop(0)
    return " ".join(words + sentence.text[start - sentence.start:end - sentence.start].split()).lower()


def extract_events(ctx: ArticleContext) -> list[dict]:
    body = [m for sentence in ctx.sentences for m in sentence_mentions(ctx, sentence)]
    mentions = [m for m in _headline_mentions(ctx) if not any(_told_in_body(m, b) for b in body)] + body
    dated = _on_the_day_before(mentions)
    return merge_mentions(ctx, dated, EVENT_RULES, _reported_day(ctx, dated))


# a speaker's words ("Our historic summit that I hosted ...") retell events of any day
_FIRST_PERSON: Final = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|[Mm]y|us)\b")
_QUOTED: Final = re.compile(r"\"[^\"]*\"|“[^”]*”|^[^\"“”]*[\"”]")   # a quotation's "we" is the speaker's, not the reporter's
_REPORTED_REACH: Final = 3   # days before the reference a news report's lead event may have happened


def _reported_day(ctx: ArticleContext, mentions: list[EventMention]) -> tuple[DateMention | None, frozenset[tuple[int, int]]]:
    """A news report tells the events of one day: its lead event ("X on Tuesday received Y") is on
    or just before the publication day, and an undated event told after it, in a sentence with no
    date and nothing still to come, happened that day ("Y was greeted with an official ceremony",
    "told a joint press conference"). The day, and the mentions (sentence and trigger offsets) that
    may take it when merging leaves them undated. A visit lasts days and takes none of them."""
    reference = ctx.article.reference_date
    if reference is None:
        return None, frozenset()
    opening = _lead_sentence_day(ctx, reference)
    if not ctx.article.reference_is_stated and not _states_the_reference(opening, reference):
        return None, frozenset()
    lead = next((m for m in mentions if _lead_day(m, reference)), None)
    if opening is not None and (lead is None or opening[0] < lead.sentence.start):
        lead_start, day = opening
    elif lead is not None and lead.date is not None:
        lead_start, day = lead.sentence.start, lead.date
    else:
        return None, frozenset()
    may_take = frozenset((m.sentence.start, m.trigger_start) for m in mentions
                         if m.date is None and m.sentence.start > lead_start
                         and m.opener != "during_trip" and _TYPES[m.event_type].takes_reported_day
                         and not m.sentence.is_caption and not _dated_in_sentence(m.sentence, mentions)
                         and not any(d.start < m.trigger_start for d in ctx.dates_in(m.sentence))
                         and not _FIRST_PERSON.search(_QUOTED.sub(" ", m.sentence.text))
                         and not _still_to_come(m.sentence, m.trigger_end))
    return day, may_take


def _states_the_reference(opening: tuple[int, DateMention] | None, reference: dt.date) -> bool:
    """ "President X and Prime Minister Y held the Leaders' Retreat in Z on 16 March 2026.": a page
    with no date of its own whose lead states in full the latest day of the text reports that day."""
    return opening is not None and opening[1].explicit_year and opening[1].start_date == reference


_LEAD_SENTENCES: Final = 2   # a news report's lead is its first sentence or two
# "RABAT, Oct 29 (Reuters) - X began a visit on Monday": the wire's dateline is the day filed, not the day reported
_WIRE_DATELINE: Final = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?(?:--|[-–—])\s")
_DATELINE_LENGTH: Final = 40  # a line with little more than its date is a dateline, not a lead


def _lead_sentence_day(ctx: ArticleContext, reference: dt.date) -> tuple[int, DateMention] | None:
    """ "X and Y agreed Friday to strengthen ...": a lead that tells no event of its own still
    gives the day reported."""
    body = (s for s in ctx.sentences if s.start >= ctx.article.body_start and not s.is_caption
            and len(s.text) > _DATELINE_LENGTH)   # not a byline or a date line above the lead
    for sentence in islice(body, _LEAD_SENTENCES):
        dates = ctx.dates_in(sentence)
        for date in [d for d in dates if not (_is_wire_dateline(sentence, d) and _another_day(d, dates))]:
            if date.precision == "day" and date.start_date is not None and date.start_date == date.end_date \
                    and 0 <= (reference - date.start_date).days <= _REPORTED_REACH \
                    and len(sentence.text) - (date.end - date.start) > _DATELINE_LENGTH:
                return sentence.start, date
    return None


def _another_day(dateline: DateMention, dates: list[DateMention]) -> bool:
    """ "RABAT, Oct 29 (Reuters) - ... began a visit on Monday": a sentence that states a day other than
    its wire dateline's tells of that day; the day filed is no event's."""
    return any(d is not dateline and d.precision == "day" and d.start_date is not None
               and d.start_date != dateline.start_date for d in dates)


def _is_wire_dateline(sentence: Sentence, date: DateMention) -> bool:
    return date.start - sentence.start < _DATELINE_LENGTH and _WIRE_DATELINE.match(sentence.text, date.end - sentence.start) is not None


def _dated_in_sentence(sentence: Sentence, mentions: list[EventMention]) -> bool:
    """Whether an event of the sentence has a date of its own ("follows a meeting on the sidelines
    of the summit in Cairo in December 2024": the undated meeting is of the summit's day; ties
    established in 1950 lend no day). A date
    before the trigger sets the time of its clause too ("was launched in April 2024 when the four
    signed ..."); one after it may be what was said ("told a news conference that trade grew last
    year")."""
    return any(m.sentence.start == sentence.start and m.date is not None and _TYPES[m.event_type].lends_day
               for m in mentions)


def _lead_day(mention: EventMention, reference: dt.date) -> bool:
    date = mention.date
    return date is not None and date.precision == "day" and date.start_date is not None \
        and date.start_date == date.end_date and _TYPES[mention.event_type].takes_reported_day \
        and 0 <= (reference - date.start_date).days <= _REPORTED_REACH


def _on_the_day_before(mentions: list[EventMention]) -> list[EventMention]:
    """ "At the meeting, the two ministries signed a memorandum", "Following the talks, ...": an
    undated event in a sentence opening with a reference to the event before takes that event's
    day (and place, when it names none), before merging, so that it is not taken for an undated
    mention of another event of its type."""
    dated: list[EventMention] = []
    last: EventMention | None = None
    story: EventMention | None = None   # the last day told that is not a step back ("The previous day, ...")
    for mention in mentions:
        if story is not None and mention.date is not None and _FLASHBACK.fullmatch(mention.date.text):
            mention = _counted_from_the_story(mention, story, -1)
        elif story is not None and mention.date is not None and _SAME_DAY.fullmatch(mention.date.text):
            mention = _counted_from_the_story(mention, story, 0)
        date = mention.date
        if mention.opener == "same_occasion" and story is not None and last is not story \
                and _LATER_ON.search(mention.sentence.text):
            last = story   # "The previous day, A hosted a banquet. The two later witnessed ...": the story's day
        if mention.opener in ("same_occasion", "next_day", "later_that_day") and (date is None or date.start_date is None) \
                and last is not None and (mention.opener == "later_that_day" or not _still_to_come(mention.sentence, mention.trigger_end)):
            day = _day_after(last.date) if mention.opener == "next_day" else last.date
            mention = EventMention(mention.event_type, mention.sentence, mention.trigger_start, mention.trigger_end,
                                   day, mention.people, mention.place or last.place, mention.countries,
                                   mention.body, mention.opener)
            if mention.opener == "next_day" and _TYPES[mention.event_type].lends_day:
                last = mention   # "The next day, ... On the same occasion, ...": that next day
        elif date is not None and date.precision == "day" and date.start_date is not None \
                and date.start_date == date.end_date and _TYPES[mention.event_type].lends_day \
                and not _retold(date, last):
            last = mention
            if not _FLASHBACK.match(date.text):
                story = mention
        dated.append(mention)
    return dated


def _counted_from_the_story(mention: EventMention, story: EventMention, days: int) -> EventMention:
    """ "Presidents A and B met on Tuesday ... The previous day, the foreign ministers met", "X
    travelled to Y on Tuesday ... Earlier in the day, X was received by Z": the day before, or the
    same day, is counted from the day the story tells, not from the page's date."""
    date, told = mention.date, story.date
    if date is None or told is None or told.start_date is None or date.start_date is None or date.end_date is None:
        return mention
    shift = told.start_date + dt.timedelta(days=days) - date.start_date   # a visit begun that day keeps its length
    return EventMention(mention.event_type, mention.sentence, mention.trigger_start, mention.trigger_end,
                        DateMention(date.start_date + shift, date.end_date + shift, date.precision, date.text,
                                    date.start, date.end, date.explicit_year, date.is_target),
                        mention.people, mention.place, mention.countries, mention.body, mention.opener)


_LATER_ON: Final = re.compile(r"\blater\b")
# "Earlier in the day", "later that day", "that evening": the day the story tells
_SAME_DAY: Final = re.compile(r"(?i)(?:earlier|later) (?:in the|that) (?:day|morning|afternoon|evening)|that (?:morning|afternoon|evening|night)")
_FLASHBACK: Final = re.compile(r"(?i)(?:the )?(?:previous|preceding) (?:day|evening|night)|the (?:day|evening|night) before|a day earlier")


_RETOLD_DAYS: Final = 7


def _retold(date: DateMention, last: EventMention | None) -> bool:
    """ "met today ... welcomed the outcomes of the Dialogue, which convened on February 26.
    Following their meeting, ...": a day told after a later one and over a week before it is
    background; the opener after it still refers to the later day."""
    told = last.date if last is not None else None
    return told is not None and told.start_date is not None and date.start_date is not None \
        and (told.start_date - date.start_date).days > _RETOLD_DAYS


def _day_after(date: DateMention | None) -> DateMention | None:
    if date is None or date.start_date is None:
        return date
    day = date.start_date + dt.timedelta(days=1)
    return DateMention(day, day, "day", date.text, date.start, date.end, date.explicit_year, date.is_target)


def _told_in_body(headline: EventMention, told: EventMention) -> bool:
    """ "Readout of President Jo Ray's Meeting with Prime Minister Lin" and "President Jo A. Ray met
    today with Prime Minister Lin Wei": the body tells the headline's event (the same type and day,
    the people of one each named in the other, however written)."""
    if told.event_type != headline.event_type or told.date is None or headline.date is None \
            or told.date.start_date != headline.date.start_date:
        return False
    ours, theirs = [set(p.name.split()) for p in headline.people], [set(p.name.split()) for p in told.people]
    if not ours or not theirs:
        return False
    return all(any(a & b for b in theirs) for a in ours) or all(any(a & b for b in ours) for a in theirs)


def _headline_mentions(ctx: ArticleContext) -> list[EventMention]:
    """ "Remarks by X and Y Before Bilateral Meeting in Hanoi", "Remarks by X at Arrival Ceremony":
    the headline of a transcript names the occasion the remarks were made at, on the article's
    day. Only the occasion after "at", "before", "after" or "during" is read."""
    article = ctx.article
    line = _FIRST_LINE.search(article.text, 0, article.body_start)
    day = article.reference_date
    if line is None or day is None or not article.reference_is_stated:
        return []
    occasion = _OCCASION.match(line.group())
    if occasion is None:
        return []
    headline = Sentence(line.group(), line.start(), line.end(), -1, False)
    date = DateMention(day, day, "day", day.isoformat(), line.start(), line.start(), True, False)
    return [EventMention(m.event_type, headline, m.trigger_start, m.trigger_end, date, m.people, m.place,
                         m.countries, m.body, m.opener)
            for m in sentence_mentions(ctx, headline) if m.trigger_start >= line.start() + occasion.end()]


class _SentenceFacts:
    """What one sentence states, looked up once for all of its triggers (a record class)."""
    ctx: Final[ArticleContext]
    sentence: Final[Sentence]
    triggers: Final[list[tuple[str, int, int]]]
    dates: Final[list[DateMention]]
    everyone: Final[list[Person]]
    assigned: Final[dict[tuple[str, int, int], list[Person]]]
    places: Final[list[PlaceMention]]
    countries: Final[tuple[str, ...]]
    opening: Final[tuple[str, int]]
    negative: Final[bool]   # whether the sentence holds a "not" or "never" at all (see _negated)

    def __init__(self, ctx: ArticleContext, sentence: Sentence, triggers: list[tuple[str, int, int]]) -> None:
        self.ctx = ctx
        self.sentence = sentence
        self.triggers = triggers
        self.dates = [d for d in ctx.dates_in(sentence) if not d.is_target]
        self.everyone = ctx.people_in(sentence)
        people, sources = _participants_and_sources(sentence, self.everyone)
        self.assigned = _assign_people(sentence, triggers, people, sources)
        self.places = [p for p in ctx.places_in(sentence) if p.kind != "demonym"]
        self.countries = tuple(dict.fromkeys(p.country_code for p in ctx.places_in(sentence) if p.kind == "country"))
        self.opening = _opening(sentence)
        text = sentence.text
        self.negative = "not " in text or "never " in text or "n’t " in text or "n't " in text


def sentence_mentions(ctx: ArticleContext, sentence: Sentence) -> list[EventMention]:
    if sentence.text.rstrip(' "”’\'').endswith("?"):
        return []   # "When will you visit Canberra next?": a question tells no event
    triggers = _triggers(sentence)
    if not triggers:
        return []   # most sentences tell no event: skip looking up their dates, people and places
    facts = _SentenceFacts(ctx, sentence, triggers)
    mentions = [m for trigger in triggers for m in _trigger_mentions(facts, trigger)]
    return _the_trip_for_talks(_one_per_occasion(_on_the_margins(sentence, mentions)))


def _the_trip_for_talks(mentions: list[EventMention]) -> list[EventMention]:
    """ "visited Tokyo in August for talks with X", "will travel to Y next month for a meeting of
    the Z", "welcomed X to Y today for talks": the trip and the talks it is made for, on the same
    days, are one event, the talks."""
    if len(mentions) < 2 or not any(m.event_type == "visit" for m in mentions):
        return mentions
    talks = [m for m in mentions if m.event_type == "talks" and m.date is not None and m.date.start_date is not None
             and m.is_purpose]
    if not talks:
        return mentions
    if any(_is_arrival(m) for m in mentions):
        return _the_arrival_for_talks(mentions, talks)
    kept: list[EventMention] = []
    places: dict[int, PlaceMention] = {}
    for mention in mentions:
        purpose = next((t for t in talks if mention.event_type == "visit" and mention.trigger_end <= t.trigger_start
                        and t.date == mention.date), None)
        if purpose is None:
            kept.append(mention)
        elif purpose.place is None and mention.place is not None:
            places[purpose.trigger_start] = mention.place   # the talks are held where the trip goes
    return [_held_at(m, places[m.trigger_start]) if m.event_type == "talks" and m.trigger_start in places else m
            for m in kept]


def _is_arrival(mention: EventMention) -> bool:
    return mention.event_type == "visit" and mention.sentence.text.startswith(
        "arrived", mention.trigger_start - mention.sentence.start)


def _the_arrival_for_talks(mentions: list[EventMention], talks: list[EventMention]) -> list[EventMention]:
    """ "arrived in Tunis on Wednesday for talks with X": the arrival opens a visit, and the talks
    it is for are told in their own sentence if at all; the sentence tells the visit."""
    arrivals = [m for m in mentions if _is_arrival(m)]
    return [m for m in mentions if not (m in talks and any(a.trigger_end <= m.trigger_start and a.date == m.date
                                                            for a in arrivals))]


def _held_at(mention: EventMention, place: PlaceMention) -> EventMention:
    return EventMention(mention.event_type, mention.sentence, mention.trigger_start, mention.trigger_end,
                        mention.date, mention.people, place, mention.countries, mention.body, mention.opener)


def _trigger_mentions(facts: _SentenceFacts, trigger: tuple[str, int, int]) -> list[EventMention]:
    """The events one trigger tells: usually one; one per visitor for "the visits by A and B", one
    per day for "met on May 3 in X and June 4 in Y"."""
    event_type, start, end = trigger
    sentence, places, countries = facts.sentence, facts.places, facts.countries
    rules = _TYPES[event_type]
    people = tuple(p for p in facts.assigned[trigger] if not (rules.hosts_not_participants and _is_host(sentence, p)))
    body = _body_met(facts.ctx, sentence, start, end) if rules.names_body else None
    others = [t for t in facts.triggers if t[0] == event_type and t[1] != start]
    if _PLURAL_VISITS.search(sentence.text[start - sentence.start:end - sentence.start]) and len(people) > 1:
        place = _place_after(sentence, places, end, None, facts.everyone)
        return _one_per_visitor(event_type, sentence, start, end, list(people), facts.dates, place, countries)
    told_one_by_one = event_type == "talks" and (" separate" in sentence.text or " also " in sentence.text)
    met = _each_person_met(sentence, start, end, facts.everyone) if told_one_by_one else []
    if len(met) > 1:
        subjects = tuple(p for p in people if p.end <= start)
        date = _date_for(sentence, facts.dates, start, end, others, [t for t in facts.triggers if t[1] != start],
                         facts.ctx.article.reference_date)
        return [EventMention(event_type, sentence, start, end, date, (*subjects, person), None, countries, None,
                             _opener_at(facts.opening, start)) for person in met]
    claimed = [t for t in facts.triggers if t[1] != start]
    series = _dated_series(sentence, facts.dates, end, claimed) if rules.one_per_date else []
    if len(series) > 1:
        return [EventMention(event_type, sentence, start, end, date, people,
                             _place_of_date(sentence, places, date, series), countries, body,
                             _opener_at(facts.opening, start)) for date in series]
    date = _date_for(sentence, facts.dates, start, end, others, claimed, facts.ctx.article.reference_date)
    if date is not None and date.precision == "year" and _YEARS_AGO.search(date.text) and rules.years_ago_is_memory:
        return []   # "I first visited X thirty years ago": a memory retold, not an event of the relation
    if facts.negative and _negated(sentence, start):
        return []   # "did not attend X's inauguration", "have not held a bilateral meeting since"
    if rules.retold_in_when_clause and _retold_with_an_earlier_event(sentence, start, date, facts.ctx.article.reference_date):
        return []
    if _GENERIC_ONE.search(sentence.text, max(0, start - sentence.start - 12), start - sentence.start):
        return []   # "each visit has taken our ties higher": every such event, not one
    if date is None:
        date = _just_now(sentence, start, facts.ctx) or _in_progress(sentence, start, facts.ctx)
    if rules.lasts_days and date is None:
        date = _under_way(sentence, start, facts.ctx)
    if not rules.lasts_days and date is not None and " from " in sentence.text and _FROM_A_WEEKDAY.search(sentence.text):
        date = _until(sentence, start, end, date, facts.dates, _FROM_DAY_TO)   # "a meeting held from Monday to Wednesday"
    if rules.lasts_days:
        date = _lasting(sentence, start, end, _until(sentence, start, end, date, facts.dates, _UNTIL),
                        facts.ctx.article.reference_date)
    place = _place_after(sentence, places, end, date, facts.everyone) or _place_in_name(sentence, places, start) \
        or _place_before(sentence, places, start)
    opener = _opener_of(facts, trigger, date, others)
    return [EventMention(event_type, sentence, start, end, date, people, place, countries, body, opener)]


_NEGATED: Final = re.compile(r"(?:\bnot|\bnever|n[’']t)\s+(?!only\b)(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
_NEGATION_REACH: Final = 40   # characters before a trigger read for "did not attend", "have never held"


def _negated(sentence: Sentence, start: int) -> bool:
    offset = start - sentence.start
    return _NEGATED.search(sentence.text, max(0, offset - _NEGATION_REACH), offset) is not None


def _opener_of(facts: _SentenceFacts, trigger: tuple[str, int, int], date: DateMention | None,
               others: list[tuple[str, int, int]]) -> str:
    """How the mention stands to the events told before it: "reference" ("The visit comes ...", "after
    the talks"), "welcomed" ("X welcomed Y's visit"), "later_that_day" ("... in the evening"), or the
    kind of the sentence's opener ("Following the talks, ...")."""
    event_type, start, end = trigger
    sentence = facts.sentence
    if _TOLD_BEFORE.match(sentence.text, 0, start - sentence.start) and _SUBJECT_VERB.match(sentence.text, end - sentence.start) \
            and (date is None or _of_an_earlier_act(sentence, end, date)) \
            or (date is None or date.start < start) and _refers_back(sentence, start):
        return "reference"
    opener = _opener_at(facts.opening, start)
    if opener == "same_occasion" and date is None and _still_to_come(sentence, end):
        return ""   # "The two leaders agreed to launch a X, with a first session to be held next spring"
    if opener or date is not None:
        return opener
    window = max(0, start - sentence.start - 80), start - sentence.start
    if _WELCOME_WORDS.search(sentence.text, *window) and _WELCOMED.search(sentence.text, *window):
        return "welcomed"
    if _TYPES[event_type].takes_reported_day and _later_that_day(sentence, end, others):
        return "later_that_day"
    return ""


# "will host a banquet in honour of the guest in the evening": an act later on the day told before
_LATER_THAT_DAY: Final = re.compile(r"\b(?:in the (?:evening|afternoon)|later (?:that|the same|in the) day|that (?:evening|afternoon|night))\b")
_LATER_REACH: Final = 80   # characters from the trigger to "in the evening"


def _later_that_day(sentence: Sentence, end: int, others: list[tuple[str, int, int]]) -> bool:
    """ "will host a banquet in honour of the guest in the evening" (not "the Special Summit in X and ...
    the annual Summit later that day": that one is the other summit's)."""
    offset = sentence.start
    found = _LATER_THAT_DAY.search(sentence.text, end - offset, end - offset + _LATER_REACH)
    return found is not None and not any(end <= o[1] < offset + found.start() for o in others)


# "The visit comes three months after X sent a letter in July", "The talks come ahead of the vote on
# Sunday": the date is of the act the event follows or precedes
_EARLIER_ACT: Final = re.compile(r"\b(?:after|since|following|ahead of|before|prior to)\b", re.IGNORECASE)


def _of_an_earlier_act(sentence: Sentence, end: int, date: DateMention) -> bool:
    return date.start >= end and _EARLIER_ACT.search(sentence.text, end - sentence.start, date.start - sentence.start) is not None


# "We have just finished a very productive meeting": an event of the page's own day
_JUST: Final = re.compile(r"\b(?:have|has)\s+just\s+(?:finished|concluded|held|had|completed|wrapped\s+up|signed|attended)\s+(?:[\w-]+\s+){0,4}$",
                          re.IGNORECASE)


def _just_now(sentence: Sentence, start: int, ctx: ArticleContext) -> DateMention | None:
    found = _page_day_phrase(_JUST, " just ", sentence, start, ctx)
    day = ctx.article.reference_date
    if found is None or day is None:
        return None
    return DateMention(day, day, "day", found.group(), sentence.start + found.start(), sentence.start + found.start(), True, False)


def _page_day_phrase(pattern: re.Pattern[str], word: str, sentence: Sentence, start: int,
                     ctx: ArticleContext) -> re.Match[str] | None:
    """`pattern` ending just before the trigger at `start`, in an article whose own day is stated
    (`word`: a literal the pattern needs, tested first because it is cheap)."""
    if word not in sentence.text or ctx.article.reference_date is None or not ctx.article.reference_is_stated:
        return None
    return pattern.search(sentence.text, max(0, start - sentence.start - 60), start - sentence.start)


# "each visit", "every meeting": any such event, not one of them
_GENERIC_ONE: Final = re.compile(r"\b(?:each|every)\s+$", re.IGNORECASE)
# "this is your seventh visit to X", "this is my first trip to Y": said during the visit, on the page's day
_THIS_IS: Final = re.compile(r"\bthis\s+is\s+(?:your|my|our|his|her|their)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _in_progress(sentence: Sentence, start: int, ctx: ArticleContext) -> DateMention | None:
    """Remarks addressed to a visitor ("Prime Minister, this is your seventh visit to X"): the visit
    is the one under way on the page's own day."""
    found = _page_day_phrase(_THIS_IS, "this is ", sentence, start, ctx)
    day = ctx.article.reference_date
    if found is None or day is None:
        return None
    return DateMention(day, day, "day", found.group(), sentence.start + found.start(), sentence.start + found.start(), True, False)


# "X, who is on a two-day visit to Y, ...": a visit under way on the page's day
# "hosted X today, at the start of a two-day working visit": one that begins on the page's day
_ON_A_VISIT: Final = re.compile(r"\b(?:(?:is|are)\s+(?:currently\s+|now\s+)?on|at\s+the\s+(?:start|beginning|outset)\s+of)\s+(?:a|an|his|her|their)\s+"
                                r"(two|three|four|five|six|seven|\d)-day\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _under_way(sentence: Sentence, start: int, ctx: ArticleContext) -> DateMention | None:
    """ "Al-X, who is on a two-day visit to Y, is also scheduled to ...": told on the page's own day, the
    visit runs from that day for the days it lasts."""
    found = _page_day_phrase(_ON_A_VISIT, "-day", sentence, start, ctx)
    day = ctx.article.reference_date
    if found is None or day is None:
        return None
    word = found.group(1).lower()
    last = day + dt.timedelta(days=(_NUMBER_WORDS.get(word) or int(word)) - 1)
    return DateMention(day, last, "day", found.group(), sentence.start + found.start(), sentence.start + found.start(), True, False)


_WHEN_CLAUSE: Final = re.compile(r",\s+(?:when|during which|at which|in which)\b[^,;:]*$", re.IGNORECASE)
_BACKGROUND_DAYS: Final = 31   # an event this long before the page's date is background when retold


def _retold_with_an_earlier_event(sentence: Sentence, start: int, date: DateMention | None,
                                  reference: dt.date | None) -> bool:
    """ "follow-up to Y's state visit to X in September, during which the two countries signed 56
    MOUs": the signing is told with a past visit, as its background."""
    return date is not None and date.end_date is not None and reference is not None and date.end <= start \
        and (reference - date.end_date).days > _BACKGROUND_DAYS \
        and _WHEN_CLAUSE.search(sentence.text, max(0, date.end - sentence.start), start - sentence.start) is not None


def _on_the_margins(sentence: Sentence, mentions: list[EventMention]) -> list[EventMention]:
    """ "met X on the margins of the APEC Leaders' Meeting in Lima": a meeting held at another
    event takes place where that event does."""
    placed: list[EventMention] = []
    for mention in mentions:
        venue = None if mention.place is not None or not _TYPES[mention.event_type].located else next(
            (m for m in mentions if m.place is not None and m.trigger_start > mention.trigger_end
             and _AT_ANOTHER_EVENT.search(sentence.text, mention.trigger_end - sentence.start,
                                          m.trigger_start - sentence.start)), None)
        placed.append(mention if venue is None else EventMention(
            mention.event_type, sentence, mention.trigger_start, mention.trigger_end, mention.date, mention.people,
            venue.place, mention.countries, mention.body, mention.opener))
    return placed


_SESSION: Final = re.compile(r"session|meeting", re.IGNORECASE)


def _body_met(ctx: ArticleContext, sentence: Sentence, start: int, end: int) -> str | None:
    """The body that met: named right after the trigger ("the second meeting of the Joint Committee"),
    or, when the sentence names none ("This forum met again in X on <date>", "The first meeting
    occurred <date>"), the last one named in the sentence before."""
    of_body = _OF_BODY.match(sentence.text, end - sentence.start)
    if of_body is not None:
        return of_body.group(1).strip()
    named = _BODY_NAME.spans(sentence.text)
    if named:   # "agreed to launch a X-Y Energy Dialogue, with a first session to be held in Z": that body's
        if not _SESSION.search(sentence.text, start - sentence.start, end - sentence.start):
            return None
        before = [n for n in named if n[1] <= end - sentence.start and not n[0] <= start - sentence.start < n[1]]
        return sentence.text[before[-1][0]:before[-1][1]].strip() if before and before[-1][1] <= start - sentence.start else None
    index = bisect.bisect_left(ctx.sentence_starts, sentence.start)
    if index == 0 or ctx.sentences[index - 1].paragraph != sentence.paragraph:
        return None
    previous = ctx.sentences[index - 1].text
    names = _BODY_NAME.spans(previous)
    return previous[names[-1][0]:names[-1][1]].strip() if names else None


def _dated_series(sentence: Sentence, dates: list[DateMention], end: int,
                  others: list[tuple[str, int, int]]) -> list[DateMention]:
    """"met in X on October 27, 2022 and May 22, 2024 in Y", "with meetings July 6, 2023 in X and
    March 5, 2024 in Y": days listed after the trigger, each one occasion."""
    series: list[DateMention] = []
    for date in dates:
        if date.start < end or date.precision != "day" or any(end <= o[1] < date.start for o in others):
            continue
        reach = EVENT_RULES.date_window if not series else _SERIES_GAP
        if date.start - (series[-1].end if series else end) > reach:
            break
        if series and not _SERIES_JOIN.search(sentence.text[series[-1].end - sentence.start:date.start - sentence.start]):
            break
        series.append(date)
    return series


def _place_of_date(sentence: Sentence, places: list[PlaceMention], date: DateMention,
                   series: list[DateMention]) -> PlaceMention | None:
    """In a list of dated occasions, a date's place is the one right after it ("May 22, 2024 in
    Paris"), else the last one between the date before it and this one ("in Washington on
    October 27, 2022")."""
    index = series.index(date)
    after = next((p for p in places if p.start >= date.end and _AFTER_DATE.match(
        sentence.text[date.end - sentence.start:p.start - sentence.start])), None)
    if after is not None:
        return after
    low = series[index - 1].end if index else sentence.start
    before = [p for p in places if low <= p.start and p.end <= date.start]
    return before[-1] if before else None


def _one_per_occasion(mentions: list[EventMention]) -> list[EventMention]:
    """ "arrived in Hanoi on Sunday for a visit", "will travel to X tomorrow, where he will visit the
    port": two triggers of one type with the same people and date (or none for the later one) in
    one sentence tell one event."""
    kept: list[EventMention] = []
    for mention in mentions:
        alike = [k for k in kept if k.event_type == mention.event_type and k.opener != "reference"
                 and {p.name for p in k.people} == {p.name for p in mention.people}
                 and not _another_act(k, mention)]
        names = {p.name for p in mention.people}
        if any(k.date == mention.date or mention.date is None and bool(mention.people)
               or _day_within(mention.date, k.date) for k in alike):
            continue
        if mention.date is None and names and any(   # "the Session of the X Commission, which was co-chaired by A"
                k.event_type == mention.event_type and k.opener != "reference" and names <= {p.name for p in k.people}
                and not _another_act(k, mention)
                for k in kept):
            continue
        # "X, who arrived on Tuesday, is paying a visit from May 27 to 31": the arrival day is the visit's first
        narrower = [k for k in kept if k.event_type == mention.event_type and k.opener != "reference"
                    and _day_within(k.date, mention.date) and (not mention.people or k in alike)]
        if narrower and not mention.people:
            mention = EventMention(mention.event_type, mention.sentence, mention.trigger_start, mention.trigger_end,
                                   mention.date, narrower[0].people, mention.place, mention.countries,
                                   mention.body, mention.opener)
        kept = [k for k in kept if k not in narrower] + [mention]
    return kept


# "was accorded a ceremonial welcome at X and paid homage at Y": a second act of the same subject
_COORDINATED_ACT: Final = re.compile(r"\band\s+(?:then\s+|also\s+|later\s+)?(?:\w+ed|paid|laid|held|met|gave|made|took|led)\s")


def _another_act(told: EventMention, mention: EventMention) -> bool:
    """Two triggers of a type that recurs on a trip ("a welcome ceremony ... and paid homage"), with
    different words, the second a verb coordinated with the first: two events."""
    sentence = mention.sentence
    return _TYPES[told.event_type].distinct_by_trigger and told.trigger_key != mention.trigger_key \
        and _COORDINATED_ACT.search(sentence.text, told.trigger_end - sentence.start, mention.trigger_end - sentence.start) is not None


def _day_within(day: DateMention | None, span: DateMention | None) -> bool:
    """Whether one day lies inside a longer span of days (the arrival day of a visit)."""
    return day is not None and span is not None and day.precision == "day" and span.precision == "day" \
        and day.start_date is not None and day.start_date == day.end_date \
        and span.start_date is not None and span.end_date is not None and span.start_date < span.end_date \
        and span.start_date <= day.start_date <= span.end_date


def _participants_and_sources(sentence: Sentence, people: list[Person]) -> tuple[list[Person], list[Person]]:
    """Split people into those taking part and those only quoted as the source."""
    taking_part: list[Person] = []
    sources: list[Person] = []
    for person in people:
        before = sentence.text[:person.start - sentence.start]
        if _SOURCE_BEFORE.search(before):
            continue
        after = sentence.text[person.end - sentence.start:]
        (sources if _SOURCE_AFTER.search(after) else taking_part).append(person)
    return taking_part, sources


def _eligible(event_type: str, people: list[Person], sources: list[Person]) -> list[Person]:
    rules = _TYPES[event_type]
    if rules.no_participants:
        return []
    return sorted(people + sources, key=lambda p: p.start) if rules.sources_take_part else people


def _dates_trigger(sentence: Sentence, trigger: tuple[str, int, int], date: DateMention) -> bool:
    """ "... since the two countries established diplomatic relations in 1975": a date right after
    another trigger is that event's, not one told earlier in the sentence ("The visit marks ...")."""
    return trigger[2] <= date.start and _RIGHT_AFTER.match(
        sentence.text[trigger[2] - sentence.start:date.start - sentence.start]) is not None


def _refers_back(sentence: Sentence, start: int) -> bool:
    """ "said at a press conference after the talks", "prior to the meeting, X paid a courtesy call":
    the trigger names an event told elsewhere."""
    offset = start - sentence.start
    found = _REFERS_BACK.search(sentence.text, max(0, offset - 40), offset)
    return found is not None and (found.group("det") is not None or found.group("own") is not None
                                  or found.group("day") is not None and sentence.text[offset:offset + 2] in ("'s", "’s")
                                  or _DETERMINED.match(sentence.text, offset) is not None)


def _year_under_way(date: DateMention, reference: dt.date) -> bool:
    return date.precision == "year" and date.start_date is not None and date.end_date is not None \
        and date.start_date < reference <= date.end_date


def _rest_of_year(date: DateMention, reference: dt.date) -> DateMention:
    """ "the next meeting would be held in Victoria later in 2025", told in June 2025: still to come,
    so from the reference day to the year's end, not the whole year."""
    return DateMention(reference, date.end_date, date.precision, date.text, date.start, date.end,
                       date.explicit_year, date.is_target)


# "before next year's general election": a date owning a noun after the trigger is that noun's
_POSSESSIVE_DATE: Final = re.compile(r"['’]s\b")


# "the next meeting of the Commission, which will be held in X", "an annual Dialogue, to be held alternately in ..."
_OWN_FUTURE: Final = re.compile(r",\s+(?:(?:which|that)\s+(?:will|(?:is|are)\s+(?:scheduled|set|due|expected)\s+to)\s+|to\s+(?=be\s))"
                                r"(?:be\s+(?:held|hosted|convened|organi[sz]ed)|take\s+place|convene|meet|run|open)\b", re.IGNORECASE)
# "is scheduled to tour X and meet Y", "will open a forum, before flying on Saturday to Z": the verbs share the future
_BARE_VERB: Final = re.compile(r"\s*(?:meet|visit|tour|hold|attend|sign|travel|address|deliver|lay|pay|(?:before|after)\s+\w+ing)\b", re.IGNORECASE)


_GERUND_TRIGGER: Final = re.compile(r"\s+\w+ing\s*")   # "after meeting ", the trigger itself


def _still_to_come(sentence: Sentence, end: int) -> bool:
    """Whether the clause of the trigger tells of the future ("and in a few weeks our teams will
    meet", "whose first meeting will be held in May", "he is scheduled to visit")."""
    offset = end - sentence.start
    clauses = _CLAUSE_START.split(sentence.text[max(0, offset - _CLAUSE_REACH):offset])
    before = clauses[-1]
    if len(clauses) > 1 and _BARE_VERB.match(before):
        before = clauses[-2] + " " + before   # "is scheduled to tour X and meet Y": the verbs share the future
    markers = list(_FUTURE.finditer(before))
    cause = _EARLIER_CAUSE.search(before, markers[-1].end()) if markers else None
    if markers and (cause is None or _GERUND_TRIGGER.fullmatch(before, cause.end()) is not None):
        return True   # not "will send aid following the floods that struck ...": the floods came first
        # (but "will leave on Friday after meeting X": the meeting is the trigger, still to come)
    rest = _CLAUSE_START.search(sentence.text, end - sentence.start)
    if rest is not None and _OWN_FUTURE.match(sentence.text, rest.start()):
        return True   # "the next meeting of the Commission, which will be held in Abuja in October"
    after = sentence.text[end - sentence.start:rest.start() if rest else len(sentence.text)]
    relative = _RELATIVE_START.search(after)
    return _FUTURE.search(after, 0, relative.start() if relative else len(after)) is not None


def _read_ahead(date: DateMention, reference: dt.date) -> DateMention:
    """ "will travel to X on Wednesday", "will be held in Paris in October": a day or month named
    without a year in a clause told in the future is the next one, not the last one."""
    if not _may_read_ahead(date, reference) or date.start_date is None or date.end_date is None:
        return date
    if date.precision == "day" and _WEEKDAY_NAME.search(date.text):
        start, end = date.start_date + dt.timedelta(days=7), date.end_date + dt.timedelta(days=7)
    else:
        start, end = _next_year(date.start_date), _next_year(date.end_date)
        while end < reference:   # "will host in July" after a background year ("the 2020 agreement")
            start, end = _next_year(start), _next_year(end)
    return DateMention(start, end, date.precision, date.text, date.start, date.end, False, date.is_target)


# "last met", "were held", "had visited": the few words before a trigger that put it in the past
_PAST_BEFORE: Final = re.compile(r"\b(?:last|was|were|had)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# "met", "held", "visited": a trigger that is itself a verb in the past
_PAST_TRIGGER: Final = re.compile(r"(?:met|held|paid|made|took|went|came|\w+ed)\b", re.IGNORECASE)
# "Talks were held in March": the verb after a noun trigger
_PAST_AFTER: Final = re.compile(r"\s+(?:was|were)\s+(?:held|hosted|convened|signed|opened|made|paid)\b", re.IGNORECASE)
# a month written by name, without "next" or "this" before it ("in January", "on 3 March")
_MONTH_NAMED: Final = re.compile(r"^(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")


def _read_too_far_ahead(date: DateMention, reference: dt.date) -> bool:
    """A day or month named without a year that the nearest-month reading put over a month after the
    page's day (a day just after it is the page date's inexactness: a statement dated the day before)."""
    return not date.explicit_year and date.precision in ("day", "month") and date.start_date is not None \
        and (date.start_date - reference).days > _RECENT_DAYS and _MONTH_NAMED.match(date.text) is not None


def _told_in_the_past(sentence: Sentence, start: int, end: int) -> bool:
    """ "The two leaders last met in Lima in January", "talks were held in March": the verb puts the
    trigger in the past, so a month without a year is the last such month, not the next."""
    offset = start - sentence.start
    return _PAST_TRIGGER.match(sentence.text, offset, end - sentence.start) is not None \
        or _PAST_BEFORE.search(sentence.text, max(0, offset - 30), offset) is not None \
        or _PAST_AFTER.match(sentence.text, end - sentence.start) is not None


def _read_back(date: DateMention, reference: dt.date) -> DateMention:
    """The same day or month a year earlier (the nearest reading, told in the past, looks back)."""
    if date.start_date is None or date.end_date is None or date.start_date.year <= dt.MINYEAR:
        return date
    start, end = _last_year(date.start_date), _last_year(date.end_date)
    if start > reference:
        return date
    return DateMention(start, end, date.precision, date.text, date.start, date.end, False, date.is_target)


def _last_year(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return dt.date(day.year - 1, day.month, day.day)


def _may_read_ahead(date: DateMention, reference: dt.date) -> bool:
    """A past weekday, or a past day or month without a year more than a month back."""
    if date.explicit_year or date.end_date is None or date.end_date >= reference:
        return False
    if date.precision == "day" and _WEEKDAY_NAME.search(date.text):
        return True
    return date.precision in ("day", "month") and (reference - date.end_date).days > _RECENT_DAYS


_RECENT_DAYS: Final = 31   # a day this recent, told in the future, is the reference's inexactness, not next year


def _next_year(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year + 1, 2, 28)
    return dt.date(day.year + 1, day.month, day.day)


def _lasting(sentence: Sentence, start: int, end: int, date: DateMention | None,
             reference: dt.date | None) -> DateMention | None:
    """ "a three-day visit to India that began on Monday", "arrived in Delhi on Monday for a
    three-day visit", "who arrived here yesterday for a three-day visit": the day it began and the
    days it lasts; "concluded a three-day visit yesterday", "the four-day visit concludes on
    Wednesday": the day it ends."""
    if date is None or date.start_date is None or date.precision != "day" or date.start_date != date.end_date:
        return date
    window = max(0, start - sentence.start - 40)
    before = sentence.text[window:start - sentence.start]
    length = _DAYS_LONG.search(before)
    ended = length is not None and _ENDED.search(before, 0, length.start()) is not None
    begun = length is not None and (_BEGUN.search(before, 0, length.start()) is not None
                                    or _DAY_FOR_A.fullmatch(sentence.text, date.end - sentence.start, window + length.start()) is not None)
    ends_on = date.start >= end and _ENDS_ON.fullmatch(sentence.text, end - sentence.start, date.start - sentence.start) is not None
    if date.start < start and not ended and not begun:
        return date
    length = length or _DAYS_LONG_AFTER.match(sentence.text, date.end - sentence.start)
    if length is None:
        return date
    word = length.group(1).lower()
    days = dt.timedelta(days=(_NUMBER_WORDS.get(word) or int(word)) - 1)
    if ends_on and reference is not None:
        date = _read_ahead(date, reference)   # "the visit concludes on Wednesday": the coming Wednesday
    last_told = date.start_date
    if last_told is None:
        return date
    first = last_told - days if ended or ends_on else last_told
    return DateMention(first, first + days, "day", date.text, date.start, date.end, date.explicit_year, date.is_target)


# "for a state visit that ends on Wednesday", "a three-day visit through Saturday", "is in Lima from
# Monday to Wednesday": the last day written after the trigger
_UNTIL: Final = re.compile(r"^[^.;:]{0,40}?(?:\b(?:that|which)\s+(?:ends|will\s+end|concludes|will\s+conclude|runs\s+until|lasts\s+until)"
                           r"|\b(?:that|which)\s+(?:began|started|opened)\s+[^.;:,]{0,25}?\band\s+(?:ends|will\s+end|concludes|will\s+conclude)"
                           r"|\b(?:through|until|till)|\bfrom\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+to)"
                           r"\s+(?:on\s+)?(?:this\s+|next\s+)?$", re.IGNORECASE)
_UNTIL_REACH: Final = 14   # days a visit's last day may lie after its first
# "a meeting of the Border Committee held in X from Monday to Wednesday": a meeting of several days
_FROM_A_WEEKDAY: Final = re.compile(r"\bfrom (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_FROM_DAY_TO: Final = re.compile(r"^[^.;:]{0,60}?\bfrom\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:to|until|through)\s+$")
# "arrived in X on Wednesday evening ... and will leave on Friday": the day of leaving is the last
_LEAVES: Final = re.compile(r"^[^.;:]{0,100}?\band\s+(?:will\s+leave|will\s+depart|leaves|departs|left|departed)\s+"
                            r"(?:(?-i:[A-Z])[\w-]+\s+)?(?:on\s+)?$", re.IGNORECASE)


def _until(sentence: Sentence, start: int, end: int, date: DateMention | None, dates: list[DateMention],
           until: re.Pattern[str]) -> DateMention | None:
    """A visit begun on one day ("arrived on Monday for a state visit that ends on Wednesday")
    lasts until the day written after it; that last day alone is not the visit's date."""
    if date is None or date.start_date is None or date.precision != "day" or date.start_date != date.end_date:
        return date
    if date.start >= end and until.match(sentence.text[end - sentence.start:date.start - sentence.start]):
        begun = [d for d in dates if d.end <= start and d.precision == "day" and d.start_date is not None]
        if not begun:
            return date
        date = begun[-1]
    first = date.start_date
    if first is None:
        return date
    for last in dates:
        if last.start <= end or last.precision != "day" or last.start_date is None or last.end_date is None:
            continue
        between = sentence.text[end - sentence.start:last.start - sentence.start]
        if not until.match(between) and (until is not _UNTIL or not _LEAVES.match(between)):
            continue
        last_day = last.end_date
        if _WEEKDAY_NAME.search(last.text) and last_day <= first:
            last_day += dt.timedelta(days=7)   # "arrived on Sunday for a visit until Wednesday": the Wednesday after
        if first < last_day <= first + dt.timedelta(days=_UNTIL_REACH):
            return DateMention(first, last_day, "day", date.text, date.start, date.end,
                               date.explicit_year, date.is_target)
    return date


def _in_another_clause(sentence: Sentence, end: int, date: DateMention, claimed: list[tuple[str, int, int]]) -> bool:
    """ "held a summit in Manila during X's official visit on 28-30 April", "the visit comes as the
    two prepare to mark X on 19 December": a date after another trigger, or after the start of a
    new clause, is not the date of the trigger before them."""
    beyond = any(end <= t[1] < date.start for t in claimed) \
        or _CLAUSE_AHEAD.search(sentence.text, end - sentence.start, date.start - sentence.start) is not None
    return beyond and not _closes_sentence(sentence, date)


def _closes_sentence(sentence: Sentence, date: DateMention) -> bool:
    offset = sentence.start
    return _CLOSING_DATE.search(sentence.text, max(0, date.start - offset - 8), date.start - offset) is not None \
        and _SENTENCE_END.match(sentence.text, date.end - offset) is not None


def _in_relative_clause(sentence: Sentence, date: DateMention, start: int) -> bool:
    """ "X, who is on a visit that began on Monday, held talks", "the partnership established in
    2017 and, recalling the anniversary celebrated in 2023, decided to elevate ...": a date inside a
    relative or participle clause before the trigger dates that clause's act only."""
    text, offset = sentence.text, sentence.start
    if "," in text[date.end - offset:start - offset]:
        comma = text.rfind(",", 0, date.start - offset)   # the clause the date is in opens there
        if comma >= 0 and _RELATIVE_CLAUSE.match(text, comma, date.start - offset) is not None:
            return True
    return text.endswith(("in ", "on "), 0, date.start - offset) \
        and _PARTICIPLE_BEFORE.search(text, max(0, date.start - offset - 30), date.start - offset) is not None


def _date_for(sentence: Sentence, dates: list[DateMention], start: int, end: int,
              others: list[tuple[str, int, int]], claimed: list[tuple[str, int, int]],
              reference: dt.date | None) -> DateMention | None:
    """The date written in or just before the trigger as its modifier ("met today with", "her
    August 2021 visit", "the 2022 Security Dialogue"); else the date that follows the trigger
    closely ("visit to Korea from December 4 to 6"); else the nearest one on either side ("On
    January 1, an earthquake struck"). A date beyond another trigger of the same type is that
    one's ("the Special Summit in X and the annual Summit later that day"). An event still to come
    ("our teams will meet again") is not dated by a past date written before it ("Last year, we
    signed X, and ... will meet")."""
    own = _trigger_dates(sentence, dates, start, end, others, claimed)
    if any(0 <= d.start - end <= _DEADLINE_REACH and _is_deadline(sentence, d) for d in own):
        return None
    if reference is not None and any(d.end_date is not None and d.end_date < reference
                                     and (d.start < start or _may_read_ahead(d, reference)) for d in own) \
            and _still_to_come(sentence, end):
        own = [_read_ahead(d, reference) for d in own]
        own = [d for d in own if d.start > start or d.end_date is None or d.end_date >= reference]
    if reference is not None and any(_read_too_far_ahead(d, reference) for d in own) \
            and _told_in_the_past(sentence, start, end) and not _still_to_come(sentence, end):
        own = [_read_back(d, reference) if _read_too_far_ahead(d, reference) else d for d in own]
    if reference is not None and any(_year_under_way(d, reference) for d in own) and _still_to_come(sentence, end):
        own = [_rest_of_year(d, reference) if _year_under_way(d, reference) else d for d in own]
    modifier = [d for d in own if d.start < end and d.end > start - _MODIFIER_REACH
                and _MODIFIER_GAP.match(sentence.text[d.end - sentence.start:max(start - sentence.start, d.end - sentence.start)])]
    following = [d for d in own if 0 <= d.start - end <= EVENT_RULES.date_window]
    if modifier and not (following and _dates_an_act_before(sentence, modifier[-1])):
        return modifier[-1]
    took_place = [d for d in own if 0 <= d.start - end <= 2 * EVENT_RULES.date_window and _TOOK_PLACE.search(
        sentence.text, end - sentence.start, d.start - sentence.start)]
    if took_place:   # "concluded a State Visit to X by Y, which took place from 16 to 17 March"
        return took_place[0]
    return following[0] if following else nearest(own, end)


# "signed at X on 25 January 2022 entered into force on 21 March 2024": a date after "on" ends the phrase of the act before it
# (not "In December last year we commemorated ...": a date opening the sentence dates all of it)
_ADVERBIAL_DATE: Final = re.compile(r"\w[\w,]*\s+(?:on|in)\s+$")


def _dates_an_act_before(sentence: Sentence, date: DateMention) -> bool:
    """A date written right before the trigger after "on"/"in" is the adverbial of the act told
    before it, not a modifier of the trigger, when the trigger has a date of its own just after."""
    offset = sentence.start
    return _ADVERBIAL_DATE.search(sentence.text, max(0, date.start - offset - 12), date.start - offset) is not None


# "Since 2016 the two leaders have met at an annual retreat": a habit since a year, not an event of that year
_HABIT_SINCE: Final = re.compile(r"\b[Ss]ince\s+$")
_HAVE_BEFORE: Final = re.compile(r"\b(?:have|has)\s+(?:\w+\s+)?(?:met|held|gathered|convened|visited)\b")


# "began a state visit, her first to the country since 2019": the year of the visit before, not this one's
_SINCE: Final = re.compile(r"\bsince\s+$", re.IGNORECASE)


def _trigger_dates(sentence: Sentence, dates: list[DateMention], start: int, end: int,
                   others: list[tuple[str, int, int]], claimed: list[tuple[str, int, int]]) -> list[DateMention]:
    """The sentence's dates that may be the trigger's: not one beyond another trigger of its type (unless
    it opens the sentence), nor one in another clause, nor the bound of another trigger's span, nor a
    wire dateline in a sentence that states another day."""
    own = [d for d in dates if (not any(min(d.start, start) < o[1] < max(d.end, end) for o in others)
                                or _opens_sentence(sentence, d))
           and not (d.start > end and any(_dates_trigger(sentence, t, d) for t in claimed if t[2] <= d.start))
           and not (d.start >= end and _in_another_clause(sentence, end, d, claimed))
           and not (d.end <= start and _in_relative_clause(sentence, d, start))
           and not (d.start >= end and _POSSESSIVE_DATE.match(sentence.text, d.end - sentence.start))
           and not (d.end <= start and _bounds_another(sentence, d, claimed))
           and not (d.start >= end and _in_a_later_act(sentence, end, d))
           and not (d.start >= end and _SINCE.search(sentence.text, max(0, d.start - sentence.start - 8), d.start - sentence.start))
           and not (d.end <= start and _HABIT_SINCE.search(sentence.text, max(0, d.start - sentence.start - 8), d.start - sentence.start)
                    and _HAVE_BEFORE.search(sentence.text, d.end - sentence.start, start - sentence.start) is not None)]
    return [d for d in own if not (_is_wire_dateline(sentence, d) and _another_day(d, dates))]


# "a visit until Wednesday and held talks", "will visit X from Wednesday through Friday for talks": the
# bounds of a span written after another trigger are that trigger's, not a later one's
_SPAN_BOUND: Final = re.compile(r"\b(?:from|until|till|through)\s+(?:on\s+)?(?:this\s+|next\s+)?$", re.IGNORECASE)
# "is expected to be signed by March": a deadline, not the day of the event
_DEADLINE: Final = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?$", re.IGNORECASE)
_DEADLINE_REACH: Final = 20   # characters from the trigger to "by <date>"


def _is_deadline(sentence: Sentence, date: DateMention) -> bool:
    offset = sentence.start
    return _DEADLINE.search(sentence.text, max(0, date.start - offset - 20), date.start - offset) is not None


# "On 25 May 2025, X was accorded a welcome ceremony and laid a wreath": a date opening the sentence dates all of it
_OPENING_DATE: Final = re.compile(r"(?:\d+\.\s+)?(?:On|In)\s+$")


def _opens_sentence(sentence: Sentence, date: DateMention) -> bool:
    offset = sentence.start
    return sentence.text.startswith(",", date.end - offset) \
        and _OPENING_DATE.match(sentence.text, 0, date.start - offset) is not None


def _in_a_later_act(sentence: Sentence, end: int, date: DateMention) -> bool:
    """ "X and Y established relations in 1836, and next year will mark 190 years of ties": a date
    in a clause after ", and" that tells the future, when the trigger's does not, is that clause's."""
    offset = sentence.start
    return _NEXT_ACT.search(sentence.text, end - offset, date.start - offset) is not None \
        and _still_to_come(sentence, date.end) and not _still_to_come(sentence, end)


def _bounds_another(sentence: Sentence, date: DateMention, claimed: list[tuple[str, int, int]]) -> bool:
    offset = sentence.start
    return any(t[2] <= date.start for t in claimed) \
        and _SPAN_BOUND.search(sentence.text, max(0, date.start - offset - 20), date.start - offset) is not None


_TOOK_PLACE: Final = re.compile(r",\s+which\s+(?:took place|was held|ran|lasted)\s+(?:from|on|in|between)\s+$", re.IGNORECASE)


def _triggers(sentence: Sentence) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    screened = SENTENCE_GATES.screen(sentence.text)
    for event_type, pattern in _TRIGGERS:
        for start, end in screened.spans(pattern):   # searched in the folded text where it can be
            subject = _NOT_AFTER_SUBJECT.get(event_type)
            if subject is not None and subject.search(sentence.text[:start]):
                continue
            after = _NOT_AFTER.get(event_type)
            if after is not None and after.search(sentence.text, max(0, start - _NOT_AFTER_REACH), start):
                continue
            before = _NOT_BEFORE.get(event_type)
            if before is not None and before.match(sentence.text, end):
                continue
            if sentence.text.startswith("expected in", start) and not _expected_is_a_person(sentence.text, start):
                continue
            found.append((event_type, sentence.start + start, sentence.start + end))
    return _drop_repeats(sentence, sorted(found, key=lambda t: t[1]))


# "Saied, 66, is expected in", "the State Secretary is expected in", "President Ruiz is expected in"
_PERSON_EXPECTED: Final = re.compile(
    r"(?:(?<=[\w,] )[A-Z][\w.’'-]+|\d+,|(?i:minister|secretary|president|premier|chancellor|envoy|ambassador|"
    r"delegation|king|queen|prince|princess|leader)s?)\s+(?:is|are)\s+(?:also\s+|further\s+)?$")


def _expected_is_a_person(text: str, start: int) -> bool:
    """A person expected at a place is a trip to come; a thing ("a ruling is expected in Lima",
    "growth is expected in Asia") is none."""
    return _PERSON_EXPECTED.search(text, max(0, start - 40), start) is not None


def _drop_repeats(sentence: Sentence, triggers: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Triggers of one type that overlap or nearly touch ("keynote speech") are one mention; so are
    a trigger and one of a type it yields to ("a summit meeting" is a summit)."""
    kept: list[tuple[str, int, int]] = []
    for trigger in triggers:
        if any(k[0] == trigger[0] and (_touch(k, trigger) or _told_for(sentence, k, trigger)) for k in kept):
            continue
        kept.append(trigger)
    return [t for t in kept if not any(k[0] in _TYPES[t[0]].yields_to
                                       and (_touch(k, t) or _held_for(sentence, t, k)) for k in kept)]


# "arrived in Lima on Tuesday for a three-day visit": the arrival and the visit are one trip
_FOR_THE_SAME: Final = re.compile(r"[^,;.]{0,60}\bfor\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,3}")


# "for a visit to the Kingdom from March 15 to 17", "for a state visit that ends on Wednesday": the
# visit tells its own days, which the arrival's day alone would lose
_OWN_DAYS: Final = re.compile(r"[^,.;]{0,40}?\b(?:(?:from|on|between)\s+(?:[A-Z][a-z]+\.?\s+)?\d|(?:that|which)\s+(?:ends|will\s+end|concludes|runs)|through|until)")


def _told_for(sentence: Sentence, first: tuple[str, int, int], then: tuple[str, int, int]) -> bool:
    return first[0] == "visit" and _FOR_THE_SAME.fullmatch(sentence.text, first[2] - sentence.start, then[1] - sentence.start) is not None \
        and _OWN_DAYS.match(sentence.text, then[2] - sentence.start) is None


def _held_for(sentence: Sentence, trigger: tuple[str, int, int], occasion: tuple[str, int, int]) -> bool:
    """ "met at the National Palace for the Leaders' Summit": the meeting is the summit."""
    return trigger[2] <= occasion[1] and _FOR_OCCASION.match(
        sentence.text[trigger[2] - sentence.start:occasion[1] - sentence.start]) is not None


def _touch(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
    return a[1] <= b[2] + _ADJACENT and b[1] <= a[2] + _ADJACENT


def _assign_people(sentence: Sentence, triggers: list[tuple[str, int, int]], people: list[Person],
                   sources: list[Person]) -> dict[tuple[str, int, int], list[Person]]:
    """Each person takes part in the trigger nearest to them ("X spoke during Y's visit": X spoke,
    Y visited) if it is near enough; a trigger left without anyone shares the people of the
    whole sentence."""
    assigned: dict[tuple[str, int, int], list[Person]] = {t: [] for t in triggers}
    eligible_by_type = {t[0]: _eligible(t[0], people, sources) for t in triggers}
    for person in people + sources:
        eligible = [t for t in triggers if person in eligible_by_type[t[0]]]
        if len(triggers) > 1:
            eligible = [t for t in eligible if _gap(person, t[1], t[2]) <= EVENT_RULES.participant_window]
        if eligible:
            assigned[min(eligible, key=lambda t: _binding(sentence, person, t))].append(person)
    for trigger, own in assigned.items():
        if not own:
            own.extend(_eligible(trigger[0], people, []))
        assigned[trigger] = _unique(sorted(own, key=lambda p: p.start))
    return assigned


def _binding(sentence: Sentence, person: Person, trigger: tuple[str, int, int]) -> tuple[int, int]:
    """How closely a person is tied to a trigger: a possessive ("X's official visit") binds
    tightest, then distance."""
    between = sentence.text[person.end - sentence.start:trigger[1] - sentence.start]
    return (0 if _POSSESSIVE_LINK.match(between) else 1, _gap(person, trigger[1], trigger[2]))


def _gap(person: Person, start: int, end: int) -> int:
    return max(start - person.end, person.start - end, 0)


def _unique(people: list[Person]) -> list[Person]:
    seen: dict[str, Person] = {}
    for person in people:
        seen.setdefault(person.name, person)
    return list(seen.values())


def _place_after(sentence: Sentence, places: list[PlaceMention], offset: int, date: DateMention | None,
                 people: list[Person]) -> PlaceMention | None:
    """The first place named after the trigger behind a locative preposition ("visit to Japan",
    "summit in Tokyo", "speech at the National Diet of Japan") or as its object ("visited Hanoi",
    "an earthquake struck Japan"), or right after the event's date ("occurred May 3, 2024, Paris");
    not an origin ("from Hanoi") nor the country of a person ("met President X of Peru")."""
    for place in places:
        if _is_persons_country(sentence, place, people) or _in_compound(sentence, place):
            continue
        before = sentence.text[:place.start - sentence.start]
        between = sentence.text[offset - sentence.start:place.start - sentence.start]
        if offset <= place.start <= offset + EVENT_RULES.place_window and not _ORIGIN.search(before) \
                and (_LOCATIVE.search(before) or _CLOSE_OBJECT.match(between)) and not _CLAUSE_AHEAD.search(between) \
                and not _NEXT_ACT.search(between):
            return place
        if date is not None and date.end <= place.start and date.start >= offset \
                and _AFTER_DATE.match(sentence.text[date.end - sentence.start:place.start - sentence.start]):
            return place
    return None


def _is_host(sentence: Sentence, person: Person) -> bool:
    """ "at the invitation of President X", "hosted by X", "X hosted Y": X receives the visit."""
    before = sentence.text[:person.start - sentence.start]
    after = sentence.text[person.end - sentence.start:]
    return _HOST_BEFORE.search(before) is not None or _HOST_AFTER.match(after) is not None


def _place_before(sentence: Sentence, places: list[PlaceMention], start: int) -> PlaceMention | None:
    """ "hosted X at the White House for a State Visit", "partners in Lyon organized a workshop":
    a place just before the trigger, in the same clause, behind "in" or "at"."""
    for place in reversed(places):
        if place.end > start or start - place.end > _PLACE_BEFORE_REACH:
            continue
        before = sentence.text[:place.start - sentence.start]
        between = sentence.text[place.end - sentence.start:start - sentence.start]
        if _IN_OR_AT.search(before) and not _CLAUSE_BREAK.search(between):
            return place
    return None


def _place_in_name(sentence: Sentence, places: list[PlaceMention], start: int) -> PlaceMention | None:
    """ "the Camp David Trilateral Summit", "the G7 Hiroshima Summit": a place inside the name."""
    if not sentence.text[start - sentence.start].isupper():
        return None
    name = _NAME_BEFORE.search(sentence.text[:start - sentence.start])
    if name is None:
        return None
    inside = [p for p in places if sentence.start + name.start() <= p.start and p.end <= start and p.kind != "country"]
    return inside[-1] if inside else None


def _in_compound(sentence: Sentence, place: PlaceMention) -> bool:
    """ "the U.S.-France Partnership", "a Japan-Vietnam summit": a country in a pair names the
    parties, not where the event took place."""
    text = sentence.text
    return text[place.end - sentence.start:place.end - sentence.start + 1] in ("-", "–") \
        or text[max(0, place.start - sentence.start - 1):place.start - sentence.start] in ("-", "–")


def _is_persons_country(sentence: Sentence, place: PlaceMention, people: list[Person]) -> bool:
    return any(p.end <= place.start and _OF_COUNTRY.match(sentence.text[p.end - sentence.start:place.start - sentence.start])
               for p in people)


# "also met with A, B and C", "held separate meetings with A and B": each person met is a meeting
_ONE_BY_ONE: Final = re.compile(r"\b(?:also|separately)\s+(?:met|held\s+(?:talks|meetings))\b|\bseparate(?:ly)?\s+(?:meetings|talks)\b"
                                r"|\bmet\s+separately\b", re.IGNORECASE)
# between two people of one list: a comma or "and", and the next one's title
_NEXT_IN_LIST: Final = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:(?:the\s+|of\s+|(?-i:[A-Z])[\w.’'-]*\s+)){0,6}$")
_LIST_OPENS: Final = 60   # characters between the trigger and the first person met


def _each_person_met(sentence: Sentence, start: int, end: int, everyone: list[Person]) -> list[Person]:
    """ "X also met with General Secretary A, Prime Minister B and Speaker C": the people listed
    after a trigger that tells meetings one by one, each met on their own (none when the trigger does
    not tell that, or fewer than two are listed)."""
    offset = sentence.start
    if _ONE_BY_ONE.search(sentence.text, max(0, start - offset - 12), min(len(sentence.text), end - offset + 12)) is None:
        return []
    after = sorted((p for p in everyone if p.start >= end), key=lambda p: p.start)
    if not after or after[0].start - end > _LIST_OPENS or any(c in sentence.text[end - offset:after[0].start - offset] for c in ".;,"):
        return []
    listed = [after[0]]
    for person in after[1:]:
        if _NEXT_IN_LIST.match(sentence.text[listed[-1].end - offset:person.start - offset]) is None:
            break
        listed.append(person)
    return listed if len({p.name for p in listed}) == len(listed) else []


def _one_per_visitor(event_type: str, sentence: Sentence, start: int, end: int, people: list[Person],
                     dates: list[DateMention], place: PlaceMention | None,
                     countries: tuple[str, ...]) -> list[EventMention]:
    """"the visits to Vietnam by A, B in September 2023, C in October": one visit each, dated by
    the first date stated after the visitor."""
    mentions = []
    for person in people:
        date = next((d for d in dates if d.start >= person.end), None) or nearest(dates, person.start)
        mentions.append(EventMention(event_type, sentence, start, end, date, (person,), place, countries))
    return mentions
