"""A figure of a table ("Doanh thu thuần năm 2024 là bao nhiêu?"): the cell of the row that
names the item and the column of the period asked, with its unit and rounding, the row and
column cited."""

from __future__ import annotations

from bot.answering import figure_text
from bot.answering.cells import ACTUAL, PLAN_SHARE, PLANNED
from bot.answering.draft import Draft
from bot.answering.figures import find
from bot.answering.kinds import Kind
from bot.answering.sentences import counts_things
from bot.answering.strategies.base import Context

# Kinds a figure answers: how much, what (it is), and questions with no asking word.
FIGURE_KINDS = (Kind.HOW_MANY, Kind.WHAT, Kind.OTHER)


def aim_of(query) -> str:
    """What the question wants of its period: the result, the plan, or the share done."""
    return PLAN_SHARE if query.plan_share else PLANNED if query.planned else ACTUAL


def asks_figure(ctx: Context) -> bool:
    """A question a table may answer: about an item, of reports that have tables."""
    query = ctx.query
    # "dau nam" typed without diacritics reads as "đâu" (where): it is "đầu năm".
    misread = query.kind == Kind.WHERE and any("dau" in w.said.split() for w in query.wanted)
    return ((query.kind in FIGURE_KINDS or misread) and not query.wants_list
            and ctx.has_tables and bool(ctx.item))


class TableCell:
    name = "table_cell"

    def applies(self, ctx: Context) -> bool:
        return asks_figure(ctx)

    def propose(self, ctx: Context) -> Draft | None:
        wanted = [next((w for w in ctx.query.wanted if w.dated), None)
                  or next(iter(ctx.query.wanted), None)]
        found = find(ctx.item, wanted, ctx.in_scope(), ctx.index, ctx.lexicon.patterns,
                     ctx.focus, aim_of(ctx.query))
        if not found.cells:
            if found.row is None:
                return None
            return Draft("", ctx.query.kind, found.row, no_period=True)
        cell = found.cells[0]
        if counts_things(ctx.query, ctx.lexicon.patterns) and cell.unit is not None and (
                cell.unit.money or cell.unit.base == "%"):
            return None  # "bao nhiêu nhân viên": no amount of đồng, no share, counts them
        text = f"{figure_text.line(cell)}.\n{figure_text.where(cell)}"
        return Draft(text, ctx.query.kind, cell.chunk, 1.0, figure_text.short(cell),
                     figures=found.cells)
