"""The short phrase that answers: the person (with their title), the whole date, the place,
the number with its unit and what it counts. Front ends show it before the sentence."""

from __future__ import annotations

import re

from .choice import Draft
from .language import load_patterns
from .question import Query
from .text import fold, words

_UPPER = "".join(chr(i) for i in range(0x41, 0x1EFA) if chr(i).isupper())
_CAPITAL = rf"[{_UPPER}][^\s,;:.!?()\"“”]*"
_PATTERNS = load_patterns()
_PERSON = re.compile(rf"(?:(?i:{_PATTERNS.person_titles})\s+)*{_CAPITAL}(?:\s+{_CAPITAL})+"
                     rf"|(?:(?i:{_PATTERNS.person_titles})\s+){_CAPITAL}")
_NAME = re.compile(rf"{_CAPITAL}(?:\s+{_CAPITAL})*")
_PLACE = re.compile(rf"\b(?i:{_PATTERNS.place_openers})\s+((?:(?:các|những)\s+)?"
                    rf"[^\W\d_]+(?:\s+[^\W\d_]+){{0,5}})")
_CLAUSE_END = re.compile(r"\s+(?:và|nhưng|để|nhằm|với|cùng|khi|do|vì|nên|thì|đã|sẽ|được)\s")
MAX_SHORT_WORDS = 12  # a longer phrase is not short: the sentence says it better


UNIT_WORDS = 3  # words after a number that may say what it counts ("12 trường", "2,2 triệu người")


def short_answer(query: Query, sentence: str) -> str | None:
    """Return the phrase of the sentence that answers a who, when, where or how-many
    question, preferring one that the question does not already say; None for other kinds
    or when the sentence holds none."""
    finders = {"who": _people, "when": _dates, "where": _places,
               "how_many": lambda text: _counts(text, _counted(query))}
    finder = finders.get(query.kind)
    if finder is None:
        return None
    asked = {fold(w) for run in query.runs for w in run}
    found = [c for c in finder(sentence) if len(c.split()) <= MAX_SHORT_WORDS]
    fresh = [c for c in found if not _said(c, asked)]
    chosen = (fresh or found or [None])[0]
    return chosen.strip(" ,;:-–") if chosen else None


def _said(candidate: str, asked: set[str]) -> bool:
    """Tell whether the question already says most of the candidate ("Tô Lâm là ai?" is not
    answered by "Tô Lâm")."""
    own = [fold(w) for run in words(candidate) for w in run]
    return bool(own) and sum(w in asked for w in own) * 2 > len(own)


def _people(sentence: str) -> list[str]:
    people = [m.group(0) for m in _PERSON.finditer(sentence)]
    return people or [m.group(0) for m in _NAME.finditer(sentence) if m.start() > 0]


def _dates(sentence: str) -> list[str]:
    return [m.group(0) for m in _PATTERNS.dates.finditer(sentence)]


def _places(sentence: str) -> list[str]:
    found = []
    for m in _PLACE.finditer(sentence):
        phrase = _CLAUSE_END.split(m.group(1))[0]
        found.append(phrase)
    names = [m.group(0) for m in _NAME.finditer(sentence) if m.start() > 0]
    return found + names


def _counted(query: Query) -> list[str]:
    """The folded words of what a how-many question counts: "trường" of "bao nhiêu trường",
    "sinh viên" of "bao nhiêu sinh viên" (two words where pyvi reads them as one)."""
    words_ = [w for run in query.runs for w in run]
    tokens = [fold(w) for w in words_]
    for i, token in enumerate(tokens):
        if token in ("nhieu", "may") and (token == "may" or tokens[i - 1:i] == ["bao"]):
            joined = tuple(words_[i + 1:i + 3]) in query.compounds
            return tokens[i + 1:i + (3 if joined else 2)]
    return []


def _counts(sentence: str, counted: list[str]) -> list[str]:
    """Numbers with what they count: up to the counted word when it follows closely, else
    with the one word after them ("98,5%", "12 trường", "3 ngày")."""
    found = []
    periods = [range(p.start(), p.end()) for p in _PATTERNS.period_span.finditer(sentence)]
    for m in _PATTERNS.counts.finditer(sentence):
        if any(m.start() in span for span in periods):
            continue  # "năm 2010", "6 tháng đầu năm" name a time, not a count
        phrase = m.group(0)
        if not phrase.endswith("%"):
            after = sentence[m.end():].split()[:UNIT_WORDS]
            folded = [fold(w.strip(",.;:")).lower() for w in after]
            reach = max((i + 1 for i, w in enumerate(folded) if w in counted), default=0)
            take = after[:reach] if reach else after[:1]
            phrase = " ".join([phrase, *take]).rstrip(",.;:")
        found.append(phrase)
    return found


_ORGANIZATION = re.compile(rf"^(?i:{_PATTERNS.organizations})\b")


def subject_of(query: Query, draft: Draft) -> str | None:
    """Who a question and its answer are about, for "ông ấy" in the next question: the
    person a who-question's answer names, else a person the question names, else the first
    person the answer names ("Bộ Công an" is no person)."""
    if query.kind == "who" and draft.short and not _ORGANIZATION.match(draft.short):
        return draft.short
    for text in (query.text, draft.text):
        people = [p for p in _people(text) if not _ORGANIZATION.match(p)]
        if people:
            return people[0]
    return None
