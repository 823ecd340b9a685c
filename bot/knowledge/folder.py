"""The knowledge folder: its report files (walked safely), each read into a Document, and a
stamp that changes whenever a file does."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from bot.knowledge.documents import Document, Knowledge, KnowledgeError, Skipped
from bot.knowledge.formats import SUFFIXES, OcrOptions, read_file, unread_reason
from bot.knowledge.formats.ocr import engine_problem
from bot.knowledge.reading import document_of

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # a larger file is skipped: split it


# Reads files (path, relative name) into Documents, or the reason each could not be used, in
# order, scans by OCR as the options say: `read_here` in this process; the serving stage has
# one reading in a child process.
Reader = Callable[[Sequence[tuple[Path, str]], "OcrOptions | None"], list["Document | str"]]


def load_knowledge(root: str | Path, previous: Knowledge | None = None,
                   read: Reader | None = None, ocr: OcrOptions | None = None) -> Knowledge:
    """Load every report under root; files that cannot be used are skipped with the reason.
    Documents of `previous` whose file has not changed (size and time) are reused unread;
    the others are read by `read` (by default, in this process), scans by OCR as `ocr` says
    (by default with no cache)."""
    folder = check_folder(root)
    known = {d.path: d for d in previous.documents} if previous else {}
    failed = {s.path: s for s in previous.skipped if s.stamp} if previous else {}
    told = set(previous.skipped) if previous else set()
    outcomes: list[tuple[str, Document | Skipped | str | None, Path]] = []  # None: to read
    wanted: list[tuple[Path, str]] = []
    for path, relative, problem in walk(folder):
        old, bad = known.get(relative), failed.get(relative)
        try:
            if problem:
                outcomes.append((relative, problem, path))
            elif old is not None and old.stamp == _stamp(path):
                outcomes.append((relative, old, path))
            elif bad is not None and bad.stamp == _skip_stamp(path):
                outcomes.append((relative, bad, path))  # the same file: it fails the same
            else:
                outcomes.append((relative, None, path))
                wanted.append((path, relative))
        except ValueError as exc:
            outcomes.append((relative, str(exc), path))
    fresh = iter((read or read_here)(wanted, ocr))
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for relative, outcome, path in outcomes:
        if outcome is None:
            outcome = next(fresh)
            if isinstance(outcome, str):
                outcome = Skipped(relative, outcome, _skip_stamp(path))
        if isinstance(outcome, Document):
            documents.append(outcome)
            continue
        skip = outcome if isinstance(outcome, Skipped) else Skipped(relative, outcome)
        if skip not in told:  # said once, not again on every reload
            logger.warning("Skipped %s: %s", relative, skip.reason)
        skipped.append(skip)
    return Knowledge(shown(folder), tuple(documents), tuple(skipped))


def _skip_stamp(path: Path) -> tuple[int, ...]:
    """What tells that a file is the one that failed: size, modification and change times
    (a chmod that lets it be read changes the latter), inode; () when it cannot be told."""
    try:
        info = path.stat()
    except OSError:
        return ()
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def read_here(files: Sequence[tuple[Path, str]],
              ocr: OcrOptions | None = None) -> list[Document | str]:
    """Read each file in this process: its Document, or why it cannot be used."""
    return [read_one(path, relative, ocr) for path, relative in files]


def read_one(path: Path, relative: str, ocr: OcrOptions | None = None) -> Document | str:
    """Read one file: its Document, or why it cannot be used (one bad file must not stop
    the others)."""
    try:
        return load_document(path, relative, ocr)
    except ValueError as exc:
        return str(exc)
    except MemoryError:
        return "needs more memory to read than the bot allows: split it into smaller files"
    except Exception as exc:  # noqa: BLE001 - any failure of a reader skips only its file
        return (f"cannot be read ({type(exc).__name__}: {exc}): open and save it again, or "
                "remove it")


def shown(name: str | Path) -> str:
    """A file name as people see it and as it is logged, cached and sent: printable and
    valid UTF-8, one name one spelling. A byte that is not UTF-8 (Python keeps it as a lone
    surrogate) is written \\xNN, a control or formatting character \\uNNNN (a newline in a
    name cannot forge a log line), a backslash doubled."""
    name = str(name)
    if name.isprintable() and "\\" not in name:
        return name  # nearly every name: nothing to escape
    out = []
    for char in name:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogate escape of byte code - 0xDC00
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


def check_folder(root: str | Path) -> Path:
    """The folder, or KnowledgeError saying it is missing and what to do."""
    folder = Path(root)
    if not folder.is_dir():
        raise KnowledgeError(
            f"knowledge folder {str(folder)!r} does not exist or is not a folder: "
            "create it and put reports (.txt, .md, .html, .docx, .pdf, .xlsx, .csv) in it, "
            "or pass "
            "--knowledge DIR"
        )
    return folder


def folder_stamp(root: str | Path, ocr: OcrOptions | None = None) -> str:
    """Return a key that changes whenever a report file under root is added, removed or
    rewritten (names, sizes and modification times), and, with `ocr`, when the OCR engine
    comes or goes (a scan skipped for want of it is read once it is installed)."""
    folder = check_folder(root)
    digest = hashlib.sha1(str(folder.resolve()).encode("utf-8"))
    for path, relative, problem in walk(folder):
        try:
            info = path.stat()
            part = f"{relative}\0{info.st_size}\0{info.st_mtime_ns}\0{problem}\n"
        except OSError:
            part = f"{relative}\0?\0{problem}\n"
        digest.update(part.encode("utf-8", "surrogatepass"))
    if ocr is not None:
        digest.update(f"ocr\0{engine_problem() or 'ready'}\n".encode())
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
            relative = shown(path.relative_to(folder).as_posix())
            if name.startswith("~$"):
                continue  # the lock file Office keeps beside an open document
            if path.suffix.lower() not in SUFFIXES:
                if _listed(name):  # a report the bot cannot read is listed with the fix
                    found.append((path, relative, unread_reason(path)))
                continue
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
            other = shown(real.relative_to(root).as_posix())
            found.append((path, relative, f"a link to {other}, which is read already"))
        else:
            read.add(real)
            found.append((path, relative, None))
    return sorted(found, key=lambda item: item[1])


def _listed(name: str) -> bool:
    """Whether a file the bot does not read is worth listing as skipped: not a hidden file
    (".DS_Store", ".gitkeep") or a backup ("x~")."""
    return not name.startswith(".") and not name.endswith("~")


def _stamp(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc})") from exc
    return info.st_size, info.st_mtime_ns


def load_document(path: Path, relative: str, ocr: OcrOptions | None = None) -> Document:
    """Read one file into a Document (a scan by OCR, as `ocr` says); ValueError says what is
    wrong with it."""
    stamp = _stamp(path)
    if stamp[0] > MAX_FILE_BYTES:
        raise ValueError(f"too large ({stamp[0] / 2**20:.1f} MB, the limit is "
                         f"{MAX_FILE_BYTES // 2**20} MB): split it into smaller files")
    return replace(document_of(relative, read_file(path, ocr)), stamp=stamp)
