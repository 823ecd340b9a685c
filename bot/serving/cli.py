"""Command line: reportbot chat|telegram|ask|index|eval (see README.md and DESIGN.md)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from bot.answering import replies
from bot.answering.pipeline import QA
from bot.evaluation.cases import TYPINGS
from bot.knowledge.documents import KnowledgeError
from bot.knowledge.formats import OcrOptions
from bot.search.cache import IndexCache, private_folder
from bot.serving import console, stats, unanswered
from bot.serving.access_settings import AccessSettingsError
from bot.serving.evaluating import run_eval
from bot.serving.library import Library, index_folder
from bot.serving.logs import configure_logging
from bot.serving.masking import fail, protect_handlers
from bot.serving.settings import Settings, SettingsError

logger = logging.getLogger("bot")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--knowledge", metavar="DIR", help="knowledge folder (KNOWLEDGE_DIR)")
        return sub

    command("chat", "console chat over the knowledge folder")
    telegram = command("telegram", "run the Telegram bot (long polling, or a webhook)")
    telegram.add_argument("--webhook", metavar="URL",
                          help="receive updates at this public https URL, forwarded by a "
                               "reverse proxy to BOT_WEBHOOK_PORT (TELEGRAM_WEBHOOK_URL); "
                               "needs TELEGRAM_WEBHOOK_SECRET")
    ask = command("ask", "answer one question, or one per line of stdin with '-'")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("--conversation", action="store_true",
                     help="with -: the lines are turns of one conversation ('/new' starts over)")
    ask.add_argument("question", metavar="QUESTION", help="the question, or - for stdin")
    command("index", "load the knowledge folder and report what it holds")
    unanswered_command = commands.add_parser(
        "unanswered", help="list the questions nobody could answer, most asked first",
        description="list the questions nobody could answer")
    unanswered_command.add_argument("--scope", metavar="NAME",
                                    help="only those asked in chats of this scope (BOT_SCOPES)")
    stats_command = commands.add_parser(
        "stats", help="what was asked this week and how it went (Telegram's /stats)",
        description="questions today and this week, share answered, declines by reason, "
                    "votes, the most asked unanswered questions")
    stats_command.add_argument("--scope", metavar="NAME",
                               help="only the chats of this scope (BOT_SCOPES)")
    ev = command("eval", "score a question file")
    source = ev.add_mutually_exclusive_group(required=True)
    source.add_argument("--questions", metavar="FILE", help="JSONL questions")
    source.add_argument("--articles", metavar="FILE",
                        help="JSONL articles with human summaries (VNDS): ask for a summary "
                             "of each and score it by ROUGE beside the lead sentences")
    ev.add_argument("--passages", metavar="FILE", help="JSONL passages (UIT-ViQuAD style)")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--answers", metavar="FILE",
                    help="also write every scored answer to FILE, one `ask --json` line each")
    ev.add_argument("--typing", choices=TYPINGS, default="as-written",
                    help="ask every question as written, without diacritics, or with every "
                         "other word without them (mixed)")
    ev.add_argument("--without-diacritics", dest="typing", action="store_const",
                    const="unaccented", help="the same as --typing unaccented")
    ev.add_argument("--out-of-knowledge", type=int, metavar="SEED",
                    help="with --passages: leave half of the documents out (chosen by SEED); "
                         "their questions must be declined")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; any bytes on stdin are read (undecodable ones replaced), and a
    reader that stops reading (`| head`) ends the program quietly."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    # Tesseract with one thread: OCR reads a page per core at once (knowledge/formats/ocr.py)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        return run(build_parser().parse_args(argv))
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)  # no error at exit for unflushed output
        with contextlib.suppress(OSError, ValueError):
            os.dup2(devnull, sys.stdout.fileno())
        return 0


def run(args: argparse.Namespace) -> int:
    try:
        settings = Settings.from_env()
    except (SettingsError, AccessSettingsError) as exc:
        return fail(str(exc))
    configure_logging(settings)
    if args.command == "unanswered":
        print(console.unanswered_text(unanswered.summarize(settings.data_dir, args.scope)))
        return 0
    if args.command == "stats":
        numbers = stats.figures(settings.data_dir, datetime.now(timezone.utc),
                                settings.access.zone, args.scope)
        print(stats.stats_text(numbers, args.scope))
        return 0
    knowledge_dir = Path(args.knowledge) if args.knowledge else settings.knowledge_dir
    # What OCR read of a scan is kept in the data folder: a restart does not read it again.
    ocr = OcrOptions(settings.data_dir / "ocr",
                     progress=scan_progress if sys.stderr.isatty() else None)
    try:
        if args.command == "eval":
            return run_eval(args, knowledge_dir, ocr)
        if args.command == "index":
            return run_index(knowledge_dir, IndexCache(settings.data_dir / "cache"), ocr)
        if args.command == "telegram":
            from bot.serving.http import ListenError
            from bot.serving.telegram import TelegramSetupError, run_telegram

            try:
                return run_telegram(replace(settings, webhook_url=args.webhook
                                            or settings.webhook_url), knowledge_dir)
            except (TelegramSetupError, ListenError) as exc:
                return fail(str(exc))
        library = Library(knowledge_dir, cache=IndexCache(settings.data_dir / "cache"),
                          progress=progress_bar if sys.stderr.isatty() else None, ocr=ocr)
        if args.command == "ask":
            return run_ask(library.qa, args)
        return run_chat(library, settings)
    except KnowledgeError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:  # Ctrl-C while starting (once running, the bot handles it)
        return 0 if args.command == "telegram" else 130


def _say(text: str) -> None:
    print(text, flush=True)


def run_ask(qa: QA, args: argparse.Namespace) -> int:
    questions = (line.rstrip("\r\n") for line in sys.stdin) if args.question == "-" else [
        args.question]
    console.ask(qa, questions, _say, args.json, args.conversation)
    return 0


def scan_progress(name: str, done: int, total: int) -> None:
    """Show on a terminal how far OCR has read a scan."""
    end = "\n" if done >= total else ""
    print(f"\rĐang đọc bản quét {name} (OCR): trang {done}/{total}", end=end, file=sys.stderr,
          flush=True)


def progress_bar(done: int, total: int) -> None:
    """Show indexing progress on a terminal."""
    end = "\n" if done >= total else ""
    print(f"\r{replies.indexing(done, total)}", end=end, file=sys.stderr, flush=True)


def run_chat(library: Library, settings: Settings) -> int:
    if sys.stdin.isatty():
        terminal = Terminal(settings.data_dir / "chat_history")
        read, show = terminal.read, terminal.show
        terminal.take_logs()
        print(f"{console.CHAT_HELP}\n", flush=True)
    else:
        def read() -> str:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\r\n")

        def show(text: str) -> None:
            print(text, file=sys.stderr, flush=True)

    stop = library.watch_in_background(lambda r: show(replies.notice(r.ok, r.message)))
    try:
        return console.chat(library, read, _say,
                            lambda question: unanswered.record(settings.data_dir, question))
    finally:
        stop.set()


class Terminal:
    """A chat on a terminal: line editing and history (readline); Ctrl-C clears the line,
    Ctrl-C twice or Ctrl-D leaves; notices and log lines are printed above the prompt, and
    the prompt with what was typed is drawn again below them."""

    def __init__(self, history: Path) -> None:
        import readline

        self.readline = readline
        self.history = history
        self.lock = threading.Lock()
        try:
            private_folder(history.parent)
            if history.exists():
                readline.read_history_file(history)
        except OSError as exc:
            logger.warning("No chat history (%s)", exc)

    def read(self) -> str:
        interrupted = False
        while True:
            try:
                line = input(console.PROMPT)
            except KeyboardInterrupt:
                if interrupted:
                    print(flush=True)
                    raise EOFError from None
                print(f"\n{replies.interrupted()}", flush=True)
                interrupted = True
                continue
            except EOFError:
                print(flush=True)
                raise
            with contextlib.suppress(OSError):
                self.readline.write_history_file(self.history)
                self.history.chmod(0o600)
            return line

    def show(self, text: str) -> None:
        """Print a line above the prompt, and the prompt and what was typed below it."""
        with self.lock:
            typed = self.readline.get_line_buffer()
            sys.stdout.write(f"\r\x1b[2K{text}\n{console.PROMPT}{typed}")
            sys.stdout.flush()

    def take_logs(self) -> None:
        """Print log records above the prompt too."""
        terminal = self

        class Above(logging.Handler):
            def emit(self, record: logging.LogRecord) -> None:
                terminal.show(self.format(record))

        handler = Above()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        protect_handlers(handlers=[handler])
        root = logging.getLogger()
        for old in list(root.handlers):
            if isinstance(old, logging.StreamHandler) and old.stream in (sys.stderr,
                                                                         sys.stdout):
                root.removeHandler(old)
        root.addHandler(handler)


def run_index(knowledge_dir: Path, cache: IndexCache, ocr: OcrOptions | None = None) -> int:
    """Build the cached index; print a table of every file; exit 1 when no document is
    usable."""
    knowledge = index_folder(knowledge_dir, cache,
                             progress_bar if sys.stderr.isatty() else None, ocr)
    print(console.index_table(knowledge))
    print(f"{len(knowledge.documents)} documents, {len(knowledge.chunks)} paragraphs, "
          f"{len(knowledge.skipped)} skipped")
    return 0 if knowledge.documents else 1


if __name__ == "__main__":
    sys.exit(main())
