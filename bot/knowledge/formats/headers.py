"""Which rows of a grid head it: those a format marks, or the first that read as column
headers (a role, relation or unit word, a period, a date), and rows under them that head or
number the columns."""

from __future__ import annotations

from bot.knowledge.columns import header_role
from bot.knowledge.formats.titles import TITLE_WORDS
from bot.language.dates import span_in
from bot.language.numbers import parse_figure
from bot.language.statements import Vocabulary, key

MAX_HEADER_ROWS = 4  # a header is at most this deep (a year over quarters over months)
_PEOPLE = ("ông ", "bà ", "mr ", "ms ", "mrs ")  # a header cell never names a person


def spanning(row: list[str]) -> bool:
    """One text across the row (a merged title cell, or a lone cell in the first column)."""
    filled = {c for c in row if c}
    return len(filled) == 1 and (row[0] in filled or all(row))


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
