"""Each group's own setting (answer mentions only, or also replies to the bot's messages) and
the groups the admins were told about, kept in BOT_DATA_DIR/telegram/groups.json."""

from __future__ import annotations

import threading
from pathlib import Path

from bot.serving import records

FILE_NAME = "groups.json"
MENTIONS, REPLIES = "mentions", "replies"
MODES = (MENTIONS, REPLIES)


class Groups:
    """The groups' settings and which groups not allowed were already reported."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "telegram" / FILE_NAME
        stored = records.read_json(self.path, {})
        stored = stored if isinstance(stored, dict) else {}
        modes = stored.get("modes", {})
        self.modes: dict[int, str] = {
            int(k): v for k, v in (modes.items() if isinstance(modes, dict) else ())
            if k.lstrip("-").isdigit() and v in MODES}
        notified = stored.get("notified", [])
        self.notified: set[int] = {n for n in notified if isinstance(n, int)} if isinstance(
            notified, list) else set()
        self._lock = threading.Lock()

    def mode(self, chat_id: int) -> str:
        """How a group addresses the bot: MENTIONS only, or REPLIES too (the default)."""
        return self.modes.get(chat_id, REPLIES)

    def set_mode(self, chat_id: int, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"a group's mode must be one of {', '.join(MODES)}, got {mode!r}")
        with self._lock:
            self.modes[chat_id] = mode
            self._save()

    def first_sight(self, chat_id: int) -> bool:
        """Tell whether a group not allowed is seen for the first time (and remember it)."""
        with self._lock:
            if chat_id in self.notified:
                return False
            self.notified.add(chat_id)
            self._save()
            return True

    def _save(self) -> None:
        records.write_atomic(self.path, records.line_of({
            "modes": {str(k): v for k, v in sorted(self.modes.items())},
            "notified": sorted(self.notified)}))
