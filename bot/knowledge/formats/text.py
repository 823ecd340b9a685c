"""Plain text and Markdown: front matter, a leading date marker, headings, blank-line
paragraphs, and tables (Markdown pipes, HTML <table>) read as tables."""

from __future__ import annotations

import re

from bot.knowledge.formats.common import BODY, HEADING, ISO_DATE, TABLE, Parsed, parsed
from bot.knowledge.formats.grid import build_table
from bot.knowledge.formats.markup import join_html_tables, plain_marks, strip_tags, tables_in
from bot.knowledge.formats.titles import TITLE_LOOKBACK
from bot.knowledge.table_text import caption
from bot.knowledge.tables import Table
from bot.language.text import normalize

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(\n|\Z)", re.DOTALL)
_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*\n?", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
BOLD_HEADING_WORDS = 30  # a statement's section title in bold is no longer than this
_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}\s+|^>\s?|^[-*+]\s+", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def parse_text(raw: str) -> Parsed:
    """Text and Markdown: front matter, a leading date marker, headings, blank-line paragraphs."""
    title = date = None
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    front = _FRONT_MATTER.match(raw)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if key.strip().lower() == "title" and value:
                title = value
            elif key.strip().lower() == "date" and ISO_DATE.search(value):
                date = ISO_DATE.search(value).group(1)
        raw = raw[front.end():]
    marker = _DATE_MARKER.match(raw)
    if marker:
        date = date or marker.group(1)
        raw = raw[marker.end():]
    paragraphs: list[str] = []
    roles: list[str] = []
    tables: list[Table] = []
    above: list[str] = []  # the blocks since the last table: a table's title and unit
    for block in _PARAGRAPH_BREAK.split(join_html_tables(raw)):
        block = normalize(block)
        if not block:
            continue
        found = _tables(block, above, len(paragraphs)) if "|" in block or "<" in block else None
        if found:
            text, built, cells = found
            paragraphs.append(text or " ".join(caption(t) for t in built))
            roles.append(TABLE)
            tables += built
            # a table of figures ends what titles the next; a layout box (a form number
            # beside the statement's name) is read as the lines it shows
            above = [] if any(t.values() for t in built) else (above + cells)[-TITLE_LOOKBACK:]
            continue
        heading = _HEADING.match(block.split("\n", 1)[0])
        if heading and title is None:
            title = _plain(heading.group(1).strip())
        roles.append(HEADING if (heading or _bold_heading(block))
                     and "\n" not in block else BODY)
        lines = [line for line in _plain(block).split("\n") if line.strip()]
        paragraphs.append(" ".join(line.strip() for line in lines))
        above = (above + ["\n".join(lines)])[-TITLE_LOOKBACK:]
    return parsed(title, date, paragraphs, roles=roles, tables=tables)


def _bold_heading(block: str) -> bool:
    """A line all in bold with words and no full stop at its end ("**VI. Thông tin bổ sung
    cho các khoản mục …**"): the section heading of a statement converted from PDF, as "#"
    would be."""
    inner = block.strip()[2:-2] if block.strip().startswith("**") else ""
    return (block.strip().endswith("**") and bool(inner.strip()) and "*" not in inner
            and any(c.isalpha() for c in inner) and not inner.rstrip().endswith((".", "!", "?"))
            and len(inner.split()) <= BOLD_HEADING_WORDS)


def _plain(block: str) -> str:
    """A block's text without Markdown marks, links and HTML tags."""
    return plain_marks(strip_tags(_MARKUP.sub("", _LINK.sub(r"\1", block))))


def _tables(block: str, above: list[str],
            paragraph: int) -> tuple[str, list[Table], list[str]] | None:
    """The tables of a block, the block's other text (a caption line above a table) and the
    cells of its tables, or None when the block holds no table."""
    found = tables_in(block)
    if not found:
        return None
    lines = block.split("\n")
    prose, built, start = [], [], 0
    cells = [cell for item in found for row in item.grid for cell in row if cell.strip()]
    for item in found:
        before = [_plain(line) for line in lines[start:item.start] if line.strip()]
        prose += before
        table = build_table(item.grid, header_rows=item.header_rows, paragraph=paragraph,
                            context=above + ["\n".join(before)] if before else above,
                            title=item.title or None)
        if table is not None:
            built.append(table)
        start = item.end
    prose += [_plain(line) for line in lines[start:] if line.strip()]
    if not built:
        return None
    return " ".join(" ".join(p.split()) for p in prose if p.strip()), built, cells
