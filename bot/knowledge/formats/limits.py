"""Limits every reader checks before its expensive step, so that a hostile or broken file
(a decompression bomb, a PDF of a million pages, a scan of a billion pixels) is skipped by
name with the reason, in bounded time and memory, and the others are read.

One call per kind of file:
- `check_archive(path)`: a zip-based format (.docx, .xlsx): its total unpacked size, the
  compression ratio, the number of entries and the size of each XML part, all read from the
  zip's directory before anything is unpacked (Python's zipfile never unpacks more than an
  entry's declared size: a lie about it ends in a CRC error, not in more bytes);
- `check_pdf_file(path)`, then `check_pdf(reader)`: the objects a PDF declares, before its
  cross-reference is parsed; an opened pypdf reader's page and object counts, before any
  page is read;
- `check_pixels(width, height)`: an image's pixel count, before it is decoded (for scans
  to OCR);
- `capped(items, MAX_PARAGRAPHS, "paragraphs")` and `check_count(...)`: paragraphs or rows
  of one file, counted as they are read.
Each raises OverLimit (a ValueError) whose text says, for a person, what is over which limit
and what to do.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

MB = 2**20
MAX_UNPACKED_BYTES = 200 * MB  # a zip-based report unpacked: a 20 MB .docx of text and
#                                pictures unpacks to well under 100 MB; a bomb to gigabytes
MAX_RATIO = 100  # unpacked / packed size of a whole archive above RATIO_FROM: Office XML packs
#                  5-20 times, pictures about once; a bomb packs a thousand times
RATIO_FROM = 20 * MB  # below this unpacked size any ratio is harmless (repetitive XML)
MAX_ENTRIES = 10_000  # files inside one archive: a long report with pictures has hundreds
MAX_XML_BYTES = 100 * MB  # one XML part (the document body, a sheet): lxml holds its tree in
#                           memory at about ten times this
MAX_PDF_PAGES = 3_000  # a 20 MB PDF of text has at most a couple of thousand pages
MAX_PDF_OBJECTS = 500_000  # objects a PDF's cross-reference lists: a long report has tens of
#                            thousands (a 20 MB file of 500,000 is 40 bytes an object)
MAX_PIXELS = 89_478_485  # pixels of one image to OCR: Pillow's own bomb limit (an A3 page at
#                          600 dpi is 70 million)
MAX_PARAGRAPHS = 50_000  # paragraphs (or table rows) of one file: the index serves 100,000
#                          paragraphs in all in 12 ms; one file of more is a data dump: split it

Item = TypeVar("Item")


class OverLimit(ValueError):
    """A file passes one of the limits; the text says which and what to do."""


def _size(count: float) -> str:
    return f"{count / MB:,.0f} MB" if count >= MB else f"{count / 1024:,.0f} KB"


def check_archive(path: Path | str, label: str = "a file") -> None:
    """Check a zip-based file (.docx, .xlsx) before anything in it is unpacked; OverLimit
    says which limit it passes ("a Word file", "an Excel file" of too many parts). A file
    that is no zip at all passes: its reader says so. One call, before the file is opened:
    `check_archive(path, "an Excel file")`, then openpyxl."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(entries) > MAX_ENTRIES:
        raise OverLimit(f"{label} of {len(entries):,} parts, over the limit of "
                         f"{MAX_ENTRIES:,}: save it again, or split it")
    unpacked = sum(e.file_size for e in entries)
    packed = sum(e.compress_size for e in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise OverLimit(f"unpacks to {_size(unpacked)}, over the limit of "
                         f"{_size(MAX_UNPACKED_BYTES)} (a decompression bomb?): split it into "
                         "smaller files")
    if unpacked > RATIO_FROM and unpacked > MAX_RATIO * max(packed, 1):
        raise OverLimit(f"unpacks {unpacked / max(packed, 1):,.0f} times its size, over the "
                         f"limit of {MAX_RATIO} (a decompression bomb?): save it again")
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")) and entry.file_size > MAX_XML_BYTES:
            raise OverLimit(f"its part {entry.filename} is {_size(entry.file_size)} of XML, "
                             f"over the limit of {_size(MAX_XML_BYTES)}: split it into smaller "
                             "files")


PDF_TAIL = 4096  # bytes at the end of a PDF, and at its cross-reference, that hold its /Size
_SIZE = re.compile(rb"/Size\s+(\d+)")
_START = re.compile(rb"startxref\s+(\d+)")


def check_pdf_file(path: Path | str) -> None:
    """Check the object count a PDF declares (its trailer's or cross-reference stream's
    /Size) before a PDF reader parses its cross-reference, which takes seconds per 100,000
    objects: a few kilobytes are read. A file that declares none passes: `check_pdf` counts
    what the reader found."""
    try:
        with open(path, "rb") as stream:
            stream.seek(0, 2)
            end = stream.tell()
            stream.seek(max(0, end - PDF_TAIL))
            tail = stream.read()
            start = _START.findall(tail)
            if start and int(start[-1]) < end:
                stream.seek(int(start[-1]))
                tail += stream.read(PDF_TAIL)
    except OSError:
        return
    declared = max((int(n) for n in _SIZE.findall(tail)), default=0)
    if declared > MAX_PDF_OBJECTS:
        raise OverLimit(f"a PDF of {declared:,} objects, over the limit of "
                        f"{MAX_PDF_OBJECTS:,}: export it again, or split it")


def check_pdf(reader: Any) -> None:
    """Check an opened pypdf reader before its pages are read: the pages it declares (its
    page tree's /Count; the reader counts the pages it meets too, see `capped`) and its
    objects."""
    pages = _page_count(reader)
    if pages > MAX_PDF_PAGES:
        raise OverLimit(f"a PDF of {pages:,} pages, over the limit of {MAX_PDF_PAGES:,}: split "
                         "it into smaller files")
    listed = sum(len(numbers) for numbers in getattr(reader, "xref", {}).values())
    objects = max(listed + len(getattr(reader, "xref_objStm", {})), _declared(reader))
    if objects > MAX_PDF_OBJECTS:
        raise OverLimit(f"a PDF of {objects:,} objects, over the limit of "
                         f"{MAX_PDF_OBJECTS:,}: export it again, or split it")


def _page_count(reader: Any) -> int:
    """The page count a PDF's page tree declares, without reading the pages."""
    try:
        return int(reader.trailer["/Root"]["/Pages"]["/Count"])
    except (KeyError, AttributeError, TypeError, ValueError):
        return 0


def _declared(reader: Any) -> int:
    """The object count a PDF's trailer declares (its /Size), 0 when it says none."""
    try:
        return int(reader.trailer.get("/Size", 0))
    except (AttributeError, TypeError, ValueError):
        return 0


def check_pixels(width: int, height: int) -> None:
    """Check an image's size before it is decoded (a scan to OCR)."""
    if width * height > MAX_PIXELS:
        raise OverLimit(f"an image of {width:,} × {height:,} pixels, over the limit of "
                         f"{MAX_PIXELS / 1e6:.0f} million: scan it at a lower resolution")


def check_count(count: int, what: str = "paragraphs", limit: int = MAX_PARAGRAPHS) -> None:
    """Check how many paragraphs (or rows) one file has."""
    if count > limit:
        raise OverLimit(f"more than {limit:,} {what}, the limit for one file: split it into "
                         "smaller files")


def capped(items: Iterable[Item], limit: int = MAX_PARAGRAPHS,
           what: str = "paragraphs") -> Iterator[Item]:
    """The items, stopping with OverLimit as soon as there are more than `limit`: a file of
    millions of rows is refused after reading `limit` of them, not all."""
    for count, item in enumerate(items, start=1):
        if count > limit:
            check_count(count, what, limit)
        yield item
