"""Telegram front end: answers questions in private chats and, when addressed, in groups.

Usage: put TELEGRAM_BOT_TOKEN in .env, then `reportbot telegram`. SIGINT/SIGTERM stop it.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import secrets
import signal
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Awaitable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from . import replies, unanswered
from .cache import IndexCache
from .composer import Answer
from .library import Library, Reloaded
from .settings import Settings
from .text import split_sentences

logger = logging.getLogger(__name__)

MESSAGE_LIMIT = 4096
REMEMBERED_ANSWERS = 2000  # answers whose buttons still work
COMMANDS = (
    ("start", "Bắt đầu: giới thiệu và câu hỏi mẫu"),
    ("help", "Hướng dẫn cách hỏi"),
    ("sources", "Các tài liệu bot đang dùng"),
    ("reload", "Nạp lại thư mục tài liệu (quản trị viên)"),
)


class TelegramSetupError(Exception):
    """The bot cannot start: the message says what to set."""


class RedactingFilter(logging.Filter):
    """Replace a secret (the bot token) in every log record that passes a handler, and drop
    records whose exception text holds it."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.secret in message:
            record.msg, record.args = message.replace(self.secret, "<token>"), None
        # Only InvalidToken carries the token in its text; run_telegram reports it in one line.
        return not (record.exc_info and self.secret in str(record.exc_info[1]))


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Handle updates of different chats concurrently, and each chat's in arrival order."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: defaultdict[int | None, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        async with self._locks[chat.id if chat else None]:
            await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


class BotState:
    """What the handlers share: the library served, admins, remembered answers."""

    def __init__(self, library: Library, admin_ids: frozenset[int], data_dir: Path) -> None:
        self.library = library
        self.stop_watching: threading.Event | None = None
        self.admin_ids = admin_ids
        self.data_dir = data_dir
        self.answers: OrderedDict[str, Answer] = OrderedDict()

    def remember(self, answer: Answer) -> str:
        """Keep an answer for its buttons; return the short id callback_data carries."""
        key = secrets.token_hex(4)
        self.answers[key] = answer
        while len(self.answers) > REMEMBERED_ANSWERS:
            self.answers.popitem(last=False)
        return key

    def record_vote(self, answer: Answer, vote: str) -> None:
        """Append a vote to feedback.jsonl: time, question, answer, found, vote; no user ids."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        row = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "question": answer.question, "answer": answer.text, "found": answer.found,
               "vote": vote}
        with (self.data_dir / "feedback.jsonl").open("a", encoding="utf-8") as out:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split plain text into pieces whose HTML-escaped length fits one message, at paragraph,
    then sentence, then word boundaries."""
    def size(piece: str) -> int:
        return len(html.escape(piece, quote=False))

    if size(text) <= limit:
        return [text]
    for separator, parts in (("\n\n", text.split("\n\n")), ("\n", text.split("\n")),
                             (" ", split_sentences(text)), (" ", text.split(" "))):
        if len(parts) < 2:
            continue
        pieces: list[str] = []
        for part in parts:
            if pieces and size(pieces[-1] + separator + part) <= limit:
                pieces[-1] += separator + part
            else:
                pieces.append(part)
        return [p for piece in pieces for p in split_text(piece, limit)]
    # One unbroken word longer than a message: cut it, never inside an escape.
    cut = limit // 5
    return [text[i:i + cut] for i in range(0, len(text), cut)]


def render_answer(answer: Answer) -> list[str]:
    """Return the answer as Telegram HTML messages: sentence (key phrase bold), source line."""
    source = ""
    if answer.found and answer.sources:
        s = answer.sources[0]
        source = replies.source_line(s.title, s.date, s.paragraph, s.page)
    whole = f"{answer.text}\n\n{source}" if source else answer.text
    pieces = split_text(whole)
    rendered = []
    for piece in pieces:
        escaped = html.escape(piece, quote=False)
        if source and piece.endswith(source):
            escaped = escaped[: -len(html.escape(source, quote=False))] + (
                f"<i>{html.escape(source, quote=False)}</i>")
        rendered.append(escaped)
    if answer.highlight and answer.highlight in pieces[0]:
        mark = html.escape(answer.highlight, quote=False)
        rendered[0] = rendered[0].replace(mark, f"<b>{mark}</b>", 1)
    return rendered


def keyboard(key: str, voted: bool = False) -> InlineKeyboardMarkup:
    """Buttons under an answer; callback_data is a few bytes of id, never text."""
    rows = [[InlineKeyboardButton("Xem đoạn gốc", callback_data=f"p:{key}")]]
    if not voted:
        rows.append([InlineKeyboardButton("👍", callback_data=f"v:{key}:up"),
                     InlineKeyboardButton("👎", callback_data=f"v:{key}:down")])
    return InlineKeyboardMarkup(rows)


def state_of(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]


async def send_plain(message: Message, text: str, quote: bool) -> None:
    """Reply with plain text split to Telegram's limit."""
    for piece in split_text(text):
        await message.reply_text(html.escape(piece, quote=False), parse_mode=ParseMode.HTML,
                                 do_quote=quote)


def in_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type in (
        ChatType.GROUP, ChatType.SUPERGROUP)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, say what the bot knows and give example questions (deep-link payload ignored)."""
    qa = state_of(context).library.qa
    examples = "\n".join(f"• {e}" for e in replies.EXAMPLES)
    await send_plain(update.effective_message,
                     f"{replies.greeting(qa.titles)}\n\nVí dụ:\n{examples}", in_group(update))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to ask."""
    text = replies.help_text(state_of(context).library.qa.titles)
    await send_plain(update.effective_message, text + "\nLệnh: /sources, /reload, /help.",
                     in_group(update))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the documents with date and paragraph count."""
    docs = state_of(context).library.qa.knowledge.documents
    rows = [(d.title, d.date, len(d.paragraphs)) for d in docs]
    await send_plain(update.effective_message, replies.sources_list(rows), in_group(update))


async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Rebuild from the knowledge folder; admins only; a failure keeps the old index."""
    state = state_of(context)
    user = update.effective_user
    if user is None or user.id not in state.admin_ids:
        await send_plain(update.effective_message, replies.not_admin(), in_group(update))
        return
    result = await asyncio.to_thread(state.library.reload)
    await send_plain(update.effective_message, result.message, in_group(update))


def addressed_text(update: Update, bot_username: str) -> str | None:
    """Return the question of a message meant for the bot, or None to stay silent."""
    message = update.effective_message
    text = message.text or ""
    if not in_group(update):
        return text
    mention = f"@{bot_username}".lower()
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.username == bot_username:
        return text.replace(f"@{bot_username}", " ")
    if mention in text.lower():
        start_at = text.lower().index(mention)
        return text[:start_at] + " " + text[start_at + len(mention):]
    return None


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text message: typing action, the sentence, its source and buttons."""
    question = addressed_text(update, context.bot.username)
    if question is None:
        return
    state = state_of(context)
    message = update.effective_message
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
    answer = await asyncio.to_thread(state.library.qa.answer, question)
    if answer.kind == "not_found":
        await asyncio.to_thread(unanswered.record, state.data_dir, answer.question)
    pieces = render_answer(answer)
    markup = keyboard(state.remember(answer)) if answer.found else None
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        await message.reply_text(piece, parse_mode=ParseMode.HTML, do_quote=in_group(update),
                                 reply_markup=markup if last else None)


async def other_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Say that only text is read (private chats); stay silent in groups."""
    if not in_group(update):
        await send_plain(update.effective_message, replies.text_only(), False)


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the cited paragraph, or record a vote; always answer the callback query."""
    query = update.callback_query
    state = state_of(context)
    kind, _, rest = (query.data or "").partition(":")
    key, _, vote = rest.partition(":")
    answer = state.answers.get(key)
    if answer is None:
        await query.answer(replies.button_expired())
        return
    if kind == "p" and answer.sources:
        await query.answer()
        await send_plain(query.message, answer.sources[0].text, False)
    elif kind == "v" and vote in ("up", "down"):
        await asyncio.to_thread(state.record_vote, answer, vote)
        await query.answer(replies.thanks_vote())
        await query.edit_message_reply_markup(keyboard(key, voted=True))
    else:
        await query.answer()


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error; where a chat is known, apologise once."""
    logger.error("Error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(update.effective_chat.id, replies.apology())
        except TelegramError as exc:
            logger.warning("Could not send the apology: %s", exc)


async def post_init(application: Application) -> None:
    """Register the commands and start watching the knowledge folder."""
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])
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
    if not settings.token:
        raise TelegramSetupError("TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather "
                                 "in .env or the environment")
    builder = (ApplicationBuilder().token(settings.token)
               .rate_limiter(AIORateLimiter(max_retries=3))
               .concurrent_updates(ChatOrderedProcessor())
               .post_init(post_init)
               .post_shutdown(post_shutdown))
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    application = builder.build()
    application.bot_data["state"] = BotState(library, settings.admin_ids, settings.data_dir)
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("sources", sources))
    application.add_handler(CommandHandler("reload", reload))
    message_only = filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(message_only & filters.TEXT & ~filters.COMMAND,
                                           answer_question))
    application.add_handler(MessageHandler(message_only & filters.COMMAND, unknown_command))
    application.add_handler(MessageHandler(message_only & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                           other_message))
    application.add_handler(CallbackQueryHandler(button))
    application.add_error_handler(error_handler)
    return application


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Name the commands there are (in groups, only for commands meant for this bot)."""
    text = update.effective_message.text or ""
    command = text.split()[0]
    if in_group(update) and "@" in command and not command.endswith(f"@{context.bot.username}"):
        return
    await send_plain(update.effective_message, replies.unknown_command(command.split("@")[0]),
                     in_group(update))


def protect_logs(token: str) -> None:
    """Keep the token out of every log line: redact it and quiet httpx's URL logging."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter(token))


def run_telegram(settings: Settings, knowledge_dir: Path) -> int:
    """Run the bot with long polling until SIGINT or SIGTERM; return the exit code."""
    if not settings.token:
        raise TelegramSetupError("TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather "
                                 "in .env or the environment")
    protect_logs(settings.token)
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
