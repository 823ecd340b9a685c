"""Answer and Source: what the core says to a question, the contract every front end renders."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.kinds import Kind, Outcome, Reason, Talk
from bot.knowledge.documents import Chunk


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
    kind: Kind | Talk  # the question kind; for a reply, what the message was (greeting, ...)
    sources: tuple[Source, ...] = ()
    short: str | None = None  # the phrase that answers (a name, a date, "Có"), shown first
    outcome: Outcome = Outcome.ANSWERED
    reason: Reason | None = None  # why the bot declined (see kinds.Reason)
    chart: tuple[tuple[str, float], ...] = ()  # a series to draw: (period, figure), in order
    chart_unit: str | None = None  # the unit of the chart's figures ("tỷ đồng")

    @property
    def declined(self) -> bool:
        return self.outcome == Outcome.DECLINED


def cite(chunk: Chunk, score: float, text: str | None = None) -> Source:
    """Turn a chunk and its score into a citation; `text` is what it shows when asked for
    the source (the paragraph, unless given)."""
    doc = chunk.document
    return Source(doc.path, doc.title, doc.date, chunk.paragraph, round(score, 3),
                  text or chunk.text, chunk.page)
