"""How a question's words are typed and what they do: which are meant exactly as typed,
which are stopwords or only ask, the share typed with diacritics, the pairs pyvi joins and the
synonym groups it uses."""

from __future__ import annotations

import re

from bot.answering import tuning
from bot.answering.cleaning import Vocabulary
from bot.answering.kinds import Kind
from bot.answering.phrases import found_folded
from bot.language.lexicon import Lexicon, Patterns
from bot.language.text import Pair, Run, fold, has_diacritics, plain, segment, spelling, words
from bot.search import terms

Flags = tuple[tuple[bool, ...], ...]  # one flag per word, run by run


def marked(runs: tuple[Run, ...], written: bool,
           vocabulary: Vocabulary | None) -> Flags:
    """Tell, word by word, whether a word is meant exactly as typed: it has diacritics, or the
    question is written out with them and the reports use the word as typed ("trong", "an").
    Any other word is matched folded: "hoi" in "Ai chủ trì hoi nghị?" is "hội" or "hỏi"."""
    def exact(word: str) -> bool:
        if has_diacritics(word):
            return True
        return written and (vocabulary is None or terms.exact(word) in vocabulary)

    return tuple(tuple(exact(w) for w in run) for run in runs)


def stopwords_in(runs: tuple[Run, ...], lexicon: Lexicon) -> Flags:
    """Tell, word by word, whether a word is a stopword; a word typed without diacritics is
    looked up in the folded list too ("la" is "là")."""
    return tuple(tuple(lexicon.is_stopword(w, has_diacritics(w)) for w in run) for run in runs)


def asking_stopped(kind: Kind, asking: tuple[str, ...], runs: tuple[Run, ...],
                    stop: Flags, cleaned: str,
                    patterns: Patterns) -> Flags:
    """Mark the words that only ask as stopwords however they are typed: they are not what
    is asked about. A yes/no question's frame ("có phải … không", "co phai … ko"), whatever
    the typing; for other kinds, the words of the asking phrase that only ask, typed without
    diacritics (the "the" of "the nao" is "thế", not "thẻ"; the "ngay" of "ngay nao" stays,
    as "ngày" does, and the "co quan" of "co quan nao")."""
    if kind == "yes_no":
        asked = cleaned.rstrip("?!.… ")
        said = [m.group(0) for m in re.finditer(patterns.yes_no_frame, asked)]
        said += found_folded(patterns.yes_no_frame, asked)  # "co phai", "Có phai", "khong"
        frame, typed_too = {fold(w) for phrase in said for w in phrase.split()}, True
    elif kind in ("other", "documents", "summary"):
        return stop
    else:
        frame = {fold(w) for phrase in asking for w in phrase.split()} & patterns.asking_words
        typed_too = False
    return tuple(tuple(s or (fold(w) in frame and (typed_too or not has_diacritics(w)))
                       for w, s in zip(run, flags)) for run, flags in zip(runs, stop))


def content_of(runs: tuple[Run, ...], stop: Flags) -> Run:
    return tuple(w for run, flags in zip(runs, stop) for w, flag in zip(run, flags) if not flag)


def accented_share(cleaned: str) -> float:
    """Return the share of the question's words (not numbers) typed with diacritics."""
    letters = [w for run in words(cleaned) for w in run if not w[:1].isdigit()]
    return sum(map(has_diacritics, letters)) / len(letters) if letters else 0.0


def written_out(cleaned: str) -> bool:
    """Tell whether the question is written with diacritics: most of its words have them (in
    natural Vietnamese, 19 questions in 20 have them on WRITTEN_OUT_SHARE of their words or
    more); then a word without any ("an", "trong") may be meant as it stands."""
    share = accented_share(cleaned)
    return share > 0 and share >= tuning.WRITTEN_OUT_SHARE


def compound_pairs(cleaned: str) -> frozenset[Pair]:
    """Return the pairs of neighbouring syllables that pyvi joins into one word."""
    pairs: set[Pair] = set()
    for token in segment(cleaned):
        syllables = [spelling(s) for s in token.lower().split("_")]
        pairs.update(zip(syllables, syllables[1:]))
    return frozenset(pairs)


def synonyms_of(cleaned: str, lexicon: Lexicon) -> tuple[tuple[Run, Run], ...]:
    """Return each synonym group the question uses, with the phrases of it that it says: as
    written, or folded when typed without diacritics, then only a phrase of two or more words
    ("noi" may be the "Nội" of "Hà Nội" as well as "nói")."""
    asked_text = f" {plain(cleaned)} "
    folded_text = None if has_diacritics(cleaned) else fold(asked_text)
    found = []
    for group in lexicon.synonyms:
        asked = []
        for phrase in group:
            said = plain(phrase)
            if f" {said} " in asked_text or (folded_text is not None and " " in said
                                             and f" {fold(said)} " in folded_text):
                asked.append(phrase)
        if asked:
            found.append((group, tuple(asked)))
    return tuple(found)
