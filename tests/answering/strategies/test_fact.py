"""A fact: the best sentence with what belongs to it, and its short phrase."""

from bot.answering.strategies.fact import Fact


def test_the_sentence_that_answers_with_its_short_phrase(bundled_qa, context_of):
    draft = Fact().propose(context_of(bundled_qa, "Ai chủ trì hội nghị?"))
    assert draft.short == "Đại tướng Tô Lâm" and draft.text.endswith("chủ trì hội nghị.")
    assert draft.chunk.paragraph == 1 and not draft.undecided


def test_a_yes_no_question_answered_by_a_passage_is_marked_undecided(bundled_qa, context_of):
    draft = Fact().propose(context_of(bundled_qa, "Hội nghị có bàn về giá vàng không?"))
    assert draft.undecided and draft.short is None


def test_nothing_found_proposes_nothing(qa, context_of):
    assert Fact().propose(context_of(qa, "xyzxyz qwqwqw")) is None
