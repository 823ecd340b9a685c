"""Spelling correction: an unknown word to the closest word the reports use, by an edit
distance that counts a swap of neighbouring letters as one edit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from bot.search import tuning


class Spelling:
    """The folded words the reports use, by first letter and length (typos rarely hit the
    first letter), and how common each is."""

    def __init__(self, words: Iterable[str], frequency: Callable[[str], int]) -> None:
        self.frequency = frequency
        self.used_only = False  # a candidate must have a frequency above 0 (see `within`)
        self.by_start: dict[tuple[str, int], list[str]] = defaultdict(list)
        for known in words:
            self.by_start[known[0], len(known)].append(known)

    def within(self, frequency: Callable[[str], int]) -> Spelling:
        """The same words, counted by `frequency` and offered only where it is above 0 (the
        words of some of the reports): the word lists are shared, not copied."""
        narrowed = Spelling((), frequency)
        narrowed.by_start = self.by_start
        narrowed.used_only = True
        return narrowed

    def correct(self, word: str, known: bool = False) -> str | None:
        """Return the known word closest to `word` (folded; `known`: the reports use it
        already): one edit for words of CORRECT_FROM letters, two from TWO_EDITS_FROM; the
        most common wins a tie."""
        if len(word) < tuning.CORRECT_FROM or known:
            return None
        limit = 2 if len(word) >= tuning.TWO_EDITS_FROM else 1
        best: tuple[int, int, str] | None = None
        for length in range(len(word) - limit, len(word) + limit + 1):
            for candidate in self.by_start.get((word[0], length), ()):
                distance = edit_distance(word, candidate, limit)
                if distance <= limit:
                    frequency = self.frequency(candidate)
                    if self.used_only and frequency <= 0:
                        continue
                    option = (distance, -frequency, candidate)
                    best = option if best is None or option < best else best
        return best[2] if best else None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of neighbouring letters as one edit ('peurto' ->
    'puerto'), giving up (returning limit + 1) once it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]
