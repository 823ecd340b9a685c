"""Which column of a table gives the figure for a period a question wants: by the dates its
header states, or, for "Năm nay", "Số đầu năm", "Quý này năm trước", by what it is against the
report's own period (its identity); and the report's own period itself."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from bot.answering.when import Wanted
from bot.knowledge.columns import resolve_columns
from bot.knowledge.documents import Document
from bot.knowledge.tables import CUMULATIVE, CURRENT, FLOW, PREVIOUS, STOCK, VALUE, Column, Table
from bot.language.text import fold

Span = tuple[date, date]
DAY = timedelta(days=1)
CHANGE = "change"  # a column comparing two others (knowledge.tables): never a period's figure


def span_of(document: Document) -> Span | None:
    """The first and last day of the period a report covers: its identity's, else the
    calendar span of the period its title names."""
    identity = document.identity
    if identity is not None and identity.period_start and identity.period_end:
        return identity.period_start, identity.period_end
    period = document.period
    if period is None or period.year is None:
        return None
    spanned = getattr(period, "span", None)
    if callable(spanned) and spanned():
        return spanned()
    months = sorted(period._months() or range(1, 13))
    return (date(period.year, months[0], 1),
            date(period.year, months[-1], calendar.monthrange(period.year, months[-1])[1]))


def fiscal_start(document: Document) -> int:
    """The month the report's fiscal year starts in (1 unless its identity says)."""
    identity = document.identity
    return (getattr(identity, "fiscal_start", None) or 1) if identity is not None else 1


@lru_cache(maxsize=4096)
def resolved(table: Table, span: Span | None, first_month: int) -> Table:
    """The table with its relative columns dated from the report's period."""
    if span is None:
        return table
    year_start = date(span[1].year if span[1].month >= first_month else span[1].year - 1,
                      first_month, 1)
    if year_start > span[0]:
        year_start = span[0]
    return resolve_columns(table, span[0], span[1], year_start)


# A column of what was planned for a period ("Kế hoạch 2024", "KH năm 2025", "Mục tiêu"), not
# of what it made: only a question about the plan takes its figures.
_PLAN = re.compile(r"\b(?:ke hoach|kh|muc tieu|chi tieu giao|du toan)\b")


# What a figure question wants of a period: what it made, what was planned, or the share of
# the plan done ("đạt bao nhiêu % kế hoạch": the column comparing with the plan).
ACTUAL, PLANNED, PLAN_SHARE = "actual", "planned", "plan_share"


def is_plan(column: Column) -> bool:
    return bool(_PLAN.search(fold(column.label).lower()))


def plan_share_column(table: Table) -> int | None:
    """The column comparing each row with its plan ("So với kế hoạch (%)", "% KH")."""
    return next((i for i, c in enumerate(table.columns)
                 if c.role == VALUE and c.relation == CHANGE and is_plan(c)), None)


def value_columns(table: Table, plan: bool = False) -> list[int]:
    """The columns of a period's figures: of what it made, or (`plan`) of what was planned."""
    return [i for i, c in enumerate(table.columns) if c.role == VALUE and c.relation != CHANGE
            and is_plan(c) == plan]


def column_for(table: Table, wanted: Wanted | None, span: Span | None,
               first_month: int = 1, aim: str = ACTUAL) -> int | None:
    """The value column holding the figure for `wanted` (None: the report's own period):
    what it made, or (`aim`) what was planned for it or the share of that plan done."""
    if aim == PLAN_SHARE:
        return plan_share_column(table)
    plan = aim == PLANNED
    columns = value_columns(table, plan)
    if plan and (wanted is None or not wanted.dated):
        return columns[0] if columns else None
    if not columns:
        return None
    if wanted is None:
        return _relative(table, columns, CURRENT, None)
    if wanted.fiscal is not None:
        fiscal = _fiscal_span(wanted, first_month)
        if fiscal is None or span is None:
            return _relative(table, columns, CURRENT, wanted.basis)
        if wanted.basis == STOCK:
            wanted = Wanted(wanted.said, None, fiscal[1], basis=STOCK)
        else:
            wanted = Wanted(wanted.said, fiscal[0], fiscal[1], basis=wanted.basis)
    if wanted.month is not None and wanted.end is None:
        months = [i for i in columns if _one_month(table.columns[i], wanted.month)]
        return max(months, key=lambda i: table.columns[i].end) if months else None
    if wanted.end is None:
        return _relative(table, columns, wanted.relation, wanted.basis)
    for i in columns:
        if _fits(table.columns[i], wanted):
            return i
    return None


def _relative(table: Table, columns: list[int], relation: str | None,
              basis: str | None) -> int | None:
    """The first column of the relation (CURRENT when None) and basis: a quarter's own
    figures come before the year's so far (their columns come first)."""
    relation = relation or CURRENT
    fitting = [i for i in columns if table.columns[i].relation == relation]
    if basis is not None:
        same = [i for i in fitting if table.columns[i].basis == basis
                or (basis == FLOW and table.columns[i].basis is None)]
        if same or basis != FLOW:
            fitting = same
    if not fitting and relation == CURRENT and basis is None:
        return columns[0]
    return fitting[0] if fitting else None


def fits(column: Column, wanted: Wanted) -> bool:
    """Tell whether a dated column gives the figure of the wanted (dated) period."""
    if wanted.month is not None and wanted.end is None:
        return _one_month(column, wanted.month)
    return _fits(column, wanted)


def _one_month(column: Column, month: int) -> bool:
    """A column of one calendar month's figures ("Tháng 9/2025", "Ước tháng 10/2025")."""
    start, end = column.start, column.end
    return (start is not None and end is not None and start.day == 1 and start.month == month
            and (start.year, start.month) == (end.year, end.month))


def _fits(column: Column, wanted: Wanted) -> bool:
    """A column dated as the wanted period: the same span, or, for a figure at a date, the
    same date (an opening balance may be written the day after the year before closed)."""
    if column.end is None:
        return False
    if wanted.basis in (FLOW, CUMULATIVE) and column.basis == STOCK:
        return False  # "quý 3/2025" asks what the quarter made, not a balance at its end
    if column.basis == STOCK or (wanted.basis == STOCK and column.start is None):
        return abs((column.end - wanted.end).days) <= 1
    if wanted.start is None:
        return False
    return column.start == wanted.start and column.end == wanted.end


def _fiscal_span(wanted: Wanted, first_month: int) -> Span | None:
    """The days of "quý 1 niên độ 2024-2025" for a fiscal year starting in `first_month`."""
    first_year, _ = wanted.fiscal
    if first_month == 1:
        first_year = wanted.fiscal[1]
    start = date(first_year, first_month, 1)
    if wanted.quarter is None:
        return start, _add_months(start, 12) - DAY
    begin = _add_months(start, 3 * (wanted.quarter - 1))
    return begin, _add_months(begin, 3) - DAY


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def is_own(wanted: Wanted, span: Span | None, first_month: int = 1) -> bool:
    """Tell whether the wanted period is the report's own (it picks the report)."""
    if span is None:
        return False
    if wanted.fiscal is not None:
        fiscal = _fiscal_span(wanted, first_month)
        return fiscal is not None and (fiscal == span or fiscal[1] == span[1])
    if wanted.end is None:
        return False
    if wanted.start is None:
        return abs((wanted.end - span[1]).days) <= 1
    return (wanted.start, wanted.end) == span or (
        wanted.end == span[1] and wanted.basis in (None, CUMULATIVE))


__all__ = ["ACTUAL", "CUMULATIVE", "PLANNED", "PLAN_SHARE", "PREVIOUS", "column_for",
           "fiscal_start", "fits", "is_own", "resolved", "span_of", "value_columns"]
