"""Tables on a scanned page, rebuilt from OCR's word boxes into the Table contract
(bot/knowledge/tables.py): a run of lines with figures standing in aligned columns is a
table; its columns are the strips of the page that no word crosses; the lines above it, up
to the unit line ("Đơn vị tính: …") or the title, are its header; a line whose label goes
on in lower case ("cung cấp dịch vụ") belongs to the row above."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge.formats.layout import Line, capitals
from bot.knowledge.formats.ocr import Word
from bot.knowledge.formats.scan_cells import column_roles, figure, row_of
from bot.knowledge.tables import Column, Table

COLUMN_GAP = 0.8  # word heights of empty space between two columns (words of a line stand
#                   about 0.4 apart; a table's columns, tight ones too, 1.0 or more)
RIGHT_EDGE_SPREAD = 1.5  # word heights: figures of one column end within this of each other
#                         (a column's figures are right-aligned; the next column's end a
#                         figure's width or more away)
STRAY_SHARE = 0.05  # a strip crossed by words of at most this share of the lines is empty
#                     all the same (a long label, a speck)
MIN_FIGURE_LINES = 3  # lines with figures in columns that make a table
MAX_LINES_BETWEEN = 12  # lines without figures (labels going on, rows left empty) inside a
#                         table, none of them crossing its figures' columns
MAX_ROW_GAP = 4.0  # word heights of empty space that end a table
MAX_HEADER_LINES = 10  # a header's lines (cells of several lines, each a little
#                        higher or lower than its neighbours, two header rows)
HEADER_GAP = 1.5  # word heights of empty space above a header line that end the header
TITLE_LINES = 4  # lines above the header searched for the table's title
MARGIN_SHARE = 0.25  # a figure that starts a line this far right of the text's left edge
#                      stands in a column (a figure at the left edge starts a sentence)
_NUMBERED = re.compile(r"\d+(?:\.\d+)*[.,)]?\s+[^\W\d_]")  # "1. Doanh thu", "10, Chi phí" (a comma
#                                                    misread for the full stop), "18.1 Lợi"
UNIT = re.compile(r"\b(?:đơn vị tính|đơn vị|đvt)\s*[:：]\s*(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """A table found among a page's lines: the Table (its page and paragraph left for the
    caller), the lines it takes (first to last, header included), and its header and rows
    as the paragraphs a person reads (cells joined by " | ")."""

    table: Table
    first: int
    last: int
    paragraphs: tuple[str, ...]


def find_tables(lines: list[Line], height: float) -> list[Found]:
    """Every table among a page's lines (top to bottom), with its header, unit and title."""
    if not lines or height <= 0:
        return []
    gap = COLUMN_GAP * height
    margin = min(line.left for line in lines)
    width = max(line.right for line in lines) - margin
    figured = [i for i, line in enumerate(lines) if _has_column_figure(line, gap, margin, width)]
    found: list[Found] = []
    start = 0
    for k in range(1, len(figured) + 1):
        if k < len(figured) and _same_table(lines, figured[k - 1], figured[k], height):
            continue
        run = figured[start:k]
        start = k
        if len(run) < MIN_FIGURE_LINES:
            continue
        if found and run[0] <= found[-1].last:
            continue
        table = _table(lines, run[0], _extend(lines, run[-1], height), height)
        if table is not None:
            found.append(table)
    return found


def _same_table(lines: list[Line], above: int, below: int, height: float) -> bool:
    """Whether two lines with figures stand in one table: few lines between them, no wide
    empty space, and none of those lines a piece of text running into the figures' columns
    (a paragraph between two tables)."""
    if below - above > MAX_LINES_BETWEEN:
        return False
    figures_left = min(segment[0].left for line in (lines[above], lines[below])
                       for segment in line.segments(COLUMN_GAP * height)
                       if figure(segment[-1].text))
    for i in range(above + 1, below + 1):
        if lines[i].top - lines[i - 1].bottom > MAX_ROW_GAP * height:
            return False
        if i < below and any(segment[0].left < figures_left < max(w.right for w in segment)
                             for segment in lines[i].segments(COLUMN_GAP * height)):
            return False
    return True


def _has_column_figure(line: Line, gap: float, margin: int, width: int) -> bool:
    for k, segment in enumerate(line.segments(gap)):
        if figure(segment[-1].text) and (k > 0 or segment[0].left - margin > MARGIN_SHARE
                                         * width):
            return True
    return False


def _extend(lines: list[Line], last: int, height: float) -> int:
    """The last line of a table's body: its last figure line, and the label lines that go on
    below it ("thuế của công ty mẹ")."""
    while (last + 1 < len(lines) and lines[last + 1].top - lines[last].bottom < HEADER_GAP
           * height and not _starts_row(lines[last + 1].text)):
        last += 1
    return last


def _starts_row(label: str) -> bool:
    """Whether a label line starts a row rather than going on with the one above: a row
    starts with a capital or a marker ("1.", "18.1", "a)", "- Trong đó"); a label goes on in
    lower case, or with the rest of a formula ("31 - 32)", "+ 40)")."""
    label = label.strip()
    if not label:
        return False
    if _NUMBERED.match(label) or re.match(r"[a-zđ][.)]\s", label):
        return True
    if label[0].islower() or label[0].isdigit() or label[0] in "([{=,;:.":
        return False
    if label[0] in "+-–•*":
        rest = label[1:].lstrip()
        return bool(rest) and rest[0].isupper()
    return True


def _numbered(label: str) -> bool:
    """Whether a label starts with an item's number ("1.", "18.1", "IV.", "a)")."""
    return bool(_NUMBERED.match(label.strip()) or re.match(r"(?:[IVX]+|[a-zđ])[.)]\s",
                                                            label.strip()))


def _columns(lines: list[Line], gap: float) -> list[tuple[int, int]]:
    """The strips of the page, left to right, between strips no word crosses."""
    left = min(line.left for line in lines)
    right = max(line.right for line in lines)
    cover = [0] * (right - left + 1)
    for line in lines:
        for word in line.words:
            for x in range(word.left - left, word.right - left):
                cover[x] += 1
    stray = int(STRAY_SHARE * len(lines))
    columns: list[tuple[int, int]] = []
    start, empty = None, 0
    for x, count in enumerate(cover):
        if count > stray:
            if start is None:
                start = x
            elif empty >= gap:
                columns.append((start + left, x - empty + left))
                start = x
            empty = 0
        else:
            empty += 1
    if start is not None:
        columns.append((start + left, len(cover) - empty + left))
    return columns


def _split_figures(lines: list[Line], columns: list[tuple[int, int]],
                   height: float) -> list[tuple[int, int]]:
    """Columns of figures set too close for empty space to part them ("Năm nay" and "Năm
    trước" under one header) parted by where their figures end: figures are right-aligned,
    so each column's figures end at one place."""
    split: list[tuple[int, int]] = []
    for start, end in columns:
        inside = [[w for w in line.words if start <= (w.left + w.right) / 2 <= end
                   and figure(w.text)] for line in lines]
        if sum(len(words) > 1 for words in inside) < MIN_FIGURE_LINES:
            split.append((start, end))
            continue
        ends = sorted(w.right for words in inside for w in words)
        groups = [[ends[0]]]
        for x in ends[1:]:
            if x - groups[-1][-1] > RIGHT_EDGE_SPREAD * height:
                groups.append([])
            groups[-1].append(x)
        groups = [g for g in groups if len(g) >= MIN_FIGURE_LINES] or [ends]
        left = start
        for group in groups[:-1]:
            split.append((left, max(group)))
            left = max(group) + 1
        split.append((left, end))
    return split


def _column_of(word: Word, columns: list[tuple[int, int]]) -> int:
    middle = (word.left + word.right) / 2
    return min(range(len(columns)), key=lambda i: 0 if columns[i][0] <= middle <= columns[i][1]
               else min(abs(middle - columns[i][0]), abs(middle - columns[i][1])))


def _cells(line: Line, columns: list[tuple[int, int]]) -> list[str]:
    cells: list[list[str]] = [[] for _ in columns]
    for word in line.words:
        cells[_column_of(word, columns)].append(word.text)
    return [" ".join(cell) for cell in cells]


def _table(lines: list[Line], first: int, last: int, height: float) -> Found | None:
    gap = COLUMN_GAP * height
    columns = _split_figures(lines[first:last + 1], _columns(lines[first:last + 1], gap), height)
    if len(columns) < 2:
        return None
    while first > 0 and _label_only(lines[first - 1], columns) and (
            _numbered(lines[first - 1].text) or lines[first - 1].bottom > lines[first].top):
        first -= 1  # the first row's label stands above its figures ("1. Doanh thu bán …")
    body = lines[first:last + 1]
    header_start, unit = first, None
    while header_start > 0 and first - header_start < MAX_HEADER_LINES:
        above = lines[header_start - 1]
        unit_match = UNIT.search(above.text)
        if unit_match:
            unit = unit_match.group(1).strip()
            break
        if (lines[header_start].top - above.bottom > HEADER_GAP * height
                or any(_spans(segment, columns) > 1 for segment in above.segments(gap))):
            break
        header_start -= 1
    headers = [[] for _ in columns]
    for line in lines[header_start:first]:
        for i, cell in enumerate(_cells(line, columns)):
            if cell:
                headers[i].append(cell)
    labels = [" ".join(cell) for cell in headers]
    raw_rows = _rows(body, columns)
    roles = column_roles(labels, raw_rows)
    rows = tuple(row_of(cells, roles) for cells in raw_rows)
    table = Table(title=_title(lines, header_start), columns=tuple(
        Column(label, role) for label, role in zip(labels, roles)), rows=rows, unit=unit)
    shown = [" | ".join(label for label in labels if label)] if any(labels) else []
    shown += [" | ".join(cell for cell in row.cells if cell) for row in rows]
    return Found(table, header_start, last, tuple(shown))


def _label_only(line: Line, columns: list[tuple[int, int]]) -> bool:
    return all(_column_of(word, columns) == 0 for word in line.words)


def _spans(segment: tuple[Word, ...], columns: list[tuple[int, int]]) -> int:
    left, right = segment[0].left, max(w.right for w in segment)
    return sum(1 for start, end in columns if left < end and start < right)


def _rows(body: list[Line], columns: list[tuple[int, int]]) -> list[list[str]]:
    """Lines grouped into rows: a line joins the row above when its label goes on in lower
    case, when it only holds figures for cells the row has empty, or when it holds only the
    label of a row whose figures stood higher."""
    rows: list[list[str]] = []
    for line in body:
        cells = _cells(line, columns)
        label, rest = cells[0], cells[1:]
        clash = bool(rows) and any(new and old for new, old in zip(rest, rows[-1][1:]))
        unlabelled = bool(rows) and not rows[-1][0] and not any(rest)  # its figures came first
        if not rows or clash or (label and _starts_row(label) and not unlabelled):
            rows.append(cells)
            continue
        rows[-1] = [f"{old} {new}".strip() for old, new in zip(rows[-1], cells)]
    return rows


def _title(lines: list[Line], header_start: int) -> str:
    """The nearest line above the header written in capitals ("BẢNG CÂN ĐỐI KẾ TOÁN")."""
    for line in reversed(lines[max(0, header_start - TITLE_LINES):header_start]):
        if len(line.words) >= 2 and capitals(line.text):
            return line.text
    return ""
