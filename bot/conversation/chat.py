"""A question asked within a conversation: made standalone against the last turn, answered
by the pipeline, and the turn to remember for the next one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.answer import Answer
from bot.answering.entities import entities_of
from bot.answering.kinds import Kind, Outcome
from bot.answering.pipeline import QA, Trace
from bot.conversation.follow import Followed, follow, turn_of
from bot.conversation.state import Turn
from bot.conversation.subject import subject_of
from bot.language.text import normalize


@dataclass(frozen=True)
class Exchange:
    """A question's answer (with every step that made it) and what the conversation keeps."""

    trace: Trace
    turn: Turn | None

    @property
    def answer(self) -> Answer:
        return self.trace.answer


def ask(qa: QA, question: str, turn: Turn | None = None) -> Exchange:
    """Answer a question of a conversation whose last turn is `turn` (None: a new one)."""
    if not normalize(question):
        return Exchange(qa.trace(question), turn)
    query = qa.read(question)
    followed = follow(query, turn, qa.lexicon)
    same = followed.question == query.text
    trace = qa.trace(followed.question, followed.document, followed.unclear,
                     query if same else None)
    return Exchange(trace, next_turn(qa, trace, followed, turn))


def next_turn(qa: QA, trace: Trace, followed: Followed, turn: Turn | None) -> Turn | None:
    """What to remember after an answer: the question as understood, the document it was
    answered from, who it was about."""
    answer, query = trace.answer, trace.query
    subject = turn.subject if turn else None
    if query is None or answer.outcome in (Outcome.REPLY, Outcome.CLARIFY):
        return turn
    if answer.kind == Kind.DOCUMENTS:
        return turn
    if query.kind == Kind.SUMMARY:
        return Turn(query.text, "", answer.sources[0].document, subject) if answer.found else turn
    if answer.declined:
        return turn_of(query, followed.document, subject, followed.topic)
    about = subject_of(query, trace.draft, entities_of(qa.lexicon.patterns)) or subject
    return turn_of(query, answer.sources[0].document, about, followed.topic)
