"""Follow-up questions made standalone against the previous turn of their conversation.

"ông ấy giữ chức vụ gì?" after "Ai chủ trì hội nghị?" asks about the person the answer named;
"ở đâu?" after "Hội nghị diễn ra ngày nào?" asks "Hội nghị diễn ra ở đâu?"; "còn năm 2015 thì
sao?" asks the previous question of 2015. The follow-up's words were found when the question
was read (Query.reference); the result is a standalone question the pipeline answers as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.query import Query
from bot.answering.reference import content_words
from bot.answering.when import wanted_in
from bot.conversation.state import Turn
from bot.language.lexicon import Lexicon
from bot.language.periods import find_periods
from bot.language.text import fold, segment


@dataclass(frozen=True)
class Followed:
    """A question made standalone, or the short question to ask back when it cannot be."""

    question: str
    document: str | None = None  # the document in focus, if the conversation has one
    unclear: str | None = None  # "ai" or "điều gì": what the question points to unresolved
    topic: str | None = None  # the X of "còn X thì sao?", put in the previous question


def follow(query: Query, turn: Turn | None, lexicon: Lexicon) -> Followed:
    """Make a follow-up standalone against the previous turn (or say what it lacks)."""
    ref, text = query.reference, query.text
    document = turn.document if turn else None
    if ref.kind.about_reports:  # "bạn biết gì?", "tóm tắt": about the reports
        return Followed(text, document)
    if turn is None:
        if ref.person and ref.person[0] == 0:
            return Followed(text, unclear="ai")
        if ref.topic is not None and not ref.loose:  # "còn năm 2015 thì sao?", nothing before
            return Followed(text, unclear="điều gì")
        if ref.bare or (ref.thing and not ref.without_thing):
            return Followed(text, unclear="điều gì")
        return Followed(text)
    if ref.person and turn.subject:
        return Followed(ref.without(ref.person, turn.subject), document)
    if ref.topic is not None and (ref.bare or ref.content == ref.topic_content):
        return Followed(_instead(turn, ref.topic), document, topic=ref.topic)
    if ref.bare:
        return Followed(f"{turn.frame} {ref.said}", document)
    if ref.thing and not ref.without_thing - content_words(turn.frame, lexicon):
        return Followed(f"{ref.without(ref.thing)} {turn.frame}", document)
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


_WHOLE_YEAR = re.compile(r"^(?:ca|tron|luy ke ca)\s+nam$")  # "cả năm", "trọn năm"
_PART = re.compile(r"^(quy|q|thang)\s*(\d{1,2}|iv|iii|ii|i)\b")  # "quý 2", "tháng 3"


def _with_part(phrase: str, part: re.Match[str]) -> str:
    """The period phrase with another quarter or month: "quý 1 niên độ 2024-2025" with
    "quý 2" is "quý 2 niên độ 2024-2025"."""
    found = re.match(r"^(\S+)\s*(\d{1,2}|IV|III|II|I|iv|iii|ii|i)\b", phrase)
    return f"{found.group(1)} {part.group(2)}{phrase[found.end():]}" if found else phrase


def _without(said: str, found: re.Match[str], put: str = "") -> str:
    return f"{said[:found.start()]} {put} {said[found.end():]}".strip()


def _instead(turn: Turn, said: str) -> str:
    """The previous question with what `said` names instead ("còn năm 2015 thì sao?"): its
    period for a period, else the words of the same head ("khu vực dịch vụ" for "khu vực
    nông nghiệp"), else in place of the person the previous question was about, else `said`
    after the previous question."""
    same_kind = bool(wanted_in(turn.topic or "")) == bool(wanted_in(said))  # a period for a
    #                                                 period, an item for an item
    if turn.topic and same_kind and turn.topic.lower() in turn.question.lower():
        # "còn khu vực dịch vụ thì sao?" then "thế còn công nghiệp?": the one asked about last
        at = turn.question.lower().index(turn.topic.lower())
        return f"{turn.question[:at]}{said}{turn.question[at + len(turn.topic):]}"
    wanted, asked_before = wanted_in(said), wanted_in(turn.question)
    if wanted and asked_before:  # "còn cùng kỳ năm trước?", "còn cuối năm 2024?"
        start, end = asked_before[0].at
        return f"{turn.question[:start]}{said}{turn.question[end:]}"
    year = re.search(r"\b(?:19|20)\d{2}\b", turn.question[slice(*asked_before[0].at)]) if (
        asked_before) else None
    if year and _WHOLE_YEAR.match(fold(said).lower()):  # "cả năm thì sao?" of a quarter
        start, end = asked_before[0].at
        return f"{turn.question[:start]}{said} {year.group(0)}{turn.question[end:]}"
    part = _PART.match(fold(said).lower())
    if part and asked_before:  # "còn quý 2 (niên độ đó)?": another quarter of the same year
        start, end = asked_before[0].at
        old = turn.question[start:end]
        if _PART.match(fold(old).lower()):
            return f"{turn.question[:start]}{_with_part(old, part)}{turn.question[end:]}"
    lead = turn.question[:asked_before[0].at[0]] if asked_before else ""
    if (lead.strip() and not any(w[:1].isupper() for w in lead.split()[1:])
            and not said[:1].isupper()):  # (a question opens with a capital)
        # "doanh thu thuần quý 3/2025 của X" then "còn lợi nhuận sau thuế?": the item asked
        # before the period is what changes
        return f"{said} {turn.question[len(lead):]}"
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
