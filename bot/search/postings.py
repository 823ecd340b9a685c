"""The arrays of a BM25 index, built from the counted terms of its chunks.

A term's column holds the chunks that use it (`rows`, ascending) and how often (`tfs`);
`indptr` says where each column starts, as in a SciPy CSC matrix. Terms are found by a
64-bit hash of their text, kept sorted (`keys`): no Python object per term or per posting
is held, so 100,000 paragraphs fit in a few hundred MB and load by memory map.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bot.search import terms as vocabulary

TF_LIMIT = 65535  # a term counted more often in one paragraph is counted this often (uint16)

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
