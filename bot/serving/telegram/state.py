"""What the Telegram handlers share: the library served, admins, answers with live buttons,
the vote log."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from datetime import datetime, timezone
from pathlib import Path

from bot.answering.answer import Answer
from bot.conversation.state import Conversations
from bot.serving import records
from bot.serving.library import Library
from bot.serving.metrics import Metrics

REMEMBERED_ANSWERS = 2000  # answers whose buttons still work


class BotState:
    """The library served (None while the first index is built), the admins, and the
    answers whose buttons still work."""

    def __init__(self, library: Library | None, admin_ids: frozenset[int], data_dir: Path,
                 metrics: Metrics | None = None) -> None:
        self.library: Library | None = library
        self.metrics = metrics or Metrics()  # what /metrics shows (bot/serving/metrics.py)
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

