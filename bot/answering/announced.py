"""What a lead sentence announces: a paragraph ending with ":" ("Người đại diện theo pháp
luật của Công ty … là:") is answered by the lines right after it in its report — a table's
rows or short paragraphs — not by itself."""

from __future__ import annotations

import numpy as np

from bot.knowledge.documents import Chunk
from bot.knowledge.formats import BODY, TABLE
from bot.search.index import Index

ANNOUNCED_LINES = 4  # lines a lead sentence is answered with (a legal representative, a
#                      board's members); a longer run is a list, which a list question asks
ANNOUNCED_WORDS = 60  # ... and at most this many words of them


def announces(text: str) -> bool:
    """Tell whether a passage only leads into what follows it."""
    return text.rstrip().endswith(":")


def announced(chunk: Chunk, index: Index) -> list[Chunk]:
    """The lines right after `chunk` in its report: the rows of the table that follows it,
    or the body paragraphs that do, up to ANNOUNCED_LINES and ANNOUNCED_WORDS."""
    rows = np.flatnonzero(index.mask([chunk.document.path]))
    at = next((k for k, row in enumerate(rows) if index.chunks[int(row)] is chunk), None)
    if at is None:
        return []
    following = [index.chunks[int(row)] for row in rows[at + 1:at + 1 + ANNOUNCED_LINES]]
    if not following or following[0].page != chunk.page or (
            following[0].paragraph != chunk.paragraph + 1):
        return []  # something not indexed (a heading, a signature) stands between
    first = following[0]
    if first.role == TABLE:
        same = [c for c in following if c.role == TABLE and c.table == first.table]
    elif first.role == BODY:
        same = [first]
        for c in following[1:]:
            if c.role != BODY or c.paragraph != same[-1].paragraph + 1:
                break
            same.append(c)
    else:
        return []
    kept, words = [], 0
    for c in same:
        words += len(c.text.split())
        if kept and words > ANNOUNCED_WORDS:
            break
        kept.append(c)
    return kept
