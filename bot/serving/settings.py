"""Configuration, read once from the environment and `.env`; flags override it in __main__."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.serving.access_settings import AccessSettings, access_from
from bot.serving.masking import quoted

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


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
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise SettingsError(
                f"BOT_ADMIN_IDS must be numeric Telegram user ids separated by commas, "
                f"got {quoted(part)}"
            )
        ids.add(int(part))
    return frozenset(ids)
