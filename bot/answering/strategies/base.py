"""What every strategy sees (Context: the question read once, what it needs, the paragraphs
found, the best sentence, all worked out once and only when asked for) and what it is (the
Strategy protocol)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from bot.answering import tuning
from bot.answering.draft import Choice, Draft
from bot.answering.entities import Entities, entities_of
from bot.answering.needs import Needs, needs_of
from bot.answering.query import Query
from bot.answering.sentences import best_sentence, candidates, rerank
from bot.knowledge.documents import Document
from bot.language.lexicon import Lexicon
from bot.search.index import Hit, Index


@dataclass(frozen=True)
class Context:
    """One question against one knowledge: searched only when a strategy asks for it."""

    query: Query
    lexicon: Lexicon
    index: Index
    documents: tuple[Document, ...]
    focus: str | None = None  # the document a conversation is about

    @property
    def titles(self) -> list[str]:
        return [doc.title for doc in self.documents]

    @property
    def entities(self) -> Entities:
        return entities_of(self.lexicon.patterns)

    @cached_property
    def needs(self) -> Needs:
        """What the question searches for and what an answer must hold."""
        return needs_of(self.query, self.lexicon, self.index.__contains__)

    @cached_property
    def hits(self) -> list[Hit]:
        """The paragraphs found, reordered by their best sentence."""
        return rerank(self.needs, self.index.search(self.needs.weights, tuning.SEARCHED),
                      self.index)

    @cached_property
    def fitting(self) -> list[Hit]:
        """The hits that may answer (body text of the period asked), best first."""
        return candidates(self.query, self.hits)

    @cached_property
    def best(self) -> Choice | None:
        """The sentence of the fitting hits that answers best, and how clearly it won."""
        return best_sentence(self.query, self.needs, self.fitting, self.index.rarity,
                             self.entities, self.focus)

    def searched(self) -> bool:
        """Whether the reports were searched for this question."""
        return "hits" in self.__dict__

    def in_focus(self) -> Sequence[Document]:
        """The documents "bài này" may mean: the one in focus, else the only one."""
        focused = [d for d in self.documents if d.path == self.focus]
        return focused or (list(self.documents) if len(self.documents) == 1 else [])


class Strategy(Protocol):
    """A way to answer: whether it applies to the question, and what it proposes (None: the
    next strategy tries)."""

    name: str

    def applies(self, ctx: Context) -> bool: ...

    def propose(self, ctx: Context) -> Draft | None: ...
