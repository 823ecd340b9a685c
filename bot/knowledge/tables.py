"""Tables as tables: a report's tables read into rows and columns with their header, unit and
the period each column gives figures for, whatever format they came in (Markdown pipes, HTML
<table>, Word, PDF, Excel, CSV, a scan's word boxes).

This is the contract every reader fills and the answering stage reads; the readers live with
their formats (bot/knowledge/formats/).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# What a column holds.
LABEL = "label"  # the row's label ("Doanh thu thuần về bán hàng và cung cấp dịch vụ")
CODE = "code"  # "Mã số" (10, 270, 440 of the standard statement forms)
NOTE = "note"  # "Thuyết minh" (V.1, 25)
VALUE = "value"  # figures
OTHER = "other"  # anything else (an order number "STT", a free-text column)

# What a value column's figures are, against the report's own period (see Column).
CURRENT = "current"  # the report's own period or its closing date ("Quý này năm nay",
#                      "Năm nay", "Số cuối kỳ", "31/12/2024" of a 2024 report)
PREVIOUS = "previous"  # the comparison: the same period a year before, or the opening date
#                        ("Quý này năm trước", "Năm trước", "Số đầu năm", "01/01/2024")
# How a value column's figures run.
FLOW = "flow"  # over a span of time: revenue, profit (income and cash-flow statements)
STOCK = "stock"  # at one date: assets, debts, equity (the balance sheet)
CUMULATIVE = "cumulative"  # a flow from the start of the (fiscal) year ("Lũy kế từ đầu năm
#                             đến cuối quý này", "6 tháng đầu năm", "9 tháng")


@dataclass(frozen=True)
class Column:
    """One column of a table: its header as a person reads it and what its cells hold."""

    label: str  # every header row over it, top to bottom, joined by " / "
    #            ("Tháng 12 năm 2024 so với / Cùng kỳ năm trước"); "" when it has none
    role: str = VALUE  # LABEL, CODE, NOTE, VALUE or OTHER
    relation: str | None = None  # CURRENT or PREVIOUS, when the header says (value columns)
    basis: str | None = None  # FLOW, STOCK or CUMULATIVE, when the header or table says
    start: date | None = None  # the first day its figures cover (a flow), when known
    end: date | None = None  # the last day they cover, or the date of a stock figure


@dataclass(frozen=True)
class Row:
    """One row: its label (lines of a multi-line label joined), the statement code and note
    when the table has those columns, and every cell as written (one per column, "" when
    empty, the label's own cell included)."""

    label: str
    cells: tuple[str, ...]
    code: str | None = None
    note: str | None = None
    heading: bool = False  # a row that only heads those under it ("A. TÀI SẢN NGẮN HẠN" with
    #                        no figure, or a section title spanning the table)


@dataclass(frozen=True)
class Table:
    """A table of a document: what it is called, its columns and rows, its unit, and where it
    stands (the 0-based paragraph of the document it replaces, its page in a PDF or scan, its
    sheet in a workbook)."""

    title: str  # the heading or caption above it ("BẢNG CÂN ĐỐI KẾ TOÁN HỢP NHẤT"), the
    #             sheet's name in a workbook, else ""
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unit: str | None = None  # as the report states it ("VND", "triệu đồng"), near the table
    #                          or in its header; None when it says none
    paragraph: int = 0  # the document paragraph that shows the table (see Document)
    page: int | None = None
    sheet: str | None = None
