"""One index seen through a scope: the chunks of some documents only.

A scope costs a mask over the rows (one byte a chunk) and the set of its document paths; the
arrays, the chunks and the spelling lists stay the shared index's. Every way the answering
reads an index (search, scores, masks, term look-ups, spelling, a document's terms, a table's
rows) is narrowed to the scope's documents, so nothing outside it can be found, named or
offered as a correction. Scores keep the whole index's idf: a scope changes which chunks may
win, not how words weigh.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from bot.knowledge.documents import Chunk
from bot.search import terms as vocabulary
from bot.search import tuning
from bot.search.index import Hit, Index
from bot.search.spelling import Spelling


class ScopedIndex:
    """An Index narrowed to the chunks of `documents` (paths); what it does not narrow it
    hands to the shared index."""

    def __init__(self, base: Index, documents: Iterable[str]) -> None:
        self.base = base
        self.documents = frozenset(documents)
        self.keep = base.mask(self.documents)
        self._spelling: Spelling | None = None

    def __getattr__(self, name: str):
        # chunks, order, idf, k1, b, rarity, max_rarity, ...: the shared index's own
        return getattr(self.base, name)

    def __contains__(self, term: str) -> bool:
        return self.frequency(term) > 0

    def frequency(self, term: str) -> int:
        """How many chunks of the scope use the term."""
        rows = self.base.rows_of(term)
        return int(np.count_nonzero(self.keep[rows])) if len(rows) else 0

    def correct(self, word: str) -> str | None:
        """The closest word the scope's documents use (never one only others use)."""
        if self._spelling is None:
            self._spelling = self.base.spelling.within(
                lambda known: self.frequency(vocabulary.folded(known)))
        return self._spelling.correct(word, vocabulary.folded(word) in self)

    def in_document(self, term: str, document: str) -> bool:
        return document in self.documents and self.base.in_document(term, document)

    def number_in_document(self, number: str, document: str) -> bool:
        return self.in_document(vocabulary.number(number), document)

    def row_chunk(self, document: str, table: int, row: int) -> Chunk | None:
        if document not in self.documents:
            return None
        return self.base.row_chunk(document, table, row)

    def mask(self, documents: Iterable[str] | None = None, tables_only: bool = False
             ) -> np.ndarray:
        return self.base.mask(documents, tables_only) & self.keep

    def scores(self, query: dict[str, float]) -> np.ndarray:
        return np.where(self.keep, self.base.scores(query), 0.0)

    def search(self, query: dict[str, float], top_k: int = tuning.TOP_K,
               within: np.ndarray | None = None) -> list[Hit]:
        """The shared index's search, the scope's mask applied before the top hits are taken."""
        return self.base.search(query, top_k, self.keep if within is None else within & self.keep)
