"""Periods that reports and questions name: a year, a quarter, a half-year, a month, and
the exact span a report covers.

"quý I năm 2024", "quý 1/2024", "Q1-2024", "6 tháng đầu năm 2021", "9 tháng đầu năm 2025",
"tháng 3/2024", "năm 2015", "quý 1 niên độ 2024-2025", "năm nay" and "năm ngoái" (relative to a
given day). A report of monthly statistics and one of yearly reviews name their period in the
title; a question names the one it asks about; a financial statement gives its span ("cho năm
tài chính kết thúc ngày 31/12/2024", "từ 01/10/2024 đến 31/12/2024", see bot/language/spans).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from bot.language.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(?:19|20)\d\d"
_OF_YEAR = rf"(?:(?:\s*(?:nam\s+|/|-)\s*|\s+)({_YEAR}))?"  # "… năm 2024", "…/2024", "… 2024"
_QUARTER = re.compile(rf"\b(?:quy\s+(i{{1,3}}|iv|[1-4])|q([1-4]))\b{_OF_YEAR}")
_HALF = re.compile(rf"\b6\s+thang\s+(dau|cuoi)\s+nam(?:\s+({_YEAR}))?")
_FIRST_QUARTER = re.compile(rf"\b3\s+thang\s+dau\s+nam(?:\s+({_YEAR}))?")
_NINE_MONTHS = re.compile(rf"\b9\s+thang\s+dau\s+nam(?:\s+({_YEAR}))?")
_FISCAL = re.compile(rf"\b(?:quy\s+(i{{1,3}}|iv|[1-4])\s+)?nien\s+do\s+({_YEAR})\s*[-–/]\s*"
                     rf"({_YEAR})")
_MONTH = re.compile(rf"\bthang\s+(1[0-2]|0?[1-9]){_OF_YEAR}\b")
_YEAR_ALONE = re.compile(rf"(?<![\d/.,-])({_YEAR})(?![\d/.,%-])")
_RELATIVE = {"nam nay": 0, "nam ngoai": -1, "nam truoc": -1, "nam qua": -1, "nam toi": 1,
             "nam sau": 1}


@dataclass(frozen=True)
class Period:
    """A span of time named in text; a missing part is not said (any).

    `year`, `half`, `quarter` and `month` are the period as named. A fiscal period ("quý 1
    niên độ 2024-2025") counts its half and quarter from the start of its fiscal year, and its
    `year` is the year that fiscal year ends in. `start` and `end` are its first and last day
    when they are known (a report's own span); a calendar period without them spans what its
    name says."""

    year: int | None = None
    half: int | None = None  # 1 or 2
    quarter: int | None = None  # 1 to 4
    month: int | None = None  # 1 to 12
    start: date | None = None
    end: date | None = None
    fiscal: bool = False  # a fiscal year that is not the calendar year

    def covers(self, other: Period) -> bool:
        """Tell whether this period can hold what `other` names: the same year, and a
        quarter, half or month of it that lies within (or is not said); with exact spans,
        the span of `other` within this one."""
        if self._calendar() and other._calendar():
            return self._names_within(other)
        mine, theirs = self.span(), other.span()
        if mine is None or theirs is None:
            return self._names_within(other)
        if other._year_only():  # "năm 2024": some part of that year
            return mine[0].year <= other.year <= mine[1].year
        return (mine[0] <= theirs[0] and theirs[1] <= mine[1]) or (
            self.fiscal and not other.fiscal and other.start is None
            and self._names_within(other))  # "quý 1/2025" of a report of "quý 1 niên độ
        #                                   2024-2025" may use the report's own naming

    def tells_of(self, other: Period) -> bool:
        """Tell whether a report about this period may give figures for `other`: it covers
        it, or `other` ends within it (a March report gives the first quarter's figures, a
        June one the first half's: "quý I", "6 tháng đầu năm")."""
        if self.covers(other):
            return True
        if not (self._calendar() and other._calendar()):
            mine, theirs = self.span(), other.span()
            if mine is not None and theirs is not None:
                return mine[0] <= theirs[1] <= mine[1]
        if self.year and other.year and other.year != self.year:
            return False
        mine_months, theirs_months = self._months(), other._months()
        return bool(mine_months and theirs_months) and max(theirs_months) in mine_months

    def span(self) -> tuple[date, date] | None:
        """The first and last day: the exact span when known, else the calendar span its name
        says (None without a year, and for a fiscal period whose span is not known)."""
        if self.start is not None and self.end is not None:
            return self.start, self.end
        if self.year is None or self.fiscal:
            return None
        months = sorted(self._months() or range(1, 13))
        return (date(self.year, months[0], 1),
                date(self.year, months[-1], monthrange(self.year, months[-1])[1]))

    def label(self) -> str:
        """The period as a person writes it: "quý 2/2025", "6 tháng đầu năm 2025", "năm 2024",
        "quý 1 niên độ 2024-2025", "9 tháng đầu năm 2025", "từ 01/02/2025 đến 30/04/2025"."""
        year = "" if self.year is None else str(self.year)
        if self.fiscal and self.year:
            year = f"niên độ {self.year - 1}-{self.year}"
            if self.quarter:
                return f"quý {self.quarter} {year}"
            if self.half:
                return f"6 tháng {'đầu' if self.half == 1 else 'cuối'} {year}"
            if self.start is None or self._whole_year():
                return year
        elif self.month:
            return f"tháng {self.month}/{year}" if year else f"tháng {self.month}"
        elif self.quarter:
            return f"quý {self.quarter}/{year}" if year else f"quý {self.quarter}"
        elif self.half:
            return f"6 tháng {'đầu' if self.half == 1 else 'cuối'} năm {year}".strip()
        elif self.start is None or self._whole_year():
            return f"năm {year}" if year else ""
        start, end = self.span() or (None, None)
        if start and end and start.day == 1 and start.month == 1 and _last_day(end):
            return f"{end.month} tháng đầu năm {end.year}"
        return f"từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}" if start and end else year

    def _calendar(self) -> bool:
        """A period whose name says its span: no fiscal year, no span of its own but the one
        its name gives (the periods all prose reports and questions name)."""
        if self.fiscal:
            return False
        if self.start is None and self.end is None:
            return True
        return self.year is not None and self.span_of_name() == (self.start, self.end)

    def span_of_name(self) -> tuple[date, date] | None:
        """The calendar span the name says, ignoring any exact span."""
        return Period(self.year, self.half, self.quarter, self.month).span()

    def _year_only(self) -> bool:
        return (self.year is not None and not (self.half or self.quarter or self.month)
                and self.start is None and not self.fiscal)

    def _whole_year(self) -> bool:
        span = self.span()
        return span is not None and (span[1] - span[0]).days >= 364

    def _names_within(self, other: Period) -> bool:
        if self.year and other.year and self.year != other.year:
            return False
        mine, theirs = self._months(), other._months()
        return not (mine and theirs) or theirs <= mine

    def _months(self) -> set[int] | None:
        if self.month:
            return {self.month}
        if self.quarter:
            return set(range(3 * self.quarter - 2, 3 * self.quarter + 1))
        if self.half:
            return set(range(6 * self.half - 5, 6 * self.half + 1))
        return None


def period_data(period: Period | None) -> dict | None:
    """The period as plain data (for the index cache): its fields, days as ISO dates."""
    if period is None:
        return None
    return {"year": period.year, "half": period.half, "quarter": period.quarter,
            "month": period.month, "start": _iso(period.start), "end": _iso(period.end),
            "fiscal": period.fiscal}


def period_from(data: dict | None) -> Period | None:
    """The period `period_data` wrote."""
    if data is None:
        return None
    return Period(data["year"], data["half"], data["quarter"], data["month"],
                  _day(data["start"]), _day(data["end"]), bool(data["fiscal"]))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _last_day(day: date) -> bool:
    return day.day == monthrange(day.year, day.month)[1]


def period_of_span(start: date, end: date, first_month: int = 1) -> Period:
    """The period a report's exact span is, named as the report would: a quarter, a half, a
    year or a month of its (fiscal) year when the span is one, else the span alone (with the
    year it ends in). `first_month` is the month its fiscal year starts in (1: the calendar)."""
    fiscal = first_month != 1
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    aligned = start.day == 1 and _last_day(end) and months > 0
    offset = (start.month - first_month) % 12  # months from the fiscal year's start
    # A fiscal year is named by the year it ends in ("niên độ 2024-2025" is 2025).
    year = start.year + (start.month >= first_month) if fiscal else end.year
    name: dict[str, int] = {}
    if aligned and months == 3 and offset % 3 == 0:
        name["quarter"] = offset // 3 + 1
    elif aligned and months == 6 and offset % 6 == 0:
        name["half"] = offset // 6 + 1
    elif aligned and months == 1 and not fiscal:
        name["month"] = start.month
    return Period(year, start=start, end=end, fiscal=fiscal, **name)


def periods_in(text: str, today: date | None = None) -> tuple[Period, ...]:
    """Return the periods a text names, in order."""
    return tuple(period for period, _ in find_periods(text, today))


def find_periods(text: str, today: date | None = None) -> tuple[tuple[Period, str], ...]:
    """Return the periods a text names, in order, each with the words that name it (folded,
    lower case); "năm nay" and "năm ngoái" count from `today` when it is given."""
    folded = fold(text).lower()
    found: list[tuple[int, Period, str]] = []
    taken: list[range] = []

    def add(match: re.Match[str], period: Period) -> None:
        if not any(match.start() in span for span in taken):
            found.append((match.start(), period, match.group(0)))
            taken.append(range(match.start(), match.end()))

    for m in _FISCAL.finditer(folded):  # before the quarter and years it holds
        quarter = _ROMAN.get(m.group(1) or "") or _year(m.group(1))
        add(m, Period(int(m.group(3)), quarter=quarter, fiscal=True))
    for m in _NINE_MONTHS.finditer(folded):
        year = _year(m.group(1))
        add(m, Period(year, start=date(year, 1, 1), end=date(year, 9, 30)) if year
            else Period())
    for m in _QUARTER.finditer(folded):
        number = m.group(1) or m.group(2)
        add(m, Period(_year(m.group(3)), quarter=_ROMAN.get(number) or int(number)))
    for m in _HALF.finditer(folded):
        add(m, Period(_year(m.group(2)), half=1 if m.group(1) == "dau" else 2))
    for m in _FIRST_QUARTER.finditer(folded):
        add(m, Period(_year(m.group(1)), quarter=1))
    for m in _MONTH.finditer(folded):
        add(m, Period(_year(m.group(2)), month=int(m.group(1))))
    for m in _YEAR_ALONE.finditer(folded):
        add(m, Period(int(m.group(1))))
    if today is not None:
        for phrase, shift in _RELATIVE.items():
            for m in re.finditer(rf"\b{phrase}\b", folded):
                add(m, Period(today.year + shift))
    return tuple((period, words) for _, period, words in sorted(found, key=lambda i: i[0]))


def period_of(title: str, dated: str | None) -> Period | None:
    """The period a document is about: the one its title names (with the year of its date
    when the title gives none), else the year of its date."""
    named = periods_in(title)
    year = int(dated[:4]) if dated and dated[:4].isdigit() else None
    if named:
        first = named[0]
        return first if first.year or year is None else Period(year, first.half,
                                                                first.quarter, first.month)
    return Period(year) if year else None


def _year(text: str | None) -> int | None:
    return int(text) if text else None


_DAY_MONTH = re.compile(r"\b(?:ngay\s+)?([0-3]?\d)\s*(?:/|-|\s+thang\s+)\s*(1[0-2]|0?[1-9])"
                        rf"(?:\s*(?:/|-|\s+nam\s+)\s*({_YEAR}))?\b")


def months_in(text: str) -> set[tuple[int, int | None]]:
    """Return the (month, day or None) pairs a text names: "21/6", "ngày 21 tháng 6",
    "tháng 6" (day None); for comparing the date a question claims with a report's."""
    folded = fold(text).lower()
    found: set[tuple[int, int | None]] = set()
    for m in _DAY_MONTH.finditer(folded):
        if 1 <= int(m.group(1)) <= 31:
            found.add((int(m.group(2)), int(m.group(1))))
    dated = {month for month, _ in found}
    for m in _MONTH.finditer(folded):
        if int(m.group(1)) not in dated:
            found.add((int(m.group(1)), None))
    return found
