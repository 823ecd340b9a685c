"""What a cell of a scanned table holds: a figure or a statement code, with the letters OCR
reads for digits put right, and what each column holds by its header and its cells."""

from __future__ import annotations

import re

from bot.knowledge.tables import CODE, LABEL, NOTE, OTHER, VALUE, Row
from bot.language.text import fold

ROLE_SHARE = 0.6  # a column whose cells are this often figures (codes, notes) holds them: the
#                  others are misread or empty
MAX_MISREAD = 2  # letters OCR may have read for digits in one figure (I for 1, O for 0)
FIGURE = re.compile(r"\(?[-–]?\d{1,3}(?:[.,]\d{3})+(?:,\d{1,2})?\)?"  # 1.234.567 (1.234)
                    r"|\(?[-–]?\d{5,}\)?"  # 12345678901: written without separators
                    r"|[-–]?\d{1,3}(?:[.,]\d{1,2})?%"  # 12,5%
                    r"|0|[-–]")  # nothing: a zero, or a dash in its place
_MISREAD = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "S": "5",
                          "B": "8"})  # the letters OCR commonly reads for digits
_EDGE_JUNK = "[]|!'\"`*_~"  # a table's rule read as part of the figure beside it
CODE_CELL = re.compile(r"\d{1,3}[a-z]?")  # "Mã số" of the standard forms: 01, 110, 421a
NOTE_CELL = re.compile(r"(?:[IVXLH]+\.?)?\d{1,2}(?:\.\d{1,2})*[a-z]?|[IVXLH]+\.?\w{0,3}")


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


def column_roles(labels: list[str], rows: list[list[str]]) -> list[str]:
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


def row_of(cells: list[str], roles: list[str]) -> Row:
    """A table row of a line's cells, its figures and codes read right."""
    repair = {VALUE: figure, CODE: statement_code}
    cells = [repair[role](cell) or cell if role in repair else cell
             for cell, role in zip(cells, roles)]
    label = next((cell for cell, role in zip(cells, roles) if role == LABEL), "")
    code = next((cell for cell, role in zip(cells, roles) if role == CODE and cell), None)
    note = next((cell for cell, role in zip(cells, roles) if role == NOTE and cell), None)
    heading = not any(cell for cell, role in zip(cells, roles) if role != LABEL)
    return Row(label, tuple(cells), code, note, heading)
