"""Documents and chunks: what a report is once read (its path, title, date, paragraphs and
their roles), the paragraphs as searchable chunks, and the knowledge of a whole folder."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.knowledge.formats import BODY, BOILERPLATE, HEADING, TABLE
from bot.knowledge.identity import Identity
from bot.knowledge.table_text import caption, row_text
from bot.knowledge.tables import Table
from bot.language.periods import Period

# Raise when what a Document holds from the same file changes: cached documents are then read
# again.
READER_VERSION = "8"


class KnowledgeError(Exception):
    """The knowledge folder cannot be used at all (missing, not a folder, nothing usable)."""


@dataclass(frozen=True)
class Document:
    """One report: where it is, what it is called, its date and its paragraphs as shown."""

    path: str  # relative to the knowledge folder, with forward slashes
    title: str
    date: str | None
    paragraphs: tuple[str, ...]
    author: str | None = None
    pages: tuple[int | None, ...] = ()  # the page of each paragraph (PDF), else empty
    format: str = "txt"
    stamp: tuple[int, int] = (0, 0)  # (size, mtime_ns) when read: unchanged files are reused
    roles: tuple[str, ...] = ()  # each paragraph's role (formats.BODY, HEADING, ...); () = body
    period: Period | None = None  # the period the report is about (its title, else its date)
    identity: Identity | None = None  # of whom, what kind, which period (bot/knowledge/identity)
    tables: tuple[Table, ...] = ()  # its tables as rows and columns (bot/knowledge/tables)

    def role(self, index: int) -> str:
        """The role of paragraph `index` (0-based)."""
        return self.roles[index] if self.roles else BODY


@dataclass(frozen=True, slots=True)
class Chunk:
    """A searchable piece of a document: one paragraph, cited by its 1-based number."""

    document: Document
    paragraph: int  # 1-based, in the file; in a PDF, on its page
    text: str
    page: int | None = None
    role: str = BODY  # only body paragraphs answer; headings and captions are context
    heading: str = ""  # the heading the paragraph stands under, if any: its context
    table: int | None = None  # a row of a table: the table's index in document.tables ...
    row: int | None = None  # ... and the row's index in that table

    @property
    def context(self) -> tuple[str, str]:
        """What the paragraph is indexed by beside its own text: its document's title and
        the heading it stands under."""
        return self.document.title, self.heading


@dataclass(frozen=True)
class Skipped:
    """A file that could not be used, and why."""

    path: str
    reason: str
    # the file as it was when reading it failed (size, times, inode): the same file is not
    # read again (one too slow to parse would cost every reload its time); () = read again
    stamp: tuple[int, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Knowledge:
    """Everything loaded from a folder: documents and the files skipped."""

    root: str
    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...]

    @property
    def chunks(self) -> list[Chunk]:
        """Return every paragraph of every document as a chunk."""
        return chunks_of(self.documents)


def require_documents(knowledge: Knowledge) -> Knowledge:
    """Return the knowledge, or raise KnowledgeError saying why no document is usable."""
    if knowledge.documents:
        return knowledge
    if not knowledge.skipped:
        raise KnowledgeError(f"knowledge folder {knowledge.root!r} has no reports (.txt, .md, "
                             ".html, .docx, .pdf, .xlsx, .csv): add some, or pass "
                             "--knowledge DIR")
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in knowledge.skipped)
    raise KnowledgeError(f"knowledge folder {knowledge.root!r} has no usable report ({reasons})")


def chunks_of(documents: tuple[Document, ...] | list[Document]) -> list[Chunk]:
    """Return one chunk per paragraph, in document order; PDF paragraphs count per page. A
    paragraph that shows tables gives one chunk per table row instead (and one for its own
    text, when it has any beside the tables' captions)."""
    chunks = []
    for doc in documents:
        on_page: dict[int | None, int] = {}
        heading = ""
        shown: dict[int, list[int]] = {}
        for index, table in enumerate(doc.tables):
            shown.setdefault(table.paragraph, []).append(index)
        for i, text in enumerate(doc.paragraphs):
            page = doc.pages[i] if doc.pages else None
            on_page[page] = on_page.get(page, 0) + 1
            role = doc.role(i)
            number = on_page[page] if page else i + 1
            rows = _row_chunks(doc, shown.get(i, []), number, page, heading,
                               BOILERPLATE if role == BOILERPLATE else TABLE)
            own = {caption(doc.tables[t]) for t in shown.get(i, [])}
            if not rows or text not in own and text != " ".join(own):
                chunks.append(Chunk(doc, number, text, page, role,
                                    heading if role != HEADING else ""))
            chunks += rows
            if role == HEADING and text != doc.title:
                heading = text
    return chunks


def _row_chunks(doc: Document, tables: list[int], paragraph: int, page: int | None,
                heading: str, role: str) -> list[Chunk]:
    """One chunk per row of the tables a paragraph shows, read as a line (table_text); the
    rows of a signature block or a table of contents are boilerplate, as their paragraph."""
    chunks = []
    for index in tables:
        table = doc.tables[index]
        for number, row in enumerate(table.rows):
            text = row_text(table, row)
            if text:
                chunks.append(Chunk(doc, paragraph, text, page, role, table.title or heading,
                                    index, number))
    return chunks
