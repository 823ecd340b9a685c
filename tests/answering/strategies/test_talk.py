"""Small talk gets the bot's own words, and nothing is searched."""

from bot.answering.kinds import Talk
from bot.answering.strategies.talk import SmallTalk


def test_a_greeting_is_answered_with_what_the_bot_knows(qa, context_of):
    ctx = context_of(qa, "xin chào")
    draft = SmallTalk().propose(ctx)
    assert SmallTalk().applies(ctx) and draft.kind == Talk.GREETING and draft.talk
    assert "Tổng kết năm học" in draft.text or "tong ket nam hoc" in draft.text.lower()
    assert not ctx.searched()


def test_english_and_empty_of_content_are_replies(qa, context_of):
    assert SmallTalk().propose(context_of(qa, "Who chaired the meeting?")).kind == Talk.ENGLISH
    assert SmallTalk().propose(context_of(qa, "??? !!")).kind == Talk.UNCLEAR


def test_a_real_question_is_no_small_talk(qa, context_of):
    assert not SmallTalk().applies(context_of(qa, "Ai chủ trì hội nghị?"))
