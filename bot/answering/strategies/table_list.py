"""A list a table gives ("Hội đồng quản trị gồm những ai?", "Có những công ty con nào?"):
the rows of the table its title, a column or a section row names, one per line, each with
the cell that says what it is (a position, an activity)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.draft import Draft
from bot.answering.items import normalized
from bot.answering.strategies.base import Context
from bot.knowledge.documents import Document
from bot.knowledge.formats import BOILERPLATE
from bot.knowledge.table_text import row_label
from bot.knowledge.tables import LABEL, OTHER, VALUE, Table
from bot.language.numbers import parse_figure

MAX_ITEMS = 20  # rows a list answer shows; the rest are counted and read in the source
SHORT_CELL = 40  # characters of a cell that says what a row is ("Chủ tịch")
_MARKS = " *-•–+"


@dataclass(frozen=True)
class _Found:
    score: int  # 3: its title names the list, 2: a column does, 1: a section row does
    document: Document
    index: int  # of the table in the document
    section: tuple[int, int] | None = None  # (column, first row) of the section named


class TableList:
    name = "table_list"

    def applies(self, ctx: Context) -> bool:
        return (ctx.query.wants_list or ctx.query.says_list) and ctx.has_tables

    def propose(self, ctx: Context) -> Draft | None:
        subject = [w for w in ctx.item.required if w not in ctx.lexicon.patterns.list_frame]
        if not subject:
            return None
        best: _Found | None = None
        for document in ctx.in_scope():
            for i, table in enumerate(document.tables):
                if document.role(table.paragraph) == BOILERPLATE:
                    continue
                found = _names(table, subject, ctx)
                if found and (best is None or found[0] > best.score):
                    best = _Found(found[0], document, i, found[1])
        if best is None:
            return None
        items = _items(best, ctx)
        if len(items) < 2:
            return None
        table = best.document.tables[best.index]
        shown = [f"• {item}" for item in items[:MAX_ITEMS]]
        if len(items) > MAX_ITEMS:
            shown.append(f"… và {len(items) - MAX_ITEMS} mục khác (xem đoạn gốc)")
        head = table.title.rstrip(":") or " ".join(subject)
        chunk = ctx.index.row_chunk(best.document.path, best.index, 0)
        if chunk is None:
            return None
        return Draft(f"{head}:\n" + "\n".join(shown), ctx.query.kind, chunk, 1.0,
                     from_table=True)


def _names(table: Table, subject: list[str], ctx: Context) -> tuple[int, tuple | None] | None:
    """How the table names the list asked for: by its title, a column, or a section row."""
    patterns = ctx.lexicon.patterns
    wanted = set(subject)

    def says(text: str) -> bool:
        words = normalized(text, patterns)
        return bool(words) and wanted <= set(words) and len(words) <= len(wanted) + 6

    if says(table.title):
        return 3, None
    if any(c.role != VALUE and says(c.label) for c in table.columns):
        return 2, None
    label = next((i for i, c in enumerate(table.columns) if c.role == LABEL), 0)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if c != label and table.columns[c].role == OTHER and says(cell):
                return 1, (c, r)
    return None


def _items(found: _Found, ctx: Context) -> list[str]:
    """The rows of the list: all of the table and the tables it goes on in, or those of the
    section, up to the next section."""
    document = found.document
    tables = [found.index] + [i for i, t in enumerate(document.tables)
                              if t.continues is not None and t.continues >= found.index
                              and i > found.index and _chain(document, i, found.index)]
    items = []
    for t in tables:
        table = document.tables[t]
        rows = list(enumerate(table.rows))
        if found.section is not None and t == found.index:
            column, first = found.section
            rows = rows[first:]
            ended = next((n for n, (r, row) in enumerate(rows) if n and row.cells[column].strip()
                          and row.cells[column].strip() != rows[0][1].cells[column].strip()),
                         None)
            rows = rows[:ended] if ended is not None else rows
        for _, row in rows:
            item = _item(table, row, found.section)
            if item:
                items.append(item)
    return list(dict.fromkeys(items))


def _chain(document: Document, index: int, first: int) -> bool:
    """Whether table `index` goes on, page after page, from table `first`."""
    while index is not None and index > first:
        index = document.tables[index].continues
    return index == first


def _item(table: Table, row, section) -> str | None:
    if row.heading:
        return None
    name = row_label(table, row).strip(_MARKS)
    if not name or parse_figure(name) is not None:
        return None
    label = row_label(table, row)
    said = [cell.strip() for c, (column, cell) in enumerate(zip(table.columns, row.cells))
            if column.role == OTHER and cell.strip() and cell.strip() != label
            and len(cell) <= SHORT_CELL and parse_figure(cell) is None
            and (section is None or c != section[0])]
    return f"{name} — {said[0]}" if said else name
