"""The answer pipeline, and only that: QA.answer(question, turn=None) -> Answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.answering import replies, shorts, summary, tuning
from bot.answering.answer import CLARIFY, DECLINED, REPLY, Answer, cite
from bot.answering.choice import Draft, rerank
from bot.answering.composer import compose
from bot.answering.needs import Needs, needs_of
from bot.answering.query import Query, read
from bot.answering.verdict import Verdict, judge
from bot.conversation.follow import Turn, follow, turn_of
from bot.knowledge.documents import Chunk, Knowledge, chunks_of, require_documents
from bot.knowledge.folder import load_knowledge
from bot.language.lexicon import Lexicon, load_lexicon
from bot.language.text import normalize
from bot.search.index import Hit, Index

SERIES_KINDS = ("who", "when", "where", "how_many", "what", "why", "how", "other")  # facts


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

    def answer(self, question: str, turn: Turn | None = None) -> Answer:
        """Answer one question (a follow-up of `turn`, the conversation's last); the answer
        carries the turn to pass with the next question. Never raises for any text."""
        return self.trace(question, turn).answer

    def answer_with_hits(self, question: str) -> tuple[Answer, list[Hit]]:
        """Answer one question and return the paragraphs searched (none for small talk)."""
        traced = self.trace(question)
        return traced.answer, list(traced.hits)

    def trace(self, question: str, turn: Turn | None = None) -> Trace:
        """Answer one question, keeping every step: how it was read, searched and judged."""
        if not normalize(question):
            return Trace(_reply(question, "empty", replies.empty(), turn))
        followed = follow(question, turn, self.lexicon)
        if followed.unclear:
            return Trace(_reply(followed.question, "clarify", replies.clarify(followed.unclear),
                                turn, CLARIFY))
        query = self.read(followed.question)
        reply = self._smalltalk(query, turn)
        if reply is not None:
            return Trace(reply, query)
        if query.kind == "documents":
            return Trace(self._documents(query, turn), query)
        if query.kind == "summary":
            return Trace(self._summary(query, followed.document, turn), query)
        return self._search(query, followed.document, turn, followed.topic)

    def _search(self, query: Query, focus: str | None, turn: Turn | None,
                topic: str | None = None) -> Trace:
        """Search the reports, compose an answer and judge it."""
        needs = needs_of(query, self.lexicon, self.index.__contains__)
        hits = rerank(needs, self.index.search(needs.weights, tuning.SEARCHED), self.index)
        draft = compose(query, needs, hits, self.index, self.knowledge.documents, focus)
        verdict = judge(query, needs, draft, self.index)
        if not verdict.answer:
            answer = Answer(query.text, False, replies.not_found(self.titles), query.kind,
                            outcome=DECLINED, reason=verdict.reason,
                            turn=turn_of(query, focus, turn.subject if turn else None, topic))
        else:
            subject = shorts.subject_of(query, draft) or (turn.subject if turn else None)
            text, sources = draft.text, (cite(draft.chunk, draft.score, draft.source_text),)
            rival = _same_series(query, draft, focus)
            if rival is not None:
                sentence, chunk = rival
                text += "\n" + replies.also_in(chunk.document.title, chunk.document.date,
                                                sentence)
                sources += (cite(chunk, 0.0),)
            answer = Answer(query.text, True, text, draft.kind, sources, draft.short,
                            turn=turn_of(query, draft.chunk.document.path, subject, topic))
        return Trace(answer, query, needs, tuple(hits[:tuning.READ]), draft, verdict)

    def _summary(self, query: Query, focus: str | None, turn: Turn | None) -> Answer:
        """Summarize the report the question names, or the one in focus, or the only one."""
        documents = self.knowledge.documents
        doc = (summary.named_document(query, documents, self.lexicon)
               or summary.document_of_period(query, documents)
               or next((d for d in documents if d.path == focus), None)
               or (documents[0] if len(documents) == 1 else None))
        if doc is None:
            return _reply(query.text, "clarify", replies.which_document(self.titles), turn,
                          CLARIFY)
        text, used = summary.summarize(doc, self.index.rarity, self.lexicon)
        if not text:
            return Answer(query.text, False, replies.not_found(self.titles), "summary",
                          outcome=DECLINED, reason="no_match", turn=turn)
        first = chunks_of([doc])[used[0]]
        shown = "\n\n".join(doc.paragraphs[:tuning.SOURCE_PARAGRAPHS])
        return Answer(query.text, True, text, "summary", (cite(first, 0.0, shown),),
                      turn=Turn(query.text, "", doc.path, turn.subject if turn else None))

    def _documents(self, query: Query, turn: Turn | None) -> Answer:
        """List the reports with their dates and a line of each."""
        rows = [(d.title, d.date, summary.gist(d)) for d in self.knowledge.documents]
        return Answer(query.text, True, replies.documents_list(rows), "documents", turn=turn)

    def _smalltalk(self, query: Query, turn: Turn | None) -> Answer | None:
        """The bot's own reply to a greeting, thanks, help, English, or no question at all."""
        if query.smalltalk == "greeting":
            return _reply(query.text, "greeting", replies.greeting(self.titles), turn)
        if query.smalltalk == "thanks":
            return _reply(query.text, "thanks", replies.thanks(), turn)
        if query.smalltalk == "help":
            return _reply(query.text, "help", replies.help_text(self.titles), turn)
        if query.language == "en":
            return _reply(query.text, "english", replies.english(), turn)
        if not query.content and query.about is None and query.kind != "documents":
            return _reply(query.text, "unclear", replies.unclear(), turn)
        return None


def _same_series(query: Query, draft: Draft, focus: str | None) -> tuple[str, Chunk] | None:
    """The sentence another report of the same kind, about another period, says the same
    fact with, when the question names no period and no report is in focus."""
    if (query.periods or focus or draft.rival is None or draft.margin >= tuning.SERIES_MARGIN
            or draft.kind not in SERIES_KINDS):
        return None
    mine, theirs = draft.chunk.document.period, draft.rival[1].document.period
    return draft.rival if mine is not None and theirs is not None and mine != theirs else None


def _reply(question: str, kind: str, text: str, turn: Turn | None,
           outcome: str = REPLY) -> Answer:
    return Answer(question, False, text, kind, outcome=outcome, turn=turn)
