"""One reader per file format, each returning the title, date and paragraphs (with pages and
roles) a person sees: `read_file` picks the reader by the file's suffix."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.formats.common import (
    BODY,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    HEADING,
    TABLE,
    Parsed,
    decode,
    read_bytes,
)
from bot.knowledge.formats.pdf import NoTextLayer, read_pdf
from bot.knowledge.formats.scan import IMAGE_SUFFIXES, OcrOptions, read_scan
from bot.knowledge.formats.sheet import read_csv, read_xlsx
from bot.knowledge.formats.text import parse_text
from bot.knowledge.formats.web import parse_html
from bot.knowledge.formats.word import read_docx

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, ".html", ".htm", ".docx", ".pdf", ".xlsx", ".csv", *IMAGE_SUFFIXES)
# Formats of reports the bot does not read, and how to make them readable.
UNREAD = {
    ".doc": "an old Word file: save it as .docx",
    ".rtf": "a Rich Text file: save it as .docx",
    ".odt": "an OpenDocument text: save it as .docx",
    ".xls": "an old Excel workbook: save it as .xlsx",
    ".xlsm": "an Excel workbook with macros: save it as .xlsx",
    ".xlsb": "a binary Excel workbook: save it as .xlsx",
    ".ods": "an OpenDocument spreadsheet: save it as .xlsx",
    ".numbers": "a Numbers spreadsheet: export it as .xlsx",
    ".ppt": "a PowerPoint file: export it as .pdf",
    ".pptx": "a PowerPoint file: export it as .pdf",
    ".odp": "an OpenDocument presentation: export it as .pdf",
    ".pages": "a Pages document: export it as .docx",
    ".epub": "an e-book: export it as .pdf or .html",
    ".json": "a data file, not a report: convert it to .csv",
    ".xml": "a data file, not a report: convert it to .csv",
}

__all__ = ["BODY", "BOILERPLATE", "BYLINE", "CAPTION", "HEADING", "IMAGE_SUFFIXES", "SUFFIXES",
           "TABLE", "UNREAD", "OcrOptions", "Parsed", "decode", "parse_html", "parse_text",
           "read_bytes", "read_csv", "read_docx", "read_file", "read_pdf", "read_scan",
           "read_xlsx", "unread_reason"]



def read_file(path: Path, ocr: OcrOptions | None = None) -> Parsed:
    """Read one file by its suffix (a scanned PDF or an image by OCR, as `ocr` says);
    ValueError says, for a person, what is wrong with it."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return parse_text(decode(read_bytes(path)))
    if suffix in (".html", ".htm"):
        return parse_html(decode(read_bytes(path)))
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        try:
            return read_pdf(path)
        except NoTextLayer:
            return read_scan(path, ocr)
    if suffix in IMAGE_SUFFIXES:
        return read_scan(path, ocr)
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix == ".csv":
        return read_csv(path)
    raise ValueError(unread_reason(path))


def unread_reason(path: Path) -> str:
    """Why a file of a format the bot does not read is skipped, naming the fix."""
    suffix = path.suffix.lower()
    known = UNREAD.get(suffix)
    if known:
        return f"format {suffix} is not read ({known})"
    return (f"format {suffix or '(none)'} is not read: save it as one of "
            f"{', '.join(SUFFIXES)}")
