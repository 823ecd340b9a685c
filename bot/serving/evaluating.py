"""The evaluation commands of the command line: `reportbot eval` over a question file (with
passages, held-out articles, a typing) or over articles with human summaries (VNDS)."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from bot.answering.pipeline import QA
from bot.evaluation.cases import hold_out, load_cases, load_passages, retype
from bot.evaluation.report import evaluate
from bot.evaluation.summaries import evaluate_summaries, load_articles
from bot.knowledge.documents import KnowledgeError
from bot.knowledge.folder import load_knowledge
from bot.knowledge.formats import OcrOptions
from bot.serving import console
from bot.serving.masking import fail


def run_eval(args: argparse.Namespace, knowledge_dir: Path, ocr: OcrOptions | None = None) -> int:
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
        qa = QA(knowledge or load_knowledge(knowledge_dir, ocr=ocr))
    except (OSError, ValueError) as exc:
        return fail(str(exc))
    if args.answers:
        with open(args.answers, "w", encoding="utf-8") as out:
            report = evaluate(qa, cases, lambda a: out.write(console.render_json(a) + "\n"))
    else:
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
