"""The knowledge a running bot serves: the current QA, rebuilt on demand or when files change."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from watchfiles import watch

from . import replies
from .cache import IndexCache, Progress, Snapshot, content_signature
from .formats import SUFFIXES
from .index import Index
from .knowledge import Knowledge, folder_stamp, load_knowledge, require_documents
from .qa import QA

logger = logging.getLogger(__name__)


def load_qa(root: str | Path, previous: Knowledge | None = None,
            cache: IndexCache | None = None, progress: Progress | None = None) -> QA:
    """Load a knowledge folder into a QA, reusing unchanged documents of `previous`, and the
    terms and the index saved in `cache`; KnowledgeError says what is wrong with the folder.
    An unchanged folder (same names, sizes and times) reads no file at all."""
    if cache is None:
        return QA(load_knowledge(root, previous))
    files = folder_stamp(root)
    snapshot = cache.load_snapshot()
    if snapshot and snapshot.files == files:
        for skipped in snapshot.knowledge.skipped:
            logger.warning("Skipped %s: %s", skipped.path, skipped.reason)
        return QA(snapshot.knowledge, index=snapshot.index)
    knowledge = require_documents(load_knowledge(root, previous))
    chunks = knowledge.chunks
    content = content_signature(chunks)
    if snapshot and snapshot.content == content:
        index = snapshot.index
    else:
        corpus = cache.terms([(*c.context, c.text) for c in chunks], progress)
        index = Index(chunks, corpus=corpus)
    cache.save_snapshot(Snapshot(files, content, knowledge, index))
    return QA(knowledge, index=index)


@dataclass(frozen=True)
class Reloaded:
    """What a rebuild did: whether it worked, and what to tell people."""

    ok: bool
    message: str
    problems: bool  # a file was skipped or the rebuild failed: admins should hear of it


class Library:
    """Holds the QA being served. A rebuild reads only changed files, builds the new index
    beside the old one and swaps it in at once; questions meanwhile use the old one."""

    def __init__(self, root: Path, qa: QA | None = None, cache: IndexCache | None = None,
                 progress: Progress | None = None) -> None:
        self.root = Path(root)
        self.cache = cache
        self.qa = qa or load_qa(self.root, cache=cache, progress=progress)
        self._lock = threading.Lock()

    def reload(self) -> Reloaded:
        """Rebuild from the folder; on failure keep serving the old index."""
        with self._lock:
            try:
                new = load_qa(self.root, previous=self.qa.knowledge, cache=self.cache)
            except Exception as exc:  # noqa: BLE001 - any failure must keep the old index
                logger.warning("Reload of %s failed: %s", self.root, exc)
                return Reloaded(False, replies.reload_failed(str(exc)), True)
            self.qa = new
        k = new.knowledge
        message = replies.reloaded(len(k.documents), len(k.chunks),
                                   [(s.path, s.reason) for s in k.skipped])
        return Reloaded(True, message, bool(k.skipped))

    def changes(self, stop: threading.Event) -> Iterator[Reloaded]:
        """Watch the folder until `stop` is set; rebuild after each burst of changes."""
        for _ in watch(self.root, watch_filter=_reports, stop_event=stop, debounce=300,
                       step=50, rust_timeout=500, yield_on_timeout=False,
                       raise_interrupt=False, ignore_permission_denied=True):
            yield self.reload()

    def watch_in_background(self, notify: Callable[[Reloaded], None]) -> threading.Event:
        """Start a daemon thread that rebuilds on changes and reports each rebuild; return the
        event that stops it."""
        stop = threading.Event()

        def run() -> None:
            try:
                for result in self.changes(stop):
                    notify(result)
            except Exception as exc:  # noqa: BLE001 - the folder may vanish; keep serving
                logger.warning("Stopped watching %s: %s", self.root, exc)
                notify(Reloaded(False, replies.watch_stopped(str(self.root), str(exc)), True))

        threading.Thread(target=run, name="knowledge-watch", daemon=True).start()
        return stop


def _reports(change: object, path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES or Path(path).is_dir()
