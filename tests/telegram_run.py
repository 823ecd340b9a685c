"""Run the Telegram bot in process against the fake Bot API, the way `reportbot telegram`
runs it (its own fetching, journal and scheduler), with the index loaded in process."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from pathlib import Path

from bot.serving.library import Library
from bot.serving.settings import Settings
from bot.serving.telegram import build_application
from bot.serving.telegram.app import serve
from tests.fake_telegram import TOKEN, FakeTelegram

ADMIN = 7


async def wait_until(condition, timeout: float = 10.0) -> None:
    """Wait until `condition()` holds (checked every 20 ms); fail after `timeout` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the condition never held"
        await asyncio.sleep(0.02)


def free_port() -> int:
    """A TCP port nobody listens on now, for a server under test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def settings_for(fake: FakeTelegram, folder: Path, data: Path, **extra) -> Settings:
    return Settings(knowledge_dir=folder, data_dir=data, token=TOKEN, base_url=fake.url,
                    admin_ids=frozenset({ADMIN}), **extra)


def warm_library(settings: Settings, folder: Path) -> Library:
    """The library, with pyvi loaded (the first answer of a process loads it, which takes
    long enough to send a typing action first)."""
    library = Library(folder)
    library.qa.answer("khởi động")
    return library


@contextlib.asynccontextmanager
async def running(settings: Settings, load=None, ready: bool = True):
    """Run the bot until the block ends; yield its Application (once the index is served,
    unless `ready` is False). `load(settings, folder)` replaces the in-process load."""
    app = build_application(settings, None)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, settings.knowledge_dir, stop,
                                     load or warm_library, app))
    try:
        if ready:
            await wait_until(lambda: app.bot_data["state"].library is not None or task.done())
            if task.done():
                task.result()
        else:
            await wait_until(lambda: app.running or task.done())
        yield app
    finally:
        stop.set()
        await task
