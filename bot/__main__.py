"""Command line: reportbot chat|telegram|ask|index|eval (see README.md and DESIGN.md)."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from . import console, replies, unanswered
from .cache import IndexCache
from .evaluate import (
    TYPINGS,
    evaluate,
    evaluate_summaries,
    hold_out,
    load_articles,
    load_cases,
    load_passages,
    retype,
)
from .knowledge import KnowledgeError, load_knowledge
from .library import Library, Reloaded
from .qa import QA
from .settings import Settings, SettingsError

logger = logging.getLogger("bot")
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--knowledge", metavar="DIR", help="knowledge folder (KNOWLEDGE_DIR)")
        return sub

    command("chat", "console chat over the knowledge folder")
    command("telegram", "run the Telegram bot (long polling)")
    ask = command("ask", "answer one question, or one per line of stdin with '-'")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("--conversation", action="store_true",
                     help="with -: the lines are turns of one conversation ('/new' starts over)")
    ask.add_argument("question", metavar="QUESTION", help="the question, or - for stdin")
    command("index", "load the knowledge folder and report what it holds")
    commands.add_parser("unanswered", help="list the questions nobody could answer, most asked "
                        "first", description="list the questions nobody could answer")
    ev = command("eval", "score a question file")
    source = ev.add_mutually_exclusive_group(required=True)
    source.add_argument("--questions", metavar="FILE", help="JSONL questions")
    source.add_argument("--articles", metavar="FILE",
                        help="JSONL articles with human summaries (VNDS): ask for a summary "
                             "of each and score it by ROUGE beside the lead sentences")
    ev.add_argument("--passages", metavar="FILE", help="JSONL passages (UIT-ViQuAD style)")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
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
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        return fail(str(exc))
    logging.basicConfig(level=settings.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.command == "unanswered":
        print(console.unanswered_text(unanswered.summarize(settings.data_dir)))
        return 0
    knowledge_dir = Path(args.knowledge) if args.knowledge else settings.knowledge_dir
    try:
        if args.command == "eval":
            return run_eval(args, knowledge_dir)
        if args.command == "index":
            return run_index(knowledge_dir)
        if args.command == "telegram":
            from .telegram import TelegramSetupError, run_telegram

            try:
                return run_telegram(settings, knowledge_dir)
            except TelegramSetupError as exc:
                return fail(str(exc))
        library = Library(knowledge_dir, cache=IndexCache(settings.data_dir / "cache"),
                          progress=progress_bar if sys.stderr.isatty() else None)
        if args.command == "ask":
            return run_ask(library.qa, args)
        return run_chat(library, settings)
    except KnowledgeError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return 130


def fail(message: str) -> int:
    print(f"reportbot: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _say(text: str) -> None:
    print(text, flush=True)


def run_ask(qa: QA, args: argparse.Namespace) -> int:
    questions = (line.rstrip("\n") for line in sys.stdin) if args.question == "-" else [
        args.question]
    console.ask(qa, questions, _say, args.json, args.conversation)
    return 0


def progress_bar(done: int, total: int) -> None:
    """Show indexing progress on a terminal."""
    end = "\n" if done >= total else ""
    print(f"\r{replies.indexing(done, total)}", end=end, file=sys.stderr, flush=True)


def run_chat(library: Library, settings: Settings) -> int:
    if sys.stdin.isatty():
        read = _tty_reader(settings.data_dir)
        print(f"{console.CHAT_HELP}\n", flush=True)
    else:
        def read() -> str:
            line = sys.stdin.readline()
            if not line:
                raise EOFError
            return line.rstrip("\n")
    def notify(result: Reloaded) -> None:
        print(replies.notice(result.ok, result.message), file=sys.stderr, flush=True)

    stop = library.watch_in_background(notify)
    try:
        return console.chat(library, read, _say,
                            lambda question: unanswered.record(settings.data_dir, question))
    finally:
        stop.set()


def _tty_reader(data_dir: Path):
    import readline

    history = data_dir / "chat_history"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        if history.exists():
            readline.read_history_file(history)
    except OSError as exc:
        logger.warning("No chat history (%s)", exc)

    def read() -> str:
        try:
            line = input(console.PROMPT)
        except KeyboardInterrupt:
            print()
            raise EOFError from None
        with contextlib.suppress(OSError):
            readline.write_history_file(history)
        return line

    return read


def run_index(knowledge_dir: Path) -> int:
    """Print a table of every file; exit 1 when no document is usable."""
    knowledge = load_knowledge(knowledge_dir)
    print(console.index_table(knowledge))
    print(f"{len(knowledge.documents)} documents, {len(knowledge.chunks)} paragraphs, "
          f"{len(knowledge.skipped)} skipped")
    return 0 if knowledge.documents else 1


def run_eval(args: argparse.Namespace, knowledge_dir: Path) -> int:
    """Score a question file (read before the knowledge, so its faults show first)."""
    if args.articles:
        return run_summaries(args)
    try:
        knowledge, where = load_passages(args.passages) if args.passages else (None, None)
        cases = load_cases(args.questions, where)
        if args.out_of_knowledge is not None:
            if knowledge is None:
                return fail("--out-of-knowledge needs --passages: it leaves passages out")
            knowledge, cases = hold_out(knowledge, cases, args.out_of_knowledge)
        cases = [replace(c, question=retype(c.question, args.typing),
                         turns=tuple(retype(t, args.typing) for t in c.turns)) for c in cases]
        qa = QA(knowledge) if knowledge else QA.from_folder(knowledge_dir)
    except (OSError, ValueError) as exc:
        return fail(str(exc))
    report = evaluate(qa, cases)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print(console.eval_text(report))
    return 0


def run_summaries(args: argparse.Namespace) -> int:
    """Score summaries of VNDS-style articles."""
    try:
        knowledge, articles = load_articles(args.articles)
        qa = QA(knowledge)
    except (OSError, ValueError, KnowledgeError) as exc:
        return fail(str(exc))
    report = evaluate_summaries(qa, articles)
    print(json.dumps(report.to_dict(), ensure_ascii=False) if args.json
          else console.summary_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
