"""Who may use the Telegram bot: the ids of BOT_ALLOWED_USERS and BOT_ALLOWED_CHATS, and those
the admins add with /allow (kept in BOT_DATA_DIR/telegram/allowed.json, written atomically).

A private chat is served when its user is allowed (a private chat's id is its user's); a
group when the group is allowed: its answers are read by every member, so a member allowed
on their own does not open a group that is not. The admins of BOT_ADMIN_IDS are always
served in their private chats. With no id listed anywhere, and /allow never used, the bot
is open to everyone.
"""

from __future__ import annotations

import enum
import threading
from pathlib import Path

from bot.serving import records

FILE_NAME = "allowed.json"


class Change(enum.Enum):
    """What /allow or /deny did."""

    ADDED = "added"
    ALREADY = "already"
    REMOVED = "removed"
    NOT_LISTED = "not_listed"
    IN_ENVIRONMENT = "in_environment"  # /deny of an id the environment lists


class Access:
    """The allowed ids: the environment's, and those added from Telegram."""

    def __init__(self, users: frozenset[int], chats: frozenset[int], admins: frozenset[int],
                 data_dir: Path) -> None:
        self.listed = users | chats
        self.admins = admins
        self.path = data_dir / "telegram" / FILE_NAME
        stored = records.read_json(self.path, {})
        ids = stored.get("ids", []) if isinstance(stored, dict) else []
        self.added: set[int] = {i for i in ids if isinstance(i, int) and not isinstance(i, bool)}
        self.kept = self.path.exists()  # once /allow was used the list stays closed
        self._lock = threading.Lock()

    @property
    def open(self) -> bool:
        """Whether everyone may ask: no id is listed in the environment and /allow was never
        used (a /deny of the last id added leaves the bot closed: delete the file to open it)."""
        return not self.listed and not self.kept

    def allows(self, chat_id: int, user_id: int | None, group: bool) -> bool:
        """Whether a message of `user_id` in chat `chat_id` is served."""
        if self.open:
            return True
        if group:
            return chat_id in self.listed or chat_id in self.added
        return user_id is not None and (user_id in self.admins or user_id in self.listed
                                        or user_id in self.added or chat_id in self.listed)

    def allow(self, number: int) -> Change:
        """Add a user or chat id, for good (it survives a restart)."""
        with self._lock:
            if number in self.listed or number in self.added:
                return Change.ALREADY
            self.added.add(number)
            self._save()
            return Change.ADDED

    def deny(self, number: int) -> Change:
        """Remove an id added by /allow; one of the environment's must be removed there."""
        with self._lock:
            if number in self.added:
                self.added.discard(number)
                self._save()
                return Change.REMOVED
            return Change.IN_ENVIRONMENT if number in self.listed else Change.NOT_LISTED

    def _save(self) -> None:
        records.write_atomic(self.path, records.line_of({"ids": sorted(self.added)}))
        self.kept = True
