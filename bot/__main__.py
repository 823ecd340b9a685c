"""`python -m bot`: the command line (bot/serving/cli.py), the same program as `reportbot`.

SIGTERM is a request to stop from the first instant on, while modules are still imported
(the Telegram bot installs its own handler once it runs); a stop then is quiet, exit 0.
"""

import signal
import sys


def _stop(number: int, frame: object) -> None:
    raise SystemExit(0)


def entry() -> int:
    """Run the command line; SIGINT or SIGTERM while it starts ends it without a traceback."""
    try:  # the handler is set inside: a SIGINT right after it is still caught below
        signal.signal(signal.SIGTERM, _stop)
        from bot.serving.cli import main

        return main()
    except KeyboardInterrupt:  # the Telegram bot's stop is a clean one, exit 0, at any instant
        return 0 if sys.argv[1:2] == ["telegram"] else 130


if __name__ == "__main__":
    sys.exit(entry())
