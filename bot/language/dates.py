"""Dates and spans of time as report tables write them in their column headers: "31/12/2024",
"30-09-2025", "Ngày 31 tháng 3 năm 2025", "Từ 01/04/2025 đến 30/6/2025", "Quý II năm 2025",
"6 tháng đầu năm 2025", "Cho kỳ kế toán ba tháng kết thúc ngày 31 tháng 3 năm 2025",
"Tháng 12 năm 2024", "Năm 2024"; also where PDF text ran the words together
("TạiNgày30tháng06năm2025", "Quý02năm2025").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.language.text import fold

_YEAR = r"((?:19|20)\d\d)"
_NUMERIC = re.compile(rf"(?<!\d)(\d{{1,2}})\s*([/.-])\s*(\d{{1,2}})\s*\2\s*{_YEAR}(?!\d)")
_WORDED = re.compile(rf"(?<!\d)(\d{{1,2}})\s*thang\s*(\d{{1,2}})\s*(?:nam|/|-)?\s*{_YEAR}(?!\d)")
_BETWEEN = re.compile(r"^\s*(?:den|toi|-|–|—)\s*(?:ngay\s*)?$")
_ENDING = re.compile(r"(ba|3|sau|6|chin|9|muoi\s*hai|12)\s*thang\s*ket\s*thuc|"
                     r"(nam)\s*(?:tai\s*chinh\s*)?ket\s*thuc")
_QUARTER = re.compile(r"quy\s*(0?[1-4])(?!\d)|quy\s*(iv|iii|ii|i)(?![a-z])"
                      r"|(?<![a-z])q\s*([1-4])(?!\d)")
_HALF = re.compile(r"(?<!\d)(?:6|sau)\s*thang\s*(dau|cuoi)")
# "10 tháng 2025" counts ten months of 2025; "10 tháng 3" is a day of March, no count.
_MONTHS = re.compile(r"(?<!\d)(\d{1,2}|ba|sau|chin)\s*thang(?!\s*\d{1,2}(?!\d))")
_MONTH = re.compile(r"thang\s*(1[0-2]|0?[1-9])(?!\d)")
_YEAR_ALONE = re.compile(rf"(?<![\d.,]){_YEAR}(?![\d/.,%-]\d|\d)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_WORD_NUMBERS = {"ba": 3, "sau": 6, "chin": 9, "muoi hai": 12, "muoihai": 12}


@dataclass(frozen=True)
class Span:
    """The time a column's figures are for: from `start` to `end` (a flow), or at `end`
    alone (a stock, `start` None). `months` counts the months of a flow from the start of a
    year ("6 tháng đầu năm", "lũy kế"), None otherwise."""

    start: date | None
    end: date
    months: int | None = None


def dates_in(text: str) -> list[date]:
    """The calendar dates a text writes, in order ("31/12/2024", "ngày 31 tháng 3 năm 2025")."""
    return [day for _, _, day in _dated(fold(text).lower())]


def _dated(folded: str) -> list[tuple[int, int, date]]:
    found = []
    for pattern in (_NUMERIC, _WORDED):
        for m in pattern.finditer(folded):
            day, month, year = (int(m.group(1)), int(m.group(3)), int(m.group(4))) \
                if pattern is _NUMERIC else (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            try:
                found.append((m.start(), m.end(), date(year, month, day)))
            except ValueError:
                continue
    found.sort()
    kept: list[tuple[int, int, date]] = []
    for item in found:  # a worded date may also hold a numeric-looking piece: keep the first
        if not kept or item[0] >= kept[-1][1]:
            kept.append(item)
    return kept


def span_in(text: str, year: int | None = None) -> Span | None:
    """The span a header names, or None when it names none it can date ("Năm nay" alone);
    `year` stands in for a year the header leaves to another of its rows."""
    folded = fold(text).lower()
    dated = _dated(folded)
    if len(dated) >= 2:
        (_, end1, first), (start2, _, second) = dated[0], dated[1]
        if first < second and _BETWEEN.match(folded[end1:start2]):
            return Span(first, second)
    if dated:
        day = dated[0][2]
        ending = _ENDING.search(folded)
        if ending:
            count = 12 if ending.group(2) else _count(ending.group(1))
            return Span(_months_before(day, count), day)
        return Span(None, day)
    years = [int(y) for y in _YEAR_ALONE.findall(folded)]
    year = years[0] if years else year
    if year is None:
        return None
    month = _MONTH.search(folded)
    if month:
        number = int(month.group(1))
        return Span(date(year, number, 1), _month_end(year, number))
    quarter = _QUARTER.search(folded)
    if quarter:
        raw = quarter.group(1) or quarter.group(2) or quarter.group(3)
        number = _ROMAN.get(raw) or int(raw)
        return Span(date(year, 3 * number - 2, 1), _month_end(year, 3 * number))
    half = _HALF.search(folded)
    if half:
        if half.group(1) == "dau":
            return Span(date(year, 1, 1), date(year, 6, 30), 6)
        return Span(date(year, 7, 1), date(year, 12, 31))
    months = _MONTHS.search(folded)
    if months:
        count = _count(months.group(1))
        if 1 <= count <= 12:
            return Span(date(year, 1, 1), _month_end(year, count), count)
    if years:
        return Span(date(year, 1, 1), date(year, 12, 31))
    return None


def _count(word: str) -> int:
    return _WORD_NUMBERS.get(word.replace(" ", ""), 0) or (int(word) if word.isdigit() else 0)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months_before(end: date, months: int) -> date:
    """The first day of a span of `months` whole months that ends on `end`."""
    month = end.month - months + 1
    year = end.year
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


def year_before(day: date) -> date:
    """The same day a year earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def day_before(day: date) -> date:
    return day - timedelta(days=1)
