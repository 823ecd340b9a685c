"""Read a question once, as people type it, into a complete Query: its kind, its words and
how they were typed, names, numbers, the synonyms it uses. Nothing downstream re-reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

from bot.answering import tuning
from bot.language.lexicon import Lexicon, Patterns, load_lexicon
from bot.language.periods import Period, find_periods
from bot.language.text import fold, has_diacritics, normalize, plain, segment, spelling, words
from bot.search import terms

MAX_QUESTION_CHARS = 1000
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
_MARKUP = re.compile(r"<[^>]{0,200}>|[*_`#~|]+")  # HTML tags and Markdown emphasis in questions
_LETTER_RUNS = re.compile(r"[^\W\d_]+(?:\s+[^\W\d_]+)*")  # words, broken at anything else
_QUESTION_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[\w%]+|[^\w\s]")
# A syllable Vietnamese spelling allows, diacritics folded: onset, vowels, final consonant.
_SYLLABLE = re.compile(r"(ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                       r"(ch|ng|nh|[cmnpt])?")

Run = tuple[str, ...]
Pair = tuple[str, str]


class Vocabulary(Protocol):
    """What the reports' index can tell about a word: is a term used, what was meant."""

    def __contains__(self, term: str) -> bool: ...

    def correct(self, word: str) -> str | None: ...


@dataclass(frozen=True)
class Query:
    """A question as read: what it asks, its words and how they were typed."""

    text: str  # the question as normalized (NFC, spaces), for display
    cleaned: str  # lower case, casual forms expanded, fillers dropped, spelling corrected
    kind: str  # why, when, how_many, who, where, how, yes_no, what, other; summary (of a
    #            report), documents (which reports there are)
    smalltalk: str | None  # help, thanks, greeting, or None for a real question
    about: str | None  # "author" or "date" when the question is about the document itself
    language: str  # "en" when the question reads as English, else "vi"
    runs: tuple[Run, ...]  # the words, in runs broken at punctuation
    exact: tuple[tuple[bool, ...], ...]  # per word: meant as typed, not folded (see marked)
    stop: tuple[tuple[bool, ...], ...]  # per word: too common to search by (a stopword)
    typed: bool  # some word has diacritics
    written_out: bool  # most words have them
    accented: float  # the share of its words (not numbers) typed with diacritics
    content: Run  # the meaningful words, in order
    numbers: Run  # numbers the answer's document must hold
    names: Run  # capitalized names the reports must hold (folded, lower case)
    asking: frozenset[str]  # folded words that ask ("muc", "dich" of "nhằm mục đích gì",
    #                        "dac", "diem" of "đặc điểm"): no answer need say them
    asked_phrases: tuple[str, ...]  # the phrases that make the kind, as typed ("ngày nào")
    asking_nouns: frozenset[str]  # of them, those naming the kind of answer
    #                        wanted ("đặc điểm", "vai trò"): they find little, so weigh less
    asks_number: bool  # "bao nhiêu", "mấy": the answer must hold a number
    asks_place: bool  # "ở đâu", "nơi nào": the answer must name a place
    asks_date: bool  # "tháng mấy", "năm bao nhiêu": a period is the answer, not the frame
    wants_list: bool  # "những gì", "các … nào": every item, not one sentence
    compounds: frozenset[Pair]  # neighbouring words pyvi joins ("hội nghị"); empty untyped
    synonyms: tuple[tuple[Run, Run], ...]  # (synonym group, the phrases of it the question says)
    periods: tuple[Period, ...] = ()  # the periods it names ("quý I năm 2024")
    period_words: frozenset[str] = frozenset()  # the folded words that name them


def read(question: str, lexicon: Lexicon | None = None,
         vocabulary: Vocabulary | None = None, today: date | None = None) -> Query:
    """Read a question into a Query; long questions are cut to MAX_QUESTION_CHARS. With a
    `vocabulary`, words the reports never use are corrected to the closest they do; with
    `today`, "năm nay" and "năm ngoái" name years."""
    lexicon = lexicon or load_lexicon()
    text = normalize(question)[:MAX_QUESTION_CHARS]
    cleaned = clean(text, lexicon)
    patterns = lexicon.patterns
    typed = has_diacritics(cleaned)
    smalltalk = smalltalk_of(cleaned, patterns)
    language = "vi" if typed else language_of(cleaned, patterns)
    runs = tuple(tuple(run) for run in words(cleaned))
    exact = marked(runs, written_out(cleaned), vocabulary)
    stop = stopwords_in(runs, lexicon)
    content = _content(runs, stop)
    named = text
    if vocabulary is not None and smalltalk is None and language == "vi":
        named = corrected(text, content, vocabulary)
        if named != text:
            cleaned = clean(named, lexicon)
            typed = has_diacritics(cleaned)
            runs = tuple(tuple(run) for run in words(cleaned))
            exact = marked(runs, written_out(cleaned), vocabulary)
            stop = stopwords_in(runs, lexicon)
            content = _content(runs, stop)
    kind, asking = kind_of(cleaned, patterns)
    stop = _asking_stopped(kind, asking, runs, stop, cleaned, patterns)
    content = _content(runs, stop)
    names = (names_of(_MARKUP.sub(" ", named), lexicon) if written_out(cleaned)
             else capitalized_names(_MARKUP.sub(" ", named), lexicon))
    periods = find_periods(cleaned, today)
    nouns = asking_nouns(cleaned, patterns)
    return Query(
        text=text, cleaned=cleaned, kind=kind, smalltalk=smalltalk,
        about=about_of(cleaned, patterns), language=language, runs=runs, exact=exact, stop=stop,
        typed=typed, written_out=written_out(cleaned), accented=accented_share(cleaned),
        content=content,
        numbers=tuple(w for w in content if w[:1].isdigit()),
        names=names,
        asking=frozenset(fold(" ".join(asking)).split()) | nouns,
        asked_phrases=asking,
        asking_nouns=nouns,
        asks_number=_match(patterns.asks_number, cleaned),
        asks_place=_match(patterns.asks_place, cleaned),
        asks_date=_match(patterns.asks_date, cleaned),
        wants_list=kind not in ("who", "when", "how_many") and _match(patterns.lists, cleaned),
        compounds=compound_pairs(cleaned) if typed else frozenset(),
        synonyms=synonyms_of(cleaned, lexicon),
        periods=tuple(period for period, _ in periods),
        period_words=frozenset(w for _, said in periods for run in words(said) for w in run),
    )


def marked(runs: tuple[Run, ...], written: bool,
           vocabulary: Vocabulary | None) -> tuple[tuple[bool, ...], ...]:
    """Tell, word by word, whether a word is meant exactly as typed: it has diacritics, or the
    question is written out with them and the reports use the word as typed ("trong", "an").
    Any other word is matched folded: "hoi" in "Ai chủ trì hoi nghị?" is "hội" or "hỏi"."""
    def exact(word: str) -> bool:
        if has_diacritics(word):
            return True
        return written and (vocabulary is None or terms.exact(word) in vocabulary)

    return tuple(tuple(exact(w) for w in run) for run in runs)


def stopwords_in(runs: tuple[Run, ...], lexicon: Lexicon) -> tuple[tuple[bool, ...], ...]:
    """Tell, word by word, whether a word is a stopword; a word typed without diacritics is
    looked up in the folded list too ("la" is "là")."""
    return tuple(tuple(lexicon.is_stopword(w, has_diacritics(w)) for w in run) for run in runs)


def _asking_stopped(kind: str, asking: tuple[str, ...], runs: tuple[Run, ...],
                    stop: tuple[tuple[bool, ...], ...], cleaned: str,
                    patterns: Patterns) -> tuple[tuple[bool, ...], ...]:
    """Mark the words that only ask as stopwords however they are typed: they are not what
    is asked about. A yes/no question's frame ("có phải … không", "co phai … ko"), whatever
    the typing; for other kinds, the words of the asking phrase that only ask, typed without
    diacritics (the "the" of "the nao" is "thế", not "thẻ"; the "ngay" of "ngay nao" stays,
    as "ngày" does, and the "co quan" of "co quan nao")."""
    if kind == "yes_no":
        asked = cleaned.rstrip("?!.… ")
        said = [m.group(0) for m in re.finditer(patterns.yes_no_frame, asked)]
        said += _found_folded(patterns.yes_no_frame, asked)  # "co phai", "Có phai", "khong"
        frame, typed_too = {fold(w) for phrase in said for w in phrase.split()}, True
    elif kind in ("other", "documents", "summary"):
        return stop
    else:
        frame = {fold(w) for phrase in asking for w in phrase.split()} & patterns.asking_words
        typed_too = False
    return tuple(tuple(s or (fold(w) in frame and (typed_too or not has_diacritics(w)))
                       for w, s in zip(run, flags)) for run, flags in zip(runs, stop))


def _content(runs: tuple[Run, ...], stop: tuple[tuple[bool, ...], ...]) -> Run:
    return tuple(w for run, flags in zip(runs, stop) for w, flag in zip(run, flags) if not flag)


def clean(question: str, lexicon: Lexicon, keep_case: bool = False) -> str:
    """Lower-case (unless `keep_case`), expand casual spellings ('ko' -> 'không'), drop
    fillers at either end. A casual form capitalized inside the question is a name
    ("Bệnh viện K"), not "không"."""
    text = _MARKUP.sub(" ", normalize(question).replace("\n", " "))
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


def _found(pattern: str, cleaned: str) -> list[str]:
    """Return what a pattern written with diacritics matches in the question; where it does
    not match as written, words typed without diacritics match it folded ("ai chu tri" and
    "Hội nghị có bao nhieu đại biểu" ask who and how many), beside words typed as the pattern
    spells them ("Tóm tat bài"), but a word typed with other diacritics does not (the "máy"
    of "bộ máy" is no "mấy")."""
    found = [m.group(0) for m in re.finditer(pattern, cleaned)]
    return found or _found_folded(pattern, cleaned)


def typed_as(said: str, pattern: str) -> bool:
    """Tell whether words a folded pattern matched were typed as the pattern spells them or
    without diacritics ("ông ay" is "ông ấy"; the "máy" of "bộ máy" is no "mấy")."""
    written, folded_words, _ = _pattern_words(pattern)
    return all(w in written or fold(w) not in folded_words
               for w in said.lower().split() if has_diacritics(w))


def _found_folded(pattern: str, cleaned: str) -> list[str]:
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


def _match(pattern: str, cleaned: str) -> bool:
    return bool(_found(pattern, cleaned))


def kind_of(cleaned: str, patterns: Patterns) -> tuple[str, tuple[str, ...]]:
    """Return the question kind (or 'other') and the phrases that make it ("mục đích"): a
    question about the reports themselves first (which there are, what one says)."""
    cleaned = cleaned.rstrip("?!.… ")
    for kind, pattern in (("documents", patterns.documents), ("summary", patterns.summary),
                          *patterns.kinds):
        found = _found(pattern, cleaned)
        if found:
            return kind, tuple(found)
    return "other", ()


def asking_nouns(cleaned: str, patterns: Patterns) -> frozenset[str]:
    """Return the folded words of the nouns that name what kind of answer is wanted
    ("mục đích", "đặc điểm", "vai trò"): the answer gives it without saying so."""
    said = f" {fold(plain(cleaned))} "
    return frozenset(w for noun in patterns.asking_nouns if f" {fold(noun)} " in said
                     for w in fold(noun).split())


def smalltalk_of(cleaned: str, patterns: Patterns) -> str | None:
    """Return help, thanks or greeting when that is all the message says."""
    bare = re.sub(r"[^\w\s]", " ", cleaned).strip()
    for kind, pattern in patterns.smalltalk:
        rest = re.sub(rf"\b(?:{pattern})\b", " ", bare)
        rest = re.sub(rf"\b(?:{fold(pattern)})\b", " ", fold(rest)) if rest == bare else rest
        if rest != bare and not re.sub(rf"\b({patterns.smalltalk_extras})\b", "", rest).strip():
            return kind
    return None


def about_of(cleaned: str, patterns: Patterns) -> str | None:
    """Tell whether the question asks who wrote the document or when it is dated."""
    if _match(patterns.author, cleaned):
        return "author"
    if _match(patterns.document_date, cleaned) and _match(patterns.this_document, cleaned):
        return "date"
    return None


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
        whole = len(syllables) > 1 and all(s[:1].isupper() for s in syllables)
        if position == 0 and not whole and not (len(tokens) > 1 and tokens[1][:1].isupper()):
            tail = [i for i, s in enumerate(syllables) if i and s[:1].isupper()]
            if not tail:
                continue
            syllables = syllables[tail[0]:]
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
                       and not _ROMAN_NUMERAL.fullmatch(token))
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


def language_of(cleaned: str, patterns: Patterns) -> str:
    """Return 'en' when an English question word is there and most words cannot be Vietnamese
    syllables ("chaired", "what"); "can", "the", "an" typed without diacritics are Vietnamese
    too ("cần", "thế", "an")."""
    tokens = [w for run in words(cleaned) for w in run if not w[:1].isdigit()]
    foreign = sum(1 for w in tokens if not _SYLLABLE.fullmatch(fold(w)))
    english = any(w in patterns.english for w in tokens)
    return "en" if english and foreign >= 2 and foreign * 2 >= len(tokens) else "vi"


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
