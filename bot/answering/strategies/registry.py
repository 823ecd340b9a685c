"""The strategies in the order they are tried: the first that applies and proposes a Draft
gives it. Replies that need no search come first, then facts about the document, who holds
a position (a table's row), figures
of tables (a change computed, a series, one cell), yes/no, lists, and the passage that
answers a fact."""

from __future__ import annotations

from bot.answering.draft import Draft
from bot.answering.strategies.base import Context, Strategy
from bot.answering.strategies.comparison import Comparison
from bot.answering.strategies.document_fact import DocumentFact
from bot.answering.strategies.documents import Documents
from bot.answering.strategies.fact import Fact
from bot.answering.strategies.listing import Listing
from bot.answering.strategies.role_holder import RoleHolder
from bot.answering.strategies.row_column import RowColumn
from bot.answering.strategies.series import Series
from bot.answering.strategies.summary import Summary
from bot.answering.strategies.table_cell import TableCell
from bot.answering.strategies.table_list import TableList
from bot.answering.strategies.talk import SmallTalk
from bot.answering.strategies.yes_no import YesNo

STRATEGIES: tuple[Strategy, ...] = (SmallTalk(), Documents(), Summary(), DocumentFact(),
                                    RoleHolder(), Comparison(), Series(), TableCell(),
                                    RowColumn(), YesNo(),
                                    TableList(), Listing(), Fact())


def propose(ctx: Context, strategies: tuple[Strategy, ...] = STRATEGIES) -> Draft | None:
    """The first draft a strategy that applies proposes, or None when none does."""
    for strategy in strategies:
        if strategy.applies(ctx):
            draft = strategy.propose(ctx)
            if draft is not None:
                return draft
    return None
