"""Calls to the Bot API that keep Telegram's limits and outlast network trouble.

PTB's `AIORateLimiter` keeps the overall and per-group limits and waits out 429s; this adds
Telegram's third limit (about one message a second in one chat, short bursts allowed) and
retries a call that failed on the network or with a 5xx, with backoff, until a deadline.
A 5xx is named as such (PTB reports every status it does not know as a plain NetworkError).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from http import HTTPStatus

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest

from bot.serving.metrics import Metrics

logger = logging.getLogger(__name__)

OVERALL_PER_SECOND = 30  # Telegram: about 30 messages a second in all
GROUP_PER_MINUTE = 20  # Telegram: 20 messages a minute in one group
CHAT_BURST, CHAT_BURST_SECONDS = 5, 5  # one a second in a chat on average, bursts of 5 allowed
RATE_RETRIES = 5  # 429s waited out (retry_after) before a call is given up
FIRST_RETRY, LAST_RETRY = 0.5, 5.0  # seconds before retrying a failed call, doubling up to this
MAX_CHAT_LIMITERS = 1024  # idle per-chat limiters are dropped beyond this many


class ServerError(NetworkError):
    """The Bot API answered with a 5xx status."""

    def __init__(self, status: int) -> None:
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Server Error"
        super().__init__(f"HTTP {status} {phrase} from the Bot API server")
        self.status = status


class BotApiRequest(HTTPXRequest):
    """PTB's HTTP client, naming 5xx answers as ServerError."""

    async def do_request(self, *args, **kwargs):  # type: ignore[override]
        code, payload = await super().do_request(*args, **kwargs)
        if code >= HTTPStatus.INTERNAL_SERVER_ERROR:
            raise ServerError(code)
        return code, payload


class Limiter(AIORateLimiter):
    """AIORateLimiter, one message a second per private chat on average, and retries of calls
    that fail on the network until `deadline` seconds have passed (then one log line and the
    error is raised). A 400 is not retried: sending it again cannot help."""

    def __init__(self, deadline: float, metrics: Metrics | None = None) -> None:
        super().__init__(overall_max_rate=OVERALL_PER_SECOND, overall_time_period=1,
                         group_max_rate=GROUP_PER_MINUTE, group_time_period=60,
                         max_retries=RATE_RETRIES)
        self.deadline = deadline
        self.metrics = metrics or Metrics()  # counts the retries and the give-ups
        self._chats: dict[int, AsyncLimiter] = {}

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        if "chat_id" not in data and "callback_query_id" not in data:  # getMe, setMyCommands:
            return await super().process_request(callback, args, kwargs, endpoint, data,
                                                 rate_limit_args)  # start-up fails fast
        loop = asyncio.get_running_loop()
        give_up = loop.time() + self.deadline
        delay = FIRST_RETRY
        while True:
            try:
                async with self._chat_limiter(data.get("chat_id")):
                    return await super().process_request(callback, args, kwargs, endpoint, data,
                                                         rate_limit_args)
            except BadRequest:
                raise
            except NetworkError as exc:
                if loop.time() + delay > give_up:
                    logger.warning("Gave up %s to chat %s after %.0f s: %s", endpoint,
                                   data.get("chat_id"), self.deadline, exc)
                    self.metrics.send_give_ups.inc()
                    raise
                logger.debug("%s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                self.metrics.send_retries.inc()
                await asyncio.sleep(delay)
                delay = min(delay * 2, LAST_RETRY)

    def _chat_limiter(self, chat_id: object):
        try:
            chat = int(chat_id)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return contextlib.nullcontext()
        if chat < 0:
            return contextlib.nullcontext()  # groups: AIORateLimiter's 20 a minute
        if chat not in self._chats and len(self._chats) >= MAX_CHAT_LIMITERS:
            for key, limiter in list(self._chats.items()):
                if limiter.has_capacity(limiter.max_rate):
                    del self._chats[key]
        return self._chats.setdefault(chat, AsyncLimiter(CHAT_BURST, CHAT_BURST_SECONDS))

