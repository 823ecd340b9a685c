"""The passage that answers: the best sentence with what belongs to it (the sentence before
when it refers back, the next when it goes on), a long sentence trimmed to the clauses that
answer."""

from __future__ import annotations

import re

from bot.answering import tuning
from bot.answering.draft import Sentences
from bot.answering.entities import Entities
from bot.answering.needs import Needs
from bot.answering.query import Query
from bot.answering.sentences import Idf, overlap, question_weight
from bot.language.text import word_count
from bot.search.terms import terms

_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+[-–—]\s+")


def passage(query: Query, needs: Needs, sentences: Sentences, i: int, idf: Idf,
            entities: Entities) -> str:
    """Return the best sentence, trimmed when long, with what belongs to it: the one before
    when it refers back ("Đây là …"), the next one when it is short (it often leads into the
    one that answers) or holds a good share of the question too (why, how, what next)."""
    text, following = sentences[i][0], sentences[i + 1:]
    referring = entities.patterns.referring  # a sentence opening on what the one before said
    if i and referring.match(text) and (word_count(f"{sentences[i - 1][0]} {text}")
                                        <= tuning.MAX_WORDS):
        text = f"{sentences[i - 1][0]} {text}"  # "Đây là …" needs what "đây" is
    if (following and word_count(text) < tuning.SHORT_SENTENCE
            and word_count(f"{text} {following[0][0]}") <= tuning.WINDOW_WORDS):
        text, following = f"{text} {following[0][0]}", following[1:]
    trimmed = trim(text, query, needs, idf, entities)
    if (trimmed == text and following
            and word_count(f"{text} {following[0][0]}") <= tuning.CONTINUED_WORDS
            and overlap(needs, following[0][1], idf) / question_weight(needs, idf)
            >= tuning.CONTINUE_SHARE):
        return f"{text} {following[0][0]}"
    return trimmed


def trim(sentence: str, query: Query, needs: Needs, idf: Idf, entities: Entities) -> str:
    """Cut a long sentence to the run of clauses that answers."""
    if word_count(sentence) > tuning.MAX_WORDS:
        clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c.strip()]
        if len(clauses) > 1:
            return _best_window(clauses, query, needs, idf, entities)
    return sentence


def _best_window(clauses: list[str], query: Query, needs: Needs, idf: Idf,
                 entities: Entities) -> str:
    """Return the run of clauses around the best one, at most WINDOW_WORDS long."""
    evidence = entities.evidence.get(query.kind)

    def value(clause: str) -> float:
        bonus = tuning.CLAUSE_KIND_BONUS if evidence and evidence.search(clause) else 0.0
        return overlap(needs, set(terms(clause)), idf) + bonus

    values = [value(c) for c in clauses]
    start = end = max(range(len(clauses)), key=lambda i: values[i])
    size = word_count(clauses[start])
    while True:
        options = [(values[j], j) for j in (start - 1, end + 1) if 0 <= j < len(clauses)
                   and size + word_count(clauses[j]) <= tuning.WINDOW_WORDS]
        if not options:
            break
        _, pick = max(options)
        size += word_count(clauses[pick])
        start, end = min(start, pick), max(end, pick)
    text = " ".join(clauses[start:end + 1]).strip().rstrip(",;:")
    if start > 0:
        text = "…" + text[0].lower() + text[1:] if not text[:2].isupper() else "…" + text
    if end < len(clauses) - 1:
        text += "…"
    return text
