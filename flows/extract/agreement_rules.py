"""The layout of flows/extract/agreements.yaml: one block per agreement type with all of its settings.

Loaded with flows.extract.rules.load_rules, so a misspelt setting or a broken pattern stops the import
naming the file and the setting. Not compiled (flows/native.py): the compiled extractor in
flows/extract/agreements.py reads these models' attributes.
"""
from __future__ import annotations

from flows.extract.rules import Pattern, Rules


class PartnershipRules(Rules):
    """A named partnership that relations were raised to."""
    description: str
    confidence: float
    names: Pattern                       # the partnership's name
    name_stops: Pattern                  # what ends the "for ..." part of a name
    document_next: Pattern               # right after the name: it names a document ("... Partnership Agreement")
    markers: list[Pattern]               # verbs before the name that make it an upgrade
    retold_days: int                     # a date in its clause this many days before the reference date: retold
    retold_before: Pattern               # right before its marker: retold ("since we elevated")
    adjacent_markers: list[Pattern]      # words right before the name that make it new


class DocumentRules(Rules):
    """A kind of document: the nouns that name it and the verbs that say it was concluded."""
    description: str
    confidence: float
    documents: list[Pattern]             # nouns, case-insensitive
    named: list[Pattern] = []            # kinds that name a document when capitalised ("Working Group")
    counted: list[str] = []              # plain nouns that are documents only with a number before them
    named_by_modifiers: list[str] = []   # kinds (lower case) that lower-case words before them may name
    active_only: list[Pattern] = []      # unnamed bodies that count only with the verb before them
    acts: list[Pattern] = []             # nouns that are the act of concluding itself ("the exchange of notes")
    retold_when_dated: list[str] = []    # kinds (lower case) that a year in the clause of their verb makes retold
    told_by: Pattern | None = None       # right before the noun: issued, with no verb ("said in a joint statement")
    headline: Pattern | None = None      # an article whose headline matches is such a document
    verbs: list[Pattern]                 # concluded, launched, joined ...


class CommitmentRules(Rules):
    """A concrete pledge of money, goods or equipment."""
    description: str
    confidence: float
    money_words: list[str]               # one of these is in every amount of money (plain strings, as written)
    money_cues: list[Pattern]            # a word of provision right before the amount
    amount_fillers: Pattern              # words that may stand between the cue and the amount
    intent: list[Pattern]                # the pledge is new: future, intention, announcement
    instruments: list[Pattern]           # loans, grants, credit lines: a verb of concluding makes them pledges
    amount_after_instrument: Pattern     # words between the instrument and an amount after it ("of up to")
    instrument_verbs: Pattern            # other verbs that make an instrument a pledge ("open a credit line")
    passive_pledge: Pattern              # right after an amount: it is pledged ("will be provided")
    shipment: Pattern                    # aid shipped ("an aircraft carrying 18 tonnes of supplies")
    background: list[Pattern]            # spending retold, not pledged
    donation_verbs: list[Pattern]        # goods given
    promise_verbs: Pattern               # goods given only when said as new ("will grant 1,000 scholarships")
    people_verbs: Pattern                # promise verbs whose goods are people ("will train 500 teachers")
    opening_verbs: Pattern               # facilities opened ("agreed to open two new checkpoints")
    facilities: Pattern                  # what an opening verb opens that is a commitment
    measure_verbs: Pattern               # verbs of measures extended ("will extend the e-visa facility to ...")
    measures: Pattern                    # what they extend: visa facilities, quotas
    single_goods_verbs: Pattern          # donation verbs whose one thing is goods ("deliver a telescope")
    number_fillers: Pattern              # words that may stand between a donation verb and its number
    not_goods: Pattern                   # what a donation verb may take that is not goods


class TopicRules(Rules):
    introducers: Pattern                 # phrases that introduce the fields a document covers
    vague: Pattern                       # fields that say nothing
    subjects: Pattern                    # the next clause's subject, where a list of fields has ended


class ListRules(Rules):
    """Lists of documents and pledges, one per bullet."""
    introducers: Pattern                 # a sentence that announces the list
    item: Pattern                        # the mark that opens an item
    heads: Pattern                       # an item's first words that make it a document or a pledge
    headings: Pattern                    # a heading line that opens a list with no verb ("Documents adopted")
    list_headlines: Pattern              # a headline that makes the page a list ("List of Outcomes: ...")
    launched_item: Pattern               # after a bullet: what the item names is new ("- New X Partnership ...")
    ends: Pattern                        # a heading after which the items are background


class SignerRules(Rules):
    companies: Pattern                   # a company named in the clause before a document: a company deal
    not_signers: Pattern                 # words between that make the company not who signed


class AgreementRules(Rules):
    """One block per agreement type. Document types are tried in the order of document_types():
    where two name the same words, the earlier wins."""
    partnership_upgrade: PartnershipRules
    joint_statement: DocumentRules
    mou: DocumentRules
    treaty: DocumentRules
    cooperation_document: DocumentRules
    commitment: CommitmentRules
    lists: ListRules
    topics: TopicRules
    signers: SignerRules

    def agreement_types(self) -> list[str]:
        """Every agreement type the rules can produce."""
        return ["partnership_upgrade", *self.document_types(), "commitment"]

    def document_types(self) -> dict[str, DocumentRules]:
        return {"joint_statement": self.joint_statement, "mou": self.mou, "treaty": self.treaty,
                "cooperation_document": self.cooperation_document}
