"""Periods that reports and questions name: a year, a quarter, a half-year, a month.

"quý I năm 2024", "quý 1/2024", "Q1-2024", "6 tháng đầu năm 2021", "tháng 3/2024", "năm 2015",
"năm nay" and "năm ngoái" (relative to a given day). A report of monthly statistics and one
of yearly reviews name their period in the title; a question names the one it asks about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.language.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(?:19|20)\d\d"
_OF_YEAR = rf"(?:(?:\s*(?:nam\s+|/|-)\s*|\s+)({_YEAR}))?"  # "… năm 2024", "…/2024", "… 2024"
_QUARTER = re.compile(rf"\b(?:quy\s+(i{{1,3}}|iv|[1-4])|q([1-4]))\b{_OF_YEAR}")
_HALF = re.compile(rf"\b6\s+thang\s+(dau|cuoi)\s+nam(?:\s+({_YEAR}))?")
_FIRST_QUARTER = re.compile(rf"\b3\s+thang\s+dau\s+nam(?:\s+({_YEAR}))?")
_MONTH = re.compile(rf"\bthang\s+(1[0-2]|0?[1-9]){_OF_YEAR}\b")
_YEAR_ALONE = re.compile(rf"(?<![\d/.,-])({_YEAR})(?![\d/.,%-])")
_RELATIVE = {"nam nay": 0, "nam ngoai": -1, "nam truoc": -1, "nam qua": -1, "nam toi": 1,
             "nam sau": 1}


@dataclass(frozen=True)
class Period:
    """A span of time named in text; a missing part is not said (any)."""

    year: int | None = None
    half: int | None = None  # 1 or 2
    quarter: int | None = None  # 1 to 4
    month: int | None = None  # 1 to 12

    def covers(self, other: Period) -> bool:
        """Tell whether this period can hold what `other` names: the same year, and a
        quarter, half or month of it that lies within (or is not said)."""
        if self.year and other.year and self.year != other.year:
            return False
        mine, theirs = self._months(), other._months()
        return not (mine and theirs) or theirs <= mine

    def tells_of(self, other: Period) -> bool:
        """Tell whether a report about this period may give figures for `other`: it covers
        it, or `other` ends within it (a March report gives the first quarter's figures, a
        June one the first half's: "quý I", "6 tháng đầu năm")."""
        if self.covers(other):
            return True
        if self.year and other.year and other.year != self.year:
            return False
        mine, theirs = self._months(), other._months()
        return bool(mine and theirs) and max(theirs) in mine

    def _months(self) -> set[int] | None:
        if self.month:
            return {self.month}
        if self.quarter:
            return set(range(3 * self.quarter - 2, 3 * self.quarter + 1))
        if self.half:
            return set(range(6 * self.half - 5, 6 * self.half + 1))
        return None


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
