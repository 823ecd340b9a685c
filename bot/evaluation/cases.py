"""Question files of either shape (report style, passage style), the passages and articles
they ask about, leaving half of the documents out, and retyping questions as people do."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.knowledge.documents import Document, Knowledge
from bot.language.periods import period_of
from bot.language.text import fold, normalize

OUT_OF_KNOWLEDGE = "out-of-knowledge"  # the kind of a question about a document left out
TYPINGS = ("as-written", "unaccented", "mixed")


@dataclass(frozen=True)
class Case:
    """One question to score: what to expect, its kind, and its gold passage if any."""

    question: str
    expect: tuple[str, ...]
    kind: str
    gold: tuple[str, int] | None = None  # (document, paragraph) of the passage
    expect_all: tuple[str, ...] = ()  # strings that must all be in the answer (lists)
    turns: tuple[str, ...] = ()  # earlier turns of the conversation, asked first
    min_sentences: int = 0  # an answer of at least this many sentences (summaries)


def jsonl(path: Path) -> Iterable[tuple[int, dict]]:
    with path.open(encoding="utf-8-sig") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON object ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            yield number, row


def load_passages(path: str | Path) -> tuple[Knowledge, dict[str, tuple[str, int]]]:
    """Build one document per passage title; return it and passage id -> (document, paragraph)."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for number, row in jsonl(Path(path)):
        if not {"id", "title", "text"} <= row.keys():
            raise ValueError(f"{path}:{number}: a passage needs id, title and text")
        grouped.setdefault(row["title"], []).append((row["id"], normalize(row["text"])))
    documents, where = [], {}
    for title, passages in grouped.items():
        for paragraph, (pid, _) in enumerate(passages, start=1):
            where[pid] = (title, paragraph)
        documents.append(Document(title, title, None, tuple(text for _, text in passages),
                                  period=period_of(title, None)))
    return Knowledge(str(path), tuple(documents), ()), where


def load_cases(path: str | Path, where: dict[str, tuple[str, int]] | None = None) -> list[Case]:
    """Read a question file of either shape."""
    cases = []
    for number, row in jsonl(Path(path)):
        if "q" in row or "turns" in row:
            turns = tuple(row.get("turns") or ())
            question = row.get("q") or (turns[-1] if turns else "")
            cases.append(Case(question, tuple(row.get("expect") or ()), row.get("kind", "all"),
                              expect_all=tuple(row.get("expect_all") or ()),
                              turns=turns[:-1] if "q" not in row else turns,
                              min_sentences=int(row.get("min_sentences") or 0)))
        elif "question" in row:
            gold = (where or {}).get(row.get("passage_id", ""))
            cases.append(Case(row["question"], tuple(row.get("answers") or ()), "", gold))
        else:
            raise ValueError(f"{path}:{number}: a question needs 'q' or 'turns' (report "
                             "style) or 'question' (passage style)")
    return cases


def hold_out(knowledge: Knowledge, cases: list[Case],
             seed: int) -> tuple[Knowledge, list[Case]]:
    """Leave half of the documents out (a seeded shuffle picks them): questions about them
    must now be declined. Returns the knowledge kept and the cases re-labelled."""
    documents = list(knowledge.documents)
    random.Random(seed).shuffle(documents)
    kept = documents[:(len(documents) + 1) // 2]
    kept_paths = {d.path for d in kept}
    relabelled = [case if case.gold is None or case.gold[0] in kept_paths
                  else replace(case, expect=(), kind=OUT_OF_KNOWLEDGE, gold=None)
                  for case in cases]
    order = {d.path: i for i, d in enumerate(knowledge.documents)}
    kept.sort(key=lambda d: order[d.path])
    return replace(knowledge, documents=tuple(kept)), relabelled


def retype(question: str, typing: str) -> str:
    """Type a question as people often do: as written, without any diacritics, or with every
    other word without them ("Ai chủ trì hoi nghị?")."""
    if typing == "unaccented":
        return fold(question)
    if typing == "mixed":
        parts = question.split(" ")
        return " ".join(fold(p) if i % 2 else p for i, p in enumerate(parts))
    return question
