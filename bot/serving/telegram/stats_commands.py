"""The editors' loop in Telegram: /stats for the admins, and the daily digest to the editors'
chat (BOT_EDITORS_CHAT) at BOT_DIGEST_HOUR in BOT_TIMEZONE."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.serving import notices, records, stats
from bot.serving.scopes import WHOLE, Scope, ScopeMap
from bot.serving.telegram.guard import is_bot_admin, reply, scope_of, state_of
from bot.serving.telegram.render import split_text

logger = logging.getLogger(__name__)
DIGEST_FILE = "digest.json"  # when the last digest went out
FIRST_DIGEST = timedelta(days=1)  # what the first digest looks back on


def scope_filter(scope: Scope | None) -> str | None:
    """The scope name whose records a chat may see (None: all of them)."""
    if scope is None or scope.folders == (WHOLE,):
        return None
    return scope.name


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The figures of the records (admins of BOT_ADMIN_IDS): in a group, of the group's scope
    only (everyone there reads them); in an admin's private chat, of all scopes."""
    state = state_of(context)
    if not is_bot_admin(update, state):
        await reply(update, notices.not_bot_admin())
        return
    private = update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE
    scope = scope_of(update, state)
    if not private and scope is None:
        await reply(update, notices.no_documents())
        return
    name = None if private else scope_filter(scope)
    numbers = await asyncio.to_thread(stats.figures, state.data_dir, datetime.now(timezone.utc),
                                      state.settings.zone, name)
    for piece in split_text(stats.stats_text(numbers, name)):
        await reply(update, piece)


def next_digest(now: datetime, hour: int, zone: ZoneInfo) -> datetime:
    """The next time it is `hour` o'clock in `zone`, after `now`."""
    local = now.astimezone(zone)
    at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if at <= local:
        at = (at + timedelta(days=1)).replace(hour=hour)  # a day later, same wall-clock hour
    return at


def editors_scope(scopes: ScopeMap, chat_id: int) -> tuple[bool, str | None]:
    """Whether the editors' chat may see records, and of which scope (None: all)."""
    scope = scopes.scope_of(chat_id, chat_id, chat_id > 0)
    return scope is not None, scope_filter(scope)


async def send_digest(application: Application, now: datetime) -> bool:
    """Send the editors what is new since the last digest; True when something was sent."""
    state = application.bot_data["state"]
    chat = state.settings.editors_chat
    if chat is None:
        return False
    allowed, name = editors_scope(state.scopes, chat)
    if not allowed:
        logger.warning("BOT_EDITORS_CHAT %s sees no document in BOT_SCOPES: no digest", chat)
        return False
    path = state.data_dir / "telegram" / DIGEST_FILE
    stored = records.read_json(path, {})
    try:
        since = datetime.fromisoformat(stored["last"]) if isinstance(stored, dict) else None
    except (KeyError, ValueError, TypeError):
        since = None
    text = await asyncio.to_thread(stats.digest_text, state.data_dir,
                                   since or now - FIRST_DIGEST, name)
    if text:
        for piece in split_text(text):
            await application.bot.send_message(chat, piece)
    await asyncio.to_thread(records.write_atomic, path,
                            records.line_of({"last": now.isoformat(timespec="seconds")}))
    return bool(text)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


async def digest_loop(application: Application, sleep=asyncio.sleep, clock=utc_now) -> None:
    """Send the digest every day at the digest hour, until cancelled (tests pass their own
    `sleep` and `clock`)."""
    settings = application.bot_data["state"].settings
    while True:
        now = clock()
        wait = (next_digest(now, settings.digest_hour, settings.zone) - now).total_seconds()
        await sleep(max(wait, 1.0))
        try:
            await send_digest(application, clock())
        except TelegramError as exc:
            logger.warning("Could not send the editors' digest: %s", exc)


def start_digest(application: Application) -> asyncio.Task | None:
    """Start the daily digest when BOT_EDITORS_CHAT is set; return its task to cancel."""
    if application.bot_data["state"].settings.editors_chat is None:
        return None
    return asyncio.create_task(digest_loop(application), name="editors-digest")


async def stop_digest(task: asyncio.Task | None) -> None:
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
