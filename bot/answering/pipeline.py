"""The answer pipeline, and only that: a standalone question read once into a Query, the
strategies' draft, the verdict on it, and the Answer made of both (here, and only here).

    QA(knowledge).answer("Ai chủ trì hội nghị?") -> Answer
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.answering import replies, tuning
from bot.answering.answer import Answer, cite
from bot.answering.draft import Draft
from bot.answering.kinds import Outcome, Reason, Talk
from bot.answering.needs import Needs
from bot.answering.query import Query, read
from bot.answering.scope import known_organisations
from bot.answering.strategies.base import Context
from bot.answering.strategies.registry import propose
from bot.answering.verdict import Verdict, judge
from bot.knowledge.documents import Knowledge, require_documents
from bot.knowledge.folder import load_knowledge
from bot.language.lexicon import Lexicon, load_lexicon
from bot.language.text import normalize
from bot.search.index import Hit, Index


@dataclass(frozen=True)
class Trace:
    """An answer with every step that made it (for evaluation, debugging and the
    conversation that remembers what it was about)."""

    answer: Answer
    query: Query | None = None
    needs: Needs | None = None
    hits: tuple[Hit, ...] = ()
    draft: Draft | None = None
    verdict: Verdict | None = None


class QA:
    """Answers standalone questions from one loaded knowledge folder; build a new one to
    reload. Follow-ups are made standalone first (bot/conversation)."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon | None = None,
                 index: Index | None = None, today: Callable[[], date] = date.today) -> None:
        self.knowledge = require_documents(knowledge)
        self.lexicon = lexicon or load_lexicon()
        self.index = index or Index(knowledge.chunks)
        self.today = today  # "năm nay" in a question is this year

    @classmethod
    def from_folder(cls, root: str | Path) -> QA:
        """Load a knowledge folder and index it (no cache: see serving.library.load_qa)."""
        return cls(load_knowledge(root))

    @property
    def titles(self) -> list[str]:
        return [doc.title for doc in self.knowledge.documents]

    def read(self, question: str) -> Query:
        """Read a question with this QA's word lists, spelling checked against its reports."""
        return read(question, self.lexicon, self.index, self.today())

    def answer(self, question: str, focus: str | None = None) -> Answer:
        """Answer one standalone question (`focus`: the document a conversation is about).
        Never raises for any text."""
        return self.trace(question, focus).answer

    def answer_with_hits(self, question: str) -> tuple[Answer, list[Hit]]:
        """Answer one question and return the paragraphs searched (none for small talk)."""
        traced = self.trace(question)
        return traced.answer, list(traced.hits)

    def trace(self, question: str, focus: str | None = None, unclear: str | None = None,
              query: Query | None = None) -> Trace:
        """Answer one question, keeping every step: how it was read, searched and judged.
        `unclear`: what a follow-up points to that nothing before it says (the bot asks
        back); `query`: the question already read."""
        if not normalize(question):
            return self._reply(question, Draft(replies.empty(), Talk.EMPTY, talk=True))
        if unclear:
            return self._reply(normalize(question),
                               Draft(replies.clarify(unclear), Talk.CLARIFY, clarify=True))
        query = query or self.read(question)
        ctx = Context(query, self.lexicon, self.index, self.knowledge.documents, focus)
        draft = propose(ctx)
        verdict = judge(ctx, draft)
        answer = self.answer_of(query.text, query, draft, verdict)
        if not ctx.searched():
            return Trace(answer, query, draft=draft, verdict=verdict)
        return Trace(answer, query, ctx.needs, tuple(ctx.hits[:tuning.READ]), draft, verdict)

    def reply(self, question: str, kind: Talk, text: str) -> Answer:
        """The bot's own words to a message that is no question (a front end's command)."""
        return self._reply(question, Draft(text, kind, talk=True)).answer

    def _reply(self, question: str, draft: Draft) -> Trace:
        verdict = Verdict(Outcome.CLARIFY if draft.clarify else Outcome.REPLY)
        return Trace(self.answer_of(question, None, draft, verdict), draft=draft,
                     verdict=verdict)

    def answer_of(self, question: str, query: Query | None, draft: Draft | None,
                  verdict: Verdict) -> Answer:
        """The Answer a verdict makes of a draft: the only place an Answer is built."""
        if verdict.outcome == Outcome.DECLINED:
            text = replies.not_found(self.titles)
            if verdict.reason == Reason.OTHER_ORGANISATION:
                text = replies.no_report_of(verdict.names,
                                            known_organisations(self.knowledge.documents))
            return Answer(question, False, text, query.kind, outcome=Outcome.DECLINED,
                          reason=verdict.reason)
        if verdict.outcome in (Outcome.REPLY, Outcome.CLARIFY):
            return Answer(question, False, draft.text, draft.kind, outcome=verdict.outcome)
        text, sources = draft.text, ()
        if draft.chunk is not None:
            sources = (cite(draft.chunk, draft.score, draft.source_text),)
        if draft.also is not None:
            sentence, chunk = draft.also
            text += "\n" + replies.also_in(chunk.document.title, chunk.document.date, sentence)
            sources += (cite(chunk, 0.0),)
        sources += tuple(cite(chunk, 0.0) for chunk in draft.also_cited)
        return Answer(question, True, text, draft.kind, sources, draft.short,
                      chart=tuple((period, float(value)) for period, value in draft.chart),
                      chart_unit=draft.chart_unit)
