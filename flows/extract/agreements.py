"""Agreements: partnership upgrades, joint statements, signed or launched documents and bodies,
and concrete pledges of money, goods or equipment.

One row per document per article: a partnership named again later, or a joint statement that
announces the upgrade it records, is the same agreement. A sentence may hold several agreements
("announced a task force and a planned $45 million investment"); a document that a pledge pays for
("$1.5 million to launch a new fund") is that pledge. General resolve ("committed to working
together") is no agreement: only pledges with an amount or goods are commitments.

Documents listed after one that was concluded share its verb ("signed a letter of intent on X and
an implementing arrangement on Y"); the items of a list that a sentence announces ("the documents
listed below:", a heading "Documents adopted", a headline "List of Outcomes: ...") are documents or
pledges when their first words name one ("• Grant aid of ...", "1. | Memorandum on X | Signed by ...",
"2. Launch of the X Initiative"). Deals that companies concluded, and upgrades retold from before the
article's events, are not the countries' new agreements.

The rules (patterns, verbs, confidence) are in agreements.yaml, one block per agreement type.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Final

from flows.extract.agreement_rules import AgreementRules, DocumentRules
from flows.extract.common import SENTENCE_GATES, compile_alternation
from flows.extract.context import ArticleContext, nearest
from flows.extract.rules import load_rules
from flows.ids import stable_id
from flows.normalise.numbers import Quantity, find_quantities, may_hold_a_quantity
from flows.scan import GatedPattern, ScreenedText
from flows.sentences import Sentence

RULES: Final = load_rules("agreements", AgreementRules)

# ---------------------------------------------------------------- partnership upgrades
_UPGRADE_RULES: Final = RULES.partnership_upgrade
_PARTNERSHIP: Final = SENTENCE_GATES.add(GatedPattern(re.compile(_UPGRADE_RULES.names, re.IGNORECASE)))
_NAME_STOPS: Final = re.compile(_UPGRADE_RULES.name_stops, re.IGNORECASE)
_UPGRADE: Final = compile_alternation(_UPGRADE_RULES.markers)
_DOCUMENT_NEXT: Final = re.compile(_UPGRADE_RULES.document_next, re.IGNORECASE)
_RETOLD_UPGRADE: Final = re.compile(_UPGRADE_RULES.retold_before, re.IGNORECASE)
_UPGRADE_CLAUSE_REACH: Final = 60   # characters after a partnership's name its clause's date may stand in
# "announced a new U.S.-Vietnam <name>": the marker, the article and a pair of countries (and a
# quote mark: 'a declaration establishing a "reinforced partnership"') may stand before it.
_NEW_BEFORE: Final = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in _UPGRADE_RULES.adjacent_markers)
                                + r")\s+(?:the\s+)?(?:[\w.]+\s*[-–]\s*[\w.]+\s+)?[\"“‘']?$", re.IGNORECASE)   # (a name in quotes)


class _DocumentKind:
    """A record class (see flows.native): one agreement type's document nouns and verbs, compiled."""
    kind: Final[str]
    nouns: Final[GatedPattern]
    named: Final[GatedPattern | None]
    named_by_modifiers: Final[frozenset[str]]
    retold_when_dated: Final[frozenset[str]]
    counted: Final[frozenset[str]]
    active_only: Final[re.Pattern[str] | None]
    acts: Final[re.Pattern[str] | None]
    verbs: Final[GatedPattern]
    told_by: Final[re.Pattern[str] | None]
    confidence: Final[float]

    def __init__(self, kind: str, rules: DocumentRules, verbs: GatedPattern) -> None:
        self.kind = kind
        self.nouns = SENTENCE_GATES.add(GatedPattern(compile_alternation(rules.documents)))
        self.named = SENTENCE_GATES.add(GatedPattern(compile_alternation(rules.named))) if rules.named else None
        self.named_by_modifiers = frozenset(rules.named_by_modifiers)
        self.retold_when_dated = frozenset(rules.retold_when_dated)
        self.counted = frozenset(rules.counted)
        self.active_only = re.compile(rf"(?:{'|'.join(rules.active_only)})$", re.IGNORECASE) if rules.active_only else None
        self.acts = re.compile(rf"(?:{'|'.join(rules.acts)})$", re.IGNORECASE) if rules.acts else None
        self.verbs = verbs
        self.told_by = re.compile(rules.told_by, re.IGNORECASE) if rules.told_by else None
        self.confidence = rules.confidence


def _document_kinds() -> list[_DocumentKind]:
    """The kinds in the rules' order; kinds with the same verbs share one gated pattern of them
    (each sentence is screened once for it)."""
    verbs: dict[tuple[str, ...], GatedPattern] = {}
    kinds: list[_DocumentKind] = []
    for kind, rules in RULES.document_types().items():
        key = tuple(rules.verbs)
        if key not in verbs:
            verbs[key] = SENTENCE_GATES.add(GatedPattern(compile_alternation(rules.verbs)))
        kinds.append(_DocumentKind(kind, rules, verbs[key]))
    return kinds


_KINDS: Final = _document_kinds()
_VERB_PATTERNS: Final = list(dict.fromkeys(kind.verbs for kind in _KINDS))
_HEADLINE: Final = {kind: re.compile(rules.headline, re.IGNORECASE)
                    for kind, rules in RULES.document_types().items() if rules.headline}
_COUNT_REACH: Final = 50           # characters before a document noun searched for its count
_NAME_REACH: Final = 160           # characters before a kind noun searched for its name
_VERB_REACH: Final = 100           # characters before a name searched for its verb (seven words and the verb)
_AFTER_REACH: Final = 80           # characters after a name searched for a verb that tells of it
_VERB_GAP_WORDS: Final = 7          # "decided to establish benchmarks to assess progress under the <name>"
# A verb after the name tells of it in a relative or passive clause ("the X agreement that Y signed",
# "the X Framework, launched by ...").
_VERB_AFTER: Final = re.compile(r"^(?:[^.;]{0,60}?\b(?:that|which|was|were|been)\b[^.;]{0,25}?|\s*,\s*)$")
# "The X, launched by ...": a participle; "The X, established a new approach": the sentence's verb.
_OBJECT: Final = re.compile(r"^\s+(?:a|an|the|its|their|our|new)\b", re.IGNORECASE)
# A verb before the name with one of these words between them acts on something else ("launched by
# our governments at the X Dialogue": the dialogue is where; "agreed to work together under the X
# Initiative": the initiative is what the work is under; "launched negotiations on a X Agreement":
# the agreement is not made yet; "announced that the next X Dialogue": a meeting of it).
_GAP_STOPS: Final = re.compile(r"\b(?:at|during|by|from|since|after|before|when|while|following|with|in|and|but|to|that"
                               r"|next|meetings?|sessions?|rounds?|negotiat\w*|talks|amend\w*|replac\w*)\b", re.IGNORECASE)
# The occasion between an act of concluding and what it concluded: "the conclusion during the visit of
# six documents", "the signing at the summit of four agreements" (the rest of the gap is read as any gap).
_OCCASION: Final = re.compile(r"^\s+(?:during|at|on|in the course of)\s+(?:the|this|his|her|their|its|today['’]s)\s+"
                              r"(?:[\w’'-]+\s+){1,3}?(?=of\s)", re.IGNORECASE)
# "the joint statement issued after the talks", "the Agreement signed in Hanoi": a participle right after the name.
_PARTICIPLE_NEXT: Final = re.compile(r"^\s+(?:by|after|at|in|on|during|following|last|earlier|today|yesterday)\b",
                                     re.IGNORECASE)
# "the Partnership established in 2017", "signed in March 2019": made in a year told, so retold.
_YEAR_NEXT: Final = re.compile(r"\s+(?:in|since)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\b")
# "signed more than 40 years ago", "launched a decade ago": retold.
_AGO_NEXT: Final = re.compile(r"[^.;,]{0,40}?\b(?:years?|decades?|months?)\s+ago\b", re.IGNORECASE)
# The same a few words on in the verb's clause ("the Partnership, established during the President's
# visit to Lima in May 2018"), for kinds retold with their year.
_YEAR_IN_CLAUSE: Final = re.compile(r"(?:[^.;,]{0,80}?\s)?(?:in|since)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?"
                                    r"(?:19|20)\d\d\b")
# An act of concluding named as what something is under ("under the Exchange of Notes of 2015"): one told before.
_UNDER_BEFORE: Final = re.compile(r"\b(?:under|through|within|by|from|via|per)\s+(?:the|an?|this|that|its|their)\s+$",
                                  re.IGNORECASE)
_OF_YEAR_NEXT: Final = re.compile(r"\s+(?:of|in|since|signed|made|concluded)\s+(?:[A-Za-z]+\s+)?(?:19|20)\d\d\b")
# A document asked for or hoped for, not made ("suggested Peru soon ratify the X Agreement", "urged
# Chile to join the Y Accords", "aim to sign the Z Treaty by June"): these words just before its verb.
_NOT_MADE: Final = re.compile(r"\b(?:suggest\w*|urg(?:e|es|ed|ing)|call(?:s|ed|ing)? (?:on|upon|for)|asked|ask(?:s|ing)?"
                              r"|encourag\w*|invit\w*|look(?:s|ed|ing)? forward to|hop(?:e|es|ed|ing) to|wish\w* to"
                              r"|aim(?:s|ed|ing)? to|seek(?:s|ing)? to|sought to|expect(?:s|ed|ing)? to)\b"
                              r"(?:\s+[\w.-]+){0,3}\s+$", re.IGNORECASE)
# A document retold, not made ("the 30th anniversary of the signing of the Treaty", "reaffirmed the
# Partnership established in 2014", "in line with the Agreement signed last year"): these words just
# before its verb or its name.
_RETOLD: Final = re.compile(r"\b(?:anniversar(?:y|ies)|reaffirm\w*|recall\w*|in line with|pursuant to"
                            r"|implement\w*|celebrat\w*|commemorat\w*)\b[^.;]{0,20}$", re.IGNORECASE)
# Words between a number and a document noun that show the number counts something else ("the two
# signed a memorandum", "the two governments exchanged notes").
_NOT_COUNTED: Final = frozenset({"a", "an", "the", "also", "then", "both", "year", "month", "week", "day"})   # "five-year plan"
# "... and of an implementing arrangement", "as well as a": a document listed after a concluded one.
# ", a memorandum on Y": a comma and an article list the next one too.
_COORDINATOR: Final = re.compile(r"\b(?:and|as well as|along with)\s+(?:of\s+)?|,\s+(?=(?:an?|the)\s)", re.IGNORECASE)
_LIST_GOES_ON: Final = re.compile(r"[^.;]*?\b(?:and|as well as|along with)\s+(?:of\s+)?(?:an?|the|\d+|two|three|four|five)\b",
                                  re.IGNORECASE)
_COORDINATION_REACH: Final = 300   # past a long name: "the Agreement between A and B for the Elimination of ..."
_SIGNED_RIGHT_BEFORE: Final = re.compile(r"\s+(?:[\w-]+\s+)?$")   # "signed agreements", "signed new agreements"
_RIGHT_AFTER: Final = re.compile(r"(?:(?:an?|the)\s+)?(?:new\s+)?$", re.IGNORECASE)
_CLAUSE_STOP: Final = re.compile(r"[.;:]|\b(?:which|that|who|while|but)\b")
_BATCH_GAP: Final = 60              # "MoUs on mining and memoranda of understanding on energy": one batch
# "an MoU on mining, and a memorandum on energy": each document with its own article is its own row.
_OWN_ARTICLE: Final = re.compile(r"\b(?:an?|one)\s+(?:new\s+)?$", re.IGNORECASE)

# Between a document and a pledge: the document is made for it ("exchanged notes on a grant of ...").
_LINKS_A_PLEDGE: Final = re.compile(r"^\s*(?:(?:on|concerning|regarding|for|of|providing)\s*)?$", re.IGNORECASE)
# Between a counted batch and a plural of another kind that shares its count ("nine agreements and memoranda").
_JOINED_PLURAL: Final = re.compile(r"\s+(?:and|or|&)\s+$")
_PLURAL_START: Final = re.compile(r"^(?:memoranda|\w+s)\b", re.IGNORECASE)
# Right before a document named after a pledge: the pledge pays for it ("$45 million ..., for a new X Initiative").
_PAID_FOR_BEFORE: Final = re.compile(r"\bfor\s+(?:an?\s+|the\s+)?(?:new\s+)?$", re.IGNORECASE)
# Between an agreement and a pledge: a relative clause that tells what the agreement does.
_RELATIVE_PLEDGE: Final = re.compile(r"[^.;]*?\b(?:under|through|by|with)?\s*which\b[^.;]*$", re.IGNORECASE)

# ---------------------------------------------------------------- names of documents
# ("a Vice-Ministerial "2+2" Dialogue", a "1.5 Track" Dialogue: numbers joined by "+" or "." quoted inside a
# name; unquoted, "a deputy ministerial-level 2+2 strategic dialogue", they are one of its lower-case words)
_NAME_TOKEN: Final = re.compile(r"^[“\"‘']*(?:[A-Z][\w.'’+&–-]*|\d[\w.+-]*[A-Za-z][\w.+-]*|(?<=[“\"‘'])\d+(?:[.+]\d+)+|\d+(?:[.+]\d+)+(?=[”\"’']))[”\"’']*$")
# Capitalised at the start of a sentence, never part of a name.
_NOT_NAMES: Final = frozenset({"The", "A", "An", "This", "These", "That", "Those", "We", "Our", "It", "Its", "They",
                               "Their", "He", "She", "In", "On", "At", "By", "To", "For", "Under", "During", "As",
                               "With", "And", "Both", "Each", "Today", "Yesterday"})
# Words that end a run of lower-case words between a name and its noun ("the Generation250 exchange program").
_NOT_MODIFIERS: Final = frozenset({"a", "an", "the", "this", "that", "its", "their", "our", "his", "her", "to", "and",
                                   "or", "of", "on", "in", "at", "by", "with", "for", "under", "from", "is", "are",
                                   "was", "were", "will", "would", "has", "have", "had", "be", "been"})
# ("a deputy ministerial-level 2+2 strategic dialogue": four words, one a number)
# ("a security and defence dialogue": two words joined by "and")
_MODIFIER: Final = r"(?!(?:a|an|the|and|or|to|of|on|in|for|with|its|their)\b)[a-z0-9][\w+-]*\s+"
_MODIFIERS: Final = re.compile(rf"\b(?:the|an?)\s+({_MODIFIER}(?:(?:and\s+)?{_MODIFIER}){{0,3}})$", re.IGNORECASE)
# The gap between a verb and a noun that two words joined by "and" name: "set up a trade and investment working group".
_COORDINATED_MODIFIERS: Final = re.compile(r"\s+(?:an?|new)\s+(?:new\s+)?[a-z][\w-]*\s+and\s+[a-z][\w-]*\s+")
# Words that point back to a document already told of, not a name: "the corresponding financing agreement",
# "the relevant implementing arrangement", "the said agreement".
_REFERRING: Final = re.compile(r"(?:corresponding|relevant|respective|related|accompanying|associated|said|aforementioned"
                               r"|above|same|underlying|necessary|requisite|applicable)\b", re.IGNORECASE)
_REFERRED_BEFORE: Final = re.compile(rf"\bthe\s+{_REFERRING.pattern}\s+$", re.IGNORECASE)
_CALENDAR: Final = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
                    r"|August|September|October|November|December)\b")
# A capitalised word right after a kind noun (not a day or a month): the name goes on, its head is
# another noun ("the Second Facility Project", "the Joint Commission Secretariat").
_NAME_GOES_ON: Final = re.compile(rf" (?!{_CALENDAR})[A-Z][a-z]")
# Between a document and a body it sets up: "an MoU to establish a", "an agreement on setting up the".
_TO_ESTABLISH: Final = re.compile(r"\s+(?:to|on|for)\s+(?:establish|set\w*\s+up|creat|launch|form)\w*\s+(?:of\s+)?(?:an?|the)\s+(?:new\s+)?",
                                  re.IGNORECASE)
_NEW_ONE: Final = re.compile(r"\ban?\s+$", re.IGNORECASE)
_NAME_LINKS: Final = frozenset({"of", "on", "for", "and", "&", "the", "de", "in"})
_NAME_WORD: Final = r"(?:[A-Z][\w.'’&+–-]*|(?:and|of|the|in)\b|&)"
# ("the X Framework on December 3": a date, no part of its name)
_RIGHT_NAME: Final = re.compile(rf"^\s+(?:on|for|of|between)\s+(?!{_CALENDAR})({_NAME_WORD}(?:\s+{_NAME_WORD})*)")

# ---------------------------------------------------------------- commitments
_COMMIT_RULES: Final = RULES.commitment
# A word of provision right before a figure ("will provide an additional $2 million"): the only
# places a sentence is read for amounts of money.
_CUE_BEFORE_FIGURE: Final = SENTENCE_GATES.add(GatedPattern(re.compile(
    r"\b(?:" + "|".join(f"(?:{p})" for p in _COMMIT_RULES.money_cues) + r")" + _COMMIT_RULES.amount_fillers
    + r"(?=(?:[a-z]{3}\s|[a-z]{1,2}\$\s|rs\.?\s)?\S{0,4}\d)", re.IGNORECASE)))   # "$5", "USD 5", "US$ 5", "Rs. 5" (not "in 2024")
_AMOUNT_REACH: Final = 40   # "USD 372.1 million" and a qualifier: an amount is read in this many characters
_MONEY_WORDS: Final = re.compile("|".join(re.escape(word) for word in _COMMIT_RULES.money_words))
# The same words as a gate (any case): a sentence without them is not read for amounts.
_MONEY: Final = SENTENCE_GATES.add(GatedPattern(re.compile(_MONEY_WORDS.pattern, re.IGNORECASE)))
_INTENT: Final = SENTENCE_GATES.add(GatedPattern(compile_alternation(_COMMIT_RULES.intent)))
_BACKGROUND: Final = compile_alternation(_COMMIT_RULES.background)
_PASSIVE_PLEDGE: Final = SENTENCE_GATES.add(GatedPattern(re.compile(_COMMIT_RULES.passive_pledge, re.IGNORECASE)))
_SHIPMENT: Final = SENTENCE_GATES.add(GatedPattern(re.compile(rf"\b{_COMMIT_RULES.shipment}", re.IGNORECASE)))
_DONATION: Final = SENTENCE_GATES.add(GatedPattern(compile_alternation(
    [*_COMMIT_RULES.donation_verbs, _COMMIT_RULES.promise_verbs, _COMMIT_RULES.opening_verbs])))
# A measure extended to the other side's people ("will extend the e-visa facility to", "agreed to raise
# the annual quota of"): a verb, up to eight words, the measure.
# (Screened for the measure, whose words are rare; its verb is searched for only before one found.)
_MEASURE: Final = SENTENCE_GATES.add(GatedPattern(re.compile(rf"\b(?:{_COMMIT_RULES.measures})\b", re.IGNORECASE)))
# (not across a preposition or a clause: "increase cooperation under the visa scheme" acts on cooperation)
_MEASURE_VERB: Final = re.compile(rf"\b(?:{_COMMIT_RULES.measure_verbs})\s+(?:(?!(?:under|with|through|within|in|on|at|for"
                                  rf"|between|among|and|but|that|which|who)\b)[\w'’-]+\s+){{0,8}}?$", re.IGNORECASE)
# Between the word of intent and the measure's verb: adverbs only ("will also extend", not "will discuss how
# to expand", "will continue to offer").
_INTENT_TO_VERB: Final = re.compile(r"\s*(?:(?:also|further|jointly|now|soon|swiftly|promptly|gradually|significantly"
                                    r"|substantially|progressively|each|both|then)\s+)*", re.IGNORECASE)
_MEASURE_REACH: Final = 80   # characters before a measure searched for its verb
# Loans, grants and credit lines that a verb of concluding makes pledges ("the signing of a $2 billion
# defence loan", "exchanged notes on a grant of 900 million yen").
_INSTRUMENT: Final = SENTENCE_GATES.add(GatedPattern(compile_alternation(_COMMIT_RULES.instruments)))
_AMOUNT_AFTER: Final = re.compile(_COMMIT_RULES.amount_after_instrument, re.IGNORECASE)
_INSTRUMENT_VERBS: Final = SENTENCE_GATES.add(GatedPattern(re.compile(rf"\b(?:{_COMMIT_RULES.instrument_verbs})\b",
                                                                     re.IGNORECASE)))
_INSTRUMENT_REACH: Final = 60        # characters before an instrument searched for its amount
_INSTRUMENT_NAME_WORDS: Final = 5    # "a $2 billion Foreign Military Financing direct loan": words between
_INSTRUMENT_VERB_WORDS: Final = 10   # "welcomed the signing earlier in the day of a $2 billion loan"
_UNNAMING: Final = re.compile(r"^[\w\s'’&-]*$")
# Between the verb and the instrument: the verb acts on something else ("agreed to restructure the
# $3 billion loan", "signed under the existing credit line", "announced that the loan would be paid").
_INSTRUMENT_GAP_STOPS: Final = re.compile(r"[.;,:]|\b(?:to|that|from|since|under|existing|previous|repa\w*|restructur\w*"
                                          r"|cancel\w*|forgiv\w*|default\w*)\b", re.IGNORECASE)
_LONG_PAST: Final = re.compile(r"\bhad\s+(?:already\s+|previously\s+)?$", re.IGNORECASE)   # "Kenya had signed loans worth ..."
_PHRASE_START: Final = re.compile(r"\b(?:an?|the)\s+(?:(?!(?:an?|the)\b)[^\s.;,:]+\s+){0,3}$", re.IGNORECASE)
_PROMISE: Final = re.compile(rf"(?:{_COMMIT_RULES.promise_verbs})\b", re.IGNORECASE)
_PEOPLE: Final = re.compile(rf"(?:{_COMMIT_RULES.people_verbs})\b", re.IGNORECASE)
_OPENING: Final = re.compile(rf"(?:{_COMMIT_RULES.opening_verbs})\b", re.IGNORECASE)
# "open two new international border checkpoints", "open a consulate": a few words, then the facility.
_FACILITY: Final = re.compile(rf"^\s+(?:(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+|new)\s+|(?=direct\s))"
                              rf"(?:[\w-]+\s+){{0,3}}?{_COMMIT_RULES.facilities}\b", re.IGNORECASE)
# A second amount that the first one's verb governs ("will provide $5 million ..., as well as grant aid of $2 million").
# ("..., and a new Line of Credit of $50 million": up to three words of the amount's name between)
_ALSO_BEFORE: Final = re.compile(r"\b(?:as well as|along with|together with|plus|and)\s+(?:an?\s+)?"
                                 r"(?:(?!ha[sd]\b|have\b)[\w-]+\s+){0,3}$", re.IGNORECASE)
# "agreed to reopen two checkpoints and set up a joint working group": the opening ends where the
# next verb of the list begins (a verb, then an article or a number).
_NEXT_VERB: Final = re.compile(r",?\s+and\s+(?:also\s+)?(?=[a-z]+(?:\s+up)?\s+(?:an?|the|new|\d+|two|three|four|five)\b)")
# Right before an amount listed after a pledge: "..., as well as $2 million", "and a further €3 million".
# ("$5 million for A, $3 million for B and $2 million for C": a comma alone lists one too)
_LISTED_AMOUNT: Final = re.compile(r"(?:(?:,\s*|\s)(?:and|as well as|along with|plus)\s+(?:an?\s+)?"
                                   r"(?:(?:additional|further|another|extra|other)\s+)?|,\s*)$", re.IGNORECASE)
_PART_OF: Final = re.compile(r"\s+(?:of\s+(?:which|this|that|it|these)|out\s+of)\b", re.IGNORECASE)
_NOT_GOODS: Final = re.compile(rf"^(?:[\w-]+\s+)?{_COMMIT_RULES.not_goods}\b", re.IGNORECASE)
_NUMBER_FILLERS: Final = re.compile(rf"^\s*{_COMMIT_RULES.number_fillers}$", re.IGNORECASE)
_LEAD_FILLERS: Final = re.compile(rf"^\s*{_COMMIT_RULES.number_fillers}", re.IGNORECASE)
_SINGLE_GOODS: Final = re.compile(_COMMIT_RULES.single_goods_verbs, re.IGNORECASE)
_ONE_THING: Final = re.compile(r"^\s+(?:an?|one)\s+((?:[\w-]+\s+){0,2}?[\w-]+)")
_CLAUSE_END: Final = re.compile(r"[;:(]|[.,](?!\d)")   # (not inside "10,000" or "2.5")
_HEADING_WORD: Final = r"(?:[A-Z][\w’'.()&-]*|of|for|and|the|in|on|to|with|&)"
_HEADING: Final = re.compile(rf"^({_HEADING_WORD}(?:\s+{_HEADING_WORD}){{0,12}}):\s")   # "Continuing PEPFAR Investments: "

# ---------------------------------------------------------------- lists
_LIST_INTRODUCER: Final = SENTENCE_GATES.add(GatedPattern(re.compile(rf"\b{RULES.lists.introducers}", re.IGNORECASE)))
_LIST_HEADING: Final = SENTENCE_GATES.add(GatedPattern(re.compile(RULES.lists.headings, re.IGNORECASE)))
_LIST_ITEM: Final = re.compile(RULES.lists.item)
_LIST_HEADLINE: Final = re.compile(RULES.lists.list_headlines, re.IGNORECASE)
_LAUNCHED_ITEM: Final = re.compile(r"^\s*[•·▪●◦‣*–—-]\s+" + RULES.lists.launched_item)
_LIST_HEAD: Final = re.compile(RULES.lists.heads, re.IGNORECASE)
_LIST_END: Final = re.compile(RULES.lists.ends, re.IGNORECASE)
# An item's mark that the sentence splitter cut off as a sentence of its own ("ii.", "3."): the next
# sentence is the item.
_BARE_MARK: Final = re.compile(r"^\s*\(?(?:[ivx]{1,5}|\d{1,2}|[a-z])[.)]\s*$")
_NO_MARK: Final = re.compile(r"\s*")
_ITEM_END: Final = re.compile(r"\s*(?:[;,.]\s*(?:and|or)?)?\s*$")   # "• Extradition Treaty; and"

# Every pattern this module screens sentences for (tests check each finds what its regex finds).
GATED_PATTERNS: Final = [_PARTNERSHIP, _INTENT, _LIST_INTRODUCER, _LIST_HEADING, _MONEY, _DONATION, _MEASURE, _CUE_BEFORE_FIGURE, _PASSIVE_PLEDGE,
                         _INSTRUMENT, _INSTRUMENT_VERBS, _SHIPMENT,
                         *_VERB_PATTERNS, *[kind.nouns for kind in _KINDS],
                         *[kind.named for kind in _KINDS if kind.named is not None]]

# ---------------------------------------------------------------- signers
_COMPANY: Final = re.compile(RULES.signers.companies, re.IGNORECASE)
_NOT_SIGNERS: Final = re.compile(RULES.signers.not_signers, re.IGNORECASE)
_SIGNER_REACH: Final = 120   # characters before a document searched for a company that concluded it

# ---------------------------------------------------------------- topics
_TOPICS: Final = re.compile(rf"^\s*{RULES.topics.introducers}\s+(?P<topics>[^.;:]+)", re.IGNORECASE)
_VAGUE_TOPIC: Final = re.compile(rf"^{RULES.topics.vague}$", re.IGNORECASE)
_SUBJECT: Final = re.compile(rf"^{RULES.topics.subjects}$", re.IGNORECASE)
_LIST_SPLIT: Final = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_CLAUSE_START: Final = re.compile(r"^\w+ing\s+(?:\S+\s+){2,}")
_VERB_PHRASE: Final = re.compile(r"^\w+ed\s+(?:the|an?|to|on|that|with)\b", re.IGNORECASE)   # "... and discussed the X"
_RELATIVE: Final = re.compile(r"^(?:\w+\s+)?(?:which|that|who|whom|whose|where|when)\b", re.IGNORECASE)
_TRAILING_LINK: Final = re.compile(r"(?:\s*(?:,\s*)?\b(?:and|or|as well as|on|in|at|from|during|to|by|of|was|were|is|are"
                                   r"|has|have|had|been|be|also|will|would)\b\s*(?:an?|the)?)+\s*$",
                                   re.IGNORECASE)
_PAIR_LINK: Final = re.compile(r"^\s*(?:[-–—/]|and)\s*$")
_COUNTRY_PAIR: Final = re.compile(r"^[\w.]+[-–][\w.]+$")   # "U.S.-Singapore", read as the two places it joins
_PLURAL: Final = re.compile(r"(?:s|memoranda)$")   # "signed agreements on trade": how many is not said
_WORDS_ONLY: Final = re.compile(r"^[\w -]*$")
_ARTICLE: Final = re.compile(r"^(?:the|a|an) ", re.IGNORECASE)
_FIGURES: Final = re.compile(r"\d+")
_SAME_NAME_WORDS: Final = 3
# The words of subject right before a document's noun ("a new digital trade memorandum"): two or three.
_SUBJECT_WORDS: Final = re.compile(r"(?<![\w-])((?:(?!(?:an?|the|new|and|of|to|sign\w*|ink\w*)\b)[a-z][\w-]*\s+){2,3})$")
_SUBJECT_MIN_WORDS: Final = 2
_NEW_NOUN: Final = re.compile(r"new\s+(\w+)")   # a name told without its first words is the same one if this many remain
_MOU_WORDS: Final = re.compile(r"\bmemorand(?:um|ums|a) of understanding\b")


class _Found:
    """A record class (see flows.native): one agreement found in a sentence, before it becomes a row."""
    kind: Final[str]
    title: Final[str]
    start: Final[int]              # the span it was read from, in the sentence
    end: Final[int]
    count: Final[int | None]
    topics: Final[list[str]]
    confidence: Final[float]

    def __init__(self, kind: str, title: str, start: int, end: int, confidence: float,
                 count: int | None = None, topics: list[str] | None = None) -> None:
        self.kind = kind
        self.title = title
        self.start = start
        self.end = end
        self.count = count
        self.topics = topics or []
        self.confidence = confidence


def extract_agreements(ctx: ArticleContext, events: list[dict]) -> list[dict]:
    found: list[tuple[Sentence, _Found]] = []
    keys: list[tuple[str, str]] = []
    # inside a list that a sentence announced ("the documents listed below"), or the page is one
    listing = _LIST_HEADLINE.match(ctx.article.title.strip()) is not None
    marked = False    # the sentence before was an item's mark alone ("ii." split off as a sentence)
    for sentence in ctx.sentences:
        screened = SENTENCE_GATES.screen(sentence.text)
        agreements = _sentence_agreements(ctx, sentence, screened)
        if listing:
            listing = _LIST_END.match(sentence.text) is None
        was_marked, marked = marked, listing and _BARE_MARK.match(sentence.text) is not None
        if listing and not agreements:
            agreements = _list_item(sentence.text, screened, was_marked)
        elif (screened.may_match(_LIST_INTRODUCER) and _introduces_list(screened)) or screened.spans(_LIST_HEADING):
            listing = True
            agreements = [a for a in agreements if not a.title.islower()]   # "the documents listed below": the items
        elif not agreements and _LAUNCHED_ITEM.match(sentence.text):
            agreements = _launched_item(sentence.text, screened)
        for agreement in agreements:
            key = (agreement.kind, _found_key(agreement))
            same = next((index for index, seen in enumerate(keys) if _same_agreement(key, seen)), None)
            if same is None:
                keys.append(key)
                found.append((sentence, agreement))
            elif agreement.topics and not found[same][1].topics and agreement.count == found[same][1].count:
                found[same] = (sentence, agreement)   # "9 agreements" in a headline, "nine agreements in the fields of ..." below
    found = _without_generic_repeats(found)
    headline = _headline_document(ctx)
    if headline is None and not found:
        return []   # most articles: the relation's countries are not needed
    relation = _relation(ctx)
    rows = [_row(ctx, sentence, events, agreement, relation) for sentence, agreement in found]
    if headline is not None:
        headline["parties"] = sorted(relation)
        kind, title = headline["agreement_type"], _title_key(headline["title"])
        rows = [headline] + [r for r in rows if r["agreement_type"] != kind or _title_key(r["title"]) not in title]
    return rows


def _without_generic_repeats(found: list[tuple[Sentence, _Found]]) -> list[tuple[Sentence, _Found]]:
    """A document called by its noun alone after words of its subject ("sign digital trade deal", "a
    new digital trade memorandum"), where the article names a document on that subject ("the
    Memorandum of Understanding on Digital Trade"), is that document told again in a headline or a
    lead."""
    named = [_title_key(f.title).split() for _, f in found if not f.title.islower()]
    if not named:
        return found
    kept: list[tuple[Sentence, _Found]] = []
    for sentence, document in found:
        generic = document.title.islower() and document.kind != "commitment"
        subject = _SUBJECT_WORDS.search(sentence.text, 0, document.start) \
            if generic and " " not in document.title else None
        words = set(subject.group(1).lower().split()) if subject else set()
        if len(words) >= _SUBJECT_MIN_WORDS and any(words <= set(title) for title in named):
            continue
        noun = _NEW_NOUN.fullmatch(document.title) if generic else None
        if noun is not None and any(title[-1] == noun.group(1) for title in named):
            continue   # "launched a new partnership to ...", named elsewhere ("the X-Y Minerals Partnership")
        kept.append((sentence, document))
    return kept


def _introduces_list(screened: ScreenedText) -> bool:
    return bool(screened.spans(_LIST_INTRODUCER)) and any(screened.spans(pattern) for pattern in _VERB_PATTERNS)


def _list_item(text: str, screened: ScreenedText, marked: bool = False) -> list[_Found]:
    """An item of an announced list whose first words name a document or a pledge: a pledge if it
    holds an amount of money ("• Grant aid of 2.6 billion yen for ..."), else the document kind its
    words name, else a pledge if it counts what is given ("• Technical cooperation to train 1,000
    officials"; not "• Cooperation in trade will be strengthened": resolve)."""
    mark = _LIST_ITEM.match(text) or (_NO_MARK.match(text) if marked else None)
    if mark is None or _LIST_HEAD.match(text, mark.end()) is None:
        return []
    end = _item_end(text, mark.end())
    item = text[:end]
    title = _ITEM_END.sub("", text[mark.end():end].strip())[:200]
    if _may_hold_money(item) and any(q.unit == "currency" for q in find_quantities(item)):
        return [_Found("commitment", title, mark.end(), len(text), _COMMIT_RULES.confidence)]
    for kind in _KINDS:   # "• Memorandum of Understanding on X", "• Cultural Exchange Programme 2026-2030"
        spans = screened.spans(kind.nouns) + (screened.spans(kind.named) if kind.named is not None else [])
        if any(start < end for start, _ in spans):
            return [_Found(kind.kind, title, mark.end(), len(text), kind.confidence, 1)]
    if any(q.unit == "number" and not q.is_year_like for q in find_quantities(item)):
        return [_Found("commitment", title, mark.end(), len(text), _COMMIT_RULES.confidence)]
    return []


def _launched_item(text: str, screened: ScreenedText) -> list[_Found]:
    """A bullet that names a body or a document as new, with no verb ("- New X-Y Critical Minerals
    Partnership to secure supply chains"): the name right after "New"."""
    new = _LAUNCHED_ITEM.match(text)
    if new is None:
        return []
    for kind in _KINDS:
        for start, end in screened.spans(kind.nouns) + (screened.spans(kind.named) if kind.named is not None else []):
            name_start, name_end = _name_span(text, start, end, kind)
            if new.start() <= name_start <= new.end() and start >= new.end():
                return [_Found(kind.kind, _clean_title(text[new.end():name_end]), new.end(), name_end,
                               kind.confidence, 1)]
    return []


def _item_end(text: str, start: int) -> int:
    """Where an item's title ends: a table row's first cell ("1. | Memorandum on X | Signed by"), the
    words before a colon ("• Fertilizer Fund: ..."), else the whole item."""
    cell = text.find("|", start)
    if cell >= 0:
        return cell
    return _clause_end(text, start) if ":" in text else len(text)


def _headline_document(ctx: ArticleContext) -> dict | None:
    """An article whose headline calls it a joint statement is that statement; the body's "the joint
    statement" is the same one."""
    title = ctx.article.title.strip()
    start = ctx.article.text.find(title) if title else -1
    if start < 0:
        return None   # the evidence is the headline as the text holds it
    for kind, pattern in _HEADLINE.items():
        if pattern.search(title):
            return {
                "agreement_id": stable_id("agr", ctx.article.article_id, kind, _title_key(title)),
                "article_id": ctx.article.article_id, "agreement_type": kind, "title": title,
                "parties": [], "signed_date": None, "date_precision": "unknown",
                "document_count": None, "topics": [], "related_event_id": None, "evidence": title,
                "char_start": start, "char_end": start + len(title), "confidence": RULES.joint_statement.confidence,
            }
    return None


def _sentence_agreements(ctx: ArticleContext, sentence: Sentence, screened: ScreenedText) -> list[_Found]:
    """`screened`: the sentence as SENTENCE_GATES screened it (for events already). Most sentences
    hold none of the word combinations an agreement needs, and are left after a few bit tests."""
    passed, masks = screened.passed, _masks(screened)
    may_document = passed & masks.documents and (passed & masks.verbs or passed & masks.told)
    may_pledge = passed & masks.pledges or (passed & masks.intent and passed & masks.cue and passed & masks.money) \
        or (passed & masks.intent and passed & masks.measure) \
        or (passed & masks.instrument and passed & masks.money and passed & (masks.verbs | masks.instrument_verbs))
    if not (may_document or may_pledge or passed & masks.partnership):
        return []
    upgrade = _partnership_upgrade(ctx, sentence, screened)
    measured = bool(passed & masks.intent and passed & masks.measure)
    pledges = _named_by_heading(sentence.text, _pledges(sentence.text, screened, measured)) if may_pledge else []
    found: list[_Found] = pledges + ([upgrade] if upgrade is not None else [])
    for document in _documents(ctx, sentence, screened, pledges) if may_document else []:
        if upgrade is not None and document.kind == "joint_statement" and document.start < upgrade.start:
            continue   # the statement that records the upgrade is the upgrade (not one agreed after it)
        if any(_paid_for(document, pledge, sentence.text) for pledge in pledges):
            continue
        if not any(_overlap(document, other) for other in found):
            found.append(document)
    if not found:
        return found   # (most sentences that get this far)
    kept = sorted([f for f in found if f.kind == "partnership_upgrade" or not _by_companies(sentence.text, f)],
                  key=lambda f: f.start)
    return _of_a_document(_one_batch(_with_what_they_establish(kept, sentence.text), sentence.text), sentence.text)


def _with_what_they_establish(found: list[_Found], text: str) -> list[_Found]:
    """ "signed a memorandum of understanding to establish a Business Council": the body is what the
    document does, one agreement (the document, titled with the body)."""
    kept: list[_Found] = []
    for document in found:
        previous = kept[-1] if kept else None
        if previous is not None and previous.kind in ("mou", "cooperation_document", "treaty") \
                and document.kind != "commitment" and previous.end <= document.start \
                and _TO_ESTABLISH.fullmatch(text, previous.end, document.start):
            kept[-1] = _Found(previous.kind, _clean_title(text[previous.start:document.end]), previous.start,
                              document.end, previous.confidence, previous.count, previous.topics)
            continue
        kept.append(document)
    return kept


def _by_companies(text: str, found: _Found) -> bool:
    """A deal that companies concluded ("state-owned airline X signed a deal with Y", "engineering firm
    Z signed a £14 million contract"): not the countries' agreement."""
    window = max(0, found.start - _SIGNER_REACH)
    company = _COMPANY.search(text, window, found.start)
    return company is not None and not _NOT_SIGNERS.search(text, company.end(), found.start)


class _Masks:
    """A record class (see flows.native): the bits of this module's gated patterns in a screen
    (ScreenedText.passed), ORed by what they let through together."""
    bits: Final[dict[GatedPattern, int]]
    documents: Final[int]     # any kind's nouns or names
    verbs: Final[int]         # verbs of concluding
    told: Final[int]          # nouns of kinds that may be told issued without a verb ("said in a joint statement")
    pledges: Final[int]       # goods given, money in the passive
    intent: Final[int]
    cue: Final[int]
    money: Final[int]
    partnership: Final[int]
    instrument: Final[int]    # loans, grants, credit lines
    measure: Final[int]       # measures extended ("the e-visa facility"), pledges after a word of intent
    instrument_verbs: Final[int]   # verbs besides those of concluding that make one a pledge ("confirmed a guarantee")

    def __init__(self, bits: dict[GatedPattern, int]) -> None:
        self.bits = bits
        self.documents = _bits(bits, [p for kind in _KINDS for p in (kind.nouns, kind.named) if p is not None])
        self.verbs = _bits(bits, _VERB_PATTERNS)
        self.told = _bits(bits, [kind.nouns for kind in _KINDS if kind.told_by is not None])
        self.pledges = _bits(bits, [_DONATION, _PASSIVE_PLEDGE, _SHIPMENT])
        self.measure = _bits(bits, [_MEASURE])
        self.intent = _bits(bits, [_INTENT])
        self.cue = _bits(bits, [_CUE_BEFORE_FIGURE])
        self.money = _bits(bits, [_MONEY])
        self.partnership = _bits(bits, [_PARTNERSHIP])
        self.instrument = _bits(bits, [_INSTRUMENT])
        self.instrument_verbs = _bits(bits, [_INSTRUMENT_VERBS])


def _bits(bits: dict[GatedPattern, int], patterns: list[GatedPattern]) -> int:
    total = 0
    for pattern in patterns:
        total |= bits[pattern]
    return total


_KEPT_MASKS: Final[list[_Masks]] = []


def _masks(screened: ScreenedText) -> _Masks:
    """The masks for the gate set's bits (made again only if patterns were added to the set since)."""
    if not _KEPT_MASKS or _KEPT_MASKS[0].bits is not screened.bit:
        _KEPT_MASKS[:] = [_Masks(screened.bit)]
    return _KEPT_MASKS[0]


def _named_by_heading(text: str, pledges: list[_Found]) -> list[_Found]:
    """A fact sheet names each programme in a heading before its paragraph ("Fertilizer Fund: USAID
    plans to provide $1.5 million ..."): the pledge's title carries that name."""
    heading = _HEADING.match(text) if pledges else None
    if heading is None:
        return pledges
    return [_Found(p.kind, f"{heading.group(1)}: {p.title}", p.start, p.end, p.confidence, p.count, p.topics)
            for p in pledges]


def _one_batch(found: list[_Found], text: str) -> list[_Found]:
    """ "the signing of nine agreements and memoranda of understanding": a plural noun of another kind
    joined to a counted batch, with no count or article of its own, is in that batch."""
    kept: list[_Found] = []
    for document in found:
        batch = kept[-1] if kept else None
        if batch is not None and batch.count is not None and batch.count > 1 and document.title[:1].islower() \
                and _JOINED_PLURAL.match(text, batch.end, document.start) and _PLURAL_START.match(document.title):
            kept[-1] = _Found(batch.kind, batch.title, batch.start, document.end, batch.confidence, batch.count,
                              list(dict.fromkeys(batch.topics + document.topics)))
            continue
        kept.append(document)
    return kept


def _of_a_document(found: list[_Found], text: str) -> list[_Found]:
    """Without the pledges told in a relative clause of an agreement the sentence names before them
    ("signed a Health Framework, under which Japan will provide $20 million", "a grant for the
    scholarship project, which will send 20 officials to study"): what the agreement does."""
    kept: list[_Found] = []
    for agreement in found:
        if agreement.kind == "commitment" and any(
                other.end <= agreement.start and _RELATIVE_PLEDGE.match(text, other.end, agreement.start)
                for other in kept):
            continue
        kept.append(agreement)
    return kept


def _overlap(a: _Found, b: _Found) -> bool:
    return a.start < b.end and b.start < a.end


def _paid_for(document: _Found, pledge: _Found, text: str) -> bool:
    """A document the pledge's money launches ("$1.5 million to launch a new Fertilizer Fund", "will
    launch the X initiative with a $1 million investment", "$45 million over five years, for a new X
    Initiative"), or that the pledge is made by ("exchanged notes on a grant of 900 million yen"), is
    the pledge, wherever else the sentence names it."""
    between = text[document.end:pledge.start]
    return _title_key(document.title) in _title_key(text[pledge.start:pledge.end]) \
        or (document.end <= pledge.start and _LINKS_A_PLEDGE.match(between) is not None) \
        or (pledge.start < document.start and _PAID_FOR_BEFORE.search(text, max(0, document.start - 20), document.start)
            is not None and not _CLAUSE_STOP.search(text, pledge.end, document.start))


# ---------------------------------------------------------------- partnership upgrades

def _partnership_upgrade(ctx: ArticleContext, sentence: Sentence, screened: ScreenedText) -> _Found | None:
    """The partnership named in a sentence that says relations were raised to it, or that it is new:
    the marker stands between it and any partnership named before it ("reviewed the X Partnership
    established in 2017 and decided to elevate relations to a Y Partnership": Y). Not one retold
    from before the article's events."""
    after = 0
    for start, end in screened.spans(_PARTNERSHIP):   # only where: searched in the folded text
        before = sentence.text[after:start]
        if _DOCUMENT_NEXT.match(sentence.text, end):
            after = end
            continue   # "an upgrade to the X Partnership Agreement": a document's name
        marker = _UPGRADE.search(before) or _NEW_BEFORE.search(before)
        if marker is not None:
            if _retold_upgrade(ctx, sentence, after + marker.start(), end):
                return None
            title = _NAME_STOPS.sub("", sentence.text[start:end]).strip(" \"“”'")
            return _Found("partnership_upgrade", title, start, end, _UPGRADE_RULES.confidence)
        after = end
    return None


def _retold_upgrade(ctx: ArticleContext, sentence: Sentence, marker: int, end: int) -> bool:
    """An upgrade made before the article's events: "since" before its marker ("since we elevated our
    ties"), or a date in its clause well before the reference date ("in 2019", "three years ago")."""
    if _RETOLD_UPGRADE.search(sentence.text, max(0, marker - 40), marker):
        return True
    reference = ctx.article.reference_date
    if reference is None:
        return False
    stop = sentence.text.find(";", end)
    limit = min(end + _UPGRADE_CLAUSE_REACH, stop if stop >= 0 else len(sentence.text))
    for date in ctx.dates_in(sentence):
        offset = date.start - sentence.start
        if marker <= offset < limit and date.end_date is not None and not date.is_target \
                and (reference - date.end_date).days > _UPGRADE_RULES.retold_days:
            return True
    return False


# ---------------------------------------------------------------- documents

def _documents(ctx: ArticleContext, sentence: Sentence, screened: ScreenedText,
               pledges: list[_Found] | None = None) -> list[_Found]:
    """Every document the sentence says was concluded, launched or joined; where two kinds name the
    same words ("joint declaration of intent"), the kind written first in the rules. A document
    listed after one that was concluded, or after a pledge, shares its verb ("signed an MoU on X and
    an implementing arrangement on Y", "the signing of a $2 billion loan, as well as a new MoU")."""
    pledged = pledges or []
    found: list[_Found] = []
    verbs_of = {pattern: screened.spans(pattern) for pattern in _VERB_PATTERNS}
    nouns_of = {kind.kind: (screened.spans(kind.nouns), screened.spans(kind.named) if kind.named is not None else [])
                for kind in _KINDS if verbs_of[kind.verbs] or kind.told_by is not None}
    if not any(nouns or named for nouns, named in nouns_of.values()):
        return found   # the words of a document, but none named
    # a list of topics (read for nouns of kinds, not names) ends where a verb, another document, a
    # date or a place begins
    limits = sorted({start for spans in verbs_of.values() for start, _ in spans}
                    | {start for nouns, named in nouns_of.values() for start, _ in nouns + named}
                    | set(_mention_starts(ctx, sentence))) if any(nouns for nouns, _ in nouns_of.values()) else []
    # then, while documents are added, those listed after them ("signed A, a B and a C": C after B)
    for coordinated in (False, True, True, True, True):
        before = len(found)
        for kind in _KINDS:
            if kind.kind not in nouns_of:
                continue
            verbs = verbs_of[kind.verbs]
            if coordinated:
                verbs = _coordinators(sentence.text, found + pledged, verbs)
                if not verbs:
                    continue
            nouns, named = nouns_of[kind.kind]
            candidates = _batches(sentence, nouns, kind, verbs, limits)
            if named:
                places = [(p.start - sentence.start, p.end - sentence.start) for p in ctx.places_in(sentence)]
                candidates += [f for f in (_named(sentence.text, span, kind, places, verbs) for span in named)
                               if f is not None]
            if coordinated:   # right after the coordinator: "and of an implementing arrangement"
                candidates = [f for f in candidates
                              if any(end <= f.start and _RIGHT_AFTER.match(sentence.text, end, f.start)
                                     and not _appositive(sentence.text, start, f) for start, end in verbs)]
            for document in candidates:
                if not any(_overlap(document, other) for other in found):
                    found.append(document)
        nothing_more = len(found) == before and (coordinated or not pledged)   # (after pledges: their list next)
        if nothing_more or all(any(start < f.end and f.start < end for f in found)
                               for nouns, named in nouns_of.values() for start, end in nouns + named):
            break   # nothing (more) concluded, or every document named is one of those found
    return found


def _appositive(text: str, coordinator: int, document: _Found) -> bool:
    """ "launched the X Working Group, a new bilateral mechanism that will ...": a body told again by its
    kind after a comma, no item of a list ("signed the X Agreement, a memorandum on Y and a protocol on
    Z": a list goes on with "and")."""
    return text.startswith(",", coordinator) and document.title.islower() \
        and _LIST_GOES_ON.match(text, document.end) is None


def _coordinators(text: str, found: list[_Found], verbs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where "and (of) a" follows a concluded document with no verb between (its topics may): the
    next document named there was concluded by the same verb. Returned as verbs: their spans."""
    spans: list[tuple[int, int]] = []
    for document in found:
        reach = min(len(text), document.end + _COORDINATION_REACH)
        stop = _CLAUSE_STOP.search(text, document.end, reach)   # the list ends at the clause's end or a verb
        reach = min([reach, stop.start() if stop else reach] + [start for start, _ in verbs if start >= document.end])
        spans += [match.span() for match in _COORDINATOR.finditer(text, document.end, reach)]
    return spans


def _batches(sentence: Sentence, spans: list[tuple[int, int]], kind: _DocumentKind,
             verbs: list[tuple[int, int]], limits: list[int]) -> list[_Found]:
    """Documents of one kind named one after another ("an MoU on mining and a memorandum of
    understanding on energy") are one batch: their number is the count and their subjects the topics.
    A verb between two ends the batch ("start work on a Roadmap, and establish a joint taskforce")."""
    found: list[_Found] = []
    index = 0
    while index < len(spans):
        batch = [spans[index]]
        while index + 1 < len(spans) and spans[index + 1][0] - batch[-1][1] <= _BATCH_GAP \
                and not _OWN_ARTICLE.search(sentence.text, max(0, spans[index + 1][0] - 12), spans[index + 1][0]) \
                and not any(batch[-1][1] <= start < spans[index + 1][0] for start, _ in verbs):
            index += 1
            batch.append(spans[index])
        index += 1
        document = _batch(sentence, batch, kind, verbs, limits)
        if document is None and len(batch) > 1:   # "the documents signed included an agreement on X"
            document = _batch(sentence, batch[1:], kind, verbs, limits)
        if document is not None:
            found.append(document)
    return found


def _batch(sentence: Sentence, batch: list[tuple[int, int]], kind: _DocumentKind,
           verbs: list[tuple[int, int]], limits: list[int]) -> _Found | None:
    text = sentence.text
    first_start, first_end = batch[0]
    if kind.told_by is None and not any(first_start - _NAME_REACH - _VERB_REACH < v_end
                                        and v_start < batch[-1][1] + _AFTER_REACH for v_start, v_end in verbs):
        return None   # no verb anywhere near
    name_start, name_end = _name_span(text, first_start, first_end, kind)
    end = max(name_end, batch[-1][1])
    told_after = not (name_start == first_start and kind.active_only is not None
                      and kind.active_only.match(text, first_start, first_end) is not None)
    acted = kind.acts is not None and kind.acts.match(text, first_start, first_end) is not None \
        and not _RETOLD.search(text, max(0, first_start - 40), first_start) \
        and not _NOT_MADE.search(text, max(0, first_start - 40), first_start) \
        and not _UNDER_BEFORE.search(text, max(0, first_start - 20), first_start) \
        and not _OF_YEAR_NEXT.match(text, first_end)   # "welcomed the exchange of notes on ...": the act itself
    named_by_verb = acted or any(start == first_start for start, _ in verbs) \
        and text[first_start:first_end].split()[0].endswith(("ed", "ing"))   # "exchanged notes"
    told = kind.told_by is not None and kind.told_by.search(text, max(0, name_start - 40), name_start) is not None
    if not named_by_verb and not told and not _concluded(text, name_start, end, verbs, told_after):
        return None
    if _REFERRED_BEFORE.search(text, max(0, name_start - 30), name_start):
        return None   # "signed the relevant implementing arrangement": one told of already
    count = _count_before(text, first_start)
    ends = [start for start, _ in batch[1:]] + [len(text)]
    topics = [t for (_, after), stop in zip(batch, ends) for t in _topics(text[after:_cut(after, stop, limits)])]
    if count is None and text[first_start:first_end].lower() in kind.counted \
            and not (topics and any(_SIGNED_RIGHT_BEFORE.match(text, end, first_start) for _, end in verbs)):
        return None   # "implement the agreements reached": which ones is not said; "signed agreements on trade": a batch
    start = count[1] if count else name_start
    listed = [span for previous, span in zip([(-2, -2)] + batch, batch) if text[previous[1]:span[0]].strip() != "("]
    plural = text[first_start:first_start + 1].islower() and _PLURAL.search(text[:first_end]) is not None
    number = count[0] if count else (len(listed) if len(listed) > 1 or not plural else None)
    return _Found(kind.kind, _clean_title(text[start:name_end]), start, end, kind.confidence,
                  number, list(dict.fromkeys(topics)))


def _named(text: str, span: tuple[int, int], kind: _DocumentKind, places: list[tuple[int, int]],
           verbs: list[tuple[int, int]]) -> _Found | None:
    """A document or body known by its name ("the Blue Dot Network", "a Bilateral Security Working
    Group", "the Generation250 exchange program"): a kind noun with a name written in capitals."""
    start, end = span
    if not any(start - _NAME_REACH - _VERB_REACH < v_end and v_start < end + _NAME_REACH for v_start, v_end in verbs):
        return None   # no verb anywhere near: most mentions
    name_start, name_end = _name_span(text, start, end, kind, 3)
    if name_start == start and name_end == end:
        modified = _modifiers_start(text, start, end, kind)
        if modified is None:
            return None   # "the Framework": no name
        name_start = modified
    elif text[start:start + 1].islower() and name_end == end and not _own_name(text, name_start, start, places):
        return None   # "the U.S.-Singapore strategic partnership": a relationship, not a document
    if not _concluded(text, name_start, name_end, verbs, dated_retold=text[start:end].lower() in kind.retold_when_dated):
        return None
    if _NAME_GOES_ON.match(text, end):
        return None   # "the "Port Hospital Second Facility Project"": the kind noun is inside another name
    return _Found(kind.kind, _clean_title(text[name_start:name_end]), name_start, name_end, kind.confidence, 1)


def _modifiers_start(text: str, start: int, end: int, kind: _DocumentKind) -> int | None:
    """Where the lower-case words that name a document begin ("restart cooperation under the aerial
    interception agreement"; "signed an agreement": none, but a new one), for the kinds they may
    name; None where they do not name it ("the agreement": one told before)."""
    if text[start:start + 1].isupper() or text[start:end] not in kind.named_by_modifiers:
        return None
    window = max(0, start - _NAME_REACH)
    modifiers = _MODIFIERS.search(text[window:start])
    if modifiers is not None:
        if _REFERRING.match(modifiers.group(1)):
            return None   # "signed the corresponding financing agreement": one the sentence told of already
        return window + modifiers.start(1)
    return start if _NEW_ONE.search(text[window:start]) else None


def _own_name(text: str, start: int, end: int, places: list[tuple[int, int]]) -> bool:
    """Whether the words before a kind noun name it, beyond the countries it is between."""
    for word in re.finditer(r"\S+", text[start:end]):
        inside_place = any(p_start <= word.start() + start and word.end() + start <= p_end for p_start, p_end in places)
        if _NAME_TOKEN.match(word.group()) and not inside_place and not _COUNTRY_PAIR.match(word.group()):
            return True
    return False


def _name_span(text: str, start: int, end: int, kind: _DocumentKind, lower_between: int = 0) -> tuple[int, int]:
    """The name around a kind noun: capitalised words before it (up to three lower-case words
    between a name and a lower-case noun: "the Generation250 student exchange program"), and an
    "on/for/of ..." part in capitals after it ("Dialogue on Space")."""
    capitalised = text[start:start + 1].isupper()
    name_start = start
    lower_allowed = 0 if capitalised else lower_between
    window = max(0, start - _NAME_REACH)   # a name of a dozen words at most
    previous = ""
    for token in reversed(list(re.finditer(r"\S+", text[window:start]))):
        word, previous = token.group(), previous
        if word == "and" and previous == "the":
            break   # "the X Agreement and the Y Memorandum": two names
        previous = word
        if _NAME_TOKEN.match(word) and word not in _NOT_NAMES and not word.endswith((",", ";", ":")):
            name_start = window + token.start()
            lower_allowed = 0
        elif word.lower() in _NAME_LINKS and (name_start < start or capitalised):
            continue   # kept only if a name word stands before it
        elif lower_allowed > 0 and word.islower() and word.isalpha() and word not in _NOT_MODIFIERS \
                and not (kind.verbs.source.fullmatch(word) and word.endswith(("ed", "ing"))):
            lower_allowed -= 1
        else:
            break
    name_end = end
    right = _RIGHT_NAME.match(text[end:])
    if right is not None and (capitalised or name_start < start):
        words = list(re.finditer(r"\S+", right.group(1)))
        for index in range(len(words) - 1):
            if words[index].group() == "and" and words[index + 1].group() == "the":
                words = words[:index]   # "the Agreement on X and the Memorandum on Y": two names
                break
        while words and words[-1].group().lower() in _NAME_LINKS:
            words.pop()
        if words:
            name_end = end + right.start(1) + words[-1].end()
    return name_start, name_end


def _clean_title(title: str) -> str:
    title = title.strip(" “”\"'.,;:").replace("”", "").replace("“", "")
    if title.count('"') % 2:
        title = title.replace('"', "")   # 'the "Green Corridor" initiative': its opening quote was cut off
    return _ARTICLE.sub("", title)


def _concluded(text: str, start: int, end: int, verbs: list[tuple[int, int]], told_after: bool = True,
               dated_retold: bool = False) -> bool:
    """A document is an agreement fact only when the sentence says it was concluded, launched or
    joined: a verb shortly before its name ("decided to join the X Accords"), or told of it right
    after ("the X agreement that Y signed", "the Framework, launched by ..."), unless not `told_after`,
    or, for kinds retold with their year (`dated_retold`: "the X Partnership, which was established in
    2022"), unless a year is told in the verb's clause.
    `verbs`: where the sentence's verbs of concluding are."""
    for verb_start, verb_end in verbs:
        if verb_end <= start and start - verb_end <= _VERB_REACH:
            gap = text[verb_end:start]
            occasion = _OCCASION.match(gap) if text[verb_start:verb_end].endswith(("ion", "ing", "ure")) else None
            if len(gap.split()) <= _VERB_GAP_WORDS and not any(ch in gap for ch in ".;,") \
                    and (not _GAP_STOPS.search(gap, occasion.end() if occasion else 0)
                         or _COORDINATED_MODIFIERS.fullmatch(gap)) \
                    and not _RETOLD.search(text[max(0, verb_start - 40):verb_start]) \
                    and not _NOT_MADE.search(text, max(0, verb_start - 40), verb_start):
                return True
        elif verb_start >= end and verb_start - end <= _AFTER_REACH:
            between = text[end:verb_start]
            if not told_after or _RETOLD.search(text[max(0, start - 40):start]) \
                    or (dated_retold and _YEAR_IN_CLAUSE.match(text, verb_end)):
                return False   # "the X Partnership, which was established in December 2022": retold
            if _AGO_NEXT.match(text, verb_end):
                return False   # "the X agreement, signed more than 40 years ago"
            if not between.strip() and text[verb_start:verb_end].endswith("ed"):
                return _PARTICIPLE_NEXT.match(text[verb_end:]) is not None and not _YEAR_NEXT.match(text, verb_end)
            if _VERB_AFTER.match(between) is None:
                return False
            # "The X, launched by ...": a participle; "The X, established a new approach": the sentence's verb
            if between.strip() == ",":
                return not _OBJECT.match(text[verb_end:]) and not _YEAR_NEXT.match(text, verb_end)
            return True
    return False


def _count_before(text: str, offset: int) -> tuple[int, int] | None:
    """A number right before the document noun ("five cooperation documents") and where it starts."""
    window = max(0, offset - _COUNT_REACH)
    for found in find_quantities(text[window:offset]):
        quantity_start, quantity_end = window + found.start, window + found.end
        between = text[quantity_end:offset].strip(" -")
        if found.unit == "number" and between.count(" ") <= 1 and _WORDS_ONLY.match(between) \
                and found.value >= 1 and not found.is_year_like \
                and not any(word in _NOT_COUNTED or word.endswith(("ed", "s")) for word in between.lower().split()):
            return int(found.value), quantity_start
    return None


def _mention_starts(ctx: ArticleContext, sentence: Sentence) -> list[int]:
    """Where dates and places begin in the sentence: a list of topics ends before them."""
    return sorted([d.start - sentence.start for d in ctx.dates_in(sentence)]
                  + [p.start - sentence.start for p in ctx.places_in(sentence)])


def _cut(after: int, end: int, limits: list[int]) -> int:
    for limit in limits:
        if after < limit < end:
            return limit
    return end


def _topics(rest: str) -> list[str]:
    match = _TOPICS.match(rest)
    if match is None:
        return []
    topics: list[str] = []
    listed = _TRAILING_LINK.sub("", match.group("topics"))
    for part in _LIST_SPLIT.split(listed):
        part = re.sub(r"^(?:the|a|an)\s+", "", part.strip(" \"“”'"))
        if _CLAUSE_START.match(part) or _RELATIVE.match(part) or _SUBJECT.match(part) or _VERB_PHRASE.match(part):
            break  # ", creating new momentum for ...", ", under which ...": the list has ended
        if part and not _VAGUE_TOPIC.match(part):
            topics.append(part)
    return topics


# ---------------------------------------------------------------- commitments

def _pledges(text: str, screened: ScreenedText, measured: bool = False) -> list[_Found]:
    """Concrete pledges: amounts of money promised ("will provide an additional $2 million to"),
    goods given ("is donating 1 million vaccines", "will deliver a telescope") and measures extended
    ("will extend the e-visa facility to"; `measured`: a measure and a word of intent passed the screen)."""
    found: list[_Found] = []
    cues = screened.spans(_CUE_BEFORE_FIGURE) if screened.may_match(_INTENT) and screened.may_match(_MONEY) \
        and screened.may_match(_CUE_BEFORE_FIGURE) and _may_hold_money(text) else []
    if cues:
        intents = screened.spans(_INTENT)
        if intents:
            found += _money_pledges(text, intents, cues)
    if screened.may_match(_INSTRUMENT) and screened.may_match(_MONEY) and _may_hold_money(text):
        verbs = [span for pattern in _VERB_PATTERNS for span in screened.spans(pattern)] \
            + screened.spans(_INSTRUMENT_VERBS)
        found += [f for f in _concluded_instruments(text, screened.spans(_INSTRUMENT), verbs) if verbs
                  and not any(_overlap(f, other) for other in found)]
    passives = screened.spans(_PASSIVE_PLEDGE) if not found else []
    if passives:
        found += _passive_pledges(text, passives)
    for start, end in screened.spans(_SHIPMENT) if not found else []:
        if not _BACKGROUND.search(text, 0, end):
            phrase = _PHRASE_START.search(text, max(0, start - 60), start)
            title_start = phrase.start() if phrase else start
            found.append(_Found("commitment", text[title_start:end].strip(), title_start, end, _COMMIT_RULES.confidence))
    if measured:   # a measure and a word of intent passed the screen
        found += [f for f in _measures(text, screened.spans(_MEASURE), screened.spans(_INTENT))
                  if not any(_overlap(f, other) for other in found)]
    if screened.may_match(_DONATION):
        intent = screened.first_span(_INTENT)
        found += [f for f in _donations(text, screened.spans(_DONATION), intent[0] if intent else None,
                                        [m.start for m in found])
                  if not any(_overlap(f, other) for other in found)]
    return found


def _measures(text: str, spans: list[tuple[int, int]], intents: list[tuple[int, int]]) -> list[_Found]:
    """Measures said as new (a word of intent right before their verb: "will extend the e-visa facility
    to ...", "agreed to raise the annual quota of ..."); "has extended the scheme" is retold."""
    found: list[_Found] = []
    for start, end in spans:
        verb = _MEASURE_VERB.search(text, max(0, start - _MEASURE_REACH), start)
        if verb is not None and any(_INTENT_TO_VERB.fullmatch(text, intent_end, verb.start())
                                    for _, intent_end in intents) \
                and not any(f.start <= verb.start() < f.end for f in found):
            found.append(_Found("commitment", _clause(text, verb.start(), end), verb.start(), _clause_end(text, end),
                                _COMMIT_RULES.confidence))
    return found


def _may_hold_money(text: str) -> bool:
    """A cheap test before reading amounts: a currency symbol or word ("$", "million", "euros")."""
    return _MONEY_WORDS.search(text) is not None


def _money_pledges(text: str, intents: list[tuple[int, int]], cues: list[tuple[int, int]]) -> list[_Found]:
    """Each amount of money with a word of provision right before it (`cues`), said as new: after a
    word of intent ("will", "plans to", "announced"); a second amount needs its own ("will donate
    ... and will extend a loan of $5 million", not "plans to deploy $5 million and has requested
    $3 million")."""
    found: list[_Found] = []
    after = 0
    for cue_start, cue_end in cues:
        amount = _amount_at(text, cue_end)
        if amount is None or _BACKGROUND.search(text, 0, _clause_end(text, amount)):
            continue   # spending retold ("since 2010") in the amount's own clause or before it
        if not any(after <= start <= cue_start for start, _ in intents) \
                and not (found and _ALSO_BEFORE.search(text, max(0, cue_start - 20), cue_start)):
            continue
        end = _clause_end(text, amount)
        found.append(_Found("commitment", _clause(text, cue_start, amount), cue_start, end, _COMMIT_RULES.confidence))
        after = amount
    return found + _listed_amounts(text, found)


def _listed_amounts(text: str, found: list[_Found]) -> list[_Found]:
    """Amounts listed after a pledge with no verb of their own ("announced $5 million for schools, as
    well as $2 million over two years to support clinics", "... and $3 million for roads"): pledged
    by the same verb. Read only after a pledge was found."""
    if not found:
        return []
    listed: list[_Found] = []
    last = found[-1].end
    amounts = [(last + q.start, last + q.end) for q in find_quantities(text[last:]) if q.unit == "currency"]
    for index, (start, amount_end) in enumerate(amounts):
        if any(f.start <= start < f.end for f in found) or not _LISTED_AMOUNT.search(text, max(0, start - 30), start) \
                or _PART_OF.match(text, amount_end):
            continue   # ("$5 million in aid, $2 million of which will go to schools": a part of the first)
        end = min([_clause_end(text, amount_end)] + [next_start for next_start, _ in amounts[index + 1:index + 2]])
        title = _TRAILING_LINK.sub("", text[start:end]).strip(" ,")[:200]   # "$3 million for schools and"
        listed.append(_Found("commitment", title, start, end, _COMMIT_RULES.confidence))
    return listed


def _concluded_instruments(text: str, instruments: list[tuple[int, int]], verbs: list[tuple[int, int]]) -> list[_Found]:
    """Loans, grants and credit lines with their amount that a verb of concluding acts on ("welcomed
    the signing of a $2 billion defence loan", "has approved up to $500 million in financing"): a
    pledge made, though no word of intent says so (a document signed is new). One listed after
    another in the sentence shares its verb ("notes concerning a loan of ..., and concerning the
    supply of radars with a grant of ...")."""
    found: list[_Found] = []
    for start, end in instruments:
        amount = _amount_before(text, start) or _amount_after(text, end)
        if amount is None:
            continue
        first = min(start, amount[0])
        listed = bool(found) and found[-1].end <= first and _LISTED_AFTER.match(text, found[-1].end, first) is not None
        if not listed and not any(verb_end <= first and _acts_on(text, verb_start, verb_end, first)
                                  for verb_start, verb_end in verbs):
            continue
        stop = _clause_end(text, max(end, amount[1]))
        if _BACKGROUND.search(text, 0, stop):
            continue   # "has extended loans of $5 billion since 1990": retold
        phrase = _PHRASE_START.search(text, max(0, first - 60), first)
        title_start = phrase.start() if phrase else first
        if not any(f.start <= title_start < f.end for f in found):
            found.append(_Found("commitment", text[title_start:stop].strip()[:200], title_start, stop,
                                _COMMIT_RULES.confidence))
    return found


_LISTED_AFTER: Final = re.compile(r"[^.;]*?\b(?:and|as well as)\b[^.;]*$")


def _amount_before(text: str, start: int) -> tuple[int, int] | None:
    """An amount of money a few words before the instrument ("a $2 billion Foreign Military Financing
    direct loan", "$900 million in financing")."""
    window = max(0, start - _INSTRUMENT_REACH)
    money = [q for q in find_quantities(text[window:start]) if q.unit == "currency"]
    if not money:
        return None
    between = text[window + money[-1].end:start]
    if len(between.split()) > _INSTRUMENT_NAME_WORDS or not _UNNAMING.match(between):
        return None
    return window + money[-1].start, window + money[-1].end


def _amount_after(text: str, end: int) -> tuple[int, int] | None:
    """An amount right after the instrument ("a grant aid of 500 million yen", "a loan of up to $5 million")."""
    link = _AMOUNT_AFTER.match(text, end)
    amount_end = _amount_at(text, link.end()) if link else None
    return (link.end(), amount_end) if link and amount_end is not None else None


def _acts_on(text: str, verb_start: int, verb_end: int, start: int) -> bool:
    """Whether the verb before an instrument acts on it: a few words between, none that make it act
    on something else, and the verb not retold ("in line with the loan signed ...")."""
    gap = text[verb_end:start]
    return len(gap.split()) <= _INSTRUMENT_VERB_WORDS and not _INSTRUMENT_GAP_STOPS.search(gap) \
        and not _RETOLD.search(text[max(0, verb_start - 40):verb_start]) \
        and not _LONG_PAST.search(text, max(0, verb_start - 20), verb_start)


def _passive_pledges(text: str, phrases: list[tuple[int, int]]) -> list[_Found]:
    """An amount right before "will be provided" ("$5 million will be provided to the clinics")."""
    found: list[_Found] = []
    for quantity in find_quantities(text) if _may_hold_money(text) else []:   # (rare: the phrase was found)
        for start, end in phrases:
            if quantity.unit == "currency" and start == quantity.end and not _BACKGROUND.search(text):
                stop = _clause_end(text, end)
                found.append(_Found("commitment", text[quantity.start:stop].strip()[:200], quantity.start, stop,
                                    _COMMIT_RULES.confidence))
    return found


def _amount_at(text: str, offset: int) -> int | None:
    """Where the amount of money that begins at `offset` ends; None if what begins there is no money."""
    figure = text[offset:offset + _AMOUNT_REACH]
    for quantity in find_quantities(figure):
        if quantity.start <= 1 and quantity.unit == "currency":
            return offset + quantity.end
        break
    return None


def _donations(text: str, verbs: list[tuple[int, int]], intent: int | None, money_starts: list[int]) -> list[_Found]:
    """Goods given: a donation verb (`verbs`) then a number of things ("sent 250 trees"), or, said
    of the future, one thing ("will deliver a telescope"); never people or words ("sent a
    delegation"). A clause of goods ends where a pledge of money begins ("donate 8 ambulances and
    extend a loan of ...")."""
    found: list[_Found] = []
    for verb_start, verb_end in verbs:
        limit = min([start for start in money_starts if start > verb_start] + [len(text)])
        rest = text[verb_end:]
        promised = _PROMISE.match(text, verb_start) is not None
        opened = _OPENING.match(text, verb_start) is not None
        if (promised or opened) and (intent is None or intent > verb_start):
            continue   # "has offered 30 scholarships": retold; only new promises count
        if opened:
            facility = _FACILITY.match(rest)
            if facility:
                stop = min(_clause_end(text, verb_end), limit)
                verb = _NEXT_VERB.search(text, verb_end + facility.end(), stop)
                stop = verb.start() if verb else stop
                found.append(_Found("commitment", text[verb_start:stop].strip()[:200], verb_start, stop,
                                    _COMMIT_RULES.confidence))
            continue
        quantity = _first_number(rest) if _number_next(rest) else None
        if quantity is not None and _NUMBER_FILLERS.match(rest[:quantity.start]) \
                and (not _NOT_GOODS.match(rest[quantity.end:].lstrip()) or _PEOPLE.match(text, verb_start)):
            stop = min(_clause_end(text, verb_end + quantity.end), limit)
            title = text[verb_start:stop]
            if stop == limit and " and " in title:
                title = title[:title.rindex(" and ")]
            found.append(_Found("commitment", title.strip()[:200], verb_start, stop, _COMMIT_RULES.confidence))
            continue
        thing = _ONE_THING.match(rest) if _SINGLE_GOODS.match(text, verb_start) else None
        if thing is not None and intent is not None and intent < verb_start and not _NOT_GOODS.match(thing.group(1)):
            found.append(_Found("commitment", _clause(text, verb_start, verb_end), verb_start,
                                min(_clause_end(text, verb_end), limit), _COMMIT_RULES.confidence))
    return found


def _number_next(text: str) -> bool:
    """Whether a number may come next (after words like "an additional"): a digit or a word of number."""
    lead = _LEAD_FILLERS.match(text)
    word = text[lead.end() if lead else 0:].split(None, 1)
    return bool(word) and (word[0][:1].isdigit() or (word[0].isalpha() and may_hold_a_quantity(word[0])))


def _first_number(text: str) -> Quantity | None:
    for quantity in find_quantities(text[:60]):
        if quantity.unit == "number" and not quantity.is_year_like:
            return quantity
    return None


def _clause_end(text: str, offset: int) -> int:
    stop = _CLAUSE_END.search(text, offset)
    return stop.start() if stop else len(text)


def _clause(text: str, start: int, offset: int) -> str:
    return text[start:_clause_end(text, offset)].strip().lstrip(":").strip()[:200]   # (": $6 million for ...")


# ---------------------------------------------------------------- rows

def _title_key(title: str) -> str:
    """Words of a title, without a leading article, a memorandum of understanding called an MoU."""
    key = " ".join(re.findall(r"\w+", title.lower()))
    return _ARTICLE.sub("", _MOU_WORDS.sub("mou", key))



def _found_key(found: _Found) -> str:
    """What tells an agreement from the others of its kind: its title, and for an unnamed one ("a
    memorandum of understanding") its fields; a batch's count in figures ("nine agreements" in the
    body is the headline's "9 agreements")."""
    key = _title_key(" ".join([found.title, *found.topics]))
    first = key.split(" ", 1)
    if found.count is not None and found.count > 1 and len(first) > 1 and may_hold_a_quantity(first[0]):
        return f"{found.count} {first[1]}"
    return key


def _same_agreement(key: tuple[str, str], seen: tuple[str, str]) -> bool:
    """A partnership named in full once and in short elsewhere (its start, or its end without the
    countries) is one agreement; a pledge told again
    with the same figures ("announced a grant of $5 million for 12 clinics", then in a list of
    outcomes "• Grant of $5 million for 12 clinics") is one pledge."""
    if key[0] != seen[0]:
        return False
    if seen[1].startswith(key[1]) or key[1].startswith(seen[1]):
        return True
    if key[0] != "commitment":
        shorter, longer = sorted((key[1], seen[1]), key=len)   # "the Semiconductor Supply Chain Dialogue" after "a
        return shorter.count(" ") >= _SAME_NAME_WORDS - 1 and longer.endswith(" " + shorter)   # U.S.-Malaysia ..."
    figures = _FIGURES.findall(key[1])
    return bool(figures) and set(figures) == set(_FIGURES.findall(seen[1]))


def _relation(ctx: ArticleContext) -> list[str]:
    """The two countries the article is about: the most named one and the partner it is most often
    paired with ("U.S.-Singapore", "Vietnam and Japan"); else the two most named."""
    if not ctx.main_countries:
        return []
    first = ctx.main_countries[0]
    text = ctx.article.text
    pairs: Counter[str] = Counter()
    for a, b in zip(ctx.places, ctx.places[1:]):
        if b.start - a.end <= 5 and a.country_code != b.country_code and first in (a.country_code, b.country_code) \
                and _PAIR_LINK.match(text[a.end:b.start]):
            pairs[b.country_code if a.country_code == first else a.country_code] += 1
    if pairs:
        return [first, pairs.most_common(1)[0][0]]
    return ctx.main_countries[:2]


def _parties(ctx: ArticleContext, sentence: Sentence, relation: list[str]) -> list[str]:
    """The countries of the relation, unless the sentence names an agreement between other
    countries (two or more named, none of the relation's) or names more countries of it."""
    named = list(dict.fromkeys(p.country_code for p in ctx.places_in(sentence)))
    if len(named) >= 2 and (not set(named) & set(relation) or set(relation) <= set(named)):
        return sorted(named)
    return sorted(relation) if relation else sorted(named)


def _row(ctx: ArticleContext, sentence: Sentence, events: list[dict], found: _Found,
         relation: list[str]) -> dict:
    date = nearest(_dates_of(ctx, sentence, found), sentence.start + found.start)
    return {
        "agreement_id": stable_id("agr", ctx.article.article_id, found.kind, _found_key(found)),
        "article_id": ctx.article.article_id,
        "agreement_type": found.kind,
        "title": found.title,
        "parties": _parties(ctx, sentence, relation),
        "signed_date": date.start_date if date else None,
        "date_precision": date.precision if date else "unknown",
        "document_count": found.count,
        "topics": found.topics,
        "related_event_id": _related_event(sentence, events),
        "evidence": sentence.text,
        "char_start": sentence.start,
        "char_end": sentence.end,
        "confidence": found.confidence,
    }


def _dates_of(ctx: ArticleContext, sentence: Sentence, found: _Found) -> list:
    """Dates that may be when the agreement was made: not targets ("to host APEC 2027", a bare year
    after the article's); for a pledge only those in its own clause, and not the future it will be
    delivered in ("will deliver a telescope in 2025, building on the agreement signed in 2023")."""
    reference = ctx.article.reference_date
    dates = []
    for date in ctx.dates_in(sentence):
        if not date.start_date or date.is_target:
            continue
        if found.kind == "commitment" and not sentence.start + found.start <= date.start < sentence.start + found.end:
            continue
        if reference is not None and date.start_date > reference and \
                (date.precision == "year" or found.kind == "commitment"):
            continue
        dates.append(date)
    return dates


def _related_event(sentence: Sentence, events: list[dict]) -> str | None:
    """The event told in the same sentence, else the last visit or summit told before it."""
    same = [e for e in events if e["char_start"] == sentence.start]
    if same:
        return same[0]["event_id"]
    earlier = [e for e in events if e["event_type"] in ("visit", "summit") and e["char_start"] < sentence.start]
    return max(earlier, key=lambda e: e["char_start"])["event_id"] if earlier else None
