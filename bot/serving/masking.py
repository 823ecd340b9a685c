"""Secrets kept out of what the bot prints: anything shaped like a bot token is masked in log
lines, error lines and settings errors, whichever variable it was pasted into."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

# A Telegram bot token: the bot's numeric id, a colon and 35 letters, digits, '-' or '_'. Ten
# characters after the colon are enough to be one (a clock time "10:30" or a port is not).
TOKEN_SHAPE = re.compile(r"\d{3,}:[A-Za-z0-9_-]{10,}")
MASK = "<token>"
SHOWN_VALUE = 24  # characters of a bad setting's value an error may quote; a longer one may
#                   be a key pasted into the wrong variable


def mask(text: str, known: Iterable[str] = ()) -> str:
    """The text with every known secret and everything token-shaped replaced by <token>."""
    for secret in known:
        if secret:
            text = text.replace(secret, MASK)
    return TOKEN_SHAPE.sub(MASK, text)


def quoted(value: str) -> str:
    """A bad setting's value as an error may show it: quoted when it is short and nothing
    like a secret, else only its length."""
    if len(value) <= SHOWN_VALUE and not TOKEN_SHAPE.search(value):
        return repr(value)
    return f"a value of {len(value)} characters (not shown: it may be a secret)"


class MaskingFilter(logging.Filter):
    """Mask secrets in every record that passes a handler (its message and its traceback),
    and drop a record whose exception text holds a known secret (only InvalidToken does:
    run_telegram reports it in one line)."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        super().__init__()
        self.known = tuple(s for s in known if s)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and any(s in str(record.exc_info[1]) for s in self.known):
            return False
        message = record.getMessage()
        masked = mask(message, self.known)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text, self.known)
        if record.stack_info:
            record.stack_info = mask(record.stack_info, self.known)
        return True


def protect_handlers(known: Iterable[str] = (),
                     handlers: Iterable[logging.Handler] | None = None) -> None:
    """Put a MaskingFilter on each handler (by default, the root logger's), replacing one it
    has: the last call knows the most secrets."""
    filtering = MaskingFilter(known)
    for handler in logging.getLogger().handlers if handlers is None else handlers:
        for old in [f for f in handler.filters if isinstance(f, MaskingFilter)]:
            handler.removeFilter(old)
        handler.addFilter(filtering)


EXIT_USAGE = 2  # a command's exit status for a bad setting or argument


def fail(message: str) -> int:
    """Print a command's one error line, secrets masked; the exit status to return."""
    print(f"reportbot: error: {mask(message)}", file=sys.stderr)
    return EXIT_USAGE
