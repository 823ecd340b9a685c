"""The short phrase that answers: the person (with their title), the whole date, the place,
the number with its unit and what it counts. Front ends show it before the sentence."""

from __future__ import annotations

import math
import re

from bot.answering.choice import Draft
from bot.answering.query import Query
from bot.language.lexicon import load_patterns
from bot.language.text import fold, segment, words

_UPPER = "".join(chr(i) for i in range(0x41, 0x1EFA) if chr(i).isupper())
_CAPITAL = rf"[{_UPPER}][^\s,;:.!?()\"“”]*"
# Particles inside foreign names: "Charles de Gaulle", "Ludwig van Beethoven" (not "do", "y":
# Vietnamese words).
_NEXT = rf"(?:\s+(?:de|du|des|van|von|der|den|del|da|di|dos|bin|ibn|al))?\s+{_CAPITAL}"
_PATTERNS = load_patterns()
_PERSON = re.compile(rf"(?:(?i:{_PATTERNS.person_titles})\s+)*{_CAPITAL}(?:{_NEXT})+"
                     rf"|(?:(?i:{_PATTERNS.person_titles})\s+){_CAPITAL}")
_NAME = re.compile(rf"{_CAPITAL}(?:{_NEXT})*")
_TITLE = re.compile(rf"^(?:(?i:{_PATTERNS.person_titles})\s+)+")
_TITLED = re.compile(rf"(?i:{_PATTERNS.person_titles})\s*$")  # "bộ trưởng" before "Bộ Công an"
_BODY_OPENERS = "|".join(sorted((w[:1].upper() + w[1:] for w in _PATTERNS.organizations.split("|")),
                                key=len, reverse=True))  # the body words, capitalized
_BODY = re.compile(rf"(?<!\w)(?:{_BODY_OPENERS})(?!\w)")
BODY_WORDS = 6  # words of a body's name after its opener: "Đa khoa tỉnh Lâm Đồng"
_ORGANIZATION = re.compile(rf"^(?i:{_PATTERNS.organizations})\b")
_PLACE = re.compile(rf"\b(?i:{_PATTERNS.place_openers})\s+((?:(?:các|những)\s+)?"
                    rf"[^\W\d_]+(?:\s+[^\W\d_]+){{0,5}})")
_SENTENCE_END = re.compile(r"[.!?;]\s+")
_DAY = re.compile(r"\d{1,2}[/-]\d{1,2}|(?i:ngày)\s+\d")  # a date down to the day
_CLAUSE_END = re.compile(r"\s+(?:và|nhưng|để|nhằm|với|cùng|khi|do|vì|nên|thì|đã|sẽ|được)\s")
MAX_SHORT_WORDS = 12  # a longer phrase is not short: the sentence says it better
WRONG_SIDE = 2.0  # a candidate on the other side of what the question says is this much farther
_LITTLE = {"va", "cua", "la", "thi", "ma", "voi", "cho", "trong", "tu", "den", "nhung", "cac",
           "duoc", "bi", "da", "se", "dang", "o", "tai", "nam"}  # no unit after a number


_UNIT = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # a word of letters ("mét", "héc-ta")
UNIT_WORDS = 3  # words after a number that may say what it counts ("12 trường", "2,2 triệu người")
COUNTED_WORDS = 4  # words after "bao nhiêu" that say what is counted ("lượt khách du lịch")
COUNTED_BEFORE = 4  # words before a count that may say what it counts ("khách quốc tế đạt")
SUPPORT_REACH = 60  # characters around a count where the question's words speak for it
_PIVOT_REACH = 25  # characters between the word asked after and its answer ("gặp gỡ Charles")
_WORD_TAIL = 2  # syllables a word may go on with after a name's last capital ("Cộng sản")


def short_answer(query: Query, sentence: str, answer: str | None = None) -> str | None:
    """Return the phrase of the sentence that answers a who, when, where or how-many
    question, preferring one that the question does not already say; None for other kinds
    or when the sentence holds none. Who did what the question says is looked for in the
    whole `answer` when the sentence does not say it ("Ai dự hội nghị?": "… tổ chức hội
    nghị. Thủ tướng Phạm Minh Chính dự …")."""
    if (answer and query.kind == "who" and _asks_first(query)
            and not _verb_spots(sentence, query) and _verb_spots(answer, query)):
        sentence = answer
    finders = {"who": _people, "when": _dates, "where": _places,
               "how_many": lambda text: _counts(text, _counted(query)[0])}
    finder = finders.get(query.kind)
    if finder is None:
        return None
    asked = {fold(w) for run in query.runs for w in run}
    found = [(start, c) for start, c in finder(sentence) if len(c.split()) <= MAX_SHORT_WORDS]
    if query.kind == "how_many":  # a count is new when its number is
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
    first = _asks_first(query)

    def distance(found: tuple[int, str]) -> tuple[int, float]:
        start, said = found
        near = min(abs(start - a) for a in anchors)
        wrong_side = start > anchors[0] if first else start < anchors[-1]
        vague = query.kind == "when" and not _DAY.search(said)
        return int(vague), near * (WRONG_SIDE if wrong_side else 1.0)

    if query.kind == "how_many":
        # The count of what was asked ("850.000 lượt khách du lịch", not "45.000 lượt" of
        # foreign visitors), then the one among most of the question's words ("GRDP quý I
        # … tăng 6,8%", not the "tăng 8,3%" of services).
        counted = _counted(query)[1]
        spots = _spots(sentence, query)
        pivots = _pivot_ends(sentence, query)

        def fit(found: tuple[int, str]) -> tuple[int, int, float, float]:
            start, said = found
            number = _PATTERNS.counts.match(sentence, start)
            after = sentence[number.end() if number else start:].split()[:len(counted)]
            folded = [fold(w.strip(",.;:")).lower() for w in after]
            run = _run_of(after, folded, counted)
            if said.endswith("%") and counted[:2] == ["phan", "tram"]:  # "%" says "phần trăm"
                run = 2 + _run_of(after, folded, counted[2:])
            # … or just before it: "khách quốc tế đạt 45.000 lượt".
            before = {fold(w.strip(",.;:")).lower()
                      for w in sentence[:start].split()[-COUNTED_BEFORE:]}
            follows = any(0 <= start - end <= _PIVOT_REACH for end in pivots)  # "giảm 0,3%"
            return (-(run + len(before & set(counted[1:]))), -int(follows),
                    -_support(spots, start), distance(found)[1])

        return min(fresh, key=fit)[1].strip(" ,;:-–")

    if query.kind == "who" and first:
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
    if query.kind == "who" and _before_asked(query)[-1:] == ["là"]:
        # "Tô Lâm là ai?": the person with what the report calls them ("Đại tướng Tô Lâm").
        asked_name = {fold(w) for w in query.content}
        titled = [f for f in found if asked_name < {fold(w).lower() for w in f[1].split()}]
        if titled:
            return titled[0][1].strip(" ,;:-–")
    if not first and query.kind in ("who", "where"):
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
    chosen = min(fresh, key=distance if query.kind == "where" else supported)
    return _whole(sentence, *chosen).strip(" ,;:-–")


def _verb_spots(sentence: str, query: Query) -> list[int]:
    """Where, in the text, the first word after the asking words stands: "dự" of "Ai dự hội
    nghị?"."""
    text = query.cleaned
    asked = max((text.find(p) + len(p) for p in query.asked_phrases if text.find(p) >= 0),
                default=-1)
    after = [w for run in words(text[asked:]) for w in run] if asked >= 0 else []
    content = set(query.content)
    verb = next((w for w in after if w in content), None)
    if verb is None:
        return []
    return [m.start() for m in re.finditer(r"\w+", sentence)
            if fold(m.group(0)).lower() == fold(verb)]


def _before_asked(query: Query) -> list[str]:
    """The words of the question before the words that ask ("tô lâm là" of "Tô Lâm là ai?")."""
    text = query.cleaned
    asked = min((text.find(p) for p in query.asked_phrases if text.find(p) > 0), default=-1)
    return [w for run in words(text[:asked]) for w in run] if asked > 0 else []


def _pivot_ends(sentence: str, query: Query) -> list[int]:
    """Where, in the sentence, the word just before the question's asking words ends: "gặp"
    of "Mitterrand đã gặp ai?" ("… gặp gỡ Charles de Gaulle")."""
    before = _before_asked(query)
    if before[-1:] == ["là"]:
        return []  # "Tô Lâm là ai?" asks who he is, not who comes after him
    content = set(query.content)
    pivot = next((w for w in reversed(before) if w in content), None)
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


def _asks_first(query: Query) -> bool:
    """Tell whether the question asks before it says anything ("Ai chủ trì …?")."""
    text = query.cleaned
    asked = min((text.find(p) for p in query.asked_phrases if text.find(p) >= 0), default=-1)
    said = min((text.find(w) for w in query.content if text.find(w) >= 0), default=-1)
    return asked >= 0 and (said < 0 or asked < said)


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


Found = list[tuple[int, str]]  # candidates, each with where it starts in the sentence


def _people(sentence: str) -> Found:
    """People: names of two capitalized words or more, or one after a title; not bodies
    ("bộ trưởng Bộ Công an" names the ministry); and bodies named whole ("Bệnh viện Đa khoa
    tỉnh Lâm Đồng"), which do things too."""
    people = _persons(sentence)
    bodies = _bodies(sentence)
    inside = [range(start, start + len(name)) for start, name in bodies]
    people = [p for p in people if not any(p[0] in span for span in inside)] + bodies
    people.sort()
    return people or [(m.start(), m.group(0)) for m in _NAME.finditer(sentence) if m.start()]


def _persons(sentence: str) -> Found:
    """People named: two capitalized words or more, or one after a title."""
    return [(m.start(), m.group(0)) for m in _PERSON.finditer(sentence)
            if not _body(_TITLE.sub("", m.group(0))) and not _only_title(sentence, m)]


def _only_title(sentence: str, name: re.Match[str]) -> bool:
    """Tell whether capitals are a title's only ("Phó Chủ" of "Phó Chủ tịch UBND tỉnh Trần
    Thị Mai"): the person is the name after it."""
    title = _TITLE.match(sentence[name.start():] + " ")
    return bool(title) and len(title.group(0).rstrip()) >= len(name.group(0))


def _bodies(sentence: str) -> Found:
    """Bodies named with a capital and up to their last capitalized word: "Bệnh viện Đa khoa
    tỉnh Lâm Đồng", "Sở Kế hoạch và Đầu tư" (not "Bộ Công an" of "bộ trưởng Bộ Công an":
    a person's title names that one)."""
    found: Found = []
    reached = 0
    for m in _BODY.finditer(sentence):
        if m.start() < reached:
            continue  # inside the name before: "Công an" of "Đảng ủy Công an Trung ương"
        tokens = sentence[m.end():].split(maxsplit=BODY_WORDS)[:BODY_WORDS]
        last = 0
        for i, token in enumerate(tokens):
            if token == "và" and _BODY.match(" ".join(tokens[i + 1:])):
                break  # "Bệnh viện K và Bệnh viện Chợ Rẫy" are two
            if token[:1].isupper():
                last = i + 1
            if token[-1:] in ",.;:!?)\"”" or not token[:1].isalpha():
                break
        named = " ".join([m.group(0), *tokens[:last]]).rstrip(",.;:!?)\"”")
        reached = m.start() + len(named)
        if last and not _TITLED.search(sentence[:m.start()]):
            found.append((m.start(), named))
    return found


def _body(name: str) -> bool:
    """Tell whether a name is a body, not a person: "Bộ Công" (an) is, "Sở Nguyễn Văn Hòa"
    (a director's department and his name) is not."""
    return bool(_ORGANIZATION.match(name)) and len(name.split()) <= 2


def _dates(sentence: str) -> Found:
    return [(m.start(), m.group(0)) for m in _PATTERNS.dates.finditer(sentence)]


def _places(sentence: str) -> Found:
    found = [(m.start(1), _CLAUSE_END.split(m.group(1))[0]) for m in _PLACE.finditer(sentence)]
    return found + [(m.start(), m.group(0)) for m in _NAME.finditer(sentence) if m.start()]


def _counted(query: Query) -> tuple[list[str], list[str]]:
    """The folded words of what a how-many question counts: its unit ("trường" of "bao
    nhiêu trường đạt chuẩn", "sinh viên": two words where pyvi reads them as one) and the
    whole phrase ("trường đạt chuẩn")."""
    words_ = [w for run in query.runs for w in run]
    tokens = [fold(w) for w in words_]
    for i, token in enumerate(tokens):
        if token in ("nhieu", "may") and (token == "may" or tokens[i - 1:i] == ["bao"]):
            joined = tuple(words_[i + 1:i + 3]) in query.compounds
            return (tokens[i + 1:i + (3 if joined else 2)],
                    tokens[i + 1:i + 1 + COUNTED_WORDS])
    return [], []


_SCALES = {"tram", "nghin", "ngan", "trieu", "ty", "ti", "van"}  # "mười", "chục" may open one


def _not_a_number(spelled: str) -> bool:
    """Number words that say something else: a scale word cannot open a number ("tỷ lệ" is a
    ratio, "triệu phú" a millionaire; "một tỷ" is a number), and a lone "năm" is the year
    far more often than five ("Năm học", "năm nay")."""
    words = [fold(w).lower() for w in spelled.split()]
    return words[0] in _SCALES or words == ["nam"]


def _run_of(after: list[str], folded: list[str], counted: list[str]) -> int:
    """How many of the words right after a number say what is counted, up to a comma."""
    for i, (said, word) in enumerate(zip(after, folded)):
        if word not in counted:
            return i
        if said[-1:] in ",.;:":
            return i + 1
    return len(folded)


def _counts(sentence: str, counted: list[str]) -> Found:
    """Numbers with what they count: up to the counted word when it follows closely, else
    with the one word after them ("98,5%", "12 trường", "3 ngày") unless it is a little word
    ("và", "của")."""
    found = []
    periods = [range(p.start(), p.end()) for p in _PATTERNS.period_span.finditer(sentence)]
    for m in _PATTERNS.counts.finditer(sentence):
        if any(m.start() in span for span in periods):
            continue  # "năm 2010", "6 tháng đầu năm" name a time, not a count
        phrase = m.group(0)
        if not any(c.isdigit() for c in phrase) and _not_a_number(phrase):
            continue
        spelled_one = fold(phrase).lower() == "mot"  # "một" is "a" far more often than one
        if not phrase.endswith("%"):
            after = sentence[m.end():].split()[:UNIT_WORDS]
            folded = [fold(w.strip(",.;:")).lower() for w in after]
            reach = max((i + 1 for i, w in enumerate(folded) if w in counted), default=0)
            unit = [w.rstrip(",.;:") for w in after[:1]]  # "666 mét," counts metres
            if spelled_one and not reach:
                continue  # "một nhóm" is a group, not a count of what was asked
            take = after[:reach] if reach else [w for w in unit if _UNIT.fullmatch(w)
                                                 and fold(w).lower() not in _LITTLE]
            phrase = " ".join([phrase, *take]).rstrip(",.;:")
        found.append((m.start(), phrase))
    return found


def subject_of(query: Query, draft: Draft) -> str | None:
    """Who a question and its answer are about, for "ông ấy" in the next question: the
    person a who-question's answer names, else a person the question names, else the first
    person the answer names ("Bộ Công an" is no person); by name, without the title ("Tô
    Lâm" of "Đại tướng Tô Lâm": the title would pull the sentence that says it)."""
    if query.kind == "who" and draft.short and not _ORGANIZATION.match(draft.short):
        return _TITLE.sub("", draft.short) or draft.short
    for text in (query.text, draft.text):
        people = [p for _, p in _persons(text) if not _ORGANIZATION.match(p)]
        if people:
            return _TITLE.sub("", people[0]) or people[0]
    return None
