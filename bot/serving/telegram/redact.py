"""Keep the bot token out of every log line."""

from __future__ import annotations

import logging


class RedactingFilter(logging.Filter):
    """Replace a secret (the bot token) in every log record that passes a handler, and drop
    records whose exception text holds it."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, "<token>"), None
        # Only InvalidToken carries the token in its text; run_telegram reports it in one line.
        return not (record.exc_info and self.secret in str(record.exc_info[1]))


def protect_logs(token: str) -> None:
    """Redact the token on every handler of the root logger and quiet httpx's URL logging
    (the Bot API URL holds the token)."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter(token))
