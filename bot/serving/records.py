"""Append-only JSON-lines files in BOT_DATA_DIR, readable by their owner only."""

from __future__ import annotations

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
