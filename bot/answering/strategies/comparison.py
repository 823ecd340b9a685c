"""A change computed ("tăng bao nhiêu % so với cùng kỳ?", "so với 2023") or which of two is
higher ("Năm 2024 A hay B có doanh thu thuần cao hơn?"): both figures, each cited, and the
difference and percentage computed exactly, the direction in words."""

from __future__ import annotations

from dataclasses import replace

from bot.answering import figure_text
from bot.answering.draft import Draft
from bot.answering.figures import Cell, find
from bot.answering.strategies.base import Context
from bot.answering.strategies.table_cell import asks_figure
from bot.answering.when import Wanted
from bot.knowledge.tables import CHANGE, PREVIOUS


class Comparison:
    name = "comparison"

    def applies(self, ctx: Context) -> bool:
        query = ctx.query
        # "so với 2023" with two periods is a change; "… so với cùng kỳ năm trước?" alone may
        # ask a table's own comparison column: a figure, for the table cell.
        two = sum(w.dated for w in query.wanted) >= 2
        if query.planned:
            return False  # the plan's figure or the share of it done: a cell (table_cell)
        return asks_figure_of_any_kind(ctx) and (query.compares or query.which
                                                  or (query.compared and two))

    def propose(self, ctx: Context) -> Draft | None:
        organisations = ctx.named.organisations
        if ctx.query.which and len(organisations) >= 2:
            return _between(ctx, organisations[:2])
        return _over_time(ctx)


def asks_figure_of_any_kind(ctx: Context) -> bool:
    """A figure question, whatever its asking words ("doanh nghiệp nào …" asks who)."""
    return asks_figure(ctx) or (ctx.has_tables and bool(ctx.item) and not ctx.query.wants_list)


def _over_time(ctx: Context) -> Draft | None:
    """The figure of the period asked against the one it is compared with."""
    wanted = list(ctx.query.wanted)
    dated = [w for w in wanted if w.dated]
    if len(dated) >= 2:
        pair: list[Wanted | None] = dated[:2]
    elif dated and dated[0].against:  # "tăng bao nhiêu so với năm 2023": the report's own
        pair = [None, dated[0]]
    else:
        pair = [dated[0] if dated else None, Wanted("cung ky", relation=PREVIOUS)]
    found = find(ctx.item, pair, ctx.in_scope(), ctx.index, ctx.lexicon.patterns,
                     ctx.focus)
    if not found.cells:
        return None if found.row is None else Draft("", ctx.query.kind, found.row,
                                                    no_period=True)
    new, old = found.cells
    if _states_change(old):  # a statistics table's own "so với cùng kỳ (%)": as it says
        text = f"{figure_text.line(old)}.\n{figure_text.where(old)}"
        return Draft(text, ctx.query.kind, old.chunk, 1.0, figure_text.short(old),
                     figures=(old,))
    if old.table.columns[old.column].end and new.table.columns[new.column].end and (
            old.table.columns[old.column].end > new.table.columns[new.column].end):
        new, old = old, new  # the later period is the one that changed
    words, short = figure_text.change(old, new)
    text = (f"{figure_text.line(new)}; {figure_text.period_of(old)}: "
            f"{figure_text.figure(old)}.\n→ {words}.\n{figure_text.where(new)}")
    return Draft(text, ctx.query.kind, new.chunk, 1.0, short, figures=(new, old))


def _states_change(cell: Cell) -> bool:
    """The cell is a comparison the report states itself (a "so với cùng kỳ" column)."""
    return cell.table.columns[cell.column].relation == CHANGE


def _between(ctx: Context, organisations) -> Draft | None:
    """The same figure of two organisations, and which is higher."""
    wanted = next((w for w in ctx.query.wanted if w.dated), None)
    cells: list[tuple[str, Cell]] = []
    for name, paths in organisations:
        found = find(ctx.item, [wanted], ctx.in_scope(paths), ctx.index, ctx.lexicon.patterns)
        if not found.cells:
            return None
        cells.append((name, found.cells[0]))
    (a_name, a), (b_name, b) = cells
    first, second, _ = figure_text.in_common(a, b)
    higher, lower = ((a_name, a), (b_name, b)) if first >= second else ((b_name, b), (a_name, a))
    text = (f"{higher[0]} cao hơn.\n{figure_text.line(higher[1], higher[0])}\n"
            f"{figure_text.line(lower[1], lower[0])}")
    return Draft(text, ctx.query.kind, higher[1].chunk, 1.0, higher[0],
                 figures=(replace(higher[1]), replace(lower[1])),
                 also=(figure_text.where(lower[1]), lower[1].chunk))
