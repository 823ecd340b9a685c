"""Telegram handlers, named for their trigger; each renders what the core says."""

from __future__ import annotations

import asyncio
import logging
import time

from telegram import Message, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from .. import replies, unanswered
from .render import escape, keyboard, render_answer, split_text
from .state import BotState

logger = logging.getLogger(__name__)


def state_of(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]


def in_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type in (
        ChatType.GROUP, ChatType.SUPERGROUP)


async def send_plain(message: Message, text: str, quote: bool) -> None:
    """Reply with plain text split to Telegram's limit."""
    for piece in split_text(text):
        await message.reply_text(escape(piece), parse_mode=ParseMode.HTML, do_quote=quote)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, say what the bot knows and give example questions (deep-link payload ignored)."""
    qa = state_of(context).library.qa
    await send_plain(update.effective_message, replies.start(qa.titles), in_group(update))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to ask."""
    text = replies.help_with_commands(state_of(context).library.qa.titles,
                                      replies.TELEGRAM_COMMANDS)
    await send_plain(update.effective_message, text, in_group(update))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the documents with date and paragraph count."""
    docs = state_of(context).library.qa.knowledge.documents
    rows = [(d.title, d.date, len(d.paragraphs)) for d in docs]
    await send_plain(update.effective_message, replies.sources_list(rows), in_group(update))


async def new_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forget the conversation: the next question stands alone."""
    state_of(context).conversations.forget(conversation_key(update))
    await send_plain(update.effective_message, replies.new_conversation(), in_group(update))


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


def conversation_key(update: Update) -> tuple[int, int | None]:
    """A conversation per private chat, and per user in a group."""
    user = update.effective_user
    chat_id = update.effective_chat.id if update.effective_chat else 0
    return chat_id, user.id if user and in_group(update) else None


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text message: typing action, the sentence, its source and buttons."""
    question = addressed_text(update, context.bot.username)
    if question is None:
        return
    state = state_of(context)
    message = update.effective_message
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
    key, now = conversation_key(update), time.monotonic()
    turn = state.conversations.get(key, now)
    answer = await asyncio.to_thread(state.library.qa.answer, question, turn)
    state.conversations.put(key, answer.turn, time.monotonic())
    if answer.declined:
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


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Name the commands there are (in groups, only for commands meant for this bot)."""
    text = update.effective_message.text or ""
    command = text.split()[0]
    if in_group(update) and "@" in command and not command.endswith(f"@{context.bot.username}"):
        return
    await send_plain(update.effective_message,
                     replies.unknown_command(command.split("@")[0], replies.TELEGRAM_COMMANDS),
                     in_group(update))


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
