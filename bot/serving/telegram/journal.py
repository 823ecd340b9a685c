"""The journal of fetched updates: no question Telegram handed over is lost to a crash.

Telegram forgets an update once the next getUpdates asks past it, or once its webhook
request is answered 200, which happens long before a backlog is answered. So each batch is
written here (and synced) before that next call or that 200, and each update is marked done
once handled. On start the updates not marked done are handled first, polling resumes after
the last one written and a webhook update sent again is known, so nothing is handled twice
unless the bot died between sending an answer and marking it done.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from bot.search.cache import private_file, private_folder
from bot.serving.records import line_of

logger = logging.getLogger(__name__)

COMPACT_BYTES = 4 * 1024 * 1024  # rewrite the journal with only what is pending beyond this
# How far below the last update id one sent again may be: a webhook of one connection has
# one update in flight, the one whose 200 Telegram missed; ids further below are new ones
# (Telegram may start its ids afresh after a week without updates).
RESEND_WINDOW = 100


class Journal:
    """Fetched updates (as Bot API JSON) and which are done, in one append-only file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        private_folder(path.parent)
        self.last_id, self.pending = _read(path)
        self._compact()

    def fetched(self, updates: list[dict]) -> None:
        """Write a batch of updates; return once it is on disk."""
        if not updates:
            return
        for update in updates:
            self.pending[update["update_id"]] = update
            self.last_id = max(self.last_id, update["update_id"])
        self._write("".join(line_of({"u": u}) for u in updates), sync=True)

    def known(self, update_id: int) -> bool:
        """Whether an update was written before: Telegram sends a webhook update again when
        it did not get the 200 (the bot died after writing it)."""
        return update_id in self.pending or (
            self.last_id - RESEND_WINDOW < update_id <= self.last_id)

    def done(self, update_id: int) -> None:
        """Mark an update handled (answered, dropped, or given up on)."""
        if self.pending.pop(update_id, None) is None:
            return
        self._write(line_of({"d": update_id}), sync=False)  # a kill -9 keeps what is written
        if not self.pending and self._size > COMPACT_BYTES:
            self._compact()

    def close(self) -> None:
        os.close(self._descriptor)

    def _write(self, text: str, sync: bool) -> None:
        data = text.encode("utf-8")
        os.write(self._descriptor, data)
        self._size += len(data)
        if sync:
            os.fsync(self._descriptor)

    def _compact(self) -> None:
        """Rewrite the file as the last id and the pending updates, atomically."""
        if getattr(self, "_descriptor", None) is not None:
            os.close(self._descriptor)
        temporary = self.path.with_suffix(".tmp")
        descriptor = private_file(temporary)
        rows = [{"last": self.last_id}] + [{"u": u} for u in self.pending.values()]
        data = "".join(line_of(row) for row in rows).encode("utf-8")
        try:
            os.write(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, self.path)
        self._descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        self._size = len(data)


def _read(path: Path) -> tuple[int, dict[int, dict]]:
    """The last update id written and the updates not done, in the order fetched. A line
    cut short by a crash, or anything unreadable, is skipped with a warning."""
    last_id, pending = 0, {}
    try:
        lines = path.read_bytes().decode("utf-8", errors="replace").split("\n")
    except FileNotFoundError:
        return 0, {}
    except OSError as exc:
        logger.warning("Could not read the update journal %s (%s); starting a new one", path, exc)
        return 0, {}
    bad = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if "u" in row:
                update = row["u"]
                pending[int(update["update_id"])] = update
                last_id = max(last_id, int(update["update_id"]))
            elif "d" in row:
                pending.pop(int(row["d"]), None)
            else:
                last_id = max(last_id, int(row["last"]))
        except (ValueError, KeyError, TypeError):
            bad += 1
    if bad:
        logger.warning("Skipped %d unreadable line(s) of the update journal %s", bad, path)
    return last_id, pending
