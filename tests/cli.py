"""Run the command line in process (fast) or as a real process (a few smoke tests)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
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
