"""What a table's column headers say: each column's role (label, Mã số, Thuyết minh,
figures), the period its figures are for (relation to the report's own period, flow or
stock, its dates), its unit; the unit a table states near it; and, once the report's own
period is known, the dates of the columns that name it only relatively ("Năm nay",
"Số đầu năm").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot.knowledge.tables import (
    BALANCE,
    CASH_FLOW,
    CHANGE,
    CODE,
    CUMULATIVE,
    CURRENT,
    EQUITY,
    FLOW,
    INCOME,
    LABEL,
    NOTE,
    OTHER,
    PREVIOUS,
    STOCK,
    VALUE,
    Column,
    Table,
)
from bot.language.dates import Span, span_in, year_before
from bot.language.statements import Vocabulary, key, load_vocabulary
from bot.language.text import fold

# A unit written onto the end of a header ("31/12/2024VND", "Giá gốcVND", "CộngVND").
_GLUED_UNIT = re.compile(r"(?<=[0-9a-zà-ỹ)])\s*(VND|VNĐ|USD)$")
_STATED = re.compile(r"^(?:đơn vị tính|đơn vị|đvt)\s*[:.]?\s*", re.IGNORECASE)
_NOISE = re.compile(r"\((?:\*+|đã điều chỉnh(?: lại)?|trình bày lại)\)|\(\*\)", re.IGNORECASE)
_BRACKETED = re.compile(r"\(([^()]{1,20})\)\s*$")
STATED_UNIT_WORDS = 5  # "Đơn vị tính: nghìn tỷ đồng" — a longer phrase is no unit
MIN_CODES = 3  # a table with this many statement codes and a "lưu chuyển tiền" row is one
BALANCE_SHARE = 0.8  # of a balance sheet's codes, at least this share are 100 to 499
_BALANCE_CODE = re.compile(r"^[1-4]\d\d[a-z]?$")
# A statement's form number: "B 01 – DN/HN", "B02-DN", "B01a-CTCK", folded and lower case.
_FORM = re.compile(r"(?<![a-z0-9])b\s*0([1-9])[a-z]?\s*[-–/]\s*(?:dn|ctck|tctd|ctbh|hn)")


def header_levels(cell: str) -> list[str]:
    """A header cell's lines, a unit glued onto its end made a line of its own."""
    levels = []
    for line in cell.split("\n"):
        line = " ".join(line.split())
        glued = _GLUED_UNIT.search(line)
        if glued and glued.start() > 0:
            levels += [line[:glued.start()].strip(), glued.group(1)]
        elif line:
            levels.append(line)
    return levels


def stated_unit(text: str, vocabulary: Vocabulary | None = None) -> str | None:
    """The unit a line states ("Đơn vị tính: VND", "Đvt: triệu đồng", "(Đơn vị: %)"), as
    written; None when the line states none ("Đơn vị: Công ty Cổ phần …" names no unit)."""
    vocabulary = vocabulary or load_vocabulary()
    line = " ".join(text.strip().strip("*_()<> ").split())
    match = _STATED.match(line)
    if not match:
        return None
    unit = line[match.end():].strip(" *_.;:)")
    stated_by = fold(match.group(0)).lower().strip(" :.")
    if not unit or len(unit.split()) > STATED_UNIT_WORDS:
        return None
    if stated_by.startswith("don vi tinh") or stated_by == "dvt" or vocabulary.is_unit(unit):
        return unit
    return None


def unit_in(lines: Sequence[str]) -> str | None:
    """The first unit any of the lines states, looking inside each line too ("… Đơn vị tính:
    VND" at the end of a heading line)."""
    for line in lines:
        for piece in re.split(r"(?=(?:Đơn vị|ĐVT|Đvt|đơn vị))", line):
            unit = stated_unit(piece)
            if unit:
                return unit
    return None


def split_unit(levels: list[str], vocabulary: Vocabulary) -> tuple[list[str], str | None]:
    """A header's levels without those that only state a unit, and that unit."""
    kept, unit = [], None
    for level in levels:
        stated = stated_unit(level, vocabulary)
        if stated or vocabulary.is_unit(level):
            unit = unit or stated or level
        else:
            kept.append(level)
    return kept, unit


def header_role(label: str, vocabulary: Vocabulary | None = None) -> str | None:
    """The role a header names: CODE ("Mã số", "MS"), NOTE ("Thuyết minh", "TM"), OTHER for
    an order number ("STT"), LABEL ("Chỉ tiêu", "TÀI SẢN"); None when it names none."""
    vocabulary = vocabulary or load_vocabulary()
    for group, role in (("code", CODE), ("note", NOTE), ("order", OTHER), ("label", LABEL)):
        if vocabulary.is_exactly(group, label):
            return role
    return None


def value_column(label: str, unit: str | None = None, statement: str | None = None,
                 vocabulary: Vocabulary | None = None) -> Column:
    """A value column read from its header: relation, basis and dates, where it says."""
    vocabulary = vocabulary or load_vocabulary()
    text = _NOISE.sub("", label)
    unit = unit or _bracketed_unit(text, vocabulary)
    compact = key(text)
    if vocabulary.has("change", text):
        before = re.split(r"(?i)so với", text, maxsplit=1)[0]
        span = span_in(before)
        return Column(label, VALUE, CHANGE, None, span.start if span else None,
                      span.end if span else None, unit)
    relative = compact
    for phrase in vocabulary.columns["cumulative"]:
        relative = relative.replace(phrase, "")
    relation = PREVIOUS if any(p in relative for p in vocabulary.columns["previous"]) else (
        CURRENT if any(p in relative for p in vocabulary.columns["current"]) else None)
    span = span_in(text)
    if vocabulary.has("cumulative", text) or (span and span.months):
        basis = CUMULATIVE
    elif span and span.start is None and statement in (INCOME, CASH_FLOW):
        basis = FLOW  # "30-09-2025" over a cash flow: the flow up to that day
    elif vocabulary.has("stock", text) or (span and span.start is None):
        basis = STOCK
    elif span or relation:
        basis = STOCK if statement == BALANCE else FLOW
    else:
        basis = {BALANCE: STOCK, INCOME: FLOW, CASH_FLOW: FLOW}.get(statement)
    start, end = (span.start, span.end) if span else (None, None)
    return Column(label, VALUE, relation, basis, start, end, unit)


def _bracketed_unit(label: str, vocabulary: Vocabulary) -> str | None:
    """The unit a header ends with in brackets: "… so với cùng kỳ (%)", "Dân số (người)"."""
    found = _BRACKETED.search(label)
    if found is None:
        return None
    unit = " ".join(found.group(1).split())
    return unit if vocabulary.is_unit(unit) else None


def relate(columns: Sequence[Column]) -> tuple[Column, ...]:
    """Give dated value columns that say no relation one from the table itself: of stocks,
    the latest date is the current one and the earlier are the comparison; of flows of one
    length, the latest is current and the one a year earlier the comparison."""
    dated = [c for c in columns if c.role == VALUE and c.end and c.relation is None]
    if not dated:
        return tuple(columns)
    out = []
    for column in columns:
        if column not in dated:
            out.append(column)
            continue
        same = [c for c in dated if _length(c) == _length(column) and c.basis == column.basis]
        latest = max(c.end for c in same)
        if column.end == latest:
            relation = CURRENT
        elif column.start is None or year_before(latest) == column.end:
            relation = PREVIOUS
        else:
            relation = None
        out.append(replace(column, relation=relation))
    return tuple(out)


def _length(column: Column) -> int | None:
    return None if column.start is None else (column.end - column.start).days // 28


def statement_of(title: str, context: Sequence[str], codes: set[str], labels: Sequence[str],
                 vocabulary: Vocabulary | None = None) -> str | None:
    """Which statement a table is: by its title, by the form number near it ("Mẫu B 02 –
    DN"), else by the standard codes its rows carry."""
    vocabulary = vocabulary or load_vocabulary()
    for text in (title, *context):
        compact = key(text)
        if any(word in compact for word in vocabulary.not_statements):
            break  # a note's table ("Thuyết minh …") is no statement, whatever it names
        for kind, names in vocabulary.statements:
            if any(compact.startswith(name) for name in names):
                return {"balance": BALANCE, "income": INCOME, "cash_flow": CASH_FLOW,
                        "equity": EQUITY}[kind]
        form = _FORM.search(fold(text).lower())
        if form:
            kind = vocabulary.forms.get(f"b0{form.group(1)}")
            if kind in ("balance", "income", "cash_flow"):
                return {"balance": BALANCE, "income": INCOME, "cash_flow": CASH_FLOW}[kind]
    if len(codes) >= MIN_CODES and any(word in key(label) for label in labels
                                       for word in vocabulary.cash_flow_words):
        return CASH_FLOW
    balance = {c for c in codes if _BALANCE_CODE.match(c)}
    if len(balance) >= MIN_CODES and len(balance) >= BALANCE_SHARE * len(codes):
        return BALANCE  # the balance sheet's codes run 100 to 440; the others' mostly below
    if any(codes >= needed for needed in vocabulary.statement_codes["income"]):
        return INCOME
    return None


def resolve_columns(table: Table, period_start: date, period_end: date,
                    year_start: date | None = None) -> Table:
    """The table with the dates of its relative columns filled from the report's own period
    (a quarter, a half, a year: its first and last day), and the relation of its dated
    columns checked against it. `year_start` is the first day of the (fiscal) year, that a
    cumulative column counts from and "Số đầu năm" stands at; by default 1 January of the
    period's year (or the period's own start, when that is earlier)."""
    if year_start is None:
        january = date(period_end.year, 1, 1)
        year_start = january if period_start >= january else period_start
    columns = []
    for column in table.columns:
        if column.role != VALUE or column.relation == CHANGE:
            columns.append(column)
            continue
        columns.append(_resolved(column, Span(period_start, period_end), year_start))
    return replace(table, columns=tuple(columns))


def _resolved(column: Column, period: Span, year_start: date) -> Column:
    start, end, relation, basis = column.start, column.end, column.relation, column.basis
    if end is not None and start is None and basis == FLOW:  # a flow up to a day: from the
        previous_year = end != period.end and end < period.end  # start of its (fiscal) year
        start = year_before(year_start) if previous_year else year_start
        column = replace(column, start=start)
    if end is not None:  # dated by its header: check its relation against the period
        if end == period.end:
            relation = CURRENT
            if basis in (FLOW, None) and start == year_start and start != period.start:
                basis = CUMULATIVE
        elif end == year_before(period.end) or (basis == STOCK and end < period.end):
            relation = PREVIOUS
        return replace(column, relation=relation, basis=basis)
    if relation is None:
        return column
    previous = relation == PREVIOUS
    if basis == STOCK:
        opening = _opening(column.label, period, year_start)
        end = opening if previous else period.end
        return replace(column, end=end)
    if basis == CUMULATIVE:
        start, end = year_start, period.end
    else:
        start, end = period.start, period.end
    if previous:
        start, end = year_before(start), year_before(end)
    return replace(column, start=start, end=end, basis=basis or FLOW)


def _opening(label: str, period: Span, year_start: date) -> date:
    """Where an opening balance stands: "Số đầu kỳ" at the period's start, "Số đầu năm"
    (and any other) at the year's."""
    return period.start if "dauky" in key(label) and period.start else year_start
