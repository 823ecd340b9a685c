"""BM25 scoring of an index's arrays (Okapi BM25, rank-bm25's BM25Okapi formula): the exact
score of every chunk, and the few chunks that may be a search's best, found fast.

The exact score of a chunk sums, over the query's terms in their order, in float64,
weight * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / avgdl)): the same sums in the
same order as before this module, so scores, ties and rankings are what they were.

Finding the best is a filter, then that exact sum for the few it keeps. Each posting's
saturation tf * (k1 + 1) / (tf + norm) is kept as float32 (computed once per index); a
query adds weight * idf * saturation to a float32 accumulator one term column at a time
with SciPy's CSC mat-vec kernel over slices of the arrays (no copy), then keeps every chunk
whose approximate score is within twice the float32 error bound of the k-th best. The
bound (see `slack`) is proved for positive weights, so no chunk of the exact top k, nor one
tied with its k-th, is ever left out: the exact sums then decide as a full sort would. A
query with a weight that is not positive, or a SciPy without the kernel, takes the exact
NumPy path for every chunk.

Why SciPy and not numba (measured 2026-12-03 on this project's 2-core virtual machines,
100,000 paragraphs, 41.9 M postings, 300 dev questions of ~33 weighted terms touching ~308k
postings each, the three in one process on the same queries: tools/scoring_compare.py; the
machine was loaded, so read the ratios):
- every top ten, ties included, the same as the exact scores' (300/300) for all three;
- NumPy exact (before) p50 / p95 532 / 1,133 ms; SciPy filter + exact re-score 16 / 34 ms;
  a numba loop over the same arrays 572 / 1,359 ms (its float64 accumulator, new memory on
  each call, pays the page faults that dominate on these machines: see serving/memory.py);
- SciPy is installed already (scikit-learn, which pyvi needs, needs it): nothing to add.
  numba adds llvmlite and itself, 208 MB installed (63 MB of wheels), 0.5-1.1 s to every
  start for `import numba` (the warm start's target is 1.5 s) and 1.5-7.4 s of JIT on a first
  start before its cache under BOT_DATA_DIR would serve.
So the float32 SciPy filter: no new dependency, no JIT, and the NumPy path kept as the
fallback (and as the exact reference of `scores`). Its cost: the float32 saturations, 4 bytes
a posting (168 MB at 100,000 paragraphs), computed on the first search (~1 s here at 100,000).
"""

from __future__ import annotations

import numpy as np

try:  # the kernel behind SciPy's CSC mat-vec; a private module, so held loosely
    from scipy.sparse._sparsetools import csc_matvec
except ImportError:  # pragma: no cover - SciPy comes with scikit-learn (pyvi)
    csc_matvec = None

Query = list[tuple[int, float]]  # (column, weight) of each query term found, in order
FLOAT32_UNIT = 2.0 ** -24  # float32's unit roundoff
SATURATION_BLOCK = 1 << 20  # postings whose saturations are computed at a time


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


class Scorer:
    """BM25 over the columns of an index (indptr, rows, tfs) and its chunks' lengths."""

    def __init__(self, indptr: np.ndarray, rows: np.ndarray, tfs: np.ndarray,
                 lengths: np.ndarray, idf: np.ndarray, k1: float, b: float) -> None:
        self.indptr, self.rows, self.tfs, self.idf = indptr, rows, tfs, idf
        self.k1, self.b = k1, b
        self.size = len(lengths)
        as_float = lengths.astype(np.float64)
        self.avgdl = float(as_float.mean())
        self.norm = k1 * (1 - b + b * as_float / self.avgdl)
        self._saturation: np.ndarray | None = None

    def scores(self, query: Query) -> np.ndarray:
        """Return the exact score of every chunk."""
        rows_parts, score_parts = [], []
        for column, weight in query:
            start, end = self.indptr[column], self.indptr[column + 1]
            rows = self.rows[start:end]
            tf = self.tfs[start:end].astype(np.float64)
            part = (self.idf[column] * weight) * tf * (self.k1 + 1)
            rows_parts.append(rows)
            score_parts.append(part / (tf + self.norm[rows]))
        if not rows_parts:
            return np.zeros(self.size)
        # One pass adding each term's part to its chunks, in the query's order of terms (the
        # same sums, in the same order, as adding term after term).
        return np.bincount(np.concatenate(rows_parts), weights=np.concatenate(score_parts),
                           minlength=self.size)

    def exact(self, query: Query, rows: np.ndarray) -> np.ndarray:
        """Return the exact scores of some chunks (`rows`): the sums `scores` makes, term by
        term in the query's order (a term a chunk lacks adds 0.0, which changes no sum)."""
        total = np.zeros(len(rows))
        if not len(rows):
            return total
        norm = self.norm[rows]
        for column, weight in query:
            start, end = self.indptr[column], self.indptr[column + 1]
            column_rows = self.rows[start:end]
            at = np.minimum(column_rows.searchsorted(rows), end - start - 1)
            found = column_rows[at] == rows
            tf = np.where(found, self.tfs[start:end][at], 0).astype(np.float64)
            part = (self.idf[column] * weight) * tf * (self.k1 + 1)
            total += part / (tf + norm)
        return total

    def best(self, query: Query, top_k: int, within: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray]:
        """Return chunks with a positive score and their exact scores: every chunk of the
        best top_k and every chunk tied with the k-th (perhaps a few more). `within`, a mask
        over the chunks, keeps to some of them."""
        if csc_matvec is None or not all(weight > 0 for _, weight in query):
            scores = self.scores(query)
            if within is not None:
                scores = np.where(within, scores, 0.0)
            positive = np.flatnonzero(scores > 0)
            return positive, scores[positive]
        approximate = self.approximate(query)
        if within is not None:
            approximate[~within] = 0.0
        positive = np.flatnonzero(approximate > 0)
        if len(positive) > top_k:
            values = approximate[positive]
            kth = -np.partition(-values, top_k - 1)[top_k - 1]
            positive = positive[values >= kth - 2 * self.slack(query)]
        return positive, self.exact(query, positive)

    def approximate(self, query: Query) -> np.ndarray:
        """Every chunk's score, summed in float32 (see `slack` for how far off it may be)."""
        saturation = self.saturation()
        total = np.zeros(self.size, dtype=np.float32)
        span = np.zeros(2, dtype=self.rows.dtype)
        for column, weight in query:
            start, end = int(self.indptr[column]), int(self.indptr[column + 1])
            span[1] = end - start
            factor = np.array([self.idf[column] * weight], dtype=np.float32)
            csc_matvec(self.size, 1, span, self.rows[start:end], saturation[start:end],
                       factor, total)
        return total

    def slack(self, query: Query) -> float:
        """How far an approximate score may be from the exact one, at most (positive weights):
        each part is rounded three times (the factor, the saturation, their product) and the
        sum of m parts adds at most m - 1 roundings of the running total, each within
        FLOAT32_UNIT of the total, itself at most the sum of every term's largest part,
        weight * idf * (k1 + 1). Doubled, to cover the float64 rounding of the saturations."""
        largest = sum(float(self.idf[column]) * weight for column, weight in query)
        return 2 * (len(query) + 3) * FLOAT32_UNIT * largest * (self.k1 + 1)

    def saturation(self) -> np.ndarray:
        """Each posting's tf * (k1 + 1) / (tf + norm) as float32, computed on first use, a
        block of postings at a time (whole-array temporaries would triple its memory)."""
        if self._saturation is None:
            out = np.empty(len(self.rows), dtype=np.float32)
            norm = self.norm.astype(np.float32)
            factor = np.float32(self.k1 + 1)
            for start in range(0, len(out), SATURATION_BLOCK):
                end = start + SATURATION_BLOCK
                tf = self.tfs[start:end].astype(np.float32)
                out[start:end] = (tf * factor) / (tf + norm[self.rows[start:end]])
            self._saturation = out
        return self._saturation
