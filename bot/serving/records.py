"""Append-only JSON-lines files in BOT_DATA_DIR, readable by their owner only."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from bot.search.cache import private_folder


def line_of(row: dict) -> str:
    """One JSON line; U+2028 and U+2029 escaped, as line-based readers split at them too."""
    return (json.dumps(row, ensure_ascii=False)
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")


def append(path: Path, row: dict) -> None:
    """Append a row to a JSON-lines file, creating it (0600) and its folder (0700)."""
    private_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as out:
        out.write(line_of(row))


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's whole text at once (0600): a temporary file beside it, flushed to
    disk, renamed over it; a crash leaves the old file or the new, never half of one."""
    private_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # the rename itself, on disk
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def read_json(path: Path, default: object) -> object:
    """A JSON file's value, or `default` when it is missing or broken."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def read_rows(path: Path) -> list[dict]:
    """The rows of a JSON-lines file (none when it is missing); broken lines are skipped."""
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict):
                rows.append(row)
    return rows
