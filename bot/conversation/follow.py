"""Follow-up questions: a question read against the previous turn of its conversation.

"ông ấy giữ chức vụ gì?" after "Ai chủ trì hội nghị?" asks about the person the answer named;
"ở đâu?" after "Hội nghị diễn ra ngày nào?" asks "Hội nghị diễn ra ở đâu?"; "còn năm 2015 thì
sao?" asks the previous question of 2015. The result is a standalone question the pipeline
answers as usual. A conversation is data its front end keeps (`Turn`, `Conversations`), per
console session or Telegram chat, and forgotten after a quiet while or on /new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answering.query import Query, clean, kind_of, typed_as
from bot.language.lexicon import Lexicon, Patterns
from bot.language.periods import find_periods
from bot.language.text import fold, normalize, plain, segment

QUIET_SECONDS = 600  # a conversation quiet this long is forgotten: the next question is new


@dataclass(frozen=True)
class Turn:
    """What a conversation remembers of its last question: enough to read a follow-up."""

    question: str  # the question as understood, standalone
    frame: str  # that question without the words that ask ("Hội nghị diễn ra")
    document: str | None = None  # the document its answer came from: the one in focus
    subject: str | None = None  # who it was about: what "ông ấy" and "họ" point to
    topic: str | None = None  # what a "còn X thì sao?" put in it: the X the next one replaces


@dataclass(frozen=True)
class Followed:
    """A question made standalone, or the short question to ask back when it cannot be."""

    question: str
    document: str | None = None  # the document in focus, if the conversation has one
    unclear: str | None = None  # "ai" or "điều gì": what the question points to unresolved
    topic: str | None = None  # the X of "còn X thì sao?", put in the previous question


@dataclass
class Conversations:
    """The last turn of each conversation (by chat, or chat and user), forgotten after
    QUIET_SECONDS without a question or on `forget`."""

    quiet: float = QUIET_SECONDS
    _turns: dict[object, tuple[Turn, float]] = field(default_factory=dict)

    def get(self, key: object, now: float) -> Turn | None:
        kept = self._turns.get(key)
        if kept is None or now - kept[1] > self.quiet:
            self._turns.pop(key, None)
            return None
        return kept[0]

    def put(self, key: object, turn: Turn | None, now: float) -> None:
        if turn is None:
            self._turns.pop(key, None)
        else:
            self._turns[key] = (turn, now)
        for stale in [k for k, (_, at) in self._turns.items() if now - at > self.quiet]:
            del self._turns[stale]

    def forget(self, key: object) -> None:
        self._turns.pop(key, None)


def follow(question: str, turn: Turn | None, lexicon: Lexicon) -> Followed:
    """Make a follow-up standalone against the previous turn (or say what it lacks)."""
    patterns = lexicon.patterns
    text = normalize(question)
    said = clean(text, lexicon, keep_case=True).rstrip("?!.… ")
    person = _find(patterns.person_pronouns, said)
    thing = _find(patterns.thing_pronouns, said)
    opener = re.match(rf"^(?i:{patterns.follow_openers})\s+(.+?)"
                      rf"(?:\s+(?i:{patterns.follow_endings}))?$", said)
    if opener and kind_of(opener.group(1).lower(), patterns)[0] != "other":
        opener = None  # "còn những loại tội phạm nào …?" asks a question of its own
    asked = kind_of(said.lower(), patterns)[0]
    document = turn.document if turn else None
    if asked in ("documents", "summary"):  # "bạn biết gì?", "tóm tắt": about the reports
        return Followed(text, document)
    # Only words that ask ("ở đâu?", "vì sao?"): the rest is in the question before.
    bare = plain(said) != "" and not _content(said, lexicon) and asked != "other"
    if turn is None:
        if person and person.start() == 0:
            return Followed(text, unclear="ai")
        if opener:  # "còn năm 2015 thì sao?" with nothing before it
            return Followed(text, unclear="điều gì")
        if bare or (thing and not _content(_without(said, thing), lexicon)):
            return Followed(text, unclear="điều gì")
        return Followed(text)
    if person and turn.subject:
        return Followed(_without(said, person, turn.subject), document)
    if opener and (bare or _content(said, lexicon) == _content(opener.group(1), lexicon)):
        return Followed(_instead(turn, opener.group(1), patterns), document,
                        topic=opener.group(1))
    if bare:
        return Followed(f"{turn.frame} {said}", document)
    if thing and not _content(_without(said, thing), lexicon) - _content(turn.frame, lexicon):
        return Followed(f"{_without(said, thing)} {turn.frame}", document)
    return Followed(text, document)


def turn_of(query: Query, document: str | None, subject: str | None,
            topic: str | None = None) -> Turn:
    """What to remember of a question just answered."""
    said = query.text.rstrip("?!.… ")
    frame = said
    for phrase in sorted(query.asked_phrases, key=len, reverse=True):
        frame = re.sub(rf"\s*\b{re.escape(phrase)}\b\s*", " ", frame,
                       flags=re.IGNORECASE).strip()
    return Turn(said, frame, document, subject, topic)


def _find(alternatives: str, said: str) -> re.Match[str] | None:
    """The first of the alternatives in what was said, as written or typed without
    diacritics ("ong ay", "ông ay" for "ông ấy"); folding keeps every position."""
    found = re.search(rf"\b(?i:{alternatives})\b", said)
    folded = fold(said)
    if found or len(folded) != len(said):
        return found
    return next((m for m in re.finditer(rf"\b(?i:{fold(alternatives)})\b", folded)
                 if typed_as(said[m.start():m.end()], alternatives)), None)


def _without(said: str, found: re.Match[str], put: str = "") -> str:
    return f"{said[:found.start()]} {put} {said[found.end():]}".strip()


def _content(text: str, lexicon: Lexicon) -> set[str]:
    """The folded content words of a text: what it says beside asking."""
    return {fold(w) for w in plain(text).split()
            if not lexicon.is_stopword(w, False) and not lexicon.is_stopword(w)}


def _instead(turn: Turn, said: str, patterns: Patterns) -> str:
    """The previous question with what `said` names instead ("còn năm 2015 thì sao?"): its
    period for a period, else the words of the same head ("khu vực dịch vụ" for "khu vực
    nông nghiệp"), else in place of the person the previous question was about, else `said`
    after the previous question."""
    if turn.topic and turn.topic.lower() in turn.question.lower():
        # "còn khu vực dịch vụ thì sao?" then "thế còn công nghiệp?": the one asked about last
        at = turn.question.lower().index(turn.topic.lower())
        return f"{turn.question[:at]}{said}{turn.question[at + len(turn.topic):]}"
    new_periods = find_periods(said)
    old_periods = find_periods(turn.question)
    if new_periods and old_periods:
        old = old_periods[0][1]
        folded = fold(turn.question).lower()
        start = folded.find(old)
        if start >= 0:
            return f"{turn.question[:start]}{said}{turn.question[start + len(old):]}"
    units, old_units = segment(said), segment(turn.question)
    head = units[0].lower() if units else ""
    lowered = [u.lower() for u in old_units]
    if head and head in lowered:
        at = lowered.index(head)
        merged = old_units[:at] + units + old_units[at + len(units):]
        return " ".join(merged).replace("_", " ")
    subject = turn.subject and re.search(re.escape(turn.subject), turn.question, re.IGNORECASE)
    if subject:  # "Tô Lâm nêu rõ điều gì?" then "còn Chủ tịch nước thì sao?": the other person
        return _without(turn.question, subject, said)
    if old_periods and not new_periods:
        # "GRDP quý I tăng bao nhiêu?" then "còn khu vực dịch vụ?": what comes before the
        # period is what the question was about ("khu vực dịch vụ quý I tăng bao nhiêu").
        start = fold(turn.question).lower().find(old_periods[0][1])
        if start > 0:
            return f"{said} {turn.question[start:]}"
    return f"{turn.question.rstrip('?!.… ')} {said}"  # asking as before: "… tăng bao nhiêu"
