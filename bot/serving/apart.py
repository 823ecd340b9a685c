"""Work kept out of the bot's own process: a child process that can be stopped at any
instant, with a memory limit and a time limit, silent (no terminal, no output of its own)
and in a session of its own (a Ctrl-C at the terminal is the parent's to handle). Reading
report files runs there, so that a file whose parsing is slow or huge costs the bot nothing
but that file; so does the first build of the index, whose memory goes back to the system.
"""

from __future__ import annotations

import importlib
import logging
import os
import pickle
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from bot.knowledge.documents import Document
from bot.knowledge.folder import read_one
from bot.knowledge.formats import OcrOptions
from bot.knowledge.processes import die_with

READ_SECONDS = 120.0  # a file whose reading takes longer is skipped: a 20 MB PDF of text, the
#                       largest file read, takes under 30 s on this machine
READ_MEMORY = 2 * 2**30  # bytes of address space a reading child may take: Python and the
#                          readers' libraries take about 600 MB of it, a 20 MB report a few
#                          hundred more; a decompression bomb past its limits would take GBs
STOP_CHECK = 0.2  # seconds between looks at the stop event while a child works
_CHILD = "from bot.serving.apart import child_main; child_main()"
_LENGTH = 8  # bytes of the length before each result a child sends
PAGE_READ = ("page read",)  # what a reading child sends after each page OCR read


class Stopped(Exception):
    """The work was stopped before it ended: the program is stopping."""


def start(function: Callable[..., None], args: Sequence[object],
          memory: int | None = None) -> subprocess.Popen:
    """Start `function(*args, send=…)` in a child process; what it sends comes on stdout."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    child = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             start_new_session=True, env=env)
    job = (function.__module__, function.__qualname__, tuple(args), memory, os.getpid())
    try:
        child.stdin.write(pickle.dumps(job))
        child.stdin.close()
    except OSError:
        pass  # the child died at once: its exit code tells
    return child


def child_main() -> None:
    """In the child: run the job read from stdin, sending results on stdout."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    module, name, args, memory, parent = pickle.load(sys.stdin.buffer)
    die_with(parent)
    if memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    logging.disable(logging.CRITICAL)  # the parent reports what the child met
    out = sys.stdout.buffer

    def send(result: object) -> None:
        data = pickle.dumps(result)
        out.write(len(data).to_bytes(_LENGTH, "big") + data)
        out.flush()

    getattr(importlib.import_module(module), name)(*args, send=send)


def results(child: subprocess.Popen, timeout: float | None,
            halt: threading.Event | None = None) -> Iterator[object]:
    """What the child sends, as it comes, until it ends; TimeoutError when nothing comes
    for `timeout` seconds, Stopped when `halt` is set."""
    descriptor = child.stdout.fileno()
    buffer = b""
    waited = 0.0
    while True:
        if halt is not None and halt.is_set():
            raise Stopped("stopped")
        ready, _, _ = select.select([descriptor], [], [], STOP_CHECK)
        if not ready:
            waited += STOP_CHECK
            if timeout is not None and waited >= timeout:
                raise TimeoutError(f"nothing for {timeout:.0f} s")
            continue
        data = os.read(descriptor, 1 << 20)
        if not data:
            return
        buffer += data
        while len(buffer) >= _LENGTH:
            size = int.from_bytes(buffer[:_LENGTH], "big")
            if len(buffer) < _LENGTH + size:
                break
            yield pickle.loads(buffer[_LENGTH:_LENGTH + size])  # our own child's results
            buffer, waited = buffer[_LENGTH + size:], 0.0


def end(child: subprocess.Popen) -> None:
    """Kill the child if it still runs, and collect it."""
    if child.poll() is None:
        child.kill()
    child.wait()
    child.stdout.close()


def read_apart(files: Sequence[tuple[Path, str]], ocr: OcrOptions | None = None,
               halt: threading.Event | None = None) -> list[Document | str]:
    """Read files in a child process, as `folder.read_here` does in this one (scans by OCR
    as `ocr` says): a file whose reading takes more than READ_SECONDS (a scan: more than that
    for one page), or more memory than READ_MEMORY, is skipped with that reason and the others
    are read in a new child."""
    outcomes: list[Document | str] = []
    pending = list(files)
    cache = ocr.cache if ocr is not None else None
    while pending:
        child = start(_read_files, [pending, ocr is not None, cache], READ_MEMORY)
        failure = None
        try:
            for outcome in results(child, READ_SECONDS, halt):
                if isinstance(outcome, tuple) and outcome[:1] == PAGE_READ:
                    if ocr is not None and ocr.progress is not None:
                        ocr.progress(*outcome[1:])  # type: ignore[index]
                    continue
                outcomes.append(outcome)  # type: ignore[arg-type]
        except TimeoutError:
            failure = (f"reading it took more than {READ_SECONDS:.0f} s: split it into smaller "
                       "files, or save it again in a simpler form")
        finally:
            end(child)
        done = len(outcomes) - (len(files) - len(pending))
        if done < len(pending):  # the child stopped at pending[done]: skip it, go on
            outcomes.append(failure or (
                f"its reader failed (exit code {child.returncode}; it may need more than "
                f"{READ_MEMORY // 2**20} MB of memory): split it into smaller files"))
            pending = pending[done + 1:]
        else:
            pending = []
    return outcomes


def _read_files(files: Sequence[tuple[Path, str]], scans: bool, cache: Path | None,
                send: Callable[[object], None]) -> None:
    # Each page OCR reads is told to the parent: a long scan is no stuck reader.
    ocr = OcrOptions(cache, lambda *done: send((PAGE_READ[0], *done))) if scans else None
    for path, relative in files:
        send(read_one(path, relative, ocr))


def run_apart(function: Callable[..., None], args: Sequence[object],
              halt: threading.Event | None = None) -> int:
    """Run `function(*args, send=…)` in a child until it ends (its exit code) or `halt` is
    set (Stopped: the child is killed)."""
    child = start(function, args)
    try:
        for _ in results(child, None, halt):
            pass
    finally:
        end(child)
    return child.returncode
