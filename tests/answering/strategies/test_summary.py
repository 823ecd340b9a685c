"""A summary of the report the question names, or the only one; else the bot asks which."""

from bot.answering.kinds import Kind, Talk
from bot.answering.strategies.summary import Summary


def test_the_named_report_is_summarized_from_its_first_paragraph(qa, context_of):
    draft = Summary().propose(context_of(qa, "Tóm tắt bài «Báo cáo thủy lợi Đà Lạt»"))
    assert draft.kind == Kind.SUMMARY and draft.chunk.document.path == "thuy-loi/notes.md"
    assert draft.text.startswith("Hồ Xuân Hương được nạo vét trong tháng 8")


def test_which_report_is_asked_back_when_several_could_be_meant(qa, context_of):
    draft = Summary().propose(context_of(qa, "Tóm tắt giúp mình"))
    assert draft.clarify and draft.kind == Talk.CLARIFY
    assert draft.text.startswith("Bạn muốn mình tóm tắt tài liệu nào?")


def test_the_report_in_focus_is_the_one_summarized(qa, context_of):
    draft = Summary().propose(context_of(qa, "Tóm tắt giúp mình", focus="thuy-loi/notes.md"))
    assert draft.chunk.document.path == "thuy-loi/notes.md"
