"""THE index-term vocabulary: every module builds and reads index terms through this one.

A term is one of four forms of a syllable or of two neighbouring syllables:
- exact:        the syllable lower-cased, its tone moved to the end as a digit ('hôi5');
- folded:       '~' and the syllable without any diacritic ('~hoi');
- exact pair:   two exact syllables joined by a space ('hôi5 nghi5');
- folded pair:  '~' and two folded syllables joined by a space ('~hoi nghi').
Numbers are syllables too ('2021', '~2021'). Change any of this and raise VERSION: caches
keyed by it are then rebuilt.
"""

from __future__ import annotations

from functools import lru_cache

from bot.language.text import SYLLABLE_CACHE, canonical, fold_word, words

VERSION = "2"  # of the forms above and of the words they are made of (text.words)

FOLDED = "~"
_TONE_DIGITS = "12345"


def exact(word: str) -> str:
    """The exact term of one word: 'Hội' -> 'hôi5'."""
    return canonical(word)


def folded(word: str) -> str:
    """The folded term of one word: 'Hội' -> '~hoi'."""
    return FOLDED + fold_word(word)


def exact_pair(first: str, second: str) -> str:
    """The exact term of two neighbouring words: 'hôi5 nghi5'."""
    return f"{canonical(first)} {canonical(second)}"


def folded_pair(first: str, second: str) -> str:
    """The folded term of two neighbouring words: '~hoi nghi'."""
    return f"{FOLDED}{fold_word(first)} {fold_word(second)}"


def is_folded(term: str) -> bool:
    return term.startswith(FOLDED)


def is_pair(term: str) -> bool:
    return " " in term


def is_folded_word(term: str) -> bool:
    """A folded single word that is not a number ('~hoi'): what spelling correction knows."""
    return term.startswith(FOLDED) and " " not in term and not term[1:2].isdigit()


def number(value: str) -> str:
    """The folded term of a number as the question wrote it ('2021' -> '~2021')."""
    return FOLDED + value


def word(term: str) -> str:
    """The folded word of a folded single-word term ('~hoi' -> 'hoi')."""
    return term[len(FOLDED):]


def syllables(term: str) -> set[str]:
    """The folded syllables of any term, tones dropped: 'hôi5 nghi5' -> {'hoi', 'nghi'};
    numbers stay whole ('2021')."""
    return {_toneless(fold_word(s)) for s in term.lstrip(FOLDED).split()}


def _toneless(syllable: str) -> str:
    if syllable[:1].isdigit():
        return syllable
    return syllable[:-1] if syllable[-1:] in _TONE_DIGITS else syllable


def terms(text: str, *, with_exact: bool = True, with_folded: bool = True) -> list[str]:
    """Return a text's terms in order: per run of words, its exact words and pairs, then its
    folded words and pairs."""
    out: list[str] = []
    for run in words(text):
        if with_exact:
            exact_run = list(map(canonical, run))
            out += exact_run
            out += map(_pair, exact_run, exact_run[1:])
        if with_folded:
            folded_run = list(map(_folded, run))
            out += folded_run
            out += map(_folded_pair, folded_run, folded_run[1:])
    return out


@lru_cache(maxsize=SYLLABLE_CACHE)
def _folded(word: str) -> str:
    return FOLDED + fold_word(word)


def _pair(first: str, second: str) -> str:
    return first + " " + second


def _folded_pair(first: str, second: str) -> str:
    return first + " " + second[1:]


def folded_terms(text: str) -> list[str]:
    """Return only the folded terms of a text."""
    return terms(text, with_exact=False)


def phrase_terms(phrase: str, exact_forms: bool) -> list[str]:
    """Return the exact terms of a phrase, or its folded ones."""
    return terms(phrase, with_exact=exact_forms, with_folded=not exact_forms)


def context_terms(title: str, heading: str = "") -> list[str]:
    """The terms a paragraph takes from its context, its document's title and the heading
    it stands under: single words, and folded pairs (an exact pair in every paragraph of a
    one-report folder would drown that pair where a paragraph really has it)."""
    return [t for t in terms(f"{title}\n{heading}") if is_folded(t) or not is_pair(t)]


def chunk_terms(title: str, heading: str, text: str) -> list[str]:
    """The terms a chunk is indexed by: its context's, then its own text's."""
    return context_terms(title, heading) + terms(text)
