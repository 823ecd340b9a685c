"""The Telegram bot: the Application with its handlers, fed by our own long polling
(polling.py) or webhook (webhook.py).

Usage: put TELEGRAM_BOT_TOKEN in .env, then `reportbot telegram` (or `reportbot telegram
--webhook URL`). SIGINT/SIGTERM stop it.

Updates are received by our own code rather than by PTB's Updater so that each is journaled
before Telegram forgets it, chats take fair turns (scheduler.py), updates are received while
the first index is built, and an outage is logged once when it starts and once when it ends.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

from telegram import BotCommand, ReplyParameters, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
)

from bot.answering import replies
from bot.knowledge.folder import check_folder
from bot.serving.http import serve_health
from bot.serving.library import Library, Reloaded
from bot.serving.metrics import Metrics
from bot.serving.settings import Settings
from bot.serving.telegram import guard, routes, stats_commands
from bot.serving.telegram.delivery import BotApiRequest, Limiter
from bot.serving.telegram.journal import Journal
from bot.serving.telegram.polling import poll
from bot.serving.telegram.redact import protect_logs
from bot.serving.telegram.render import split_text
from bot.serving.telegram.scheduler import Scheduler
from bot.serving.telegram.startup import Load, TelegramSetupError, connect, in_thread, open_library
from bot.serving.telegram.state import BotState
from bot.serving.telegram.turns import job_of, member_of
from bot.serving.telegram.webhook import Webhook

logger = logging.getLogger(__name__)
WORKERS = 32  # chats answered at once: answers take milliseconds, sends wait on the network
FLOOD_LIMIT = 20  # questions one chat may have waiting: 20 s of answers at Telegram's 1/s
SEND_TIMEOUT = 30.0  # seconds to wait for Telegram's answer to a send: a slow send is not lost,
# and sending again a message Telegram may have delivered would make a duplicate
READY_WAIT = 5.0  # seconds questions wait for the index before being told to come back: a
# warm start loads it in 1-3 s (even 100,000 paragraphs), a first build takes minutes
STOP_WAIT = 2.0  # seconds a stop waits for the index-loading thread to end its build child


def require_token(settings: Settings) -> str:
    """Return the token, or raise TelegramSetupError saying where to put it."""
    if not settings.token:
        raise TelegramSetupError("TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather "
                                 "in .env or the environment")
    return settings.token


async def register_commands(application: Application) -> None:
    try:
        await application.bot.set_my_commands(
            [BotCommand(name, replies.COMMANDS[name][1]) for name in replies.TELEGRAM_COMMANDS])
    except TelegramError as exc:
        logger.warning("Could not register the command list: %s", exc)


def watch_folder(application: Application) -> None:
    """Follow the knowledge folder; tell admins of rebuilds that met problems."""
    state: BotState = application.bot_data["state"]
    loop = asyncio.get_running_loop()

    def notify(result: Reloaded) -> None:
        logger.info("Knowledge folder changed: %s", result.message)
        if result.problems:
            asyncio.run_coroutine_threadsafe(tell_admins(application, result.message), loop)

    state.stop_watching = state.library.watch_in_background(notify)


def stop_watching(application: Application) -> None:
    state: BotState = application.bot_data["state"]
    if state.stop_watching:
        state.stop_watching.set()


async def tell_admins(application: Application, text: str) -> None:
    """Send a message to every admin in BOT_ADMIN_IDS (who must have started a chat)."""
    for admin in application.bot_data["state"].admin_ids:
        try:
            for piece in split_text(text):
                await application.bot.send_message(admin, piece)
        except TelegramError as exc:
            logger.warning("Could not tell admin %s: %s", admin, exc)


def build_application(settings: Settings, library: Library | None) -> Application:
    """Build the Application with its handlers (no Updater: `serve` fetches the updates);
    `library` may come later, in the state's `library`."""
    metrics = Metrics()  # this bot's own registry: /metrics (bot/serving/http.py)
    builder = (ApplicationBuilder().token(require_token(settings))
               .request(BotApiRequest(connection_pool_size=WORKERS + 8,
                                      read_timeout=SEND_TIMEOUT))
               .get_updates_request(BotApiRequest(read_timeout=SEND_TIMEOUT))
               .rate_limiter(Limiter(settings.send_deadline, metrics))
               .updater(None))
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    application = builder.build()
    routes.set_up(application, settings, library, metrics)
    return application


Receive = Callable[["Bot"], Awaitable[None]]  # polling.poll, Webhook.receive: runs until stopped


class Bot:
    """A running bot: the Application, the journal, the scheduler and what receives the
    updates (`receive`: long polling unless told otherwise)."""

    def __init__(self, application: Application, journal: Journal,
                 receive: Receive = poll) -> None:
        self.application = application
        self.journal = journal
        self.receive = receive
        self.scheduler: Scheduler[Update] = Scheduler(
            application.process_update, lambda u: journal.done(u.update_id), self._flooded,
            WORKERS, FLOOD_LIMIT)
        self.fetching: asyncio.Task | None = None

    async def submit(self, update: Update) -> None:
        """Queue an update (journaled already) for its chat's turn."""
        await self.scheduler.submit(job_of(update, self.application.bot))

    async def start(self) -> None:
        """Start receiving; queue first what the journal holds from before, then what comes.
        Nothing is handled before `answer` is called."""
        await self.application.start()
        for data in list(self.journal.pending.values()):
            await self.submit(Update.de_json(data, self.application.bot))
        if self.journal.pending:
            logger.warning("Answering %d update(s) left from the last run",
                           len(self.journal.pending))
        self.fetching = asyncio.create_task(self.receive(self), name="receive-updates")

    def answer(self) -> None:
        """Start handling what is queued and what comes."""
        self.scheduler.start()

    async def stop(self, grace: float) -> int:
        """Stop fetching; give the answers in hand `grace` seconds; return how many updates
        are left to the next start."""
        if self.fetching is not None:
            self.fetching.cancel()
            await asyncio.gather(self.fetching, return_exceptions=True)
        left = await self.scheduler.stop(grace)
        if self.application.running:  # not when start-up failed before it
            await self.application.stop()
        return left

    async def _flooded(self, update: Update) -> None:
        """Tell who floods, once: in a group, in reply to their message (the others have
        nothing to slow down)."""
        chat = update.effective_chat
        if chat is None or not guard.allowed(self.application, update):  # strangers: nothing
            return
        reply = None
        if member_of(update) is not None and update.effective_message is not None:
            reply = ReplyParameters(update.effective_message.message_id,
                                    allow_sending_without_reply=True)
        try:
            await self.application.bot.send_message(chat.id, replies.too_fast(),
                                                    reply_parameters=reply)
        except TelegramError as exc:
            logger.warning("Could not tell chat %s it sends too fast: %s", chat.id, exc)


def run_telegram(settings: Settings, knowledge_dir: Path) -> int:
    """Run the bot until SIGINT or SIGTERM; return the exit code."""
    protect_logs(require_token(settings), settings.webhook_secret)
    Webhook.check(settings)  # a webhook's faults are said before anything starts
    check_folder(knowledge_dir)
    return asyncio.run(serve(settings, knowledge_dir))


async def serve(settings: Settings, knowledge_dir: Path, stop: asyncio.Event | None = None,
                load: Load | None = None, application: Application | None = None) -> int:
    """Connect, fetch and answer until `stop` is set (by default: SIGINT or SIGTERM). The
    index is loaded, or first built, while updates are already fetched: questions meanwhile
    are told to come back in a few minutes. Tests pass their own stop event, loader and
    application."""
    if stop is None:  # first of all: a stop while connecting is a stop too
        stop = asyncio.Event()
        if threading.current_thread() is threading.main_thread():  # signals come to it only
            for number in (signal.SIGINT, signal.SIGTERM):
                asyncio.get_running_loop().add_signal_handler(number, stop.set)
    application = application or build_application(settings, None)
    receive = Webhook(settings).receive if settings.webhook_url else poll
    if not await connect(application, settings.base_url or "api.telegram.org", stop):
        return 0
    journal = Journal(settings.data_dir / "telegram" / "journal.jsonl")
    bot = Bot(application, journal, receive)
    state: BotState = application.bot_data["state"]
    state.metrics.watch(lambda: state.library, lambda: bot.scheduler.waiting)
    health = None
    halt = threading.Event()  # set at stop: a build in a child process is ended
    loading = in_thread(load or partial(open_library, halt=halt), settings, knowledge_dir)
    stopping = asyncio.ensure_future(stop.wait())
    digest = stats_commands.start_digest(application)  # to BOT_EDITORS_CHAT, daily
    try:
        health = await serve_health(settings, lambda: state.library, state.metrics)
        await register_commands(application)
        await bot.start()
        await asyncio.wait({stopping, loading, bot.fetching}, timeout=READY_WAIT,
                           return_when="FIRST_COMPLETED")
        if not loading.done():  # a first build: questions meanwhile are told to come back
            bot.answer()
            await asyncio.wait({stopping, loading, bot.fetching}, return_when="FIRST_COMPLETED")
        if loading.done() and not stop.is_set():
            state.library = loading.result()  # or KnowledgeError
            watch_folder(application)
            logger.info("Ready: the index is loaded")
            bot.answer()
            await asyncio.wait({stopping, bot.fetching}, return_when="FIRST_COMPLETED")
        if bot.fetching.done() and not bot.fetching.cancelled():
            bot.fetching.result()  # a rejected token ends the bot
    finally:
        stopping.cancel()
        halt.set()
        await stats_commands.stop_digest(digest)
        left = await bot.stop(settings.stop_grace)
        if left:
            logger.warning("Stopped with %d update(s) unanswered; they are answered at the next "
                           "start", left)
        stop_watching(application)
        if health is not None:
            await health.cleanup()
        await application.shutdown()
        journal.close()
        await asyncio.wait({loading}, timeout=STOP_WAIT)  # a build child is ended by then
        if loading.done() and loading.exception() is not None:  # stopped, or failed, by now
            logger.debug("The index load ended with the stop", exc_info=loading.exception())
    return 0
