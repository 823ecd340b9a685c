"""Answer and Source: what the core says to a question, the contract every front end renders."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.follow import Turn
from bot.knowledge.documents import Chunk

# What became of a question: answered from the reports, declined (they do not cover it), or
# a reply of the bot's own (greeting, help, an empty or unclear message).
ANSWERED = "answered"
DECLINED = "declined"
REPLY = "reply"
CLARIFY = "clarify"  # a short question back: the follow-up points to nothing said before


@dataclass(frozen=True)
class Source:
    """Where an answer comes from: document, paragraph as the file shows it, and score."""

    document: str
    title: str
    date: str | None
    paragraph: int
    score: float
    text: str  # the whole cited paragraph
    page: int | None = None  # PDF page; `paragraph` then counts on that page


@dataclass(frozen=True)
class Answer:
    """What the bot says to a question; front ends render it, it holds no markup."""

    question: str
    found: bool
    text: str
    kind: str  # the question kind; for a reply, what the message was (greeting, help, ...)
    sources: tuple[Source, ...] = ()
    short: str | None = None  # the phrase that answers (a name, a date, "Có"), shown first
    outcome: str = ANSWERED
    reason: str | None = None  # why the bot declined (see verdict.py)
    turn: Turn | None = None  # what the conversation remembers for a follow-up

    @property
    def declined(self) -> bool:
        return self.outcome == DECLINED


def cite(chunk: Chunk, score: float, text: str | None = None) -> Source:
    """Turn a chunk and its score into a citation; `text` is what it shows when asked for
    the source (the paragraph, unless given)."""
    doc = chunk.document
    return Source(doc.path, doc.title, doc.date, chunk.paragraph, round(score, 3),
                  text or chunk.text, chunk.page)
