"""Long polling: updates fetched with getUpdates, each batch journaled before the next call
confirms it to Telegram. A webhook set before (webhook.py) is deleted first: Telegram
refuses getUpdates while one is set, so switching back to polling is just starting without
`--webhook`."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError

from bot.serving.telegram.delivery import ServerError

if TYPE_CHECKING:
    from bot.serving.telegram.app import Bot

logger = logging.getLogger(__name__)
BACKLOG_LIMIT = 5000  # updates waiting in all before fetching pauses (they wait at Telegram)
POLL_TIMEOUT = 10  # seconds a getUpdates long poll waits for news
BATCH = 100  # updates per getUpdates: Telegram's most
FIRST_RETRY, LAST_RETRY = 1.0, 5.0  # seconds between fetch attempts in an outage, doubling
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


async def poll(bot: Bot) -> None:
    """Long-poll for updates; write each batch to the journal before the next call
    confirms it to Telegram; pause while the backlog is large. An outage is logged when
    it starts and when it ends; fetching is retried with backoff meanwhile."""
    api = bot.application.bot
    offset = bot.journal.last_id + 1 if bot.journal.last_id else None
    outage: float | None = None
    delay = FIRST_RETRY
    loop = asyncio.get_running_loop()
    webhook_deleted = False
    while True:
        while bot.scheduler.waiting >= BACKLOG_LIMIT:
            await asyncio.sleep(FIRST_RETRY)  # the backlog drains; updates wait at Telegram
        try:
            if not webhook_deleted:  # its pending updates stay: getUpdates hands them on
                webhook_deleted = await api.delete_webhook(drop_pending_updates=False)
            updates = await api.get_updates(offset=offset, timeout=POLL_TIMEOUT, limit=BATCH,
                                            allowed_updates=ALLOWED_UPDATES)
        except InvalidToken:
            raise
        except (NetworkError, Conflict) as exc:
            if outage is None:
                outage = loop.time()
                logger.warning("Cannot fetch updates: %s; retrying, answers in hand go on",
                               describe(exc))
            logger.debug("Fetching failed", exc_info=True)
            await asyncio.sleep(delay)
            delay = min(delay * 2, LAST_RETRY)
            continue
        if outage is not None:
            logger.warning("Fetching updates works again after %.0f s", loop.time() - outage)
            outage, delay = None, FIRST_RETRY
        if not updates:
            continue
        bot.journal.fetched([u.to_dict() for u in updates])
        offset = updates[-1].update_id + 1
        for update in updates:
            await bot.submit(update)


def describe(error: TelegramError) -> str:
    """What failed, in words an operator can act on."""
    if isinstance(error, ServerError):
        return f"the Bot API server has a problem ({error})"
    if isinstance(error, Conflict):
        return f"another copy of this bot is fetching updates ({error}): stop it"
    return f"cannot reach the Bot API ({type(error).__name__}: {error})"
