"""The editors' loop: what is recorded of each question (no user ids), /stats and `reportbot
stats` figures equal to the records, the daily digest to the editors' chat and its hour."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.serving import records, stats
from bot.serving.access_settings import AccessSettings
from bot.serving.telegram import stats_commands
from tests.cli import run_cli
from tests.serving.two_folders import two_folders
from tests.telegram_run import ADMIN, running, settings_for, wait_until

VN = ZoneInfo("Asia/Ho_Chi_Minh")
USER = 90817263  # an id no time or figure contains
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=timezone.utc)  # Thursday 17:00 in Vietnam


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def write_records(data: Path) -> None:
    """A week of records: Monday 00:30 in Vietnam is Sunday 17:30 UTC, in the week; the
    Sunday before is not; 2 December 17:30 UTC is already 3 December in Vietnam."""
    for when, scope, outcome, reason in (
            ("2026-12-02T17:30:00+00:00", "sales", "answered", None),  # today in Vietnam
            ("2026-12-03T09:00:00+00:00", "sales", "declined", "no_match"),
            ("2026-12-03T09:10:00+00:00", "board", "declined", "other_organisation"),
            ("2026-12-03T09:20:00+00:00", "sales", "reply", None),  # a greeting: no question
            ("2026-11-30T17:30:00+00:00", "sales", "declined", "no_match"),  # Monday 00:30
            ("2026-11-29T16:59:00+00:00", "sales", "answered", None)):  # Sunday before
        records.append(data / "asked.jsonl", {"time": when, "scope": scope, "outcome": outcome,
                                              "reason": reason})
    for when, scope, question in (("2026-11-30T17:30:00+00:00", "sales", "gia xang the nao"),
                                  ("2026-12-03T09:00:00+00:00", "sales", "Giá xăng thế nào?"),
                                  ("2026-12-03T09:10:00+00:00", "board", "Doanh thu của X?")):
        records.append(data / "unanswered.jsonl", {"time": when, "question": question,
                                                   "scope": scope})
    for when, scope, vote in (("2026-12-03T08:00:00+00:00", "sales", "down"),
                              ("2026-12-03T08:05:00+00:00", "board", "up")):
        records.append(data / "feedback.jsonl", {
            "time": when, "question": "Ai chủ trì buổi họp?", "answer": "Bà Lê Thị Mai.",
            "found": True, "vote": vote, "scope": scope,
            "source": {"document": "sales/a.md", "title": "Kết quả bán hàng", "paragraph": 3}})


def test_the_figures_count_the_records_of_the_day_and_week_in_vietnam_time(tmp_path: Path):
    write_records(tmp_path)
    every = stats.figures(tmp_path, NOW, VN)
    assert every == stats.Figures(today=3, week=4, answered=1,
                                  declined=(("no_match", 2), ("other_organisation", 1)),
                                  up=1, down=1,
                                  unanswered=((2, "Giá xăng thế nào?"), (1, "Doanh thu của X?")))
    sales = stats.figures(tmp_path, NOW, VN, "sales")
    assert (sales.today, sales.week, sales.answered, sales.declined, sales.up, sales.down) == (
        2, 3, 1, (("no_match", 2),), 0, 1)
    assert stats.stats_text(sales, "sales") == (
        "Thống kê phạm vi «sales»:\n"
        "• Câu hỏi hôm nay: 2; tuần này: 3\n"
        "• Trả lời được (tuần này): 1/3 (33%)\n"
        "• Không trả lời được, theo lý do: no_match 2\n"
        "• Đánh giá (tuần này): 👍 0, 👎 1\n"
        "• Hỏi nhiều nhất mà chưa trả lời được (tuần này):\n"
        "  2 × Giá xăng thế nào?")


def test_reportbot_stats_prints_the_same_figures(tmp_path: Path, monkeypatch):
    data = tmp_path / "bot-data"
    write_records(data)
    result = run_cli("stats", "--scope", "sales")
    assert result.returncode == 0
    now = datetime.now(timezone.utc)
    assert result.stdout == stats.stats_text(stats.figures(data, now, VN, "sales"), "sales") + "\n"
    listed = run_cli("unanswered", "--scope", "board")
    assert listed.stdout == "    1  Doanh thu của X?\n"


def test_the_next_digest_is_at_the_hour_in_vietnam():
    morning = datetime(2026, 12, 3, 0, 30, tzinfo=timezone.utc)  # 07:30 in Vietnam
    assert stats_commands.next_digest(morning, 8, VN) == datetime(2026, 12, 3, 8, tzinfo=VN)
    assert stats_commands.next_digest(NOW, 8, VN) == datetime(2026, 12, 4, 8, tzinfo=VN)


async def test_stats_in_telegram_equal_the_records_and_hold_no_user_ids(fake, tmp_path):
    folder = two_folders(tmp_path / "kb")
    data = tmp_path / "data"
    access = AccessSettings(allowed_users=frozenset({USER}))
    async with running(settings_for(fake, folder, data, access=access)):
        for question in ("Ai chủ trì buổi họp?", "Giá xăng tuần này thế nào?", "xin chào",
                         "Doanh thu quý 2/2025 của Masan là bao nhiêu?",
                         "Giá xăng tuần này thế nào"):
            before = len(fake.sent)
            fake.message(question, chat_id=USER, user_id=USER)
            await wait_until(lambda b=before: len(fake.sent) > b)
        answer = fake.sent[0]
        down = answer["reply_markup"]["inline_keyboard"][1][1]["callback_data"]
        fake.callback(down, answer["message"], user_id=USER)
        await fake.wait_calls("editMessageReplyMarkup", 1)
        fake.message("/stats", chat_id=USER, user_id=USER)  # not an admin
        await wait_until(lambda: len(fake.sent) >= 6)
        fake.message("/stats", chat_id=ADMIN, user_id=ADMIN)
        await wait_until(lambda: len(fake.sent) >= 7)
    assert fake.sent[5]["text"] == "Xin lỗi, chỉ quản trị viên của bot mới dùng được lệnh này."
    numbers = stats.figures(data, datetime.now(timezone.utc), VN)
    assert fake.sent[6]["text"] == stats.stats_text(numbers, None)
    assert (numbers.today, numbers.week, numbers.answered, numbers.down) == (4, 4, 1, 1)
    assert numbers.declined == (("unknown_words", 2), ("other_organisation", 1))
    assert numbers.unanswered[0] == (2, "Giá xăng tuần này thế nào")
    assert {k for r in rows_of(data / "asked.jsonl") for k in r} == {
        "time", "scope", "outcome", "reason"}
    assert {k for r in rows_of(data / "unanswered.jsonl") for k in r} == {
        "time", "question", "scope", "reason"}
    text = json.dumps([rows_of(data / n) for n in ("asked.jsonl", "unanswered.jsonl",
                                                   "feedback.jsonl")]) + fake.sent[6]["text"]
    assert str(USER) not in text  # no user id anywhere


async def test_the_digest_tells_the_editors_chat_what_is_new_in_its_scope(fake, tmp_path):
    folder = two_folders(tmp_path / "kb")
    data = tmp_path / "data"
    write_records(data)
    mapping = tmp_path / "scopes.toml"
    mapping.write_text('[scopes.sales]\nfolders = ["sales"]\nchats = [-100900]\n',
                       encoding="utf-8")
    access = AccessSettings(allowed_chats=frozenset({-100900}), editors_chat=-100900,
                            scopes_file=mapping)
    async with running(settings_for(fake, folder, data, access=access)) as app:
        assert await stats_commands.send_digest(app, NOW)
        assert not await stats_commands.send_digest(app, NOW)  # nothing new since
    (sent,) = fake.sent
    assert int(sent["chat_id"]) == -100900
    assert sent["text"] == (
        "Bản tin cho người biên tập tài liệu (phạm vi «sales»):\n\n"
        "Câu hỏi mới chưa trả lời được:\n"
        "• Giá xăng thế nào?\n\n"
        "Câu trả lời bị đánh giá 👎:\n"
        "• Hỏi: Ai chủ trì buổi họp?\n  Đáp: Bà Lê Thị Mai.\n  Nguồn: Kết quả bán hàng, đoạn 3")
    kept = json.loads((data / "telegram" / "digest.json").read_text(encoding="utf-8"))
    assert kept == {"last": "2026-12-03T10:00:00+00:00"}


async def test_the_digest_loop_waits_for_the_hour_then_sends(fake, tmp_path):
    folder = two_folders(tmp_path / "kb")
    data = tmp_path / "data"
    write_records(data)
    access = AccessSettings(allowed_users=frozenset({USER}), editors_chat=USER)
    times = iter([datetime(2026, 12, 3, 0, 30, tzinfo=timezone.utc),  # 07:30 in Vietnam
                  datetime(2026, 12, 3, 1, 0, tzinfo=timezone.utc)])  # 08:00: it is time
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) > 1:
            raise asyncio.CancelledError

    async with running(settings_for(fake, folder, data, access=access)) as app:
        with pytest.raises(asyncio.CancelledError):
            await stats_commands.digest_loop(app, sleep, lambda: next(times, NOW))
    assert waits[0] == 30 * 60
    (sent,) = fake.sent
    assert int(sent["chat_id"]) == USER
    assert sent["text"].startswith("Bản tin cho người biên tập tài liệu:\n\nCâu hỏi mới")
