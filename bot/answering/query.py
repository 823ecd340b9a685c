"""Read a question once, as people type it, into a complete Query: its kind, its words and
how they were typed, names, numbers, periods, the synonyms it uses, where it asks and what a
follow-up points back to. Nothing downstream re-reads the question's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.answering.asking import Asking, asking_of
from bot.answering.cleaning import MARKUP, Vocabulary, clean, corrected
from bot.answering.entities import entities_of
from bot.answering.kinds import Kind, Talk
from bot.answering.names import capitalized_names, names_of
from bot.answering.phrases import (
    about_of,
    asked_position,
    asking_nouns,
    kind_of,
    language_of,
    matches,
    smalltalk_of,
)
from bot.answering.reference import Reference, reference_of
from bot.answering.when import Wanted, wanted_in
from bot.answering.wording import (
    Flags,
    accented_share,
    asking_stopped,
    compound_pairs,
    content_of,
    marked,
    stopwords_in,
    synonyms_of,
    written_out,
)
from bot.language.lexicon import Lexicon, load_lexicon
from bot.language.periods import Period, find_periods, months_in
from bot.language.text import Pair, Run, fold, has_diacritics, normalize, plain, words

MAX_QUESTION_CHARS = 1000

__all__ = ["MAX_QUESTION_CHARS", "Pair", "Query", "Run", "Vocabulary", "clean", "read"]


@dataclass(frozen=True)
class Query:
    """A question as read: what it asks, its words and how they were typed."""

    text: str  # the question as normalized (NFC, spaces), for display
    cleaned: str  # lower case, casual forms expanded, fillers dropped, spelling corrected
    kind: Kind  # why, when, how_many, who, where, how, yes_no, what, other; summary (of a
    #             report), documents (which reports there are)
    smalltalk: Talk | None  # help, thanks, greeting, or None for a real question
    about: Kind | None  # AUTHOR or DATE when the question is about the document itself
    language: str  # "en" when the question reads as English, else "vi"
    runs: tuple[Run, ...]  # the words, in runs broken at punctuation
    exact: Flags  # per word: meant as typed, not folded (see wording.marked)
    stop: Flags  # per word: too common to search by (a stopword)
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
    says_list: bool  # the words of a list, whatever the kind ("gồm những ai" asks who)
    compounds: frozenset[Pair]  # neighbouring words pyvi joins ("hội nghị"); empty untyped
    synonyms: tuple[tuple[Run, Run], ...]  # (synonym group, the phrases of it the question says)
    periods: tuple[Period, ...]  # the periods it names ("quý I năm 2024")
    period_words: frozenset[str]  # the folded words that name them
    claimed_months: frozenset[tuple[int, int | None]]  # (month, day) it names ("21/6")
    where: Asking  # where it asks: the words around its asking phrase, what it counts
    plain_words: frozenset[str]  # every word, folded (what names a report's title)
    reference: Reference  # what a follow-up points back to ("ông ấy", "còn X thì sao?")
    people: Run  # the people it names, as written ("Đại tướng Tô Lâm"; no bodies)
    wanted: tuple[Wanted, ...] = ()  # the periods it wants figures for ("quý 2/2025")
    compares: bool = False  # a change to compute ("tăng bao nhiêu %", "chênh lệch")
    compared: bool = False  # it compares with something ("so với 2023", "so với cùng kỳ")
    which: bool = False  # which of two is higher ("… hay … cao hơn?")
    live: bool = False  # of this very moment or later ("hôm nay", "ngày mai")
    planned: bool = False  # the plan's figure ("kế hoạch doanh thu 2024"), not the result
    plan_share: bool = False  # of it, the share done ("đạt bao nhiêu % kế hoạch")
    series: bool = False  # a figure over periods ("qua các quý", "xu hướng")
    position: tuple[str, str] | None = None  # (position, body) a who-question asks the holder
    #                                           of, folded ("chu tich", "hoi dong quan tri")
    of_auditor: bool = False  # it is about the auditor's own report ("báo cáo kiểm toán")


def _without(names: tuple[str, ...], cleaned: str) -> str:
    """The question with the names it says blanked (for what asks, not what is named)."""
    folded = fold(cleaned).lower()
    if len(folded) != len(cleaned):
        return cleaned
    kept = list(cleaned)
    for name in names:
        if len(name.split()) > 1:  # a single word may be a question's own ("Ai")
            for m in re.finditer(rf"(?<!\w){re.escape(fold(name).lower())}(?!\w)", folded):
                kept[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(kept)


def read(question: str, lexicon: Lexicon | None = None,
         vocabulary: Vocabulary | None = None, today: date | None = None) -> Query:
    """Read a question into a Query; long questions are cut to MAX_QUESTION_CHARS. With a
    `vocabulary`, words the reports never use are corrected to the closest they do; with
    `today`, "năm nay" and "năm ngoái" name years."""
    lexicon = lexicon or load_lexicon()
    text = normalize(question)[:MAX_QUESTION_CHARS]
    cleaned = clean(text, lexicon)
    patterns = lexicon.patterns
    smalltalk = smalltalk_of(cleaned, patterns)
    language = "vi" if has_diacritics(cleaned) else language_of(cleaned, patterns)
    named = text
    if vocabulary is not None and smalltalk is None and language == "vi":
        runs = tuple(tuple(run) for run in words(cleaned))
        named = corrected(text, content_of(runs, stopwords_in(runs, lexicon)), vocabulary)
        if named != text:
            cleaned = clean(named, lexicon)
    typed = has_diacritics(cleaned)
    runs = tuple(tuple(run) for run in words(cleaned))
    written = written_out(cleaned)
    exact = marked(runs, written, vocabulary)
    without_markup = MARKUP.sub(" ", named)
    names = (names_of(without_markup, lexicon) if written
             else capitalized_names(without_markup, lexicon))
    # The "May" of "Dệt May Thái Hòa", written out, is a name's, no "mấy" asking how many.
    kind, asking = kind_of(_without(names, cleaned) if written else cleaned, patterns)
    stop = asking_stopped(kind, asking, runs, stopwords_in(runs, lexicon), cleaned, patterns)
    content = content_of(runs, stop)
    periods = find_periods(cleaned, today)
    nouns = asking_nouns(cleaned, patterns)
    compounds = compound_pairs(cleaned) if typed else frozenset()
    return Query(
        text=text, cleaned=cleaned, kind=kind, smalltalk=smalltalk,
        about=about_of(cleaned, patterns), language=language, runs=runs, exact=exact, stop=stop,
        typed=typed, written_out=written, accented=accented_share(cleaned),
        content=content,
        numbers=tuple(w for w in content if w[:1].isdigit()),
        names=names,
        asking=frozenset(fold(" ".join(asking)).split()) | nouns,
        asked_phrases=asking,
        asking_nouns=nouns,
        asks_number=matches(patterns.asks_number, cleaned),
        asks_place=matches(patterns.asks_place, cleaned),
        asks_date=matches(patterns.asks_date, cleaned),
        wants_list=not kind.single and matches(patterns.lists, cleaned),
        says_list=matches(patterns.lists, cleaned),
        compounds=compounds,
        synonyms=synonyms_of(cleaned, lexicon),
        periods=tuple(period for period, _ in periods),
        period_words=frozenset(w for _, said in periods for run in words(said) for w in run)
        | _period_modifiers(cleaned, periods),
        claimed_months=frozenset(months_in(text)),
        where=asking_of(cleaned, asking, content, runs, compounds, patterns.reporting),
        plain_words=frozenset(fold(w) for w in plain(cleaned).split()),
        reference=reference_of(text, lexicon),
        people=_people(text, lexicon),
        wanted=wanted_in(text),
        compares=matches(patterns.comparisons, cleaned),
        compared=matches(patterns.compared_to, cleaned),
        which=matches(patterns.which, cleaned),
        live=matches(patterns.live, cleaned),
        planned=matches(patterns.plans, cleaned),
        plan_share=matches(patterns.plans, cleaned) and matches(patterns.plan_shares, cleaned),
        series=matches(patterns.series, cleaned),
        position=asked_position(cleaned, patterns.positions, patterns.bodies)
        if kind == Kind.WHO else None,
        of_auditor=matches(patterns.auditor_report, cleaned),
    )


# Words that place a point inside a period the question names ("cuối năm 2024", "đầu quý
# 2"): they name the period too, not something the reports must say.
_MODIFIERS = ("cuoi", "dau", "giua", "het")
_UNIT = "(?:nam|quy|thang|ky)"  # the period's unit, between the modifier and its number


def _period_modifiers(cleaned: str, periods) -> frozenset[str]:
    folded = fold(cleaned).lower()
    return frozenset(m for _, said in periods for m in _MODIFIERS
                     if re.search(rf"\b{m}\s+(?:{_UNIT}\s+)?{re.escape(said)}", folded))


def _people(text: str, lexicon: Lexicon) -> Run:
    """The people a question names: who "ông ấy" in the next one means."""
    entities = entities_of(lexicon.patterns)
    return tuple(p for _, p in entities.persons(text) if not entities.organization.match(p))
