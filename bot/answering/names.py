"""The names a question says: its capitalized words, as pyvi segments them when the question
is written out with diacritics, else as runs of capitalized words; folded, lower case."""

from __future__ import annotations

import re

from bot.language.lexicon import Lexicon
from bot.language.text import Run, fold, normalize, segment

_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
_LETTER_RUNS = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)*")  # words, broken at anything else


def names_of(question: str, lexicon: Lexicon) -> Run:
    """Return the capitalized words of the question as pyvi segments them, folded
    ('y te' in 'Bộ trưởng Bộ Y tế là ai?', 'quoc hoi' in 'Chủ tịch Quốc hội'); the question's
    first word counts only when the next word is capitalized too or every syllable of it is
    ('nguyen xuan phuc' in 'Nguyễn Xuân Phúc có …'), else only its capitalized tail ('nobel'
    in 'Giải Nobel hòa bình...')."""
    tokens = segment(normalize(question))
    found: list[str] = []
    for position, token in enumerate(tokens):
        syllables = token.split("_")
        if not token[:1].isupper() or all(lexicon.is_stopword(s.lower()) for s in syllables):
            continue  # "Vì_sao" and "Tại_sao" open a question; they name nothing
        if _ROMAN_NUMERAL.fullmatch(token):
            continue  # "quý I", "khóa XV": a number
        if token.lower() in lexicon.abbreviations:
            continue  # "HĐQT", "LNST": words the question says in short, no name
        whole = len(syllables) > 1 and all(s[:1].isupper() for s in syllables)
        if position == 0 and not whole and not (len(tokens) > 1 and tokens[1][:1].isupper()):
            tail = [i for i, s in enumerate(syllables) if i and s[:1].isupper()]
            if not tail:
                continue
            syllables = syllables[tail[0]:]
        while len(syllables) > 1 and not syllables[-1][:1].isupper() and lexicon.is_stopword(
                syllables[-1]):
            syllables = syllables[:-1]  # "Nội_tại" of "Hà Nội tại ngày …" names "Nội"
        found.append(" ".join(syllables))
    return tuple(fold(name).lower() for name in found)


def capitalized_names(question: str, lexicon: Lexicon) -> Run:
    """Return the runs of capitalized words of a question typed (mostly) without diacritics,
    folded: pyvi cannot segment such text, and its words would join a name to the words
    around it. The question's first word counts only before another capitalized word."""
    found: list[str] = []
    for index, run in enumerate(_LETTER_RUNS.findall(normalize(question))):
        tokens = run.split()
        name: list[str] = []
        for position, token in enumerate(tokens):
            capital = (token[:1].isupper() and not lexicon.is_stopword(token.lower(), False)
                       and not _ROMAN_NUMERAL.fullmatch(token)
                       and token.lower() not in lexicon.abbreviations)
            opening = index == position == 0 and not (len(tokens) > 1
                                                       and tokens[1][:1].isupper())
            if capital and not opening:
                name.append(token)
            elif name:
                found.append(" ".join(name))
                name = []
        if name:
            found.append(" ".join(name))
    return tuple(fold(name).lower() for name in found)
