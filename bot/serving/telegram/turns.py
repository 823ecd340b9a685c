"""Whose turn an update takes (its chat, and its sender in a group) and whether it asks for
an answer: how an update becomes a job of the fair scheduler, however it arrived."""

from __future__ import annotations

from collections.abc import Hashable

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ExtBot

from bot.serving.telegram import handlers
from bot.serving.telegram.scheduler import Job


def chat_of(update: Update) -> Hashable:
    """Whose turn an update takes: its chat (a callback without one, its user)."""
    if update.effective_chat:
        return update.effective_chat.id
    return ("user", update.effective_user.id) if update.effective_user else update.update_id


def member_of(update: Update) -> Hashable:
    """Whose turn an update takes inside its chat: its sender in a group, nobody else's
    (None) in a private chat."""
    chat = update.effective_chat
    if chat is not None and chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        return update.effective_user.id if update.effective_user else None
    return None


def job_of(update: Update, bot: ExtBot) -> Job[Update]:
    return Job(chat_of(update), update, asks(update, bot), member_of(update))


def asks(update: Update, bot: ExtBot) -> bool:
    """Whether an update asks for an answer: a message in a private chat, or one addressed
    to the bot in a group (only these count toward a flood; the rest cost nothing)."""
    message = update.message
    if message is None:
        return False
    group = message.chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
    return not group or bool(message.text and message.text.startswith("/")) or (
        handlers.addressed_text(message, bot, group) is not None)
