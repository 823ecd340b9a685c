"""Start-up of the Telegram bot: connecting to the Bot API (a stop meanwhile is a stop), and
loading the library in a thread while updates are already fetched, its first build in a
child process that a stop ends at once."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot.knowledge.formats import OcrOptions
from bot.search.cache import IndexCache
from bot.serving.apart import Stopped
from bot.serving.library import Library, build_apart
from bot.serving.settings import Settings
from bot.serving.telegram.delivery import ServerError


class TelegramSetupError(Exception):
    """The bot cannot start: the message says what to set."""


Load = Callable[[Settings, Path], Library]


def open_library(settings: Settings, knowledge_dir: Path,
                 halt: threading.Event | None = None) -> Library:
    """The library from the cache, built first in a child process when it is not up to date
    (so that the build's memory is given back); Stopped, and the child ended, when `halt`
    is set meanwhile."""
    start = time.monotonic()
    cache = IndexCache(settings.data_dir / "cache")
    build_apart(knowledge_dir, cache, halt, settings.data_dir / "ocr")
    if halt is not None and halt.is_set():
        raise Stopped("stopped before the index was loaded")
    library = Library(knowledge_dir, cache=cache, ocr=OcrOptions(settings.data_dir / "ocr"))
    library.build = replace(library.build, seconds=time.monotonic() - start)  # the child's too
    return library


async def connect(application: Application, where: str, stop: asyncio.Event) -> bool:
    """Initialize the application (getMe); False when `stop` is set first.
    TelegramSetupError says in one line why the Bot API cannot be used."""
    connecting = asyncio.ensure_future(application.initialize())
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({connecting, stopping}, return_when="FIRST_COMPLETED")
    stopping.cancel()
    if not connecting.done():
        connecting.cancel()
        await asyncio.gather(connecting, stopping, return_exceptions=True)
        return False
    try:
        connecting.result()
    except InvalidToken:
        raise TelegramSetupError("the Bot API server rejected TELEGRAM_BOT_TOKEN: check the "
                                 "token from @BotFather") from None
    except ServerError as exc:
        raise TelegramSetupError(f"the Bot API server at {where} answered {exc.status}: "
                                 "Telegram is having trouble, try again later") from None
    except NetworkError as exc:
        raise TelegramSetupError(f"cannot reach the Bot API at {where} ({type(exc).__name__}): "
                                 "check the network or TELEGRAM_BASE_URL") from None
    return True


def in_thread(function: Callable[..., Library], *args: object) -> asyncio.Future:
    """Run `function` in a daemon thread (one that need not end for the program to end, as
    a build in progress when SIGTERM comes); its result in a future."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future = loop.create_future()

    def settle(outcome: Callable[[], None]) -> None:
        if not future.done():
            outcome()

    def hand(outcome: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has ended: nobody waits for it
            loop.call_soon_threadsafe(settle, outcome)

    def run() -> None:
        try:
            result = function(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting coroutine
            hand(partial(future.set_exception, exc))
        else:
            hand(partial(future.set_result, result))

    threading.Thread(target=run, name="index-load", daemon=True).start()
    return future
