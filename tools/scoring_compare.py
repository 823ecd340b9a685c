"""Compare ways of finding a search's best chunks on one cached index, in one process, on the
same weighted queries: the exact NumPy scores of every chunk (the fallback), the SciPy
float32 filter with exact re-scoring (what Index.search does), and a numba loop over the same
arrays when numba can be imported (it is no dependency: put it on PYTHONPATH to measure it).
Each must return the same top 10 as the exact scores, ties at the 10th kept in document order.

Usage: python tools/scoring_compare.py KNOWLEDGE_DIR DATA_DIR [--questions 300] [--rounds 3]
(DATA_DIR/cache is built first when it does not hold the folder's index.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.needs import needs_of  # noqa: E402
from bot.search.cache import IndexCache  # noqa: E402
from bot.serving.library import load_qa  # noqa: E402
from tools.bench import percentile, questions  # noqa: E402


def top(index, scores: np.ndarray, k: int = 10) -> list[int]:
    positive = np.flatnonzero(scores > 0)
    return sorted(positive.tolist(), key=lambda i: (-scores[i], index.order[i]))[:k]


def numba_kernel():
    """The numba loop, or None without numba (compiled here, before timing)."""
    try:
        import numba
    except ImportError:
        return None

    @numba.njit(cache=False, nogil=True)
    def accumulate(indptr, rows, tfs, norm, columns, factors, k1, out):
        for j in range(len(columns)):
            column = columns[j]
            for p in range(indptr[column], indptr[column + 1]):
                tf = np.float64(tfs[p])
                row = rows[p]
                out[row] += factors[j] * tf * (k1 + 1) / (tf + norm[row])
        return out

    return accumulate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("knowledge", type=Path)
    parser.add_argument("data", type=Path)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    qa = load_qa(args.knowledge, cache=IndexCache(args.data / "cache"))
    index, scorer = qa.index, qa.index.scorer
    queries = [index._query(needs_of(qa.read(q), qa.lexicon).weights)
               for q in questions(args.questions)]
    postings = sum(int(index.document_counts[c]) for q in queries for c, _ in q) / len(queries)
    print(f"{len(index.chunks)} chunks, {len(index.postings.rows)} postings; {len(queries)} "
          f"queries of {statistics.mean(len(q) for q in queries):.0f} terms touching "
          f"{postings / 1000:.0f}k postings on average")
    start = time.perf_counter()
    scorer.saturation()
    print(f"float32 saturations computed in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    kernel = numba_kernel()
    if kernel is not None:
        kernel(index._indptr, index._rows, index._tfs, scorer.norm, np.array([0]),
               np.array([1.0]), index.k1, np.zeros(len(index.chunks)))
        print(f"numba imported and compiled in {time.perf_counter() - start:.2f} s")

    def with_numpy(query):
        return top(index, scorer.scores(query))

    def with_scipy(query):
        return [h.chunk for h in index.search(dict(_terms(index, query)), top_k=10)]

    def with_numba(query):
        columns = np.array([c for c, _ in query], dtype=np.int64)
        factors = np.array([index.idf[c] * w for c, w in query])
        scores = kernel(index._indptr, index._rows, index._tfs, scorer.norm, columns, factors,
                        index.k1, np.zeros(len(index.chunks)))
        return top(index, scores)

    ways = {"numpy (exact, every chunk)": with_numpy, "scipy filter + exact": with_scipy}
    if kernel is not None:
        ways["numba loop"] = with_numba
    expected = [[index.chunks[i] for i in with_numpy(q)] for q in queries]
    for name, way in ways.items():
        found = [way(q) for q in queries]
        if name != "scipy filter + exact":
            found = [[index.chunks[i] for i in f] for f in found]
        same = sum(f == e for f, e in zip(found, expected))
        p50s, p95s = [], []
        for _ in range(args.rounds):
            times = []
            for query in queries:
                begin = time.perf_counter()
                way(query)
                times.append((time.perf_counter() - begin) * 1000)
            p50s.append(statistics.median(times))
            p95s.append(percentile(times, 0.95))
        print(f"{name}: p50 {statistics.median(p50s):.2f} ms, p95 {statistics.median(p95s):.2f}"
              f" ms (medians of {args.rounds} rounds); top-10 as exact: {same}/{len(queries)}",
              flush=True)


def _terms(index, query):
    """The query back as terms: the search takes terms, the others columns."""
    by_column = {index.column(t): t for t in index._columns}
    return [(by_column[c], w) for c, w in query]


if __name__ == "__main__":
    main()
