"""Dates and exact spans as reports write them: "ngày 28 tháng 7 năm 2025", "28/7/2025",
"từ 01-10-2024 đến 31-12-2024", "cho năm tài chính kết thúc ngày 31 tháng 12 năm 2024", "cho
kỳ sáu tháng kết thúc ngày 30/6/2025", the day a report was signed ("Hà Nội, ngày 28 tháng 7
năm 2025", "Lập ngày …", "Ký ngày: …") and the month a fiscal year starts in ("Kỳ kế toán năm
… bắt đầu từ ngày 01/10 …").

Each reader works on the folded, lower-case text (bot/language/text.fold) and returns what it
found with its position there, in order; choosing among them is the reader's job.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from bot.language.text import fold

_YEAR = r"(?:19|20)\d\d"
# "ngày 28 tháng 7 năm 2025", "28/7/2025", "28-07-2025", "28.07.2025", "ngày 28/07/2025"
_DATE = (rf"(?:ngay\s*)?([0-3]?\d)\s*(?:thang\s*|/|-|\.)\s*(1[0-2]|0?[1-9])\s*"
         rf"(?:nam\s*|/|-|\.)\s*({_YEAR})")
_DATE_RE = re.compile(rf"(?<![\d/.-]){_DATE}(?![\d/])")
_FROM_TO = re.compile(rf"\btu\s+{_DATE}\s*(?:den|toi|-|–)\s*{_DATE}")
_COUNTS = {"mot": 1, "ba": 3, "sau": 6, "chin": 9, "muoi hai": 12, "1": 1, "3": 3, "6": 6,
           "9": 9, "12": 12}
# "cho năm (tài chính) kết thúc ngày …", "cho kỳ (kế toán) sáu tháng kết thúc ngày …", "cho
# giai đoạn 9 tháng kết thúc vào ngày …", "cho kỳ hoạt động từ … đến …" is _FROM_TO's
_ENDING = re.compile(
    r"\bcho\s+(nam|nam tai chinh|ky|ky ke toan|giai doan|ky hoat dong)"
    rf"(?:\s+({'|'.join(sorted(_COUNTS, key=len, reverse=True))})\s+thang)?"
    rf"\s+ket\s+thuc\s+(?:vao\s+)?(?:cung\s+)?{_DATE}")
# The day a report was signed or published: a place and a date ("Hà Nội, ngày 28 tháng 7 năm
# 2025", "Hải Phòng, 25-03-2025"), "Lập ngày …", "Ký ngày: …", "Ngày … tháng … năm …" alone.
_PLACE_DATE = re.compile(rf"(?:^|[\s>*|(])(?:[a-z.]+\s+){{0,3}}[a-z.]+,\s*{_DATE}")
_SIGNED = re.compile(rf"\b(?:lap|ky)\s+ngay\s*:?\s*{_DATE}")
_FISCAL_START = re.compile(
    r"\b(?:ky ke toan nam|nam tai chinh|nien do ke toan)\b[^.]{0,80}?\bbat\s+dau\s+"
    r"(?:tu\s+)?(?:ngay\s+)?(?:0?1)\s*(?:thang\s*|/|-)\s*(1[0-2]|0?[1-9])\b")


@dataclass(frozen=True)
class Span:
    """An exact span a text names, where it stands (in the folded text) and its words."""

    start: date
    end: date
    at: int
    words: str


def day(day_text: str, month_text: str, year_text: str) -> date | None:
    """The date of three numbers as written, or None when it is no date (31/2)."""
    try:
        return date(int(year_text), int(month_text), int(day_text))
    except ValueError:
        return None


def dates_in(text: str) -> list[tuple[int, date]]:
    """Return every full date the text writes, with its position."""
    folded = fold(text).lower()
    found = []
    for m in _DATE_RE.finditer(folded):
        when = day(*m.groups())
        if when is not None:
            found.append((m.start(), when))
    return found


def spans_in(text: str) -> list[Span]:
    """Return the exact spans the text names: "từ … đến …", and "cho năm / kỳ (sáu tháng)
    kết thúc ngày …" (a year, or the months it says, up to that day)."""
    folded = fold(text).lower()
    found = []
    for m in _FROM_TO.finditer(folded):
        start, end = day(*m.groups()[:3]), day(*m.groups()[3:])
        if start and end and start <= end:
            found.append(Span(start, end, m.start(), m.group(0)))
    for m in _ENDING.finditer(folded):
        end = day(*m.groups()[2:])
        months = _COUNTS.get(m.group(2) or "") or (12 if m.group(1).startswith("nam") else None)
        if end is not None and months is not None:
            found.append(Span(months_before(end, months), end, m.start(), m.group(0)))
    return sorted(found, key=lambda s: s.at)


def months_before(end: date, months: int) -> date:
    """The first day of a span of `months` whole months that ends on `end`."""
    if end.day != monthrange(end.year, end.month)[1]:  # not a month's end: count days back
        return end - timedelta(days=round(months * 365.25 / 12) - 1)
    index = end.year * 12 + end.month - months  # the month before the span, 0-based months
    return date(index // 12, index % 12 + 1, 1)


def signing_dates(text: str) -> list[tuple[int, date]]:
    """Return the dates a text says it was signed or published on, with their position:
    after a place ("Hà Nội, ngày 28 tháng 7 năm 2025"), "Lập ngày …", "Ký ngày: …"."""
    folded = fold(text).lower()
    found = []
    for pattern in (_PLACE_DATE, _SIGNED):
        for m in pattern.finditer(folded):
            when = day(*m.groups()[-3:])
            if when is not None:
                found.append((m.start(), when))
    return sorted(set(found))


def fiscal_start(text: str) -> int | None:
    """The month a fiscal year starts in, when the text says ("Kỳ kế toán năm của Công ty
    bắt đầu từ ngày 01/10 và kết thúc vào ngày 30/9"), else None."""
    m = _FISCAL_START.search(fold(text).lower())
    return int(m.group(1)) if m else None
