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
from bot.knowledge.tables import CODE, LABEL, NOTE, OTHER, VALUE, Column, Row, Table
from bot.language.text import fold

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
ROLE_SHARE = 0.6  # a column whose cells are this often figures (codes, notes) holds them: the
#                  others are misread or empty
MAX_MISREAD = 2  # letters OCR may have read for digits in one figure (I for 1, O for 0)
FIGURE = re.compile(r"\(?[-–]?\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2})?\)?"  # 1.234.567 (1.234)
                    r"|\(?[-–]?\d{5,}\)?"  # 37965518480: written without separators
                    r"|[-–]?\d{1,3}(?:[.,]\d{1,2})?%"  # 12,5%
                    r"|0|[-–]")  # nothing: a zero, or a dash in its place
_MISREAD = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "S": "5",
                          "B": "8"})  # the letters OCR commonly reads for digits
_EDGE_JUNK = "[]|!'\"`*_~"  # a table's rule read as part of the figure beside it
_NUMBERED = re.compile(r"\d+(?:\.\d+)*[.,)]?\s+[^\W\d_]")  # "1. Doanh thu", "10, Chi phí" (a comma
#                                                    misread for the full stop), "18.1 Lợi"
UNIT = re.compile(r"\b(?:đơn vị tính|đơn vị|đvt)\s*[:：]\s*(.+)$", re.IGNORECASE)
CODE_CELL = re.compile(r"\d{1,3}[a-z]?")  # "Mã số" of the standard forms: 01, 110, 421a
NOTE_CELL = re.compile(r"(?:[IVXLH]+\.?)?\d{1,2}(?:\.\d{1,2})*[a-z]?|[IVXLH]+\.?\w{0,3}")


@dataclass(frozen=True)
class Found:
    """A table found among a page's lines: the Table (its page and paragraph left for the
    caller), the lines it takes (first to last, header included), and its header and rows
    as the paragraphs a person reads (cells joined by " | ")."""

    table: Table
    first: int
    last: int
    paragraphs: tuple[str, ...]


def figure(text: str) -> str | None:
    """The figure a cell holds, as written, with letters misread for digits put right (and a
    rule read beside it dropped); None when it is not a figure."""
    if FIGURE.fullmatch(text):
        return text
    bare = text.strip(_EDGE_JUNK)
    letters = sum(c.isalpha() for c in bare)
    if letters > MAX_MISREAD or sum(c.isdigit() for c in bare) < 4:
        return None
    repaired = bare.translate(_MISREAD)
    return repaired if FIGURE.fullmatch(repaired) else None


def statement_code(text: str) -> str | None:
    """The statement code ("Mã số") a cell holds, digits misread as letters put right."""
    repaired = text.translate(_MISREAD).replace("]", "1").strip(_EDGE_JUNK)
    return repaired if CODE_CELL.fullmatch(repaired) else None


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
    roles = _roles(labels, raw_rows)
    rows = tuple(_row(cells, roles) for cells in raw_rows)
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


def _roles(labels: list[str], rows: list[list[str]]) -> list[str]:
    """What each column holds, by its header ("Mã số", "Thuyết minh") and its cells."""
    roles = []
    for i, label in enumerate(labels):
        cells = [row[i] for row in rows if row[i]]
        header = fold(label.lower())
        if cells and sum(bool(figure(c)) for c in cells) >= ROLE_SHARE * len(cells):
            roles.append(VALUE)
        elif i == 0:
            roles.append(LABEL)
        elif re.search(r"\bma\b", header) or (cells and sum(bool(statement_code(c)) for c in cells)
                                                >= ROLE_SHARE * len(cells)):
            roles.append(CODE)
        elif re.search(r"thuyet|\btm\b", header) or (cells and sum(
                bool(NOTE_CELL.fullmatch(c)) for c in cells) >= ROLE_SHARE * len(cells)):
            roles.append(NOTE)
        else:
            roles.append(OTHER)
    return roles


def _row(cells: list[str], roles: list[str]) -> Row:
    repair = {VALUE: figure, CODE: statement_code}
    cells = [repair[role](cell) or cell if role in repair else cell
             for cell, role in zip(cells, roles)]
    label = next((cell for cell, role in zip(cells, roles) if role == LABEL), "")
    code = next((cell for cell, role in zip(cells, roles) if role == CODE and cell), None)
    note = next((cell for cell, role in zip(cells, roles) if role == NOTE and cell), None)
    heading = not any(cell for cell, role in zip(cells, roles) if role != LABEL)
    return Row(label, tuple(cells), code, note, heading)


def _title(lines: list[Line], header_start: int) -> str:
    """The nearest line above the header written in capitals ("BẢNG CÂN ĐỐI KẾ TOÁN")."""
    for line in reversed(lines[max(0, header_start - TITLE_LINES):header_start]):
        if len(line.words) >= 2 and capitals(line.text):
            return line.text
    return ""
