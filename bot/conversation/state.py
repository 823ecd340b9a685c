"""What a conversation keeps: its last turn (enough to read a follow-up), per console
session or Telegram chat (and user, in a group), forgotten after a quiet while or on /new."""

from __future__ import annotations

from dataclasses import dataclass, field

QUIET_SECONDS = 600  # a conversation quiet this long is forgotten: the next question is new


@dataclass(frozen=True)
class Turn:
    """What a conversation remembers of its last question: enough to read a follow-up."""

    question: str  # the question as understood, standalone
    frame: str  # that question without the words that ask ("Hội nghị diễn ra")
    document: str | None = None  # the document its answer came from: the one in focus
    subject: str | None = None  # who it was about: what "ông ấy" and "họ" point to
    topic: str | None = None  # what a "còn X thì sao?" put in it: the X the next one replaces


@dataclass
class Conversations:
    """The last turn of each conversation (by chat, or chat and user), forgotten after
    QUIET_SECONDS without a question or on `forget`."""

    quiet: float = QUIET_SECONDS
    _turns: dict[object, tuple[Turn, float]] = field(default_factory=dict)

    def get(self, key: object, now: float) -> Turn | None:
        kept = self._turns.get(key)
        if kept is None or now - kept[1] > self.quiet:
            self._turns.pop(key, None)
            return None
        return kept[0]

    def put(self, key: object, turn: Turn | None, now: float) -> None:
        if turn is None:
            self._turns.pop(key, None)
        else:
            self._turns[key] = (turn, now)
        for stale in [k for k, (_, at) in self._turns.items() if now - at > self.quiet]:
            del self._turns[stale]

    def forget(self, key: object) -> None:
        self._turns.pop(key, None)
