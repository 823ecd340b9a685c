"""Read report files of each format into title, date and paragraphs as a person sees them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from bot.language.lexicon import load_patterns
from bot.language.text import normalize

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = (*TEXT_SUFFIXES, ".html", ".htm", ".docx", ".pdf")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(\n|\Z)", re.DOTALL)
_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*\n?", re.IGNORECASE)
_DATE = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}\s+|^>\s?|^[-*+]\s+", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
SHORT_LINE = 0.8  # a PDF line this much shorter than the widest, ending a sentence, ends its
#                   paragraph (the last line of a paragraph rarely fills the width)
RUNNING_SHARE = 0.6  # a PDF line on at least this share of the pages is a header or footer


# The role of a paragraph: only body text answers; a heading or a caption is context.
BODY, HEADING, CAPTION, TABLE, BYLINE = "paragraph", "heading", "caption", "table", "byline"


@dataclass(frozen=True)
class Parsed:
    """What a file holds: its own title and date if it names them, and its paragraphs with
    the page each stands on (PDF) or None, and the role each plays where the format says."""

    title: str | None
    date: str | None
    paragraphs: tuple[str, ...]
    pages: tuple[int | None, ...]
    roles: tuple[str, ...] = ()


def read_file(path: Path) -> Parsed:
    """Read one file by its suffix; ValueError says, for a person, what is wrong with it."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return parse_text(decode(read_bytes(path)))
    if suffix in (".html", ".htm"):
        return parse_html(decode(read_bytes(path)))
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    raise ValueError(f"unsupported format {suffix!r}: use {', '.join(SUFFIXES)}")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc}): check its permissions") from exc


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError("broken UTF-16: save it as UTF-8") from exc
        # Bytes that only look like a UTF-16 mark decode into CJK-like noise: refuse them.
        if sum(ord(c) < 0x2100 for c in text) < 0.9 * len(text):
            raise ValueError("not UTF-8 (nor UTF-16 text): save it as UTF-8")
        return text
    if b"\x00" in data:
        raise ValueError("binary content, not text: save it as UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8: save it as UTF-8") from exc


def _result(title: str | None, date: str | None, paragraphs: list[str],
            pages: list[int | None] | None = None, roles: list[str] | None = None) -> Parsed:
    count = len(paragraphs)
    kept = [(normalize(p), page, role) for p, page, role in
            zip(paragraphs, pages or [None] * count, roles or [BODY] * count)]
    kept = [item for item in kept if item[0]]
    if not kept:
        raise ValueError("empty: add some text or remove the file")
    return Parsed(title, date, tuple(p for p, _, _ in kept), tuple(page for _, page, _ in kept),
                  tuple(role for _, _, role in kept))


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
            elif key.strip().lower() == "date" and _DATE.search(value):
                date = _DATE.search(value).group(1)
        raw = raw[front.end():]
    marker = _DATE_MARKER.match(raw)
    if marker:
        date = date or marker.group(1)
        raw = raw[marker.end():]
    paragraphs, roles = [], []
    for block in _PARAGRAPH_BREAK.split(raw):
        block = normalize(block)
        if not block:
            continue
        heading = _HEADING.match(block.split("\n", 1)[0])
        if heading and title is None:
            title = heading.group(1).strip()
        roles.append(HEADING if heading and "\n" not in block else BODY)
        block = _MARKUP.sub("", _LINK.sub(r"\1", block))
        paragraphs.append(" ".join(line.strip() for line in block.split("\n") if line.strip()))
    return _result(title, date, paragraphs, roles=roles)


class _Visible(HTMLParser):
    """Collect visible text, one paragraph per block element."""

    BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr",
              "blockquote", "pre", "section", "article", "br", "dd", "dt", "figcaption"}
    HIDDEN = {"script", "style", "head", "noscript", "template", "svg"}
    ROLES = {"h1": HEADING, "h2": HEADING, "h3": HEADING, "h4": HEADING, "h5": HEADING,
             "h6": HEADING, "figcaption": CAPTION, "td": TABLE, "th": TABLE, "tr": TABLE}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = [""]
        self.roles: list[str] = [BODY]
        self.hidden = 0
        self.title = ""
        self.in_title = False
        self.heading: str | None = None
        self.in_h1 = False
        self.date: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        elif tag in self.HIDDEN:
            self.hidden += 1
        if tag == "meta":
            values = dict(attrs)
            if (values.get("name") or values.get("property") or "").lower() in (
                    "date", "article:published_time", "dc.date") and values.get("content"):
                found = _DATE.search(values["content"])
                self.date = self.date or (found.group(1) if found else None)
        if tag in self.BLOCKS:
            self.blocks.append("")
            self.roles.append(self.ROLES.get(tag, BODY))
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        elif tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        if tag == "h1" and self.heading is None:
            self.heading = self.blocks[-1].strip() or None
            self.in_h1 = False
        if tag in self.BLOCKS:
            self.blocks.append("")
            self.roles.append(BODY)

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.hidden:
            self.blocks[-1] += data


def parse_html(raw: str) -> Parsed:
    """HTML: visible text only, block elements as paragraphs; title from <h1> or <title>."""
    parser = _Visible()
    parser.feed(raw)
    parser.close()
    title = parser.heading or normalize(parser.title) or None
    return _result(title, parser.date, [" ".join(b.split()) for b in parser.blocks],
                   roles=parser.roles)


def read_docx(path: Path) -> Parsed:
    """Word: paragraphs and table cells in document order; title and date from headings and
    the core properties."""
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds for a bad file
        raise ValueError(f"not a readable Word file ({type(exc).__name__}): open and save it "
                         "again in Word") from exc
    paragraphs: list[str] = []
    roles: list[str] = []
    title = None
    for block in document.element.body.iterchildren():
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
    return _result((props.title or "").strip() or title, date, paragraphs, roles=roles)


def read_pdf(path: Path) -> Parsed:
    """PDF with a text layer: paragraphs rebuilt from lines, hyphenation joined, running
    headers, footers and page numbers dropped; each paragraph keeps its page."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password only opens
            raise FileNotDecryptedError("a password is needed")
        pages = [_page_text(page) for page in reader.pages]
        info = reader.metadata
    except FileNotDecryptedError as exc:
        raise ValueError("password-protected PDF: save it without a password") from exc
    except DependencyError as exc:
        raise ValueError("encrypted PDF that needs the 'cryptography' package: install it, or "
                         "save the PDF without encryption") from exc
    except (PdfReadError, OSError, ValueError, KeyError) as exc:
        raise ValueError(f"not a readable PDF ({type(exc).__name__}): export it again") from exc
    if not any(p.strip() for p in pages):
        raise ValueError("no text layer (a scanned PDF?): export it with text, or OCR it")
    lines_by_page = [[normalize(line) for line in p.split("\n")] for p in pages]
    repeated = _running_lines(lines_by_page)
    page_number = load_patterns().page_number  # "Trang 3", "3 / 12": a footer, not text
    paragraphs: list[str] = []
    page_of: list[int | None] = []
    for number, lines in enumerate(lines_by_page, start=1):
        current = ""
        widest = max((len(line) for line in lines), default=0)
        for line in lines:
            if not line or line in repeated or page_number.fullmatch(line):
                if current:
                    paragraphs.append(current)
                    page_of.append(number)
                current = "" if not line else current
                continue
            if current.endswith("-") and line[:1].islower():
                current = current[:-1] + line
            else:
                current = f"{current} {line}".strip()
            # A short line that ends a sentence ends its paragraph.
            if line.endswith((".", "!", "?", ":", "”")) and len(line) < SHORT_LINE * widest:
                paragraphs.append(current)
                page_of.append(number)
                current = ""
        if current:
            paragraphs.append(current)
            page_of.append(number)
    title = (getattr(info, "title", None) or "").strip() or None if info else None
    date = None
    created = getattr(info, "creation_date", None) if info else None
    if created is not None:
        date = created.strftime("%Y-%m-%d")
    return _result(title, date, paragraphs, page_of)


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
