"""Which document it is: the organisation a report is of, the kind of report, the period it
covers and when it was signed, read from its own first pages and its file name; and the
title a person sees, made from them ("Báo cáo tài chính hợp nhất quý 2/2025 — Công ty Cổ
phần ABC (ABC)")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from bot.knowledge.names import is_brand
from bot.knowledge.organisations import front_pieces, read_organisation, ticker_stated_of
from bot.language.lexicon import load_identity_words
from bot.language.periods import Period, find_periods, period_of_span
from bot.language.spans import fiscal_start, signing_dates, spans_in
from bot.language.text import fold

FRONT_CHARS = 15000  # the first pages: cover, letter of disclosure, the board's report
TITLE_WORDS = 30  # a line this short that opens with a kind of report is the report's title
KIND_REACH = 100  # characters into such a line where the kind may stand (after a name)
PERIOD_REACH = 400  # characters after the title where the title's period stands
SIGNED_WITHIN = timedelta(days=730)  # a report is signed within two years of its period
STATEMENT_PARTS = 2  # a financial statement names at least two of its parts (balance
#                      sheet, income statement, cash flows, notes): an article about one
#                      names fewer
STATEMENT = "báo cáo tài chính"  # the kind (identity.json) that is a financial statement


@dataclass(frozen=True)
class Organisation:
    """Who a report is of: the full name as the report writes it ("Công ty Cổ phần Tập đoàn
    ABC"), the short name people use ("ABC", "Tập đoàn ABC") and the stock ticker when the
    document's own text confirms it ("Mã chứng khoán: ABC")."""

    name: str
    short: str | None = None
    ticker: str | None = None


@dataclass(frozen=True)
class Identity:
    """What a document is: of whom, what kind, for which period, signed when."""

    organisation: Organisation | None = None
    kind: str | None = None  # e.g. "báo cáo tài chính" (a statement), "báo cáo thường niên",
    #                         the kinds of identity.json; None when unknown
    consolidated: bool | None = None  # hợp nhất (True) or riêng / tổng hợp (False)
    audit: str | None = None  # "kiểm toán" or "soát xét" when audited or reviewed, else None
    period_start: date | None = None  # the span the report covers (a quarter, a half, a
    period_end: date | None = None  # (fiscal) year, 9 months), its first and last day
    signed: date | None = None  # when it was signed or published, kept apart from the period
    scope: str | None = None  # "hợp nhất", "riêng" or "tổng hợp", as the statement says
    fiscal_start: int | None = None  # the month its fiscal year starts in, when not January
    auditor: str | None = None  # the audit firm it names ("Công ty TNHH Kiểm toán …")

    @property
    def period(self) -> Period | None:
        """The period it covers, named as the report names it (a fiscal quarter, …)."""
        if self.period_start is None or self.period_end is None:
            return None
        return period_of_span(self.period_start, self.period_end, self.fiscal_start or 1)

    def title(self) -> str | None:
        """The title a person sees: kind, scope, period, audit — organisation (ticker);
        None when the report does not say both what it is and whose it is."""
        if self.kind is None or self.organisation is None:
            return None
        words = [self.kind[:1].upper() + self.kind[1:]]
        if self.scope:
            words.append(self.scope)
        if self.period is not None:
            words.append(self.period.label())
        if self.audit:
            words.append(f"(đã {self.audit})")
        organisation = self.organisation
        tag = organisation.ticker or (organisation.short if organisation.short
                                      and is_brand(organisation.short) else None)
        name = f"{organisation.name} ({tag})" if tag else organisation.name
        return f"{' '.join(words)} — {name}"


def identity_data(identity: Identity | None) -> dict | None:
    """The identity as plain data (for the index cache), days as ISO dates."""
    if identity is None:
        return None
    data = asdict(identity)
    for key in ("period_start", "period_end", "signed"):
        data[key] = None if data[key] is None else data[key].isoformat()
    return data


def identity_from(data: dict | None) -> Identity | None:
    """The identity `identity_data` wrote."""
    if data is None:
        return None
    fields = dict(data)
    for key in ("period_start", "period_end", "signed"):
        fields[key] = None if fields[key] is None else date.fromisoformat(fields[key])
    named = fields.pop("organisation")
    return Identity(organisation=None if named is None else Organisation(**named), **fields)


def identity_of(paragraphs: Sequence[str], path: str) -> Identity:
    """Read what a document is from its first pages and its file name."""
    front = _front(paragraphs)
    named, auditor = read_organisation(front, path)
    if named is not None and named.ticker is None:
        named = replace(named, ticker=ticker_stated_of(named.name, paragraphs))
    organisation = None if named is None else Organisation(named.name, named.short or
                                                           named.core, named.ticker)
    pieces = front_pieces(front)
    kind, first = _kind(pieces, paragraphs)
    text = "\n".join(piece for _, piece in pieces)
    # Where the report names its own period: after its title; in a report that names no
    # kind, its opening lines.
    title = "\n".join(piece for _, piece in pieces[first:])[:PERIOD_REACH]
    folded = fold(text).lower()
    name = fold(Path(path).stem).lower().replace("_", " ").replace("-", " ")
    scope = _scope(folded, name) if kind == STATEMENT else None
    fiscal = fiscal_start("\n".join(p for p in paragraphs if "kế toán năm" in (low := p.lower())
                                    or "năm tài chính" in low))
    span = _period(text, title, name, fiscal)
    start, end, first = span if span else (None, None, None)
    return Identity(
        organisation=organisation, kind=kind,
        consolidated=None if scope is None else scope == "hợp nhất",
        audit=_audit(text.lower(), title.lower(), name) if kind else None,
        period_start=start, period_end=end, signed=_signed(text, end), scope=scope,
        fiscal_start=first if first and first != 1 else None, auditor=auditor)


def _front(paragraphs: Sequence[str]) -> list[str]:
    front, length = [], 0
    for paragraph in paragraphs:
        front.append(paragraph)
        length += len(paragraph)
        if length >= FRONT_CHARS:
            break
    return front


def _kind(pieces: list[tuple[int, str]], paragraphs: Sequence[str]) -> tuple[str | None, int]:
    """The kind of report its title says, and which line that title is: a short line that
    opens with (or, after a name, soon says) a kind of report."""
    words = load_identity_words()
    statement: bool | None = None  # whether it names a statement's parts, once asked
    for index, (_, piece) in enumerate(pieces):
        if len(piece.split()) > TITLE_WORDS:
            continue
        low = piece.lower()
        for kind, pattern in words.kinds:
            m = pattern.search(low)
            if not m or m.start() > KIND_REACH:
                continue
            if kind == STATEMENT and statement is None:
                statement = _is_statement(paragraphs)
            if kind != STATEMENT or statement:
                return kind, index
    return None, 0


def _is_statement(paragraphs: Sequence[str]) -> bool:
    """Tell whether a document is a financial statement: it names its parts (spelled with
    their diacritics, or without in its first pages)."""
    parts = load_identity_words().statement_parts
    text = "\n".join(paragraphs).lower()
    if sum(part in text for part in parts) >= STATEMENT_PARTS:
        return True
    front = fold("\n".join(_front(paragraphs))).lower()
    return sum(fold(part) in front for part in parts) >= STATEMENT_PARTS


def _scope(folded: str, name: str) -> str | None:
    """Consolidated, separate or combined, as the statement's titles say most often ("Báo
    cáo tài chính hợp nhất", "riêng và hợp nhất" counts both); the file name counts once."""
    words = load_identity_words()
    counts: Counter[str] = Counter()
    titles = "|".join(re.escape(t) for t in words.statement_titles)
    for scope, spellings in words.scopes:
        alternatives = "|".join(re.escape(s) for s in spellings)
        said = re.compile(rf"(?:{titles})\s+(?:giua nien do\s+)?(?:(?:[^\W\d]+\s+){{0,2}}va\s+)?"
                          rf"(?:{alternatives})(?!\w)")
        counts[scope] += len(said.findall(folded))
        counts[scope] += any(s.replace(" ", "") in name.replace(" ", "") for s in spellings)
    ranked = [(scope, n) for scope, n in counts.most_common() if n]
    if not ranked or len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _audit(low: str, title: str, name: str) -> str | None:
    """Audited or reviewed: the auditor's report in the first pages, or what the title or
    file name says ("(đã được kiểm toán)"), unless the title says it is not."""
    words = load_identity_words()
    said = f"{title}\n{name}"
    if words.unaudited.search(title):
        return None
    if words.reviewed.search(low) or words.reviewed_title.search(said):
        return "soát xét"
    if words.audited.search(low) or words.audited_title.search(said):
        return "kiểm toán"
    return None


def _period(text: str, window: str, name: str,
            fiscal: int | None) -> tuple[date, date, int] | None:
    """The span the report covers and the month its (fiscal) year starts in: near its
    title, a span ("từ … đến …", "cho năm kết thúc ngày …") or a named period ("quý 2 năm
    2025", "quý I niên độ 2024-2025"); a quarter or half the report names that ends with
    the span is the report's period (the span then runs from the year's start); else the
    file name's ("…_Q2_2025", "…_2024", "…-6-thang-dau-nam-2021")."""
    named = [p for p, _ in find_periods(text) if p.quarter or p.half or p.fiscal]
    spans = spans_in(window) or ([] if window else spans_in(text))
    near = [p for p, _ in find_periods(window) if p.quarter or p.half or p.fiscal
            or p.start]
    if spans:
        span = spans[0]
        first = fiscal or _first_month(span.start, span.end, near)
        for period in near + named:  # "Quý II năm 2025" of a span from 01/01 to 30/06
            got = _span_of(period, first)
            if got and got[1] == span.end and got[0] >= span.start:
                return got[0], got[1], first
        return span.start, span.end, first
    for period in near or [p for p, _ in find_periods(window) if p.year]:
        got = _span_of(period, fiscal or 1)
        if got:
            return got[0], got[1], fiscal or 1
    from_name = [p for p, _ in find_periods(name)]
    for period in [p for p in from_name if p.quarter or p.half] + from_name:
        got = _span_of(period, fiscal or 1)
        if got:
            return got[0], got[1], fiscal or 1
    return None


def _first_month(start: date, end: date, near: list[Period]) -> int:
    """The month a fiscal year starts in, from a span the report names as one of its fiscal
    quarters or halves ("Quý I niên độ 2024-2025: từ 01-10-2024 đến 31-12-2024"), or as a
    whole year not starting in January."""
    for period in near:
        if period.fiscal and period.quarter:
            return (start.month - 3 * (period.quarter - 1) - 1) % 12 + 1
        if period.fiscal and period.half:
            return (start.month - 6 * (period.half - 1) - 1) % 12 + 1
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return start.month if months == 12 and start.day == 1 else 1


def _span_of(period: Period, first: int) -> tuple[date, date] | None:
    """The span of a period a report names, counting a fiscal one from `first`."""
    if not period.fiscal:
        return period.span()
    if period.year is None:
        return None
    start_year = period.year - 1 if first != 1 else period.year
    months, offset = (3, 3 * (period.quarter - 1)) if period.quarter else (
        (6, 6 * (period.half - 1)) if period.half else (12, 0))
    index = start_year * 12 + first - 1 + offset
    start = date(index // 12, index % 12 + 1, 1)
    end_index = index + months
    end = date(end_index // 12, end_index % 12 + 1, 1) - timedelta(days=1)
    return start, end


def _signed(text: str, end: date | None) -> date | None:
    """The latest day the first pages say the report was signed or published on, after
    the period it covers."""
    dates = [when for _, when in signing_dates(text)
             if end is None or end < when <= end + SIGNED_WITHIN]
    return max(dates) if dates else None
