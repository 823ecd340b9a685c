"""Vietnamese text mechanics: normalization, diacritic folding, words, sentences, pyvi words."""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
Run = tuple[str, ...]  # words in a row, unbroken by punctuation
Pair = tuple[str, str]  # two neighbouring words

# The five Vietnamese tone marks as combining characters (after NFD).
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|%|[^\w\s]")
_WORD = re.compile(r"[^\W_]")
# A sentence ends at . ! ? … followed by space and a capital, digit or quote; not after the
# abbreviations that Vietnamese news text uses before a name (data/patterns.json).
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZÀ-Ỹ0-9Đ])")
_INITIAL = re.compile(r"(^|\s)[A-ZÀ-ỸĐ]\.$")  # "E. O. Wilson": an initial, not a sentence end
_I_Y = re.compile(r"^([bcdđghklmnprstvx]+)y([\u0300\u0301\u0303\u0309\u0323]?)$")
_FINAL_Y = "yýỳỷỹỵ"  # only a word ending so has another spelling (see `spelling`)
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")
# Per-syllable results are memoized: a report repeats its syllables, and a cold build spends
# most of its time here. Bounded, so odd input cannot grow it without end.
SYLLABLE_CACHE = 1 << 16


# Control characters, zero-width and direction marks (invisible, and a way to hide text):
# removed. Lone surrogates (undecodable bytes, or broken UTF-16) become U+FFFD.
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e"
                      "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize(text: str) -> str:
    """Return NFC text without control characters and with single spaces (newlines kept)."""
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _fold_table() -> dict[int, str | None]:
    """Each letter with diacritics to its letter without them, combining marks to nothing."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}
    for code in range(0x80, 0x2000):  # Latin-1 to Greek Extended, Vietnamese's ạ, ấ, ử …
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char)
                       if not unicodedata.combining(c))
        if unicodedata.combining(char):
            table[code] = None
        elif base != char and base:
            table[code] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Remove every diacritic, đ included: 'Đường' -> 'Duong'."""
    return unicodedata.normalize("NFC", text).translate(_FOLD)


fold_word = lru_cache(maxsize=SYLLABLE_CACHE)(fold)  # the same, for one syllable at a time


def has_diacritics(text: str) -> bool:
    """Tell whether the text has any Vietnamese diacritic (so was typed with them)."""
    return fold(text) != unicodedata.normalize("NFC", text)


@lru_cache(maxsize=SYLLABLE_CACHE)
def canonical(syllable: str) -> str:
    """Return a lower-case syllable with its tone moved to the end, so 'hoà' == 'hòa'."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tone = next((_TONES[c] for c in decomposed if c in _TONES), "")
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base) + tone


@lru_cache(maxsize=SYLLABLE_CACHE)
def spelling(word: str) -> str:
    """Treat the spellings of a final i/y after a consonant as one: 'kỳ' -> 'kì', 'lý' -> 'lí'."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", _I_Y.sub(r"\1i\2", decomposed))


def words(text: str) -> list[list[str]]:
    """Split text into runs of lower-case words and numbers, broken at punctuation; a number
    loses its thousands separators ('10.000' and '10000' are one number)."""
    runs: list[list[str]] = []
    run: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        first = token[0]
        if first.isdigit():
            run.append(token.replace(".", "").replace(",", "") if _THOUSANDS.fullmatch(token)
                       else token)
        elif first.isalnum() or token == "%":
            run.append(spelling(token) if token[-1] in _FINAL_Y else token)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return runs


def plain(text: str) -> str:
    """Return the words of a text joined by single spaces, punctuation dropped."""
    return " ".join(w for run in words(text) for w in run)


@cache
def _abbreviations() -> tuple[str, ...]:
    """The abbreviations no sentence ends after ("TP."), from the language data (read by
    lexicon.py, the one loader, which itself needs this module: imported here, late)."""
    from bot.language.lexicon import load_patterns

    return load_patterns().sentence_abbreviations


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as 'TP.' whole."""
    parts = _SENTENCE_END.split(text.strip())
    sentences: list[str] = []
    for part in parts:
        if sentences and (sentences[-1].endswith(_abbreviations())
                          or _INITIAL.search(sentences[-1])):
            sentences[-1] = f"{sentences[-1]} {part}"
        elif part.strip():
            sentences.append(part.strip())
    return sentences


@cache
def _tokenizer():
    """pyvi's tokenizer, loaded without scikit-learn. pyvi's model is a sklearn-crfsuite CRF,
    which takes scikit-learn only for a base class and has its own stand-in for when
    scikit-learn is absent (sklearn_crfsuite/compat.py); tagging runs in python-crfsuite
    either way. Hiding scikit-learn while pyvi loads takes that stand-in and saves about a
    second at every start; the words are the same (tests/test_text.py checks)."""
    hidden = "sklearn" not in sys.modules
    if hidden:
        sys.modules["sklearn"] = None  # type: ignore[assignment] - "import sklearn" fails
    try:
        from pyvi import ViTokenizer
    finally:
        if hidden:
            del sys.modules["sklearn"]
    return ViTokenizer


def segment(text: str) -> list[str]:
    """Segment Vietnamese text into words with pyvi ('hội nghị' -> 'hội_nghị'). pyvi is
    imported here, on first use: commands that segment nothing never pay for loading it.
    Text pyvi cannot take (it fails on some characters) is split at spaces instead."""
    try:
        return _tokenizer().tokenize(_SURROGATE.sub("\ufffd", text)).split()
    except Exception:  # noqa: BLE001 - pyvi's tagger raises SystemError and others
        return text.split()


def word_count(text: str) -> int:
    """Count the syllables and numbers a reader sees."""
    return sum(1 for run in words(text) for w in run if w != "%")
