"""Run the command line in process (fast) or as a real process (a few smoke tests)."""

from __future__ import annotations

import contextlib
import io
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.serving.cli import main

ROOT = Path(__file__).resolve().parents[1]
CHILD_TIMEOUT = 120  # seconds a real process may take before the test fails


@dataclass(frozen=True)
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: str | bytes = "") -> Result:
    """Run `reportbot ARGS` in this process with the given stdin; capture what it prints."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = fake_in
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        sys.stdin = saved
    return Result(code, out.getvalue(), err.getvalue())


def child_env(**extra: str) -> dict[str, str]:
    """A clean environment for a real `python -m bot`: no setting but those given."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), **extra}


def run_process(*args: str, stdin: str = "", cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """Run `python -m bot ARGS` as a real process in `cwd`."""
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                          capture_output=True, cwd=cwd, timeout=CHILD_TIMEOUT,
                          env=child_env(**env))


class LiveChat:
    """A running `python -m bot chat`: ask it questions, read its notices, as a user would."""

    def __init__(self, args: list[str], cwd: Path, **env: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "chat", *args], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
            env=child_env(**env))
        self.lines = {"out": queue.Queue(), "err": queue.Queue()}
        for name, stream in (("out", self.process.stdout), ("err", self.process.stderr)):
            threading.Thread(target=self._pump, args=(stream, self.lines[name]),
                             daemon=True).start()

    @staticmethod
    def _pump(stream, lines: queue.Queue) -> None:
        for line in stream:
            lines.put(line)
        lines.put("")  # the stream ended

    def line_of(self, name: str) -> str:
        line = self.lines[name].get(timeout=CHILD_TIMEOUT)  # raises queue.Empty: the test fails
        assert line, f"the chat ended early (exit code {self.process.poll()})"
        return line.rstrip("\n")

    def ask(self, question: str) -> str:
        """The answer printed for a question: its lines up to the blank line after it."""
        self.process.stdin.write(question + "\n")
        self.process.stdin.flush()
        answer = []
        while (line := self.line_of("out")) != "":
            answer.append(line)
        return "\n".join(answer)

    def notice(self) -> str:
        """The next line on stderr (a reload notice, a warning)."""
        return self.line_of("err")

    def close(self) -> int:
        """End the input as a user's Ctrl-D does; the exit code."""
        self.process.stdin.close()
        return self.process.wait(timeout=CHILD_TIMEOUT)
