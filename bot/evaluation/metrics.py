"""Scores of one answer: a pass (the answer holds an expected string), and SQuAD's exact
match and token F1 of a short answer against the gold one."""

from __future__ import annotations

import unicodedata
from collections import Counter

from bot.evaluation.cases import Case
from bot.language.text import split_sentences, words


def _squad_tokens(text: str | None) -> list[str]:
    """Lower-case syllables without punctuation, as SQuAD's scorer normalizes answers."""
    return [w for run in words(text or "") for w in run if w != "%"]


def squad_exact(given: str | None, gold: str) -> float:
    return float(bool(given) and _squad_tokens(given) == _squad_tokens(gold))


def squad_f1(given: str | None, gold: str) -> float:
    got, want = Counter(_squad_tokens(given)), Counter(_squad_tokens(gold))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def _fold_case(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def passes(case: Case, found: bool, answer: str) -> bool:
    """A pass: the answer holds an expected string (all of `expect_all`, and at least
    `min_sentences` sentences); no expected string at all means declining."""
    if not case.expect and not case.expect_all:
        return not found
    said = _fold_case(answer)
    return (found
            and (not case.expect or any(_fold_case(e) in said for e in case.expect))
            and all(_fold_case(e) in said for e in case.expect_all)
            and len(split_sentences(answer)) >= case.min_sentences)
