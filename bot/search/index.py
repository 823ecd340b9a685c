"""BM25 over paragraph chunks (Okapi BM25, rank-bm25's BM25Okapi formula), as arrays.

A term's column holds the chunks that use it (`rows`, ascending) and how often (`tfs`);
`indptr` says where each column starts, as in a SciPy CSC matrix. Terms are found by a
64-bit hash of their text, kept sorted (`keys`): no Python object per term or per posting
is held, so 100,000 paragraphs fit in a few hundred MB and load by memory map.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.knowledge.documents import Chunk
from bot.search import terms as vocabulary
from bot.search import tuning
from bot.search.spelling import Spelling

TF_LIMIT = 65535  # a term counted more often in one paragraph is counted this often (uint16)
COLUMN_CACHE = 1 << 16  # terms whose columns an index remembers: questions repeat their words


@dataclass(frozen=True)
class Hit:
    """A chunk and its BM25 score for one query."""

    chunk: Chunk
    score: float


KEY_CACHE = 1 << 18  # terms whose keys stay known: a report repeats its words


@lru_cache(maxsize=KEY_CACHE)
def key(term: str) -> int:
    """A term's 64-bit key: the first 8 bytes of its BLAKE2b hash (collisions among a few
    million terms: about one chance in ten million)."""
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class Postings:
    """The arrays of an index, as built or as loaded from the cache."""

    keys: np.ndarray  # uint64, sorted: column c holds the term whose key is keys[c]
    indptr: np.ndarray  # int64, len(keys) + 1
    rows: np.ndarray  # int32, the chunks of each column, ascending
    tfs: np.ndarray  # uint16, how often the term is in each of them
    lengths: np.ndarray  # int32, each chunk's number of terms
    spellings: tuple[str, ...]  # the folded words the chunks use (for spelling correction)


@dataclass(frozen=True)
class Batch:
    """The counted terms of consecutive chunks: what a tokenizing worker sends back."""

    keys: np.ndarray  # uint64: each chunk's distinct term keys, chunk after chunk
    tfs: np.ndarray  # uint16: how often each
    distinct: np.ndarray  # int64: how many distinct terms each chunk has
    lengths: np.ndarray  # int32: each chunk's number of terms
    words: frozenset[str]  # the folded words they use


def count_terms(terms_of_chunks: Iterable[Sequence[str]]) -> Batch:
    """Count the terms of each chunk into a Batch."""
    keys: list[int] = []
    tfs: list[int] = []
    distinct, lengths = [], []
    seen: set[str] = set()
    for terms in terms_of_chunks:
        counts = Counter(terms)
        keys.extend(map(key, counts))
        tfs.extend(counts.values())
        distinct.append(len(counts))
        lengths.append(len(terms))
        seen.update(counts)
    words = frozenset(vocabulary.word(t) for t in seen if vocabulary.is_folded_word(t))
    return Batch(np.array(keys, dtype=np.uint64),
                 np.minimum(np.array(tfs, dtype=np.int64), TF_LIMIT).astype(np.uint16),
                 np.array(distinct, dtype=np.int64), np.array(lengths, dtype=np.int32), words)


def postings_of(batches: Iterable[Batch], first_row: int = 0) -> Postings:
    """Build the arrays from batches of counted chunks, numbered from `first_row`: each
    batch's keys are replaced by small numbers as it comes (they are most of the memory),
    then a counting sort places the postings one batch at a time. The batches come in row
    order, so each column's rows come out ascending."""
    parts = []  # per batch: its distinct keys, each posting's index among them, counts
    for batch in batches:
        unique, inverse = np.unique(batch.keys, return_inverse=True)
        parts.append((unique, inverse.astype(np.int32), batch.tfs, batch.distinct,
                      batch.lengths, batch.words))
    keys = (np.unique(np.concatenate([p[0] for p in parts])) if parts
            else np.zeros(0, np.uint64))
    counts = np.zeros(len(keys), dtype=np.int64)
    for i, (unique, inverse, *rest) in enumerate(parts):  # each posting's column
        column = np.searchsorted(keys, unique).astype(np.int32)[inverse]
        counts += np.bincount(column, minlength=len(keys))
        parts[i] = (None, column, *rest)
    indptr = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    rows = np.empty(indptr[-1], dtype=np.int32)
    tfs = np.empty(indptr[-1], dtype=np.uint16)
    fill = indptr[:-1].copy()
    row = first_row
    for _, column, batch_tfs, distinct, lengths, _ in parts:
        batch_rows = np.repeat(np.arange(row, row + len(lengths), dtype=np.int32), distinct)
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        rank = np.arange(len(ordered)) - np.repeat(starts, np.diff(np.r_[starts, len(ordered)]))
        at = fill[ordered] + rank
        rows[at], tfs[at] = batch_rows[order], batch_tfs[order]
        fill += np.bincount(column, minlength=len(keys))
        row += len(lengths)
    lengths = (np.concatenate([p[4] for p in parts]) if parts else np.zeros(0, np.int32))
    words = sorted(set().union(*(p[5] for p in parts))) if parts else []
    return Postings(keys, indptr, rows, tfs, lengths, tuple(words))


def okapi_idf(document_counts: np.ndarray, corpus_size: int, epsilon: float) -> np.ndarray:
    """Return BM25Okapi's idf of every term: log((N - n + 0.5) / (n + 0.5)). idf is negative
    for a term in more than half of the chunks; such a term gets epsilon times the mean idf.
    With one or two chunks every idf is <= 0 and so is that floor, and nothing would ever
    score: then every term gets the same small idf, epsilon."""
    n = document_counts.astype(np.float64)
    idf = np.log(corpus_size - n + 0.5) - np.log(n + 0.5)
    average = float(idf.mean()) if len(idf) else 0.0
    if average <= 0:
        return np.full(len(idf), epsilon)
    return np.where(idf < 0, epsilon * average, idf)


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
        lengths = postings.lengths.astype(np.float64)
        self.avgdl = float(lengths.mean())
        self._norm = k1 * (1 - b + b * lengths / self.avgdl)
        self._spans = _spans(self.chunks)
        self._spellings: Spelling | None = None
        self._table_rows: np.ndarray | None = None  # which chunks are rows of tables
        self._row_chunks: dict[tuple[str, int, int], Chunk] | None = None
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
        indptr, rows_of, tfs_of = self._indptr, self._rows, self._tfs
        rows_parts, score_parts = [], []
        for term, weight in query.items():
            column = self.column(term)
            if column < 0:
                continue
            start, end = indptr[column], indptr[column + 1]
            rows = rows_of[start:end]
            tf = tfs_of[start:end].astype(np.float64)
            part = (self.idf[column] * weight) * tf * (self.k1 + 1)
            rows_parts.append(rows)
            score_parts.append(part / (tf + self._norm[rows]))
        if not rows_parts:
            return np.zeros(len(self.chunks))
        # One pass adding each term's part to its chunks, in the query's order of terms (the
        # same sums, in the same order, as adding term after term).
        return np.bincount(np.concatenate(rows_parts), weights=np.concatenate(score_parts),
                           minlength=len(self.chunks))

    def search(self, query: dict[str, float], top_k: int = tuning.TOP_K,
               within: np.ndarray | None = None) -> list[Hit]:
        """Return the top_k chunks with a positive score, best first; of chunks with the same
        score, the earlier in document order first. `within` (a mask over the chunks, see
        `mask`) keeps the search to some of them."""
        if top_k <= 0:
            raise ValueError(f"top_k must be > 0, got {top_k}")
        scores = self.scores(query)
        if within is not None:
            scores = np.where(within, scores, 0.0)
        positive = np.flatnonzero(scores > 0)
        if len(positive) > top_k:
            # The k-th best score, then every chunk at least as good: ties at the k-th are all
            # kept, so that the order below decides among them as a full sort would.
            kth = -np.partition(-scores[positive], top_k - 1)[top_k - 1]
            positive = positive[scores[positive] >= kth]
        order = sorted(positive.tolist(), key=lambda i: (-scores[i], self.order[i]))[:top_k]
        return [Hit(self.chunks[i], float(scores[i])) for i in order]


def _spans(chunks: Sequence[Chunk]) -> dict[str, tuple[int, int]]:
    """The chunks of each document are consecutive: (first, end) by document path."""
    spans: dict[str, tuple[int, int]] = {}
    for i, chunk in enumerate(chunks):
        first, _ = spans.get(chunk.document.path, (i, i))
        spans[chunk.document.path] = (first, i + 1)
    return spans
