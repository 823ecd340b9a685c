"""A grid of cells, as any format gives it (merged cells already copied into every place they
cover), made a Table: its title and unit from the lines above it, its header rows (one or
several) and what each column holds, its rows with label, code and note, headings, labels
that ran onto a second row, and the statement it is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from bot.knowledge.columns import (
    header_levels,
    header_role,
    relate,
    split_unit,
    statement_of,
    unit_in,
    value_column,
)
from bot.knowledge.formats.headers import (
    header_count,
    is_figure,
    numbering,
    page_title,
    shifted,
    spanning,
)
from bot.knowledge.formats.titles import TITLE_LOOKBACK, TITLE_WORDS, title_of
from bot.knowledge.tables import CODE, LABEL, NOTE, OTHER, VALUE, Column, Row, Table
from bot.language.numbers import parse_figure
from bot.language.statements import Vocabulary, key, load_vocabulary

logger = logging.getLogger(__name__)

MAX_ROWS = 5000  # rows kept of one table: a statement has about a hundred, a statistics
#                  sheet some thousands; past that it is data to compute on, not to read
MAX_COLUMNS = 60  # columns kept: wider grids are data dumps, and a row line would not read
FIGURE_SHARE = 0.5  # a column whose filled cells are at least this share figures holds values
CODE_SHARE = 0.6  # an unheaded column whose cells are this share statement codes holds codes
LINK_LOOKBACK = 3  # tables back a continued table is looked for (page footers and running
#                    headers are tables too in converted text)
CODE_GAP = 100  # a continuation's first code is at most this past the last one before (a
#                section of the form B01: 200 after 158, 300 after 270)
_CODE = re.compile(r"^\d{2,3}[a-z]?$")  # "01", "270", "421a": codes of the standard forms
_CODE_CELL = re.compile(r"^[0-9]{1,4}[a-zA-Z]?(?:\.\d{1,2})?$")  # what a code column may hold
_ENUMERATION = re.compile(r"^(?:[IVXLC]+|\d{1,2}|[a-zA-Zđ])(?:\.\d{1,2})*\s*[.)\-–]\s*(?=\S)"
                          r"|^[-–•+]\s*(?=\S)")
_FORMULA = re.compile(r"\s*\(?\s*\d{1,3}[a-z]?\s*=\s*\d{1,3}[a-z]?(?:\s*[+\-–]\s*\d{1,3}[a-z]?)*"
                      r"\s*\)?\s*")
_STAR = re.compile(r"\s*\(\s*\*+\s*\)")
_ORDER_CELL = re.compile(r"^(?:[IVXLC]+|\d{1,3}|[a-zA-Z])[.)]?$")  # "IV", "1.", "a)"


def build_table(grid: Sequence[Sequence[str]], *, header_rows: int | None = None,
                context: Sequence[str] = (), title: str | None = None, paragraph: int = 0,
                page: int | None = None, sheet: str | None = None) -> Table | None:
    """Make a Table of a grid; `header_rows` when the format marks its header (a Markdown
    table's first row, HTML's <th> rows), else it is found; `context` the text lines above
    the table, in document order. None when the grid holds no text at all."""
    vocabulary = load_vocabulary()
    rows = [[" ".join(cell.split()) if "\n" not in cell else _lines(cell) for cell in
             list(row)[:MAX_COLUMNS]] for row in grid]
    truncated = len(rows) > MAX_ROWS
    if truncated:
        logger.warning("A table of %d rows was cut to %d", len(rows), MAX_ROWS)
        rows = rows[:MAX_ROWS]
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows if any(c for c in r)]
    if not rows:
        return None
    lines = list(context)
    while header_rows is None and len(rows) > 1 and width > 1 and spanning(rows[0]):
        lines.append(_first(rows.pop(0)))  # a title or unit row across the top of a sheet
    if len(rows) > 1 and page_title(rows[0]):
        # A page's running title over the table; its header is the row under it.
        lines.extend(next(c for c in rows.pop(0) if c).split("\n"))
        header_rows = None
    used = [j for j in range(width) if any(r[j] for r in rows)]
    rows = [[r[j] for j in used] for r in rows]
    count = header_count(rows, header_rows, vocabulary)
    header, body = rows[:count], [r for r in rows[count:] if not numbering(r)]
    body = [r for r in body if r not in header]  # a header repeated on a later page
    header = [[""] + row[:-1] if shifted(row, body, vocabulary) else row for row in header]
    named = [row for row in header if not numbering(row)]  # column numbers name nothing
    levels = [_levels([row[j] for row in named]) for j in range(len(used))]
    units = []
    for j, column_levels in enumerate(levels):
        levels[j], unit = split_unit(column_levels, vocabulary)
        units.append(unit)
    roles = _roles(levels, body, vocabulary)
    title = title if title is not None else title_of(lines)
    built = [_row(r, roles) for r in body]
    built = _join_wrapped(built, roles)
    codes = {r.code for r in built if r.code}
    near = [line for block in lines[-TITLE_LOOKBACK:][::-1] for line in block.split("\n")[::-1]
            if len(line.split()) <= TITLE_WORDS]
    statement = statement_of(title, near, codes, [r.label for r in built], vocabulary)
    columns = []
    for j, role in enumerate(roles):
        label = " / ".join(levels[j])
        columns.append(value_column(label, units[j], statement, vocabulary) if role == VALUE
                       else Column(label, role, unit=units[j]))
    value_units = {units[j] for j, role in enumerate(roles) if role == VALUE}
    unit = unit_in(lines[-TITLE_LOOKBACK:][::-1]) or (
        value_units.pop() if len(value_units) == 1 else None)
    return Table(title, relate(columns), tuple(built), unit, paragraph, page, sheet,
                 statement, truncated=truncated)


def _lines(cell: str) -> str:
    return "\n".join(" ".join(line.split()) for line in cell.split("\n") if line.strip())


def _first(row: list[str]) -> str:
    return next((c for c in row if c), "").replace("\n", " ")


def _levels(cells: list[str]) -> list[str]:
    """A column's header lines, top to bottom, a merged cell's repeats said once."""
    out: list[str] = []
    for i, cell in enumerate(cells):
        if i and cell == cells[i - 1]:
            continue  # a cell merged over two header rows
        for level in header_levels(cell):
            if not out or out[-1] != level:
                out.append(level)
    return out


def _roles(levels: list[list[str]], body: list[list[str]], vocabulary: Vocabulary) -> list[str]:
    """What each column holds: what its header names, else by its cells: figures, the
    first column of words (the label), statement codes next to it, other words."""
    roles: list[str | None] = [header_role(" ".join(lv), vocabulary) if lv else None
                               for lv in levels]
    for j, role in enumerate(roles):
        if role is not None:
            continue
        cells = [r[j] for r in body if r[j] and r[j] not in ("-", "–")]
        figures = sum(is_figure(c) or bool(parse_figure(c)) for c in cells)
        if cells and figures >= FIGURE_SHARE * len(cells):
            roles[j] = VALUE
        elif not cells and levels[j]:
            roles[j] = VALUE  # a headed column left empty: a period with no figures yet
    if LABEL not in roles:
        texts = [j for j, role in enumerate(roles) if role is None]
        # the first column of words that most rows fill; a sparse one left of it only
        # groups them (a merged cell the conversion left in its first row)
        full = [j for j in texts if sum(bool(r[j]) for r in body) >= FIGURE_SHARE * len(body)]
        if full or texts:
            roles[(full or texts)[0]] = LABEL
    label = roles.index(LABEL) if LABEL in roles else -1
    for j, role in enumerate(roles):
        if role is None and not levels[j] and CODE not in roles and j == label + 1:
            cells = [r[j] for r in body if r[j]]
            if cells and sum(bool(_CODE.match(c)) for c in cells) >= CODE_SHARE * len(cells):
                roles[j] = CODE
    return [role or OTHER for role in roles]


def _row(cells: list[str], roles: list[str]) -> Row:
    cells = list(cells)
    at_label = roles.index(LABEL) if LABEL in roles else None
    at_code = roles.index(CODE) if CODE in roles else None
    if at_label is not None and at_code is not None and not cells[at_code]:
        first, _, rest = cells[at_label].partition("\n")
        if rest and _CODE.match(first.strip()):  # "004<br/>1. Nợ khó đòi": a code in the label
            cells[at_code], cells[at_label] = first.strip(), rest
    flat = tuple(c.replace("\n", " ") for c in cells)
    label = flat[at_label] if at_label is not None else ""
    code = flat[at_code].strip("* ") if at_code is not None else ""
    if code and not _CODE_CELL.match(code):
        label, code = label or code, ""  # a heading written in the code column
    note = next((flat[j].strip("* ") for j, r in enumerate(roles) if r == NOTE), "") or None
    code = code or None
    if not label:  # a total written across the order column: "| TỔNG TÀI SẢN CÓ | | … |"
        label = next((c for c, r in zip(flat, roles) if r == OTHER and c
                      and not _ORDER_CELL.match(c) and parse_figure(c) is None), "")
    label = clean_label(label)
    others = [c for c, r in zip(flat, roles) if c and (r == VALUE or r == OTHER and c != label
                                                         and not _ORDER_CELL.match(c))]
    spanning = len({c for c in flat if c}) == 1 and len(flat) > 1 and all(flat)
    if spanning:
        return Row(label or clean_label(flat[0]), tuple(c if r == LABEL else "" for c, r in
                                                        zip(flat, roles)), heading=True)
    return Row(label, flat, code, note, heading=bool(label) and not code and not others)


def clean_label(label: str) -> str:
    """A row label without its order number ("I.", "1.", "a)", "-"), the sum it is made of
    ("(100 = 110 + 120)") and the "(*)" of a negative item."""
    label = _ENUMERATION.sub("", label.strip(), count=1)
    label = _STAR.sub("", _FORMULA.sub(" ", label))
    return " ".join(label.split()).strip(" :")


def _join_wrapped(rows: list[Row], roles: list[str]) -> list[Row]:
    """A label that ran onto a row of its own (nothing but words starting in lower case)
    is joined to the row above."""
    out: list[Row] = []
    for row in rows:
        if out and row.heading and row.label[:1].islower() and not out[-1].heading \
                or out and row.heading and row.label[:1] == "(":
            above = out[-1]
            label = f"{above.label} {row.label}".strip()
            cells = tuple(label if r == LABEL else c for c, r in zip(above.cells, roles))
            out[-1] = replace(above, label=label, cells=cells)
        else:
            out.append(row)
    return out


def link_tables(tables: Sequence[Table]) -> tuple[Table, ...]:
    """Join each table to the one it goes on from, across a page break: the same column
    headers (a repeated header), or none of its own and as many columns; it then takes the
    other's title, unit and statement where it states none, and a headerless one its
    columns."""
    out: list[Table] = []
    for table in tables:
        before = next((i for i in range(len(out) - 1, max(-1, len(out) - 1 - LINK_LOOKBACK), -1)
                       if _goes_on(out[i], table)), None)
        if before is not None:
            previous = out[before]
            columns = table.columns
            if not any(c.label for c in columns):
                columns = previous.columns
                table = _recolumned(table, columns)
            table = replace(table, continues=before, title=table.title or previous.title,
                            unit=table.unit or previous.unit,
                            statement=table.statement or previous.statement)
        out.append(table)
    return tuple(out)


def _goes_on(previous: Table, table: Table) -> bool:
    """A table goes on from an earlier one when its title says so ("(tiếp theo)") or, with
    no title of its own, the earlier one is a statement; and it repeats the same header,
    or has none at all on the page after (a PDF table carried over)."""
    labels = [key(c.label) for c in table.columns]
    same_header = any(labels) and labels == [key(c.label) for c in previous.columns]
    headerless = not any(labels) and len(table.columns) == len(previous.columns) \
        and previous.values() and (
            table.page is not None and previous.page is not None
            and table.page == previous.page + 1
            or not table.title and previous.statement is not None and _codes_go_on(previous,
                                                                                   table))
    said = any(w in key(table.title) for w in load_vocabulary().continued) or (
        not table.title and previous.statement is not None) or (
        key(table.title) == key(previous.title) and previous.statement is not None)
    return bool(same_header and said or headerless)


def _codes_go_on(previous: Table, table: Table) -> bool:
    """The statement codes of a table with no header pick up where the earlier one's end
    ("… 225" then "226 …"): its continuation in converted text that marks no pages."""
    before = [int(r.code[:3]) for r in previous.rows if r.code and r.code[:3].isdigit()]
    after = [r.cells[i] for r in table.rows[:1] for i in range(min(len(r.cells), 3))
             if _CODE.match(r.cells[i])]
    return bool(before and after) and before[-1] <= int(after[0][:3]) <= before[-1] + CODE_GAP


def _recolumned(table: Table, columns: tuple[Column, ...]) -> Table:
    """A headerless continuation read with the columns of the table it goes on from."""
    roles = [c.role for c in columns]
    rows = _join_wrapped([_row(list(r.cells), roles) for r in table.rows], roles)
    return replace(table, columns=columns, rows=tuple(rows))
