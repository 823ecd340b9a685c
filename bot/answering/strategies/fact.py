"""A fact the reports state (who, when, where, how many, what, why, how): the best sentence
with what belongs to it (the lines it announces when it ends with ":"), its short phrase,
and the same fact as a report of another period states it when the question names no
period."""

from __future__ import annotations

from bot.answering import tuning
from bot.answering.announced import announced, announces
from bot.answering.draft import Choice, Draft
from bot.answering.kinds import Kind
from bot.answering.passage import passage
from bot.answering.query import Query
from bot.answering.short import short_answer
from bot.answering.strategies.base import Context
from bot.knowledge.documents import Chunk


class Fact:
    name = "fact"

    def applies(self, ctx: Context) -> bool:
        return True

    def propose(self, ctx: Context) -> Draft | None:
        best = ctx.best
        if best is None:
            return None
        query = ctx.query
        text = passage(query, ctx.needs, best.sentences, best.index, ctx.index.rarity,
                       ctx.entities)
        sentence = best.sentence
        if announces(text) and best.index == len(best.sentences) - 1:
            lines = "; ".join(c.text for c in announced(best.hit.chunk, ctx.index))
            text = sentence = f"{text} {lines}" if lines else text
        rival = (best.rival[0], best.rival[1].chunk) if best.rival else None
        return Draft(text, query.kind, best.hit.chunk, best.hit.score,
                     short_answer(query, sentence, ctx.entities, text),
                     # A yes/no question answered without "Có" or "Không": the verdict declines.
                     undecided=query.kind == Kind.YES_NO,
                     share=best.share, margin=best.margin, rival=rival,
                     also=_same_series(query, best, rival, ctx.focus))


def _same_series(query: Query, best: Choice, rival: tuple[str, Chunk] | None,
                 focus: str | None) -> tuple[str, Chunk] | None:
    """The sentence another report of the same kind, about another period, says the same
    fact with, when the question names no period and no report is in focus."""
    if (query.periods or focus or rival is None or best.margin >= tuning.SERIES_MARGIN
            or query.kind == Kind.YES_NO or not query.kind.is_fact):
        return None
    mine, theirs = best.hit.chunk.document.period, rival[1].document.period
    return rival if mine is not None and theirs is not None and mine != theirs else None
