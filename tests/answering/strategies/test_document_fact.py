"""Who wrote the report and when it is dated: from the document itself."""

from bot.answering.kinds import Kind
from bot.answering.strategies.document_fact import DocumentFact


def test_the_byline_answers_who_wrote_it(qa, context_of):
    draft = DocumentFact().propose(context_of(qa, "Ai viết bài báo này?",
                                              focus="tong-ket-nam-hoc.txt"))
    assert draft.kind == Kind.AUTHOR and draft.short == "TRẦN MINH" and draft.trusted
    assert draft.chunk.paragraph == 5  # cited where the byline stands


def test_the_date_answers_when_it_is_dated(qa, context_of):
    draft = DocumentFact().propose(context_of(qa, "Bài được viết khi nào?",
                                              focus="tong-ket-nam-hoc.txt"))
    assert draft.kind == Kind.DATE and draft.short == "2024-03"
