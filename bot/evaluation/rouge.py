"""ROUGE-1, ROUGE-2 and ROUGE-L F-scores on syllables, for scoring summaries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from bot.language.text import words


@dataclass(frozen=True)
class Rouge:
    one: float
    two: float
    longest: float  # ROUGE-L


def syllables(text: str) -> list[str]:
    return [w for run in words(text) for w in run]


def rouge(candidate: str, reference: str) -> Rouge:
    """F-scores of a candidate summary against a reference (lower case syllables)."""
    got, want = syllables(candidate), syllables(reference)
    return Rouge(_f(_ngrams(got, 1), _ngrams(want, 1)), _f(_ngrams(got, 2), _ngrams(want, 2)),
                 _lcs_f(got, want))


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _f(got: Counter, want: Counter) -> float:
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _lcs_f(got: list[str], want: list[str]) -> float:
    if not got or not want:
        return 0.0
    previous = [0] * (len(want) + 1)
    for a in got:
        current = [0]
        for j, b in enumerate(want, start=1):
            current.append(previous[j - 1] + 1 if a == b else max(previous[j], current[j - 1]))
        previous = current
    lcs = previous[-1]
    if not lcs:
        return 0.0
    precision, recall = lcs / len(got), lcs / len(want)
    return 2 * precision * recall / (precision + recall)
