"""The knowledge folder: its report files (walked safely), each read into a Document, and a
stamp that changes whenever a file does."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import replace
from pathlib import Path

from bot.knowledge.documents import Document, Knowledge, KnowledgeError, Skipped
from bot.knowledge.formats import SUFFIXES, OcrOptions, read_file, unread_reason
from bot.knowledge.formats.ocr import engine_problem
from bot.knowledge.reading import document_of

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # a larger file is skipped: split it


def load_knowledge(root: str | Path, previous: Knowledge | None = None,
                   ocr: OcrOptions | None = None) -> Knowledge:
    """Load every report under root; files that cannot be used are skipped with the reason.
    Documents of `previous` whose file has not changed (size and time) are reused unread.
    Scans are read by OCR as `ocr` says (by default: with no cache)."""
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
            documents.append(load_document(path, relative, ocr))
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
            relative = path.relative_to(folder).as_posix()
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
            other = real.relative_to(root).as_posix()
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
