"""Word (.docx): paragraphs and tables in document order, each table read as a table (merged
cells in every place they cover); title and date from the headings and the core
properties."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.formats.common import BODY, CAPTION, HEADING, TABLE, Parsed, parsed
from bot.knowledge.formats.grid import build_table
from bot.knowledge.formats.limits import capped, check_archive
from bot.knowledge.formats.titles import TITLE_LOOKBACK
from bot.knowledge.table_text import caption
from bot.knowledge.tables import Table


def read_docx(path: Path) -> Parsed:
    """Word: paragraphs and tables in document order; title and date from headings and the
    core properties."""
    import docx
    from docx.oxml.ns import qn

    check_archive(path, "a Word file")  # before python-docx unpacks every part into memory
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        raise ValueError(f"not a readable Word file ({type(exc).__name__}): open and save it "
                         "again in Word") from exc
    paragraphs: list[str] = []
    roles: list[str] = []
    tables: list[Table] = []
    above: list[str] = []  # the paragraphs since the last table: its title and unit
    title = None
    for block in capped(document.element.body.iterchildren()):
        if block.tag == qn("w:p"):
            para = docx.text.paragraph.Paragraph(block, document)
            style = (para.style.name if para.style is not None else "") or ""
            heading = style.startswith(("Title", "Heading"))
            if title is None and para.text.strip() and heading:
                title = para.text.strip()
            paragraphs.append(para.text)
            roles.append(HEADING if heading else CAPTION if style == "Caption" else BODY)
            if para.text.strip():
                above = (above + [para.text])[-TITLE_LOOKBACK:]
        elif block.tag == qn("w:tbl"):
            table = docx.table.Table(block, document)
            grid = [[cell.text for cell in row.cells] for row in table.rows]
            marked = sum(1 for row in table.rows if row._tr.trPr is not None
                         and row._tr.trPr.find(qn("w:tblHeader")) is not None)
            built = build_table(grid, header_rows=marked or None, context=above,
                                paragraph=len(paragraphs))
            if built is None:
                continue
            paragraphs.append(caption(built))
            roles.append(TABLE)
            tables.append(built)
            if built.values():
                above = []
    props = document.core_properties
    date = None
    for stamp in (props.created, props.modified):
        if stamp is not None:
            date = stamp.strftime("%Y-%m-%d")
            break
    return parsed((props.title or "").strip() or title, date, paragraphs, roles=roles,
                  tables=tables)
