"""Small talk: a greeting, thanks, a call for help, English, or a message that asks nothing
gets the bot's own reply, without searching."""

from __future__ import annotations

from bot.answering import replies
from bot.answering.draft import Draft
from bot.answering.kinds import Kind, Talk
from bot.answering.strategies.base import Context


class SmallTalk:
    name = "talk"

    def applies(self, ctx: Context) -> bool:
        query = ctx.query
        return (query.smalltalk is not None or query.language == "en"
                or (not query.content and query.about is None and query.kind != Kind.DOCUMENTS))

    def propose(self, ctx: Context) -> Draft | None:
        query, titles = ctx.query, ctx.titles
        if query.smalltalk == Talk.GREETING:
            return Draft(replies.greeting(titles), Talk.GREETING, talk=True)
        if query.smalltalk == Talk.THANKS:
            return Draft(replies.thanks(), Talk.THANKS, talk=True)
        if query.smalltalk == Talk.HELP:
            return Draft(replies.help_text(titles), Talk.HELP, talk=True)
        if query.language == "en":
            return Draft(replies.english(), Talk.ENGLISH, talk=True)
        return Draft(replies.unclear(), Talk.UNCLEAR, talk=True)
