"""Choose the sentence that answers among the best paragraphs, and trim it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

from . import replies, tuning, yesno
from . import terms as terms_of
from .formats import BODY, CAPTION, TABLE
from .index import Hit, Index
from .knowledge import Chunk, Document, chunks_of
from .language import load_patterns
from .needs import Needs, share_held
from .periods import months_in
from .question import Query
from .terms import terms
from .text import split_sentences, word_count

_UPPER = "".join(chr(i) for i in range(0x41, 0x1EFA) if chr(i).isupper())
_NAME = re.compile(rf"(?<!\w)[{_UPPER}]\w*(?:\s+[{_UPPER}]\w*)+")  # two or more capitalized words
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+[-–—]\s+")
# What a sentence answering each kind holds (data/patterns.json); a who-answer names someone.
EVIDENCE: dict[str, re.Pattern[str]] = {**load_patterns().evidence, "who": _NAME}
SENTENCE_CACHE = 1024  # paragraphs whose sentences stay split and tokenized
REFERRING = load_patterns().referring  # a sentence opening on what the one before said
ANSWERING = (BODY, TABLE)  # roles of paragraphs that may answer; a caption names who/where

Sentences = tuple[tuple[str, frozenset[str]], ...]  # a paragraph's sentences and their terms
Idf = Callable[[str], float]


@dataclass(frozen=True)
class Draft:
    """The answer the composer proposes; the verdict decides whether it is given."""

    text: str
    chunk: Chunk
    score: float
    highlight: str | None
    kind: str  # the question kind, or "author" / "date" for a fact about the document
    document_fact: bool = False  # from the document's metadata: nothing to check
    settled: bool = False  # a yes/no answer that compared the question's dates and numbers
    share: float = 1.0  # the share of the question's weight its sentence holds
    margin: float = 1.0  # its sentence's score over the best sentence of another document


@dataclass(frozen=True)
class Choice:
    """The best sentence of the best paragraphs, and how clearly it won."""

    hit: Hit
    sentences: Sentences
    index: int  # of the sentence in its paragraph
    share: float  # the share of the question's weight the sentence holds
    margin: float  # its score over the best sentence of any other document (or its score)


@lru_cache(maxsize=SENTENCE_CACHE)
def sentences_of(text: str, heading: str = "") -> Sentences:
    """Split a paragraph into sentences, each with its index terms and those of the heading
    it stands under (a sentence under "Các biện pháp phòng chống dịch" is about them); kept
    for the paragraphs asked about most, since every question reads up to ten of them."""
    context = frozenset(terms(heading)) if heading else frozenset()
    return tuple((s, frozenset(terms(s)) | context) for s in split_sentences(text))


def sentences_in(chunk: Chunk) -> Sentences:
    return sentences_of(chunk.text, chunk.heading)


def question_weight(needs: Needs, idf: Idf) -> float:
    """The whole question's weight: what a sentence holding all of it would score (words a
    synonym stands in for count through the synonym, synonyms never used not at all)."""
    return sum(w * idf(t) for t, w in needs.weights.items() if t not in needs.uncounted) or 1.0


def overlap(needs: Needs, present: Set[str], idf: Idf, dated: bool = False) -> float:
    """The weight of the question's terms that a sentence holds. In a report about the period
    the question names (`dated`), the words naming it count little: they pick the report,
    not the sentence ("quý I năm 2024" of "GDP quý I năm 2024 tăng bao nhiêu?")."""
    held = sum(w * idf(t) for t, w in needs.weights.items() if t in present)
    if dated:
        held -= sum((1 - tuning.PERIOD_WEIGHT) * needs.weights[t] * idf(t)
                    for t in needs.period_terms if t in present)
    return held


def rerank(needs: Needs, hits: Sequence[Hit], index: Index) -> list[Hit]:
    """Order paragraphs by BM25 plus how much of the question one of their sentences holds:
    words of the question found together in one sentence say more than the same words spread
    over a paragraph."""
    if not hits:
        return []
    total = question_weight(needs, index.rarity)

    def value(hit: Hit) -> float:
        best = max(overlap(needs, held, index.rarity) for _, held in sentences_in(hit.chunk))
        return hit.score / hits[0].score + tuning.RERANK_WEIGHT * best / total

    return sorted(hits, key=value, reverse=True)


def in_period(query: Query, document: Document) -> bool:
    """Tell whether a document may answer for the periods the question names: it is about
    one of them, or about no period in particular."""
    return (not query.periods or document.period is None
            or any(document.period.covers(p) for p in query.periods))


def candidates(query: Query, hits: Sequence[Hit]) -> list[Hit]:
    """The hits that may answer, best first, at most READ: body text (a caption only names
    who or where, when nothing else does), of the period the question names when some is."""
    body = [h for h in hits if h.chunk.role in ANSWERING]
    if not body and query.kind in ("who", "where"):
        body = [h for h in hits if h.chunk.role == CAPTION]
    fitting = [h for h in body if in_period(query, h.chunk.document)]
    return (fitting or body)[:tuning.READ]


def compose(query: Query, needs: Needs, hits: Sequence[Hit], index: Index,
            documents: Sequence[Document]) -> Draft | None:
    """Propose an answer from the best hits: a fact about the document when the question asks
    for one, else the best sentence with what belongs to it; None when nothing matched."""
    fact = document_fact(query, hits, documents)
    if fact is not None or not hits:
        return fact
    best = best_sentence(query, needs, candidates(query, hits), index.rarity)
    if best is None:
        return None
    if query.kind == "yes_no":
        judged = yes_or_no(query, needs, best, candidates(query, hits), index)
        if judged is not None:
            return judged
    text, highlight = passage(query, needs, best.sentences, best.index, index.rarity)
    # A yes/no question answered without "Có" or "Không" is marked so: the verdict declines.
    kind = "other" if query.kind == "yes_no" else query.kind
    return Draft(text, best.hit.chunk, best.hit.score, highlight, kind,
                 share=best.share, margin=best.margin)


def yes_or_no(query: Query, needs: Needs, best: Choice, hits: Sequence[Hit],
              index: Index) -> Draft | None:
    """Answer "Có" or "Không" and the sentence that says so: the best sentence, when it
    confirms or contradicts the claim; else, for a claim about someone, a sentence saying
    the same of someone else ("Không. Đại tướng Tô Lâm … chủ trì hội nghị.")."""
    i, sentences, hit = best.index, best.sentences, best.hit
    sentence, held = sentences[i]
    # The sentence before sets the scene ("hội nghị" for "Chủ tịch nước … đến dự").
    context = held | sentences[i - 1][1] if i else held
    holds = share_held(needs, context, index.rarity, index.max_rarity) >= tuning.YES_SHARE
    answer = yesno.polarity(query, sentence, holds)
    settled = bool(months_in(query.text) or query.numbers)
    if answer is None and query.names:
        answer, sentence, hit = _someone_else(query, needs, hits, index)
        settled = False
    if answer is None:
        return None
    return Draft(yesno.prefix(answer, sentence), hit.chunk, hit.score, answer, query.kind,
                 settled=settled, share=best.share, margin=best.margin)


def _someone_else(query: Query, needs: Needs, hits: Sequence[Hit],
                  index: Index) -> tuple[str | None, str, Hit]:
    """Find a sentence holding all the claim says but its names, naming someone else."""
    names = {s for name in query.names for s in name.split()}
    frame = Needs(needs.weights, tuple(n for n in needs.required
                                       if not terms_of.syllables(n.term) <= names))
    for hit in hits:
        for sentence, held in sentences_in(hit.chunk):
            named = [n for n in query.names
                     if all(t in held for t in terms_of.folded_terms(n))]
            if (frame.required and not named and EVIDENCE["who"].search(sentence)
                    and share_held(frame, held, index.rarity, index.max_rarity) >= 1.0):
                return yesno.NO, sentence, hit
    return None, "", hits[0]


def document_fact(query: Query, hits: Sequence[Hit],
                  documents: Sequence[Document]) -> Draft | None:
    """Answer who wrote the document (its byline) or its date, from the best hit's document."""
    if query.about == "author":
        for doc in [h.chunk.document for h in hits] + list(documents):
            if doc.author:
                return Draft(replies.author(doc.author), chunks_of([doc])[-1],
                             hits[0].score if hits else 0.0, doc.author, "author", True)
    dated = [h for h in hits if h.chunk.document.date]
    if query.about == "date" and dated:
        doc = dated[0].chunk.document
        return Draft(replies.dated(doc.date), chunks_of([doc])[0], dated[0].score, doc.date,
                     "date", True)
    return None


def best_sentence(query: Query, needs: Needs, hits: Sequence[Hit], idf: Idf) -> Choice | None:
    """Return the sentence with the most question weight, counting the paragraph's rank and
    a little for what the question's kind asks for, with how clearly it won."""
    if not hits:
        return None
    total = question_weight(needs, idf)
    best: tuple[float, float, int, Sentences, Hit] | None = None
    by_document: dict[str, float] = {}
    evidence = EVIDENCE.get(query.kind)
    top = max(hit.score for hit in hits)
    for hit in hits:
        rank = hit.score / top
        sentences = sentences_in(hit.chunk)
        dated = bool(query.periods) and hit.chunk.document.period is not None
        path = hit.chunk.document.path
        for i, (sentence, held) in enumerate(sentences):
            share = overlap(needs, held, idf, dated) / total
            score = share + tuning.CHUNK_WEIGHT * rank
            if evidence and evidence.search(sentence):
                score += tuning.KIND_BONUS
            by_document[path] = max(by_document.get(path, score), score)
            if best is None or score > best[0]:
                best = (score, share, i, sentences, hit)
    if best is None:
        return None
    score, share, i, sentences, hit = best
    others = [s for path, s in by_document.items() if path != hit.chunk.document.path]
    return Choice(hit, sentences, i, share, score - max(others, default=0.0))


def passage(query: Query, needs: Needs, sentences: Sentences, i: int,
            idf: Idf) -> tuple[str, str | None]:
    """Return the best sentence, trimmed when long, with what follows it when that belongs to
    the answer, and the key phrase: a short sentence often leads into the one that answers,
    and a next sentence holding a good share of the question too usually goes on with the
    answer (why, how, what happened next)."""
    text, following = sentences[i][0], sentences[i + 1:]
    if i and REFERRING.match(text) and (word_count(f"{sentences[i - 1][0]} {text}")
                                        <= tuning.MAX_WORDS):
        text = f"{sentences[i - 1][0]} {text}"  # "Đây là …" needs what "đây" is
    if (following and word_count(text) < tuning.SHORT_SENTENCE
            and word_count(f"{text} {following[0][0]}") <= tuning.WINDOW_WORDS):
        text, following = f"{text} {following[0][0]}", following[1:]
    trimmed, highlight = trim(text, query, needs, idf)
    if (trimmed == text and following
            and word_count(f"{text} {following[0][0]}") <= tuning.CONTINUED_WORDS
            and overlap(needs, following[0][1], idf) / question_weight(needs, idf)
            >= tuning.CONTINUE_SHARE):
        text = f"{text} {following[0][0]}"
        return text, highlight_of(text, query)
    return trimmed, highlight


def trim(sentence: str, query: Query, needs: Needs, idf: Idf) -> tuple[str, str | None]:
    """Cut a long sentence to the run of clauses that answers; mark the key phrase."""
    text = sentence
    if word_count(sentence) > tuning.MAX_WORDS:
        clauses = [c for c in _CLAUSE_BREAK.split(sentence) if c.strip()]
        if len(clauses) > 1:
            text = _best_window(clauses, query, needs, idf)
    return text, highlight_of(text, query)


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


def highlight_of(text: str, query: Query) -> str | None:
    """The key phrase of an answer to who, when and how many: what the kind asks for."""
    evidence = EVIDENCE.get(query.kind)
    if query.kind in ("when", "how_many", "who") and evidence:
        found = evidence.search(text)
        if found:
            return found.group(0).strip()
    return None
