"""The editors' loop: what was asked and how it went (asked.jsonl), the figures of /stats and
`reportbot stats`, and the daily digest of new unanswered questions and 👎 answers. No user
ids are written or shown: a row says when, in which scope, and what became of the question.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.answering.answer import Answer
from bot.answering.kinds import Outcome
from bot.serving import records, unanswered

logger = logging.getLogger(__name__)
ASKED = "asked.jsonl"
FEEDBACK = "feedback.jsonl"
TOP = 5  # most asked unanswered questions shown
ANSWER_SHOWN = 300  # characters of an answer a digest quotes


def record_asked(data_dir: Path, answer: Answer, scope: str) -> None:
    """Append what became of one message: time, scope, outcome, reason (no text, no ids);
    never raises (a full disk costs the figures, not the answer)."""
    reason = answer.reason.value if answer.reason is not None else None
    try:
        records.append(data_dir / ASKED, {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"), "scope": scope,
            "outcome": str(answer.outcome), "reason": reason})
    except OSError as exc:
        logger.warning("Could not log a question's outcome in %s: %s", data_dir, exc)


@dataclass(frozen=True)
class Figures:
    """The figures of /stats, for one scope (or all) and one week."""

    today: int  # questions asked today (local day)
    week: int  # and since Monday
    answered: int  # of the week's, answered
    declined: tuple[tuple[str, int], ...]  # the week's declines by reason, most first
    up: int  # the week's 👍
    down: int  # and 👎
    unanswered: tuple[tuple[int, str], ...]  # the week's most asked unanswered questions


def _when(row: dict) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(row["time"]))
    except (KeyError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _rows(path: Path, scope: str | None, since: datetime) -> list[dict]:
    """The rows of a log of `scope` (None: all) from `since` on."""
    return [row for row in records.read_rows(path)
            if (scope is None or row.get("scope") == scope)
            and (moment := _when(row)) is not None and moment >= since]


def figures(data_dir: Path, now: datetime, zone: ZoneInfo, scope: str | None = None) -> Figures:
    """Count the records: today and this week (from Monday) in `zone`."""
    local = now.astimezone(zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    monday = midnight - timedelta(days=local.weekday())
    asked = [r for r in _rows(data_dir / ASKED, scope, monday)
             if r.get("outcome") != Outcome.REPLY.value]
    today = [r for r in asked if _when(r) >= midnight]
    declined = Counter(str(r.get("reason") or "?") for r in asked
                       if r.get("outcome") == Outcome.DECLINED.value)
    votes = Counter(r.get("vote") for r in _rows(data_dir / FEEDBACK, scope, monday))
    questions, shown = _unanswered(data_dir, scope, monday)
    top = sorted(questions.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return Figures(len(today), len(asked),
                   sum(r.get("outcome") == Outcome.ANSWERED.value for r in asked),
                   tuple(sorted(declined.items(), key=lambda kv: (-kv[1], kv[0]))),
                   votes["up"], votes["down"], tuple((n, shown[k]) for k, n in top))


def stats_text(numbers: Figures, scope: str | None) -> str:
    """The figures as the editors read them."""
    share = f" ({round(100 * numbers.answered / numbers.week)}%)" if numbers.week else ""
    lines = [f"Thống kê{f' phạm vi «{scope}»' if scope else ''}:",
             f"• Câu hỏi hôm nay: {numbers.today}; tuần này: {numbers.week}",
             f"• Trả lời được (tuần này): {numbers.answered}/{numbers.week}{share}",
             "• Không trả lời được, theo lý do: "
             + ("; ".join(f"{reason} {n}" for reason, n in numbers.declined) or "không có"),
             f"• Đánh giá (tuần này): 👍 {numbers.up}, 👎 {numbers.down}",
             "• Hỏi nhiều nhất mà chưa trả lời được (tuần này):"
             + ("" if numbers.unanswered else " không có")]
    lines += [f"  {n} × {question}" for n, question in numbers.unanswered]
    return "\n".join(lines)


def _unanswered(data_dir: Path, scope: str | None, since: datetime
                ) -> tuple[Counter[str], dict[str, str]]:
    """The unanswered questions since `since`: how often each (by its key) and how it was
    asked."""
    questions: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for row in _rows(data_dir / unanswered.FILE_NAME, scope, since):
        question = str(row.get("question", "")).strip()
        if key := unanswered.key_of(question):
            questions[key] += 1
            shown[key] = question
    return questions, shown


def digest_text(data_dir: Path, since: datetime, scope: str | None = None) -> str | None:
    """What the editors should see since `since`: the new unanswered questions and the 👎
    answers with question, answer and source; None when there is nothing new."""
    questions, shown = _unanswered(data_dir, scope, since)
    downs = [r for r in _rows(data_dir / FEEDBACK, scope, since) if r.get("vote") == "down"]
    if not questions and not downs:
        return None
    lines = ["Bản tin cho người biên tập tài liệu"
             + (f" (phạm vi «{scope}»)" if scope else "") + ":"]
    if questions:
        lines.append("\nCâu hỏi mới chưa trả lời được:")
        lines += [f"• {question}" + (f" ({n} lần)" if n > 1 else "")
                  for key, n in sorted(questions.items(), key=lambda kv: (-kv[1], kv[0]))
                  for question in [shown[key]]]
    if downs:
        lines.append("\nCâu trả lời bị đánh giá 👎:")
        for row in downs:
            answer = str(row.get("answer", ""))
            if len(answer) > ANSWER_SHOWN:
                answer = answer[:ANSWER_SHOWN].rstrip() + "…"
            source = row.get("source") or {}
            cited = (f"{source.get('title')}, đoạn {source.get('paragraph')}"
                     if isinstance(source, dict) and source.get("title") else "không có nguồn")
            lines.append(f"• Hỏi: {row.get('question', '')}\n  Đáp: {answer}\n  Nguồn: {cited}")
    return "\n".join(lines)
