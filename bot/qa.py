"""The one entry point of the core: QA.answer(question) -> Answer."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from . import replies
from .composer import Answer, compose
from .index import Hit, Index
from .knowledge import Knowledge, load_knowledge, require_documents
from .question import Query, analyze
from .text import Lexicon, fold, load_lexicon, normalize

TOP_K = 5


class QA:
    """Answers questions from one loaded knowledge folder; build a new one to reload."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon | None = None) -> None:
        self.knowledge = require_documents(knowledge)
        self.lexicon = lexicon or load_lexicon()
        self.index = Index(knowledge.chunks)

    @classmethod
    def from_folder(cls, root: str | Path, previous: Knowledge | None = None) -> QA:
        """Load a knowledge folder (reusing unchanged documents of `previous`);
        KnowledgeError says what is wrong with it."""
        return cls(load_knowledge(root, previous))

    @property
    def titles(self) -> list[str]:
        return [doc.title for doc in self.knowledge.documents]

    def analyze(self, question: str) -> Query:
        """Read a question with this QA's word lists."""
        return analyze(question, self.lexicon)

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
        hits = self.index.search(query.weights, TOP_K)
        return compose(query, hits, self.index, self.knowledge.documents), hits


def _same_case(word: str):
    """Return a re.sub replacement that keeps the replaced word's capital letter."""
    return lambda m: word.capitalize() if m.group(0)[:1].isupper() else word
