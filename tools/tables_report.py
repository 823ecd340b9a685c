"""Measure how the tables of a folder of financial statements are read, and where search puts
the rows that table questions ask about.

    .venv/bin/python tools/tables_report.py [--knowledge DIR] [--questions FILE]

Part 1, per document: tables found, statement tables by kind, and for the standard codes of
the balance sheet (110, 270, 300, 400), the income statement (10, 60, 70) and the cash flow
statement (20, 50, 70) whether a row with that code is in a table of that statement with a
current and a comparison column ("+"), in a table of another kind or without those columns
("?"), or nowhere ("-"). Statements without codes (banks) are checked by their labels.
Part 2, per table question (report style, its `expect` figures): the rank of the first row
chunk holding the expected figure among the 10 hits search returns, and among the first 10
hits of the document the question is about (as once questions are kept to the organisation
they name), or "-". A dialogue is searched with its turns together.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from bot.answering.needs import needs_of
from bot.answering.pipeline import QA
from bot.knowledge import tables as t
from bot.knowledge.folder import load_knowledge

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT.parent / "shared" / "eval" / "finreports-dev" / "kb"
CODES = {t.BALANCE: ("110", "270", "300", "400"), t.INCOME: ("10", "60", "70"),
         t.CASH_FLOW: ("20", "50", "70")}
LABELS = {t.BALANCE: ("tổng tài sản", "tổng nợ phải trả", "vốn chủ sở hữu"),
          t.INCOME: ("thu nhập lãi thuần", "lợi nhuận sau thuế"),
          t.CASH_FLOW: ("lưu chuyển tiền thuần",)}
WIDE = 400  # hits searched before keeping the asked document's (an organisation filter)
KINDS = ("table_current", "table_other", "series", "comparison", "dialogue")


def found(document, kind: str, code: str | None = None, label: str | None = None) -> str:
    best = "-"
    for table in document.tables:
        for row in table.rows:
            if (code and row.code and row.code.lstrip("0") == code.lstrip("0")) or (
                    label and row.label.lower().startswith(label)):
                relations = {c.relation for c in table.columns if c.role == t.VALUE}
                if table.statement == kind and {t.CURRENT, t.PREVIOUS} <= relations:
                    return "+"
                best = "?"
    return best


def digits(text: str) -> str:
    return re.sub(r"[.,\s]", "", text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--knowledge", default=str(KB))
    parser.add_argument("--questions", default=str(KB.parent / "questions.jsonl"))
    args = parser.parse_args()
    knowledge = load_knowledge(args.knowledge)
    print(f"{'document':<44} {'tables':>6} {'B/I/C':>7}  balance     income   cash flow")
    for document in knowledge.documents:
        kinds = [sum(tb.statement == k for tb in document.tables) for k in CODES]
        coded = any(r.code for tb in document.tables if tb.statement for r in tb.rows)
        marks = []
        for kind in CODES:
            if coded:
                marks.append(" ".join(f"{c}{found(document, kind, code=c)}" for c in CODES[kind]))
            else:
                marks.append(" ".join(found(document, kind, label=lb) for lb in LABELS[kind]))
        print(f"{document.path[:44]:<44} {len(document.tables):>6} "
              f"{'/'.join(map(str, kinds)):>7}  {marks[0]:<11} {marks[1]:<8} {marks[2]}")
    for skipped in knowledge.skipped:
        print(f"{skipped.path[:44]:<44} skipped: {skipped.reason}")
    qa = QA(knowledge)
    print("\nquestion  kind            all  doc  row found (rank among all hits; among the"
          " asked document's hits)")
    for line in Path(args.questions).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["kind"] not in KINDS:
            continue
        question = item.get("q") or " ".join(item["turns"])  # a dialogue: its turns together
        figures = [digits(e) for e in item.get("expect", []) + item.get("expect_all", [])
                   if len(digits(e)) >= 7 and digits(e).isdigit()]
        if not figures:
            continue
        query = qa.read(question)
        needs = needs_of(query, qa.lexicon, qa.index.__contains__)
        hits = qa.index.search(needs.weights, WIDE)
        docs = item.get("doc") or []
        docs = [docs] if isinstance(docs, str) else docs
        ranks, text = [], ""
        for pool in (hits[:10], [h for h in hits if h.chunk.document.path in docs][:10]):
            rank = "-"
            for number, hit in enumerate(pool, start=1):
                if hit.chunk.table is not None and any(f in digits(hit.chunk.text)
                                                       for f in figures):
                    rank, text = str(number), text or hit.chunk.text
                    break
            ranks.append(rank)
        print(f"{item['id']:<9} {item['kind']:<14} {ranks[0]:>4} {ranks[1]:>4}  {text[:100]}")


if __name__ == "__main__":
    main()
