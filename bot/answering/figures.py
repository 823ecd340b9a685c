"""Figures from tables: the rows that name what a question asks for, in the reports it is
about, and the cell of each period it wants, read exactly (value, unit, as written)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from bot.answering.cells import (
    ACTUAL,
    column_for,
    fiscal_start,
    is_own,
    resolved,
    span_of,
    value_columns,
)
from bot.answering.items import Item, Words, item_words, match, normalized
from bot.answering.when import Wanted
from bot.knowledge.columns import STATED_UNIT_WORDS
from bot.knowledge.documents import Chunk, Document
from bot.knowledge.formats import BOILERPLATE
from bot.knowledge.table_text import column_name, row_label
from bot.knowledge.tables import (
    BALANCE,
    CASH_FLOW,
    INCOME,
    PREVIOUS,
    STOCK,
    VALUE,
    Row,
    Table,
)
from bot.language.dates import year_before
from bot.language.lexicon import Lexicon, Patterns
from bot.language.numbers import Unit, parse_figure, parse_unit
from bot.language.statements import load_vocabulary
from bot.language.text import fold
from bot.search.index import Index

_FLOWS = (INCOME, CASH_FLOW)
# Asked with no period, an item both statements give is first the income statement's (what the
# period made), then the balance sheet's, the cash flows', the equity statement's.
_ORDER = {INCOME: 0, BALANCE: 1, CASH_FLOW: 2}


@dataclass(frozen=True)
class Cell:
    """One figure of a table: where it is and what it says."""

    chunk: Chunk  # the row, as indexed and cited
    table: Table  # its table, columns dated
    row: Row
    column: int
    written: str  # the cell as the report writes it
    value: Decimal
    unit: Unit | None
    wanted: Wanted | None  # the period asked for (None: the report's own)
    whole: str | None = None  # the total its row is one part of ("Lợi nhuận sau thuế TNDN")

    @property
    def document(self) -> Document:
        return self.chunk.document

    @property
    def label(self) -> str:
        return row_label(self.table, self.row)

    @property
    def header(self) -> str:
        return column_name(self.table, self.column)


@dataclass(frozen=True)
class Found:
    """What a figure question found: the cells of every period it wants, or, when a row
    names its item but no column its period, that row alone (the period is not there)."""

    item: Item
    cells: tuple[Cell, ...] = ()
    row: Chunk | None = None  # a row naming the item, when no cell was found


def item_of(text: str, taken: list[tuple[int, int]], lexicon: Lexicon) -> Item:
    """The item of a question (its cleaned text), outside the places `taken` by its periods
    and the organisations it names."""
    return item_words(text, taken, lexicon)


def find(item: Item, wanted: Sequence[Wanted | None], documents: Sequence[Document],
         index: Index, patterns: Patterns, focus: str | None = None,
         aim: str = ACTUAL) -> Found:
    """The cells of `item` for each wanted period (None: the report's own), from one row of
    one report: the row that names the item closest, in a statement before a note, in a
    report about the first period wanted before one that only compares with it."""
    rows = _rows(_headline(item, patterns), documents, index, patterns, _basis(wanted)) or \
        _rows(item, documents, index, patterns, _basis(wanted))
    best_row = rows[0] if rows else None
    for chunk in _by_period(rows, wanted, focus):
        cells = _cells(chunk, wanted, aim)
        if cells is not None:
            return Found(item, tuple(replace(cell, whole=whole_of(cell, patterns))
                                     for cell in cells))
    return Found(item, (), best_row)


def _headline(item: Item, patterns: Patterns) -> Item:
    """The line item a bare item means ("doanh thu" → "doanh thu thuần"), or none."""
    said = normalized(" ".join(item.required), patterns)
    for bare, meant in patterns.figure_headlines:
        if said == normalized(bare, patterns):
            return Item(normalized(meant, patterns), item.optional)
    return Item(())


def _rows(item: Item, documents: Sequence[Document], index: Index, patterns: Patterns,
          basis: str | None) -> list[Chunk]:
    """The table rows naming the item, closest first: every row of the reports' tables is
    matched by its label (search ranks long rows of figures below short notes that say the
    same words)."""
    if not item:
        return []
    ranked = []
    for document in documents:
        for t, table in enumerate(document.tables):
            if document.role(table.paragraph) == BOILERPLATE:
                continue  # a signature block, a table of contents
            statement = table.statement
            fits = statement is not None and (basis is None or (basis == STOCK) == (
                statement == BALANCE) or (basis != STOCK and statement in _FLOWS))
            context = normalized(table.title, patterns)
            labels, parents = _labels(table, patterns)
            for r, (row, label, parent) in enumerate(zip(table.rows, labels, parents)):
                if row.heading:
                    continue
                found = match(item, label, patterns, context)
                if found is None and parent is not None:  # a part named with its total
                    found = match(item, labels[parent] + label, patterns, context)
                if found is None:
                    continue
                chunk = index.row_chunk(document.path, t, r)
                if chunk is not None:
                    ranked.append(((statement is None, not fits, found.helped,
                                    _ORDER.get(statement, 9),
                                    row.code is None, not found.exact, found.extra,
                                    len(ranked)), chunk))
    ranked.sort(key=lambda item: item[0])
    return [chunk for _, chunk in ranked]


Labels = tuple[tuple[Words, ...], tuple[int | None, ...]]
_LABELS: dict[int, tuple[Table, Labels]] = {}
LABEL_CACHE = 4096  # tables whose rows' labels stay normalized
# A total is split among a few holders ("Phân bổ cho: Cổ đông của công ty mẹ; Cổ đông không
# kiểm soát"): that many rows after the breakdown's heading are parts of the row above it.
BREAKDOWN_ROWS = 4


def _labels(table: Table, patterns: Patterns) -> Labels:
    """The normalized label of each row of a table, and the row of the total it is one part
    of where a total is broken down (else None), worked out once."""
    kept = _LABELS.get(id(table))
    if kept is None or kept[0] is not table:
        if len(_LABELS) >= LABEL_CACHE:
            _LABELS.clear()
        labels = tuple(normalized(row_label(table, row), patterns) for row in table.rows)
        kept = (table, (labels, _parents(table, labels, patterns)))
        _LABELS[id(table)] = kept
    return kept[1]


def _parents(table: Table, labels: tuple[Words, ...],
             patterns: Patterns) -> tuple[int | None, ...]:
    """The row each row is one part of: the rows right under a heading that says a breakdown
    ("Phân bổ cho:", "Trong đó:") are parts of the row of figures above it."""
    parents: list[int | None] = []
    parent, left = None, 0
    for r, (row, label) in enumerate(zip(table.rows, labels)):
        if row.heading:
            said = " ".join(label)
            above = r > 0 and not table.rows[r - 1].heading
            opens = any(f"{said} ".startswith(f"{phrase} ")
                        for phrase in patterns.figure_breakdowns)
            parent, left = (r - 1, BREAKDOWN_ROWS) if above and opens else (None, 0)
            parents.append(None)
            continue
        parents.append(parent if left else None)
        left = max(left - 1, 0)
    return tuple(parents)


def whole_of(cell: Cell, patterns: Patterns) -> str | None:
    """The label of the total a cell's row is one part of ("Lợi nhuận sau thuế TNDN" for
    "Cổ đông của công ty mẹ"), if it is one."""
    rows = cell.table.rows
    at = next((r for r, row in enumerate(rows) if row is cell.row), None)
    if at is None:
        return None
    whole = _labels(cell.table, patterns)[1][at]
    return None if whole is None else row_label(cell.table, rows[whole])


def _basis(wanted: Sequence[Wanted | None]) -> str | None:
    return next((w.basis for w in wanted if w is not None and w.basis), None)


def _by_period(rows: list[Chunk], wanted: Sequence[Wanted | None],
               focus: str | None = None) -> list[Chunk]:
    """The rows of reports about the first dated period wanted first, else of the report a
    conversation is about ("còn cùng kỳ năm trước?" of the quarter asked before); an audited
    or reviewed report before one its company prepared alone."""
    first = next((w for w in wanted if w is not None and w.dated), None)

    def key(item: tuple[int, Chunk]) -> tuple[bool, bool, bool, int]:
        place, chunk = item
        document = chunk.document
        own = first is not None and is_own(first, span_of(document), fiscal_start(document))
        focused = first is None and document.path == focus
        audited = document.identity is not None and bool(document.identity.audit)
        return not own, not focused, not audited, place

    return [chunk for _, chunk in sorted(enumerate(rows), key=key)]


def _cells(chunk: Chunk, wanted: Sequence[Wanted | None],
           aim: str = ACTUAL) -> tuple[Cell, ...] | None:
    """The cells of one row for every wanted period, or None when one is missing: what
    each made, or (`aim`) what was planned for the first, or the share of it done."""
    document = chunk.document
    span, first_month = span_of(document), fiscal_start(document)
    table = dated_table(chunk)
    cells: list[Cell] = []
    for asked in wanted:
        column = _compared(table, asked, cells[-1]) if cells else None
        if column is None and (cells or aim == ACTUAL):
            column = _headed(table, asked)
        if column is None:
            column = column_for(table, asked, span, first_month, ACTUAL if cells else aim)
        cell = None if column is None else cell_at(chunk, table, column, asked)
        if cell is None:
            return None
        cells.append(cell)
    return tuple(cells)


def dated_table(chunk: Chunk) -> Table:
    """The table of a row's chunk, its relative columns dated from the report's period."""
    document = chunk.document
    return resolved(document.tables[chunk.table], span_of(document), fiscal_start(document))


def cell_at(chunk: Chunk, table: Table, column: int, asked: Wanted | None) -> Cell | None:
    """The figure of a row's chunk in one column of its (dated) table, with its unit; None
    when the cell holds no figure."""
    row = table.rows[chunk.row]
    if column >= len(row.cells):
        return None
    written = row.cells[column].strip().strip("*_").strip()
    figure = parse_figure(written)
    if figure is None:
        return None
    unit_text = (table.columns[column].unit or _row_unit(table, row) or table.unit
                 or _unit_of(chunk.document))
    unit = parse_unit(unit_text) if unit_text else None
    if figure.percent:
        unit = parse_unit("%")
    return Cell(chunk, table, row, column, written, figure.value, unit, asked)


def _headed(table: Table, asked: Wanted | None) -> int | None:
    """The column whose header says what the question says of the period ("so với cùng kỳ
    năm trước" of a statistics table: the change is the figure asked)."""
    if asked is None or asked.dated or len(asked.said.split()) < 2:
        return None
    said = f" {asked.said} "
    headed = [i for i, column in enumerate(table.columns) if column.role == VALUE
              and said in f" {' '.join(fold(column.label).lower().split())} "]
    return headed[0] if len(headed) == 1 else None


def _row_unit(table: Table, row: Row) -> str | None:
    """The unit a row states in a unit column ("Đơn vị tính" / "ĐVT": "Triệu USD",
    "Nghìn tấn", "Người"), as statistics tables give each row its own."""
    stated_by = load_vocabulary().unit_stated_by
    for i, column in enumerate(table.columns):
        if column.role == VALUE or i >= len(row.cells):
            continue
        if fold(column.label).lower().strip(" :.") not in stated_by:
            continue
        unit = " ".join(row.cells[i].strip("*_ ").split())
        if unit and len(unit.split()) <= STATED_UNIT_WORDS and parse_figure(unit) is None:
            return unit[:1].lower() + unit[1:] if unit[1:2].islower() else unit
    return None


def _unit_of(document: Document) -> str | None:
    """The unit the document's statements state most often: a statement table that states
    none (its unit line read with another table's page) has its neighbours'."""
    units = [t.unit for t in document.tables if t.statement and t.unit]
    return max(set(units), key=units.count) if units else None


def _compared(table: Table, asked: Wanted | None, before: Cell) -> int | None:
    """For "cùng kỳ" after a period: the column of the same span a year before the one
    found for that period ("6 tháng đầu năm 2025 … so với cùng kỳ" is the first half of
    2024, not the second quarter)."""
    if asked is None or asked.dated or asked.relation != PREVIOUS or asked.basis is not None:
        return None
    found = table.columns[before.column]
    if found.end is None:
        return None
    start = year_before(found.start) if found.start else None
    end = year_before(found.end)
    for i in value_columns(table):
        column = table.columns[i]
        if column.end == end and column.start == start and i != before.column:
            return i
    return None


def organisation_words(names: Sequence[str]) -> set[str]:
    """The folded words of organisation names (dropped from a question's item)."""
    return {w for name in names for w in fold(name).lower().split()}
