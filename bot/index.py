"""BM25 over paragraph chunks: rank-bm25's BM25Okapi gives the statistics and the formula."""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

from .knowledge import Chunk
from .text import terms

# BM25Okapi gives a term found in more than half of the chunks a negative idf and replaces it
# with epsilon * mean idf. Question words never reach the index query (see question.py), so the
# floor only touches real content words that are everywhere; a small epsilon keeps them from
# outweighing a rarer, meaningful word.
EPSILON = 0.1


@dataclass(frozen=True)
class Hit:
    """A chunk and its BM25 score for one query."""

    chunk: Chunk
    score: float


def chunk_terms(title: str, text: str) -> list[str]:
    """The terms a chunk is indexed by: its document's title (single words, and folded pairs:
    an exact pair in every paragraph of a one-report folder would drown that pair where a
    paragraph really has it), then its own text."""
    return [t for t in terms(title) if t.startswith("~") or " " not in t] + terms(text)


class Index:
    """Searchable chunks: build once, then `search` many times."""

    def __init__(self, chunks: list[Chunk], *, k1: float = 1.2, b: float = 0.75,
                 corpus: list[list[str]] | None = None) -> None:
        """Index the chunks; `corpus` may hold their terms already (from the cache)."""
        if not chunks:
            raise ValueError("an index needs at least one chunk; the knowledge folder has no text")
        self.chunks = list(chunks)
        if corpus is None:
            corpus = [chunk_terms(chunk.document.title, chunk.text) for chunk in self.chunks]
        elif len(corpus) != len(self.chunks):
            raise ValueError(f"corpus has {len(corpus)} term lists for {len(self.chunks)} chunks")
        self.bm25 = BM25Okapi(corpus, k1=k1, b=b, epsilon=EPSILON)
        if self.bm25.average_idf <= 0:
            # One or two chunks: every idf is <= 0 and so is BM25Okapi's floor (epsilon times a
            # negative mean), so nothing would ever score. Give each term the same small idf.
            self.bm25.idf = dict.fromkeys(self.bm25.idf, EPSILON)
        # Numbers each document holds (folded terms such as "~2021"), for the decline rule.
        self._document_numbers: dict[str, set[str]] = defaultdict(set)
        for chunk, held in zip(self.chunks, corpus):
            self._document_numbers[chunk.document.path].update(
                t for t in held if t[1:2].isdigit() and " " not in t)
        # Postings let a query touch only the chunks holding its terms; the numbers are
        # exactly BM25Okapi's (see tests/test_index.py).
        # Each term's chunk numbers and counts are kept as two compact arrays, which also makes
        # the cached index quick to load.
        lists: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
        for i, freqs in enumerate(self.bm25.doc_freqs):
            for term, tf in freqs.items():
                ids, tfs = lists[term]
                ids.append(i)
                tfs.append(tf)
        self._postings: dict[str, tuple[array, array]] = {
            term: (array("I", ids), array("I", tfs)) for term, (ids, tfs) in lists.items()}
        # The postings hold the same counts; dropping BM25Okapi's copy halves memory and the
        # cached index (bm25.get_scores is not used; scores() computes the same numbers).
        self.bm25.doc_freqs = []
        lengths = np.asarray(self.bm25.doc_len, dtype=float)
        norm = self.bm25.k1 * (1 - self.bm25.b + self.bm25.b * lengths / self.bm25.avgdl)
        self._norm: list[float] = norm.tolist()
        # Known folded words by (first letter, length): typos rarely hit the first letter.
        self._spellings: dict[tuple[str, int], list[str]] = defaultdict(list)
        for term in self._postings:
            if term.startswith("~") and " " not in term and not term[1:2].isdigit():
                self._spellings[term[1], len(term) - 1].append(term[1:])

    def rarity(self, term: str) -> float:
        """Return an always-positive idf, log(1 + (N - n + 0.5) / (n + 0.5)), for weighing
        overlaps: unlike BM25Okapi's, it never gives a word in half the chunks zero."""
        n = len(self._postings[term][0]) if term in self._postings else 0
        return math.log(1 + (len(self.chunks) - n + 0.5) / (n + 0.5))

    def correct(self, word: str) -> str | None:
        """Return the known folded word closest to an unknown one ('fraklin' -> 'franklin'):
        one edit for words of 5+ letters, two for 8+; the most common wins a tie."""
        if len(word) < 5 or "~" + word in self._postings:
            return None
        limit = 2 if len(word) >= 8 else 1
        best: tuple[int, int, str] | None = None
        for length in range(len(word) - limit, len(word) + limit + 1):
            for known in self._spellings.get((word[0], length), ()):
                distance = edit_distance(word, known, limit)
                if distance <= limit:
                    key = (distance, -len(self._postings["~" + known][0]), known)
                    best = key if best is None or key < best else best
        return best[2] if best else None

    def number_in_document(self, number: str, document: str) -> bool:
        """Tell whether the document (by path) holds the number ('2021', '17,12')."""
        return "~" + number in self._document_numbers.get(document, ())

    @property
    def max_rarity(self) -> float:
        """The rarity of a term found in exactly one chunk."""
        return math.log(1 + (len(self.chunks) - 0.5) / 1.5)

    def __contains__(self, term: str) -> bool:
        return term in self._postings

    def scores(self, query: dict[str, float]) -> list[float]:
        """Return the weighted BM25 score of every chunk: sum of weight * idf * tf-part."""
        k1 = self.bm25.k1
        total = [0.0] * len(self.chunks)
        for term, weight in query.items():
            postings = self._postings.get(term)
            if not postings:
                continue
            idf = self.bm25.idf[term] * weight
            for i, tf in zip(*postings):
                total[i] += idf * tf * (k1 + 1) / (tf + self._norm[i])
        return total

    def search(self, query: dict[str, float], top_k: int = 5) -> list[Hit]:
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
