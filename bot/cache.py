"""The index cache in BOT_DATA_DIR: terms of every paragraph seen, and the last built index."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import __version__, terms
from .index import Index
from .knowledge import READER_VERSION, Chunk, Knowledge

logger = logging.getLogger(__name__)

# What the cached data was made by: the program, the term vocabulary, the file readers and
# the layout of the cache files. Raise the version of whichever changes.
CACHE_FORMAT = "1"
TAG = f"{__version__}/terms-{terms.VERSION}/reader-{READER_VERSION}/cache-{CACHE_FORMAT}"

PARALLEL_FROM = 2000  # paragraphs to tokenize before it pays to start worker processes
BATCH = 500  # paragraphs a worker tokenizes per task: large enough to amortize sending them
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Snapshot:
    """A built index with the knowledge it came from, keyed two ways: by the folder's file
    names, sizes and times (no file needs reading), and by the paragraphs' content."""

    files: str
    content: str
    knowledge: Knowledge
    index: Index


Piece = tuple[str, str, str]  # (title, heading, paragraph text): what a chunk is indexed by


def _key(piece: Piece) -> str:
    return hashlib.sha1("\x00".join(piece).encode("utf-8")).hexdigest()


def _terms_of(pieces: Sequence[Piece]) -> list[list[str]]:
    return [terms.chunk_terms(*piece) for piece in pieces]


def content_signature(chunks: list[Chunk]) -> str:
    """Return a key of everything the index is built from."""
    digest = hashlib.sha1()
    for c in chunks:
        doc = c.document
        digest.update("\x00".join([doc.path, doc.title, doc.date or "", str(c.page),
                                    str(c.paragraph), c.text, "\x01"]).encode("utf-8"))
    return digest.hexdigest()


class IndexCache:
    """Pickled files under `folder`, tagged with what made them (`TAG`); a missing, corrupt or
    old cache is rebuilt, never an error."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.computed = 0  # paragraphs tokenized by this cache (not found in it)
        self._terms: dict[str, list[str]] | None = None

    def _read(self, name: str) -> object | None:
        path = self.folder / name
        try:
            with path.open("rb") as stream:
                version, payload = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - any broken cache is rebuilt
            logger.warning("Ignoring the broken cache file %s (%s); rebuilding it", path, exc)
            return None
        if version != TAG:
            return None
        return payload

    def _write(self, name: str, payload: object) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{name}.{os.getpid()}"
            with temporary.open("wb") as stream:
                pickle.dump((TAG, payload), stream, protocol=pickle.HIGHEST_PROTOCOL)
            temporary.replace(self.folder / name)  # readers never see half a file
        except OSError as exc:
            logger.warning("Could not write the cache in %s: %s", self.folder, exc)

    def terms(self, texts: Sequence[Piece], progress: Progress | None = None) -> list[list[str]]:
        """Return the index terms of each (title, text), computing only those never seen."""
        if self._terms is None:
            loaded = self._read("terms.pkl")
            self._terms = loaded if isinstance(loaded, dict) else {}
        keys = [_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._terms))
        if missing:
            by_key = dict(zip(keys, texts))
            todo = [by_key[k] for k in missing]
            for key, found in zip(missing, tokenize(todo, progress)):
                self._terms[key] = found
            self.computed += len(missing)
            live = set(keys)  # forget paragraphs no longer in the folder
            self._terms = {k: v for k, v in self._terms.items() if k in live}
            self._write("terms.pkl", self._terms)
        return [self._terms[k] for k in keys]

    def load_snapshot(self) -> Snapshot | None:
        """Return the last saved knowledge and index, or None."""
        saved = self._read("index.pkl")
        return saved if isinstance(saved, Snapshot) else None

    def save_snapshot(self, snapshot: Snapshot) -> None:
        self._write("index.pkl", snapshot)


def tokenize(texts: Sequence[Piece], progress: Progress | None = None) -> list[list[str]]:
    """Compute index terms, on every core when there are many texts, reporting progress."""
    workers = os.cpu_count() or 1
    if len(texts) < PARALLEL_FROM or workers < 2:
        if progress:
            progress(0, len(texts))
        out = _terms_of(texts)
        if progress:
            progress(len(texts), len(texts))
        return out
    batches = [texts[i:i + BATCH] for i in range(0, len(texts), BATCH)]
    out: list[list[str]] = []
    # "spawn", not fork: a rebuild may start from the watcher thread of a running bot, and
    # forking a process that has threads can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for batch in pool.map(_terms_of, batches):
            out.extend(batch)
            if progress:
                progress(len(out), len(texts))
    return out
