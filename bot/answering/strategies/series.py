"""A figure over several periods ("năm 2023 và năm 2024", "đầu kỳ và cuối kỳ", "qua các
quý"): each period's figure on a line of its own, in period order, each cited."""

from __future__ import annotations

from bot.answering import figure_text
from bot.answering.draft import Draft
from bot.answering.figures import find
from bot.answering.strategies.base import Context
from bot.answering.strategies.table_cell import asks_figure


class Series:
    name = "series"

    def applies(self, ctx: Context) -> bool:
        return asks_figure(ctx) and (len(ctx.query.wanted) >= 2 or ctx.query.series)

    def propose(self, ctx: Context) -> Draft | None:
        wanted = list(ctx.query.wanted)
        relative = [w for w in wanted if not w.dated]
        columns = relative if relative and len(relative) >= 2 else wanted
        found = find(ctx.item, columns, ctx.in_scope(), ctx.index, ctx.lexicon.patterns)
        if not found.cells and relative and len(relative) < len(wanted):
            found = find(ctx.item, wanted, ctx.in_scope(), ctx.index, ctx.lexicon.patterns)
        if len(found.cells) < 2:
            return None
        cells = sorted(found.cells, key=lambda c: (c.table.columns[c.column].end is None,
                                                   c.table.columns[c.column].end))
        lines = [f"• {figure_text.period_of(c)}: {figure_text.figure(c)}" for c in cells]
        head = cells[0].label
        text = f"{head}:\n" + "\n".join(lines) + f"\n{figure_text.where(cells[-1])}"
        return Draft(text, ctx.query.kind, cells[-1].chunk, 1.0, None, figures=tuple(cells))
