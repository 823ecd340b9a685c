"""What the Telegram handlers share: the library served, admins, who may ask what, answers
with live buttons, the vote log."""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from pathlib import Path

from bot.answering.answer import Answer
from bot.conversation.state import Conversations
from bot.serving import records
from bot.serving.access import Access
from bot.serving.access_settings import AccessSettings
from bot.serving.groups import Groups
from bot.serving.library import Library
from bot.serving.metrics import Metrics
from bot.serving.scopes import UNMAPPED, ScopedQAs, ScopeMap
from bot.serving.telegram.buttons import Buttons


class BotState:
    """The library served (None while the first index is built), the admins, who may ask
    (access), what each chat sees (scopes), the groups' settings, and the answers whose
    buttons still work."""

    def __init__(self, library: Library | None, admin_ids: frozenset[int], data_dir: Path,
                 settings: AccessSettings | None = None, scopes: ScopeMap = UNMAPPED,
                 metrics: Metrics | None = None) -> None:
        self.library: Library | None = library
        self.metrics = metrics or Metrics()  # what /metrics shows (bot/serving/metrics.py)
        self.stop_watching: threading.Event | None = None
        self.admin_ids = admin_ids
        self.data_dir = data_dir
        self.settings = settings or AccessSettings()
        self.access = Access(self.settings.allowed_users, self.settings.allowed_chats,
                             admin_ids, data_dir)
        self.scopes = scopes
        self.views = ScopedQAs()
        self.groups = Groups(data_dir)
        self.buttons = Buttons()
        self.conversations = Conversations()  # per private chat, per user in a group

    def record_vote(self, answer: Answer, vote: str, scope: str) -> None:
        """Append a vote to feedback.jsonl: time, question, answer, found, vote, the scope and
        the source cited; no user ids."""
        source = None
        if answer.sources:
            s = answer.sources[0]
            source = {"document": s.document, "title": s.title, "paragraph": s.paragraph}
        row = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "question": answer.question, "answer": answer.text, "found": answer.found,
               "vote": vote, "scope": scope, "source": source}
        records.append(self.data_dir / "feedback.jsonl", row)
