"""Conversation: follow-up questions read against the previous turn.

Owns rewriting a follow-up ("ông ấy là ai?", "còn quý 3 thì sao?") into a standalone question
(`follow.py`), asking it within a conversation (`chat.ask`: the answer and the turn to keep),
who an answer is about (`subject.py`), and the state a conversation keeps (`state.py`: its
last turn, forgotten after a quiet while). May import `bot.answering` and the stages below it.
"""
