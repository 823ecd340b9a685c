"""Spreadsheets: an Excel workbook (.xlsx, read by openpyxl in read-only mode, each sheet a
table named by its title, merged cells in every place they cover) and a CSV file (its
delimiter sniffed, UTF-8 with or without BOM); each table one paragraph of the document."""

from __future__ import annotations

import csv
import io
import logging
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from bot.knowledge.formats.common import MAX_FILE_ROWS, TABLE, Parsed, decode, parsed, read_bytes
from bot.knowledge.formats.grid import MAX_COLUMNS, MAX_ROWS, build_table
from bot.knowledge.formats.limits import check_archive
from bot.knowledge.table_text import caption
from bot.knowledge.tables import Table
from bot.language.numbers import format_number

logger = logging.getLogger(__name__)

SNIFF_BYTES = 64 * 1024  # how much of a CSV file the delimiter is guessed from
_DEFAULT_SHEET = re.compile(r"^(?:sheet|trang tính|bảng tính|feuil|tabelle)\s*\d*$", re.I)


def read_xlsx(path: Path) -> Parsed:
    """An Excel workbook: each sheet a table named by its title."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(path, "an Excel file")  # before openpyxl unpacks anything
    try:
        workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise ValueError(f"not a readable Excel workbook ({type(exc).__name__}): open it and "
                         "save it again as .xlsx") from exc
    except Exception as exc:  # noqa: BLE001 - a damaged zip or XML raises many kinds
        raise ValueError(f"not a readable Excel workbook ({type(exc).__name__}): open it and "
                         "save it again as .xlsx") from exc
    tables: list[Table] = []
    paragraphs: list[str] = []
    budget = MAX_FILE_ROWS
    try:
        for sheet in workbook.worksheets:
            if budget <= 0:
                logger.warning("%s: sheets past %d rows were left out", path.name,
                               MAX_FILE_ROWS)
                break
            grid = _sheet_grid(sheet, budget)
            budget -= len(grid)
            named = None if _DEFAULT_SHEET.match(sheet.title.strip()) else sheet.title.strip()
            table = build_table(grid, title=named, paragraph=len(paragraphs), sheet=sheet.title)
            if table is None:
                continue
            paragraphs.append(caption(table))
            tables.append(table)
    finally:
        workbook.close()
    props = workbook.properties
    stamp = props.created or props.modified
    title = (props.title or "").strip() or None
    return parsed(title, stamp.strftime("%Y-%m-%d") if stamp else None, paragraphs,
                  roles=[TABLE] * len(paragraphs), tables=tables)


def _sheet_grid(sheet, limit: int) -> list[list[str]]:
    """A sheet's cells as text, each merged range's text in every cell it covers. Read-only
    worksheets do not keep merged ranges, so the sheet's XML is read once with openpyxl's
    own parser, which records them as it passes."""
    from openpyxl.worksheet._reader import WorkSheetParser

    cells: dict[tuple[int, int], str] = {}
    workbook = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True,
                                 epoch=workbook.epoch, date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        for read, (number, row) in enumerate(parser.parse(), start=1):
            if read > min(limit, MAX_ROWS + 1):
                break
            for cell in row:
                column = cell["column"]
                if column <= MAX_COLUMNS and cell["value"] is not None:
                    cells[(number, column)] = _text(cell["value"])
        merged = getattr(parser, "merged_cells", None)
    for bounds in _ranges(merged):
        low_col, low_row, high_col, high_row = bounds
        text = cells.get((low_row, low_col), "")
        for r in range(low_row, min(high_row, low_row + MAX_ROWS) + 1):
            for c in range(low_col, min(high_col, MAX_COLUMNS) + 1):
                cells.setdefault((r, c), text)
    if not cells:
        return []
    top = min(r for r, _ in cells)
    bottom = max(r for r, _ in cells)
    width = max(c for _, c in cells)
    return [[cells.get((r, c), "") for c in range(1, width + 1)] for r in range(top, bottom + 1)]


def _ranges(merged) -> list[tuple[int, int, int, int]]:
    """The bounds (first column, first row, last column, last row) of merged ranges."""
    from openpyxl.worksheet.cell_range import CellRange

    if merged is None:
        return []
    out = []
    for item in getattr(merged, "mergeCell", []):
        try:
            out.append(CellRange(item.ref).bounds)
        except (ValueError, TypeError, AttributeError):
            continue
    return out


def _text(value: object) -> str:
    """A cell's value as a person reads it: numbers grouped the Vietnamese way, dates as
    dd/mm/yyyy."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return format_number(Decimal(value))
    if isinstance(value, float):
        return format_number(Decimal(repr(value))) if value == value else ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def read_csv(path: Path) -> Parsed:
    """A CSV file: one table; its delimiter (comma, semicolon, tab, bar) is guessed."""
    text = decode(read_bytes(path))
    sample = text[:SNIFF_BYTES]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    grid: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(grid) > MAX_ROWS:
                break
            grid.append([" ".join(cell.split()) for cell in row[:MAX_COLUMNS]])
    except csv.Error as exc:
        raise ValueError(f"not a readable CSV file ({exc}): save it again as CSV UTF-8") \
            from exc
    table = build_table(grid)
    if table is None:
        raise ValueError("empty: add some rows or remove the file")
    return parsed(None, None, [caption(table)], roles=[TABLE], tables=[table])
