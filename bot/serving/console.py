"""The console front end: chat loop, one-shot `ask`, and `eval` reports, as text or JSON."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.answering import replies
from bot.answering.answer import Answer
from bot.answering.kinds import Talk
from bot.answering.pipeline import QA
from bot.conversation.chat import ask as ask_in_conversation
from bot.conversation.state import Conversations, Turn
from bot.evaluation.report import Report
from bot.evaluation.summaries import SummaryReport
from bot.knowledge.documents import Document, Knowledge
from bot.serving.library import Library

PROMPT = "Bạn: "
SESSION = "console"  # the one conversation of a console session
CHAT_HELP = replies.commands_line(replies.CONSOLE_COMMANDS)


def render_text(answer: Answer) -> str:
    """Return the answer as plain text: the short answer (unless the text opens with it),
    the answer, then its source line."""
    lines = [answer.text]
    if answer.short and not answer.text.startswith(answer.short):
        lines.insert(0, f"→ {answer.short}")
    if answer.found and answer.sources:
        s = answer.sources[0]
        lines.append(replies.source_line(s.title, s.date, s.paragraph, s.page))
    return "\n".join(lines)


def render_json(answer: Answer) -> str:
    """Return the answer as one JSON line, in the shape DESIGN.md fixes (and a few more
    fields: outcome and the reason for declining)."""
    return json.dumps(
        {
            "question": answer.question,
            "found": answer.found,
            "answer": answer.text,
            "sources": [
                {"document": s.document, "title": s.title, "date": s.date,
                 "paragraph": s.paragraph, "page": s.page, "score": s.score}
                for s in answer.sources
            ],
            "short": answer.short,
            "kind": "not_found" if answer.declined else answer.kind,
            "outcome": answer.outcome,
            "reason": answer.reason,
        },
        ensure_ascii=False,
    )


def sources_text(knowledge: Knowledge) -> str:
    """List the loaded documents for /sources."""
    rows = [(d.title, d.date, len(d.paragraphs)) for d in knowledge.documents]
    return replies.sources_list(rows)


def chat(library: Library, read: Callable[[], str], write: Callable[[str], None],
         unanswered: Callable[[str], None] = lambda question: None,
         clock: Callable[[], float] = time.monotonic) -> int:
    """Answer lines until /quit or end of input; `read` raises EOFError at the end. Follow-up
    questions read against the previous ones (until /new or a quiet while). Questions the
    knowledge does not answer go to `unanswered`."""
    conversation = Conversations()
    while True:
        try:
            line = read()
        except EOFError:
            return 0
        command = line.strip().lower()
        qa = library.qa
        if command in ("/quit", "/exit", "/q"):
            write(replies.goodbye())
            return 0
        if command == "/help":
            write(replies.help_with_commands(qa.titles, replies.CONSOLE_COMMANDS) + "\n")
        elif command == "/sources":
            write(sources_text(qa.knowledge) + "\n")
        elif command == "/reload":
            write(library.reload().message + "\n")
        elif command == "/new":
            conversation.forget(SESSION)
            write(replies.new_conversation() + "\n")
        elif command.startswith("/") and " " not in command:
            write(replies.unknown_command(line.strip(), replies.CONSOLE_COMMANDS) + "\n")
        else:
            exchange = ask_in_conversation(qa, line, conversation.get(SESSION, clock()))
            conversation.put(SESSION, exchange.turn, clock())
            answer = exchange.answer
            if answer.declined:
                unanswered(answer.question)
            write(render_text(answer) + "\n")


def ask(qa: QA, questions: Iterable[str], write: Callable[[str], None], as_json: bool,
        conversation: bool = False) -> None:
    """Write exactly one answer per question, in order. With `conversation`, the questions
    are turns of one conversation (a line "/new" starts a fresh one and is answered so)."""
    turn: Turn | None = None
    for number, question in enumerate(questions):
        if number and not as_json:
            write("")  # a blank line between answers
        if conversation and question.strip().lower() == "/new":
            turn = None
            answer = qa.reply(question, Talk.NEW, replies.new_conversation())
        else:
            exchange = ask_in_conversation(qa, question, turn if conversation else None)
            answer, turn = exchange.answer, exchange.turn
        write(render_json(answer) if as_json else render_text(answer))


def unanswered_text(rows: list[tuple[int, str]]) -> str:
    """List unanswered questions, most asked first."""
    if not rows:
        return replies.no_unanswered()
    return "\n".join(f"{n:>5}  {question}" for n, question in rows)


def index_table(knowledge: Knowledge) -> str:
    """Return one row per file: file, format, title, organisation, kind, period, date,
    paragraphs, status."""
    rows = [("file", "format", "title", "organisation", "kind", "period", "date",
             "paragraphs", "status")]
    entries = [(d.path, (d.format, d.title, *identity_cells(d), d.date or "-",
                         str(len(d.paragraphs)), "ok")) for d in knowledge.documents]
    entries += [(s.path, (Path(s.path).suffix.lstrip(".") or "-", "-", "-", "-", "-", "-", "-",
                          f"skipped: {s.reason}")) for s in knowledge.skipped]
    rows += [(path, *rest) for path, rest in sorted(entries)]
    last = len(rows[0]) - 1
    widths = [max(len(row[i]) for row in rows) for i in range(last)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[last]
                     for row in rows)


def identity_cells(document: Document) -> tuple[str, str, str]:
    """What the index lists of a document's identity: its organisation (ticker or short
    name), its kind (with scope and audit) and its period; "-" for what it does not say."""
    identity = document.identity
    if identity is None:
        return "-", "-", "-"
    organisation = identity.organisation
    named = (organisation.ticker or organisation.short or organisation.name) if organisation \
        else "-"
    kind = " ".join(w for w in (identity.kind, identity.scope) if w) or "-"
    if identity.audit and identity.kind:
        kind += f", đã {identity.audit}"
    period = identity.period.label() if identity.period is not None and identity.kind else "-"
    return named, kind, period


def eval_text(report: Report) -> str:
    """Format an evaluation report for people."""
    lines = []
    for kind, (passed, total) in report.by_kind().items():
        lines.append(f"{kind:<16} {passed:>5}/{total:<5} {passed / total:6.1%}")
    lines.append(f"{'overall':<16} {report.passed:>5}/{report.total:<5} "
                 f"{report.passed / max(report.total, 1):6.1%}")
    (passed, answerable), (declined, declinable) = report.answerable(), report.declined()
    if answerable and declinable:
        lines.append(f"{'answerable':<16} {passed:>5}/{answerable:<5} {passed / answerable:6.1%}")
        lines.append(f"{'declined':<16} {declined:>5}/{declinable:<5} "
                     f"{declined / declinable:6.1%}")
    for k in (1, 5):
        value = report.hit_at(k)
        if value is not None:
            lines.append(f"{f'hit@{k}':<16} {value:18.1%}")
    lines.append(f"{'median words':<16} {report.median_words():>18}")
    short = report.short_scores()
    if short:
        lines.append(f"{'short answers':<16} {short[2]:>5} questions: exact {short[0]:.1%}, "
                     f"F1 {short[1]:.3f}")
    return "\n".join(lines)


def summary_text(report: SummaryReport) -> str:
    """Format a summary evaluation for people."""
    lines = [f"{'summaries asked':<16} {report.asked:>6}",
             f"{'right article':<16} {report.right_article:>6} "
             f"{report.right_article / max(1, report.asked):6.1%}",
             f"{'title only':<16} {report.title_only:>6}",
             f"{'':<16} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8}"]
    rows = [("bot", report.bot)] + [(f"lead-{n}", r) for n, r in enumerate(report.leads, 1)]
    for name, r in rows:
        lines.append(f"{name:<16} {r.one:8.4f} {r.two:8.4f} {r.longest:8.4f}")
    return "\n".join(lines)
