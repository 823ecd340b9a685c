"""One reader per file format, each returning the title, date and paragraphs (with pages and
roles) a person sees: `read_file` picks the reader by the file's suffix."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.formats.common import (
    BODY,
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
from bot.knowledge.formats.text import parse_text
from bot.knowledge.formats.web import parse_html
from bot.knowledge.formats.word import read_docx

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, ".html", ".htm", ".docx", ".pdf", *IMAGE_SUFFIXES)

__all__ = ["BODY", "BYLINE", "CAPTION", "HEADING", "IMAGE_SUFFIXES", "SUFFIXES", "TABLE",
           "OcrOptions", "Parsed", "decode", "parse_html", "parse_text", "read_bytes",
           "read_docx", "read_file", "read_pdf", "read_scan"]


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
    raise ValueError(f"unsupported format {suffix!r}: use {', '.join(SUFFIXES)}")
