"""Read the knowledge folder into documents of paragraphs, and paragraphs into chunks."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from .text import normalize, word_count

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")
_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*\n?", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}\s+|^>\s?|^[-*+]\s+", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


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


@dataclass(frozen=True)
class Chunk:
    """A searchable piece of a document: one paragraph, cited by its 1-based number."""

    document: Document
    paragraph: int
    text: str


@dataclass(frozen=True)
class Skipped:
    """A file that could not be used, and why."""

    path: str
    reason: str


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
        raise KnowledgeError(f"knowledge folder {knowledge.root!r} has no .txt or .md reports: "
                             "add some, or pass --knowledge DIR")
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in knowledge.skipped)
    raise KnowledgeError(f"knowledge folder {knowledge.root!r} has no usable report ({reasons})")


def chunks_of(documents: tuple[Document, ...] | list[Document]) -> list[Chunk]:
    """Return one chunk per paragraph, in document order."""
    return [
        Chunk(doc, number, text)
        for doc in documents
        for number, text in enumerate(doc.paragraphs, start=1)
    ]


def load_knowledge(root: str | Path) -> Knowledge:
    """Load every .txt and .md file under root; files that cannot be used are skipped."""
    folder = Path(root)
    if not folder.is_dir():
        raise KnowledgeError(
            f"knowledge folder {str(folder)!r} does not exist or is not a folder: "
            "create it and put .txt or .md reports in it, or pass --knowledge DIR"
        )
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        try:
            documents.append(parse_document(relative, read_text(path)))
        except ValueError as exc:
            logger.warning("Skipped %s: %s", relative, exc)
            skipped.append(Skipped(relative, str(exc)))
    return Knowledge(str(folder), tuple(documents), tuple(skipped))


def read_text(path: Path) -> str:
    """Read a UTF-8 file (a byte-order mark is allowed); raise ValueError saying what is wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc}): check its permissions") from exc
    if b"\x00" in data:
        raise ValueError("binary content, not text: save it as UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8: save it as UTF-8") from exc
    if not text.strip():
        raise ValueError("empty: add some text or remove the file")
    return text


def parse_document(path: str, raw: str) -> Document:
    """Turn a file's text into a Document: date marker, title, paragraphs, byline."""
    date = None
    marker = _DATE_MARKER.match(raw)
    if marker:
        date = marker.group(1)
        raw = raw[marker.end():]
    blocks = [normalize(block) for block in _PARAGRAPH_BREAK.split(raw.replace("\r", ""))]
    title = None
    paragraphs: list[str] = []
    for block in blocks:
        if not block:
            continue
        heading = _HEADING.match(block.split("\n", 1)[0])
        if heading and title is None:
            title = heading.group(1).strip()
        paragraphs.append(_plain(block))
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise ValueError("empty: add some text or remove the file")
    return Document(
        path=path,
        title=title or readable_name(path),
        date=date,
        paragraphs=tuple(paragraphs),
        author=_byline(paragraphs),
    )


def readable_name(path: str) -> str:
    """Turn 'reports/hoi-nghi_2021.txt' into 'Hoi nghi 2021'."""
    stem = Path(path).stem
    name = re.sub(r"[-_.]+", " ", stem).strip() or stem
    return name[:1].upper() + name[1:]


def _plain(block: str) -> str:
    """Drop Markdown markup and line breaks inside a paragraph."""
    block = _LINK.sub(r"\1", block)
    block = _MARKUP.sub("", block)
    return " ".join(line.strip() for line in block.split("\n") if line.strip())


def _byline(paragraphs: list[str]) -> str | None:
    """Return the last paragraph when it reads as an author's name ('XUÂN TÙNG')."""
    if len(paragraphs) < 2:
        return None
    last = paragraphs[-1].strip()
    names = re.sub(r"^(theo|tác giả|bài|ảnh)\s*:?\s*", "", last, flags=re.IGNORECASE)
    tokens = names.replace(",", " ").split()
    if not 1 <= word_count(names) <= 6 or last.endswith((".", "?", "!", ":")):
        return None
    if all(t[:1].isupper() for t in tokens):
        return last
    return None
