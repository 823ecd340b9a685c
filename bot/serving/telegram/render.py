"""Answers as Telegram HTML messages: escaping, the key phrase in bold, splitting, buttons."""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answering import replies
from bot.answering.answer import Answer
from bot.language.text import split_sentences

MESSAGE_LIMIT = 4096  # characters of a Telegram message, after entities are parsed
# An unbroken run of text longer than a message is cut into pieces this much shorter than the
# limit, so that escaping (up to 5 characters for one, '&quot;') never makes a piece too long.
ESCAPE_GROWTH = 5


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split plain text into pieces whose HTML-escaped length fits one message, at paragraph,
    then line, then sentence, then word boundaries."""
    if len(escape(text)) <= limit:
        return [text]
    for separator, parts in (("\n\n", text.split("\n\n")), ("\n", text.split("\n")),
                             (" ", split_sentences(text)), (" ", text.split(" "))):
        if len(parts) < 2:
            continue
        pieces: list[str] = []
        for part in parts:
            if pieces and len(escape(pieces[-1] + separator + part)) <= limit:
                pieces[-1] += separator + part
            else:
                pieces.append(part)
        return [p for piece in pieces for p in split_text(piece, limit)]
    cut = limit // ESCAPE_GROWTH
    return [text[i:i + cut] for i in range(0, len(text), cut)]


PLAIN_LIMIT = MESSAGE_LIMIT // 2  # Telegram counts UTF-16 units: an emoji takes two
_TAG = re.compile(r"</?[a-z]+>")


def plain(pieces: list[str]) -> list[str]:
    """The HTML messages as plain text (no tags, no escapes), split with room to spare."""
    text = "\n\n".join(html.unescape(_TAG.sub("", piece)) for piece in pieces)
    return [piece for piece in split_text(text, PLAIN_LIMIT) if piece.strip()]


def render_answer(answer: Answer) -> list[str]:
    """Return the answer as Telegram HTML messages: the short answer in bold (on a line of
    its own unless the answer opens with it), the answer, the source line in italics."""
    source = ""
    if answer.found and answer.sources:
        s = answer.sources[0]
        source = replies.source_line(s.title, s.date, s.paragraph, s.page)
    short = answer.short
    opening = bool(short) and answer.text.startswith(short)
    text = answer.text if opening or not short else f"{short}\n{answer.text}"
    whole = f"{text}\n\n{source}" if source else text
    pieces = split_text(whole)
    rendered = []
    for piece in pieces:
        escaped = escape(piece)
        if source and piece.endswith(source):
            escaped = escaped[: -len(escape(source))] + f"<i>{escape(source)}</i>"
        rendered.append(escaped)
    if short and pieces[0].startswith(short):
        rendered[0] = f"<b>{escape(short)}</b>" + rendered[0][len(escape(short)):]
    return rendered


def keyboard(key: str, voted: bool = False) -> InlineKeyboardMarkup:
    """Buttons under an answer; callback_data is a few bytes of id, never text."""
    rows = [[InlineKeyboardButton("Xem đoạn gốc", callback_data=f"p:{key}")]]
    if not voted:
        rows.append([InlineKeyboardButton("👍", callback_data=f"v:{key}:up"),
                     InlineKeyboardButton("👎", callback_data=f"v:{key}:down")])
    return InlineKeyboardMarkup(rows)
