"""What OCR read, kept by the content hash of the file it read (in a folder the caller names,
BOT_DATA_DIR/ocr when the bot runs), so that a restart, a renamed or touched file and a
rebuilt index do not OCR the same scan again. Only the engine's word boxes are kept: lines,
paragraphs and tables are rebuilt from them on every read, so a better layout needs no OCR.

Files are readable by their owner only, written under a new name and switched to at once; a
damaged or outdated entry is read again by OCR, never trusted and never an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import zlib
from pathlib import Path

from bot.knowledge.formats.ocr import LANGUAGE, PAGE_SEGMENTATION, RENDER_DPI, PageWords, Word

logger = logging.getLogger(__name__)

# What the words were read with: raise FORMAT when this file layout changes. The engine's
# version is not part of it: a scan read once stays read, whichever Tesseract comes later.
FORMAT = "1"
TAG = f"ocr-{FORMAT}/{LANGUAGE}/psm-{PAGE_SEGMENTATION}/dpi-{RENDER_DPI}"
BLOCK = 1 << 20  # bytes hashed at a time


def content_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes: the same scan under any name or time has the same one."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(BLOCK):
            digest.update(block)
    return digest.hexdigest()


class OcrCache:
    """Entries `<content hash>.json.z` in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def load(self, digest: str) -> list[PageWords] | None:
        """The pages read for this content, or None when there is no usable entry."""
        path = self.folder / f"{digest}.json.z"
        try:
            data = json.loads(zlib.decompress(path.read_bytes()))
            if data.get("tag") != TAG:
                return None
            return [PageWords(int(width), int(height),
                              tuple(Word(str(t), int(x), int(y), int(w), int(h), float(c),
                                         (int(b), int(p), int(n)))
                                    for t, x, y, w, h, c, b, p, n in words))
                    for width, height, words in data["pages"]]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError, zlib.error) as exc:
            logger.warning("The OCR cache entry %s is not usable (%s); reading the scan again",
                           path, type(exc).__name__)
            return None

    def save(self, digest: str, pages: list[PageWords]) -> None:
        """Keep the pages read for this content; a failure to write is a warning only."""
        data = {"tag": TAG, "pages": [
            [page.width, page.height, [[w.text, w.left, w.top, w.width, w.height, w.confidence,
                                        *w.line] for w in page.words]] for page in pages]}
        blob = zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 6)
        temporary = self.folder / f".{digest}.{secrets.token_hex(4)}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.folder.chmod(0o700)
            with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600),
                           "wb") as out:
                out.write(blob)
            os.replace(temporary, self.folder / f"{digest}.json.z")
        except OSError as exc:
            logger.warning("Could not write the OCR cache in %s: %s", self.folder, exc)
            temporary.unlink(missing_ok=True)
