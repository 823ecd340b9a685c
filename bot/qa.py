"""The one entry point of the core: QA.answer(question) -> Answer."""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import replace
from pathlib import Path

from . import replies
from .cache import IndexCache, Progress, Snapshot
from .composer import Answer, compose, rerank
from .index import Hit, Index
from .knowledge import Chunk, Knowledge, folder_stamp, load_knowledge, require_documents
from .question import Query, analyze
from .text import Lexicon, fold, load_lexicon, normalize

TOP_K = 5  # paragraphs the composer reads
SEARCHED = 10  # paragraphs BM25 returns for reranking
logger = logging.getLogger(__name__)


class QA:
    """Answers questions from one loaded knowledge folder; build a new one to reload."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon | None = None,
                 index: Index | None = None) -> None:
        self.knowledge = require_documents(knowledge)
        self.lexicon = lexicon or load_lexicon()
        self.index = index or Index(knowledge.chunks)

    @classmethod
    def from_folder(cls, root: str | Path, previous: Knowledge | None = None,
                    cache: IndexCache | None = None, progress: Progress | None = None) -> QA:
        """Load a knowledge folder (reusing unchanged documents of `previous`, and terms and
        index from `cache`); KnowledgeError says what is wrong with it."""
        if cache is None:
            return cls(load_knowledge(root, previous))
        files = folder_stamp(root)
        snapshot = cache.load_snapshot()
        if snapshot and snapshot.files == files:
            for skipped in snapshot.knowledge.skipped:
                logger.warning("Skipped %s: %s", skipped.path, skipped.reason)
            return cls(snapshot.knowledge, index=snapshot.index)
        knowledge = require_documents(load_knowledge(root, previous))
        chunks = knowledge.chunks
        content = content_signature(chunks)
        if snapshot and snapshot.content == content:
            index = snapshot.index
        else:
            corpus = cache.terms([(c.document.title, c.text) for c in chunks], progress)
            index = Index(chunks, corpus=corpus)
        cache.save_snapshot(Snapshot(files, content, knowledge, index))
        return cls(knowledge, index=index)

    @property
    def titles(self) -> list[str]:
        return [doc.title for doc in self.knowledge.documents]

    def analyze(self, question: str) -> Query:
        """Read a question with this QA's word lists."""
        return analyze(question, self.lexicon, self.index.__contains__)

    def _spellchecked(self, query: Query) -> Query:
        """Replace words the knowledge never uses by the closest word it does ('Fraklin')."""
        text = query.text
        for word in dict.fromkeys(query.content):
            fix = self.index.correct(fold(word))
            if fix:
                text = re.sub(rf"\b{re.escape(word)}\b", _same_case(fix), text,
                              flags=re.IGNORECASE)
        if text == query.text:
            return query
        return replace(self.analyze(text), text=query.text)

    def answer(self, question: str) -> Answer:
        """Answer one question; never raises for any text a user can type."""
        return self.answer_with_hits(question)[0]

    def answer_with_hits(self, question: str) -> tuple[Answer, list[Hit]]:
        """Answer one question and return the paragraphs searched (none for small talk)."""
        if not normalize(question):
            return Answer(question, False, replies.empty(), "empty"), []
        query = self.analyze(question)
        if query.smalltalk == "greeting":
            return Answer(query.text, False, replies.greeting(self.titles), "greeting"), []
        if query.smalltalk == "thanks":
            return Answer(query.text, False, replies.thanks(), "thanks"), []
        if query.smalltalk == "help":
            return Answer(query.text, False, replies.help_text(self.titles), "help"), []
        if query.language == "en":
            return Answer(query.text, False, replies.english(), "english"), []
        if not query.content and query.about is None:
            return Answer(query.text, False, replies.unclear(), "unclear"), []
        query = self._spellchecked(query)
        hits = rerank(query, self.index.search(query.weights, SEARCHED), self.index)[:TOP_K]
        return compose(query, hits, self.index, self.knowledge.documents), hits


def content_signature(chunks: list[Chunk]) -> str:
    """Return a key of everything the index is built from."""
    digest = hashlib.sha1()
    for c in chunks:
        doc = c.document
        digest.update("\x00".join([doc.path, doc.title, doc.date or "", str(c.page),
                                    str(c.paragraph), c.text, "\x01"]).encode("utf-8"))
    return digest.hexdigest()


def _same_case(word: str):
    """Return a re.sub replacement that keeps the replaced word's capital letter."""
    return lambda m: word.capitalize() if m.group(0)[:1].isupper() else word
