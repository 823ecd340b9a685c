"""Whole-report answers: which report a question is about, its extractive summary, and the
list of reports with a one-line gist of each."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from bot.answering import tuning
from bot.answering.query import Query
from bot.knowledge.documents import Document
from bot.knowledge.formats import BODY, TABLE
from bot.language.lexicon import Lexicon
from bot.language.text import fold, plain, split_sentences, word_count, words
from bot.search.terms import folded

Idf = Callable[[str], float]


def named_document(query: Query, documents: Sequence[Document],
                   lexicon: Lexicon) -> Document | None:
    """The document whose title the question names ("Tóm tắt bài «…»"): most of its title's
    words are in the question, more than of any other title."""
    asked = query.plain_words
    best: tuple[float, Document] | None = None
    for doc in documents:
        title = [fold(w) for w in plain(doc.title.lower()).split()
                 if not lexicon.is_stopword(w) and not lexicon.is_stopword(w, False)]
        if not title:
            continue
        share = sum(w in asked for w in title) / len(title)
        if share >= tuning.TITLE_SHARE and (best is None or share > best[0]):
            best = (share, doc)
    return best[1] if best else None


def document_of_period(query: Query, documents: Sequence[Document]) -> Document | None:
    """The one document about the period the question names ("Tóm tắt báo cáo tháng 3")."""
    about = [d for d in documents if d.period is not None and query.periods
             and any(d.period.covers(p) and p.covers(d.period) for p in query.periods)]
    return about[0] if len(about) == 1 else None


def body_sentences(document: Document, lexicon: Lexicon) -> list[tuple[int, str]]:
    """The sentences of a document's body text, with their paragraph's index: no title,
    heading, caption or byline, and no sentence that mostly repeats the title (a photo
    caption under it, often)."""
    title = set(plain(document.title.lower()).split())  # a sentence that is the title
    found = []
    for i, paragraph in enumerate(document.paragraphs):
        if document.role(i) not in (BODY, TABLE):
            continue
        for sentence in split_sentences(paragraph):
            own = plain(sentence.lower()).split()
            if len(own) >= tuning.MIN_SENTENCE and set(own) != title:
                # ", Southfront đưa tin." says where the news came from, not what it is.
                found.append((i, lexicon.patterns.attribution.sub(".", sentence)))
    return found


def summarize(document: Document, idf: Idf, lexicon: Lexicon) -> tuple[str, list[int]]:
    """Return a summary of the document, three sentences or more in document order, and the
    paragraphs it draws on: its lead (news puts the main facts first), then its most central
    short sentences (those sharing most rare words with the whole), none repeating another."""
    sentences = body_sentences(document, lexicon)
    if not sentences:
        return "", []
    vectors = [_vector(s, idf, lexicon) for _, s in sentences]
    whole: Counter[str] = Counter()
    for vector in vectors:
        whole.update(vector)
    chosen = list(range(min(tuning.LEAD_SENTENCES, len(sentences))))
    ranked = sorted(range(len(sentences)), key=lambda i: -_cosine(vectors[i], whole))
    for i in ranked:
        if len(chosen) >= tuning.SUMMARY_SENTENCES:
            break
        if (i in chosen or word_count(sentences[i][1]) > tuning.CENTRAL_WORDS
                or any(_cosine(vectors[i], vectors[j]) > tuning.REDUNDANT for j in chosen)):
            continue
        chosen.append(i)
    for i in ranked:  # three sentences at least, when it has them
        if len(chosen) >= min(tuning.MIN_SUMMARY, len(sentences)):
            break
        if i not in chosen:
            chosen.append(i)
    chosen.sort()
    return " ".join(sentences[i][1] for i in chosen), sorted({sentences[i][0] for i in chosen})


def gist(document: Document, lexicon: Lexicon, limit: int = tuning.GIST_WORDS) -> str:
    """The document's first body sentence, cut to `limit` words."""
    sentences = body_sentences(document, lexicon)
    if not sentences:
        return ""
    first = sentences[0][1].split()
    return " ".join(first[:limit]) + ("…" if len(first) > limit else "")


def _vector(sentence: str, idf: Idf, lexicon: Lexicon) -> Counter[str]:
    counts: Counter[str] = Counter()
    for run in words(sentence):
        for w in run:
            if not lexicon.is_stopword(w) and not w[:1].isdigit():
                counts[folded(w)] += 1
    return Counter({t: n * idf(t) for t, n in counts.items()})


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b.get(t, 0.0) for t, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0
