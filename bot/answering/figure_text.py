"""Figures as an answer says them: the figure as the report writes it with its unit and a
readable rounding ("123.456.789.012 đồng ≈ 123,5 tỷ đồng"), the period it is for, the
row and column that show it; changes computed exactly ("tăng 16,7%")."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from bot.answering.cells import fiscal_start, is_plan
from bot.answering.figures import Cell
from bot.knowledge.tables import CHANGE, STOCK, Column
from bot.language.numbers import Unit, convert, format_number, format_percent, percent_change
from bot.language.numbers import rounding as rounded
from bot.language.periods import period_of_span

_GROUPING = (".", ",", " ", "\u00a0", "\u202f", "\u2009")
_REMARK = re.compile(r"\s*\([^()]*\)")


def period_of(cell: Cell) -> str:
    """The period a cell's figure is for, as a person says it."""
    column = cell.table.columns[cell.column]
    start, end = column.start, column.end
    if end is None or column.relation == CHANGE:
        header = cell.header  # "10 tháng 2025 so với cùng kỳ (%)" says what it compares
        return header[:1].lower() + header[1:] if header[1:2].islower() else header
    if is_plan(column):
        return f"kế hoạch {_period(cell, column, start, end)}"
    return _period(cell, column, start, end)


def _period(cell: Cell, column: Column, start: date | None, end: date) -> str:
    if column.basis == STOCK or start is None:
        return f"tại ngày {_day(end)}"
    first_month = fiscal_start(cell.document)
    if first_month != 1:  # "quý 1 niên độ 2024-2025", as the report names its quarters
        return period_of_span(start, end, first_month).label()
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and months == 12 and start.month == 1:
        return f"năm {end.year}"
    if start.day == 1 and months == 1 and _last_day(end):
        return f"tháng {start.month}/{start.year}"
    if start.day == 1 and months == 3 and start.month in (1, 4, 7, 10):
        return f"quý {(start.month + 2) // 3}/{start.year}"
    if start.day == 1 and start.month == 1:
        return f"{months} tháng đầu năm {end.year}"
    return f"từ {_day(start)} đến {_day(end)}"


def figure(cell: Cell) -> str:
    """The figure with its unit and rounding: "4,321,987 triệu đồng ≈ 4.322 tỷ đồng"."""
    written = cell.written
    shown = written if any(g in written for g in _GROUPING) else format_number(cell.value)
    if "." in written and "," not in written and cell.value != cell.value.to_integral_value():
        shown = format_number(cell.value)  # "105.2" of a CSV written the English way: 105,2
    if cell.unit is None:
        return shown
    if cell.unit.base == "%":
        return shown if shown.endswith("%") else f"{shown}%"
    text = f"{shown} {cell.unit.name}"
    rounding = rounded(cell.value, cell.unit)
    if rounding:
        return f"{text} ≈ {rounding}"
    scaled = rounded(cell.value, cell.unit, exact_too=True)  # "310.400.000.000 đồng = 310,4 tỷ"
    return f"{text} = {scaled}" if scaled and scaled != text else text


def short(cell: Cell) -> str:
    """The short answer: the figure with its unit, no rounding."""
    return figure(cell).split(" ≈ ")[0].split(" = ")[0]


def where(cell: Cell) -> str:
    """Which table, row and column show the figure (and that the report was audited or
    reviewed, when it says so)."""
    code = f" (mã số {cell.row.code})" if cell.row.code else ""
    title = _REMARK.sub("", cell.table.title).strip() or "bảng số liệu"  # no "(tiếp theo)"
    identity = cell.document.identity
    checked = f" Số liệu của báo cáo đã {identity.audit}." if identity and identity.audit else ""
    return f"Theo «{title}»: dòng «{cell.label}»{code}, cột «{cell.header}».{checked}"


def unit_name(cell: Cell) -> str | None:
    """The unit of a cell's figure as an answer writes it ("đồng", "triệu đồng")."""
    return cell.unit.name if cell.unit is not None else None


_PART = re.compile(r"^trong đó\s*:\s*", re.IGNORECASE)


def label(cell: Cell) -> str:
    """The row's label as a person reads it: remarks in parentheses dropped ("(mang sang
    trang sau)"), a label in capitals written in sentence case, after the total it is one
    part of ("Lợi nhuận sau thuế TNDN — cổ đông của công ty mẹ")."""
    text = _readable(cell.label)
    if cell.whole:
        return f"{_readable(cell.whole)} — {text[:1].lower()}{text[1:]}"
    return text


def _readable(said: str) -> str:
    text = _REMARK.sub("", said).strip() or said
    text = _PART.sub("", text) or text  # "Trong đó: Chi phí lãi vay"
    if text.isupper():
        text = text[:1] + text[1:].lower()
    return text


def line(cell: Cell, who: str | None = None) -> str:
    """One figure as a line: "Doanh thu thuần … năm 2024: 123.456.789.012 đồng ≈ …"."""
    of = f" của {who}" if who else ""
    return f"{label(cell)}{of}, {period_of(cell)}: {figure(cell)}"


def in_common(a: Cell, b: Cell) -> tuple[Decimal, Decimal, Unit | None]:
    """Both figures in one unit (the first one's) when their units differ."""
    if a.unit is None or b.unit is None or a.unit == b.unit or a.unit.base != b.unit.base:
        return a.value, b.value, a.unit
    return a.value, convert(b.value, b.unit, a.unit), a.unit


def change(old: Cell, new: Cell) -> tuple[str, str]:
    """The change from `old` to `new` in words and its short form: "tăng 19.902.084.237.733
    đồng (16,7%)" / "tăng 16,7%"; a change of sign is said in words."""
    before, after, unit = in_common(new, old)[1], new.value, new.unit
    difference = after - before
    amount = format_number(abs(difference))
    unit_name = f" {unit.name}" if unit is not None and unit.base != "%" else ""
    if before < 0 <= after:
        words = "chuyển từ lỗ sang lãi" if after > 0 else "hết lỗ"
        return f"{words} ({amount}{unit_name} so với kỳ so sánh)", words
    if before > 0 > after:
        return f"chuyển từ lãi sang lỗ ({amount}{unit_name})", "chuyển từ lãi sang lỗ"
    percent = percent_change(before, after)
    direction = "tăng" if difference > 0 else "giảm" if difference < 0 else "không đổi"
    if difference == 0 or percent is None:
        return direction, direction
    share = format_percent(abs(percent))
    return f"{direction} {amount}{unit_name} ({share})", f"{direction} {share}"


def _last_day(day: date) -> bool:
    return (day + timedelta(days=1)).day == 1


def _day(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
