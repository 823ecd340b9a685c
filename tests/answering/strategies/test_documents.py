"""The list of reports: each with its date and a line of it."""

from bot.answering.kinds import Kind
from bot.answering.strategies.documents import Documents


def test_the_reports_are_listed_with_dates_and_a_line_each(qa, context_of):
    ctx = context_of(qa, "Có những tài liệu nào?")
    draft = Documents().propose(ctx)
    assert Documents().applies(ctx) and draft.kind == Kind.DOCUMENTS and draft.trusted
    assert draft.text.startswith("Mình có 2 tài liệu:")
    assert "Báo cáo thủy lợi Đà Lạt" in draft.text and "(2024-03)" in draft.text


def test_a_question_about_their_content_is_not_the_list(qa, context_of):
    assert not Documents().applies(context_of(qa, "Hội nghị tổng kết diễn ra khi nào?"))
