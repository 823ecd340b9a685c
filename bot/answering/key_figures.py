"""The key figures of a financial statement, each with the period it is compared with and
the change: what a summary of a statement leads with (revenue, profit after tax, total
assets, equity; patterns.json key_figures), rather than the notes' prose."""

from __future__ import annotations

from bot.answering import figure_text
from bot.answering.figures import find
from bot.answering.items import item_words
from bot.answering.when import Wanted
from bot.knowledge.documents import Document
from bot.knowledge.tables import PREVIOUS
from bot.language.lexicon import Lexicon
from bot.search.index import Index

_COMPARED = Wanted("cung ky", relation=PREVIOUS)  # the same period a year before, or the
#                                                  opening of a balance


def key_figures(document: Document, index: Index, lexicon: Lexicon) -> list[str]:
    """One line per key figure the document's statements give: "Doanh thu thuần …, năm 2024:
    123.456.789.012 đồng ≈ 123,5 tỷ đồng (năm 2023: …; tăng … (16,7%))"."""
    if not any(table.statement for table in document.tables):
        return []
    lines = []
    for names in lexicon.patterns.key_figures:
        for name in names:
            item = item_words(name, [], lexicon)
            found = find(item, [None, _COMPARED], [document], index, lexicon.patterns)
            if not found.cells:
                found = find(item, [None], [document], index, lexicon.patterns)
            if found.cells:
                lines.append(_line(found.cells))
                break
    return lines


def _line(cells) -> str:
    now = cells[0]
    text = f"{figure_text.line(now)}"
    if len(cells) > 1:
        before = cells[1]
        words, _ = figure_text.change(before, now)
        text += f" ({figure_text.period_of(before)}: {figure_text.figure(before)}; {words})"
    return text + "."
