"""Vietnamese text handling: normalization, diacritic folding, sentences, index terms, pyvi."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyvi import ViTokenizer

LEXICON_PATH = Path(__file__).with_name("lexicon.json")

# The five Vietnamese tone marks as combining characters (after NFD).
_TONES = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|%|[^\w\s]")
_WORD = re.compile(r"[^\W_]")
# A sentence ends at . ! ? … followed by space and a capital, digit or quote; not after the
# abbreviations that Vietnamese news text uses before a name.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZÀ-Ỹ0-9Đ])")
_INITIAL = re.compile(r"(^|\s)[A-ZÀ-ỸĐ]\.$")  # "E. O. Wilson": an initial, not a sentence end
_ABBREVIATIONS = ("TP.", "Tp.", "TS.", "ThS.", "PGS.", "GS.", "BS.", "St.", "Mr.", "Dr.", "v.v.")


@dataclass(frozen=True)
class Lexicon:
    """Word lists from `lexicon.json`: casual spellings, fillers, synonyms, stopwords."""

    casual: dict[str, str]
    fillers: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...]
    stopwords: frozenset[str]
    folded_stopwords: frozenset[str]

    def is_stopword(self, word: str, typed_diacritics: bool = True) -> bool:
        """Tell whether a lower-case word is too common to rank by."""
        return word in self.stopwords or (not typed_diacritics and word in self.folded_stopwords)


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Read the lexicon data file; a broken file is a clear ValueError naming it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        casual = {normalize(k).lower(): normalize(v).lower() for k, v in raw["casual"].items()}
        fillers = tuple(sorted((normalize(f).lower() for f in raw["fillers"]), key=len)[::-1])
        synonyms = tuple(tuple(normalize(w).lower() for w in group) for group in raw["synonyms"])
        stopwords = frozenset(normalize(w).lower() for w in raw["stopwords"])
        folded_stopwords = frozenset(fold(normalize(w).lower()) for w in raw["folded_stopwords"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"cannot read the word lists in {path}: {exc}; fix the JSON") from exc
    return Lexicon(casual, fillers, synonyms, stopwords, folded_stopwords)


def normalize(text: str) -> str:
    """Return NFC text without control characters and with single spaces (newlines kept)."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def fold(text: str) -> str:
    """Remove every diacritic, đ included: 'Đường' -> 'Duong'."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


def has_diacritics(text: str) -> bool:
    """Tell whether the text has any Vietnamese diacritic (so was typed with them)."""
    return fold(text) != unicodedata.normalize("NFC", text)


def canonical(syllable: str) -> str:
    """Return a lower-case syllable with its tone moved to the end, so 'hoà' == 'hòa'."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tone = next((_TONES[c] for c in decomposed if c in _TONES), "")
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base) + tone


_I_Y = re.compile(r"^([bcdđghklmnprstvx]+)y([\u0300\u0301\u0303\u0309\u0323]?)$")


def spelling(word: str) -> str:
    """Treat the spellings of a final i/y after a consonant as one: 'kỳ' -> 'kì', 'lý' -> 'lí'."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", _I_Y.sub(r"\1i\2", decomposed))


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")


def words(text: str) -> list[list[str]]:
    """Split text into runs of lower-case words and numbers, broken at punctuation; a number
    loses its thousands separators ('10.000' and '10000' are one number)."""
    runs: list[list[str]] = [[]]
    for token in _TOKEN.findall(text.lower()):
        if token[:1].isdigit():
            runs[-1].append(re.sub(r"[.,]", "", token) if _THOUSANDS.fullmatch(token) else token)
        elif _WORD.match(token) or token == "%":
            runs[-1].append(spelling(token))
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def terms(text: str, *, exact: bool = True, folded: bool = True) -> list[str]:
    """Return index terms: canonical syllables and bigrams, and their folded forms ('~...')."""
    out: list[str] = []
    for run in words(text):
        if exact:
            exact_run = [canonical(w) for w in run]
            out.extend(exact_run)
            out.extend(f"{a} {b}" for a, b in zip(exact_run, exact_run[1:]))
        if folded:
            folded_run = ["~" + fold(w) for w in run]
            out.extend(folded_run)
            out.extend(f"{a} {b[1:]}" for a, b in zip(folded_run, folded_run[1:]))
    return out


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations such as 'TP.' whole."""
    parts = _SENTENCE_END.split(text.strip())
    sentences: list[str] = []
    for part in parts:
        if sentences and (sentences[-1].endswith(_ABBREVIATIONS) or _INITIAL.search(sentences[-1])):
            sentences[-1] = f"{sentences[-1]} {part}"
        elif part.strip():
            sentences.append(part.strip())
    return sentences


def segment(text: str) -> list[str]:
    """Segment Vietnamese text into words with pyvi ('hội nghị' -> 'hội_nghị')."""
    return ViTokenizer.tokenize(text).split()


def word_count(text: str) -> int:
    """Count the syllables and numbers a reader sees."""
    return sum(1 for run in words(text) for w in run if w != "%")
