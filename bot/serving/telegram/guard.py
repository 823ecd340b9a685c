"""Who is served and what each chat sees: the gate every update passes first, the scope of a
chat, and the admins' commands /allow and /deny and the group admins' /group."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

from bot.answering.pipeline import QA
from bot.serving import notices
from bot.serving.access import Change
from bot.serving.groups import MODES
from bot.serving.scopes import Scope
from bot.serving.telegram.state import BotState

logger = logging.getLogger(__name__)
GROUP_KINDS = (ChatType.GROUP, ChatType.SUPERGROUP, ChatType.CHANNEL)


def state_of(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    return context.application.bot_data["state"]


def open_warning() -> str:
    return ("The bot is open to everyone: anybody who finds its username can read every "
            "report. Set BOT_ALLOWED_USERS and/or BOT_ALLOWED_CHATS (see README, \"Who can "
            "use the bot\") to close it.")


def allowed(application: Application, update: Update) -> bool:
    """Whether an update's sender and chat may use the bot."""
    chat, user = update.effective_chat, update.effective_user
    return chat is not None and application.bot_data["state"].access.allows(
        chat.id, user.id if user else None, chat.type in GROUP_KINDS)


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let an allowed update through; to a stranger in a private chat say only that they
    may not use the bot and their id; in a group not allowed stay silent (and tell the
    admins once)."""
    state = state_of(context)
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        raise ApplicationHandlerStop
    if allowed(context.application, update):
        return
    if chat.type in GROUP_KINDS:
        if await asyncio.to_thread(state.groups.first_sight, chat.id):
            logger.warning("A message came from group %s, which is not allowed", chat.id)
            await tell_admins(context, notices.group_not_allowed(chat.id, chat.title or "?"))
        raise ApplicationHandlerStop
    refusal = notices.not_allowed(user.id if user else chat.id)
    if update.callback_query is not None:
        await update.callback_query.answer(refusal, show_alert=True)
    elif update.message is not None:
        await update.message.reply_text(refusal)
    raise ApplicationHandlerStop


async def tell_admins(context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Send a line to every admin of BOT_ADMIN_IDS (who must have started a chat)."""
    for admin in state_of(context).admin_ids:
        try:
            await context.bot.send_message(admin, text)
        except TelegramError as exc:
            logger.warning("Could not tell admin %s: %s", admin, exc)


def scope_of(update: Update, state: BotState) -> Scope | None:
    """The scope the update's chat sees (None: nothing)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return None
    return state.scopes.scope_of(chat.id, user.id if user else None,
                                 chat.type == ChatType.PRIVATE)


def qa_of(update: Update, state: BotState) -> QA | None:
    """The QA of the chat's scope over the library served (None: no document is in it)."""
    return state.views.qa_for(state.library.qa, scope_of(update, state))


def is_bot_admin(update: Update, state: BotState) -> bool:
    return update.effective_user is not None and update.effective_user.id in state.admin_ids


async def reply(update: Update, text: str) -> None:
    message = update.effective_message
    await message.reply_text(text, do_quote=message.chat.type in GROUP_KINDS)


def _number(context: ContextTypes.DEFAULT_TYPE) -> int | None:
    args = context.args or []
    if len(args) != 1 or not args[0].lstrip("-").isdigit():
        return None
    return int(args[0])


async def _admin_id(update: Update, context: ContextTypes.DEFAULT_TYPE,
                    command: str) -> int | None:
    """The id an admin's /allow or /deny names; None (having said why) for anyone else or
    a command without one id."""
    if not is_bot_admin(update, state_of(context)):
        await reply(update, notices.not_bot_admin())
        return None
    number = _number(context)
    if number is None:
        await reply(update, notices.id_usage(command))
    return number


async def allow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let a user or a group use the bot (admins of BOT_ADMIN_IDS only)."""
    state = state_of(context)
    number = await _admin_id(update, context, "allow")
    if number is None:
        return
    change = await asyncio.to_thread(state.access.allow, number)
    await reply(update, notices.allowed(number, change == Change.ALREADY))


async def deny(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Take back an id added by /allow (admins of BOT_ADMIN_IDS only)."""
    state = state_of(context)
    number = await _admin_id(update, context, "deny")
    if number is None:
        return
    change = await asyncio.to_thread(state.access.deny, number)
    text = {Change.REMOVED: notices.denied, Change.IN_ENVIRONMENT: notices.deny_in_environment,
            Change.NOT_LISTED: notices.deny_not_listed}[change](number)
    await reply(update, text)


async def group_mode(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show or change how the bot is addressed in this group (its Telegram admins only)."""
    state = state_of(context)
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type not in (ChatType.GROUP, ChatType.SUPERGROUP) or user is None:
        await reply(update, notices.group_only())
        return
    args = context.args or []
    if len(args) != 1 or args[0].lower() not in MODES:
        await reply(update, notices.group_mode_usage(state.groups.mode(chat.id)))
        return
    member = await context.bot.get_chat_member(chat.id, user.id)
    if member.status not in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR):
        await reply(update, notices.not_group_admin())
        return
    await asyncio.to_thread(state.groups.set_mode, chat.id, args[0].lower())
    await reply(update, notices.group_mode_set(args[0].lower()))
