"""Tables as a person reads them, without markup: a row as one line ("Doanh thu thuần (mã số
10): Năm 2024: 12.345.678.901.234; Năm 2023: 11.234.567.890.123"), a column by its
header, and what a table's own paragraph shows. Search indexes these lines, and they read
as the evidence line of an answer."""

from __future__ import annotations

import re

from bot.knowledge.tables import CODE, LABEL, NOTE, OTHER, VALUE, Row, Table
from bot.language.numbers import format_number, parse_figure

CAPTION_CHARS = 200  # a table's paragraph without a title shows this much of its header
_ORDER_WORDS = ("stt", "tt", "số tt")
_ENUMERATION = re.compile(r"^(?:[IVXLC]+|\d{1,3}|[a-zA-Z])[.)]?$")  # "IV", "1.", "a)"


def column_name(table: Table, index: int) -> str:
    """A column's header as one line: its rows joined by spaces ("Quý 1 Năm nay"); its unit
    is added when another column of the table has the same header ("(VND)", "(%)")."""
    column = table.columns[index]
    name = column.label.replace(" / ", " ")
    if column.unit and any(i != index and other.label == column.label
                           for i, other in enumerate(table.columns)):
        name = f"{name} ({column.unit})".strip()
    return name


def cell_text(text: str) -> str:
    """A cell as a row line shows it: figures grouped the Vietnamese way ("41276839520" ->
    "41.276.839.520", "(104,385)" -> "(104.385)"), anything else as written."""
    figure = parse_figure(text)
    if figure is None:
        return text
    shown = format_number(abs(figure.value))
    if figure.value < 0:
        shown = f"({shown})" if text.strip().strip("*").startswith("(") else f"-{shown}"
    return f"{shown}%" if figure.percent else shown


def row_label(table: Table, row: Row) -> str:
    """A row's label, or, when its label cell is empty, the first words another cell gives
    it (a total written in the order column: "TỔNG TÀI SẢN CÓ")."""
    if row.label:
        return row.label
    for column, cell in zip(table.columns, row.cells):
        if column.role == OTHER and cell and parse_figure(cell) is None:
            return cell
    return ""


def row_text(table: Table, row: Row) -> str:
    """One row as a line: label, code and note, then each filled cell with its column."""
    label = row_label(table, row)
    marks = [f"mã số {row.code}"] if row.code else []
    if row.note:
        marks.append(f"thuyết minh {row.note}")
    head = f"{label} ({', '.join(marks)})" if marks else label
    parts = []
    for index, (column, cell) in enumerate(zip(table.columns, row.cells)):
        if column.role in (LABEL, CODE, NOTE) or not cell or cell in ("-", "–", "—"):
            continue
        if column.role == OTHER and (cell == label or _is_order(column.label, cell)):
            continue
        shown = cell_text(cell) if column.role == VALUE else cell
        name = column_name(table, index)
        parts.append(f"{name}: {shown}" if name else shown)
    if not parts:
        return head
    return f"{head}: {'; '.join(parts)}" if head else "; ".join(parts)


def _is_order(header: str, cell: str) -> bool:
    """An order number ("1", "IV", "a)"), or any cell of an "STT" column, says nothing by
    itself."""
    return header.strip().lower() in _ORDER_WORDS or bool(_ENUMERATION.match(cell))


def caption(table: Table) -> str:
    """What a table's own paragraph shows: its title, else its header, else its first row."""
    if table.title:
        return table.title
    names = [column_name(table, i) for i in range(len(table.columns))]
    header = ", ".join(name for name in names if name)
    text = f"Bảng: {header}" if header else (row_text(table, table.rows[0]) if table.rows
                                               else "Bảng")
    return text if len(text) <= CAPTION_CHARS else text[:CAPTION_CHARS].rsplit(" ", 1)[0] + " …"


def tables_text(tables: list[Table] | tuple[Table, ...]) -> str:
    """A paragraph's tables as text: each caption, then each row on a line."""
    lines = []
    for table in tables:
        lines.append(caption(table))
        lines += [row_text(table, row) for row in table.rows]
    return "\n".join(lines)
