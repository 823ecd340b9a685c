"""Which reports there are ("Có những tài liệu nào?", "bạn biết gì?"): each with its date and
a line of it."""

from __future__ import annotations

from bot.answering import replies
from bot.answering.draft import Draft
from bot.answering.kinds import Kind
from bot.answering.strategies.base import Context
from bot.answering.summaries import gist


class Documents:
    name = "documents"

    def applies(self, ctx: Context) -> bool:
        return ctx.query.kind == Kind.DOCUMENTS

    def propose(self, ctx: Context) -> Draft | None:
        rows = [(d.title, d.date, gist(d, ctx.lexicon)) for d in ctx.documents]
        return Draft(replies.documents_list(rows), Kind.DOCUMENTS, trusted=True)
