"""Read the knowledge folder into documents of paragraphs, and paragraphs into chunks."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .formats import BODY, BYLINE, CAPTION, HEADING, SUFFIXES, Parsed, parse_text, read_file
from .language import load_patterns
from .periods import Period, period_of
from .text import fold, fold_word, has_diacritics, split_sentences, word_count

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # a larger file is skipped: split it
# Raise when what a Document holds from the same file changes: cached documents are then read
# again.
READER_VERSION = "2"
MAX_BYLINE_WORDS = 6  # a byline names one or two people
CAPTION_WORDS = 30  # a photo caption is one sentence of at most this many words
HEADING_WORDS = 15  # a line this short without a full stop, among paragraphs, is a heading
_SENTENCE_STOP = (".", "!", "?", "…", ":", ";", '"', "”", ")")
_LONGEST_CAPTION = 12 * CAPTION_WORDS  # characters: no 30-word caption is longer


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
                             ".html, .docx, .pdf): add some, or pass --knowledge DIR")
    reasons = "; ".join(f"{s.path}: {s.reason}" for s in knowledge.skipped)
    raise KnowledgeError(f"knowledge folder {knowledge.root!r} has no usable report ({reasons})")


def chunks_of(documents: tuple[Document, ...] | list[Document]) -> list[Chunk]:
    """Return one chunk per paragraph, in document order; PDF paragraphs count per page."""
    chunks = []
    for doc in documents:
        on_page: dict[int | None, int] = {}
        heading = ""
        for i, text in enumerate(doc.paragraphs):
            page = doc.pages[i] if doc.pages else None
            on_page[page] = on_page.get(page, 0) + 1
            role = doc.role(i)
            chunks.append(Chunk(doc, on_page[page] if page else i + 1, text, page, role,
                                heading if role != HEADING else ""))
            if role == HEADING and text != doc.title:
                heading = text
    return chunks


def load_knowledge(root: str | Path, previous: Knowledge | None = None) -> Knowledge:
    """Load every report under root; files that cannot be used are skipped with the reason.
    Documents of `previous` whose file has not changed (size and time) are reused unread."""
    folder = check_folder(root)
    documents: list[Document] = []
    skipped: list[Skipped] = []
    known = {d.path: d for d in previous.documents} if previous else {}
    told = set(previous.skipped) if previous else set()
    for path, relative, problem in walk(folder):
        try:
            if problem:
                raise ValueError(problem)
            old = known.get(relative)
            if old is not None and old.stamp == _stamp(path):
                documents.append(old)
                continue
            documents.append(load_document(path, relative))
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            reason = str(exc) if isinstance(exc, ValueError) else (
                f"cannot be read ({type(exc).__name__}: {exc}): open and save it again, or "
                "remove it")
            skip = Skipped(relative, reason)
            if skip not in told:  # said once, not again on every reload
                logger.warning("Skipped %s: %s", relative, reason)
            skipped.append(skip)
    return Knowledge(str(folder), tuple(documents), tuple(skipped))


def check_folder(root: str | Path) -> Path:
    """The folder, or KnowledgeError saying it is missing and what to do."""
    folder = Path(root)
    if not folder.is_dir():
        raise KnowledgeError(
            f"knowledge folder {str(folder)!r} does not exist or is not a folder: "
            "create it and put reports (.txt, .md, .html, .docx, .pdf) in it, or pass "
            "--knowledge DIR"
        )
    return folder


def folder_stamp(root: str | Path) -> str:
    """Return a key that changes whenever a report file under root is added, removed or
    rewritten (names, sizes and modification times)."""
    folder = check_folder(root)
    digest = hashlib.sha1(str(folder.resolve()).encode("utf-8"))
    for path, relative, problem in walk(folder):
        try:
            info = path.stat()
            part = f"{relative}\0{info.st_size}\0{info.st_mtime_ns}\0{problem}\n"
        except OSError:
            part = f"{relative}\0?\0{problem}\n"
        digest.update(part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def walk(folder: Path) -> list[tuple[Path, str, str | None]]:
    """List report files under folder as (path, relative name, problem or None); links that
    lead outside the folder, and link loops, are listed with the problem, not followed."""
    root = folder.resolve()
    found: list[tuple[Path, str, str | None]] = []
    links: list[tuple[Path, str, Path]] = []
    for directory, subdirs, files in os.walk(folder, followlinks=False):
        subdirs.sort()
        for name in sorted(files):
            path = Path(directory) / name
            if path.suffix.lower() not in SUFFIXES:
                continue
            relative = path.relative_to(folder).as_posix()
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                found.append((path, relative, "broken or looping link: fix or remove it"))
                continue
            if not real.is_relative_to(root):
                found.append((path, relative,
                              "a link to a file outside the knowledge folder: not followed"))
            elif not real.is_file():
                found.append((path, relative, "not a regular file (a pipe, device or socket): "
                                              "remove it or put a report there"))
            elif path.is_symlink():
                links.append((path, relative, real))
            else:
                found.append((path, relative, None))
    read = {p.resolve() for p, _, problem in found if problem is None}
    for path, relative, real in links:  # a link to a report the folder holds anyway
        if real in read:
            other = real.relative_to(root).as_posix()
            found.append((path, relative, f"a link to {other}, which is read already"))
        else:
            read.add(real)
            found.append((path, relative, None))
    return sorted(found, key=lambda item: item[1])


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from exc
    return info.st_size, info.st_mtime_ns


def load_document(path: Path, relative: str) -> Document:
    """Read one file into a Document; ValueError says what is wrong with it."""
    stamp = _stamp(path)
    if stamp[0] > MAX_FILE_BYTES:
        raise ValueError(f"too large ({stamp[0] / 2**20:.1f} MB, the limit is "
                         f"{MAX_FILE_BYTES // 2**20} MB): split it into smaller files")
    return replace(document_of(relative, read_file(path)), stamp=stamp)


def document_of(relative: str, parsed: Parsed) -> Document:
    """Give a parsed file its path, a title and its byline."""
    paragraphs = list(parsed.paragraphs)
    pages = parsed.pages if any(p is not None for p in parsed.pages) else ()
    title = parsed.title or readable_name(relative, paragraphs)
    author = _byline(paragraphs)
    return Document(
        path=relative,
        title=title,
        date=parsed.date,
        paragraphs=tuple(paragraphs),
        author=author,
        pages=pages,
        format=Path(relative).suffix.lower().lstrip(".") or "txt",
        roles=roles_of(paragraphs, parsed.roles, author is not None),
        period=period_of(title, parsed.date),
    )


def roles_of(paragraphs: Sequence[str], given: Sequence[str], byline: bool) -> tuple[str, ...]:
    """Give each paragraph its role: what the format said, else a byline (the last
    paragraph, when it names the author), a photo caption (one short sentence that reads as
    one: "Ảnh: …", "X và các đại biểu dự …") or a heading (a short line without a full stop
    among other paragraphs)."""
    roles = list(given) or [BODY] * len(paragraphs)
    caption = load_patterns().caption
    for i, text in enumerate(paragraphs):
        if roles[i] != BODY:
            continue
        if byline and i == len(paragraphs) - 1:
            roles[i] = BYLINE
        elif len(text) > _LONGEST_CAPTION:
            continue  # the cheap test first: most paragraphs are long
        elif (caption.search(text) and word_count(text) <= CAPTION_WORDS
              and len(split_sentences(text)) == 1):
            roles[i] = CAPTION
        elif (len(paragraphs) > 1 and not text.rstrip().endswith(_SENTENCE_STOP)
              and word_count(text) <= HEADING_WORDS):
            roles[i] = HEADING
    return tuple(roles)


def parse_document(path: str, raw: str) -> Document:
    """Turn a text file's content into a Document (front matter, date marker, headings)."""
    return document_of(path, parse_text(raw))


def readable_name(path: str, paragraphs: Sequence[str] = ()) -> str:
    """Turn 'reports/hoi-nghi_2021.txt' into 'Hoi nghi 2021', or into 'Hội nghị 2021' when
    the document's own words give every word of the name its diacritics."""
    stem = Path(path).stem
    name = re.sub(r"[-_.]+", " ", stem).strip() or stem
    if not has_diacritics(name):
        name = _with_diacritics(name, paragraphs) or name
    return name[:1].upper() + name[1:]


def _with_diacritics(name: str, paragraphs: Sequence[str]) -> str | None:
    """Spell a name typed without diacritics as the document spells its words: each word
    takes the form that best joins its neighbours there ('so ket' -> 'sơ kết', not 'số
    kết'); None when some word of the name (other than a number) is not in the document."""
    wanted = set(name.lower().split())
    text = " ".join(paragraphs).lower()
    tokens = re.findall(r"\w+", text)
    folded = re.findall(r"\w+", fold(text))  # folding keeps every letter a letter
    if len(folded) != len(tokens):
        folded = [fold_word(token) for token in tokens]
    hits = [i for i, word in enumerate(folded) if word in wanted]
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for i in hits:
        forms[folded[i]][tokens[i]] += 1
    near = set(hits)
    pairs = Counter((tokens[i], tokens[i + 1]) for i in hits if i + 1 in near)
    best: dict[str, tuple[int, int, list[str]]] = {"": (0, 0, [])}  # last form -> score, words
    for word in name.lower().split():
        options = Counter({word: 1}) if word.isdigit() else forms.get(word)
        if not options:
            return None
        step: dict[str, tuple[int, int, list[str]]] = {}
        for form, seen in options.items():
            step[form] = max((joined + pairs[(last, form)], count + seen, spelled + [form])
                             for last, (joined, count, spelled) in best.items())
        best = step
    return " ".join(max(best.values())[2])


def _byline(paragraphs: list[str]) -> str | None:
    """Return the last paragraph when it reads as an author's name ('XUÂN TÙNG')."""
    if len(paragraphs) < 2:
        return None
    last = paragraphs[-1].strip()
    names = load_patterns().byline_prefix.sub("", last)
    tokens = names.replace(",", " ").split()
    if not 1 <= word_count(names) <= MAX_BYLINE_WORDS or last.endswith((".", "?", "!", ":")):
        return None
    if all(t[:1].isupper() for t in tokens):
        return last
    return None
