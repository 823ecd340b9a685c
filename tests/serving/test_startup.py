"""Start-up: `reportbot index` leaves the cache the bot then loads, and a stop at any instant
of start-up is clean (exit 0, nothing on stderr, no build child left behind)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge.folder import folder_stamp
from bot.knowledge.formats import OcrOptions
from bot.search.cache import IndexCache
from tests.cli import CHILD_TIMEOUT, child_env, run_cli
from tests.fake_telegram import TOKEN, FakeTelegram
from tests.telegram_run import wait_until

WHO = "Ai chủ trì hội nghị?"


def test_index_leaves_the_cache_that_chat_and_ask_load_without_tokenizing(
        knowledge_dir: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KNOWLEDGE_DIR", str(knowledge_dir))
    assert run_cli("index").returncode == 0
    cache = IndexCache(tmp_path / "data" / "cache")
    assert cache.stamp() == folder_stamp(knowledge_dir, OcrOptions(tmp_path / "data" / "ocr"))
    monkeypatch.setattr("bot.serving.library.build", lambda *a: pytest.fail("tokenized again"))
    assert run_cli("ask", WHO).stdout.startswith("Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị.")
    chatted = run_cli("chat", stdin=WHO + "\n")
    assert chatted.stdout.startswith("Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị.")
    assert run_cli("index").returncode == 0  # an index up to date is not built again


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has its SIGTERM handler: Python runs and imports the program."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    caught = int(status.split("SigCgt:")[1].split()[0], 16)
    return bool(caught & (1 << (signal.SIGTERM - 1)))


def _children_of(data: Path, bot: int) -> list[int]:
    """Processes besides the bot whose environment names its data folder: its children."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == bot:
            continue
        try:
            mine = f"BOT_DATA_DIR={data}".encode() in (proc / "environ").read_bytes().split(b"\0")
            if mine and "\nState:\tZ" not in (proc / "status").read_text():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


INSTANTS = ["importing", "connecting", "first build"]


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_at_any_instant_of_start_up_is_clean(number, knowledge_dir: Path,
                                                    tmp_path: Path):
    async def scenario() -> list[tuple[str, int, str]]:
        fake = FakeTelegram()
        runner = await fake.serve()
        outcomes = []
        started: list[asyncio.subprocess.Process] = []
        try:
            for n, instant in enumerate(INSTANTS):
                data = tmp_path / f"data-{n}"  # a cold cache each time: a first build runs
                fake.calls.clear()
                env = child_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=fake.url,
                                KNOWLEDGE_DIR=str(knowledge_dir), BOT_DATA_DIR=str(data),
                                BOT_ALLOWED_USERS="42")  # closed: no open-bot warning
                process = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "bot", "telegram", cwd=tmp_path, env=env,
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                started.append(process)
                if instant == "importing":
                    await wait_until(lambda p=process: _catches_sigterm(p.pid), CHILD_TIMEOUT)
                elif instant == "connecting":
                    await fake.wait_calls("getMe", 1, timeout=CHILD_TIMEOUT)
                else:  # connected, polling, the first build running in a child process
                    await wait_until(lambda d=data, p=process.pid: _children_of(d, p),
                                     CHILD_TIMEOUT)
                process.send_signal(number)
                _, err = await asyncio.wait_for(process.communicate(), CHILD_TIMEOUT)
                await wait_until(lambda d=data, p=process.pid: not _children_of(d, p),
                                 CHILD_TIMEOUT)
                outcomes.append((instant, process.returncode, err.decode()[-1500:]))
        finally:
            for process in started:
                if process.returncode is None:  # a failed test leaves no bot running
                    process.kill()
                    await process.wait()
            await runner.cleanup()
        return outcomes

    assert asyncio.run(scenario()) == [(instant, 0, "") for instant in INSTANTS]
