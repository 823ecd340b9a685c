"""Plain text and Markdown: front matter, a leading date marker, headings, blank-line
paragraphs."""

from __future__ import annotations

import re

from bot.knowledge.formats.common import BODY, HEADING, ISO_DATE, Parsed, parsed
from bot.language.text import normalize

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(\n|\Z)", re.DOTALL)
_DATE_MARKER = re.compile(r"^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*\n?", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_MARKUP = re.compile(r"\*\*|__|`|^#{1,6}\s+|^>\s?|^[-*+]\s+", re.MULTILINE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def parse_text(raw: str) -> Parsed:
    """Text and Markdown: front matter, a leading date marker, headings, blank-line paragraphs."""
    title = date = None
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    front = _FRONT_MATTER.match(raw)
    if front:
        for line in front.group(1).splitlines():
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if key.strip().lower() == "title" and value:
                title = value
            elif key.strip().lower() == "date" and ISO_DATE.search(value):
                date = ISO_DATE.search(value).group(1)
        raw = raw[front.end():]
    marker = _DATE_MARKER.match(raw)
    if marker:
        date = date or marker.group(1)
        raw = raw[marker.end():]
    paragraphs, roles = [], []
    for block in _PARAGRAPH_BREAK.split(raw):
        block = normalize(block)
        if not block:
            continue
        heading = _HEADING.match(block.split("\n", 1)[0])
        if heading and title is None:
            title = heading.group(1).strip()
        roles.append(HEADING if heading and "\n" not in block else BODY)
        block = _MARKUP.sub("", _LINK.sub(r"\1", block))
        paragraphs.append(" ".join(line.strip() for line in block.split("\n") if line.strip()))
    return parsed(title, date, paragraphs, roles=roles)
