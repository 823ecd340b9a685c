"""A figure over several periods ("năm 2023 và năm 2024", "đầu kỳ và cuối kỳ", "qua các
quý", "xu hướng"): each period's figure on a line of its own, in period order, from one
statement's columns or from the organisation's reports of each period, each cited."""

from __future__ import annotations

from bot.answering import figure_text
from bot.answering.cells import span_of
from bot.answering.draft import Draft
from bot.answering.figures import Cell, find
from bot.answering.strategies.base import Context
from bot.answering.strategies.table_cell import asks_figure


class Series:
    name = "series"

    def applies(self, ctx: Context) -> bool:
        return asks_figure(ctx) and (len(ctx.query.wanted) >= 2 or ctx.query.series)

    def propose(self, ctx: Context) -> Draft | None:
        cells = _one_statement(ctx) or _across_reports(ctx)
        if len(cells) < 2:
            return None
        cells = sorted(cells, key=_when)
        lines = [f"• {figure_text.period_of(c)}: {figure_text.figure(c)}" for c in cells]
        text = (f"{figure_text.label(cells[0])}:\n" + "\n".join(lines)
                + f"\n{figure_text.where(cells[-1])}")
        chart = tuple((figure_text.period_of(c), c.value) for c in cells)
        return Draft(text, ctx.query.kind, cells[-1].chunk, 1.0, None, figures=tuple(cells),
                     chart=chart, chart_unit=figure_text.unit_name(cells[-1]),
                     also_cited=tuple(c.chunk for c in cells[:-1]
                                      if c.chunk.document is not cells[-1].chunk.document))


def _one_statement(ctx: Context) -> list[Cell]:
    """The periods asked, from the columns of one row (a statement compares its own period
    with the year before, or its opening with its closing)."""
    wanted = list(ctx.query.wanted)
    if len(wanted) < 2:
        return []
    relative = [w for w in wanted if not w.dated]
    columns = relative if len(relative) >= 2 else wanted
    documents = ctx.in_scope()
    found = find(ctx.item, columns, documents, ctx.index, ctx.lexicon.patterns)
    if not found.cells and relative and len(relative) < len(wanted):
        found = find(ctx.item, wanted, documents, ctx.index, ctx.lexicon.patterns)
    return list(found.cells)


def _across_reports(ctx: Context) -> list[Cell]:
    """Each period asked from the report that gives it, or, asked over the periods
    ("qua các quý"), each report's own period: the organisation's series of reports."""
    documents = ctx.in_scope()
    patterns = ctx.lexicon.patterns
    cells: list[Cell] = []
    if ctx.query.wanted and not ctx.query.series:
        for wanted in ctx.query.wanted:
            found = find(ctx.item, [wanted], documents, ctx.index, patterns)
            cells += found.cells[:1]
    else:
        for document in sorted(documents, key=lambda d: span_of(d) or ()):
            found = find(ctx.item, [None], [document], ctx.index, patterns)
            cells += found.cells[:1]
    seen, kept = set(), []
    for cell in cells:  # one figure a period
        column = cell.table.columns[cell.column]
        if (column.start, column.end) not in seen:
            seen.add((column.start, column.end))
            kept.append(cell)
    return kept


def _when(cell: Cell) -> tuple:
    column = cell.table.columns[cell.column]
    return (column.end is None, column.end or 0, column.start or 0)
