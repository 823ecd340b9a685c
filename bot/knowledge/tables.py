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
CHANGE = "change"  # not a period's figure but a comparison of two ("Tháng 12 năm 2024 so
#                    với cùng kỳ năm trước (%)", "Chênh lệch", "Tăng/giảm")
# How a value column's figures run.
FLOW = "flow"  # over a span of time: revenue, profit (income and cash-flow statements)
STOCK = "stock"  # at one date: assets, debts, equity (the balance sheet)
CUMULATIVE = "cumulative"  # a flow from the start of the (fiscal) year ("Lũy kế từ đầu năm
#                             đến cuối quý này", "6 tháng đầu năm", "9 tháng")
# Which statement a table is (its title, its form "Mẫu B 01-DN", or its codes say).
BALANCE = "balance"  # bảng cân đối kế toán / báo cáo tình hình tài chính (form B01)
INCOME = "income"  # báo cáo kết quả hoạt động kinh doanh (B02)
CASH_FLOW = "cash_flow"  # báo cáo lưu chuyển tiền tệ (B03)
EQUITY = "equity"  # báo cáo tình hình biến động vốn chủ sở hữu


@dataclass(frozen=True)
class Column:
    """One column of a table: its header as a person reads it and what its cells hold."""

    label: str  # every header row over it, top to bottom, joined by " / "
    #            ("Tháng 12 năm 2024 so với / Cùng kỳ năm trước"); "" when it has none
    role: str = VALUE  # LABEL, CODE, NOTE, VALUE or OTHER
    relation: str | None = None  # CURRENT or PREVIOUS, when the header says (value columns)
    basis: str | None = None  # FLOW, STOCK or CUMULATIVE, when the header or table says
    start: date | None = None  # the first day its figures cover (a flow), when known
    end: date | None = None  # the last day they cover, or the date of a stock figure (an
    #                          opening balance as written: "1/1/2024" is 2024-01-01)
    unit: str | None = None  # its own unit when its header states one ("VND", "%")


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
    statement: str | None = None  # BALANCE, INCOME, CASH_FLOW or EQUITY; None for others
    continues: int | None = None  # the index (in the document's tables) of the table this
    #                               one goes on from, across a page break
    truncated: bool = False  # rows past the cap (formats.grid.MAX_ROWS) were left out

    def values(self) -> list[int]:
        """The indexes of the value columns."""
        return [i for i, column in enumerate(self.columns) if column.role == VALUE]


def table_data(table: Table) -> dict:
    """The table as plain data (JSON), for the index cache."""
    return {
        "title": table.title, "unit": table.unit, "paragraph": table.paragraph,
        "page": table.page, "sheet": table.sheet, "statement": table.statement,
        "continues": table.continues, "truncated": table.truncated,
        "columns": [[c.label, c.role, c.relation, c.basis, _day(c.start), _day(c.end), c.unit]
                    for c in table.columns],
        "rows": [[r.label, list(r.cells), r.code, r.note, r.heading] for r in table.rows],
    }


def table_from(data: dict) -> Table:
    """The table that `table_data` wrote; KeyError, TypeError or ValueError when broken."""
    columns = tuple(Column(str(label), str(role), relation, basis, _date(start), _date(end),
                           unit)
                    for label, role, relation, basis, start, end, unit in data["columns"])
    rows = tuple(Row(str(label), tuple(str(c) for c in cells), code, note, bool(heading))
                 for label, cells, code, note, heading in data["rows"])
    return Table(str(data["title"]), columns, rows, data["unit"], int(data["paragraph"]),
                 data["page"], data["sheet"], data["statement"], data["continues"],
                 bool(data["truncated"]))


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
