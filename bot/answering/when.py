"""The periods a question wants figures for, in order, as a financial question says them:
"năm 2024", "quý 2/2025", "tại ngày 31/3/2025", "cuối năm 2024", "đầu năm 2024", "6 tháng
đầu năm 2025", "lũy kế 9 tháng", "cùng kỳ năm trước", "đầu kỳ", "cuối kỳ", "quý 1 niên độ
2024-2025". Each is matched later against a table's columns and the report's own period."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from bot.knowledge.tables import CUMULATIVE, CURRENT, FLOW, PREVIOUS, STOCK
from bot.language.text import fold

_YEAR = r"((?:19|20)\d\d)"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = r"(?:quy|q)\s*(0?[1-4]|iv|iii|ii|i)(?![\w])"
_OF_YEAR = rf"(?:\s*(?:nam|/|-)\s*|\s+){_YEAR}"
# Each grammar line: a pattern over the folded question and what it names. Tried longest
# first at each place; what one took, the others do not take again.
_FISCAL = re.compile(rf"(?:(cuoi|dau)\s+)?(?:{_QUARTER}\s*(?:cua\s+)?)?"
                     rf"nien\s*do\s*(?:tai\s*chinh\s*)?{_YEAR}\s*[-–/]\s*{_YEAR}")
_SPAN = re.compile(r"(?:tu\s+)?(?:ngay\s+)?(\d{1,2})[/.-](\d{1,2})[/.-]" + _YEAR +
                   r"\s*(?:-|–|den|toi)\s*(?:ngay\s+)?(\d{1,2})[/.-](\d{1,2})[/.-]" + _YEAR)
_DAY = re.compile(rf"(?:(tai|den|vao|cuoi|dau)\s+)?(?:ngay\s+)?(\d{{1,2}})\s*(?:[/.-]|\s+thang\s+)"
                  rf"\s*(\d{{1,2}})\s*(?:[/.-]|\s+nam\s+)\s*{_YEAR}")
_QUARTER_OF = re.compile(rf"(?:(cuoi|dau)\s+)?{_QUARTER}{_OF_YEAR}")
_MONTHS = re.compile(rf"(?:(luy\s*ke)\s+)?(?<![\d/.])(1[01]|[2-9]|ba|sau|chin)\s+thang(?:\s+dau)?"
                     rf"(?:\s+nam)?(?:\s+{_YEAR})?")
# One month of a monthly report: "tháng 10/2025", "tháng 10 năm 2025", "tháng 9" (its year
# left to the report); not "10 tháng" (ten months from January, above).
_MONTH = re.compile(rf"(?<![\d\s])\s*thang\s+(1[0-2]|0?[1-9])(?!\d)"
                    rf"(?:(?:\s*(?:/|-)\s*|\s+nam\s+){_YEAR})?")
# "cả năm 2024" is the year ("cả" no word of the item), in a fourth-quarter report its
# cumulative column.
_YEAR_OF = re.compile(rf"(?:(cuoi|dau)\s+|ca\s+)?(?:nam\s+(?:tai\s*chinh\s+)?){_YEAR}"
                      rf"|(?<![\d/.,-])(?:(cuoi|dau)\s+)?{_YEAR}(?![\d/.,%-])")
# A quarter said before "năm trước" / "năm nay" is the report's own ("quý 2 năm trước" of a
# second-quarter report): the relation says which column, the quarter is part of it; so does
# "cuối quý 2" with no year (the report's own quarter end).
_RELATIVE = re.compile(rf"(?:{_QUARTER}\s+)?(?:nam\s+truoc|nam\s+ngoai|nam\s+nay)"
                       r"|cung\s+ky(?:\s+nam\s+(?:truoc|ngoai))?|ky\s+truoc"
                       r"|dau\s+(?:nam|ky)|cuoi\s+(?:nam|ky)|luy\s*ke|ky\s+nay"
                       rf"|cuoi\s+(?:{_QUARTER}|quy\s+nay|quy)")
_AGAINST = re.compile(r"\bso(?:\s+sanh)?(?:\s+voi)?\s*$")  # "… so với năm 2023", "so 2023"
_WORD_MONTHS = {"ba": 3, "sau": 6, "chin": 9}


@dataclass(frozen=True)
class Wanted:
    """A period a question asks figures for. `start`..`end` when it names dates (a flow),
    or `end` alone (a figure at a date); `relation` and `basis` when it says them against the
    report's own period ("cùng kỳ năm trước" is PREVIOUS, "đầu năm" a PREVIOUS STOCK)."""

    said: str  # the folded words that name it
    start: date | None = None
    end: date | None = None
    relation: str | None = None  # CURRENT or PREVIOUS (knowledge.tables)
    basis: str | None = None  # FLOW, STOCK or CUMULATIVE
    fiscal: tuple[int, int] | None = None  # "niên độ 2024-2025": a fiscal year ...
    quarter: int | None = None  # ... and its quarter, resolved with the report's fiscal year
    month: int | None = None  # "tháng 9" with no year: that month of the report's year
    against: bool = False  # said after "so với": what another period is compared with
    at: tuple[int, int] = (0, 0)  # where the question says it (in its folded text)

    @property
    def dated(self) -> bool:
        return self.end is not None or self.fiscal is not None or self.month is not None


def wanted_in(text: str) -> tuple[Wanted, ...]:
    """The periods the question names, in the order it names them."""
    folded = fold(text).lower()
    found: list[tuple[int, int, Wanted]] = []
    for grammar in (_fiscal, _spans, _days, _quarters, _single_months, _months, _years,
                    _relatives):
        for start, end, wanted in grammar(folded):
            if not any(start < e and s < end for s, e, _ in found):
                found.append((start, end, wanted))
    found.sort(key=lambda item: item[0])
    kept = []
    opened = None
    for i, (start, end, wanted) in enumerate(found):
        after = found[i + 1] if i + 1 < len(found) else None
        if (not wanted.dated and after is not None and after[2].dated
                and folded[end:after[0]].strip() == "("):
            opened = start  # "cùng kỳ năm trước (01/10/2023 - 31/12/2023)": the dates say it
            continue
        against = _AGAINST.search(folded[:start]) is not None
        kept.append(replace(wanted, at=(start if opened is None else opened, end),
                            against=against))
        opened = None
    return tuple(kept)


def _fiscal(folded: str):
    for m in _FISCAL.finditer(folded):
        edge, quarter, first, last = m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
        basis = STOCK if edge else (FLOW if quarter else None)
        yield m.start(), m.end(), Wanted(m.group(0), relation=None, basis=basis,
                                         fiscal=(first, last),
                                         quarter=_quarter_number(quarter) if quarter else None)


def _spans(folded: str):
    for m in _SPAN.finditer(folded):
        begin = _date(m.group(3), m.group(2), m.group(1))
        finish = _date(m.group(6), m.group(5), m.group(4))
        if begin and finish and begin < finish:
            yield m.start(), m.end(), Wanted(m.group(0), begin, finish, basis=FLOW)


def _days(folded: str):
    for m in _DAY.finditer(folded):
        day = _date(m.group(4), m.group(3), m.group(2))
        if day:
            yield m.start(), m.end(), Wanted(m.group(0), None, day, basis=STOCK)


def _quarters(folded: str):
    for m in _QUARTER_OF.finditer(folded):
        edge, number, year = m.group(1), _quarter_number(m.group(2)), int(m.group(3))
        first, last = date(year, 3 * number - 2, 1), _month_end(year, 3 * number)
        if edge == "cuoi":
            yield m.start(), m.end(), Wanted(m.group(0), None, last, basis=STOCK)
        elif edge == "dau":
            yield m.start(), m.end(), Wanted(m.group(0), None, first, basis=STOCK)
        else:
            yield m.start(), m.end(), Wanted(m.group(0), first, last, basis=FLOW)


def _months(folded: str):
    for m in _MONTHS.finditer(folded):
        count = _WORD_MONTHS.get(m.group(2)) or int(m.group(2))
        if m.group(3):
            year = int(m.group(3))
            yield m.start(), m.end(), Wanted(m.group(0), date(year, 1, 1),
                                             _month_end(year, count), basis=CUMULATIVE)
        else:  # "lũy kế 9 tháng", "10 tháng đầu năm", "10 tháng": from the year's start
            yield m.start(), m.end(), Wanted(m.group(0), basis=CUMULATIVE)


def _single_months(folded: str):
    for m in _MONTH.finditer(folded):
        number = int(m.group(1))
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        if m.group(2):
            year = int(m.group(2))
            yield start, m.end(), Wanted(m.group(0).strip(), date(year, number, 1),
                                         _month_end(year, number), basis=FLOW)
        else:
            yield start, m.end(), Wanted(m.group(0).strip(), basis=FLOW, month=number)


def _years(folded: str):
    for m in _YEAR_OF.finditer(folded):
        edge = m.group(1) or m.group(3)
        year = int(m.group(2) or m.group(4))
        if edge == "cuoi":
            yield m.start(), m.end(), Wanted(m.group(0), None, date(year, 12, 31), basis=STOCK)
        elif edge == "dau":
            yield m.start(), m.end(), Wanted(m.group(0), None, date(year, 1, 1), basis=STOCK)
        else:
            yield m.start(), m.end(), Wanted(m.group(0), date(year, 1, 1), date(year, 12, 31))


def _relatives(folded: str):
    for m in _RELATIVE.finditer(folded):
        said = m.group(0)
        if said.startswith(("cung ky", "ky truoc")) or said.endswith(("nam truoc", "nam ngoai")):
            wanted = Wanted(said, relation=PREVIOUS)
        elif said.startswith("dau"):
            wanted = Wanted(said, relation=PREVIOUS, basis=STOCK)
        elif said.startswith("cuoi"):
            wanted = Wanted(said, relation=CURRENT, basis=STOCK)
        elif said.startswith("luy"):
            wanted = Wanted(said, basis=CUMULATIVE)
        else:
            wanted = Wanted(said, relation=CURRENT)
        yield m.start(), m.end(), wanted


def _quarter_number(said: str) -> int:
    return _ROMAN.get(said) or int(said)


def _date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
