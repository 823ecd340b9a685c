"""Sentences of the paragraphs found: split once and kept, weighed against the question;
the paragraphs reordered by their best sentence, those that may answer, and the best
sentence with how clearly it won."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence, Set
from functools import lru_cache

from bot.answering import tuning
from bot.answering.draft import Choice, Sentences
from bot.answering.entities import Entities
from bot.answering.kinds import Kind
from bot.answering.needs import Needs
from bot.answering.query import Query
from bot.knowledge.documents import Chunk, Document
from bot.knowledge.formats import BODY, CAPTION, TABLE
from bot.knowledge.mentions import core_key, only_legal_form
from bot.language.lexicon import Patterns
from bot.language.text import fold, split_sentences, words
from bot.search.index import Hit, Index
from bot.search.terms import terms

SENTENCE_CACHE = 1024  # paragraphs whose sentences stay split and tokenized
# Questions a row of figures does not answer ("thế nào" may ask how a figure went): a figure
# question is a table cell's (its own strategy); what is left of it to sentences asks words.
WORDY_KINDS = (Kind.WHAT, Kind.WHO, Kind.WHERE, Kind.WHY)
_FIGURE = re.compile(r"[(\-–]?[\d.,\s]*\d[\d.,\s]*%?\)?|[-–]")
ANSWERING = (BODY, TABLE)  # roles of paragraphs that may answer; a caption names who/where

Idf = Callable[[str], float]


@lru_cache(maxsize=SENTENCE_CACHE)
def sentences_of(text: str, heading: str = "") -> Sentences:
    """Split a paragraph into sentences, each with its index terms and those of the heading
    it stands under (a sentence under "Các biện pháp phòng chống dịch" is about them); kept
    for the paragraphs asked about most, since every question reads up to ten of them."""
    context = frozenset(terms(heading)) if heading else frozenset()
    return tuple((s, frozenset(terms(s)) | context) for s in split_sentences(text))


def sentences_in(chunk: Chunk) -> Sentences:
    return sentences_of(chunk.text, chunk.heading)


def paragraph_terms(chunk: Chunk) -> frozenset[str]:
    """The terms of a paragraph and its heading: those of its sentences."""
    return frozenset().union(*(held for _, held in sentences_in(chunk)))


def question_weight(needs: Needs, idf: Idf) -> float:
    """The whole question's weight: what a sentence holding all of it would score (words a
    synonym stands in for count through the synonym, synonyms never used not at all)."""
    return sum(w * idf(t) for t, w in needs.weights.items() if t not in needs.uncounted) or 1.0


def overlap(needs: Needs, present: Set[str], idf: Idf, dated: bool = False) -> float:
    """The weight of the question's terms that a sentence holds. In a report about the period
    the question names (`dated`), the words naming it count little: they pick the report,
    not the sentence ("quý I năm 2024" of "GDP quý I năm 2024 tăng bao nhiêu?")."""
    held = sum(w * idf(t) for t, w in needs.weights.items() if t in present)
    # A word the sentence says by its synonym ("ngành nghề kinh doanh" for "hoạt động kinh
    # doanh chính") is held: the synonym's own word pairs are there, not just a syllable.
    own = {n.term for n in needs.required}  # the question's own pairs stand in for nothing
    held += sum(needs.weights.get(n.term, 0.0) * idf(n.term) for n in needs.required
                if n.term not in present and any(" " in s and s in present and s not in own
                                                 for s in n.stand_ins))
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
    one of them or one ending within its own, or about no period in particular."""
    return (not query.periods or document.period is None
            or any(document.period.tells_of(p) for p in query.periods))


def about_period(query: Query, document: Document) -> bool:
    """Tell whether a document is about a period the question names: then the words naming
    it are in its title and pick the report, not the sentence."""
    return document.period is not None and any(document.period.covers(p)
                                               for p in query.periods)


def candidates(query: Query, hits: Sequence[Hit]) -> list[Hit]:
    """The hits that may answer, best first, at most READ: body text (a caption only names
    who or where, when nothing else does), of the period the question names when some is;
    of a how-many question, those counting what it counts first among them."""
    wordy = query.kind in WORDY_KINDS
    body = [h for h in hits if h.chunk.role in ANSWERING and not _heading_row(h.chunk)
            and not (wordy and no_words(h.chunk))]
    if not body and query.kind in (Kind.WHO, Kind.WHERE):
        body = [h for h in hits if h.chunk.role == CAPTION]
    fitting = [h for h in body if in_period(query, h.chunk.document)] or body
    counted = query.where.counted if query.kind == Kind.HOW_MANY else ()
    if not counted:
        return fitting[:tuning.READ]
    # A paragraph counting the very things asked ("có 9 công ty con") is read though others
    # repeat the words more often (the list of them, a policy about them); order is kept.
    counting = [h for h in fitting if counts_asked(h.chunk.text, counted)][:tuning.READ]
    read = counting + [h for h in fitting if h not in counting][:tuning.READ - len(counting)]
    return [h for h in fitting if h in read]


def _heading_row(chunk: Chunk) -> bool:
    """A table's row that only heads the rows under it ("Lưu chuyển tiền từ hoạt động kinh
    doanh", no figure): a title, no fact."""
    if chunk.role != TABLE or chunk.table is None or chunk.row is None:
        return False
    return chunk.document.tables[chunk.table].rows[chunk.row].heading


def no_words(chunk: Chunk) -> bool:
    """A table's row that heads others or holds figures only: no words that answer."""
    return _heading_row(chunk) or _figures_row(chunk)


def _figures_row(chunk: Chunk) -> bool:
    """A table's row of figures only ("Tiền thu khác từ hoạt động kinh doanh | 11.566.677.284
    | 512.809.638"): it says how much, not what, who, where or why."""
    if chunk.role != TABLE or chunk.table is None or chunk.row is None:
        return False
    table = chunk.document.tables[chunk.table]
    row = table.rows[chunk.row]
    if len(table.columns) != len(row.cells):
        return False
    values = [cell for cell, column in zip(row.cells, table.columns)
              if column.role != "label" and cell.strip()]
    return bool(values) and all(_FIGURE.fullmatch(c.strip()) for c in values)


def _evidence_kind(query: Query) -> Kind:
    """What a sentence answering the query holds: a yes/no question claiming a date ("… vào
    tháng 5 không?") is settled by a sentence with a date, as a when-question is."""
    return Kind.WHEN if query.kind == Kind.YES_NO and query.claimed_months else query.kind


def counts_things(query: Query, patterns: Patterns) -> bool:
    """A how-many question counting things ("bao nhiêu công ty con"), not an amount."""
    counted = query.where.counted
    return (query.kind == Kind.HOW_MANY and bool(counted)
            and counted[0] not in patterns.measure_words | patterns.not_units)


def counts_asked(sentence: str, counted: Sequence[str]) -> bool:
    """Tell whether a number of the sentence is followed right away by what the question
    counts ("có 8.159 nhân viên" for "bao nhiêu nhân viên")."""
    said = " , ".join(" ".join(fold(w) for w in run) for run in words(sentence))  # spelled
    #   as the question's words are ("ty" as "ti")
    return bool(counted) and re.search(
        rf"\d(?:[\d.,]*\d)?\s+{re.escape(' '.join(counted))}\b", said) is not None


_ENUMERATED = re.compile(r"^\s*(?:\(?[ivx\d]{1,4}\)|[a-hđ\d]{1,2}[.)]|[-*•–])\s*", re.IGNORECASE)


# A company named in full opens the sentence (not a body of the report's own company).
_COMPANY = re.compile(r"(?:Tổng\s+)?(?:Công\s+ty|Ngân\s+hàng|Tập\s+đoàn)\s+\S")
# Where an organisation's name that opens a sentence ends: its verb, or punctuation.
_PREDICATE = re.compile(r"\s(?:được|là|có|đã|đang|hiện|với|tại|ở|đặt|do|thuộc|chuyên)\s|[,(;:“\"]")


def _own_core(document: Document) -> frozenset[str]:
    """The core words of the name of the organisation a report is of (none: unknown)."""
    identity = document.identity
    if identity is None or identity.organisation is None:
        return frozenset()
    return frozenset(core_key(identity.organisation.name))


def _of_another(sentence: str, own: frozenset[str], asked: frozenset[str]) -> bool:
    """Tell whether a sentence is about another organisation than its report's: it opens
    with one named in full ("(i) Công ty Cổ phần Sợi X Miền Trung được thành lập …") whose
    name says words the report's own does not ("Miền Trung") and the question does not say."""
    opening = _ENUMERATED.sub("", sentence, count=1)
    if not _COMPANY.match(opening):
        return False  # its own bodies ("Hội đồng quản trị quyết định …") are the report's
    name = _PREDICATE.split(opening, maxsplit=1)[0].split()
    while name and not name[-1][:1].isupper():
        name.pop()  # "… Sợi X Miền Trung" ends with its last capitalised word
    if only_legal_form(" ".join(name)):
        return False  # "Công ty có trụ sở chính tại …": the report's own company
    extra = frozenset(core_key(" ".join(name))) - own
    return bool(extra) and not extra & asked  # what sets it apart from the report's own


def best_sentence(query: Query, needs: Needs, hits: Sequence[Hit], idf: Idf,
                  entities: Entities, focus: str | None = None) -> Choice | None:
    """Return the sentence with the most question weight, counting the paragraph's rank, a
    little for what the question's kind asks for and for the document in focus (of a
    conversation), with how clearly it won."""
    if not hits:
        return None
    total = question_weight(needs, idf)
    best: tuple[float, float, int, Sentences, Hit] | None = None
    by_document: dict[str, tuple[float, str, Hit]] = {}
    evidence = entities.evidence.get(_evidence_kind(query))
    counted = list(query.where.counted) if query.kind == Kind.HOW_MANY else []
    things = counts_things(query, entities.patterns)
    top = max(hit.score for hit in hits)
    asked = frozenset(fold(query.cleaned).lower().split())
    for hit in hits:
        sentences = sentences_in(hit.chunk)
        if things and hit.chunk.role == TABLE and not counts_asked(hit.chunk.text, counted):
            continue  # a row of đồng or of shares counts no staff, no companies
        dated = about_period(query, hit.chunk.document)
        path = hit.chunk.document.path
        bonus = tuning.CHUNK_WEIGHT * hit.score / top
        bonus += tuning.FOCUS_BONUS if path == focus else 0.0
        own = _own_core(hit.chunk.document)
        for i, (sentence, held) in enumerate(sentences):
            if own and _of_another(sentence, own, asked):
                continue  # "Công ty CP X Miền Trung … có trụ sở tại …": a subsidiary's own fact
            share = overlap(needs, held, idf, dated) / total
            score = share + bonus
            if evidence and evidence.search(sentence):
                score += tuning.KIND_BONUS
            if counted and counts_asked(sentence, counted):
                score += tuning.COUNTED_BONUS
            if path not in by_document or score > by_document[path][0]:
                by_document[path] = (score, sentence, hit)
            if best is None or score > best[0]:
                best = (score, share, i, sentences, hit)
    if best is None:
        return None
    score, share, i, sentences, hit = best
    others = [b for path, b in by_document.items() if path != hit.chunk.document.path]
    rival = max(others, key=lambda other: other[0], default=None)
    return Choice(hit, sentences, i, share, score - (rival[0] if rival else 0.0),
                  (rival[1], rival[2]) if rival else None)
