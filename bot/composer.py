"""Choose the sentence that answers, trim it, and decide whether the knowledge answers at all."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

from . import replies
from .index import Hit, Index
from .knowledge import Document, chunks_of
from .question import Query, asks_number
from .text import fold, split_sentences, terms, word_count

MAX_WORDS = 70  # a longer sentence is trimmed to the clauses that answer
WINDOW_WORDS = 40  # and the trimmed part is at most this long, unless one clause is longer
CANDIDATE_CHUNKS = 5
RERANK_WEIGHT = 1.0  # the best sentence's share of the question, beside the BM25 rank
SHORT_SENTENCE = 18  # a best sentence shorter than this is answered with the next one
CONTINUE_SHARE = 0.15  # share of the question a next sentence holds to be answered too ...
CONTINUED_WORDS = 80  # ... when the two together are at most this long
MIN_COVERAGE = 0.25  # share of the question's weighted terms the best paragraph must hold
MAX_UNKNOWN = 0.3  # share of them the knowledge may never use before the bot declines
CHUNK_WEIGHT = 0.5  # how much the paragraph's BM25 rank counts beside the sentence's overlap
KIND_BONUS = 0.05  # small: on UIT-ViQuAD a larger bonus picks worse sentences

_DATE = re.compile(r"\b(ngày|hôm|tháng|năm|thế kỷ|thế kỉ|thập niên|đầu|cuối|giữa)\s+\d+|"
                   r"\b\d{1,2}/\d{1,2}(/\d{2,4})?\b|\b(1\d|20)\d{2}\b|\bTCN\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*\s*%?|\b(một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|trăm|"
                     r"nghìn|ngàn|triệu|tỷ|tỉ|chục|nửa)\b|%|(?-i:\b[IVXLC]{2,}\b)",  # XIII
                     re.IGNORECASE)
_UPPER = "".join(chr(i) for i in range(0x41, 0x1EFA) if chr(i).isupper())
_NAME = re.compile(rf"(?<!\w)[{_UPPER}]\w*(?:\s+[{_UPPER}]\w*)+")  # two or more capitalized words
_PLACE = re.compile(r"\b(tại|ở|nằm|thuộc|phía|miền|vùng|tỉnh|thành phố|huyện|xã|nước)\b",
                    re.IGNORECASE)
_CAUSE = re.compile(r"\b(vì|do|nhằm|để|bởi|nhờ|nên|khiến|mục đích|nguyên nhân)\b", re.IGNORECASE)
_MANNER = re.compile(r"\b(bằng|thông qua|qua việc|cách|phải|cần|tăng cường|đảm bảo|bảo đảm)\b",
                     re.IGNORECASE)
KIND_EVIDENCE: dict[str, re.Pattern[str]] = {
    "when": _DATE, "how_many": _NUMBER, "who": _NAME, "where": _PLACE, "why": _CAUSE,
    "how": _MANNER,
}
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+[-–—]\s+")


@dataclass(frozen=True)
class Source:
    """Where an answer comes from: document, paragraph as the file shows it, and score."""

    document: str
    title: str
    date: str | None
    paragraph: int
    score: float
    text: str  # the whole cited paragraph
    page: int | None = None  # PDF page; `paragraph` then counts on that page


@dataclass(frozen=True)
class Answer:
    """What the bot says to a question; front ends render it, it holds no markup."""

    question: str
    found: bool
    text: str
    kind: str
    sources: tuple[Source, ...] = ()
    highlight: str | None = None  # a phrase of `text` front ends may bold


def source_of(hit: Hit) -> Source:
    """Turn a search hit into a citation."""
    doc = hit.chunk.document
    return Source(doc.path, doc.title, doc.date, hit.chunk.paragraph, round(hit.score, 3),
                  hit.chunk.text, hit.chunk.page)


def decline(query: Query, titles: Sequence[str]) -> Answer:
    """Say politely that the knowledge does not cover the question."""
    return Answer(query.text, False, replies.not_found(titles), "not_found")


Sentences = tuple[tuple[str, frozenset[str]], ...]  # a paragraph's sentences and their terms


@lru_cache(maxsize=1024)
def sentences_of(text: str) -> Sentences:
    """Split a paragraph into sentences, each with its index terms; kept for the paragraphs
    asked about most, since every question reads up to ten of them."""
    return tuple((s, frozenset(terms(s))) for s in split_sentences(text))


def rerank(query: Query, hits: Sequence[Hit], index: Index) -> list[Hit]:
    """Order paragraphs by BM25 plus how much of the question one of their sentences holds:
    words of the question found together in one sentence say more than the same words spread
    over a paragraph (UIT-ViQuAD dev: the gold paragraph comes first 1.4 points more often)."""
    if not hits:
        return []
    idf = index.rarity
    total = sum(w * idf(t) for t, w in query.weights.items()) or 1.0

    def value(hit: Hit) -> float:
        best = max(_overlap(query, held, idf) for _, held in sentences_of(hit.chunk.text))
        return hit.score / hits[0].score + RERANK_WEIGHT * best / total

    return sorted(hits, key=value, reverse=True)


def compose(query: Query, hits: Sequence[Hit], index: Index,
            documents: Sequence[Document]) -> Answer:
    """Answer from the best hits, or decline when they do not cover the question."""
    idf = index.rarity
    titles = [d.title for d in documents]
    if query.about == "author":
        authored = _authored(query, hits, documents)
        if authored:
            return authored
    if query.about == "date" and hits and hits[0].chunk.document.date:
        doc = hits[0].chunk.document
        first = Hit(chunks_of([doc])[0], hits[0].score)
        return Answer(query.text, True, replies.dated(doc.date), "date", (source_of(first),),
                      doc.date)
    if not hits:
        return decline(query, titles)
    total = sum(w * idf(t) for t, w in query.weights.items()) or 1.0
    best: tuple[float, int, Sentences, Hit] | None = None
    evidence = KIND_EVIDENCE.get(query.kind)
    top = max(hit.score for hit in hits)
    for hit in hits[:CANDIDATE_CHUNKS]:
        rank = hit.score / top
        sentences = sentences_of(hit.chunk.text)
        for i, (sentence, held) in enumerate(sentences):
            score = _overlap(query, held, idf) / total + CHUNK_WEIGHT * rank
            if evidence and evidence.search(sentence):
                score += KIND_BONUS
            if best is None or score > best[0]:
                best = (score, i, sentences, hit)
    if best is None:
        return decline(query, titles)
    _, i, sentences, hit = best
    if not covers(query, hit, index):
        return decline(query, titles)
    text, highlight = _passage(query, sentences, i, idf, total)
    if asks_number(query.cleaned) and not _NUMBER.search(text):
        return decline(query, titles)  # "bao nhiêu tuổi?" answered by a sentence with no number
    return Answer(query.text, True, text, query.kind, (source_of(hit),), highlight)


def _passage(query: Query, sentences: Sentences, i: int, idf: Callable[[str], float],
             total: float) -> tuple[str, str | None]:
    """Return the best sentence, trimmed when long, with what follows it when that belongs to
    the answer, and the key phrase: a short sentence often leads into the one that answers,
    and a next sentence holding a good share of the question too usually goes on with the
    answer (why, how, what happened next)."""
    text, following = sentences[i][0], sentences[i + 1:]
    if (following and word_count(text) < SHORT_SENTENCE
            and word_count(f"{text} {following[0][0]}") <= WINDOW_WORDS):
        text, following = f"{text} {following[0][0]}", following[1:]
    trimmed, highlight = trim(text, query, idf)
    if (trimmed == text and following
            and word_count(f"{text} {following[0][0]}") <= CONTINUED_WORDS
            and _overlap(query, following[0][1], idf) / total >= CONTINUE_SHARE):
        text = f"{text} {following[0][0]}"
        return text, _highlight(text, query)
    return trimmed, highlight


def coverage(query: Query, text: str, index: Index) -> float:
    """Return the share of the question's needs (weighted by rarity) that the text holds; a
    word the reports never use weighs as much as the rarest word they do."""
    present = set(terms(text))
    total = held = 0.0
    for term, stand_ins in query.needs:
        weight = min(index.rarity(term), index.max_rarity)
        total += weight
        if term in present or stand_ins & present:
            held += weight
    return held / total if total else 0.0


def unknown(query: Query, index: Index) -> float:
    """Return the share of the question's needs (weighted as in `coverage`) that no report
    uses at all, not even through a synonym: 'lạm phát' asked of a police report."""
    total = missing = 0.0
    for term, stand_ins in query.needs:
        if term.startswith("~") and " " in term:
            continue  # typed without diacritics, every pair is a need, most of them no word
        weight = min(index.rarity(term), index.max_rarity)
        total += weight
        if term not in index and not any(s in index for s in stand_ins):
            # "mục đích" of "nhằm mục đích gì" asks: the answer says "nhằm thống nhất".
            asks = {fold(s).rstrip("12345") for s in term.lstrip("~").split()} <= query.asking
            missing += 0.0 if asks else weight
    return missing / total if total else 0.0


def covers(query: Query, hit: Hit, index: Index) -> bool:
    """Tell whether the paragraph holds enough of the question, the knowledge the words
    it turns on and its names, and the document its numbers."""
    if coverage(query, hit.chunk.text, index) < MIN_COVERAGE:
        return False
    if unknown(query, index) >= MAX_UNKNOWN:
        return False
    path = hit.chunk.document.path
    if not all(index.number_in_document(n, path) for n in query.numbers):
        return False
    return all(all(t in index for t in terms(name, exact=False)) for name in query.names)


def _overlap(query: Query, present: Set[str], idf: Callable[[str], float]) -> float:
    return sum(w * idf(t) for t, w in query.weights.items() if t in present)


def trim(sentence: str, query: Query, idf: Callable[[str], float]) -> tuple[str, str | None]:
    """Cut a long sentence to the run of clauses that answers; mark the key phrase."""
    text = sentence
    if word_count(sentence) > MAX_WORDS:
        clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c.strip()]
        if len(clauses) > 1:
            text = _best_window(clauses, query, idf)
    return text, _highlight(text, query)


def _best_window(clauses: list[str], query: Query, idf: Callable[[str], float]) -> str:
    evidence = KIND_EVIDENCE.get(query.kind)

    def value(clause: str) -> float:
        bonus = 0.5 if evidence and evidence.search(clause) else 0.0
        return _overlap(query, set(terms(clause)), idf) + bonus

    values = [value(c) for c in clauses]
    start = end = max(range(len(clauses)), key=lambda i: values[i])
    size = word_count(clauses[start])
    while True:
        options = []
        if start > 0:
            options.append((values[start - 1], start - 1))
        if end + 1 < len(clauses):
            options.append((values[end + 1], end + 1))
        options = [o for o in options if size + word_count(clauses[o[1]]) <= WINDOW_WORDS]
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


def _highlight(text: str, query: Query) -> str | None:
    evidence = KIND_EVIDENCE.get(query.kind)
    if query.kind in ("when", "how_many", "who") and evidence:
        found = evidence.search(text)
        if found:
            return found.group(0).strip()
    return None


def _authored(query: Query, hits: Sequence[Hit], documents: Sequence[Document]) -> Answer | None:
    ranked = [h.chunk.document for h in hits] + list(documents)
    for doc in ranked:
        if doc.author:
            chunk = chunks_of([doc])[-1]
            source = source_of(Hit(chunk, hits[0].score if hits else 0.0))
            return Answer(query.text, True, replies.author(doc.author), "author", (source,),
                          doc.author)
    return None
