"""BM25 search over paragraph chunks: an index's arrays (postings.py), scored by
scoring.py, with what answering asks of them (term frequencies, rarity, spelling, masks)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.documents import Chunk
from bot.search import terms as vocabulary
from bot.search import tuning
from bot.search.postings import Postings, count_terms, key, postings_of
from bot.search.scoring import Query, Scorer, okapi_idf
from bot.search.spelling import Spelling

COLUMN_CACHE = 1 << 16  # terms whose columns an index remembers: questions repeat their words


@dataclass(frozen=True)
class Hit:
    """A chunk and its BM25 score for one query."""

    chunk: Chunk
    score: float


class Index:
    """Searchable chunks: build once, then `search` many times."""

    def __init__(self, chunks: list[Chunk], *, k1: float = tuning.K1, b: float = tuning.B,
                 corpus: Iterable[Sequence[str]] | None = None,
                 postings: Postings | None = None, order: np.ndarray | None = None) -> None:
        """Index the chunks: from their terms (`corpus`, else tokenized here) or from arrays
        already built (`postings`, from the cache or a rebuild). `order` gives each row's
        place in document order, which breaks ties between equal scores."""
        if not chunks:
            raise ValueError("an index needs at least one chunk; the knowledge folder has no text")
        self.chunks = list(chunks)
        if postings is None:
            if corpus is None:
                corpus = (vocabulary.chunk_terms(*c.context, c.text) for c in self.chunks)
            postings = postings_of([count_terms(corpus)])
        if len(postings.lengths) != len(self.chunks):
            raise ValueError(f"the index has {len(postings.lengths)} rows for "
                             f"{len(self.chunks)} chunks")
        self.postings = postings
        # Plain arrays over the cache's memory maps: no memmap wrapping on every lookup.
        self._keys = np.asarray(postings.keys)
        self._indptr = np.asarray(postings.indptr)
        self._rows = np.asarray(postings.rows)
        self._tfs = np.asarray(postings.tfs)
        self._columns: dict[str, int] = {}  # terms looked up lately
        self._rarities: dict[str, float] = {}  # their rarity (see rarity)
        self.k1, self.b = k1, b
        self.document_counts = np.diff(postings.indptr)
        self.idf = okapi_idf(self.document_counts, len(self.chunks), tuning.EPSILON)
        self.scorer = Scorer(self._indptr, self._rows, self._tfs, postings.lengths, self.idf,
                             k1, b)
        self.avgdl = self.scorer.avgdl
        self._spans = _spans(self.chunks)
        self._spellings: Spelling | None = None
        self._table_rows: np.ndarray | None = None  # which chunks are rows of tables
        self._row_chunks: dict[tuple[str, int, int], Chunk] | None = None
        self._places: dict[int, int] | None = None  # a chunk's place in `chunks`, by id
        self.order = np.arange(len(self.chunks)) if order is None else order

    def column(self, term: str) -> int:
        """The term's column, or -1 when no chunk uses it."""
        found = self._columns.get(term)
        if found is None:
            wanted = np.uint64(key(term))  # as uint64: a Python int would compare as a float
            at = int(self._keys.searchsorted(wanted))
            found = at if at < len(self._keys) and self._keys[at] == wanted else -1
            if len(self._columns) >= COLUMN_CACHE:
                self._columns.clear()
            self._columns[term] = found
        return found

    def __contains__(self, term: str) -> bool:
        return self.column(term) >= 0

    def frequency(self, term: str) -> int:
        """How many chunks use the term."""
        column = self.column(term)
        return int(self.document_counts[column]) if column >= 0 else 0

    def rarity(self, term: str) -> float:
        """Return an always-positive idf, log(1 + (N - n + 0.5) / (n + 0.5)), for weighing
        overlaps: unlike BM25Okapi's, it never gives a word in half the chunks zero."""
        found = self._rarities.get(term)
        if found is None:  # each sentence of ten paragraphs weighs the same few terms
            n = self.frequency(term)
            found = math.log(1 + (len(self.chunks) - n + 0.5) / (n + 0.5))
            if len(self._rarities) >= COLUMN_CACHE:
                self._rarities.clear()
            self._rarities[term] = found
        return found

    @property
    def max_rarity(self) -> float:
        """The rarity of a term found in exactly one chunk."""
        return math.log(1 + (len(self.chunks) - 0.5) / 1.5)

    @property
    def spelling(self) -> Spelling:
        """The folded words the chunks use, for correcting unknown ones (built when first
        needed)."""
        if self._spellings is None:
            self._spellings = Spelling(self.postings.spellings,
                                       lambda known: self.frequency(vocabulary.folded(known)))
        return self._spellings

    def correct(self, word: str) -> str | None:
        """Return the known folded word closest to an unknown one ('fraklin' -> 'franklin');
        see spelling.Spelling."""
        return self.spelling.correct(word, vocabulary.folded(word) in self)

    def rows_of(self, term: str) -> np.ndarray:
        """The chunks (rows, ascending) that use the term."""
        column = self.column(term)
        if column < 0:
            return self._rows[:0]
        return self._rows[self._indptr[column]:self._indptr[column + 1]]

    def span(self, document: str) -> tuple[int, int] | None:
        """The rows (first, end) of a document's chunks, by path; None when it has none."""
        return self._spans.get(document)

    def in_document(self, term: str, document: str) -> bool:
        """Tell whether the document (by path) holds the term in one of its paragraphs."""
        column, span = self.column(term), self._spans.get(document)
        if column < 0 or span is None:
            return False
        rows = self._rows[self._indptr[column]:self._indptr[column + 1]]
        at = int(rows.searchsorted(span[0]))
        return at < len(rows) and rows[at] < span[1]

    def number_in_document(self, number: str, document: str) -> bool:
        """Tell whether the document (by path) holds the number ('2021', '17,12')."""
        return self.in_document(vocabulary.number(number), document)

    def under(self, heading: Chunk, most: int) -> list[Chunk]:
        """The first `most` paragraphs that stand under a heading paragraph, in order."""
        if self._places is None:
            self._places = {id(c): i for i, c in enumerate(self.chunks)}
        at = self._places.get(id(heading))
        if at is None:
            return []
        found = []
        for chunk in self.chunks[at + 1:at + 1 + most]:
            if chunk.document is not heading.document or chunk.heading != heading.text:
                break
            found.append(chunk)
        return found

    def row_chunk(self, document: str, table: int, row: int) -> Chunk | None:
        """The chunk of a table's row (by document path, table and row index)."""
        if self._row_chunks is None:
            self._row_chunks = {(c.document.path, c.table, c.row): c for c in self.chunks
                                if c.table is not None}
        return self._row_chunks.get((document, table, row))

    def mask(self, documents: Iterable[str] | None = None, tables_only: bool = False
             ) -> np.ndarray:
        """A mask over the chunks: those of the documents named (by path; all when None),
        and of them only the rows of tables when `tables_only`."""
        if documents is None:
            keep = np.ones(len(self.chunks), dtype=bool)
        else:
            keep = np.zeros(len(self.chunks), dtype=bool)
            for path in documents:
                first, end = self._spans.get(path, (0, 0))
                keep[first:end] = True
        if tables_only:
            if self._table_rows is None:
                self._table_rows = np.array([c.table is not None for c in self.chunks],
                                            dtype=bool)
            keep &= self._table_rows
        return keep

    def scores(self, query: dict[str, float]) -> np.ndarray:
        """Return the weighted BM25 score of every chunk: the sum over the query's terms of
        weight * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avgdl))."""
        return self.scorer.scores(self._query(query))

    def search(self, query: dict[str, float], top_k: int = tuning.TOP_K,
               within: np.ndarray | None = None) -> list[Hit]:
        """Return the top_k chunks with a positive score, best first; of chunks with the same
        score, the earlier in document order first. `within` (a mask over the chunks, see
        `mask`) keeps the search to some of them."""
        if top_k <= 0:
            raise ValueError(f"top_k must be > 0, got {top_k}")
        positive, scores = self.scorer.best(self._query(query), top_k, within)
        if len(positive) > top_k:
            # The k-th best score, then every chunk at least as good: ties at the k-th are all
            # kept, so that the order below decides among them as a full sort would.
            kth = -np.partition(-scores, top_k - 1)[top_k - 1]
            keep = scores >= kth
            positive, scores = positive[keep], scores[keep]
        place = self.order[positive]
        best = sorted(range(len(positive)), key=lambda i: (-scores[i], place[i]))[:top_k]
        return [Hit(self.chunks[positive[i]], float(scores[i])) for i in best]

    def _query(self, query: dict[str, float]) -> Query:
        """The query's terms that some chunk uses, as (column, weight), in its order."""
        found = ((self.column(term), weight) for term, weight in query.items())
        return [(column, weight) for column, weight in found if column >= 0]


def _spans(chunks: Sequence[Chunk]) -> dict[str, tuple[int, int]]:
    """The chunks of each document are consecutive: (first, end) by document path."""
    spans: dict[str, tuple[int, int]] = {}
    for i, chunk in enumerate(chunks):
        first, _ = spans.get(chunk.document.path, (i, i))
        spans[chunk.document.path] = (first, i + 1)
    return spans
