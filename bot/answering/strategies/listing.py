"""List questions ("những gì", "các … nào", "gồm những gì"): every item the report gives, not
one sentence of them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from bot.answering import tuning
from bot.answering.draft import Choice, Draft
from bot.answering.needs import Needs
from bot.answering.passage import trim
from bot.answering.query import Query
from bot.answering.sentences import overlap, question_weight, sentences_in
from bot.answering.strategies.base import Context
from bot.language.text import fold
from bot.search.index import Hit


class Listing:
    name = "list"

    def applies(self, ctx: Context) -> bool:
        return ctx.query.wants_list

    def propose(self, ctx: Context) -> Draft | None:
        if ctx.best is None:
            return None
        query, needs, rarity = ctx.query, ctx.needs, ctx.index.rarity
        return list_answer(query, needs, ctx.best, ctx.hits, rarity,
                           lambda s: trim(s, query, needs, rarity, ctx.entities),
                           ctx.lexicon.patterns.reporting)


def list_answer(query: Query, needs: Needs, best: Choice, hits: Sequence[Hit],
                idf: Callable[[str], float], trim: Callable[[str], str],
                reporting: re.Pattern[str]) -> Draft | None:
    """Gather the sentences of the best paragraph (and the one after it in the same
    document) that share the question's frame as much as the best sentence nearly does, in
    order, each cut to its clauses; None when there is only the one."""
    chunk = best.hit.chunk
    total = question_weight(needs, idf)
    pool = [(chunk, i, s, held) for i, (s, held) in enumerate(best.sentences)]
    following = [h.chunk for h in hits if h.chunk.document is chunk.document
                 and h.chunk.paragraph == chunk.paragraph + 1 and h.chunk.page == chunk.page]
    for nxt in following[:1]:
        pool += [(nxt, i, s, held) for i, (s, held) in enumerate(sentences_in(nxt))]
    said = _reported_speech(query, best, reporting)
    if said:  # "Chủ tịch nước đề nghị …. Thủ trưởng đơn vị …": the requests go on
        items = [s for s, _ in best.sentences[best.index:]]
    else:
        bar = tuning.LIST_SHARE * best.share
        items = [s for _, _, s, held in pool if overlap(needs, held, idf) / total >= bar]
    if len(items) < 2:
        return None
    items = [trim(s) for s in items[:tuning.MAX_ITEMS]]
    return Draft("\n".join(f"• {item}" for item in items), query.kind, chunk, best.hit.score,
                 share=best.share, margin=best.margin)


def _reported_speech(query: Query, best: Choice, reporting: re.Pattern[str]) -> bool:
    """Tell whether the question asks what someone said ("đề nghị những gì?") and the best
    sentence reports it: then, as news is written, the sentences after it in the paragraph
    go on with what was said without naming the speaker again."""
    asked = query.where.reporting
    return bool(asked) and any(m.group(0) in asked
                               for m in reporting.finditer(fold(best.sentence).lower()))
