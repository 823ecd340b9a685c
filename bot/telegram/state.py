"""What the Telegram handlers share: the library served, admins, answers with live buttons,
the vote log; and the processor that keeps each chat's updates in order."""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Awaitable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from .. import records
from ..answer import Answer
from ..conversation import Conversations
from ..library import Library

REMEMBERED_ANSWERS = 2000  # answers whose buttons still work


class BotState:
    """The library served, the admins, and the answers whose buttons still work."""

    def __init__(self, library: Library, admin_ids: frozenset[int], data_dir: Path) -> None:
        self.library = library
        self.stop_watching: threading.Event | None = None
        self.admin_ids = admin_ids
        self.data_dir = data_dir
        self.answers: OrderedDict[str, Answer] = OrderedDict()
        self.conversations = Conversations()  # per private chat, per user in a group

    def remember(self, answer: Answer) -> str:
        """Keep an answer for its buttons; return the short id callback_data carries."""
        key = secrets.token_hex(4)
        self.answers[key] = answer
        while len(self.answers) > REMEMBERED_ANSWERS:
            self.answers.popitem(last=False)
        return key

    def record_vote(self, answer: Answer, vote: str) -> None:
        """Append a vote to feedback.jsonl: time, question, answer, found, vote; no user ids."""
        row = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "question": answer.question, "answer": answer.text, "found": answer.found,
               "vote": vote}
        records.append(self.data_dir / "feedback.jsonl", row)


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Handle updates of different chats concurrently, and each chat's in arrival order."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: defaultdict[int | None, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        async with self._locks[chat.id if chat else None]:
            await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
