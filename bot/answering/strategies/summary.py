"""A summary of one report ("tóm tắt giúp mình", "Tóm tắt bài «…»", "Tóm tắt báo cáo tháng
3"): the report the question names, or the one of the period it names, or the one in focus, or
the only one; else the bot asks which."""

from __future__ import annotations

from bot.answering import replies, tuning
from bot.answering.cells import fiscal_start, is_own, span_of
from bot.answering.draft import Draft
from bot.answering.key_figures import key_figures
from bot.answering.kinds import Kind, Talk
from bot.answering.strategies.base import Context
from bot.answering.summaries import document_of_period, named_document, summarize
from bot.knowledge.documents import Document, chunks_of


class Summary:
    name = "summary"

    def applies(self, ctx: Context) -> bool:
        return ctx.query.kind == Kind.SUMMARY

    def propose(self, ctx: Context) -> Draft | None:
        query, documents = ctx.query, _candidates(ctx)
        doc = (named_document(query, documents, ctx.lexicon)
               or document_of_period(query, documents)
               or next((d for d in documents if d.path == ctx.focus), None)
               or (documents[0] if len(documents) == 1 else None))
        if doc is None:
            return Draft(replies.which_document(ctx.titles), Talk.CLARIFY, clarify=True)
        text, used = summarize(doc, ctx.index.rarity, ctx.lexicon)
        figures = key_figures(doc, ctx.index, ctx.lexicon)
        if figures:  # a statement: which report of whom, and its key figures
            text = "\n".join([f"{doc.title}.", *figures])
            used = used or [0]
        if not text:
            return Draft("", Kind.SUMMARY, found=False)
        shown = "\n\n".join(doc.paragraphs[:tuning.SOURCE_PARAGRAPHS])
        return Draft(text, Kind.SUMMARY, chunks_of([doc])[used[0]], source_text=shown,
                     trusted=True)


def _candidates(ctx: Context) -> tuple[Document, ...]:
    """The reports the summary may be of: those of the organisation the question names (or
    of the one in focus), of the period it names when several are."""
    documents = tuple(ctx.in_scope())
    dated = [w for w in ctx.query.wanted if w.dated]
    if len(documents) > 1 and dated:
        own = tuple(d for d in documents
                    if any(is_own(w, span_of(d), fiscal_start(d)) for w in dated))
        documents = own or documents
    return documents
