"""Logging set-up: text lines for a person, or JSON lines (LOG_FORMAT=json) for a log
collector; the token and the webhook secret masked in both."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from bot.serving.masking import mask, protect_handlers
from bot.serving.settings import Settings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# What every LogRecord has: anything else on a record came as `extra=` and is a field
STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, the fields given
    with `extra=`, and the traceback as `exception` when there is one."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        row = {"time": datetime.fromtimestamp(record.created, timezone.utc)
               .isoformat(timespec="milliseconds"),
               "level": record.levelname, "logger": record.name,
               "message": record.getMessage()}
        row.update((key, value) for key, value in vars(record).items()
                   if key not in STANDARD and not key.startswith("_"))
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            row["exception"] = record.exc_text
        if record.stack_info:
            row["stack"] = record.stack_info
        # extra fields have not passed the MaskingFilter: the whole line is masked once more
        return mask(json.dumps(row, ensure_ascii=False, default=str), self.secrets)


def configure_logging(settings: Settings) -> None:
    """Log to stderr at LOG_LEVEL in LOG_FORMAT, masking the secrets the settings hold."""
    secrets = tuple(s for s in (settings.token, settings.webhook_secret) if s)
    logging.basicConfig(level=settings.log_level, format=TEXT_FORMAT)
    if settings.log_format == "json":
        for handler in logging.getLogger().handlers:
            handler.setFormatter(JsonFormatter(secrets))
    protect_handlers(secrets)
