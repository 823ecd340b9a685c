"""The Telegram bot under load and faults, against the fake Bot API: fair turns for chats,
floods, Telegram's limits, outages, slow and refused sends, restarts, look-alike mentions,
a cold start."""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.answering import replies
from bot.knowledge.folder import folder_stamp
from bot.search.cache import IndexCache
from bot.serving.library import Library, build_apart
from bot.serving.telegram import app as telegram_app
from bot.serving.telegram import delivery, polling
from bot.serving.telegram.journal import Journal
from tests.cli import CHILD_TIMEOUT, child_env, run_cli
from tests.fake_telegram import BOT, TOKEN, FakeTelegram
from tests.telegram_run import running, settings_for, wait_until, warm_library

WHO = "Ai chủ trì hội nghị?"
WHO_ANSWER = "<b>Giám đốc Sở Nguyễn Văn Hòa</b> chủ trì hội nghị."
QUESTIONS = {  # questions about the knowledge_dir fixture, and how their answers open
    WHO: WHO_ANSWER,
    "bn trường đạt chuẩn": "<b>12 trường</b>",
    "có bao nhiêu trạm bơm mới": "<b>3 trạm</b>",
    "tỷ lệ tốt nghiệp đạt bao nhiêu": "<b>98,5%</b>",
}


def answers_in(fake: FakeTelegram, chat: int) -> list[str]:
    return [m["text"] for m in fake.sent if int(m["chat_id"]) == chat]


def opening(text: str) -> str:
    return next((o for o in QUESTIONS.values() if text.startswith(o)), text)


@pytest.fixture
def settings(fake: FakeTelegram, knowledge_dir: Path, tmp_path: Path):
    return settings_for(fake, knowledge_dir, tmp_path / "data")


async def test_a_flood_waits_its_turn_behind_other_chats_and_its_excess_is_dropped(
        fake, settings, monkeypatch, caplog):
    monkeypatch.setattr(telegram_app, "WORKERS", 1)  # one worker makes the turns visible
    monkeypatch.setattr(telegram_app, "FLOOD_LIMIT", 5)
    caplog.set_level(logging.WARNING)
    async with running(settings):
        for _ in range(60):
            fake.message(WHO, chat_id=1)
        for chat in range(2, 12):
            fake.message("bn trường đạt chuẩn", chat_id=chat)
        await fake.wait_calls("sendMessage", 5 + 10 + 1, timeout=20)
    too_fast = [m for m in fake.sent if m["text"] == replies.too_fast()]
    assert [int(m["chat_id"]) for m in too_fast] == [1]
    order = [int(m["chat_id"]) for m in fake.sent if m not in too_fast]
    assert order == [1, *range(2, 12), 1, 1, 1, 1]  # chats take turns; chat 1 keeps its order
    assert [r.getMessage() for r in caplog.records if "chat 1" in r.getMessage().lower()] == [
        "Chat 1 sends faster than it can be answered: more than 5 questions waiting; dropping "
        "the rest until it catches up",
        "Chat 1 caught up; 55 question(s) were dropped"]


async def test_a_group_at_its_limit_does_not_hold_up_private_chats_and_stop_leaves_it_for_later(
        fake, settings, monkeypatch):
    monkeypatch.setattr(delivery, "GROUP_PER_MINUTE", 2)  # the third answer waits ~30 s
    mention = f"@{BOT['username']} "
    group = dict(chat_id=-100, chat_type="supergroup")
    quick = settings.__class__(**{**settings.__dict__, "stop_grace": 0.2})
    async with running(quick):
        for question in list(QUESTIONS)[:3]:
            fake.message(mention + question, **group)
        fake.message(WHO, chat_id=5)
        await wait_until(lambda: len(answers_in(fake, -100)) == 2 and answers_in(fake, 5))
    assert [opening(t) for t in answers_in(fake, 5)] == [WHO_ANSWER]
    journal = settings.data_dir / "telegram" / "journal.jsonl"
    async with running(settings):  # the next start answers what was left
        await wait_until(lambda: len(answers_in(fake, -100)) == 3)
    assert [opening(t) for t in answers_in(fake, -100)] == [
        WHO_ANSWER, "<b>12 trường</b>", "<b>3 trạm</b>"]
    left = Journal(journal)
    assert (left.pending, left.last_id) == ({}, fake.next_update_id - 1)


async def test_an_outage_under_load_loses_no_answer_and_is_logged_once_each_way(
        fake, settings, caplog, monkeypatch):
    monkeypatch.setattr(polling, "FIRST_RETRY", 0.1)  # retry sooner: a shorter test
    monkeypatch.setattr(delivery, "FIRST_RETRY", 0.1)
    caplog.set_level(logging.INFO)
    async with running(settings):
        fake.down_after_delivery = True
        for chat in range(1, 6):
            for question in QUESTIONS:
                fake.message(question, chat_id=chat)
        await fake.wait_calls("getUpdates!down", 3, timeout=20)
        await fake.wait_calls("sendMessage!down", 1, timeout=20)
        fake.down = False
        await fake.wait_calls("sendMessage", 20, timeout=60)
        await wait_until(lambda: any("works again" in r.getMessage() for r in caplog.records),
                         timeout=60)
    for chat in range(1, 6):
        assert [opening(t) for t in answers_in(fake, chat)] == list(QUESTIONS.values())
    fetch_logs = [r.getMessage() for r in caplog.records
                  if r.name == "bot.serving.telegram.polling" and r.levelno == logging.WARNING]
    assert len(fetch_logs) == 2
    assert fetch_logs[0].startswith("Cannot fetch updates: cannot reach the Bot API (")
    assert fetch_logs[0].endswith("; retrying, answers in hand go on")
    assert fetch_logs[1].startswith("Fetching updates works again after ")
    assert not [r for r in caplog.records if r.exc_info]  # no traceback at the default level


async def test_sends_slower_than_ptb_default_timeout_are_waited_for(fake, settings):
    fake.delays["sendMessage"] = 6.0
    async with running(settings):
        for chat in (1, 2, 3):
            fake.message(WHO, chat_id=chat)
        await fake.wait_calls("sendMessage", 3, timeout=30)
    assert sorted(int(m["chat_id"]) for m in fake.sent) == [1, 2, 3]
    assert not [name for name, _ in fake.calls if "!" in name]


async def test_a_send_that_keeps_failing_is_given_up_in_one_line_after_the_deadline(
        fake, settings, caplog):
    for _ in range(50):
        fake.fail_next("sendMessage", 502)
    quick = settings.__class__(**{**settings.__dict__, "send_deadline": 1.0})
    async with running(quick):
        fake.message(WHO, chat_id=3)
        await wait_until(lambda: any("Gave up" in r.getMessage() for r in caplog.records))
        fake.failures.clear()
        fake.message("bn trường đạt chuẩn", chat_id=3)  # the chat goes on
        await fake.wait_calls("sendMessage", 2)
    gave_up = [r.getMessage() for r in caplog.records if "Gave up" in r.getMessage()]
    assert gave_up == ["Gave up sendMessage to chat 3 after 1 s: HTTP 502 Bad Gateway from the "
                       "Bot API server"]
    assert [t.split("\n")[0] for t in answers_in(fake, 3)] == [
        replies.apology(), "<b>12 trường</b>"]


async def test_a_refused_html_answer_is_sent_again_as_plain_text(fake, settings):
    async with running(settings):
        fake.fail_next("sendMessage", 400)
        fake.message(WHO)
        (sent,) = await fake.wait_calls("sendMessage", 1)
    assert "parse_mode" not in sent
    assert sent["text"] == ("Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị.\n\n"
                            "Nguồn: Tổng kết năm học (2024-03), đoạn 1")
    assert [b["text"] for row in sent["reply_markup"]["inline_keyboard"] for b in row] == [
        "Xem đoạn gốc", "👍", "👎"]


async def test_only_real_mentions_and_replies_to_the_bot_are_answered(fake, settings):
    group = dict(chat_id=-7, chat_type="supergroup")
    async with running(settings):
        fake.message(f"@{BOT['username']}_v2 {WHO}", **group)
        fake.message(f"admin@{BOT['username']}.com.vn {WHO}", **group)
        fake.message(f"hỏi @{BOT['username']}x {WHO}", **group)
        someone = {"message_id": 5, "date": 1, "chat": {"id": -7, "type": "supergroup"},
                   "from": {"id": 555, "is_bot": True, "first_name": "Khác",
                            "username": BOT["username"]}, "text": "tin"}
        fake.message(WHO, reply_to_message=someone, **group)  # same name, another bot's id
        fake.message(f"@{BOT['username'].upper()} {WHO}", **group)
        fake.message(f"Bot ơi, {WHO}", entities=[{"type": "text_mention", "offset": 0,
                                                  "length": 3, "user": BOT}], **group)
        await fake.wait_calls("sendMessage", 2)
    assert [t.split("\n")[0] for t in answers_in(fake, -7)] == [WHO_ANSWER, WHO_ANSWER]


async def test_the_typing_action_comes_only_when_an_answer_takes_a_while(fake, settings):
    release = threading.Event()

    class Slow(Library):
        def __init__(self, folder):
            super().__init__(folder)
            fast = self.qa.trace
            fast("khởi động")  # the first answer loads pyvi: not what is measured here

            def trace(question, *args, **kwargs):
                if question.startswith("chậm"):
                    release.wait(30)
                return fast(question, *args, **kwargs)

            object.__setattr__(self.qa, "trace", trace)

    async with running(settings, load=lambda s, folder: Slow(folder)):
        fake.message(WHO)
        await fake.wait_calls("sendMessage", 1)
        assert [name for name, _ in fake.calls if name == "sendChatAction"] == []
        fake.message("chậm: " + WHO)
        (action,) = await fake.wait_calls("sendChatAction", 1)
        release.set()
        await fake.wait_calls("sendMessage", 2)
    assert action["action"] == "typing"
    assert fake.texts()[1].startswith(WHO_ANSWER)


async def test_questions_during_the_first_build_are_told_to_come_back(fake, settings,
                                                                      monkeypatch):
    monkeypatch.setattr(telegram_app, "READY_WAIT", 0.1)
    release = threading.Event()

    def load(s, folder):
        release.wait(30)
        return Library(folder)

    async with running(settings, load=load, ready=False) as app:
        fake.message(WHO)
        fake.message("/start")
        await fake.wait_calls("sendMessage", 2)
        release.set()
        await wait_until(lambda: app.bot_data["state"].library is not None)
        fake.message(WHO)
        await fake.wait_calls("sendMessage", 3)
    assert fake.texts()[:2] == [replies.still_reading()] * 2
    assert fake.texts()[2].startswith(WHO_ANSWER)


def test_the_first_build_runs_in_a_child_and_leaves_a_warm_cache(knowledge_dir, tmp_path,
                                                                  monkeypatch):
    cache = IndexCache(tmp_path / "cache")
    build_apart(knowledge_dir, cache)
    assert cache.stamp() == folder_stamp(knowledge_dir)
    monkeypatch.setattr("bot.serving.library.build", lambda *a: pytest.fail("built in process"))
    assert Library(knowledge_dir, cache=cache).qa.answer(WHO).found


def test_an_unreachable_or_failing_bot_api_at_start_is_one_line(knowledge_dir, monkeypatch):
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    url = f"http://127.0.0.1:{port}/bot"
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_BASE_URL", url)
    result = run_cli("telegram", "--knowledge", str(knowledge_dir))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"reportbot: error: cannot reach the Bot API at {url} "
                             "(NetworkError): check the network or TELEGRAM_BASE_URL\n")

    async def failing() -> tuple[int, str]:
        fake = FakeTelegram()
        runner = await fake.serve()
        fake.fail_next("getMe", 500)
        monkeypatch.setenv("TELEGRAM_BASE_URL", fake.url)
        outcome = await asyncio.to_thread(run_cli, "telegram", "--knowledge", str(knowledge_dir))
        await runner.cleanup()
        return outcome, fake.url

    result, url = asyncio.run(failing())
    assert result.returncode == 2
    assert result.stderr == (f"reportbot: error: the Bot API server at {url} answered 500: "
                             "Telegram is having trouble, try again later\n")


def test_a_killed_bot_answers_its_backlog_after_a_restart_once(tmp_path, knowledge_dir):
    """kill -9 with a backlog and a send in flight in every chat; the next start answers
    the rest, each once."""

    async def scenario() -> FakeTelegram:
        fake = FakeTelegram()
        runner = await fake.serve()
        env = child_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=fake.url,
                        KNOWLEDGE_DIR=str(knowledge_dir), BOT_DATA_DIR=str(tmp_path / "data"))

        async def start() -> asyncio.subprocess.Process:
            return await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "telegram", cwd=tmp_path, env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        try:
            process = await start()
            for chat in range(1, 11):
                for question in QUESTIONS:
                    fake.message(question, chat_id=chat)
            await fake.wait_calls("sendMessage", 5, timeout=CHILD_TIMEOUT)
            fake.delays["sendMessage"] = 3600  # from now on every send hangs unanswered
            busy = {int(m["chat_id"]) for m in fake.sent}
            waiting = [c for c in range(1, 11) if len(answers_in(fake, c)) < len(QUESTIONS)]
            await wait_until(lambda: fake.slow.get("sendMessage", 0) == len(waiting),
                             timeout=CHILD_TIMEOUT)
            process.send_signal(signal.SIGKILL)
            await process.wait()
            assert busy and len(fake.sent) < 40  # killed with a backlog
            fake.delays.clear()
            process = await start()
            await fake.wait_calls("sendMessage", 40, timeout=CHILD_TIMEOUT)
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), CHILD_TIMEOUT) == 0
        finally:
            await runner.cleanup()
        return fake

    fake = asyncio.run(scenario())
    for chat in range(1, 11):
        assert [opening(t) for t in answers_in(fake, chat)] == list(QUESTIONS.values())


async def test_a_member_flooding_a_group_is_answered_after_every_other_member(
        fake, settings, monkeypatch, caplog):
    """Behind one member's 100-message flood, each of 50 other members asking once is
    answered before the flooder's 21st message; none is dropped; only the flooder is told."""
    monkeypatch.setattr(delivery, "GROUP_PER_MINUTE", 6000)  # the order, not the pace, is tested
    caplog.set_level(logging.WARNING)
    group = dict(chat_id=-100, chat_type="supergroup")
    mention = f"@{BOT['username']} "
    flood = [fake.message(mention + WHO, user_id=1, **group)["message_id"] for _ in range(100)]
    others = {fake.message(mention + "bn trường đạt chuẩn", user_id=user, **group)["message_id"]:
              user for user in range(2, 52)}

    def load(s, folder):  # answer once both batches of updates are queued
        deadline = time.monotonic() + 30
        while not any(int(body.get("offset") or 0) > len(flood) + len(others)
                      for name, body in fake.calls if name == "getUpdates"):
            assert time.monotonic() < deadline, "the updates were never fetched"
            time.sleep(0.02)  # a thread polling for the fetch, not a wait before asserting
        return warm_library(s, folder)

    async with running(settings, load=load):
        await fake.wait_calls("sendMessage", 20 + 1 + 50, timeout=60)
    replied = [(m["reply_parameters"]["message_id"], m["text"]) for m in fake.sent]
    flooder = [i for i, (to, _) in enumerate(replied) if to in flood]
    assert [text for to, text in replied if to in flood].count(replies.too_fast()) == 1
    assert [text for _, text in replied].count(replies.too_fast()) == 1  # only the flooder told
    assert len(flooder) == 21  # 20 answers and the notice; 80 questions dropped
    answered = sorted(others[to] for to, text in replied if to in others)
    assert answered == list(range(2, 52))  # every other member, once
    assert all(text.startswith("<b>12 trường</b>") for to, text in replied if to in others)
    last_other = max(i for i, (to, _) in enumerate(replied) if to in others)
    assert last_other < flooder[20]
    assert [r.getMessage() for r in caplog.records if "in chat -100" in r.getMessage()] == [
        "User 1 in chat -100 sends faster than it can be answered: more than 20 questions "
        "waiting; dropping the rest until it catches up",
        "User 1 in chat -100 caught up; 80 question(s) were dropped"]
