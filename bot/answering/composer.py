"""Compose the answer the verdict judges: a sentence, a yes/no, a list, a document fact."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering import lists, replies, tuning, yesno
from bot.answering.choice import (
    EVIDENCE,
    Draft,
    Idf,
    Sentences,
    best_sentence,
    candidates,
    overlap,
    question_weight,
)
from bot.answering.needs import Needs
from bot.answering.query import Query
from bot.answering.shorts import short_answer
from bot.knowledge.documents import Document, chunks_of
from bot.language.lexicon import load_patterns
from bot.language.text import word_count
from bot.search.index import Hit, Index
from bot.search.terms import terms

_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+[-–—]\s+")
REFERRING = load_patterns().referring  # a sentence opening on what the one before said


def compose(query: Query, needs: Needs, hits: Sequence[Hit], index: Index,
            documents: Sequence[Document], focus: str | None = None) -> Draft | None:
    """Propose an answer from the best hits: a fact about the document when the question asks
    for one, "Có"/"Không" for a yes/no question, every item for a list question, else the
    best sentence with what belongs to it; None when nothing matched."""
    fact = document_fact(query, hits, _in_focus(documents, focus))
    if fact is not None or not hits:
        return fact
    fitting = candidates(query, hits)
    best = best_sentence(query, needs, fitting, index.rarity, focus)
    if best is None:
        return None
    if query.kind == "yes_no":
        judged = yesno.yes_or_no(query, needs, best, fitting, index)
        if judged is not None:
            return judged
    if query.wants_list:
        listed = lists.list_answer(query, needs, best, hits, index.rarity,
                                   lambda s: trim(s, query, needs, index.rarity))
        if listed is not None:
            return listed
    text = passage(query, needs, best.sentences, best.index, index.rarity)
    # A yes/no question answered without "Có" or "Không" is marked so: the verdict declines.
    kind = "other" if query.kind == "yes_no" else query.kind
    return Draft(text, best.hit.chunk, best.hit.score,
                 short_answer(query, best.sentence, text), kind,
                 share=best.share, margin=best.margin,
                 rival=(best.rival[0], best.rival[1].chunk) if best.rival else None)


def _in_focus(documents: Sequence[Document], focus: str | None) -> list[Document]:
    """The documents "bài này" may mean: the one in focus, else the only one."""
    focused = [d for d in documents if d.path == focus]
    return focused or (list(documents) if len(documents) == 1 else [])


def document_fact(query: Query, hits: Sequence[Hit],
                  meant: Sequence[Document]) -> Draft | None:
    """Answer who wrote the document (its byline) or its date: the document meant (in focus,
    or the only one), else the best hit's that says it."""
    score = hits[0].score if hits else 0.0
    ranked = list(meant) + [h.chunk.document for h in hits]
    if query.about == "author":
        for doc in ranked:
            if doc.author:
                return Draft(replies.author(doc.author), chunks_of([doc])[-1], score,
                             doc.author, "author", True)
    if query.about == "date":
        for doc in ranked:
            if doc.date:
                return Draft(replies.dated(doc.date), chunks_of([doc])[0], score, doc.date,
                             "date", True)
    return None


def passage(query: Query, needs: Needs, sentences: Sentences, i: int, idf: Idf) -> str:
    """Return the best sentence, trimmed when long, with what belongs to it: the one before
    when it refers back ("Đây là …"), the next one when it is short (it often leads into the
    one that answers) or holds a good share of the question too (why, how, what next)."""
    text, following = sentences[i][0], sentences[i + 1:]
    if i and REFERRING.match(text) and (word_count(f"{sentences[i - 1][0]} {text}")
                                        <= tuning.MAX_WORDS):
        text = f"{sentences[i - 1][0]} {text}"  # "Đây là …" needs what "đây" is
    if (following and word_count(text) < tuning.SHORT_SENTENCE
            and word_count(f"{text} {following[0][0]}") <= tuning.WINDOW_WORDS):
        text, following = f"{text} {following[0][0]}", following[1:]
    trimmed = trim(text, query, needs, idf)
    if (trimmed == text and following
            and word_count(f"{text} {following[0][0]}") <= tuning.CONTINUED_WORDS
            and overlap(needs, following[0][1], idf) / question_weight(needs, idf)
            >= tuning.CONTINUE_SHARE):
        return f"{text} {following[0][0]}"
    return trimmed


def trim(sentence: str, query: Query, needs: Needs, idf: Idf) -> str:
    """Cut a long sentence to the run of clauses that answers."""
    if word_count(sentence) > tuning.MAX_WORDS:
        clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c.strip()]
        if len(clauses) > 1:
            return _best_window(clauses, query, needs, idf)
    return sentence


def _best_window(clauses: list[str], query: Query, needs: Needs, idf: Idf) -> str:
    """Return the run of clauses around the best one, at most WINDOW_WORDS long."""
    evidence = EVIDENCE.get(query.kind)

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
