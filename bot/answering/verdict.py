"""The one place that decides whether a proposed answer is given or the bot declines, and why."""

from __future__ import annotations

import math
import re
from dataclasses import astuple, dataclass

from bot.answering import tuning
from bot.answering.draft import Draft
from bot.answering.entities import Entities
from bot.answering.items import match, normalized, said_of
from bot.answering.kinds import Kind, Outcome, Reason
from bot.answering.needs import Needs, share_held
from bot.answering.query import Query
from bot.answering.sentences import (
    about_period,
    counts_asked,
    counts_things,
    in_period,
    paragraph_terms,
)
from bot.answering.strategies.base import Context
from bot.knowledge.formats import TABLE
from bot.knowledge.table_text import row_label
from bot.language.text import fold, words
from bot.search import terms as vocabulary
from bot.search.index import Index


@dataclass(frozen=True)
class Evidence:
    """What speaks for a draft answering the question, fitted together into one confidence
    (tuning.EVIDENCE_WEIGHTS, in this order)."""

    share: float  # of the question's weight, in the answering sentence
    margin: float  # of that sentence's score over the best sentence of another document
    answer_cover: float  # of the question's needs, in the answer's text
    paragraph_cover: float  # ... in its paragraph
    document_cover: float  # ... anywhere in its document
    rarest: float  # the rarity of the rarest need the answer holds, against the rarest term
    needs: float  # log(1 + how many needs the question has): more words, more evidence
    names: float  # the share of the question's names its document holds (1 with none)
    written: float  # 1 for a question written out with diacritics, else 0 ...
    partly: float  # ... 1 for one typed partly with them: words match more loosely then

    def confidence(self) -> float:
        """The chance, fitted on the dev sets, that the draft is a right answer."""
        bias, *weights = tuning.EVIDENCE_WEIGHTS
        z = bias + sum(w * f for w, f in zip(weights, astuple(self)))
        return 1 / (1 + math.exp(-max(-50.0, min(50.0, z))))


class _InDocument:
    """The terms of one document, asked through the index."""

    def __init__(self, index: Index, path: str) -> None:
        self.index, self.path = index, path

    def __contains__(self, term: object) -> bool:
        return isinstance(term, str) and self.index.in_document(term, self.path)


def _in_context(text: str, draft: Draft) -> str:
    """The text with the heading it stands under, which says what it is about."""
    return f"{draft.chunk.heading}\n{text}" if draft.chunk.heading else text


def evidence_of(query: Query, needs: Needs, draft: Draft, index: Index,
                given: frozenset[str] = frozenset()) -> Evidence:
    """Measure what speaks for the draft."""
    document = _InDocument(index, draft.chunk.document.path)
    said = set(vocabulary.terms(_in_context(draft.text, draft)))
    held = [index.rarity(n.term) for n in needs.required if n.term in said]
    names = [all(t in document for t in vocabulary.folded_terms(name)) for name in query.names]
    return Evidence(
        share=draft.share,
        margin=draft.margin,
        answer_cover=share_held(needs, said, index.rarity, index.max_rarity, given),
        paragraph_cover=_held(needs, paragraph_terms(draft.chunk), index, given),
        document_cover=share_held(needs, document, index.rarity, index.max_rarity, given),
        rarest=min(1.0, max(held, default=0.0) / index.max_rarity),
        needs=math.log1p(len(needs.required)),
        names=sum(names) / len(names) if names else 1.0,
        written=float(query.written_out),
        partly=float(0 < query.accented < tuning.WRITTEN_OUT_SHARE),
    )


@dataclass(frozen=True)
class Verdict:
    """What becomes of a draft: answered, declined (and why), or the bot's own reply or
    question back."""

    outcome: Outcome
    reason: Reason | None = None
    names: tuple[str, ...] = ()  # of OTHER_ORGANISATION: the organisations asked about

    @property
    def answer(self) -> bool:
        return self.outcome == Outcome.ANSWERED


ANSWER = Verdict(Outcome.ANSWERED)


def decline(reason: Reason) -> Verdict:
    return Verdict(Outcome.DECLINED, reason)


def judge(ctx: Context, draft: Draft | None) -> Verdict:
    """Decide what becomes of the draft: the bot's own words are said as they are; a draft
    about the reports' content is given only when the paragraph holds enough of the
    question, the reports use the words it turns on, the document holds its numbers and the
    reports its names, a how-many answer has a number, a where-answer a place, a yes/no
    question a "Có" or "Không", and the evidence says it answers this question."""
    if draft is None:
        return decline(Reason.NO_MATCH)
    if draft.clarify:
        return Verdict(Outcome.CLARIFY)
    if draft.talk:
        return Verdict(Outcome.REPLY)
    if not draft.found:
        return decline(Reason.NO_MATCH)
    if ctx.named.unknown and not ctx.named.organisations:
        # "… của Masan" with no report of Masan: no other organisation's report answers it,
        # nor does another's auditor, date or summary
        return Verdict(Outcome.DECLINED, Reason.OTHER_ORGANISATION, ctx.named.unknown)
    if draft.trusted:
        return ANSWER
    query, needs, index = ctx.query, ctx.needs, ctx.index
    if draft.no_period:
        return decline(Reason.OTHER_PERIOD)  # the row is there, the period asked is not
    if query.live and (draft.figures or draft.from_table or draft.chunk.role == TABLE):
        return decline(Reason.OTHER_PERIOD)  # "tỷ giá hôm nay": no report's table has it
    if draft.figures or draft.from_table:
        if not all(all(t in index for t in vocabulary.folded_terms(name))
                   for name in query.names if not set(name.split()) <= ctx.named.words):
            return decline(Reason.MISSING_NAME)
        return ANSWER
    if draft.undecided:
        return decline(Reason.NOT_SAID)
    document = draft.chunk.document
    if not draft.settled and not in_period(query, document):
        return decline(Reason.OTHER_PERIOD)
    # A report about the period the question names holds its words in its title.
    dated = query.period_words if about_period(query, document) else frozenset()
    if _held(needs, paragraph_terms(draft.chunk), index, dated) < tuning.MIN_COVERAGE:
        return decline(Reason.TOO_LITTLE)
    if not _holds_beyond_names(ctx, paragraph_terms(draft.chunk)):
        return decline(Reason.TOO_LITTLE)  # "Biên lãi gộp … của X?": a sentence that
        #                                    only names the company
    if unknown(query, needs, index) >= tuning.MAX_UNKNOWN:
        return decline(Reason.UNKNOWN_WORDS)
    # The numbers of a period the report may tell of were checked with the period ("quý 1"
    # of a March report that writes "quý I").
    periodic = query.period_words if document.period is not None else frozenset()
    if not draft.settled and not all(n in periodic or index.number_in_document(n, document.path)
                                     for n in query.numbers):
        return decline(Reason.MISSING_NUMBER)
    if not all(all(t in index for t in vocabulary.folded_terms(name)) for name in query.names):
        return decline(Reason.MISSING_NAME)
    patterns = ctx.lexicon.patterns
    if query.asks_number and not counts(draft.text, query, ctx.entities):
        return decline(Reason.NO_NUMBER)  # "bao nhiêu tuổi?" answered with no number
    if (draft.chunk.role == TABLE and counts_things(query, patterns)
            and not counts_asked(draft.text, query.where.counted)):
        return decline(Reason.NO_NUMBER)  # "bao nhiêu công ty con?" with a row of đồng
    if (draft.chunk.role == TABLE and (query.asks_number or query.wanted)
            and not _names_item(ctx, draft)):
        return decline(Reason.NOT_SAID)  # "lợi nhuận gộp" answered with another row
    if query.asks_place and not patterns.place.search(draft.text):
        return decline(Reason.NO_PLACE)  # "diễn ra ở đâu?" answered with the date
    if query.kind == Kind.WHO and not _names_someone(
            ctx, draft.text, draft.chunk.role == TABLE or _members_asked(ctx)):
        return decline(Reason.NO_PERSON)  # "Ban kiểm soát gồm những ai?": "Thành viên của
        #                                   Ban Kiểm soát", the question's own words
    if evidence_of(query, needs, draft, index, dated).confidence() < tuning.MIN_CONFIDENCE:
        return decline(Reason.UNSURE)
    return ANSWER


def _holds_beyond_names(ctx: Context, present: frozenset[str]) -> bool:
    """Tell whether the paragraph holds one of the question's needs other than the words of
    the organisations it names, its period and its asking words (when it has any)."""
    query = ctx.query
    named = {fold(w).lower() for w in ctx.named.words}
    aside = named | set(query.asking) | set(query.period_words)
    rest = [n for n in ctx.needs.required if not vocabulary.syllables(n.term) <= aside]
    return not rest or not named or any(
        n.term in present or any(s in present for s in n.stand_ins) for n in rest)


def _members_asked(ctx: Context) -> bool:
    """Tell whether the question asks who a board is ("Ban kiểm soát gồm những ai?"): its
    members are people named, never a sentence about the board."""
    query = ctx.query
    said = fold(query.cleaned).lower()
    return (query.wants_list or query.says_list) and any(
        fold(body) in said for body in ctx.lexicon.patterns.bodies)


def _names_someone(ctx: Context, text: str, row: bool) -> bool:
    """Tell whether the text names a person or a body the question does not name itself, or,
    a sentence (not a table's row, not for a list of people asked), says more than the
    question's own words (it may tell of people it does not name)."""
    asked = set(fold(ctx.query.cleaned).lower().split())
    named = ctx.entities.persons(text) + ctx.entities.bodies(text)
    if any(not set(fold(name).lower().split()) <= asked for _, name in named):
        return True
    said = {w for run in words(fold(text).lower()) for w in run if w[:1].isalpha()}
    return not row and len(said - asked) > tuning.ECHO_WORDS


def _names_item(ctx: Context, draft: Draft) -> bool:
    """Tell whether a table's text, with its document's title (the "giá" of "Giá vàng" a
    price table leaves to it), holds every word of the item a figure question asks for (no
    item read: nothing to hold)."""
    item = ctx.item
    said = f"{draft.text} {draft.chunk.document.title}"
    patterns = ctx.lexicon.patterns
    chunk = draft.chunk
    if item and chunk.table is not None and chunk.row is not None:
        # a row names the item as a line item does, head first ("Lợi nhuận khác"), not by
        # words spread over it ("Biến động khác: Lợi nhuận chưa phân phối")
        table = chunk.document.tables[chunk.table]
        label = normalized(row_label(table, table.rows[chunk.row]), patterns)
        return any(match(item, label, patterns, normalized(title, patterns)) is not None
                   for title in (table.title, chunk.document.title))  # "Giá vàng": a
        #   price list leaves "giá" to its title
    # A total's row may leave out "tổng" ("C. NỢ PHẢI TRẢ"), when the row itself says the rest.
    return not item or set(item.required) <= set(normalized(said, patterns)) or (
        said_of(item, patterns) <= set(normalized(draft.text, patterns)))


def counts(text: str, query: Query, entities: Entities) -> bool:
    """Tell whether the text holds a number that can answer how many: one that is not the
    question's own and not part of a period ("6 tháng đầu năm 2021" counts nothing)."""
    period_span = entities.patterns.period_span
    spans = [] if query.asks_date else [range(m.start(), m.end())
                                        for m in period_span.finditer(text)]
    for found in entities.evidence["how_many"].finditer(text):
        digits = re.sub(r"[.,%\s]", "", found.group(0))
        if found.group(0).strip() in ("", "%") or digits in query.numbers:
            continue
        if not any(found.start() in span for span in spans):
            return True
    return False


def _held(needs: Needs, present: frozenset[str], index: Index,
          given: frozenset[str] = frozenset()) -> float:
    return share_held(needs, present, index.rarity, index.max_rarity, given)


def coverage(needs: Needs, text: str, index: Index,
             given: frozenset[str] = frozenset()) -> float:
    """Return the share of the question's needs (weighted by rarity) that the text holds; a
    word the reports never use weighs as much as the rarest word they do. Needs made only of
    the `given` words (folded) count as held."""
    return share_held(needs, set(vocabulary.terms(text)), index.rarity, index.max_rarity, given)


def unknown(query: Query, needs: Needs, index: Index) -> float:
    """Return the share of the question's needs (weighted as in `coverage`) that no report
    uses at all, not even through a synonym: 'lạm phát' asked of a police report. Words that
    ask ("mục đích" of "nhằm mục đích gì") do not count: the answer says "nhằm thống nhất"."""
    total = missing = 0.0
    for need in needs.required:
        if vocabulary.is_folded(need.term) and vocabulary.is_pair(need.term):
            continue  # typed without diacritics, every pair is a need, most of them no word
        weight = min(index.rarity(need.term), index.max_rarity)
        total += weight
        if need.term not in index and not any(s in index for s in need.stand_ins):
            # Words that ask, or name a period (checked apart), need not be in the reports.
            said = vocabulary.syllables(need.term)
            missing += 0.0 if said <= query.asking or said <= query.period_words else weight
    return missing / total if total else 0.0
