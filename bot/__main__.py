"""`python -m bot`: the command line (bot/serving/cli.py), the same program as `reportbot`."""

import sys

from bot.serving.cli import main

if __name__ == "__main__":
    sys.exit(main())
