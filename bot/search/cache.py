"""The index cache in BOT_DATA_DIR/cache: the knowledge and its index as plain data files.

manifest.json names the other files with their SHA-256 checksums and what made them (the
program, term vocabulary, readers and this layout); the knowledge (documents, skipped files)
is compressed JSON; the index is NumPy arrays, loaded by memory map without pickle. A
missing, damaged, tampered with or outdated cache is rebuilt, never trusted and never an
error. Files are written readable by their owner only, under a new name, and switched to
at once: a reader never sees half a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot import __version__
from bot.knowledge.documents import READER_VERSION, Document, Knowledge, Skipped
from bot.knowledge.identity import identity_data, identity_from
from bot.knowledge.tables import table_data, table_from
from bot.language.periods import period_data, period_from
from bot.search import terms
from bot.search.index import Index
from bot.search.postings import Postings

logger = logging.getLogger(__name__)

# What the cached data was made by: the program, the term vocabulary, the file readers and
# the layout of the cache files. Raise the version of whichever changes.
CACHE_FORMAT = "3"
TAG = f"{__version__}/terms-{terms.VERSION}/reader-{READER_VERSION}/cache-{CACHE_FORMAT}"
MANIFEST = "manifest.json"
ARRAYS = ("keys", "indptr", "rows", "tfs", "lengths", "order")
BLOCK = 1 << 22  # bytes read at a time when checking a file


class CacheError(Exception):
    """The cache cannot be used: the message says why (it is then rebuilt)."""


@dataclass(frozen=True)
class Snapshot:
    """A built index with the knowledge it came from, keyed by the folder's file names,
    sizes and times (an unchanged folder reads no file at all)."""

    files: str
    knowledge: Knowledge
    index: Index


def private_folder(folder: Path) -> Path:
    """Create a folder readable by its owner only (0700), and its parents as needed."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    return folder


def private_file(path: Path) -> int:
    """Open a new file for writing, readable by its owner only (0600)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)


class IndexCache:
    """The cache files under `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def load(self) -> Snapshot | None:
        """Return the cached knowledge and index, or None (warning why when it is damaged)."""
        try:
            return self._load()
        except FileNotFoundError:
            return None
        except CacheError as exc:
            logger.warning("The index cache in %s is not usable (%s); rebuilding it",
                           self.folder, exc)
        except (OSError, ValueError, KeyError, TypeError, zlib.error) as exc:
            logger.warning("The index cache in %s is damaged (%s: %s); rebuilding it",
                           self.folder, type(exc).__name__, exc)
        return None

    def stamp(self) -> str | None:
        """The folder stamp the cache was made for (its manifest unchecked: `load` checks
        everything), or None when there is no readable manifest."""
        try:
            manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            return manifest.get("folder") if manifest.get("made_by") == TAG else None
        except (OSError, ValueError, AttributeError):
            return None

    def _load(self) -> Snapshot:
        manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        body = {k: v for k, v in manifest.items() if k != "checksum"}
        if manifest.get("checksum") != _digest(_canonical(body)):
            raise CacheError("its manifest does not match its checksum")
        if manifest.get("made_by") != TAG:
            raise CacheError(f"made by {manifest.get('made_by')}, not {TAG}")
        paths = {}
        for role, (name, checksum) in manifest["files"].items():
            path = self.folder / name
            if _file_digest(path) != checksum:
                raise CacheError(f"{name} does not match its checksum")
            paths[role] = path
        knowledge = _knowledge_from(json.loads(zlib.decompress(paths["knowledge"].read_bytes())))
        arrays = {name: np.load(paths[name], mmap_mode="r", allow_pickle=False)
                  for name in ARRAYS}
        spellings = zlib.decompress(paths["spellings"].read_bytes()).decode("utf-8")
        postings = Postings(arrays["keys"], arrays["indptr"], arrays["rows"], arrays["tfs"],
                            arrays["lengths"], tuple(spellings.split("\n")) if spellings else ())
        chunks = knowledge.chunks
        _check(postings, arrays["order"], len(chunks))
        order = np.asarray(arrays["order"])
        rows = [chunks[i] for i in order.tolist()]
        return Snapshot(manifest["folder"], knowledge,
                        Index(rows, postings=postings, order=order))

    def save(self, snapshot: Snapshot) -> None:
        """Write the snapshot as a new generation of files, switch the manifest to it, and
        remove the older ones. A failure to write (a full disk, say) is a warning, never an
        error: what was written is removed and the previous cache is kept."""
        generation = secrets.token_hex(4)
        needed = 0
        try:
            private_folder(self.folder)
            contents = _contents(snapshot)
            needed = sum(len(data) if isinstance(data, bytes) else data.nbytes + NPY_HEADER
                         for _, data in contents.values())
            self._save(snapshot, contents, generation)
        except Exception as exc:  # noqa: BLE001 - the bot serves without a cache
            self._remove(generation)
            logger.warning("Could not write the index cache in %s (%s: %s); it needs %s, %s "
                           "free there; the previous cache is kept", self.folder,
                           type(exc).__name__, exc, _size(needed), _free(self.folder))

    def _save(self, snapshot: Snapshot, contents: dict[str, tuple[str, bytes | np.ndarray]],
              generation: str) -> None:
        files = {}
        for role, (name, data) in contents.items():
            if isinstance(data, bytes):
                files[role] = self._write(f"{generation}.{name}",
                                          lambda out, d=data: out.write(d))
            else:
                files[role] = self._write(f"{generation}.{name}",
                                          lambda out, a=data: np.save(out, a, allow_pickle=False))
        body = {"made_by": TAG, "folder": snapshot.files, "files": files}
        manifest = {**body, "checksum": _digest(_canonical(body))}
        self._write(f"{generation}.{MANIFEST}",
                    lambda out: out.write(json.dumps(manifest).encode("utf-8")))
        os.replace(self.folder / f"{generation}.{MANIFEST}", self.folder / MANIFEST)
        for old in self.folder.iterdir():
            if old.name != MANIFEST and not old.name.startswith(f"{generation}."):
                old.unlink(missing_ok=True)

    def _write(self, name: str, write) -> list[str]:
        path = self.folder / name
        with os.fdopen(private_file(path), "wb") as out:
            write(out)
        return [name, _file_digest(path)]

    def _remove(self, generation: str) -> None:
        """Remove the files of a generation that was not switched to."""
        with contextlib.suppress(OSError):
            for path in self.folder.glob(f"{generation}.*"):
                path.unlink(missing_ok=True)


NPY_HEADER = 128  # bytes of a .npy file's header (NumPy pads it to a multiple of 64)


def _contents(snapshot: Snapshot) -> dict[str, tuple[str, bytes | np.ndarray]]:
    """What a snapshot is written as: each role's file name and its bytes or array."""
    postings = snapshot.index.postings
    knowledge = json.dumps(_knowledge_data(snapshot.knowledge), ensure_ascii=False)
    contents: dict[str, tuple[str, bytes | np.ndarray]] = {
        "knowledge": ("knowledge.json.z", zlib.compress(knowledge.encode("utf-8"), 3)),
        "spellings": ("spellings.txt.z",
                      zlib.compress("\n".join(postings.spellings).encode("utf-8"), 3)),
    }
    arrays = {"keys": postings.keys, "indptr": postings.indptr, "rows": postings.rows,
              "tfs": postings.tfs, "lengths": postings.lengths, "order": snapshot.index.order}
    for role, array in arrays.items():
        contents[role] = (f"{role}.npy", np.ascontiguousarray(array))
    return contents


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{max(1, round(size / 2**10))} KB"


def _free(folder: Path) -> str:
    try:
        return _size(shutil.disk_usage(folder).free)
    except OSError:
        return "unknown"


EXPECTED = {"keys": np.uint64, "indptr": np.int64, "rows": np.int32, "tfs": np.uint16,
            "lengths": np.int32, "order": np.int64}


def _check(postings: Postings, order: np.ndarray, chunks: int) -> None:
    """Refuse arrays that do not fit together (a cache written by a bug, or by someone)."""
    arrays = {"keys": postings.keys, "indptr": postings.indptr, "rows": postings.rows,
              "tfs": postings.tfs, "lengths": postings.lengths, "order": order}
    for name, array in arrays.items():
        if array.dtype != EXPECTED[name] or array.ndim != 1:
            raise CacheError(f"its {name} array is {array.dtype} of {array.ndim} dimensions")
    if not (len(postings.indptr) == len(postings.keys) + 1
            and postings.indptr[-1] == len(postings.rows) == len(postings.tfs)
            and len(postings.lengths) == len(order) == chunks):
        raise CacheError("its arrays do not fit together")
    if len(postings.rows) and (postings.rows.min() < 0 or postings.rows.max() >= chunks):
        raise CacheError("its postings point past the paragraphs")
    if len(order) and sorted(order.tolist()) != list(range(chunks)):
        raise CacheError("its row order is not one of the paragraphs")


def _canonical(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()  # the fastest checksum of hashlib on CPUs with SHA extensions
    with path.open("rb") as stream:
        while block := stream.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _knowledge_data(knowledge: Knowledge) -> dict:
    return {
        "root": knowledge.root,
        "documents": [{
            "path": d.path, "title": d.title, "date": d.date, "paragraphs": list(d.paragraphs),
            "author": d.author, "pages": list(d.pages), "format": d.format,
            "stamp": list(d.stamp), "roles": list(d.roles),
            "period": period_data(d.period), "identity": identity_data(d.identity),
            "tables": [table_data(t) for t in d.tables],
        } for d in knowledge.documents],
        "skipped": [[s.path, s.reason] for s in knowledge.skipped],
    }


def _knowledge_from(data: dict) -> Knowledge:
    documents = tuple(Document(
        path=str(d["path"]), title=str(d["title"]), date=d["date"],
        paragraphs=tuple(str(p) for p in d["paragraphs"]), author=d["author"],
        pages=tuple(d["pages"]), format=str(d["format"]),
        stamp=(int(d["stamp"][0]), int(d["stamp"][1])), roles=tuple(d["roles"]),
        period=period_from(d["period"]), identity=identity_from(d["identity"]),
        tables=tuple(table_from(t) for t in d["tables"]),
    ) for d in data["documents"])
    skipped = tuple(Skipped(str(path), str(reason)) for path, reason in data["skipped"])
    return Knowledge(str(data["root"]), documents, skipped)
