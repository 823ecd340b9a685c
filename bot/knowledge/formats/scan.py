"""Scanned PDFs (no text layer) and images of pages, read by OCR: page by page, each
paragraph with its page, tables rebuilt as rows and columns, what OCR read kept by the
file's content hash so that it is read once."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.knowledge.columns import relate, statement_of, value_column
from bot.knowledge.formats.common import BODY, TABLE, Parsed
from bot.knowledge.formats.layout import Line, paragraphs, visual_lines, word_height
from bot.knowledge.formats.ocr import (
    OcrError,
    PageWords,
    engine_problem,
    image_pages,
    pdf_pages,
    read_pages,
)
from bot.knowledge.formats.ocr_cache import OcrCache, content_hash
from bot.knowledge.formats.scan_tables import find_tables
from bot.knowledge.table_text import caption
from bot.knowledge.tables import VALUE, Table
from bot.language.lexicon import load_patterns
from bot.language.text import fold, normalize

logger = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
MAX_SCAN_PAGES = 200  # pages OCR reads in one file: a year's full statements with their notes
#   run to about 60, and 200 take about 7 minutes on two cores the first time
RUNNING_SHARE = 0.6  # a line on at least this share of the pages is a header or footer
ScanProgress = Callable[[str, int, int], None]  # (file name, pages read, pages)


@dataclass(frozen=True)
class OcrOptions:
    """How scans are read: where what OCR read is kept (None: nowhere, read every time),
    whom to tell of each page read, and how many pages to read at once (None: a core each)."""

    cache: Path | None = None
    progress: ScanProgress | None = None
    workers: int | None = None


def read_scan(path: Path, options: OcrOptions | None = None) -> Parsed:
    """Read a scanned PDF or an image by OCR (or from the OCR cache); ValueError says, for a
    person, what is wrong and what to do."""
    options = options or OcrOptions()
    kind = "pdf" if path.suffix.lower() == ".pdf" else "image"
    try:
        digest = content_hash(path)
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc}): check its permissions") from exc
    cache = OcrCache(options.cache) if options.cache is not None else None
    pages = cache.load(digest) if cache is not None else None
    if pages is not None:
        logger.info("Read %s from the OCR cache", path.name)
    else:
        pages = _ocr(path, kind, options)
        if cache is not None:
            cache.save(digest, pages)
    return parse_pages(pages)


def _ocr(path: Path, kind: str, options: OcrOptions) -> list[PageWords]:
    count = pdf_pages(path) if kind == "pdf" else image_pages(path)
    what = "a scanned PDF (no text layer)" if kind == "pdf" else "an image"
    if count > MAX_SCAN_PAGES:
        raise ValueError(f"{what} of {count} pages, more than the {MAX_SCAN_PAGES} OCR reads "
                         "in one file: split it")
    problem = engine_problem()
    if problem:
        raise ValueError(f"{what}: {problem}")
    tell = options.progress
    progress = (lambda done, total: tell(path.name, done, total)) if tell else None
    start = time.monotonic()
    try:
        pages = read_pages(path, kind, count, progress, options.workers)
    except OcrError as exc:
        raise ValueError(f"{what}: {exc}") from exc
    logger.info("Read %s by OCR: %d pages in %.1f s", path.name, count,
                time.monotonic() - start)
    return pages


def parse_pages(pages: list[PageWords]) -> Parsed:
    """What OCR read made paragraphs (with their pages) and tables, in reading order; running
    headers, footers and page numbers dropped."""
    lines_by_page = [visual_lines(page) for page in pages]
    running = _running_lines(lines_by_page)
    page_number = load_patterns().page_number
    texts: list[str] = []
    page_of: list[int | None] = []
    roles: list[str] = []
    tables: list[Table] = []

    def add(text: str, page: int, role: str) -> None:
        text = normalize(text)
        if text:
            texts.append(text)
            page_of.append(page)
            roles.append(role)

    for number, (page, lines) in enumerate(zip(pages, lines_by_page), start=1):
        height = word_height(page)
        found = find_tables(lines, height)
        at = 0
        for table in [*found, None]:
            end = table.first if table is not None else len(lines)
            prose = [line for line in lines[at:end] if _key(line.text) not in running
                     and not page_number.fullmatch(normalize(line.text))]
            for text in paragraphs(prose, height):
                add(text, number, BODY)
            if table is None:
                break
            shown = len(texts)
            read = _classified(_continued(replace(table.table, paragraph=shown, page=number),
                                          tables, running))
            add(caption(read), number, TABLE)  # rows are searched as tables' rows are
            tables.append(read)
            at = table.last + 1
    if not texts:
        raise ValueError("no text found by OCR: check that the scan shows a page of text, "
                         "upright and sharp")
    return Parsed(None, None, tuple(texts), tuple(page_of), tuple(roles), tuple(tables))


def _classified(table: Table) -> Table:
    """A scanned table's statement and what its value columns are (current or previous,
    flow or stock, their dates), read from their headers as any table's are."""
    codes = {row.code for row in table.rows if row.code}
    statement = statement_of(table.title, [], codes, [row.label for row in table.rows])
    columns = tuple(value_column(c.label, c.unit, statement) if c.role == VALUE else c
                    for c in table.columns)
    return replace(table, columns=relate(columns), statement=statement)


def _continued(table: Table, before: list[Table], running: set[str]) -> Table:
    """A table without a title of its own (a running header is none) that carries on the
    last table of the page before, with as many columns, takes that one's title and unit: a
    statement runs over pages under one title."""
    if _key(table.title) in running:
        table = replace(table, title="")
    last = before[-1] if before else None
    if (table.title or last is None or last.page != (table.page or 0) - 1
            or len(last.columns) != len(table.columns)):
        return table
    return replace(table, title=last.title, unit=table.unit or last.unit)


def _running_lines(lines_by_page: list[list[Line]]) -> set[str]:
    """Lines found on most pages (headers and footers), when there are three pages or more,
    as their keys (_key)."""
    if len(lines_by_page) < 3:
        return set()
    counts = Counter(key for lines in lines_by_page
                     for key in {_key(line.text) for line in lines} if key)
    return {key for key, n in counts.items() if n >= RUNNING_SHARE * len(lines_by_page)}


def _key(text: str) -> str:
    """A line as its running header is matched on every page: without the diacritics and
    capitals that OCR reads differently from page to page ("BẢO CÁO" / "BÁO CÁO")."""
    return " ".join(fold(normalize(text)).casefold().split())
