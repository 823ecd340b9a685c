"""What every reader returns (Parsed), the roles a paragraph can play, and reading and
decoding a file's bytes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from bot.knowledge.formats.grid import MAX_ROWS, link_tables
from bot.knowledge.formats.limits import check_count
from bot.knowledge.tables import Table
from bot.language.text import normalize

MAX_FILE_ROWS = 4 * MAX_ROWS  # table rows kept of one file, all its tables together: each is
#                               a chunk, and a data dump must not crowd out every report
ISO_DATE = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)")  # an ISO date in metadata: 2024-07 or 2024-07-01

# The role of a paragraph: only body text answers; a heading or a caption is context.
BODY, HEADING, CAPTION, TABLE, BYLINE = "paragraph", "heading", "caption", "table", "byline"
# Never content, never an answer nor a summary sentence: signatures, page marks, check boxes,
# tables of contents, running headers (bot/knowledge/boilerplate.py).
BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Parsed:
    """What a file holds: its own title and date if it names them, and its paragraphs with
    the page each stands on (PDF) or None, the role each plays where the format says, and
    its tables as rows and columns (bot/knowledge/tables) where the reader rebuilds them."""

    title: str | None
    date: str | None
    paragraphs: tuple[str, ...]
    pages: tuple[int | None, ...]
    roles: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()  # each with the index of the paragraph that shows it


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc}): check its permissions") from exc


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError("broken UTF-16: save it as UTF-8") from exc
        # Bytes that only look like a UTF-16 mark decode into CJK-like noise: refuse them.
        if sum(ord(c) < 0x2100 for c in text) < 0.9 * len(text):
            raise ValueError("not UTF-8 (nor UTF-16 text): save it as UTF-8")
        return text
    if b"\x00" in data:
        raise ValueError("binary content, not text: save it as UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8: save it as UTF-8") from exc


def parsed(title: str | None, date: str | None, paragraphs: list[str],
            pages: list[int | None] | None = None, roles: list[str] | None = None,
            tables: Sequence[Table] = ()) -> Parsed:
    """What a reader read, empty paragraphs dropped; `tables` name the paragraph that shows
    each by its index in `paragraphs`, renumbered here as the empty ones go."""
    count = len(paragraphs)
    check_count(count)  # before the paragraphs are normalized, then tokenized
    kept = [(normalize(p), page, role, i) for i, (p, page, role) in
            enumerate(zip(paragraphs, pages or [None] * count, roles or [BODY] * count))]
    kept = [item for item in kept if item[0]]
    if not kept:
        raise ValueError("empty: add some text or remove the file")
    place = {i: n for n, (_, _, _, i) in enumerate(kept)}
    shown, budget = [], MAX_FILE_ROWS
    for table in tables:
        if table.paragraph not in place:
            continue
        if len(table.rows) > budget:  # a file of more rows than that is data, not a report
            table = replace(table, rows=table.rows[:budget], truncated=True)
        budget -= len(table.rows)
        shown.append(replace(table, paragraph=place[table.paragraph]))
    return Parsed(title, date, tuple(p for p, _, _, _ in kept),
                  tuple(page for _, page, _, _ in kept), tuple(role for _, _, role, _ in kept),
                  link_tables(shown))
