"""Fit the verdict's evidence weights (tuning.EVIDENCE_WEIGHTS) and report the trade-off.

Run: .venv/bin/python tools/fit_verdict.py [--eval ../shared/eval] — not part of `make test`.
For UIT-ViQuAD and ViNewsQA dev, with half of the articles left out (seeds 1 and 2 to fit,
3 and 4 to check), it records the evidence of every draft that passes the verdict's rules,
labelled by whether it is a right answer to a question whose article is loaded; fits a
logistic regression (Newton's method, NumPy); and prints, for a range of thresholds, the
answerable pass rate and the share of out-of-knowledge questions declined, per set.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import astuple
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.answering import tuning, verdict  # noqa: E402
from bot.answering.kinds import Reason  # noqa: E402
from bot.answering.pipeline import QA  # noqa: E402
from bot.evaluation.cases import OUT_OF_KNOWLEDGE, hold_out, load_cases, load_passages, retype  # noqa: E402
from bot.evaluation.metrics import passes  # noqa: E402

SETS = ("viquad", "vinewsqa")
FIT_SEEDS, CHECK_SEEDS = (1, 2), (3, 4)
TYPINGS = ("as-written", "unaccented", "mixed")


def observe(folder: Path, name: str, seed: int,
            typing: str) -> list[tuple[list[float] | None, bool, bool]]:
    """Return (features or None when declined by a rule, right answer, out of knowledge)."""
    knowledge, where = load_passages(folder / name / "dev_passages.jsonl")
    cases = load_cases(folder / name / "dev_questions.jsonl", where)
    knowledge, cases = hold_out(knowledge, cases, seed)
    qa = QA(knowledge)
    rows = []
    for case in cases:
        traced = qa.trace(retype(case.question, typing))
        outside = case.kind == OUT_OF_KNOWLEDGE
        right = not outside and passes(case, True, traced.draft.text if traced.draft else "")
        features = None
        if traced.draft is not None and traced.verdict is not None and (
                traced.verdict.answer or traced.verdict.reason == Reason.UNSURE):
            dated = (frozenset() if traced.draft.chunk.document.period is None
                     else traced.query.period_words)
            e = verdict.evidence_of(traced.query, traced.needs, traced.draft, qa.index, dated)
            features = list(astuple(e))
        rows.append((features, right, outside))
    return rows


def fit(rows: list[tuple[list[float] | None, bool, bool]], iterations: int = 30) -> np.ndarray:
    """Logistic regression by Newton's method, with a little L2 for stability."""
    x = np.array([[1.0, *f] for f, _, _ in rows if f is not None])
    y = np.array([1.0 if right else 0.0 for f, right, _ in rows if f is not None])
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + 1e-3 * w
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + 1e-3 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def report(rows, w: np.ndarray, threshold: float) -> tuple[float, float]:
    """(answerable pass rate, out-of-knowledge declined) at a threshold."""
    def answered(f):
        return f is not None and 1 / (1 + np.exp(-(w[0] + np.dot(w[1:], f)))) >= threshold
    inside = [(f, right) for f, right, outside in rows if not outside]
    outside = [f for f, _, out in rows if out]
    passed = sum(1 for f, right in inside if right and answered(f)) / max(1, len(inside))
    declined = sum(1 for f in outside if not answered(f)) / max(1, len(outside))
    return passed, declined


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval", default=str(Path(__file__).resolve().parents[2] / "shared/eval"))
    folder = Path(parser.parse_args().eval)
    observed = {(name, seed, typing): observe(folder, name, seed, typing)
                for name in SETS for seed in FIT_SEEDS + CHECK_SEEDS for typing in TYPINGS}
    w = fit([row for (_, seed, _), rows in observed.items() if seed in FIT_SEEDS for row in rows])
    print("EVIDENCE_WEIGHTS =", tuple(round(float(v), 2) for v in w))
    print("current:", tuning.EVIDENCE_WEIGHTS, "MIN_CONFIDENCE", tuning.MIN_CONFIDENCE)
    for threshold in np.arange(0.05, 0.41, 0.025):
        cells = []
        for name in SETS:
            for typing in TYPINGS:
                rates = [report(observed[name, seed, typing], w, threshold)
                         for seed in CHECK_SEEDS]
                passed = sum(r[0] for r in rates) / len(rates)
                declined = min(r[1] for r in rates)
                cells.append(f"{name} {typing}: pass {passed:.3f} ook {declined:.3f}")
        print(f"{threshold:.3f}: " + " | ".join(cells))


if __name__ == "__main__":
    main()
