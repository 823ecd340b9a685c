"""Tables of a PDF's text layer, found by pdfplumber from the lines ruled around their cells,
with the text lines of their pages outside them.

pdfplumber (on pdfminer.six) is used rather than pypdf's text here: it gives each table's
cells, and with a tight gap between letters (X_TOLERANCE) it keeps the words of statements
whose text layer spaces them by less than a letter's width, that pypdf runs together
("Tiềnvàcáckhoản…" becomes "Tiền và các khoản…")."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from bot.language.numbers import parse_figure
from bot.language.text import normalize

logger = logging.getLogger(__name__)

X_TOLERANCE = 1  # points between letters of one word; statements set words ~2.4 pt apart
MIN_ROWS = 2  # a ruled box of fewer rows is a frame, not a table
MIN_COLUMNS = 2
LINE_GAP = 1.5  # a vertical gap this many times the line height between lines ends a paragraph
MIN_FIGURES = 8  # a page with fewer figures of four digits or more holds no table of figures
_FIGURE = re.compile(r"\d{1,3}(?:[ .,]\d{3})+|\d{4,}")


@dataclass(frozen=True)
class Placed:
    """A text line or a table grid on a page, with its distance from the page's top."""

    top: float
    text: str = ""
    gap_before: bool = False  # a blank space above it: a new paragraph starts here
    grid: tuple[tuple[str, ...], ...] | None = None


def likely_tables(text: str) -> bool:
    """Whether a page's text has figures enough to hold a table (the others are not
    searched: finding tables costs a page's whole layout)."""
    return len(_FIGURE.findall(text)) >= MIN_FIGURES


def tables_by_page(path: Path, wanted: set[int]) -> dict[int, list[Placed]]:
    """For each of the `wanted` pages (1-based) that holds a table: its lines outside the
    tables and its tables, top to bottom. Empty when pdfplumber cannot read the file
    (pypdf's text is then all there is)."""
    import pdfplumber

    pages: dict[int, list[Placed]] = {}
    if not wanted:
        return pages
    try:
        with pdfplumber.open(str(path)) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                if number not in wanted:
                    continue
                placed = _page(page)
                if placed:
                    pages[number] = placed
                page.flush_cache()
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on odd files
        logger.warning("No tables read from %s (%s: %s)", path.name, type(exc).__name__, exc)
        return {}
    return pages


def _page(page) -> list[Placed]:
    found = [t for t in page.find_tables() if len(t.rows) >= MIN_ROWS]
    grids = []
    for table in found:
        rows = table.extract(x_tolerance=X_TOLERANCE)
        if rows and max(len(r) for r in rows) >= MIN_COLUMNS:
            grids.append((table.bbox, _filled(rows)))
    if not grids:
        return []
    boxes = [bbox for bbox, _ in grids]

    def outside(obj) -> bool:
        middle_x = (obj["x0"] + obj["x1"]) / 2
        middle_y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= middle_x <= x1 and top <= middle_y <= bottom
                       for x0, top, x1, bottom in boxes)

    placed = [Placed(bbox[1], grid=grid) for bbox, grid in grids]
    previous_bottom = None
    for line in page.filter(outside).extract_text_lines(x_tolerance=X_TOLERANCE):
        text = normalize(line["text"])
        if not text:
            continue
        height = max(1.0, line["bottom"] - line["top"])
        gap = previous_bottom is not None and line["top"] - previous_bottom > LINE_GAP * height
        placed.append(Placed(line["top"], text, gap))
        previous_bottom = line["bottom"]
    return sorted(placed, key=lambda item: item.top)


def _filled(rows: list[list[str | None]]) -> tuple[tuple[str, ...], ...]:
    """Cells as text; a cell a merged one covers (None) takes the merged cell's text in the
    header (above it when the cell above is a cell of its own, else from its left), and
    stays empty under the header."""
    out: list[list[str]] = []
    original: list[list[bool]] = []
    in_header = True
    for r, row in enumerate(rows):
        if any(cell and parse_figure(cell) for cell in row[1:]):
            in_header = False
        cells: list[str] = []
        for c, cell in enumerate(row):
            if cell is not None:
                cells.append(" ".join(cell.split()))  # a line break in a PDF cell is a wrap
            elif not in_header:
                cells.append("")
            elif r and c < len(out[r - 1]) and original[r - 1][c]:
                cells.append(out[r - 1][c])
            else:
                cells.append(cells[-1] if cells else "")
        out.append(cells)
        original.append([cell is not None for cell in row])
    return tuple(tuple(row) for row in out)
