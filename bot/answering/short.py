"""The short phrase that answers: the person (with their title), the whole date, the place,
the number with its unit and what it counts, chosen among the sentence's entities by where
the question's words stand. Front ends show it before the sentence."""

from __future__ import annotations

import math
import re

from bot.answering.entities import Entities, as_asked
from bot.answering.kinds import Kind
from bot.answering.query import Query
from bot.language.text import fold, segment, words

_SENTENCE_END = re.compile(r"[.!?;]\s+")
_DAY = re.compile(r"\d{1,2}[/-]\d{1,2}|(?i:ngày)\s+\d")  # a date down to the day
MAX_SHORT_WORDS = 12  # a longer phrase is not short: the sentence says it better
WRONG_SIDE = 2.0  # a candidate on the other side of what the question says is this much farther
COUNTED_BEFORE = 4  # words before a count that may say what it counts ("khách quốc tế đạt")
SUPPORT_REACH = 60  # characters around a count where the question's words speak for it
_PIVOT_REACH = 25  # characters between the word asked after and its answer ("gặp gỡ Charles")
_WORD_TAIL = 2  # syllables a word may go on with after a name's last capital ("Cộng sản")


def short_answer(query: Query, sentence: str, entities: Entities,
                 answer: str | None = None) -> str | None:
    """Return the phrase of the sentence that answers a who, when, where or how-many
    question, preferring one that the question does not already say; None for other kinds
    or when the sentence holds none. Who did what the question says is looked for in the
    whole `answer` when the sentence does not say it ("Ai dự hội nghị?": "… tổ chức hội
    nghị. Thủ tướng Phạm Minh Chính dự …")."""
    if (answer and query.kind == Kind.WHO and query.where.first
            and not _verb_spots(sentence, query) and _verb_spots(answer, query)):
        sentence = answer
    finders = {Kind.WHO: entities.people, Kind.WHEN: entities.dates, Kind.WHERE: entities.places,
               Kind.HOW_MANY: lambda text: entities.counts(text, list(query.where.counted))}
    finder = finders.get(query.kind)
    if finder is None:
        return None
    asked = {fold(w) for run in query.runs for w in run}
    found = [(start, c) for start, c in finder(sentence) if len(c.split()) <= MAX_SHORT_WORDS]
    if query.kind == Kind.HOW_MANY:  # a count is new when its number is
        fresh = [(start, c) for start, c in found
                 if re.sub(r"[.,%]", "", c.split()[0]) not in query.numbers]
    else:
        fresh = [(start, c) for start, c in found if not _said(c, asked)]
    if not fresh:
        return None
    # The answer stands next to what the question says, on the side the question asks it:
    # "Ai chủ trì hội nghị?" before "chủ trì", "Hội nghị do ai chủ trì?" after "hội nghị".
    # A fuller date (the day) says more than a year.
    anchors = _anchors(sentence, query) or [0]
    first = query.where.first

    def distance(found: tuple[int, str]) -> tuple[int, float]:
        start, said = found
        near = min(abs(start - a) for a in anchors)
        wrong_side = start > anchors[0] if first else start < anchors[-1]
        vague = query.kind == Kind.WHEN and not _DAY.search(said)
        return int(vague), near * (WRONG_SIDE if wrong_side else 1.0)

    if query.kind == Kind.HOW_MANY:
        # The count of what was asked ("850.000 lượt khách du lịch", not "45.000 lượt" of
        # foreign visitors), then the one among most of the question's words ("GRDP quý I
        # … tăng 6,8%", not the "tăng 8,3%" of services).
        counted = list(query.where.counted_phrase)
        spots = _spots(sentence, query)
        pivots = _pivot_ends(sentence, query)

        def fit(found: tuple[int, str]) -> tuple[int, int, float, float]:
            start, said = found
            number = entities.patterns.counts.match(sentence, start)
            after = sentence[number.end() if number else start:].split()[:len(counted)]
            folded = [as_asked(w) for w in after]
            run = entities.run_of(after, folded, counted)
            if said.endswith("%") and counted[:2] == ["phan", "tram"]:  # "%" says "phần trăm"
                run = 2 + entities.run_of(after, folded, counted[2:])
            # … or just before it: "khách quốc tế đạt 45.000 lượt".
            before = {as_asked(w)
                      for w in sentence[:start].split()[-COUNTED_BEFORE:]}
            follows = any(0 <= start - end <= _PIVOT_REACH for end in pivots)  # "giảm 0,3%"
            return (-(run + len(before & set(counted[1:]))), -int(follows),
                    -_support(spots, start), distance(found)[1])

        return min(fresh, key=fit)[1].strip(" ,;:-–")

    if query.kind == Kind.WHO and first:
        # "Ai chủ trì …?": the subject, the first person named before what is said of them
        # ("Đại tướng Tô Lâm, Ủy viên …, bộ trưởng … - chủ trì hội nghị"), in the sentence
        # that says it ("… năm 2022. Thủ tướng Phạm Minh Chính dự …" for "Ai dự …?").
        for at in _verb_spots(sentence, query):
            opening = max((m.end() for m in _SENTENCE_END.finditer(sentence, 0, at)), default=0)
            said_before = [f for f in fresh if opening <= f[0] < at]
            if said_before:
                return _whole(sentence, *said_before[0]).strip(" ,;:-–")
        before = [f for f in fresh if f[0] < anchors[0]]
        if before:
            return _whole(sentence, *before[0]).strip(" ,;:-–")
    if query.kind == Kind.WHO and query.where.before[-1:] == ("là",):
        # "Tô Lâm là ai?": the person with what the report calls them ("Đại tướng Tô Lâm").
        asked_name = {fold(w) for w in query.content}
        titled = [f for f in found if asked_name < {fold(w).lower() for w in f[1].split()}]
        if titled:
            return titled[0][1].strip(" ,;:-–")
    if not first and query.kind in (Kind.WHO, Kind.WHERE):
        # "… gặp ai?", "… nằm ở đâu?": the answer follows the word the question asks after.
        ends = _pivot_ends(sentence, query)
        after = [f for f in fresh if any(0 <= f[0] - end <= _PIVOT_REACH for end in ends)]
        if after:
            return _whole(sentence, *after[0]).strip(" ,;:-–")
    spots = _spots(sentence, query)

    def supported(found: tuple[int, str]) -> tuple[int, int, float]:
        # Among most of the question's words: "Giám đốc bệnh viện, bác sĩ Lê Quang Minh",
        # not the "Bệnh viện Chợ Rẫy" the sentence ends with.
        vague, near = distance(found)
        return vague, -_support(spots, found[0]), near

    # (A place is better found by nearness alone: measured on UIT-ViQuAD, F1 0.23 against 0.21.)
    chosen = min(fresh, key=distance if query.kind == Kind.WHERE else supported)
    return _whole(sentence, *chosen).strip(" ,;:-–")


def _verb_spots(sentence: str, query: Query) -> list[int]:
    """Where, in the text, the first word after the asking words stands: "dự" of "Ai dự hội
    nghị?"."""
    verb = query.where.verb
    if verb is None:
        return []
    return [m.start() for m in re.finditer(r"\w+", sentence)
            if fold(m.group(0)).lower() == fold(verb)]


def _pivot_ends(sentence: str, query: Query) -> list[int]:
    """Where, in the sentence, the word just before the question's asking words ends: "gặp"
    of "Mitterrand đã gặp ai?" ("… gặp gỡ Charles de Gaulle")."""
    pivot = query.where.pivot  # none for "Tô Lâm là ai?": it asks who he is
    if pivot is None:
        return []
    return [m.end() for m in re.finditer(r"\w+", sentence)
            if fold(m.group(0)).lower() == fold(pivot)]


def _whole(sentence: str, start: int, said: str) -> str:
    """The candidate with the rest of its last word, where a name ends inside a word pyvi
    reads whole: "Đảng Cộng" is "Đảng Cộng sản", "Trung" is "Trung Quốc"."""
    if not said[-1:].isalpha() or not said.split()[-1][:1].isupper():
        return said
    end = start + len(said)
    rest = sentence[end:].split()[:_WORD_TAIL]
    if not rest or not rest[0][:1].islower():
        return said
    last = said.split()[-1]
    for token in segment(sentence[max(0, end - len(last)):end + 40]):
        syllables = token.split("_")
        if syllables[0] == last and len(syllables) > 1:
            tail = syllables[1:]
            if [w.rstrip(",.;:!?") for w in rest[:len(tail)]] == tail:
                return " ".join([said, *tail])
        break
    return said


def _anchors(sentence: str, query: Query) -> list[int]:
    """Where in the sentence the question's content words stand (as typed, or folded for
    words typed without diacritics)."""
    exact = {w for run, flags, stop in zip(query.runs, query.exact, query.stop)
             for w, flag, s in zip(run, flags, stop) if flag and not s}
    folded = {fold(w) for run, flags, stop in zip(query.runs, query.exact, query.stop)
              for w, flag, s in zip(run, flags, stop) if not flag and not s}
    return [m.start() for m in re.finditer(r"\w+", sentence)
            if m.group(0).lower() in exact or fold(m.group(0)).lower() in folded]


def _spots(sentence: str, query: Query) -> list[tuple[int, str]]:
    """Where each content word of the question stands in the sentence, folded; not the words
    of its periods ("quý I" picks the sentence, not the number in it)."""
    content = {fold(w) for w in query.content} - query.period_words
    return [(m.start(), fold(m.group(0)).lower()) for m in re.finditer(r"\w+", sentence)
            if fold(m.group(0)).lower() in content]


def _support(spots: list[tuple[int, str]], start: int) -> float:
    """How much of the question stands around a candidate: each of its words within reach,
    a word the sentence says often counting less ("khu vực dịch vụ tăng 8,3%": "dịch vụ"
    once, "tăng" before every number)."""
    times: dict[str, int] = {}
    for _, word in spots:
        times[word] = times.get(word, 0) + 1
    near = {word for at, word in spots if abs(at - start) <= SUPPORT_REACH}
    return math.fsum(1 / times[word] for word in near)  # exact: no order of the set shows


def _said(candidate: str, asked: set[str]) -> bool:
    """Tell whether the question already says most of the candidate ("Tô Lâm là ai?" is not
    answered by "Tô Lâm")."""
    own = [fold(w) for run in words(candidate) for w in run]
    return bool(own) and sum(w in asked for w in own) * 2 > len(own)
