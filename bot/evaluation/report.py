"""Asking every question of a file and the report of how the bot did: pass rate by kind,
answerable and declined shares, gold-passage ranks, short-answer scores, answer length."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from bot.answering.answer import Answer
from bot.answering.kinds import Kind
from bot.answering.pipeline import QA
from bot.conversation.chat import ask
from bot.evaluation.cases import Case
from bot.evaluation.metrics import passes, squad_exact, squad_f1
from bot.language.text import word_count


@dataclass(frozen=True)
class Result:
    """How the bot did on one case."""

    case: Case
    passed: bool
    found: bool
    answer: str
    rank: int | None  # 1-based rank of the gold passage among the hits, None if absent
    short: str | None = None  # the short answer given


@dataclass(frozen=True)
class Report:
    """Totals over a question file."""

    outcomes: tuple[Result, ...]

    @property
    def passed(self) -> int:
        return sum(o.passed for o in self.outcomes)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """Return kind -> (passed, total), kinds in first-seen order."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            counts[o.case.kind][0] += o.passed
            counts[o.case.kind][1] += 1
        return {kind: (p, t) for kind, (p, t) in counts.items()}

    def answerable(self) -> tuple[int, int]:
        """(passed, total) over the cases that have an answer to find."""
        cases = [o for o in self.outcomes if o.case.expect or o.case.expect_all]
        return sum(o.passed for o in cases), len(cases)

    def declined(self) -> tuple[int, int]:
        """(declined, total) over the cases the bot should decline."""
        cases = [o for o in self.outcomes if not (o.case.expect or o.case.expect_all)]
        return sum(not o.found for o in cases), len(cases)

    def hit_at(self, k: int) -> float | None:
        """Share of passage-style cases whose gold passage ranks within the top k."""
        ranked = [o for o in self.outcomes if o.case.gold is not None]
        if not ranked:
            return None
        return sum(1 for o in ranked if o.rank is not None and o.rank <= k) / len(ranked)

    def short_scores(self) -> tuple[float, float, int] | None:
        """SQuAD-style exact match and F1 of the short answers against the gold answers, over
        the passage-style questions of the kinds that have one (who, when, where, how
        many), and how many there are; a missing short answer scores 0."""
        cases = [o for o in self.outcomes if o.case.gold is not None and o.case.expect
                 and o.case.kind in SHORT_KINDS]
        if not cases:
            return None
        exact = sum(max(squad_exact(o.short, e) for e in o.case.expect) for o in cases)
        f1 = sum(max(squad_f1(o.short, e) for e in o.case.expect) for o in cases)
        return exact / len(cases), f1 / len(cases), len(cases)

    def median_words(self) -> float:
        """Median length in words of the answers given (found ones)."""
        lengths = [word_count(o.answer) for o in self.outcomes if o.found]
        return statistics.median(lengths) if lengths else 0.0

    def to_dict(self) -> dict:
        answerable, declinable = self.answerable(), self.declined()
        return {
            "passed": self.passed,
            "total": self.total,
            "accuracy": round(self.passed / self.total, 4) if self.total else None,
            "by_kind": {k: {"passed": p, "total": t} for k, (p, t) in self.by_kind().items()},
            "answerable": {"passed": answerable[0], "total": answerable[1]},
            "declined": {"declined": declinable[0], "total": declinable[1]},
            "hit_at_1": _round(self.hit_at(1)),
            "hit_at_5": _round(self.hit_at(5)),
            "median_answer_words": self.median_words(),
            "short": (dict(zip(("exact", "f1", "questions"), self.short_scores()))
                      if self.short_scores() else None),
            "found": sum(o.found for o in self.outcomes),
        }


SHORT_KINDS = tuple(k.value for k in Kind if k.has_short)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def evaluate(qa: QA, cases: Iterable[Case],
             answered: Callable[[Answer], None] | None = None) -> Report:
    """Ask every question and score the answers; `answered` sees each scored answer."""
    outcomes = []
    for case in cases:
        turn = None
        for earlier in case.turns:  # a conversation: its last turn is scored
            turn = ask(qa, earlier, turn).turn
        traced = ask(qa, case.question, turn).trace
        answer, hits = traced.answer, traced.hits
        if answered is not None:
            answered(answer)
        kind = case.kind or (traced.query.kind if traced.query else "other")
        rank = None
        if case.gold is not None:
            spots = [(h.chunk.document.path, h.chunk.paragraph) for h in hits]
            rank = spots.index(case.gold) + 1 if case.gold in spots else None
        outcomes.append(Result(replace(case, kind=kind), passes(case, answer.found, answer.text),
                                answer.found, answer.text, rank,
                                answer.short if answer.found else None))
    return Report(tuple(outcomes))
