"""Configuration, read once from the environment and `.env`; flags override it in __main__."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.serving.access_settings import AccessSettings, access_from, parse_ids
from bot.serving.masking import quoted

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
LOCALHOST = "127.0.0.1"  # the HTTP servers listen here unless told otherwise
WEBHOOK_PORT = 8088  # BOT_WEBHOOK_PORT's default: the reverse proxy forwards to it
# What Telegram allows in a webhook's secret_token: 1-256 of A-Z, a-z, 0-9, _ and -
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message names it and the fix."""


@dataclass(frozen=True)
class Settings:
    """Everything the program reads from its environment."""

    knowledge_dir: Path = Path("knowledge")
    data_dir: Path = Path("data")
    token: str | None = field(default=None, repr=False)  # never printed
    base_url: str | None = None
    admin_ids: frozenset[int] = frozenset()
    log_level: str = "WARNING"
    send_deadline: float = 120.0  # seconds a Telegram send is retried through network trouble
    stop_grace: float = 10.0  # seconds answers in hand may take after SIGTERM
    log_format: str = "text"  # or "json": one JSON object a line
    http_host: str = LOCALHOST  # where /healthz and /metrics listen
    http_port: int | None = None  # None: no /healthz and /metrics
    webhook_url: str | None = None  # None: long polling; `--webhook URL` wins
    webhook_secret: str | None = field(default=None, repr=False)  # never printed
    webhook_host: str = LOCALHOST
    webhook_port: int = WEBHOOK_PORT
    access: AccessSettings = field(default_factory=AccessSettings)  # who may ask what

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None,
                 dotenv: str | Path | None = ".env") -> Settings:
        """Read settings from `.env` (if present) overlaid by the real environment."""
        values: dict[str, str] = {}
        if dotenv and Path(dotenv).is_file():
            values.update({k: v for k, v in dotenv_values(dotenv).items() if v is not None})
        values.update(os.environ if environ is None else environ)
        level = values.get("LOG_LEVEL", "WARNING").strip().upper() or "WARNING"
        if level not in LOG_LEVELS:
            raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got "
                                f"{quoted(level)}")
        return cls(
            knowledge_dir=Path(values.get("KNOWLEDGE_DIR", "").strip() or "knowledge"),
            data_dir=Path(values.get("BOT_DATA_DIR", "").strip() or "data"),
            token=values.get("TELEGRAM_BOT_TOKEN", "").strip() or None,
            base_url=values.get("TELEGRAM_BASE_URL", "").strip() or None,
            admin_ids=parse_admin_ids(values.get("BOT_ADMIN_IDS", "")),
            log_level=level,
            send_deadline=parse_seconds(values, "TELEGRAM_SEND_DEADLINE", 120.0),
            stop_grace=parse_seconds(values, "TELEGRAM_STOP_GRACE", 10.0),
            **operations(values),
            access=access_from(values),
        )


def parse_seconds(values: Mapping[str, str], name: str, default: float) -> float:
    """A number of seconds (0 or more); empty means the default."""
    raw = values.get(name, "").strip()
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise SettingsError(f"{name} must be a number of seconds (0 or more), got {quoted(raw)}")
    return seconds


def parse_admin_ids(raw: str) -> frozenset[int]:
    """Parse '123, 456' into ids; anything else is a SettingsError naming the bad part."""
    return parse_ids(raw, "BOT_ADMIN_IDS", "user ids", SettingsError)


def operations(values: Mapping[str, str]) -> dict:
    """The settings of running it for a team: log format, /healthz and /metrics, webhook."""
    log_format = values.get("LOG_FORMAT", "").strip().lower() or "text"
    if log_format not in LOG_FORMATS:
        raise SettingsError(f"LOG_FORMAT must be text or json, got {quoted(log_format)}")
    secret = values.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
    if secret is not None and not WEBHOOK_SECRET.fullmatch(secret):
        raise SettingsError("TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of A-Z, a-z, 0-9, _ and "
                            f"- (Telegram's rule); the one set ({len(secret)} characters, not "
                            "shown) has others")
    return {
        "log_format": log_format,
        "http_host": values.get("BOT_HTTP_HOST", "").strip() or LOCALHOST,
        "http_port": parse_port(values, "BOT_HTTP_PORT", None),
        "webhook_url": values.get("TELEGRAM_WEBHOOK_URL", "").strip() or None,
        "webhook_secret": secret,
        "webhook_host": values.get("BOT_WEBHOOK_HOST", "").strip() or LOCALHOST,
        "webhook_port": parse_port(values, "BOT_WEBHOOK_PORT", WEBHOOK_PORT),
    }


def parse_port(values: Mapping[str, str], name: str, default: int | None) -> int | None:
    """A TCP port (1-65535); empty means the default."""
    raw = values.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise SettingsError(f"{name} must be a port number from 1 to 65535, got {quoted(raw)}")
    return int(raw)
