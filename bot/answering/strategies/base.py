"""What every strategy sees (Context: the question read once, what it needs, the paragraphs
found, the best sentence, all worked out once and only when asked for) and what it is (the
Strategy protocol)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Protocol

from bot.answering import tuning
from bot.answering.draft import Choice, Draft
from bot.answering.entities import Entities, entities_of
from bot.answering.figures import item_of
from bot.answering.items import Item
from bot.answering.needs import Needs, needs_of
from bot.answering.query import Query
from bot.answering.scope import Named, named_in
from bot.answering.sentences import WORDY_KINDS, best_sentence, candidates, no_words, rerank
from bot.answering.when import wanted_in
from bot.knowledge.documents import Document
from bot.knowledge.formats import HEADING
from bot.knowledge.mentions import same_organisation
from bot.language.lexicon import Lexicon
from bot.language.text import fold
from bot.search import terms as vocabulary
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
        """What the question searches for and what an answer must hold; a group's brand
        picks the group's reports, not the sentence (its subsidiaries carry it)."""
        needs = needs_of(self.query, self.lexicon, self.index.__contains__)
        brands = self.named.brands
        dropped = {t for t in needs.weights if brands and vocabulary.syllables(t) <= brands}
        if not dropped or len(dropped) == len(needs.weights):
            return needs
        return replace(needs, weights={t: w for t, w in needs.weights.items() if t not in dropped},
                       required=tuple(n for n in needs.required if n.term not in dropped))

    @cached_property
    def hits(self) -> list[Hit]:
        """The paragraphs found, reordered by their best sentence."""
        within = self.index.mask(self.scope) if self.scope else None
        if self.query.kind in WORDY_KINDS and self.has_tables:
            # Rows of figures that share the question's words ("… từ hoạt động kinh doanh")
            # crowd out the sentence that says what was asked ("hoạt động kinh doanh chính"):
            # searched deeper, they are left out before reranking.
            found = self.index.search(self.needs.weights, tuning.SEARCHED_WORDY, within)
            found = [h for h in found if not no_words(h.chunk)][:tuning.SEARCHED]
            found += self._sections(found)
        else:
            found = self.index.search(self.needs.weights, tuning.SEARCHED, within)
        return rerank(self.needs, found, self.index)

    def _sections(self, found: list[Hit]) -> list[Hit]:
        """The paragraphs under the headings found ("1.2 Ngành nghề kinh doanh": the list of
        trades under it), at their heading's score: a heading that says what was asked
        names the section that answers, though its lines repeat few of the words."""
        seen = {id(h.chunk) for h in found}
        added = []
        for hit in found:
            if hit.chunk.role == HEADING:
                added += [Hit(chunk, hit.score) for chunk in
                          self.index.under(hit.chunk, tuning.SECTION_PARAGRAPHS)
                          if id(chunk) not in seen]
        return added

    @cached_property
    def fitting(self) -> list[Hit]:
        """The hits that may answer (body text of the period asked), best first."""
        return candidates(self.query, self.hits)

    @cached_property
    def best(self) -> Choice | None:
        """The sentence of the fitting hits that answers best, and how clearly it won."""
        return best_sentence(self.query, self.needs, self.fitting, self.index.rarity,
                             self.entities, self.focus)

    @cached_property
    def named(self) -> Named:
        """The organisations of the reports that the question names."""
        return named_in(self.query.cleaned, self.documents, self.query.text, self.index)

    @property
    def scope(self) -> tuple[str, ...] | None:
        """The documents the question is about: those of the organisations it names, else
        those of the organisation of the document a conversation is about; None for all."""
        if self.named.paths:
            return self.named.paths
        focused = next((d for d in self.documents if d.path == self.focus), None)
        if focused is None or focused.identity is None or focused.identity.organisation is None:
            return None
        organisation = focused.identity.organisation
        return tuple(d.path for d in self.documents if d.identity is not None
                     and d.identity.organisation is not None
                     and same_organisation(d.identity.organisation, organisation))

    def in_scope(self, paths: Sequence[str] | None = None) -> list[Document]:
        """The documents of `paths` (by default the question's scope; None: all)."""
        paths = self.scope if paths is None else paths
        if not paths:
            return list(self.documents)
        wanted = set(paths)
        return [d for d in self.documents if d.path in wanted]

    @cached_property
    def item(self) -> Item:
        """What a figure question asks for ("doanh thu thuần"), in folded words."""
        text = self.query.cleaned
        folded = fold(text)
        taken = [w.at for w in wanted_in(text)] + list(self.named.spans)
        for name in self.named.unknown:  # "Masan", a name of no report: no part of the item
            taken += [m.span() for m in re.finditer(rf"\b{re.escape(fold(name).lower())}\b",
                                                    folded)]
        return item_of(text, taken, self.lexicon)

    @cached_property
    def has_tables(self) -> bool:
        """Some report in scope has tables."""
        scope = set(self.scope or ())
        return any(d.tables for d in self.documents if not scope or d.path in scope)

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
