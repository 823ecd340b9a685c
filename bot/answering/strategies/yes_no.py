"""Yes/no questions: "Có" or "Không" from the sentence that confirms or contradicts the claim.

"Có phải hội nghị diễn ra vào tháng 5 không?" is contradicted by "Ngày 21/6, … tổ chức hội
nghị" (another month in the same frame); "Dân có được sợ công an không?" by "không được để
dân sợ công an" (a negation the claim lacks); "Tô Lâm có chủ trì hội nghị không?" is
confirmed by the sentence that says all of it. Anything less certain gets no "Có"/"Không".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.answering import tuning
from bot.answering.draft import Choice, Draft
from bot.answering.entities import NAMES
from bot.answering.kinds import Kind
from bot.answering.needs import Needs, share_held
from bot.answering.query import Query
from bot.answering.sentences import overlap, question_weight, sentences_in
from bot.answering.strategies.base import Context
from bot.language.periods import months_in
from bot.language.text import fold, words
from bot.search import terms
from bot.search.index import Hit, Index

YES, NO = "Có", "Không"
NEGATION_REACH = 4  # words between a negation and the claim's word it negates
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class YesNo:
    name = "yes_no"

    def applies(self, ctx: Context) -> bool:
        return ctx.query.kind == Kind.YES_NO

    def propose(self, ctx: Context) -> Draft | None:
        if ctx.best is None:
            return None
        return yes_or_no(ctx.query, ctx.needs, ctx.best, ctx.fitting, ctx.index,
                         ctx.lexicon.patterns.negations)


def polarity(query: Query, sentence: str, holds_claim: bool,
             negations: frozenset[str]) -> str | None:
    """Return YES or NO for the question's claim against a sentence about it, or None when
    the sentence neither confirms nor contradicts it. `holds_claim`: the sentence holds what
    the claim says, apart from its dates and numbers."""
    claimed = query.claimed_months
    if claimed:
        said = months_in(sentence)
        if not said:
            return None
        return YES if _months_agree(claimed, said) else NO
    numbers = [n for n in query.numbers if n not in query.period_words]
    if numbers:
        said = {n.replace(".", "").replace(",", "") for n in _NUMBER.findall(sentence)}
        if not said:
            return None
        return YES if all(n.replace(",", "") in said for n in numbers) else NO
    if not holds_claim:
        return None
    return NO if negated(query, sentence, negations) != query.where.claims_negation else YES


def _months_agree(claimed: set[tuple[int, int | None]],
                  said: set[tuple[int, int | None]]) -> bool:
    """Every date the claim names is one the sentence names (a month alone matches any day
    of it)."""
    return all(any(month == m and (day is None or d is None or day == d) for m, d in said)
               for month, day in claimed)


def negated(query: Query, sentence: str, negations: frozenset[str]) -> bool:
    """Tell whether the sentence negates one of the claim's content words: "không được để
    dân sợ công an" negates "dân … sợ công an"."""
    content = {fold(w) for w in query.content}
    tokens = [w for run in words(sentence) for w in run]
    for i, token in enumerate(tokens):
        reach = tokens[i + 1:i + 1 + NEGATION_REACH]
        if token in negations and content & {fold(w) for w in reach}:
            return True
    return False


def prefix(answer: str, sentence: str) -> str:
    """The answer as written: "Không. Ngày 21/6, …"."""
    return f"{answer}. {sentence}"


def yes_or_no(query: Query, needs: Needs, best: Choice, hits: Sequence[Hit],
              index: Index, negations: frozenset[str]) -> Draft | None:
    """Answer "Có" or "Không" and the sentence that says so: the best sentence, when it
    confirms or contradicts the claim; else, for a claim about someone, a sentence saying
    the same of someone else ("Không. Đại tướng Tô Lâm … chủ trì hội nghị.")."""
    i, sentences, hit = best.index, best.sentences, best.hit
    sentence, held = sentences[i]
    # The sentence before sets the scene ("hội nghị" for "Chủ tịch nước … đến dự"), but not
    # who: "Nguyễn Xuân Phúc đến dự." does not make the next sentence's "chủ trì" his.
    context = held | scene(sentences[i - 1][0]) if i else held
    holds = share_held(needs, _guessed_pairs(needs, context), index.rarity,
                       index.max_rarity) >= tuning.YES_SHARE
    answer = polarity(query, sentence, holds, negations)
    settled = bool(query.claimed_months or query.numbers)
    share = best.share
    if answer is None and query.claimed_months and not months_in(sentence):
        answer, sentence, hit = _dated(query, needs, hits, index, negations)
        if answer is not None:  # the evidence is that sentence's
            held = dict(sentences_in(hit.chunk))[sentence]
            share = overlap(needs, held, index.rarity) / question_weight(needs, index.rarity)
    if answer is None and query.names:
        answer, sentence, hit = _someone_else(query, needs, hits, index)
        settled = False
    if answer is None:
        return None
    return Draft(prefix(answer, sentence), query.kind, hit.chunk, hit.score, answer,
                 settled=settled, share=share, margin=best.margin)


def _dated(query: Query, needs: Needs, hits: Sequence[Hit], index: Index,
           negations: frozenset[str]) -> tuple[str | None, str, Hit]:
    """For a claim of a date the best sentence does not date ("… diễn ra vào tháng 5 không?"
    typed without diacritics finds "nâng cao … toàn diện" first), the dated sentence holding
    most of what the claim says apart from its date, when it holds enough of it."""
    frame = Needs(needs.weights, tuple(n for n in needs.required
                                       if not terms.syllables(n.term) <= query.period_words))
    best: tuple[float, str, Hit] | None = None
    for hit in hits:
        for sentence, held in sentences_in(hit.chunk):
            if months_in(sentence):
                share = share_held(frame, _guessed_pairs(frame, held), index.rarity,
                                   index.max_rarity)
                if best is None or share > best[0]:
                    best = (share, sentence, hit)
    if best is None or best[0] < tuning.DATED_SHARE:
        return None, "", hits[0]
    return polarity(query, best[1], False, negations), best[1], best[2]


def _guessed_pairs(needs: Needs, held: frozenset[str]) -> frozenset[str]:
    """The terms held, and the pairs guessed in a question typed without diacritics whose
    two words are held: of "chu tich nuoc co den du hoi nghi", "du hoi" is no word, and
    "đến dự" with "hội nghị" says it."""
    guessed = {n.term for n in needs.required
               if terms.is_folded(n.term) and terms.is_pair(n.term)
               and all(terms.FOLDED + w in held for w in n.term[len(terms.FOLDED):].split())}
    return held | guessed


def scene(sentence: str) -> frozenset[str]:
    """The terms of a sentence but its names (runs of two or more capitalized words)."""
    return frozenset(terms.terms(NAMES.sub(" , ", sentence)))


def _someone_else(query: Query, needs: Needs, hits: Sequence[Hit],
                  index: Index) -> tuple[str | None, str, Hit]:
    """Find a sentence holding all the claim says but its names, naming someone else."""
    names = {s for name in query.names for s in name.split()}
    frame = Needs(needs.weights, tuple(n for n in needs.required
                                       if not terms.syllables(n.term) <= names))
    for hit in hits:
        for sentence, held in sentences_in(hit.chunk):
            named = [n for n in query.names if all(t in held for t in terms.folded_terms(n))]
            if (frame.required and not named and NAMES.search(sentence)
                    and share_held(frame, held, index.rarity, index.max_rarity) >= 1.0):
                return NO, sentence, hit
    return None, "", hits[0]
