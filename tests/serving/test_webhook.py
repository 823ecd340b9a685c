"""The webhook (bot/serving/telegram/webhook.py) over real HTTP: the fake Bot API delivers the
updates as Telegram does (one request at a time, with the secret, again until answered 200);
a request without the secret is refused and nothing of it is handled; an update sent again
and a kill -9 mid-batch lose nothing and answer nothing twice; polling deletes the webhook."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from bot.serving.telegram.journal import Journal
from bot.serving.telegram.polling import ALLOWED_UPDATES
from tests.cli import CHILD_TIMEOUT, child_env, run_cli
from tests.fake_telegram import SECRET_HEADER, TOKEN, FakeTelegram
from tests.serving.test_telegram_load import QUESTIONS, WHO, WHO_ANSWER, answers_in, opening
from tests.telegram_run import free_port, running, settings_for, wait_until

SECRET = "webhook-secret-never-logged-0123456789"


def webhook_url(port: int) -> str:
    """Where the fake Bot API sends updates: straight to the bot, as a proxy would forward."""
    return f"http://127.0.0.1:{port}/telegram/updates"


@pytest.fixture
def settings(fake: FakeTelegram, knowledge_dir: Path, tmp_path: Path):
    port = free_port()
    return settings_for(fake, knowledge_dir, tmp_path / "data", webhook_url=webhook_url(port),
                        webhook_secret=SECRET, webhook_port=port)


def raw_update(update_id: int, text: str, chat_id: int) -> dict:
    """An update as Telegram would send it, which the fake has not queued."""
    return {"update_id": update_id, "message": {
        "message_id": 1, "date": int(time.time()), "text": text,
        "chat": {"id": chat_id, "type": "private"},
        "from": {"id": chat_id, "is_bot": False, "first_name": "Mallory"}}}


def journal_of(settings) -> Journal:
    return Journal(settings.data_dir / "telegram" / "journal.jsonl")


async def test_signed_updates_are_answered_once_each_and_the_webhook_is_set_with_the_secret(
        fake, settings):
    async with running(settings):
        for question in QUESTIONS:
            fake.message(question)
        await fake.wait_calls("sendMessage", len(QUESTIONS))
        await wait_until(lambda: fake.webhook_offset == len(QUESTIONS) + 1)
    (hook,) = [body for name, body in fake.calls if name == "setWebhook"]
    assert hook["url"] == settings.webhook_url
    assert hook["secret_token"] == SECRET
    assert hook["allowed_updates"] == ALLOWED_UPDATES
    assert hook["max_connections"] == "1"
    assert [opening(t) for t in fake.texts()] == list(QUESTIONS.values())
    assert fake.webhook_statuses == [(i, 200) for i in range(1, len(QUESTIONS) + 1)]
    assert not [name for name, _ in fake.calls if name.startswith("getUpdates")]
    journal = journal_of(settings)
    assert (journal.last_id, journal.pending) == (len(QUESTIONS), {})


async def test_a_request_without_the_right_secret_is_refused_and_nothing_of_it_is_handled(
        fake, settings):
    intruder = raw_update(500, WHO, chat_id=666)
    async with running(settings):
        await wait_until(lambda: fake.webhook is not None)
        async with aiohttp.ClientSession() as session:
            for headers in ({}, {SECRET_HEADER: ""}, {SECRET_HEADER: "wrong"},
                            {SECRET_HEADER: SECRET + "x"}, {SECRET_HEADER: SECRET[:-1]},
                            {SECRET_HEADER: SECRET.upper()}, {"Authorization": SECRET}):
                async with session.post(settings.webhook_url, json=intruder,
                                        headers=headers) as answer:
                    assert (answer.status, headers) == (403, headers)
            async with session.post(settings.webhook_url, data=b"not json",
                                    headers={SECRET_HEADER: "wrong"}) as answer:
                assert answer.status == 403  # refused before the body is read
        fake.message(WHO, chat_id=42)  # then a signed one, as Telegram sends it
        await fake.wait_calls("sendMessage", 1)
    assert [(int(m["chat_id"]), opening(m["text"])) for m in fake.sent] == [(42, WHO_ANSWER)]
    journal = journal_of(settings)
    assert (journal.last_id, journal.pending) == (1, {})  # update 500 was never written


async def test_an_update_sent_again_after_a_missed_200_is_answered_once(fake, settings):
    async with running(settings):
        fake.message(WHO)
        await fake.wait_calls("sendMessage", 1)
        await wait_until(lambda: fake.webhook_offset == 2)
        fake.webhook_offset = 1  # as if the 200 had not reached Telegram: it sends it again
        fake.message("bn trường đạt chuẩn")
        await fake.wait_calls("sendMessage", 2)
        await wait_until(lambda: fake.webhook_offset == 3)
    assert fake.webhook_statuses == [(1, 200), (1, 200), (2, 200)]
    assert [opening(t) for t in fake.texts()] == [WHO_ANSWER, "<b>12 trường</b>"]


async def test_polling_deletes_a_webhook_set_before_and_keeps_its_updates(fake, knowledge_dir,
                                                                         tmp_path):
    fake.webhook = {"url": webhook_url(free_port()), "secret_token": SECRET}  # a former run's
    fake.message(WHO)  # waiting at Telegram for the webhook that is gone
    async with running(settings_for(fake, knowledge_dir, tmp_path / "data")):
        await fake.wait_calls("sendMessage", 1)
    (deleted,) = [body for name, body in fake.calls if name == "deleteWebhook"]
    assert deleted.get("drop_pending_updates") in (None, "False", "false")
    assert fake.webhook is None
    assert [opening(t) for t in fake.texts()] == [WHO_ANSWER]


@pytest.mark.parametrize(("env", "url", "message"), [
    ({}, "https://bot.example.org/telegram/updates",
     "--webhook needs TELEGRAM_WEBHOOK_SECRET: set it in .env to a random string (openssl rand "
     "-hex 32); requests without it are refused"),
    ({"TELEGRAM_WEBHOOK_SECRET": SECRET}, "bot.example.org/telegram/updates",
     "--webhook needs the public https:// URL that your reverse proxy forwards to "
     "BOT_WEBHOOK_PORT"),
    ({"TELEGRAM_WEBHOOK_SECRET": SECRET, "BOT_HTTP_PORT": "8088"},
     "https://bot.example.org/telegram/updates",
     "BOT_WEBHOOK_PORT and BOT_HTTP_PORT are both 8088: give them different ports (the webhook "
     "faces the internet, /metrics stays private)"),
], ids=["no secret", "no scheme", "one port for both"])
def test_a_webhook_that_cannot_work_refuses_to_start_in_one_line(knowledge_dir, monkeypatch,
                                                                 env, url, message):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = run_cli("telegram", "--knowledge", str(knowledge_dir), "--webhook", url)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"reportbot: error: {message}\n"
    assert TOKEN not in result.stderr and SECRET not in result.stderr


def test_a_killed_webhook_bot_answers_every_update_once_after_a_restart(tmp_path, knowledge_dir):
    """kill -9 with every update journaled (answered 200), a backlog and a send in flight in
    every chat, and more updates coming while it is down; the next start answers all the
    rest, each once."""
    port = free_port()
    chats, late_chats = range(1, 11), range(11, 13)

    async def scenario() -> FakeTelegram:
        fake = FakeTelegram()
        runner = await fake.serve()
        env = child_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=fake.url,
                        KNOWLEDGE_DIR=str(knowledge_dir), BOT_DATA_DIR=str(tmp_path / "data"),
                        TELEGRAM_WEBHOOK_SECRET=SECRET, BOT_WEBHOOK_PORT=str(port))

        async def start() -> asyncio.subprocess.Process:
            return await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "telegram", "--webhook", webhook_url(port),
                cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        try:
            process = await start()
            for chat in chats:
                for question in QUESTIONS:
                    fake.message(question, chat_id=chat)
            await fake.wait_calls("sendMessage", 5, timeout=CHILD_TIMEOUT)
            fake.delays["sendMessage"] = 3600  # from now on every send hangs unanswered
            total = len(chats) * len(QUESTIONS)
            await wait_until(lambda: fake.webhook_offset == total + 1, timeout=CHILD_TIMEOUT)
            waiting = [c for c in chats if len(answers_in(fake, c)) < len(QUESTIONS)]
            await wait_until(lambda: fake.slow.get("sendMessage", 0) == len(waiting),
                             timeout=CHILD_TIMEOUT)
            process.send_signal(signal.SIGKILL)
            await process.wait()
            assert len(fake.sent) < total  # killed with a backlog, every update journaled
            for chat in late_chats:  # Telegram keeps these, and sends them again and again
                fake.message(WHO, chat_id=chat)
            await wait_until(lambda: (total + 1, None) in fake.webhook_statuses,
                             timeout=CHILD_TIMEOUT)
            fake.delays.clear()
            process = await start()
            await fake.wait_calls("sendMessage", total + len(late_chats), timeout=CHILD_TIMEOUT)
            await wait_until(lambda: fake.webhook_offset == total + len(late_chats) + 1,
                             timeout=CHILD_TIMEOUT)
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), CHILD_TIMEOUT) == 0
        finally:
            await runner.cleanup()
        return fake

    fake = asyncio.run(scenario())
    for chat in chats:
        assert [opening(t) for t in answers_in(fake, chat)] == list(QUESTIONS.values())
    for chat in late_chats:
        assert [opening(t) for t in answers_in(fake, chat)] == [WHO_ANSWER]
