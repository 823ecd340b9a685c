"""The things a sentence names that can answer a question: people (with their titles),
bodies, dates, places, and counts with what they count. Built once per Patterns (the language
data), found where they start in the sentence."""

from __future__ import annotations

import re

from bot.language.lexicon import Patterns
from bot.language.text import fold, spelling

_UPPER = "".join(chr(i) for i in range(0x41, 0x1EFA) if chr(i).isupper())
CAPITAL = rf"[{_UPPER}][^\s,;:.!?()\"“”]*"
NAMES = re.compile(rf"(?<!\w)[{_UPPER}]\w*(?:\s+[{_UPPER}]\w*)+")  # two or more capitalized words
_UNIT = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # a word of letters ("mét", "héc-ta")
BODY_WORDS = 6  # words of a body's name after its opener: "Đa khoa tỉnh Lâm Đồng"
UNIT_WORDS = 3  # words after a number that may say what it counts ("12 trường", "2,2 triệu người")

Found = list[tuple[int, str]]  # candidates, each with where it starts in the sentence



def as_asked(word: str) -> str:
    """A word of a report folded and spelled as a question's words are ("ty" as "ti"), so
    "3 công ty con" counts what "bao nhiêu công ty con" asks."""
    return fold(spelling(word.strip(",.;:").lower()))

class Entities:
    """The finders of one set of patterns."""

    def __init__(self, patterns: Patterns) -> None:
        self.patterns = patterns
        titles = patterns.person_titles
        # Particles inside foreign names: "Charles de Gaulle", "Ludwig van Beethoven" (not
        # "do", "y": Vietnamese words).
        following = rf"(?:\s+(?:{'|'.join(patterns.name_particles)}))?\s+{CAPITAL}"
        self.person = re.compile(rf"(?:(?i:{titles})\s+)*{CAPITAL}(?:{following})+"
                                 rf"|(?:(?i:{titles})\s+){CAPITAL}")
        self.name = re.compile(rf"{CAPITAL}(?:{following})*")
        self.title = re.compile(rf"^(?:(?i:{titles})\s+)+")
        self.titled = re.compile(rf"(?i:{titles})\s*$")  # "bộ trưởng" before "Bộ Công an"
        openers = "|".join(sorted((w[:1].upper() + w[1:]
                                   for w in patterns.organizations.split("|")),
                                  key=len, reverse=True))  # the body words, capitalized
        self.body = re.compile(rf"(?<!\w)(?:{openers})(?!\w)")
        self.organization = re.compile(rf"^(?i:{patterns.organizations})\b")
        self.place = re.compile(rf"\b(?i:{patterns.place_openers})\s+((?:(?:các|những)\s+)?"
                                rf"[^\W\d_]+(?:\s+[^\W\d_]+){{0,5}})")
        self.clause_end = re.compile(rf"\s+(?:{patterns.clause_ends})\s")
        # What a sentence answering each kind holds (patterns.json "evidence"); a
        # who-answer names someone.
        self.evidence: dict[str, re.Pattern[str]] = {**patterns.evidence, "who": NAMES}

    def untitled(self, name: str) -> str:
        """A person's name without the title before it ("Tô Lâm" of "Đại tướng Tô Lâm")."""
        return self.title.sub("", name) or name

    def people(self, sentence: str) -> Found:
        """People: names of two capitalized words or more, or one after a title; not bodies
        ("bộ trưởng Bộ Công an" names the ministry); and bodies named whole ("Bệnh viện Đa khoa
        tỉnh Lâm Đồng"), which do things too."""
        people = self.persons(sentence)
        bodies = self.bodies(sentence)
        inside = [range(start, start + len(name)) for start, name in bodies]
        people = [p for p in people if not any(p[0] in span for span in inside)] + bodies
        people.sort()
        return people or [(m.start(), m.group(0)) for m in self.name.finditer(sentence)
                          if m.start()]

    def persons(self, sentence: str) -> Found:
        """People named: two capitalized words or more, or one after a title."""
        return [(m.start(), m.group(0)) for m in self.person.finditer(sentence)
                if not self.is_body(self.title.sub("", m.group(0)))
                and not self._only_title(sentence, m)]

    def _only_title(self, sentence: str, name: re.Match[str]) -> bool:
        """Tell whether capitals are a title's only ("Phó Chủ" of "Phó Chủ tịch UBND tỉnh Trần
        Thị Mai"): the person is the name after it."""
        title = self.title.match(sentence[name.start():] + " ")
        return bool(title) and len(title.group(0).rstrip()) >= len(name.group(0))

    def bodies(self, sentence: str) -> Found:
        """Bodies named with a capital and up to their last capitalized word: "Bệnh viện Đa khoa
        tỉnh Lâm Đồng", "Sở Kế hoạch và Đầu tư" (not "Bộ Công an" of "bộ trưởng Bộ Công an":
        a person's title names that one)."""
        found: Found = []
        reached = 0
        for m in self.body.finditer(sentence):
            if m.start() < reached:
                continue  # inside the name before: "Công an" of "Đảng ủy Công an Trung ương"
            tokens = sentence[m.end():].split(maxsplit=BODY_WORDS)[:BODY_WORDS]
            last = 0
            for i, token in enumerate(tokens):
                if token == "và" and self.body.match(" ".join(tokens[i + 1:])):
                    break  # "Bệnh viện K và Bệnh viện Chợ Rẫy" are two
                if token[:1].isupper():
                    last = i + 1
                if token[-1:] in ",.;:!?)\"”" or not token[:1].isalpha():
                    break
            named = " ".join([m.group(0), *tokens[:last]]).rstrip(",.;:!?)\"”")
            reached = m.start() + len(named)
            if last and not self.titled.search(sentence[:m.start()]):
                found.append((m.start(), named))
        return found

    def is_body(self, name: str) -> bool:
        """Tell whether a name is a body, not a person: "Bộ Công" (an) is, "Sở Nguyễn Văn Hòa"
        (a director's department and his name) is not."""
        return bool(self.organization.match(name)) and len(name.split()) <= 2

    def dates(self, sentence: str) -> Found:
        return [(m.start(), m.group(0)) for m in self.patterns.dates.finditer(sentence)]

    def places(self, sentence: str) -> Found:
        found = [(m.start(1), self.clause_end.split(m.group(1))[0])
                 for m in self.place.finditer(sentence)]
        return found + [(m.start(), m.group(0)) for m in self.name.finditer(sentence)
                        if m.start()]

    def _not_a_number(self, spelled: str) -> bool:
        """Number words that say something else: a scale word cannot open a number ("tỷ lệ" is a
        ratio, "triệu phú" a millionaire; "một tỷ" is a number), and a lone "năm" is the year
        far more often than five ("Năm học", "năm nay")."""
        words = [fold(w).lower() for w in spelled.split()]
        return words[0] in self.patterns.scale_words or words == ["nam"]

    def run_of(self, after: list[str], folded: list[str], counted: list[str]) -> int:
        """How many of the words right after a number say what is counted, up to a comma."""
        for i, (said, word) in enumerate(zip(after, folded)):
            if word not in counted:
                return i
            if said[-1:] in ",.;:":
                return i + 1
        return len(folded)

    def counts(self, sentence: str, counted: list[str]) -> Found:
        """Numbers with what they count: up to the counted word when it follows closely, else
        with the one word after them ("98,5%", "12 trường", "3 ngày") unless it is a little word
        ("và", "của")."""
        found = []
        periods = [range(p.start(), p.end()) for p in self.patterns.period_span.finditer(sentence)]
        for m in self.patterns.counts.finditer(sentence):
            if any(m.start() in span for span in periods):
                continue  # "năm 2010", "6 tháng đầu năm" name a time, not a count
            phrase = m.group(0)
            if not any(c.isdigit() for c in phrase) and self._not_a_number(phrase):
                continue
            spelled_one = fold(phrase).lower() == "mot"  # "một" is "a" far more often than one
            if not phrase.endswith("%"):
                after = sentence[m.end():].split()[:UNIT_WORDS]
                folded = [as_asked(w) for w in after]
                reach = max((i + 1 for i, w in enumerate(folded) if w in counted), default=0)
                unit = [w.rstrip(",.;:") for w in after[:1]]  # "666 mét," counts metres
                if spelled_one and not reach:
                    continue  # "một nhóm" is a group, not a count of what was asked
                little = self.patterns.not_units
                take = after[:reach] if reach else [w for w in unit if _UNIT.fullmatch(w)
                                                     and fold(w).lower() not in little]
                phrase = " ".join([phrase, *take]).rstrip(",.;:")
            found.append((m.start(), phrase))
        return found


_MADE: dict[int, tuple[Patterns, Entities]] = {}


def entities_of(patterns: Patterns) -> Entities:
    """The finders of these patterns, compiled once."""
    made = _MADE.get(id(patterns))
    if made is None or made[0] is not patterns:
        made = (patterns, Entities(patterns))
        _MADE[id(patterns)] = made
    return made[1]
