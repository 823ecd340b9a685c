"""Answer and Source: what the core says to a question, the contract every front end renders."""

from __future__ import annotations

from dataclasses import dataclass

from .knowledge import Chunk

# What became of a question: answered from the reports, declined (they do not cover it), or
# a reply of the bot's own (greeting, help, an empty or unclear message).
ANSWERED = "answered"
DECLINED = "declined"
REPLY = "reply"


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
    highlight: str | None = None  # a phrase of `text` front ends may bold
    outcome: str = ANSWERED
    reason: str | None = None  # why the bot declined (see verdict.py)

    @property
    def declined(self) -> bool:
        return self.outcome == DECLINED


def cite(chunk: Chunk, score: float) -> Source:
    """Turn a chunk and its score into a citation."""
    doc = chunk.document
    return Source(doc.path, doc.title, doc.date, chunk.paragraph, round(score, 3), chunk.text,
                  chunk.page)
