"""Keep the bot token out of every log line."""

from __future__ import annotations

import logging

from bot.serving.masking import MaskingFilter, protect_handlers

RedactingFilter = MaskingFilter  # the name this module gave it first


def protect_logs(token: str, *secrets: str | None) -> None:
    """Mask the token (and anything shaped like one) and the other secrets on every handler
    of the root logger and quiet httpx's URL logging (the Bot API URL holds the token)."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    protect_handlers([token, *(s for s in secrets if s)])
