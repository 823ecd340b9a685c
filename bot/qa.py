"""The one entry point of the core: QA.answer(question) -> Answer."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from . import replies
from .composer import Answer, compose
from .index import Hit, Index
from .knowledge import Knowledge, KnowledgeError, load_knowledge
from .question import Query, analyze
from .text import Lexicon, fold, load_lexicon, normalize

TOP_K = 5


class QA:
    """Answers questions from one loaded knowledge folder; build a new one to reload."""

    def __init__(self, knowledge: Knowledge, lexicon: Lexicon | None = None) -> None:
        if not knowledge.documents:
            raise KnowledgeError(_nothing_usable(knowledge))
        self.knowledge = knowledge
        self.lexicon = lexicon or load_lexicon()
        self.index = Index(knowledge.chunks)

    @classmethod
    def from_folder(cls, root: str | Path) -> QA:
        """Load a knowledge folder; KnowledgeError says what is wrong with it."""
        return cls(load_knowledge(root))

    @property
    def titles(self) -> list[str]:
        return [doc.title for doc in self.knowledge.documents]

    def analyze(self, question: str) -> Query:
        """Read a question with this QA's word lists."""
        return analyze(question, self.lexicon)

    def search(self, question: str, top_k: int = TOP_K) -> list[Hit]:
        """Return the best paragraphs for a question."""
        query = self._spellchecked(self.analyze(question))
        return self.index.search(query.weights, top_k)

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
        if not normalize(question):
            return Answer(question, False, replies.empty(), "empty")
        query = self.analyze(question)
        if query.smalltalk == "greeting":
            return Answer(query.text, False, replies.greeting(self.titles), "greeting")
        if query.smalltalk == "thanks":
            return Answer(query.text, False, replies.thanks(), "thanks")
        if query.smalltalk == "help":
            return Answer(query.text, False, replies.help_text(self.titles), "help")
        if query.language == "en":
            return Answer(query.text, False, replies.english(), "english")
        if not query.content and query.about is None:
            return Answer(query.text, False, replies.unclear(), "unclear")
        query = self._spellchecked(query)
        hits = self.index.search(query.weights, TOP_K)
        return compose(query, hits, self.index, self.knowledge.documents)


def _same_case(word: str):
    """Return a re.sub replacement that keeps the replaced word's capital letter."""
    return lambda m: word.capitalize() if m.group(0)[:1].isupper() else word


def _nothing_usable(knowledge: Knowledge) -> str:
    if not knowledge.skipped:
        return (f"knowledge folder {knowledge.root!r} has no .txt or .md reports: "
                "add some, or pass --knowledge DIR")
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in knowledge.skipped)
    return f"knowledge folder {knowledge.root!r} has no usable report ({reasons})"
