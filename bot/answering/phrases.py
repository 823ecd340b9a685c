"""Where the phrases of the patterns stand in a question, typed with or without diacritics:
the kind of question, the words that ask, small talk, questions about the document itself,
English."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.answering.kinds import Kind, Talk
from bot.language.lexicon import Patterns
from bot.language.text import fold, has_diacritics, plain, words

# A syllable Vietnamese spelling allows, diacritics folded: onset, vowels, final consonant.
_SYLLABLE = re.compile(r"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                       r"(ch|ng|nh|[cmnpt])?")


def found_in(pattern: str, cleaned: str) -> list[str]:
    """Return what a pattern written with diacritics matches in the question; where it does
    not match as written, words typed without diacritics match it folded ("ai chu tri" and
    "Hội nghị có bao nhieu đại biểu" ask who and how many), beside words typed as the pattern
    spells them ("Tóm tat bài"), but a word typed with other diacritics does not (the "máy"
    of "bộ máy" is no "mấy")."""
    found = [m.group(0) for m in re.finditer(pattern, cleaned)]
    return found or found_folded(pattern, cleaned)


def typed_as(said: str, pattern: str) -> bool:
    """Tell whether words a folded pattern matched were typed as the pattern spells them or
    without diacritics ("ông ay" is "ông ấy"; the "máy" of "bộ máy" is no "mấy")."""
    written, folded_words, _ = _pattern_words(pattern)
    return all(w in written or fold(w) not in folded_words
               for w in said.lower().split() if has_diacritics(w))


def found_folded(pattern: str, cleaned: str) -> list[str]:
    """Return what a pattern matches folded, where the words typed with diacritics are
    spelled as the pattern spells them (or are what its wildcards match)."""
    folded = fold(cleaned)
    if len(folded) != len(cleaned):
        return []
    said = [cleaned[m.start():m.end()] for m in _pattern_words(pattern)[2].finditer(folded)]
    return [s for s in said if typed_as(s, pattern)]


@lru_cache(maxsize=256)
def _pattern_words(pattern: str) -> tuple[frozenset[str], frozenset[str], re.Pattern[str]]:
    """The words a pattern spells out, as written and folded: a word typed with diacritics
    that folds to one of them matches only as the pattern spells it ("Tóm tat" is "tóm
    tắt"; the "máy" of "bộ máy" is no "mấy"); other words are what its wildcards match. And
    the pattern folded, compiled."""
    written = frozenset(re.findall(r"\w+", re.sub(r"\\[A-Za-z]", " ", pattern)))  # not \b
    return written, frozenset(map(fold, written)), re.compile(fold(pattern))


def matches(pattern: str, cleaned: str) -> bool:
    return bool(found_in(pattern, cleaned))


def kind_of(cleaned: str, patterns: Patterns) -> tuple[Kind, tuple[str, ...]]:
    """Return the question kind (or 'other') and the phrases that make it ("mục đích"): a
    question about the reports themselves first (which there are, what one says)."""
    cleaned = cleaned.rstrip("?!.… ")
    for kind, pattern in (("documents", patterns.documents), ("summary", patterns.summary),
                          *patterns.kinds):
        found = found_in(pattern, cleaned)
        if found:
            return Kind(kind), tuple(found)
    return Kind.OTHER, ()


def asking_nouns(cleaned: str, patterns: Patterns) -> frozenset[str]:
    """Return the folded words of the nouns that name what kind of answer is wanted
    ("mục đích", "đặc điểm", "vai trò"): the answer gives it without saying so."""
    said = f" {fold(plain(cleaned))} "
    return frozenset(w for noun in patterns.asking_nouns if f" {fold(noun)} " in said
                     for w in fold(noun).split())


def smalltalk_of(cleaned: str, patterns: Patterns) -> Talk | None:
    """Return help, thanks or greeting when that is all the message says."""
    bare = re.sub(r"[^\w\s]", " ", cleaned).strip()
    for kind, pattern in patterns.smalltalk:
        rest = re.sub(rf"\b(?:{pattern})\b", " ", bare)
        rest = re.sub(rf"\b(?:{fold(pattern)})\b", " ", fold(rest)) if rest == bare else rest
        if rest != bare and not re.sub(rf"\b({patterns.smalltalk_extras})\b", "", rest).strip():
            return Talk(kind)
    return None


def about_of(cleaned: str, patterns: Patterns) -> Kind | None:
    """Tell whether the question asks who wrote the document, who audited it or when it
    is dated."""
    if matches(patterns.signed, cleaned):
        return Kind.SIGNED
    if matches(patterns.auditor, cleaned):
        return Kind.AUDITOR
    if matches(patterns.author, cleaned):
        return Kind.AUTHOR
    if matches(patterns.document_date, cleaned) and matches(patterns.this_document, cleaned):
        return Kind.DATE
    return None


def language_of(cleaned: str, patterns: Patterns) -> str:
    """Return 'en' when an English question word is there and most words cannot be Vietnamese
    syllables ("chaired", "what"); "can", "the", "an" typed without diacritics are Vietnamese
    too ("cần", "thế", "an")."""
    tokens = [w for run in words(cleaned) for w in run if not w[:1].isdigit()]
    foreign = sum(1 for w in tokens if not _SYLLABLE.fullmatch(fold(w)))
    english = any(w in patterns.english for w in tokens)
    return "en" if english and foreign >= 2 and foreign * 2 >= len(tokens) else "vi"


_PUNCTUATION = re.compile(r"[^\w\s]")
ABBREVIATED_BODIES = {"hoi dong quan tri": "hdqt", "hoi dong thanh vien": "hdtv",
                      "ban kiem soat": "bks"}  # how a body is written short after a position


def asked_position(cleaned: str, positions: tuple[tuple[str, str], ...],
                   bodies: tuple[str, ...]) -> tuple[str, str] | None:
    """The position a question names (the longest), with the body it is of: the one the
    question names right after it, else the position's own."""
    said = " " + " ".join(_PUNCTUATION.sub(" ", fold(cleaned).lower()).split()) + " "
    for position, body in positions:
        at = said.find(f" {position} ")
        if at >= 0:
            rest = said[at + len(position) + 2:]
            return position, next((b for b in bodies if rest.startswith(f"{b} ")
                                   or rest.startswith(f"{ABBREVIATED_BODIES.get(b, b)} ")), body)
    return None
