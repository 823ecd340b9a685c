"""The settings of who may use the Telegram bot and what each chat sees, and of the editors'
digest: BOT_ALLOWED_USERS, BOT_ALLOWED_CHATS, BOT_SCOPES, BOT_EDITORS_CHAT, BOT_DIGEST_HOUR,
BOT_TIMEZONE (documented in .env.example)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.serving.masking import quoted

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_DIGEST_HOUR = 8


class AccessSettingsError(ValueError):
    """An access setting has a value that cannot be used; the message names it and the fix."""


@dataclass(frozen=True)
class AccessSettings:
    """Who may ask (ids of users and chats; none at all: everyone), the mapping file of
    scopes, and where and when the editors' digest goes."""

    allowed_users: frozenset[int] = frozenset()
    allowed_chats: frozenset[int] = frozenset()
    scopes_file: Path | None = None
    editors_chat: int | None = None
    digest_hour: int = DEFAULT_DIGEST_HOUR
    timezone: str = DEFAULT_TIMEZONE

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def access_from(values: Mapping[str, str]) -> AccessSettings:
    """Read the access settings from the environment's values."""
    editors = parse_ids(values.get("BOT_EDITORS_CHAT", ""), "BOT_EDITORS_CHAT")
    if len(editors) > 1:
        raise AccessSettingsError("BOT_EDITORS_CHAT must be one chat id, got "
                                  f"{quoted(values['BOT_EDITORS_CHAT'])}")
    hour_text = values.get("BOT_DIGEST_HOUR", "").strip()
    if hour_text and not (hour_text.isdigit() and 0 <= int(hour_text) <= 23):
        raise AccessSettingsError(f"BOT_DIGEST_HOUR must be an hour from 0 to 23, got "
                                  f"{quoted(hour_text)}")
    zone = values.get("BOT_TIMEZONE", "").strip() or DEFAULT_TIMEZONE
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise AccessSettingsError(f"BOT_TIMEZONE must be a time zone such as "
                                  f"{DEFAULT_TIMEZONE}, got {quoted(zone)}") from exc
    scopes = values.get("BOT_SCOPES", "").strip()
    return AccessSettings(
        allowed_users=parse_ids(values.get("BOT_ALLOWED_USERS", ""), "BOT_ALLOWED_USERS"),
        allowed_chats=parse_ids(values.get("BOT_ALLOWED_CHATS", ""), "BOT_ALLOWED_CHATS"),
        scopes_file=Path(scopes) if scopes else None,
        editors_chat=next(iter(editors), None),
        digest_hour=int(hour_text) if hour_text else DEFAULT_DIGEST_HOUR,
        timezone=zone)


def parse_ids(raw: str, name: str, what: str = "ids",
              error: type[ValueError] = AccessSettingsError) -> frozenset[int]:
    """Parse '123, -100456' into ids; anything else raises `error` naming the variable and
    the part."""
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise error(f"{name} must be numeric Telegram {what} separated by commas, "
                        f"got {quoted(part)}")
        ids.add(int(part))
    return frozenset(ids)
