"""The one place that decides whether a proposed answer is given or the bot declines, and why."""

from __future__ import annotations

from dataclasses import dataclass

from . import terms as vocabulary
from . import tuning
from .composer import EVIDENCE, Draft, in_period
from .index import Index
from .needs import Needs, share_held
from .question import Query

# Why the bot declines (Answer.reason, `ask --json`'s "reason").
NO_MATCH = "no_match"  # no paragraph shares a word with the question
TOO_LITTLE = "too_little"  # the best paragraph holds too little of what the question needs
UNKNOWN_WORDS = "unknown_words"  # the question turns on words no report uses
MISSING_NUMBER = "missing_number"  # a number of the question is not in the document
MISSING_NAME = "missing_name"  # a name of the question is nowhere in the reports
NO_NUMBER = "no_number"  # a how-many question, and the answer holds no number
OTHER_PERIOD = "other_period"  # no report is about the period the question names


@dataclass(frozen=True)
class Verdict:
    """Answer or decline, and the reason for declining."""

    answer: bool
    reason: str | None = None


ANSWER = Verdict(True)


def judge(query: Query, needs: Needs, draft: Draft | None, index: Index) -> Verdict:
    """Decide whether the draft answers the question, checking in turn that the paragraph
    holds enough of the question, that the reports use the words it turns on, that the
    document holds its numbers and the reports its names, and that a how-many answer has a
    number."""
    if draft is None:
        return Verdict(False, NO_MATCH)
    if draft.document_fact:
        return ANSWER
    document = draft.chunk.document
    if not draft.settled and not in_period(query, document):
        return Verdict(False, OTHER_PERIOD)
    # A report about the period the question names holds its words in its title.
    dated = frozenset() if document.period is None else query.period_words
    if coverage(needs, draft.chunk.text, index, dated) < tuning.MIN_COVERAGE:
        return Verdict(False, TOO_LITTLE)
    if unknown(query, needs, index) >= tuning.MAX_UNKNOWN:
        return Verdict(False, UNKNOWN_WORDS)
    if not draft.settled and not all(n in dated or index.number_in_document(n, document.path)
                                     for n in query.numbers):
        return Verdict(False, MISSING_NUMBER)
    if not all(all(t in index for t in vocabulary.folded_terms(name)) for name in query.names):
        return Verdict(False, MISSING_NAME)
    if query.asks_number and not EVIDENCE["how_many"].search(draft.text):
        return Verdict(False, NO_NUMBER)  # "bao nhiêu tuổi?" answered with no number
    return ANSWER


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
            asks = vocabulary.syllables(need.term) <= query.asking
            missing += 0.0 if asks else weight
    return missing / total if total else 0.0
