"""The log of questions the knowledge could not answer, and its summary for editors."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from bot.language.text import fold
from bot.serving import records

logger = logging.getLogger(__name__)

FILE_NAME = "unanswered.jsonl"


def record(data_dir: Path, question: str, scope: str | None = None,
           reason: object | None = None) -> None:
    """Append one unanswered question (time, text and, from Telegram, the chat's scope and
    why it was declined; no user ids); never raises."""
    row = {"time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
           "question": question}
    if scope is not None:
        row["scope"] = scope
    if reason is not None:
        row["reason"] = getattr(reason, "value", str(reason))
    try:
        records.append(data_dir / FILE_NAME, row)
    except OSError as exc:
        logger.warning("Could not log an unanswered question in %s: %s", data_dir, exc)


def key_of(question: str) -> str:
    """Group wordings that differ only in case, punctuation or diacritics."""
    return " ".join(re.findall(r"\w+", fold(question).casefold()))


def summarize(data_dir: Path, scope: str | None = None) -> list[tuple[int, str]]:
    """Return (count, question) grouped by wording (case, punctuation and diacritics ignored),
    most asked first; the latest wording of each group is shown. Broken lines are skipped.
    `scope`: only the questions asked in chats of that scope (None: all)."""
    path = data_dir / FILE_NAME
    if not path.exists():
        return []
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace") as rows:
        for line in rows:
            try:
                row = json.loads(line)
                question = str(row["question"]).strip()
            except (ValueError, KeyError, TypeError):
                continue
            if scope is not None and row.get("scope") != scope:
                continue
            key = key_of(question)
            if key:
                counts[key] += 1
                shown[key] = question
    return [(n, shown[key]) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
