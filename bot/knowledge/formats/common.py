"""What every reader returns (Parsed), the roles a paragraph can play, and reading and
decoding a file's bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.formats.limits import check_count
from bot.language.text import normalize

ISO_DATE = re.compile(r"(\d{4}-\d{2}(?:-\d{2})?)")  # an ISO date in metadata: 2024-07 or 2024-07-01

# The role of a paragraph: only body text answers; a heading or a caption is context.
BODY, HEADING, CAPTION, TABLE, BYLINE = "paragraph", "heading", "caption", "table", "byline"


@dataclass(frozen=True)
class Parsed:
    """What a file holds: its own title and date if it names them, and its paragraphs with
    the page each stands on (PDF) or None, and the role each plays where the format says."""

    title: str | None
    date: str | None
    paragraphs: tuple[str, ...]
    pages: tuple[int | None, ...]
    roles: tuple[str, ...] = ()


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot be read ({exc.strerror or exc}): check its permissions") from exc


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError("broken UTF-16: save it as UTF-8") from exc
        # Bytes that only look like a UTF-16 mark decode into CJK-like noise: refuse them.
        if sum(ord(c) < 0x2100 for c in text) < 0.9 * len(text):
            raise ValueError("not UTF-8 (nor UTF-16 text): save it as UTF-8")
        return text
    if b"\x00" in data:
        raise ValueError("binary content, not text: save it as UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError("not UTF-8: save it as UTF-8") from exc


def parsed(title: str | None, date: str | None, paragraphs: list[str],
            pages: list[int | None] | None = None, roles: list[str] | None = None) -> Parsed:
    count = len(paragraphs)
    check_count(count)  # before the paragraphs are normalized, then tokenized
    kept = [(normalize(p), page, role) for p, page, role in
            zip(paragraphs, pages or [None] * count, roles or [BODY] * count)]
    kept = [item for item in kept if item[0]]
    if not kept:
        raise ValueError("empty: add some text or remove the file")
    return Parsed(title, date, tuple(p for p, _, _ in kept), tuple(page for _, page, _ in kept),
                  tuple(role for _, _, role in kept))
