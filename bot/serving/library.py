"""The knowledge a running bot serves: the current QA, rebuilt on demand or when files change."""

from __future__ import annotations

import gc
import logging
import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from watchfiles import watch

from bot.answering import replies
from bot.answering.pipeline import QA
from bot.knowledge.documents import Knowledge, require_documents
from bot.knowledge.folder import Reader, folder_stamp, load_knowledge, shown
from bot.knowledge.formats import SUFFIXES, OcrOptions
from bot.search.building import Progress, build
from bot.search.cache import IndexCache, Snapshot
from bot.serving.apart import Stopped, read_apart, run_apart
from bot.serving.memory import keep_freed_memory

logger = logging.getLogger(__name__)
FOLDER_POLL = 1.0  # seconds between looks at a missing folder, and at the watched one's identity
WATCH_RETRY = 5  # seconds before watching again after watching failed


def load_qa(root: str | Path, previous: QA | None = None, cache: IndexCache | None = None,
            progress: Progress | None = None, read: Reader | None = None,
            ocr: OcrOptions | None = None) -> QA:
    """Load a knowledge folder into a QA, reusing what `previous` (or else the cache) holds:
    unchanged files are not read again and unchanged documents not tokenized again; an
    unchanged folder (same names, sizes and times) reads no file at all. KnowledgeError says
    what is wrong with the folder. The cache is updated. Files are read by `read` (by
    default in this process)."""
    keep_freed_memory()
    qa, files = prepare(root, previous, cache, progress, read, ocr)
    if cache is not None and files is not None:
        cache.save(Snapshot(files, qa.knowledge, qa.index))
    # The knowledge and the index are a few million objects that live as long as the QA: out
    # of the collector's sight, a full collection no longer walks them (a pause of tens of ms
    # now and then). Frozen objects are still freed when no longer used (reference counts).
    gc.freeze()
    return qa


def prepare(root: str | Path, previous: QA | None, cache: IndexCache | None,
            progress: Progress | None, read: Reader | None = None,
            ocr: OcrOptions | None = None) -> tuple[QA, str | None]:
    """Load as `load_qa` does, without saving; also return the folder's stamp to save under
    (None when the cache already holds exactly this)."""
    files = folder_stamp(root, ocr)
    snapshot = cache.load() if cache is not None and previous is None else None
    if snapshot is not None and snapshot.files == files:
        for skipped in snapshot.knowledge.skipped:
            logger.warning("Skipped %s: %s", skipped.path, skipped.reason)
        return QA(snapshot.knowledge, index=snapshot.index), None
    base = previous.index if previous else snapshot.index if snapshot else None
    known = previous.knowledge if previous else snapshot.knowledge if snapshot else None
    knowledge = require_documents(load_knowledge(root, known, read, ocr))
    return QA(knowledge, index=build(knowledge.chunks, base, progress)), files


def index_folder(root: str | Path, cache: IndexCache, progress: Progress | None = None,
                 ocr: OcrOptions | None = None) -> Knowledge:
    """Bring the cache up to date with the folder, as `reportbot index` does, so that the
    next `chat` or `telegram` loads it without tokenizing; return what the folder holds,
    also when no file in it is usable (then there is nothing to cache)."""
    files = folder_stamp(root, ocr)
    snapshot = cache.load()
    if snapshot is not None and snapshot.files == files:
        return snapshot.knowledge
    knowledge = load_knowledge(root, snapshot.knowledge if snapshot else None, ocr=ocr)
    if knowledge.documents:
        index = build(knowledge.chunks, snapshot.index if snapshot else None, progress)
        cache.save(Snapshot(files, knowledge, index))
    return knowledge


def build_apart(root: Path, cache: IndexCache, halt: threading.Event | None = None,
                ocr_cache: Path | None = None) -> None:
    """Bring the cache up to date with the folder in a child process, so that the memory a
    build takes goes back to the system when the child ends and the caller's own load is a
    warm one; each file is read in a child of its own (bot/serving/apart.py). Whatever goes
    wrong is left for that load to meet and report. Stopped when `halt` is set meanwhile
    (the child is then ended at once)."""
    ocr = OcrOptions(ocr_cache) if ocr_cache is not None else None
    if cache.stamp() == folder_stamp(root, ocr):
        return
    if halt is not None and halt.is_set():
        raise Stopped("stopped before the build")
    run_apart(_build_cache, [str(root), str(cache.folder),
                             str(ocr_cache) if ocr_cache else None], halt)


def _build_cache(root: str, folder: str, ocr_cache: str | None,
                 send: Callable[[object], None]) -> None:
    try:
        load_qa(root, cache=IndexCache(Path(folder)), read=read_apart,
                ocr=OcrOptions(Path(ocr_cache)) if ocr_cache else None)
    except Exception:  # noqa: BLE001 - the parent's own load meets it and says what it is
        os._exit(1)


@dataclass(frozen=True)
class Build:
    """When the index served was built (or loaded from the cache), as Unix time, and how
    many seconds that took."""

    at: float
    seconds: float


@dataclass(frozen=True)
class Reloaded:
    """What a rebuild did: whether it worked, and what to tell people."""

    ok: bool
    message: str
    problems: bool  # a file was skipped or the rebuild failed: admins should hear of it
    swap_seconds: float | None = None  # from the start until the new index served questions


class Library:
    """Holds the QA being served. A rebuild reads only changed files (with `read`: by
    default in a child process, where a file too slow or too big to parse costs only
    itself), builds the new index beside the old one and swaps it in at once; questions
    meanwhile use the old one."""

    def __init__(self, root: Path, qa: QA | None = None, cache: IndexCache | None = None,
                 progress: Progress | None = None, read: Reader | None = read_apart,
                 ocr: OcrOptions | None = None) -> None:
        self.root = Path(root)
        self.cache = cache
        self.read = read
        self.ocr = ocr  # how scans are read (where what OCR read is kept), on every reload
        start = time.monotonic()
        self.qa = qa or load_qa(self.root, cache=cache, progress=progress, ocr=ocr)
        self.build = Build(time.time(), time.monotonic() - start)
        self._lock = threading.Lock()

    def reload(self) -> Reloaded:
        """Rebuild from the folder; on failure keep serving the old index."""
        with self._lock:
            start = time.monotonic()
            try:
                new, files = prepare(self.root, self.qa, None, None, self.read, self.ocr)
            except Exception as exc:  # noqa: BLE001 - any failure must keep the old index
                logger.warning("Reload of %s failed: %s", shown(self.root), exc)
                return Reloaded(False, replies.reload_failed(str(exc)), True)
            self.qa = new  # swapped at once; questions asked meanwhile used the old one
            swapped = time.monotonic() - start
            self.build = Build(time.time(), swapped)
            if self.cache is not None and files is not None:
                self.cache.save(Snapshot(files, new.knowledge, new.index))
        k = new.knowledge
        message = replies.reloaded(len(k.documents), len(k.chunks),
                                   [(s.path, s.reason) for s in k.skipped])
        return Reloaded(True, message, bool(k.skipped), swapped)

    def changes(self, stop: threading.Event) -> Iterator[Reloaded]:
        """Watch the folder until `stop` is set; rebuild after each burst of changes, and say
        so. When the folder disappears, say so, keep serving the old index and wait for it
        to come back (then rebuild); when watching fails, say so and try again."""
        gone = False
        reread = False  # a watch ended on an error: the changes it held are read at the next
        folder = shown(self.root)
        while not stop.is_set():
            identity = _identity(self.root)
            if identity is None:
                if not gone:
                    gone = True
                    logger.warning("The knowledge folder %s is gone; waiting for it", folder)
                    yield Reloaded(False, replies.folder_gone(folder), True)
                stop.wait(FOLDER_POLL)
                continue
            if gone:
                gone = False
                result = self.reload()
                yield replace(result, message=replies.folder_back(folder, result.message))
            try:
                yield from self._watch(stop, identity, reread)
                reread = False
            except Exception as exc:  # noqa: BLE001 - report, then watch again
                reread = True
                if _undecodable(exc):  # watchfiles cannot name it; reading the folder can
                    logger.info("A file whose name is not UTF-8 changed in %s (%s); reading "
                                "the folder again", folder, shown(str(exc)))
                    continue
                logger.warning("Watching %s failed (%s); trying again in %d s", folder, exc,
                               WATCH_RETRY)
                logger.debug("Watching failed", exc_info=True)
                yield Reloaded(False, replies.watch_failed(folder, str(exc), WATCH_RETRY), True)
                stop.wait(WATCH_RETRY)

    def _watch(self, stop: threading.Event, identity: tuple[int, int],
               reread: bool = False) -> Iterator[Reloaded]:
        """Rebuild after each burst of changes while the folder is the one being watched (a
        folder deleted and made again is another: the old watch would hear nothing). With
        `reread`, rebuild once the watch is running, whatever it hears: a change made before
        it started is not lost."""
        for changes in watch(self.root, watch_filter=_reports, stop_event=stop, debounce=300,
                             step=50, rust_timeout=int(FOLDER_POLL * 1000),
                             yield_on_timeout=True, raise_interrupt=False,
                             ignore_permission_denied=True):
            if _identity(self.root) != identity:
                return
            if changes or reread:
                reread = False
                yield self.reload()

    def watch_in_background(self, notify: Callable[[Reloaded], None]) -> threading.Event:
        """Start a daemon thread that rebuilds on changes and reports each rebuild; return the
        event that stops it."""
        stop = threading.Event()

        def run() -> None:
            for result in self.changes(stop):
                notify(result)

        threading.Thread(target=run, name="knowledge-watch", daemon=True).start()
        return stop


def _identity(folder: Path) -> tuple[int, int] | None:
    """The folder's device and inode, or None when it is not there."""
    try:
        info = folder.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None


def _undecodable(error: Exception) -> bool:
    """Tell whether watching failed on a file name that is not UTF-8 (watchfiles hands names
    on as text and gives up on such a one: the watch must start again)."""
    return isinstance(error, RuntimeError) and "decode" in str(error).lower()


def _reports(change: object, path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES or Path(path).is_dir()
