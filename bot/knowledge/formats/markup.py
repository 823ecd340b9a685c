"""Tables written as markup inside text: Markdown pipe tables and HTML <table> (rowspan,
colspan, <br> in cells), read into grids of plain cells; and the HTML tags and Markdown marks
that text converted from PDF carries (<br>, <div>, **bold**, \\* escapes), taken out.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"</?(?:div|p|center|h[1-6]|li|ul|ol|tr|table|thead|tbody|blockquote|"
                        r"section|article)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*>|<!--.*?-->", re.DOTALL)
_BOLD = re.compile(r"\*\*|__")
_ITALIC = re.compile(r"(?<![\\\w*])\*(?=\S)(.+?)(?<=[^\s\\])\*(?![\w*])", re.DOTALL)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|&<>~])")
_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_PIPED = re.compile(r"^\s*\|.*\|\s*$")  # a line that starts and ends with a pipe
_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
MAX_SPAN = 100  # a rowspan or colspan larger than this is a broken attribute, not a table


def strip_tags(text: str) -> str:
    """Text without HTML tags: <br> and block tags break lines, others go, entities are read."""
    if "<" not in text and "&" not in text:
        return text
    text = _BLOCK_TAG.sub("\n", _BREAK.sub("\n", text))
    return html.unescape(_TAG.sub("", text))


def plain_marks(text: str) -> str:
    """Text without Markdown's bold and italic marks and escapes: "**100**" -> "100",
    "*Giá trị (\\*)*" -> "Giá trị (*)"."""
    if "*" not in text and "_" not in text and "\\" not in text:
        return text
    text = _ITALIC.sub(r"\1", _BOLD.sub("", text))
    return _ESCAPE.sub(r"\1", text)


def plain_cell(cell: str) -> str:
    """A cell of a Markdown table as plain text, its <br> kept as line breaks."""
    lines = [" ".join(line.split()) for line in plain_marks(strip_tags(cell)).split("\n")]
    return "\n".join(line for line in lines if line)


def table_spans(markup: str) -> list[tuple[int, int]]:
    """Where the outermost <table> elements of some markup start and end (a table inside a
    table's cell is part of it)."""
    spans, depth, start = [], 0, 0
    for tag in _TABLE_TAG.finditer(markup):
        if tag.group(1) != "/":
            if depth == 0:
                start = tag.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, tag.end()))
    return spans


def join_html_tables(raw: str) -> str:
    """Text whose HTML tables stand in one blank-line paragraph each (a blank line inside a
    <table> does not end it)."""
    if "<table" not in raw.lower():
        return raw
    out, last = [], 0
    for start, end in table_spans(raw):
        out += [raw[last:start], re.sub(r"\n[ \t]*\n", "\n", raw[start:end])]
        last = end
    return "".join(out) + raw[last:]


@dataclass(frozen=True)
class Found:
    """A table found in a block of text: its grid, how many header rows its markup marks,
    and the lines of the block it spans (start inclusive, end exclusive)."""

    grid: list[list[str]]
    header_rows: int | None
    start: int
    end: int
    title: str = ""  # an HTML table's <caption>


def tables_in(block: str) -> list[Found]:
    """The pipe and HTML tables of a block of text, in order."""
    lines = block.split("\n")
    found = []
    if "<table" in block.lower():
        found += _html_in(lines)
    if "|" in block:
        taken = {i for f in found for i in range(f.start, f.end)}
        found += [f for f in _pipes_in(lines) if f.start not in taken]
    return sorted(found, key=lambda f: f.start)


def _pipes_in(lines: list[str]) -> list[Found]:
    """Pipe tables: a header line over a delimiter line ("| --- | --- |") and the rows under
    it; or, with no delimiter, lines that each start and end with a pipe (a table whose
    header was lost in conversion)."""
    found = []
    i = 0
    while i < len(lines):
        if (i + 1 < len(lines) and "|" in lines[i] and _DELIMITER.match(lines[i + 1])
                and "-" in lines[i + 1]):
            end = i + 2
            while end < len(lines) and "|" in lines[end] and lines[end].strip():
                end += 1
            grid = [_pipe_cells(lines[i])] + [_pipe_cells(line) for line in lines[i + 2:end]
                                              if not _DELIMITER.match(line)]
            found.append(Found(grid, 1, i, end))
            i = end
        elif _PIPED.match(lines[i]):
            end = i + 1
            while end < len(lines) and _PIPED.match(lines[end]):
                end += 1
            found.append(Found([_pipe_cells(line) for line in lines[i:end]
                                if not _DELIMITER.match(line)], None, i, end))
            i = end
        else:
            i += 1
    return found


def _pipe_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [plain_cell(cell.replace("\\|", "|")) for cell in _CELL_SPLIT.split(line)]


def _html_in(lines: list[str]) -> list[Found]:
    text = "\n".join(lines)
    found = []
    for first, last in table_spans(text):
        start = text.count("\n", 0, first)
        end = text.count("\n", 0, last) + 1
        for grid, header_rows, title in html_grids(text[first:last]):
            found.append(Found(grid, header_rows, start, end, title))
    return found


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


@dataclass
class _Table:
    rows: list[list[_Cell]] = field(default_factory=list)
    header_rows: int = 0  # rows in <thead>
    in_head: bool = False
    caption: list[str] = field(default_factory=list)


class TableGrids(HTMLParser):
    """Read HTML tables into grids: each spanned cell's text in every place it covers; a
    table inside a cell gives its text to that cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self.done: list[tuple[list[list[str]], int | None, str]] = []
        self.cell: _Cell | None = None
        self.depth = 0  # nested tables below the one being read
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            if self.tables:
                self.depth += 1
            else:
                self.tables.append(_Table())
            return
        if not self.tables or self.depth:
            if tag == "br" and self.cell is not None:
                self.cell.text.append("\n")
            return
        table = self.tables[-1]
        if tag == "thead":
            table.in_head = True
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            table.rows.append([])
            self.cell = None
        elif tag in ("td", "th"):
            values = dict(attrs)
            self.cell = _Cell(rowspan=_span(values.get("rowspan")),
                              colspan=_span(values.get("colspan")), header=tag == "th")
            if not table.rows:
                table.rows.append([])
            table.rows[-1].append(self.cell)
        elif tag == "br" and self.cell is not None:
            self.cell.text.append("\n")

    def handle_endtag(self, tag):
        if tag == "table":
            if self.depth:
                self.depth -= 1
            elif self.tables:
                self.done.append(_grid(self.tables.pop()))
                self.cell = None
        elif self.tables and not self.depth:
            table = self.tables[-1]
            if tag == "thead":
                table.in_head = False
                table.header_rows = len(table.rows)
            elif tag == "caption":
                self.in_caption = False
            elif tag in ("td", "th"):
                self.cell = None
            elif tag in ("p", "div", "li") and self.cell is not None:
                self.cell.text.append("\n")

    def handle_data(self, data):
        if self.in_caption and self.tables and not self.depth:
            self.tables[-1].caption.append(data)
        elif self.cell is not None:
            self.cell.text.append(data)


def _span(value: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(value or 1)))
    except ValueError:
        return 1


def _grid(table: _Table) -> tuple[list[list[str]], int | None, str]:
    """Lay the cells out, each spanned cell copied into every place it covers."""
    placed: dict[tuple[int, int], str] = {}
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in placed:
                c += 1
            text = plain_cell("".join(cell.text))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    placed.setdefault((r + dr, c + dc), text)
            c += cell.colspan
    height = len(table.rows)
    width = max((c for _, c in placed), default=-1) + 1
    grid = [[placed.get((r, c), "") for c in range(width)] for r in range(height)]
    header = table.header_rows
    if not header:
        header = 0
        for row in table.rows:
            if row and all(cell.header for cell in row):
                header += 1
            else:
                break
    return grid, header or None, " ".join("".join(table.caption).split())


def html_grids(markup: str) -> list[tuple[list[list[str]], int | None, str]]:
    """The grids of the HTML tables in some markup, each with its marked header rows and
    its <caption>."""
    parser = TableGrids()
    parser.feed(markup)
    parser.close()
    return parser.done
