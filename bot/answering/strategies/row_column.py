"""A figure of a table whose rows are things and whose columns are measures ("Dân số huyện
Hòa An?" of a table of districts by "Dân số (người)", "Diện tích (km2)"; "Tỷ lệ sở hữu của
công ty con X?"): the row search found by the thing's name, the column whose header names
what the question asks beside it."""

from __future__ import annotations

from bot.answering import figure_text
from bot.answering.cells import fits, value_columns
from bot.answering.draft import Draft
from bot.answering.figures import cell_at, dated_table
from bot.answering.items import Item, match, normalized
from bot.answering.strategies.base import Context
from bot.answering.strategies.table_cell import asks_figure
from bot.knowledge.formats import TABLE
from bot.knowledge.table_text import row_label

# The rows search ranks first that are looked at: the thing a question names is in its
# words, so its row comes first or close to it.
ROWS_LOOKED_AT = 3
# A row's label may hold one word the question leaves out: the kind of thing it is ("Huyện"
# of "Huyện Tân Lập", "Công ty" of "Công ty TNHH …").
UNSAID_LABEL_WORDS = 1


class RowColumn:
    name = "row_column"

    def applies(self, ctx: Context) -> bool:
        return asks_figure(ctx) and not ctx.query.planned

    def propose(self, ctx: Context) -> Draft | None:
        patterns = ctx.lexicon.patterns
        asked = set(ctx.item.required) | ctx.item.optional
        wanted = next((w for w in ctx.query.wanted if w.dated), None)
        for hit in ctx.hits[:ROWS_LOOKED_AT]:
            chunk = hit.chunk
            if chunk.role != TABLE or chunk.table is None or chunk.row is None:
                continue
            table = dated_table(chunk)
            label = set(normalized(row_label(table, table.rows[chunk.row]), patterns))
            said = label & asked
            if not said or len(label - asked) > UNSAID_LABEL_WORDS:
                continue
            measure = Item(tuple(w for w in ctx.item.required if w not in label),
                           ctx.item.optional)
            if not measure:
                continue
            best = None
            for i in value_columns(table):
                column = table.columns[i]
                if wanted is not None and column.end is not None and not fits(column, wanted):
                    continue
                found = match(measure, normalized(column.label, patterns), patterns)
                if found is not None and (best is None or found.extra < best[0]):
                    best = (found.extra, i)
            if best is None:
                continue
            cell = cell_at(chunk, table, best[1], wanted)
            if cell is None:
                continue
            text = f"{label_line(cell)}.\n{figure_text.where(cell)}"
            return Draft(text, ctx.query.kind, chunk, 1.0, figure_text.short(cell),
                         figures=(cell,))
        return None


def label_line(cell) -> str:
    """"Huyện Hòa An, dân số trung bình 2024 (người): 154.300 người"."""
    header = cell.header
    header = header[:1].lower() + header[1:] if header[1:2].islower() else header
    return f"{figure_text.label(cell)}, {header}: {figure_text.figure(cell)}"
