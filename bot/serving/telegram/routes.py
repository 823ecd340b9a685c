"""The Application's shared state and its handlers, in the order they are tried: the gate
of who may ask first (group -1), then the commands, the questions and the buttons."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.serving.library import Library
from bot.serving.metrics import Metrics
from bot.serving.scopes import ScopesError, load_scopes
from bot.serving.settings import Settings
from bot.serving.telegram import guard, handlers, stats_commands
from bot.serving.telegram.startup import TelegramSetupError
from bot.serving.telegram.state import BotState

logger = logging.getLogger(__name__)


def set_up(application: Application, settings: Settings, library: Library | None,
           metrics: Metrics | None = None) -> None:
    """Give the Application its state (`library` may come later) and its handlers; warn
    when the bot is open to everyone. A mapping file that cannot be used stops the start."""
    try:
        scopes = load_scopes(settings.access.scopes_file)
    except ScopesError as exc:
        raise TelegramSetupError(str(exc)) from exc
    state = BotState(library, settings.admin_ids, settings.data_dir, settings.access, scopes,
                     metrics)
    application.bot_data["state"] = state
    if state.access.open:
        logger.warning(guard.open_warning())
    application.add_handler(TypeHandler(Update, guard.gate), group=-1)
    for name, callback in (("start", handlers.start), ("help", handlers.help_command),
                           ("sources", handlers.sources), ("reload", handlers.reload),
                           ("new", handlers.new_conversation), ("allow", guard.allow),
                           ("deny", guard.deny), ("group", guard.group_mode),
                           ("stats", stats_commands.stats_command)):
        application.add_handler(CommandHandler(name, callback))
    message_only = filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(message_only & filters.TEXT & ~filters.COMMAND,
                                           handlers.answer_question))
    application.add_handler(MessageHandler(message_only & filters.COMMAND,
                                           handlers.unknown_command))
    application.add_handler(MessageHandler(message_only & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                           handlers.other_message))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_error_handler(handlers.error_handler)
