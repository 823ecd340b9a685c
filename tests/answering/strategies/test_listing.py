"""Lists: every item the paragraph gives that shares the question's frame, one per line."""

from bot.answering.strategies.listing import Listing


def test_what_someone_asked_for_goes_on_in_the_sentences_after(bundled_qa, context_of):
    ctx = context_of(bundled_qa, "Chủ tịch nước đề nghị những gì?")
    draft = Listing().propose(ctx)
    items = draft.text.split("\n")
    assert Listing().applies(ctx) and len(items) == 5 and all(i.startswith("• ") for i in items)
    assert items[0].startswith("• Chủ tịch nước đề nghị nâng cao hiệu quả công tác lãnh đạo")


def test_a_question_for_one_thing_is_no_list(bundled_qa, context_of):
    assert not Listing().applies(context_of(bundled_qa, "Ai chủ trì hội nghị?"))
