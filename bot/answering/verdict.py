"""The one place that decides whether a proposed answer is given or the bot declines, and why."""

from __future__ import annotations

import math
import re
from dataclasses import astuple, dataclass

from bot.answering import tuning
from bot.answering.choice import EVIDENCE, Draft, about_period, in_period, paragraph_terms
from bot.answering.needs import Needs, share_held
from bot.answering.query import Query
from bot.language.lexicon import load_patterns
from bot.search import terms as vocabulary
from bot.search.index import Index

# Why the bot declines (Answer.reason, `ask --json`'s "reason").
NO_MATCH = "no_match"  # no paragraph shares a word with the question
TOO_LITTLE = "too_little"  # the best paragraph holds too little of what the question needs
UNKNOWN_WORDS = "unknown_words"  # the question turns on words no report uses
MISSING_NUMBER = "missing_number"  # a number of the question is not in the document
MISSING_NAME = "missing_name"  # a name of the question is nowhere in the reports
NO_NUMBER = "no_number"  # a how-many question, and the answer holds no number
OTHER_PERIOD = "other_period"  # no report is about the period the question names
NO_PLACE = "no_place"  # asked where, and the answer names no place
NOT_SAID = "not_said"  # a yes/no question no sentence confirms or contradicts
UNSURE = "unsure"  # too little evidence that the sentence answers this question


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
    """Answer or decline, and the reason for declining."""

    answer: bool
    reason: str | None = None


ANSWER = Verdict(True)
PLACE = load_patterns().place  # a place named in a sentence: "tại Hà Nội", "nằm ở", "vùng"
PERIOD_SPAN = load_patterns().period_span  # "năm 2021", "6 tháng đầu năm", "quý I"


def judge(query: Query, needs: Needs, draft: Draft | None, index: Index) -> Verdict:
    """Decide whether the draft answers the question, checking in turn that the paragraph
    holds enough of the question, that the reports use the words it turns on, that the
    document holds its numbers and the reports its names, and that a how-many answer has a
    number."""
    if draft is None:
        return Verdict(False, NO_MATCH)
    if draft.document_fact:
        return ANSWER
    if query.kind == "yes_no" and draft.kind != "yes_no":
        return Verdict(False, NOT_SAID)
    document = draft.chunk.document
    if not draft.settled and not in_period(query, document):
        return Verdict(False, OTHER_PERIOD)
    # A report about the period the question names holds its words in its title.
    dated = query.period_words if about_period(query, document) else frozenset()
    if _held(needs, paragraph_terms(draft.chunk), index, dated) < tuning.MIN_COVERAGE:
        return Verdict(False, TOO_LITTLE)
    if unknown(query, needs, index) >= tuning.MAX_UNKNOWN:
        return Verdict(False, UNKNOWN_WORDS)
    # The numbers of a period the report may tell of were checked with the period ("quý 1"
    # of a March report that writes "quý I").
    periodic = query.period_words if document.period is not None else frozenset()
    if not draft.settled and not all(n in periodic or index.number_in_document(n, document.path)
                                     for n in query.numbers):
        return Verdict(False, MISSING_NUMBER)
    if not all(all(t in index for t in vocabulary.folded_terms(name)) for name in query.names):
        return Verdict(False, MISSING_NAME)
    if query.asks_number and not counts(draft.text, query):
        return Verdict(False, NO_NUMBER)  # "bao nhiêu tuổi?" answered with no number
    if query.asks_place and not PLACE.search(draft.text):
        return Verdict(False, NO_PLACE)  # "diễn ra ở đâu?" answered with the date
    if evidence_of(query, needs, draft, index, dated).confidence() < tuning.MIN_CONFIDENCE:
        return Verdict(False, UNSURE)
    return ANSWER


def counts(text: str, query: Query) -> bool:
    """Tell whether the text holds a number that can answer how many: one that is not the
    question's own and not part of a period ("6 tháng đầu năm 2021" counts nothing)."""
    spans = [] if query.asks_date else [range(m.start(), m.end())
                                        for m in PERIOD_SPAN.finditer(text)]
    for found in EVIDENCE["how_many"].finditer(text):
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
