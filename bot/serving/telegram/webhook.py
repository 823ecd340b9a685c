"""The webhook: Telegram POSTs each update to our URL (through the reverse proxy that holds
the TLS certificate) and we answer 200 only once the update is in the journal, on disk.

PTB's own webhook server answers 200 before the update is handled, so an update that
arrives just before a crash would be lost; this small aiohttp handler journals it first,
then queues it for the same fair scheduler as polling. Every request must carry the secret
(TELEGRAM_WEBHOOK_SECRET) in the X-Telegram-Bot-Api-Secret-Token header: without it, 403 and
nothing is read. Telegram sends an update again when it did not get the 200 (the bot died in
between): the journal knows it, and it is not answered twice.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import BadRequest, InvalidToken, NetworkError

from bot.serving.http import listen
from bot.serving.settings import Settings
from bot.serving.telegram.polling import ALLOWED_UPDATES, BACKLOG_LIMIT, FIRST_RETRY, LAST_RETRY
from bot.serving.telegram.startup import TelegramSetupError

if TYPE_CHECKING:
    from bot.serving.telegram.app import Bot

logger = logging.getLogger(__name__)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# One request at a time: Telegram then sends a chat's updates in order (follow-ups read the
# turn before) and sends again only the one whose 200 it missed (journal.RESEND_WINDOW).
# Each request costs one fsync, milliseconds: answering goes on in the scheduler.
CONNECTIONS = 1
MAX_UPDATE_BYTES = 1024 * 1024  # an update is a few kilobytes; a bigger body is not one


class Webhook:
    """Receives updates at the path of `settings.webhook_url` on BOT_WEBHOOK_HOST:PORT."""

    def __init__(self, settings: Settings) -> None:
        self.check(settings)
        self.url = settings.webhook_url or ""
        self.path = urlsplit(self.url).path or "/"
        self.secret = (settings.webhook_secret or "").encode("ascii")
        self.host, self.port = settings.webhook_host, settings.webhook_port

    @staticmethod
    def check(settings: Settings) -> None:
        """Raise TelegramSetupError, in one line, when the webhook settings cannot work."""
        if not settings.webhook_url:
            return
        url = urlsplit(settings.webhook_url)
        if url.scheme not in ("https", "http") or not url.hostname:
            raise TelegramSetupError("--webhook needs the public https:// URL that your "
                                     "reverse proxy forwards to BOT_WEBHOOK_PORT")
        if not settings.webhook_secret:
            raise TelegramSetupError("--webhook needs TELEGRAM_WEBHOOK_SECRET: set it in .env "
                                     "to a random string (openssl rand -hex 32); requests "
                                     "without it are refused")
        if settings.webhook_port == settings.http_port:
            raise TelegramSetupError(
                f"BOT_WEBHOOK_PORT and BOT_HTTP_PORT are both {settings.http_port}: give them "
                "different ports (the webhook faces the internet, /metrics stays private)")

    async def receive(self, bot: Bot) -> None:
        """Listen, tell Telegram the URL and secret, and take updates until cancelled."""
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)

        async def update(request: web.Request) -> web.Response:
            return await self.take(bot, request)

        app.router.add_post(self.path, update)
        runner = await listen(app, self.host, self.port, "BOT_WEBHOOK_PORT")
        try:
            await self.register(bot)
            logger.info("Receiving updates by webhook on %s:%d%s", self.host, self.port,
                        self.path)
            await asyncio.Event().wait()  # until the stop cancels this
        finally:
            await runner.cleanup()

    async def register(self, bot: Bot) -> None:
        """setWebhook, retried through network trouble; a URL Telegram refuses is one line."""
        delay = FIRST_RETRY
        while True:
            try:
                await bot.application.bot.set_webhook(
                    self.url, secret_token=self.secret.decode("ascii"),
                    allowed_updates=ALLOWED_UPDATES, max_connections=CONNECTIONS)
                return
            except InvalidToken:
                raise
            except BadRequest as exc:
                raise TelegramSetupError(f"Telegram refused the webhook URL {self.url}: "
                                         f"{exc}") from None
            except NetworkError as exc:
                logger.warning("Cannot set the webhook (%s: %s); trying again in %.0f s",
                               type(exc).__name__, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, LAST_RETRY)

    async def take(self, bot: Bot, request: web.Request) -> web.Response:
        """Check the secret, journal the update (synced), queue it, then answer 200."""
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self.secret):
            logger.info("Refused a webhook request without the right secret from %s",
                        request.remote)
            return web.Response(status=403)
        if bot.scheduler.waiting >= BACKLOG_LIMIT:
            return web.Response(status=503)  # Telegram keeps it and sends it again later
        try:
            data = await request.json()
            update = Update.de_json(data, bot.application.bot)
            update_id = int(data["update_id"])
        except (ValueError, TypeError, KeyError, AttributeError):
            return web.Response(status=400, text="not an update")
        if bot.journal.known(update_id):
            logger.info("Update %d came again (its 200 was missed); it is answered once",
                        update_id)
            return web.Response()
        bot.journal.fetched([data])  # on disk before Telegram hears 200 and forgets it
        await bot.submit(update)
        return web.Response()
