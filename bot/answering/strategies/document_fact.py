"""Facts about the document itself: who wrote it (its byline), who audited it (the firm its
identity names) and when it is dated, of the document meant (of the organisation and period
the question names, in focus, or the only one), else of the best hit that says it."""

from __future__ import annotations

from bot.answering import replies
from bot.answering.draft import Draft
from bot.answering.kinds import Kind
from bot.answering.sentences import in_period
from bot.answering.strategies.base import Context
from bot.knowledge.documents import Chunk, Document, chunks_of


class DocumentFact:
    name = "document_fact"

    def applies(self, ctx: Context) -> bool:
        return ctx.query.about is not None

    def propose(self, ctx: Context) -> Draft | None:
        hits = ctx.hits
        score = hits[0].score if hits else 0.0
        ranked = list(ctx.in_focus()) + [h.chunk.document for h in hits]
        if ctx.query.about == Kind.AUTHOR:
            for doc in ranked:
                if doc.author:
                    return Draft(replies.author(doc.author), Kind.AUTHOR, chunks_of([doc])[-1],
                                 score, doc.author, trusted=True)
        if ctx.query.about == Kind.AUDITOR:
            named = ctx.in_scope() if ctx.scope else []
            ranked = [d for d in [*named, *ranked] if d.identity and d.identity.auditor]
            ranked.sort(key=lambda d: not in_period(ctx.query, d))  # stable: the period asked
            for doc in ranked[:1]:
                auditor = doc.identity.auditor
                return Draft(replies.audited_by(auditor, doc.title), Kind.AUDITOR,
                             _naming(doc, auditor), score, auditor, trusted=True)
        if ctx.query.about == Kind.DATE:
            for doc in ranked:
                if doc.date:
                    return Draft(replies.dated(doc.date), Kind.DATE, chunks_of([doc])[0],
                                 score, doc.date, trusted=True)
        return None


def _naming(document: Document, name: str) -> Chunk:
    """The first paragraph of the document that names `name`, else its first."""
    chunks = chunks_of([document])
    return next((c for c in chunks if name in c.text), chunks[0])
