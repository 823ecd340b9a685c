"""Inline buttons that cannot be forged: each answer's buttons carry a random token, and the
token is honoured only in the chat the bot sent it to, while the answer's sources are still
in that chat's scope; a vote is counted once."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from bot.answering.answer import Answer
from bot.serving.scopes import Scope

REMEMBERED = 2000  # answers whose buttons still work
TOKEN_BYTES = 9  # 12 characters of callback data: guessing one is hopeless


@dataclass
class Sent:
    """An answer sent with buttons: to which chat, under which scope, voted yet."""

    chat_id: int
    answer: Answer
    scope: str
    voted: bool = False


class Buttons:
    """The answers whose buttons still work, by token."""

    def __init__(self, limit: int = REMEMBERED) -> None:
        self.limit = limit
        self._sent: OrderedDict[str, Sent] = OrderedDict()
        self._lock = threading.Lock()

    def issue(self, chat_id: int, answer: Answer, scope: Scope) -> str:
        """Remember an answer sent to a chat; return the token its buttons carry."""
        token = secrets.token_urlsafe(TOKEN_BYTES)
        with self._lock:
            self._sent[token] = Sent(chat_id, answer, scope.name)
            while len(self._sent) > self.limit:
                self._sent.popitem(last=False)
        return token

    def check(self, token: str, chat_id: int | None, scope: Scope | None) -> Sent | None:
        """The answer behind a pressed button, or None (expired, forged, pressed in another
        chat, or its sources no longer in the chat's scope)."""
        sent = self._sent.get(token)
        if sent is None or chat_id is None or sent.chat_id != chat_id or scope is None:
            return None
        if sent.scope != scope.name or not all(scope.holds(s.document)
                                               for s in sent.answer.sources):
            return None
        return sent

    def vote(self, sent: Sent) -> bool:
        """Mark the answer voted; False when it already was (the vote is not counted again)."""
        with self._lock:
            first, sent.voted = not sent.voted, True
        return first
