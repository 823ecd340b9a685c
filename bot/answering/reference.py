"""What a question may point back to: the pronouns and openers of a follow-up ("ông ấy",
"điều đó", "còn X thì sao?"), read once with the question, for the conversation to resolve."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.cleaning import clean
from bot.answering.kinds import Kind
from bot.answering.phrases import kind_of, typed_as
from bot.language.lexicon import Lexicon, Patterns
from bot.language.text import fold, plain

Span = tuple[int, int]
TOPIC_WORDS = 4  # "X thì sao?" with no "còn": a follow-up when X is this short ("cùng kỳ")


@dataclass(frozen=True)
class Reference:
    """A question's follow-up words, found in `said` (the question cleaned, its case kept,
    without its closing punctuation)."""

    said: str
    kind: Kind  # the kind of `said` as typed (before any spelling correction)
    person: Span | None  # "ông ấy", "họ": someone said before
    thing: Span | None  # "điều đó", "việc này": something said before
    topic: str | None  # the X of "còn X thì sao?", unless X asks a question of its own
    loose: bool  # that "còn" was typed without diacritics: a follow-up only after a turn
    content: frozenset[str]  # the folded content words of `said`
    without_thing: frozenset[str]  # ... of `said` without its `thing`
    topic_content: frozenset[str]  # ... of the topic
    bare: bool  # only words that ask ("ở đâu?", "vì sao?"): the rest is in the question before

    def without(self, span: Span, put: str = "") -> str:
        """`said` with `put` in place of the span."""
        return f"{self.said[:span[0]]} {put} {self.said[span[1]:]}".strip()


def reference_of(text: str, lexicon: Lexicon) -> Reference:
    """Read the follow-up words of a question (normalized text)."""
    patterns = lexicon.patterns
    said = clean(text, lexicon, keep_case=True).rstrip("?!.… ")
    person = _find(patterns.person_pronouns, said)
    thing = _find(patterns.thing_pronouns, said)
    topic, loose = _topic(said, patterns.follow_openers, patterns.follow_endings)
    if topic and kind_of(topic.lower(), patterns)[0] != Kind.OTHER:
        topic, loose = None, False  # "còn những loại tội phạm nào …?" asks a question of its own
    thing_span = (thing.start(), thing.end()) if thing else None
    rest = f"{said[:thing.start()]}  {said[thing.end():]}".strip() if thing else said
    kind = kind_of(said.lower(), patterns)[0]
    content = content_words(said, lexicon)
    if loose and topic:  # "con" of "con X" opens the follow-up: it says nothing of its own
        opening = content_words(said[:said.find(topic)], lexicon)
        content = content_words(topic, lexicon) | (content - opening)
    return Reference(
        said=said,
        kind=kind,
        person=(person.start(), person.end()) if person else None,
        thing=thing_span,
        topic=topic,
        loose=loose,
        content=content,
        without_thing=content_words(rest, lexicon),
        topic_content=content_words(topic, lexicon) if topic else frozenset(),
        bare=plain(said) != "" and kind != Kind.OTHER and not (
            content - _comparing(said, patterns)),
    )


def _topic(said: str, openers: str, endings: str) -> tuple[str | None, bool]:
    """The X of "còn X thì sao?", and whether it was typed without diacritics ("con X thi
    sao": then "con" may as well be the noun, so only a conversation makes it a follow-up)."""
    pattern = rf"^(?i:{openers})\s+(.+?)(?:\s+(?i:{endings}))?$"
    found = re.match(pattern, said)
    if found:
        return found.group(1), False
    folded = fold(said)
    if len(folded) != len(said):
        return None, False
    found = re.match(fold(pattern), folded)
    if found is None or not typed_as(said[:found.start(1)], openers):
        return _ended(said, endings)
    return said[found.start(1):found.end(1)], True


def _comparing(said: str, patterns: Patterns) -> frozenset[str]:
    """The folded words of a question that only compare with a period ("tăng bao nhiêu % so
    với cùng kỳ?", "giảm bao nhiêu so với năm trước?"): asked of the figure asked before,
    they say nothing of their own. None unless the question asks a change."""
    if not (re.search(patterns.comparisons, said.lower())
            or re.search(fold(patterns.comparisons), fold(said).lower())):
        return frozenset()
    return frozenset({fold(w) for w in patterns.figure_frame}) | patterns.comparison_period_words


def _ended(said: str, endings: str) -> tuple[str | None, bool]:
    """The X of "X thì sao?" with no "còn" ("cùng kỳ thì sao?", "cả năm thì sao?"): a few
    words, a follow-up only after a turn (as "con X" typed without diacritics)."""
    endings = "|".join(e for e in endings.split("|") if e.startswith("thì "))  # not "thế
    #   nào" alone: "Giá xăng tuần này thế nào?" asks a question of its own
    if not endings:
        return None, False
    found = re.match(rf"^(.+?)\s+(?i:{endings})$", said) or re.match(
        rf"^(.+?)\s+(?:{fold(endings)})$", fold(said))
    if found is None or len(found.group(1).split()) > TOPIC_WORDS:
        return None, False
    return said[found.start(1):found.end(1)], True


def content_words(text: str, lexicon: Lexicon) -> frozenset[str]:
    """The folded content words of a text: what it says beside asking."""
    return frozenset(fold(w) for w in plain(text).split()
                     if not lexicon.is_stopword(w, False) and not lexicon.is_stopword(w))


def _find(alternatives: str, said: str) -> re.Match[str] | None:
    """The first of the alternatives in what was said, as written or typed without
    diacritics ("ong ay", "ông ay" for "ông ấy"); folding keeps every position."""
    found = re.search(rf"\b(?i:{alternatives})\b", said)
    folded = fold(said)
    if found or len(folded) != len(said):
        return found
    return next((m for m in re.finditer(rf"\b(?i:{fold(alternatives)})\b", folded)
                 if typed_as(said[m.start():m.end()], alternatives)), None)
