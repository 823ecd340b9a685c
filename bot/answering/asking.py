"""Where a question asks: whether it asks before it says anything ("Ai chủ trì …?"), the words
around its asking phrase (the verb after it, the word before it), what a how-many question
counts, whether a yes/no claim is negative. Read once, with the question."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.text import Run, fold, words

COUNTED_WORDS = 4  # words after "bao nhiêu" that say what is counted ("lượt khách du lịch")


@dataclass(frozen=True)
class Asking:
    """Where the question's asking phrase stands among its words."""

    first: bool  # it asks before it says anything ("Ai chủ trì hội nghị?")
    before: Run  # the words before the asking phrase ("tô lâm", "là" of "Tô Lâm là ai?")
    verb: str | None  # the first content word after the asking phrase ("chủ trì" of "Ai chủ
    #                   trì …?"): who did what the question asks stands before it
    pivot: str | None  # the last content word before the asking phrase ("gặp" of "… đã gặp
    #                    ai?"): the answer follows it; none for "X là ai?"
    counted: Run  # folded, what a how-many question counts: its unit ("trường" of "bao nhiêu
    #               trường đạt chuẩn"; two words where pyvi reads them as one) ...
    counted_phrase: Run  # ... and the whole phrase after "bao nhiêu" ("trường đạt chuẩn")
    claims_negation: bool  # a yes/no claim that is negative ("… không được … phải không?")
    reporting: frozenset[str]  # folded reporting verbs it says ("đề nghị", "yêu cầu")


ASKED_NEGATIONS = frozenset({"khong", "chua"})  # in a question, typed with or without marks


def asking_of(cleaned: str, phrases: tuple[str, ...], content: Run, runs: tuple[Run, ...],
              compounds: frozenset[tuple[str, str]], reporting: re.Pattern[str]) -> Asking:
    """Read where the question asks, from its cleaned text, the phrases that make its kind,
    its content words and its runs of words."""
    before = _before_asked(cleaned, phrases)
    kept = set(content)
    pivot = None if before[-1:] == ("là",) else next(
        (w for w in reversed(before) if w in kept), None)  # "Tô Lâm là ai?" asks who he is
    counted, phrase = _counted(runs, compounds)
    tokens = [fold(w) for run in runs for w in run]
    return Asking(
        first=_asks_first(cleaned, phrases, content),
        before=before,
        verb=_verb_after(cleaned, phrases, kept),
        pivot=pivot,
        counted=counted,
        counted_phrase=phrase,
        claims_negation=any(t in ASKED_NEGATIONS for t in tokens[:-1]),
        reporting=frozenset(m.group(0) for m in reporting.finditer(fold(cleaned))),
    )


def _verb_after(text: str, phrases: tuple[str, ...], content: set[str]) -> str | None:
    """The first content word after the asking words: "dự" of "Ai dự hội nghị?"."""
    asked = max((text.find(p) + len(p) for p in phrases if text.find(p) >= 0), default=-1)
    after = [w for run in words(text[asked:]) for w in run] if asked >= 0 else []
    return next((w for w in after if w in content), None)


def _before_asked(text: str, phrases: tuple[str, ...]) -> Run:
    """The words of the question before the words that ask ("tô lâm là" of "Tô Lâm là ai?")."""
    asked = min((text.find(p) for p in phrases if text.find(p) > 0), default=-1)
    return tuple(w for run in words(text[:asked]) for w in run) if asked > 0 else ()


def _asks_first(text: str, phrases: tuple[str, ...], content: Run) -> bool:
    """Tell whether the question asks before it says anything ("Ai chủ trì …?")."""
    asked = min((text.find(p) for p in phrases if text.find(p) >= 0), default=-1)
    said = min((text.find(w) for w in content if text.find(w) >= 0), default=-1)
    return asked >= 0 and (said < 0 or asked < said)


def _counted(runs: tuple[Run, ...], compounds: frozenset[tuple[str, str]]) -> tuple[Run, Run]:
    """The folded words of what a how-many question counts: its unit ("trường" of "bao
    nhiêu trường đạt chuẩn", "sinh viên": two words where pyvi reads them as one) and the
    whole phrase ("trường đạt chuẩn")."""
    words_ = [w for run in runs for w in run]
    tokens = [fold(w) for w in words_]
    for i, token in enumerate(tokens):
        if token in ("nhieu", "may") and (token == "may" or tokens[i - 1:i] == ["bao"]):
            return _after(i, words_, tokens, compounds)
    if tokens[:1] == ["so"]:  # "Số (lượng) nhân viên của X?" opens on what it counts
        return _after(1 if tokens[1:2] != ["luong"] else 2, words_, tokens, compounds, 0)
    return (), ()


def _after(i: int, words_: list[str], tokens: list[str], compounds: frozenset[tuple[str, str]],
           step: int = 1) -> tuple[Run, Run]:
    """The counted unit and phrase after position `i` (+ `step`)."""
    i += step
    joined = tuple(words_[i:i + 2]) in compounds
    return tuple(tokens[i:i + (2 if joined else 1)]), tuple(tokens[i:i + COUNTED_WORDS])
