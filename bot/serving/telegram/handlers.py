"""Telegram handlers, named for their trigger; each renders what the core says."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from telegram import Bot, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.answering import replies
from bot.answering.pipeline import QA
from bot.conversation.chat import ask
from bot.serving import notices, stats, unanswered
from bot.serving.groups import REPLIES
from bot.serving.telegram.chart import CAPTION_LIMIT, chart_png
from bot.serving.telegram.guard import qa_of, scope_of
from bot.serving.telegram.render import escape, keyboard, plain, render_answer, split_text
from bot.serving.telegram.state import BotState

logger = logging.getLogger(__name__)
TYPING_AFTER = 0.5  # seconds: an answer ready sooner goes without a typing action (one call less)


def state_of(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]


def in_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type in (
        ChatType.GROUP, ChatType.SUPERGROUP)


async def send_plain(message: Message, text: str, quote: bool) -> None:
    """Reply with plain text split to Telegram's limit."""
    await send_html(message, [escape(piece) for piece in split_text(text)], quote)


async def send_html(message: Message, pieces: list[str], quote: bool,
                    markup: InlineKeyboardMarkup | None = None) -> None:
    """Reply with HTML messages, the buttons under the last; if Telegram refuses one (a 400:
    entities it cannot parse, a message too long), that one and the rest go as plain text."""
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        try:
            await message.reply_text(piece, parse_mode=ParseMode.HTML, do_quote=quote,
                                     reply_markup=markup if last else None)
        except BadRequest as exc:
            logger.warning("Telegram refused a message to chat %s (%s); sending it as plain "
                           "text", message.chat_id, exc)
            rest = plain(pieces[i:])
            for j, text in enumerate(rest):
                await message.reply_text(text, do_quote=quote,
                                         reply_markup=markup if j == len(rest) - 1 else None)
            return


def chat_qa(update: Update, context: ContextTypes.DEFAULT_TYPE) -> QA | None:
    """The QA of what this chat may see, or None while the first index is built or when the
    chat's scope holds no document."""
    state = state_of(context)
    return qa_of(update, state) if state.library is not None else None


def unserved(context: ContextTypes.DEFAULT_TYPE) -> str:
    """Why a chat gets no QA: the index is still being built, or it may see no document."""
    return replies.still_reading() if state_of(context).library is None else (
        notices.no_documents())


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet, say what the bot knows and give example questions (deep-link payload ignored)."""
    qa = chat_qa(update, context)
    text = replies.start(qa.titles) if qa else unserved(context)
    await send_plain(update.effective_message, text, in_group(update))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain how to ask."""
    qa = chat_qa(update, context)
    text = replies.help_with_commands(qa.titles if qa else (), replies.TELEGRAM_COMMANDS)
    await send_plain(update.effective_message, text, in_group(update))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the documents (of this chat's scope) with date and paragraph count."""
    qa = chat_qa(update, context)
    if qa is None:
        await send_plain(update.effective_message, unserved(context),
                         in_group(update))
        return
    rows = [(d.title, d.date, len(d.paragraphs)) for d in qa.knowledge.documents]
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
    if state.library is None:
        await send_plain(update.effective_message, replies.still_reading(), in_group(update))
        return
    result = await asyncio.to_thread(state.library.reload)
    if in_group(update):  # what was read and skipped names files of every folder: the admin's
        try:
            await context.bot.send_message(user.id, result.message)
        except TelegramError as exc:
            logger.warning("Could not tell admin %s how the reload went: %s", user.id, exc)
        await send_plain(update.effective_message, notices.reloaded_in_group(), True)
        return
    await send_plain(update.effective_message, result.message, in_group(update))


def addressed_text(message: Message, bot: Bot, group: bool, replies_too: bool = True
                   ) -> str | None:
    """Return the question of a message meant for the bot, or None to stay silent. In a
    group, a message is meant for the bot when it mentions the bot (a `mention` entity that
    is exactly its username, or a `text_mention` of its id) or (`replies_too`: the group's
    setting) replies to one of its messages; the mention is taken out of the question."""
    text = message.text or ""
    if not group:
        return text
    replied = message.reply_to_message
    to_bot = replies_too and bool(replied and replied.from_user
                                  and replied.from_user.id == bot.id)
    own = f"@{bot.username}".lower()
    spans = [(e.offset, e.offset + e.length) for e in message.entities
             if (e.type == MessageEntity.MENTION
                 and message.parse_entity(e).lower() == own)
             or (e.type == MessageEntity.TEXT_MENTION and e.user and e.user.id == bot.id)]
    if not spans and not to_bot:
        return None
    units = text.encode("utf-16-le")  # entity offsets count UTF-16 code units
    for start, end in sorted(spans, reverse=True):
        units = units[:start * 2] + " ".encode("utf-16-le") + units[end * 2:]
    return units.decode("utf-16-le")


def conversation_key(update: Update) -> tuple[int, int | None]:
    """A conversation per private chat, and per user in a group."""
    user = update.effective_user
    chat_id = update.effective_chat.id if update.effective_chat else 0
    return chat_id, user.id if user and in_group(update) else None


async def answer_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a text message: the sentence, its source and buttons; a typing action only
    when the answer takes a while."""
    message = update.effective_message
    state = state_of(context)
    replies_too = state.groups.mode(message.chat_id) == REPLIES
    question = addressed_text(message, context.bot, in_group(update), replies_too)
    if question is None:
        return
    qa, scope = chat_qa(update, context), scope_of(update, state)
    if qa is None or scope is None:
        await send_plain(message, unserved(context), in_group(update))
        return
    key, now = conversation_key(update), time.monotonic()
    turn = state.conversations.get(key, now)
    work = asyncio.ensure_future(asyncio.to_thread(ask, qa, question, turn))
    typing = None
    if not (await asyncio.wait({work}, timeout=TYPING_AFTER))[0]:
        typing = asyncio.create_task(context.bot.send_chat_action(message.chat_id,
                                                                  ChatAction.TYPING))
    exchange = await work
    answer = exchange.answer
    state.metrics.asked(answer, time.monotonic() - now)
    if typing is not None:
        typing.cancel()  # still trying (an outage): the answer matters, the action does not
        with contextlib.suppress(asyncio.CancelledError, TelegramError):
            await typing
    state.conversations.put(key, exchange.turn, time.monotonic())
    if answer.declined:
        await asyncio.to_thread(unanswered.record, state.data_dir, answer.question, scope.name,
                                answer.reason)
    await asyncio.to_thread(stats.record_asked, state.data_dir, answer, scope.name)
    markup = (keyboard(state.buttons.issue(message.chat_id, answer, scope)) if answer.found
              else None)
    pieces = render_answer(answer)
    if answer.chart:  # a series: its chart, with the answer as caption when it fits
        png = await asyncio.to_thread(chart_png, answer)
        fits = len(pieces) == 1 and len(pieces[0]) <= CAPTION_LIMIT
        await message.reply_photo(png, caption=pieces[0] if fits else None,
                                  parse_mode=ParseMode.HTML, do_quote=in_group(update),
                                  reply_markup=markup if fits else None)
        if fits:
            return
    await send_html(message, pieces, in_group(update), markup)


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
    chat_id = query.message.chat.id if query.message is not None else None
    sent = state.buttons.check(key, chat_id, scope_of(update, state))
    if sent is None or query.message is None:  # forged, from another chat, out of scope, old
        await query.answer(notices.button_expired())
        return
    answer = sent.answer
    if kind == "p" and answer.sources:
        await query.answer()
        await send_plain(query.message, answer.sources[0].text, False)
    elif kind == "v" and vote in ("up", "down"):
        if state.buttons.vote(sent):
            await asyncio.to_thread(state.record_vote, answer, vote, sent.scope)
        await query.answer(replies.thanks_vote())
        await query.edit_message_reply_markup(keyboard(key, voted=True))
    else:
        await query.answer()


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error in one line (the traceback at DEBUG); where a chat is known, apologise
    once."""
    error = context.error
    known = isinstance(update, Update) and update.effective_chat
    chat = update.effective_chat.id if known else None
    logger.warning("Could not answer an update of chat %s: %s: %s", chat,
                   type(error).__name__, error)
    logger.debug("The failure in full", exc_info=error)
    if chat is not None:
        try:
            await context.bot.send_message(chat, replies.apology())
        except TelegramError as exc:
            logger.warning("Could not send the apology to chat %s: %s", chat, exc)
