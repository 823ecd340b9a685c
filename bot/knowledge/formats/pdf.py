"""PDF with a text layer: paragraphs rebuilt from lines, hyphenation joined, running
headers, footers and page numbers dropped, tables read as tables (pdf_tables); each
paragraph keeps its page."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.knowledge.formats.common import BODY, TABLE, Parsed, parsed
from bot.knowledge.formats.grid import build_table
from bot.knowledge.formats.limits import (
    MAX_PDF_PAGES,
    OverLimit,
    capped,
    check_pdf,
    check_pdf_file,
)
from bot.knowledge.formats.pdf_tables import Placed, likely_tables, tables_by_page
from bot.knowledge.formats.titles import TITLE_LOOKBACK
from bot.knowledge.table_text import caption
from bot.knowledge.tables import Table
from bot.language.lexicon import load_patterns
from bot.language.text import normalize

SHORT_LINE = 0.8  # a PDF line this much shorter than the widest, ending a sentence, ends its
#                   paragraph (the last line of a paragraph rarely fills the width)
RUNNING_SHARE = 0.6  # a PDF line on at least this share of the pages is a header or footer


class NoTextLayer(ValueError):
    """A PDF without text on any page: a scan, for OCR to read (formats/scan.py)."""


def read_pdf(path: Path) -> Parsed:
    """PDF with a text layer: paragraphs rebuilt from lines, hyphenation joined, running
    headers, footers and page numbers dropped; each paragraph keeps its page."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError

    check_pdf_file(path)  # before pypdf parses its cross-reference
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password only opens
            raise FileNotDecryptedError("a password is needed")
        check_pdf(reader)  # before any page is read
        pages = [_page_text(page) for page in capped(reader.pages, MAX_PDF_PAGES, "pages")]
        info = reader.metadata
    except FileNotDecryptedError as exc:
        raise ValueError("password-protected PDF: save it without a password") from exc
    except DependencyError as exc:
        raise ValueError("encrypted PDF that needs the 'cryptography' package: install it, or "
                         "save the PDF without encryption") from exc
    except OverLimit:
        raise
    except LimitReachedError as exc:
        raise ValueError(f"passes a limit of the PDF reader ({exc}): export it again, or "
                         "split it") from exc
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise ValueError(f"not a readable PDF ({type(exc).__name__}): export it again") from exc
    if not any(p.strip() for p in pages):
        raise NoTextLayer("no text layer (a scanned PDF?): export it with text, or OCR it")
    wanted = {n for n, text in enumerate(pages, start=1) if likely_tables(text)}
    laid_out = tables_by_page(path, wanted)  # pages with tables: lines and grids (pdfplumber)
    lines_by_page = [[normalize(line) for line in p.split("\n")] if n not in laid_out else
                     [item.text for item in laid_out[n] if item.grid is None]
                     for n, p in enumerate(pages, start=1)]
    repeated = _running_lines(lines_by_page)
    page_number = load_patterns().page_number  # "Trang 3", "3 / 12": a footer, not text
    paragraphs: list[str] = []
    page_of: list[int | None] = []
    roles: list[str] = []
    tables: list[Table] = []
    for number, lines in enumerate(lines_by_page, start=1):
        items = laid_out.get(number) or [Placed(0, line) for line in lines]
        current = ""
        widest = max((len(line) for line in lines), default=0)
        above: list[str] = []  # the lines since the last table: its title and unit

        def end(text: str, page: int = number) -> str:
            if text:
                paragraphs.append(text)
                page_of.append(page)
                roles.append(BODY)
            return ""

        for item in items:
            if item.grid is not None:
                current = end(current)
                table = build_table(item.grid, context=above, paragraph=len(paragraphs),
                                    page=number)
                if table is not None:
                    paragraphs.append(caption(table))
                    page_of.append(number)
                    roles.append(TABLE)
                    tables.append(table)
                    above = []
                continue
            line = item.text
            if line and line not in repeated:
                above = (above + [line])[-TITLE_LOOKBACK:]
            if item.gap_before:
                current = end(current)
            if not line or line in repeated or page_number.fullmatch(line):
                current = end(current)
                continue
            if current.endswith("-") and line[:1].islower():
                current = current[:-1] + line
            else:
                current = f"{current} {line}".strip()
            # A short line that ends a sentence ends its paragraph.
            if line.endswith((".", "!", "?", ":", "”")) and len(line) < SHORT_LINE * widest:
                current = end(current)
        end(current)
    title = (getattr(info, "title", None) or "").strip() or None if info else None
    date = None
    created = getattr(info, "creation_date", None) if info else None
    if created is not None:
        date = created.strftime("%Y-%m-%d")
    return parsed(title, date, paragraphs, page_of, roles, tables)


def _page_text(page) -> str:
    """Extract a page's text keeping vertical gaps (blank lines between paragraphs)."""
    try:
        return page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True)
    except Exception:  # noqa: BLE001 - layout mode fails on some fonts; plain mode still works
        return page.extract_text() or ""


def _running_lines(lines_by_page: list[list[str]]) -> set[str]:
    """Lines found on most pages (headers and footers), when there are three pages or more."""
    if len(lines_by_page) < 3:
        return set()
    counts = Counter(line for lines in lines_by_page for line in set(lines) if line)
    return {line for line, n in counts.items() if n >= RUNNING_SHARE * len(lines_by_page)}
