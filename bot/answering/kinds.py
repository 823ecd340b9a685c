"""What a question asks, what became of it, and why the bot declined: the enums every stage
and front end shares. Their values are the strings `ask --json` prints and patterns.json names,
so a value never changes; a kind's properties live here, not in tables spread over modules."""

from __future__ import annotations

from enum import Enum


class _Named(str, Enum):
    """A string enum that prints as its value (json, f-strings, logs)."""

    def __str__(self) -> str:
        return str(self.value)


class Kind(_Named):
    """What a question asks for (Answer.kind, `ask --json` "kind")."""

    WHO = "who"
    WHEN = "when"
    WHERE = "where"
    HOW_MANY = "how_many"
    WHY = "why"
    HOW = "how"
    WHAT = "what"
    YES_NO = "yes_no"
    OTHER = "other"
    SUMMARY = "summary"  # a summary of a report
    DOCUMENTS = "documents"  # which reports there are
    AUTHOR = "author"  # who wrote the document (its byline)
    DATE = "date"  # when the document is dated
    SIGNED = "signed"  # when a report (or its auditor's report) was signed
    AUDITOR = "auditor"  # who audited (or reviewed) a statement: the firm its identity names

    @property
    def has_short(self) -> bool:
        """The answer has a short phrase to show first: a name, a date, a place, a count."""
        return self in (Kind.WHO, Kind.WHEN, Kind.WHERE, Kind.HOW_MANY)

    @property
    def is_fact(self) -> bool:
        """A fact a report states, which another report of its series may state for its own
        period (both are given when the question names no period)."""
        return self in (Kind.WHO, Kind.WHEN, Kind.WHERE, Kind.HOW_MANY, Kind.WHAT, Kind.WHY,
                        Kind.HOW, Kind.OTHER)

    @property
    def about_reports(self) -> bool:
        """Asks about the reports themselves, not what they say: which there are, a summary."""
        return self in (Kind.SUMMARY, Kind.DOCUMENTS)

    @property
    def single(self) -> bool:
        """Answered by one thing, never a list: a person, a date, a count."""
        return self in (Kind.WHO, Kind.WHEN, Kind.HOW_MANY)


class Talk(_Named):
    """A message that is no question about the reports, or the bot's question back
    (Answer.kind of a reply)."""

    EMPTY = "empty"
    UNCLEAR = "unclear"
    GREETING = "greeting"
    THANKS = "thanks"
    HELP = "help"
    ENGLISH = "english"
    CLARIFY = "clarify"  # a follow-up with nothing to refer to, a summary of which report
    NEW = "new"  # "/new" in `ask --conversation`: a fresh conversation


class Outcome(_Named):
    """What became of a question."""

    ANSWERED = "answered"  # from the reports
    DECLINED = "declined"  # the reports do not cover it
    REPLY = "reply"  # the bot's own words: greeting, help, an empty or unclear message
    CLARIFY = "clarify"  # a short question back


class Reason(_Named):
    """Why the bot declined (Answer.reason, `ask --json` "reason")."""

    NO_MATCH = "no_match"  # no paragraph shares a word with the question
    TOO_LITTLE = "too_little"  # the best paragraph holds too little of what the question needs
    UNKNOWN_WORDS = "unknown_words"  # the question turns on words no report uses
    MISSING_NUMBER = "missing_number"  # a number of the question is not in the document
    MISSING_NAME = "missing_name"  # a name of the question is nowhere in the reports
    OTHER_ORGANISATION = "other_organisation"  # no report is of the organisation it names
    NO_NUMBER = "no_number"  # a how-many question, and the answer holds no number
    OTHER_PERIOD = "other_period"  # no report is about the period the question names
    NO_PLACE = "no_place"  # asked where, and the answer names no place
    NO_PERSON = "no_person"  # asked who, and the answer names nobody the question does not
    NOT_SAID = "not_said"  # a yes/no question no sentence confirms or contradicts
    UNSURE = "unsure"  # too little evidence that the sentence answers this question
