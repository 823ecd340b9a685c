"""Build the index of a knowledge folder: tokenize only chunks that are new, in worker
processes when there are many, and keep the rows of documents that did not change."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from bot.knowledge.documents import Chunk, Document
from bot.knowledge.processes import die_with
from bot.search import terms
from bot.search.index import Index
from bot.search.postings import Batch, Postings, count_terms, key, postings_of

PARALLEL_FROM = 2000  # chunks to tokenize before it pays to start worker processes
BATCH = 500  # chunks a worker tokenizes per task: large enough to amortize sending them
Progress = Callable[[int, int], None]
Piece = tuple[str, str, str]  # (title, heading, paragraph text): what a chunk is indexed by


def build(chunks: Sequence[Chunk], previous: Index | None = None,
          progress: Progress | None = None) -> Index:
    """Index the chunks, reusing the rows of `previous` for documents it holds unchanged
    (same path, title and paragraphs): only the others are tokenized."""
    kept_rows, fresh = _partition(chunks, previous)
    batches = tokenize([(*c.context, c.text) for c in fresh], progress)
    if previous is None or not kept_rows:
        return Index(fresh, postings=postings_of(batches), order=_order(chunks, fresh))
    keep = np.zeros(len(previous.chunks), dtype=bool)
    keep[kept_rows] = True
    new = postings_of(batches, first_row=len(kept_rows))
    postings = merge(previous.postings, keep, new)
    ordered = [previous.chunks[i] for i in kept_rows] + list(fresh)
    rebound = _rebind(ordered, chunks)
    return Index(rebound, postings=postings, order=_order(chunks, rebound))


def _partition(chunks: Sequence[Chunk],
               previous: Index | None) -> tuple[list[int], list[Chunk]]:
    """The rows of `previous` to keep (in their order) and the chunks to tokenize."""
    if previous is None:
        return [], list(chunks)
    old_rows: dict[str, list[int]] = {}
    for row, chunk in enumerate(previous.chunks):
        old_rows.setdefault(chunk.document.path, []).append(row)
    by_path: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_path.setdefault(chunk.document.path, []).append(chunk)
    kept: list[int] = []
    fresh: list[Chunk] = []
    for path, new_chunks in by_path.items():
        rows = old_rows.get(path, [])
        if rows and _same(previous.chunks[rows[0]].document, new_chunks[0].document):
            kept.extend(rows)
        else:
            fresh.extend(new_chunks)
    kept.sort()
    return kept, fresh


def _same(old: Document, new: Document) -> bool:
    return (old.title, old.paragraphs, old.roles, old.tables) == (
        new.title, new.paragraphs, new.roles, new.tables)


def _rebind(ordered: list[Chunk], chunks: Sequence[Chunk]) -> list[Chunk]:
    """The chunks in row order, as objects of the new knowledge (a kept document may be a
    new Document object with the same content, read again after a touch)."""
    current = {(c.document.path, c.page, c.paragraph, c.table, c.row): c for c in chunks}
    return [current[(c.document.path, c.page, c.paragraph, c.table, c.row)] for c in ordered]


def _order(chunks: Sequence[Chunk], rows: Sequence[Chunk]) -> np.ndarray:
    """Each row's place among the chunks in document order: ties in search keep it."""
    place = {id(c): i for i, c in enumerate(chunks)}
    return np.array([place[id(c)] for c in rows], dtype=np.int64)


def merge(old: Postings, keep: np.ndarray, new: Postings) -> Postings:
    """The postings of the kept rows of `old` (renumbered in order) and of `new` (numbered
    after them), columns merged by key. Kept rows precede new ones in every column, so each
    column stays in ascending row order without sorting the whole."""
    counts = np.diff(old.indptr)
    old_columns = np.repeat(np.arange(len(old.keys), dtype=np.int64), counts)
    mask = keep[old.rows]
    renumber = np.cumsum(keep) - 1
    kept_rows = renumber[old.rows[mask]].astype(np.int32)
    kept_columns = old_columns[mask]
    del old_columns
    alive = np.bincount(kept_columns, minlength=len(old.keys)) > 0
    keys = np.union1d(old.keys[alive], new.keys)
    old_to_new = np.searchsorted(keys, old.keys)
    new_to_new = np.searchsorted(keys, new.keys)
    kept_at = old_to_new[kept_columns]
    new_at = new_to_new[np.repeat(np.arange(len(new.keys)), np.diff(new.indptr))]
    from_old = np.bincount(kept_at, minlength=len(keys))
    from_new = np.bincount(new_at, minlength=len(keys))
    indptr = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(from_old + from_new, out=indptr[1:])
    rows = np.empty(indptr[-1], dtype=np.int32)
    tfs = np.empty(indptr[-1], dtype=np.uint16)
    old_start = np.cumsum(from_old) - from_old
    new_start = np.cumsum(from_new) - from_new
    at = indptr[kept_at] + np.arange(len(kept_at)) - old_start[kept_at]
    rows[at], tfs[at] = kept_rows, old.tfs[mask]
    at = indptr[new_at] + from_old[new_at] + np.arange(len(new_at)) - new_start[new_at]
    rows[at], tfs[at] = new.rows, new.tfs
    lengths = np.concatenate([old.lengths[keep], new.lengths])
    present = set(keys.tolist())
    spellings = {w for w in old.spellings if key(terms.folded(w)) in present} | set(new.spellings)
    return Postings(keys, indptr, rows, tfs, lengths, tuple(sorted(spellings)))


def tokenize(pieces: Sequence[Piece], progress: Progress | None = None) -> Iterator[Batch]:
    """Count the terms of each piece, on every core when there are many, reporting
    progress; batches are handed on as they come; workers end with this process, however
    it ends."""
    workers = os.cpu_count() or 1
    batches = [pieces[i:i + BATCH] for i in range(0, len(pieces), BATCH)]
    if progress:
        progress(0, len(pieces))
    if len(pieces) < PARALLEL_FROM or workers < 2:
        yield from map(_count, batches)
        if progress:
            progress(len(pieces), len(pieces))
        return
    done = 0
    # "spawn", not fork: a rebuild may start from the watcher thread of a running bot, and
    # forking a process that has threads can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=die_with, initargs=(os.getpid(),)) as pool:
        for batch in pool.map(_count, batches):
            done += len(batch.lengths)
            if progress:
                progress(done, len(pieces))
            yield batch


def _count(pieces: Sequence[Piece]) -> Batch:
    return count_terms(terms.chunk_terms(*piece) for piece in pieces)


