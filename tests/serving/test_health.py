"""Running it for a team: /healthz and /metrics scraped with a real HTTP client from a bot
talking to the fake Bot API (the values those of the records and the index), and JSON log
lines without the token or the webhook secret."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from dotenv import dotenv_values
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from bot.conversation.chat import ask
from bot.knowledge.folder import load_knowledge
from bot.serving.logs import JsonFormatter
from bot.serving.masking import protect_handlers
from bot.serving.metrics import NO_REASON
from bot.serving.settings import Settings
from bot.serving.unanswered import FILE_NAME
from tests.cli import CHILD_TIMEOUT, ROOT, child_env, run_cli
from tests.fake_telegram import TOKEN, FakeTelegram
from tests.serving.test_telegram_load import QUESTIONS, WHO
from tests.telegram_run import free_port, running, settings_for, wait_until, warm_library

SECRET = "webhook-secret-never-logged-0123456789"
DECLINED = ("Giá xăng tuần này thế nào?", "Bộ trưởng Bộ Y tế là ai?")


@pytest.fixture
def folder(knowledge_dir: Path) -> Path:
    """The two reports and a file that cannot be used (skipped)."""
    (knowledge_dir / "hong.pdf").write_bytes(b"not a PDF at all")
    return knowledge_dir


@pytest.fixture
def settings(fake: FakeTelegram, folder: Path, tmp_path: Path):
    return settings_for(fake, folder, tmp_path / "data", http_port=free_port())


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as answer:
        return answer.status, await answer.text()


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    """Every sample of a Prometheus text exposition, by name and labels."""
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


async def test_healthz_is_503_until_the_index_is_loaded_then_200_with_its_documents(settings):
    gate = threading.Event()

    def gated(settings, folder):
        gate.wait(CHILD_TIMEOUT)
        return warm_library(settings, folder)

    base = f"http://127.0.0.1:{settings.http_port}"
    started = time.time()
    try:
        async with running(settings, load=gated, ready=False) as app:
            assert await get(f"{base}/healthz") == (503, '{"status": "loading"}')
            status, text = await get(f"{base}/metrics")
            assert status == 200
            assert samples(text)[("reportbot_index_ready", frozenset())] == 0
            gate.set()
            await wait_until(lambda: app.bot_data["state"].library is not None, CHILD_TIMEOUT)
            status, text = await get(f"{base}/healthz")
    finally:
        gate.set()
    health = json.loads(text)
    assert status == 200
    knowledge = load_knowledge(settings.knowledge_dir)
    assert {k: health[k] for k in ("status", "documents", "paragraphs", "skipped")} == {
        "status": "ready", "documents": 2, "paragraphs": len(knowledge.chunks), "skipped": 1}
    assert 0 <= health["index_age_seconds"] < time.time() - started + 1
    built = datetime.fromisoformat(health["built_at"])
    assert built.utcoffset() == timedelta(0)
    assert started - 1 <= built.timestamp() <= time.time()


async def test_metrics_count_the_questions_by_outcome_as_the_records_show(fake, settings,
                                                                           folder):
    asked = [*QUESTIONS, *DECLINED]
    library = warm_library(settings, folder)
    expected = Counter()
    for question in asked:
        answer = ask(library.qa, question).answer
        expected[answer.outcome.value, answer.reason.value if answer.declined else NO_REASON] += 1
    assert expected["answered", NO_REASON] == len(QUESTIONS)
    assert sum(n for (outcome, _), n in expected.items() if outcome == "declined") == len(DECLINED)
    fake.fail_next("sendMessage", 502)  # one send retried
    async with running(settings):
        for chat, question in enumerate(asked, start=1):
            fake.message(question, chat_id=chat)
        await fake.wait_calls("sendMessage", len(asked), timeout=CHILD_TIMEOUT)
        status, text = await get(f"http://127.0.0.1:{settings.http_port}/metrics")
    assert status == 200
    values = samples(text)
    counted = {(dict(labels)["outcome"], dict(labels)["reason"]): value
               for (name, labels), value in values.items() if name == "reportbot_questions_total"}
    assert counted == expected
    records = (settings.data_dir / FILE_NAME).read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(r)["question"] for r in records) == sorted(DECLINED)
    assert values[("reportbot_answer_seconds_count", frozenset())] == len(asked)
    assert values[("reportbot_answer_seconds_sum", frozenset())] > 0
    assert values[("reportbot_send_retries_total", frozenset())] == 1
    assert values[("reportbot_send_give_ups_total", frozenset())] == 0
    assert values[("reportbot_queue_depth", frozenset())] == 0
    knowledge = library.qa.knowledge
    assert {name: values[(f"reportbot_{name}", frozenset())] for name in (
        "index_ready", "index_documents", "index_paragraphs", "documents_skipped")} == {
        "index_ready": 1, "index_documents": len(knowledge.documents),
        "index_paragraphs": len(knowledge.chunks), "documents_skipped": 1}
    assert values[("reportbot_index_build_seconds", frozenset())] > 0
    assert not [m for m in REGISTRY.collect() if m.name.startswith("reportbot")]  # our own


def test_json_log_lines_carry_extra_fields_and_mask_the_secrets():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter((TOKEN, SECRET)))
    protect_handlers([TOKEN, SECRET], handlers=[handler])
    logger = logging.getLogger("tests.json")
    logger.addHandler(handler)
    try:
        logger.warning("Sent %d answers with %s", 2, TOKEN, extra={"chat": 42, "hint": SECRET})
        try:
            raise RuntimeError("bad token 987654:pasted-from-elsewhere-xyz")  # token-shaped
        except RuntimeError:
            logger.exception("Failed")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert {k: first[k] for k in ("level", "logger", "message", "chat", "hint")} == {
        "level": "WARNING", "logger": "tests.json", "message": "Sent 2 answers with <token>",
        "chat": 42, "hint": "<token>"}
    assert first["time"].endswith("+00:00")
    assert second["message"] == "Failed" and "RuntimeError: bad token <token>" in second[
        "exception"]
    assert TOKEN not in stream.getvalue() and SECRET not in stream.getvalue()


def test_a_real_webhook_bot_logs_json_lines_serves_healthz_and_leaks_no_secret(tmp_path,
                                                                              knowledge_dir):
    http, hook = free_port(), free_port()

    async def scenario() -> tuple[str, str, int, dict]:
        fake = FakeTelegram()
        runner = await fake.serve()
        env = child_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=fake.url,
                        KNOWLEDGE_DIR=str(knowledge_dir), BOT_DATA_DIR=str(tmp_path / "data"),
                        LOG_LEVEL="DEBUG", LOG_FORMAT="json", BOT_HTTP_PORT=str(http),
                        TELEGRAM_WEBHOOK_SECRET=SECRET, BOT_WEBHOOK_PORT=str(hook))
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "telegram", "--webhook",
            f"http://127.0.0.1:{hook}/hook", cwd=tmp_path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        health: dict = {}
        try:
            deadline = time.monotonic() + CHILD_TIMEOUT
            while not health:
                assert time.monotonic() < deadline and process.returncode is None
                try:
                    status, text = await get(f"http://127.0.0.1:{http}/healthz")
                except aiohttp.ClientError:
                    status = None  # not listening yet
                if status == 200:
                    health = json.loads(text)
                else:
                    await asyncio.sleep(0.05)
            fake.message(WHO)
            await fake.wait_calls("sendMessage", 1, timeout=CHILD_TIMEOUT)
        finally:
            process.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(process.communicate(), CHILD_TIMEOUT)
            await runner.cleanup()
        return out.decode(), err.decode(), process.returncode, health

    out, err, code, health = asyncio.run(scenario())
    assert (code, out) == (0, "")
    assert health["documents"] == 2
    rows = [json.loads(line) for line in err.splitlines()]  # every line one JSON object
    assert rows and all({"time", "level", "logger", "message"} <= set(row) for row in rows)
    assert {"DEBUG", "INFO"} <= {row["level"] for row in rows}
    assert any(row["logger"] == "bot.serving.telegram.webhook"
               and row["message"].startswith("Receiving updates by webhook") for row in rows)
    assert any("'secret_token': '<token>'" in row["message"] for row in rows)  # PTB's DEBUG
    for secret in (TOKEN, TOKEN.split(":")[1], SECRET):
        assert secret not in err


def test_env_example_copied_as_env_leaves_the_images_health_port_alone(tmp_path):
    """An empty BOT_HTTP_PORT in .env would override the image's and fail its HEALTHCHECK."""
    values = dotenv_values(ROOT / ".env.example")
    assert "BOT_HTTP_PORT" not in values
    assert Settings.from_env({}, dotenv=ROOT / ".env.example").http_port is None


@pytest.mark.parametrize("setting", ["BOT_HTTP_PORT", "BOT_WEBHOOK_PORT"])
def test_a_port_in_use_is_one_line_naming_its_setting(knowledge_dir, monkeypatch, setting):
    async def scenario() -> tuple[object, int]:
        fake = FakeTelegram()
        runner = await fake.serve()
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            for name, value in {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_BASE_URL": fake.url,
                                "TELEGRAM_WEBHOOK_SECRET": SECRET, setting: str(port)}.items():
                monkeypatch.setenv(name, value)
            args = ["telegram", "--knowledge", str(knowledge_dir)]
            if setting == "BOT_WEBHOOK_PORT":
                args += ["--webhook", f"http://127.0.0.1:{port}/hook"]
            outcome = await asyncio.to_thread(run_cli, *args)
        await runner.cleanup()
        return outcome, port

    result, port = asyncio.run(scenario())
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"reportbot: error: cannot listen on 127.0.0.1:{port} ({setting}): ")
    assert result.stderr.count("\n") == 1 and SECRET not in result.stderr
