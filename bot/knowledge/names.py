"""Organisation names as words: which words of a name tell it apart (its key), how a name
written in capitals reads in a title, and whether a word could be a Vietnamese syllable (a
ticker or brand such as "TSL" or "PETROSEA" cannot)."""

from __future__ import annotations

import re

from bot.language.lexicon import load_identity_words
from bot.language.text import fold

# A Vietnamese syllable without its diacritics: an onset, one to three vowels, a final.
_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
                       r"[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")
KEY_WORDS = 2  # a name's proper part is its last two syllables ("Hòa Lâm", "Hải Hà")
_WORD = re.compile(r"[\w&]+(?:[.'’-][\w&]+)*")


def could_be_syllable(word: str) -> bool:
    """Tell whether a word could be one Vietnamese syllable ("sen", "tan"; not "tsl",
    "petrosea", "mtb")."""
    return bool(_SYLLABLE.match(fold(word).lower()))


def is_brand(word: str) -> bool:
    """Tell whether a word is a coined name or acronym rather than a Vietnamese syllable:
    "VNSMART", "PETROSEA", "MTB", "Vinamilk"."""
    letters = fold(word)
    return letters.isalnum() and not letters.isdigit() and not could_be_syllable(letters) \
        and len(letters) >= 2


def name_words(text: str) -> list[str]:
    """The words of a name as written, punctuation dropped ("Hòa Lâm", "S&P")."""
    return _WORD.findall(text)


def folded_words(words: list[str]) -> list[str]:
    return [fold(w).lower() for w in words]


def strip_generic(words: list[str], leading: bool = True, trailing: bool = True) -> list[str]:
    """The words of a name without the generic ones at its ends ("Tập đoàn …", "… Việt
    Nam"); `words` are folded, lower case."""
    generic = load_identity_words().generic
    words = list(words)
    changed = True
    while changed and words:
        changed = False
        for phrase in generic:
            n = len(phrase)
            if leading and tuple(words[:n]) == phrase and len(words) > n:
                words, changed = words[n:], True
            elif trailing and tuple(words[-n:]) == phrase and len(words) > n:
                words, changed = words[:-n], True
    return words


def is_generic(words: list[str]) -> bool:
    """Tell whether every word of a folded word list is a generic name word."""
    generic = load_identity_words().generic
    i = 0
    while i < len(words):
        for phrase in generic:
            if tuple(words[i:i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            return False
    return True


def key_of(core: list[str]) -> list[str]:
    """The words that tell a name apart, from its folded core (the name without its legal
    form): a brand when it ends in one ("PETROSEA"), else its last two syllables once generic
    words are dropped ("Hải Hà" of "Nhựa Thanh niên Hải Hà", "Sóc Sơn" of "Thiết
    bị điện Sóc Sơn"); the whole core when those are generic too."""
    proper = strip_generic(core)
    if proper and is_brand(proper[-1]):
        return proper[-1:]
    key = proper[-KEY_WORDS:]
    return core if not key or is_generic(key) else key


def titled(words: list[str]) -> str:
    """A name written in capitals as a title reads: "THIẾT BỊ ĐIỆN SÓC SƠN" -> "Thiết Bị
    Điện Sóc Sơn", keeping acronyms and brands ("PETROSEA") in capitals."""
    out = []
    for word in words:
        if word.isupper() and not is_brand(word):
            word = word[:1] + word[1:].lower()
        out.append(word)
    return " ".join(out)


def is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
