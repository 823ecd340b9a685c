"""Facts about the document itself: who wrote it (its byline), who audited it (the firm its
identity names), when it — or its auditor's report — was signed (the place-and-date line
that closes it: "Hà Nội, ngày 25 tháng 3 năm 2025") and when it is dated, of the document
meant (of the organisation and period the question names, in focus, or the only one), else
of the best hit that says it."""

from __future__ import annotations

import numpy as np

from bot.answering import replies
from bot.answering.draft import Draft
from bot.answering.kinds import Kind
from bot.answering.phrases import matches
from bot.answering.sentences import in_period
from bot.answering.strategies.base import Context
from bot.knowledge.documents import Chunk, Document, chunks_of
from bot.knowledge.formats import BODY, HEADING
from bot.language.spans import signing_dates


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
            if named:  # the reports of the company asked name no auditor: not audited (a
                #        quarter's statements), and no sentence about another firm answers
                return Draft("", Kind.AUDITOR, found=False)
        if ctx.query.about == Kind.SIGNED:
            return _signed(ctx, ranked, score)
        if ctx.query.about == Kind.DATE:
            for doc in ranked:
                if doc.date:
                    return Draft(replies.dated(doc.date), Kind.DATE, chunks_of([doc])[0],
                                 score, doc.date, trusted=True)
        return None


def _signed(ctx: Context, ranked: list[Document], score: float) -> Draft | None:
    """When the report meant (or its auditor's report) was signed: the first signing line
    after the auditor's report's heading, else the one of the day its identity gives."""
    named = ctx.in_scope() if ctx.scope else []
    documents = sorted(dict.fromkeys([*named, *ranked]),
                       key=lambda d: not in_period(ctx.query, d))
    auditor = ctx.lexicon.patterns.auditor_report
    for document in documents[:1]:
        rows = [ctx.index.chunks[int(r)] for r in np.flatnonzero(ctx.index.mask([document.path]))]
        start = next((i for i, c in enumerate(rows) if ctx.query.of_auditor
                      and c.role in (HEADING, BODY) and matches(auditor, c.text.lower())), None)
        if ctx.query.of_auditor and start is None:
            return None
        wanted = None if start is not None else document.identity and document.identity.signed
        for chunk in rows[start or 0:]:
            days = [d for _, d in signing_dates(chunk.text) if wanted is None or d == wanted]
            if days:
                what = "Báo cáo kiểm toán độc lập" if start is not None else f"«{document.title}»"
                day = f"{days[0].day} tháng {days[0].month} năm {days[0].year}"
                return Draft(replies.signed(what, day), Kind.SIGNED, chunk, score,
                             f"{days[0].day}/{days[0].month}/{days[0].year}", trusted=True)
    return None


def _naming(document: Document, name: str) -> Chunk:
    """The first paragraph of the document that names `name`, else its first."""
    chunks = chunks_of([document])
    return next((c for c in chunks if name in c.text), chunks[0])
