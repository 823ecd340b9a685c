"""A question cleaned as people type it: lower case, casual forms expanded ("ko" -> "không"),
fillers at either end dropped, markup removed; and words the reports never use corrected."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from bot.language.lexicon import Lexicon
from bot.language.text import Run, fold, has_diacritics, normalize

MARKUP = re.compile(r"<[^>]{0,200}>|[*_`#~|]+")  # HTML tags and Markdown emphasis in questions
_QUESTION_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[\w%]+|[^\w\s]")


class Vocabulary(Protocol):
    """What the reports' index can tell about a word: is a term used, what was meant."""

    def __contains__(self, term: str) -> bool: ...

    def correct(self, word: str) -> str | None: ...


def clean(question: str, lexicon: Lexicon, keep_case: bool = False) -> str:
    """Lower-case (unless `keep_case`), expand casual spellings ('ko' -> 'không'), drop
    fillers at either end. A casual form capitalized inside the question is a name
    ("Bệnh viện K"), not "không"."""
    text = MARKUP.sub(" ", normalize(question).replace("\n", " "))
    text = re.sub(r"([?!.,…])\1+", r"\1", text)
    tokens = _QUESTION_TOKEN.findall(text)
    # A casual form stands for its word typed as the rest is: "ko" is "khong" in a question
    # typed without diacritics, so that it stays one read without them.
    plain_typed = not has_diacritics(text)
    text = " ".join(t if i and t[:1].isupper() else _expanded(t, lexicon, plain_typed)
                    for i, t in enumerate(tokens))
    text = text if keep_case else text.lower()
    text = re.sub(r"\s+([?!.,;:…])", r"\1", text)
    flags = re.IGNORECASE if keep_case else 0
    ends = _filler_ends(lexicon.fillers, flags)
    changed = True
    while changed:
        changed = False
        for end in ends:  # both ends at once; then each alone, if that would leave nothing
            stripped = end.sub(r"\1", text).strip()
            if stripped and stripped != text:
                text, changed = stripped, True
                break
    return re.sub(r"\s*\bơi\b", "", text, flags=flags).strip()


@lru_cache(maxsize=8)
def _filler_ends(fillers: tuple[str, ...], flags: int) -> tuple[re.Pattern[str], ...]:
    """The fillers (longest first) at either end of a question, at its start, at its end."""
    either = "|".join(map(re.escape, fillers))
    start, end = rf"^(?:{either})\b[\s,]*", rf"[\s,]*\b(?:{either})([?!.]*)$"
    return tuple(re.compile(p, flags) for p in (f"{start}|{end}", f"{start}()", end))


def _expanded(token: str, lexicon: Lexicon, plain_typed: bool) -> str:
    word = lexicon.casual.get(token.lower())
    if word is None:
        return token
    return fold(word) if plain_typed else word


def corrected(text: str, content: Run, vocabulary: Vocabulary) -> str:
    """Replace the words the reports never use by the closest word they do ('Fraklin')."""
    for word in dict.fromkeys(content):
        fix = vocabulary.correct(fold(word))
        if fix:
            text = re.sub(rf"\b{re.escape(word)}\b", _same_case(fix), text, flags=re.IGNORECASE)
    return text


def _same_case(word: str):
    """Return a re.sub replacement that keeps the replaced word's capital letter."""
    return lambda m: word.capitalize() if m.group(0)[:1].isupper() else word
