"""The Telegram bot's Application: built with its handlers, run with long polling.

Usage: put TELEGRAM_BOT_TOKEN in .env, then `reportbot telegram`. SIGINT/SIGTERM stop it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

from telegram import BotCommand, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from .. import replies
from ..cache import IndexCache
from ..library import Library, Reloaded
from ..settings import Settings
from . import handlers
from .redact import protect_logs
from .render import split_text
from .state import BotState, ChatOrderedProcessor

logger = logging.getLogger(__name__)
SEND_RETRIES = 3  # AIORateLimiter's retries of a call Telegram answered with 429


class TelegramSetupError(Exception):
    """The bot cannot start: the message says what to set."""


def require_token(settings: Settings) -> str:
    """Return the token, or raise TelegramSetupError saying where to put it."""
    if not settings.token:
        raise TelegramSetupError("TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather "
                                 "in .env or the environment")
    return settings.token


async def post_init(application: Application) -> None:
    """Register the commands and start watching the knowledge folder."""
    await application.bot.set_my_commands(
        [BotCommand(name, replies.COMMANDS[name][1]) for name in replies.TELEGRAM_COMMANDS])
    state: BotState = application.bot_data["state"]
    loop = asyncio.get_running_loop()

    def notify(result: Reloaded) -> None:
        logger.info("Knowledge folder changed: %s", result.message)
        if result.problems:
            asyncio.run_coroutine_threadsafe(tell_admins(application, result.message), loop)

    state.stop_watching = state.library.watch_in_background(notify)


async def post_shutdown(application: Application) -> None:
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


def build_application(settings: Settings, library: Library) -> Application:
    """Build the Application with its handlers; the caller runs it."""
    builder = (ApplicationBuilder().token(require_token(settings))
               .rate_limiter(AIORateLimiter(max_retries=SEND_RETRIES))
               .concurrent_updates(ChatOrderedProcessor())
               .post_init(post_init)
               .post_shutdown(post_shutdown))
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    application = builder.build()
    application.bot_data["state"] = BotState(library, settings.admin_ids, settings.data_dir)
    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("help", handlers.help_command))
    application.add_handler(CommandHandler("sources", handlers.sources))
    application.add_handler(CommandHandler("reload", handlers.reload))
    application.add_handler(CommandHandler("new", handlers.new_conversation))
    message_only = filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(message_only & filters.TEXT & ~filters.COMMAND,
                                           handlers.answer_question))
    application.add_handler(MessageHandler(message_only & filters.COMMAND,
                                           handlers.unknown_command))
    application.add_handler(MessageHandler(message_only & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                           handlers.other_message))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_error_handler(handlers.error_handler)
    return application


def run_telegram(settings: Settings, knowledge_dir: Path) -> int:
    """Run the bot with long polling until SIGINT or SIGTERM; return the exit code."""
    protect_logs(require_token(settings))
    library = Library(knowledge_dir, cache=IndexCache(settings.data_dir / "cache"))
    application = build_application(settings, library)
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=False,
                                stop_signals=(signal.SIGINT, signal.SIGTERM))
    except InvalidToken:
        raise TelegramSetupError("the Bot API server rejected TELEGRAM_BOT_TOKEN: check the "
                                 "token from @BotFather") from None
    except NetworkError as exc:
        where = settings.base_url or "api.telegram.org"
        raise TelegramSetupError(f"cannot reach the Bot API at {where} ({type(exc).__name__}): "
                                 "check the network or TELEGRAM_BASE_URL") from None
    return 0
