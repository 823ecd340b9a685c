"""Yes/no: "Có" or "Không" only from a sentence that confirms or contradicts the claim."""

from bot.answering.strategies.yes_no import YesNo


def test_another_month_in_the_same_frame_contradicts_the_claim(bundled_qa, context_of):
    draft = YesNo().propose(context_of(bundled_qa, "Có phải hội nghị diễn ra vào tháng 5 không?"))
    assert draft.short == "Không" and draft.text.startswith("Không. Ngày 21/6")
    assert draft.settled


def test_someone_else_doing_what_was_asked_says_no(bundled_qa, context_of):
    draft = YesNo().propose(context_of(bundled_qa, "Nguyễn Xuân Phúc có chủ trì hội nghị không?"))
    assert draft.short == "Không" and "Tô Lâm" in draft.text


def test_a_claim_no_sentence_settles_gets_no_yes_or_no(bundled_qa, context_of):
    assert YesNo().propose(context_of(bundled_qa, "Hội nghị có bàn về giá vàng không?")) is None
