"""The answer pipeline, and only that: QA.answer(question) -> Answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import replies, tuning
from .answer import DECLINED, REPLY, Answer, cite
from .composer import Draft, compose, rerank
from .index import Hit, Index
from .knowledge import Knowledge, load_knowledge, require_documents
from .language import Lexicon, load_lexicon
from .needs import Needs, needs_of
from .question import Query, read
from .text import normalize
from .verdict import Verdict, judge


@dataclass(frozen=True)
class Trace:
    """An answer with every step that made it (for evaluation and debugging)."""

    answer: Answer
    query: Query | None = None
    needs: Needs | None = None
    hits: tuple[Hit, ...] = ()
    draft: Draft | None = None
    verdict: Verdict | None = None


class QA:
    """Answers questions from one loaded knowledge folder; build a new one to reload."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon | None = None,
                 index: Index | None = None, today: Callable[[], date] = date.today) -> None:
        self.knowledge = require_documents(knowledge)
        self.lexicon = lexicon or load_lexicon()
        self.index = index or Index(knowledge.chunks)
        self.today = today  # "năm nay" in a question is this year

    @classmethod
    def from_folder(cls, root: str | Path) -> QA:
        """Load a knowledge folder and index it (no cache: see library.load_qa)."""
        return cls(load_knowledge(root))

    @property
    def titles(self) -> list[str]:
        return [doc.title for doc in self.knowledge.documents]

    def read(self, question: str) -> Query:
        """Read a question with this QA's word lists, spelling checked against its reports."""
        return read(question, self.lexicon, self.index, self.today())

    def answer(self, question: str) -> Answer:
        """Answer one question; never raises for any text a user can type."""
        return self.answer_with_hits(question)[0]

    def answer_with_hits(self, question: str) -> tuple[Answer, list[Hit]]:
        """Answer one question and return the paragraphs searched (none for small talk)."""
        traced = self.trace(question)
        return traced.answer, list(traced.hits)

    def trace(self, question: str) -> Trace:
        """Answer one question, keeping every step: how it was read, searched and judged."""
        if not normalize(question):
            return Trace(self._reply(question, "empty", replies.empty()))
        query = self.read(question)
        reply = self._smalltalk(query)
        if reply is not None:
            return Trace(reply, query)
        needs = needs_of(query, self.lexicon, self.index.__contains__)
        hits = rerank(needs, self.index.search(needs.weights, tuning.SEARCHED), self.index)
        draft = compose(query, needs, hits, self.index, self.knowledge.documents)
        verdict = judge(query, needs, draft, self.index)
        if not verdict.answer:
            answer = Answer(query.text, False, replies.not_found(self.titles), query.kind,
                            outcome=DECLINED, reason=verdict.reason)
        else:
            answer = Answer(query.text, True, draft.text, draft.kind,
                            (cite(draft.chunk, draft.score),), draft.highlight)
        return Trace(answer, query, needs, tuple(hits[:tuning.READ]), draft, verdict)

    def _smalltalk(self, query: Query) -> Answer | None:
        """The bot's own reply to a greeting, thanks, help, English, or no question at all."""
        if query.smalltalk == "greeting":
            return self._reply(query.text, "greeting", replies.greeting(self.titles))
        if query.smalltalk == "thanks":
            return self._reply(query.text, "thanks", replies.thanks())
        if query.smalltalk == "help":
            return self._reply(query.text, "help", replies.help_text(self.titles))
        if query.language == "en":
            return self._reply(query.text, "english", replies.english())
        if not query.content and query.about is None:
            return self._reply(query.text, "unclear", replies.unclear())
        return None

    @staticmethod
    def _reply(question: str, kind: str, text: str) -> Answer:
        return Answer(question, False, text, kind, outcome=REPLY)
