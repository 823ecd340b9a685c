"""The registry: the first strategy that applies and proposes gives the draft."""

from bot.answering.kinds import Kind, Talk
from bot.answering.strategies.registry import STRATEGIES, propose


def test_strategies_are_tried_replies_first_and_the_passage_last():
    names = [s.name for s in STRATEGIES]
    assert names == ["talk", "documents", "summary", "document_fact", "role_holder", "comparison",
                     "series",
                     "table_cell", "row_column", "yes_no", "table_list", "list",
                     "fact"]


def test_each_question_gets_the_draft_of_its_strategy(bundled_qa, context_of):
    assert propose(context_of(bundled_qa, "cảm ơn bạn")).kind == Talk.THANKS
    assert propose(context_of(bundled_qa, "bạn biết gì?")).kind == Kind.DOCUMENTS
    assert propose(context_of(bundled_qa, "Ai chủ trì hội nghị?")).short == "Đại tướng Tô Lâm"
