"""BM25 over paragraph chunks (Okapi BM25, as rank-bm25's BM25Okapi computes it)."""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from . import terms as vocabulary
from . import tuning
from .knowledge import Chunk


@dataclass(frozen=True)
class Hit:
    """A chunk and its BM25 score for one query."""

    chunk: Chunk
    score: float


def okapi_idf(document_counts: dict[str, int], corpus_size: int,
              epsilon: float) -> dict[str, float]:
    """Return BM25Okapi's idf of every term: log((N - n + 0.5) / (n + 0.5)). idf is negative
    for a term in more than half of the chunks; such a term gets epsilon times the mean idf.
    With one or two chunks every idf is <= 0 and so is that floor, and nothing would ever
    score: then every term gets the same small idf, epsilon."""
    idf: dict[str, float] = {}
    total = 0.0
    negative = []
    for term, n in document_counts.items():
        value = math.log(corpus_size - n + 0.5) - math.log(n + 0.5)
        idf[term] = value
        total += value
        if value < 0:
            negative.append(term)
    average = total / len(idf) if idf else 0.0
    if average <= 0:
        return dict.fromkeys(idf, epsilon)
    for term in negative:
        idf[term] = epsilon * average
    return idf


class Index:
    """Searchable chunks: build once, then `search` many times."""

    def __init__(self, chunks: list[Chunk], *, k1: float = tuning.K1, b: float = tuning.B,
                 corpus: list[list[str]] | None = None) -> None:
        """Index the chunks; `corpus` may hold their terms already (from the cache)."""
        if not chunks:
            raise ValueError("an index needs at least one chunk; the knowledge folder has no text")
        self.chunks = list(chunks)
        if corpus is None:
            corpus = [vocabulary.chunk_terms(*c.context, c.text) for c in self.chunks]
        elif len(corpus) != len(self.chunks):
            raise ValueError(f"corpus has {len(corpus)} term lists for {len(self.chunks)} chunks")
        self.k1, self.b = k1, b
        self.doc_len = [len(terms) for terms in corpus]
        self.avgdl = sum(self.doc_len) / len(corpus)
        # Each term's chunk numbers and counts, as two compact arrays: a query touches only the
        # chunks holding its terms.
        lists: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for i, terms in enumerate(corpus):
            counts: dict[str, int] = {}
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
            for term, tf in counts.items():
                ids, tfs = lists[term]
                ids.append(i)
                tfs.append(tf)
        self._postings: dict[str, tuple[array, array]] = {
            term: (array("I", ids), array("I", tfs)) for term, (ids, tfs) in lists.items()}
        self.idf = okapi_idf({t: len(p[0]) for t, p in self._postings.items()}, len(corpus),
                             tuning.EPSILON)
        lengths = np.asarray(self.doc_len, dtype=float)
        self._norm: list[float] = (k1 * (1 - b + b * lengths / self.avgdl)).tolist()
        # The chunks of each document are consecutive: (first, end) by document path.
        self._spans: dict[str, tuple[int, int]] = {}
        for i, chunk in enumerate(self.chunks):
            first, _ = self._spans.get(chunk.document.path, (i, i))
            self._spans[chunk.document.path] = (first, i + 1)
        # Numbers each document holds, for the decline rule.
        self._document_numbers: dict[str, set[str]] = defaultdict(set)
        for chunk, held in zip(self.chunks, corpus):
            self._document_numbers[chunk.document.path].update(
                t for t in held if vocabulary.is_number(t))
        # Known folded words by (first letter, length): typos rarely hit the first letter.
        self._spellings: dict[tuple[str, int], list[str]] = defaultdict(list)
        for term in self._postings:
            if vocabulary.is_folded_word(term):
                known = vocabulary.word(term)
                self._spellings[known[0], len(known)].append(known)

    def rarity(self, term: str) -> float:
        """Return an always-positive idf, log(1 + (N - n + 0.5) / (n + 0.5)), for weighing
        overlaps: unlike BM25Okapi's, it never gives a word in half the chunks zero."""
        n = len(self._postings[term][0]) if term in self._postings else 0
        return math.log(1 + (len(self.chunks) - n + 0.5) / (n + 0.5))

    @property
    def max_rarity(self) -> float:
        """The rarity of a term found in exactly one chunk."""
        return math.log(1 + (len(self.chunks) - 0.5) / 1.5)

    def correct(self, word: str) -> str | None:
        """Return the known folded word closest to an unknown one ('fraklin' -> 'franklin'):
        one edit for words of CORRECT_FROM letters, two from TWO_EDITS_FROM; the most common
        wins a tie."""
        if len(word) < tuning.CORRECT_FROM or vocabulary.folded(word) in self._postings:
            return None
        limit = 2 if len(word) >= tuning.TWO_EDITS_FROM else 1
        best: tuple[int, int, str] | None = None
        for length in range(len(word) - limit, len(word) + limit + 1):
            for known in self._spellings.get((word[0], length), ()):
                distance = edit_distance(word, known, limit)
                if distance <= limit:
                    key = (distance, -len(self._postings[vocabulary.folded(known)][0]), known)
                    best = key if best is None or key < best else best
        return best[2] if best else None

    def number_in_document(self, number: str, document: str) -> bool:
        """Tell whether the document (by path) holds the number ('2021', '17,12')."""
        return vocabulary.number(number) in self._document_numbers.get(document, ())

    def in_document(self, term: str, document: str) -> bool:
        """Tell whether the document (by path) holds the term in one of its paragraphs."""
        postings = self._postings.get(term)
        span = self._spans.get(document)
        if not postings or span is None:
            return False
        ids = postings[0]
        at = bisect_left(ids, span[0])
        return at < len(ids) and ids[at] < span[1]

    def __contains__(self, term: str) -> bool:
        return term in self._postings

    def scores(self, query: dict[str, float]) -> list[float]:
        """Return the weighted BM25 score of every chunk: sum of weight * idf * tf-part."""
        k1 = self.k1
        total = [0.0] * len(self.chunks)
        for term, weight in query.items():
            postings = self._postings.get(term)
            if not postings:
                continue
            idf = self.idf[term] * weight
            for i, tf in zip(*postings):
                total[i] += idf * tf * (k1 + 1) / (tf + self._norm[i])
        return total

    def search(self, query: dict[str, float], top_k: int = tuning.READ) -> list[Hit]:
        """Return the top_k chunks with a positive score, best first."""
        if top_k <= 0:
            raise ValueError(f"top_k must be > 0, got {top_k}")
        scored = [(s, i) for i, s in enumerate(self.scores(query)) if s > 0]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [Hit(self.chunks[i], score) for score, i in scored[:top_k]]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of neighbouring letters as one edit ('peurto' ->
    'puerto'), giving up (returning limit + 1) once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]
