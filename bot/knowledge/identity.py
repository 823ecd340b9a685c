"""Which document it is: the organisation a report is of, the kind of report, the period it
covers and when it was signed, read from its own text and its file name.

This is the contract; reading it from a document is yet to be built (issue 21, part 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
    #                         the kinds of patterns.json; None when unknown
    consolidated: bool | None = None  # hợp nhất (True) or riêng (False), for statements
    audit: str | None = None  # "kiểm toán" or "soát xét" when audited or reviewed, else None
    period_start: date | None = None  # the span the report covers (a quarter, a half, a
    period_end: date | None = None  # (fiscal) year, 9 months), its first and last day
    signed: date | None = None  # when it was signed or published, kept apart from the period
