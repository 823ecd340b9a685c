"""Word (.docx): paragraphs and table rows in document order; title and date from the
headings and the core properties."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.formats.common import BODY, CAPTION, HEADING, TABLE, Parsed, parsed
from bot.knowledge.formats.limits import capped, check_archive


def read_docx(path: Path) -> Parsed:
    """Word: paragraphs and table cells in document order; title and date from headings and
    the core properties."""
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
        elif block.tag == qn("w:tbl"):
            table = docx.table.Table(block, document)
            for row in table.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
                paragraphs.append(" | ".join(cells))
                roles.append(TABLE)
    props = document.core_properties
    date = None
    for stamp in (props.created, props.modified):
        if stamp is not None:
            date = stamp.strftime("%Y-%m-%d")
            break
    return parsed((props.title or "").strip() or title, date, paragraphs, roles=roles)
