"""Which rows of a grid head it: those a format marks, or the first that read as column
headers (a role, relation or unit word, a period, a date), and rows under them that head or
number the columns."""

from __future__ import annotations

import re

from bot.knowledge.columns import header_role
from bot.knowledge.formats.titles import TITLE_WORDS
from bot.knowledge.tables import CODE, NOTE
from bot.language.dates import span_in
from bot.language.numbers import parse_figure
from bot.language.statements import Vocabulary, key

MAX_HEADER_ROWS = 4  # a header is at most this deep (a year over quarters over months)
_CODE_CELL = re.compile(r"^\d{2,3}[a-z]?$")  # "270", "421a": a statement code, not a label
_PEOPLE = ("ông ", "bà ", "mr ", "ms ", "mrs ")  # a header cell never names a person


def spanning(row: list[str]) -> bool:
    """One text across the row (a merged title cell, or a lone cell in the first column)."""
    filled = {c for c in row if c}
    return len(filled) == 1 and (row[0] in filled or all(row))


def page_title(row: list[str]) -> bool:
    """A page's running title copied into the cells of a merged header ("CÔNG TY … / BẢNG
    CÂN ĐỐI KẾ TOÁN (tiếp theo) / Tại ngày …" in each column), as converters write a PDF
    page: a few long texts each repeated, no figure. A header level merged over columns
    ("Quý 4 | Quý 4 | Lũy kế | Lũy kế") is short and is a header."""
    filled = [c for c in row if c]
    distinct = set(filled)
    return (len(filled) >= 2 and len(distinct) * 2 <= len(filled)
            and not any(is_figure(c) for c in filled)
            and all("\n" in c or len(c.split()) > TITLE_WORDS for c in distinct))


def shifted(row: list[str], body: list[list[str]], vocabulary: Vocabulary) -> bool:
    """A header row one cell to the left of its columns, as converters write a statement
    whose label column has no header: it opens with "Mã số" (or "Thuyết minh") and ends
    empty, over rows that open with their labels (words, not codes)."""
    labels = [r[0] for r in body if r[0]]
    return (len(row) > 2 and not row[-1] and header_role(row[0], vocabulary) in (CODE, NOTE)
            and len(labels) * 2 > len(body) and not any(_CODE_CELL.match(c) for c in labels))


def is_figure(cell: str) -> bool:
    """A cell that holds a figure, not a year, a date or a column number of the header."""
    figure = parse_figure(cell)
    return figure is not None and not (figure.value == int(figure.value) and (
        1900 <= figure.value <= 2100 and len(cell.strip("* ")) == 4))


def _header_word(cell: str, vocabulary: Vocabulary) -> bool:
    """A cell that reads as a column header: a role, relation or unit word, a period, a date."""
    text = cell.replace("\n", " ")
    if not text or text.lower().startswith(_PEOPLE) or len(text.split()) > TITLE_WORDS:
        return False
    compact = key(text)
    if header_role(text, vocabulary) or vocabulary.is_unit(text):
        return True
    if any(vocabulary.has(group, text) for group in ("change", "cumulative", "previous",
                                                     "current", "stock")):
        return True
    if any(compact.startswith(word) for word in vocabulary.columns["header_words"]):
        return True
    return len(text.split()) <= 8 and span_in(text) is not None


def header_count(rows: list[list[str]], given: int | None, vocabulary: Vocabulary) -> int:
    """How many rows head the table: those the format marks (unless they read as data: a
    figure, or no header word over a body of words only), then any that follow and read as
    headers; or, unmarked, the first rows that read as headers."""
    body_has_figures = any(is_figure(c) for r in rows[1:] for c in r)
    if given:
        first = rows[0]
        if any(is_figure(c) for c in first) or (
                len(rows) > 1 and not body_has_figures
                and not any(_header_word(c, vocabulary) for c in first)):
            return 0
        if len(rows) == 1 or any(c.lower().startswith(_PEOPLE) for c in first):
            return 0  # a header alone, or naming people: a layout box, its cells are data
        count = given
    else:
        first = rows[0]
        if len(rows) == 1 or any(is_figure(c) for c in first) or not (
                any(_header_word(c, vocabulary) for c in first) or body_has_figures):
            return 0
        count = 1
    while count < min(MAX_HEADER_ROWS, len(rows) - 1) and _more_header(rows[count], vocabulary):
        count += 1
    return count


def _more_header(row: list[str], vocabulary: Vocabulary) -> bool:
    """A row under the header that heads columns too ("Năm nay | Năm trước" under "Quý 1"),
    or numbers them ("1 | 2 | 3 | 4 | 5")."""
    if numbering(row):
        return True
    if any(is_figure(c) for c in row) or spanning(row):
        return False  # a row of one text across the table heads the rows under it
    words = [_header_word(c, vocabulary) for c in row]
    filled = [w for c, w in zip(row, words) if c]
    distinct = {c for c, w in zip(row, words) if w}
    return len(distinct) >= 2 or (not row[0] and bool(filled) and all(filled))


def numbering(row: list[str]) -> bool:
    """A row that only numbers the columns: "1 | 2 | 3 | 4 | 5", "A | B | 1 | 2"."""
    filled = [c for c in row if c]
    if len(filled) < 3 or not all(len(c) <= 2 and c.isalnum() for c in filled):
        return False
    digits = [int(c) for c in filled if c.isdigit()]
    return len(digits) >= 2 and digits == sorted(digits) and len(set(digits)) == len(digits)
