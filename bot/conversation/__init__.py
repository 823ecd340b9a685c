"""Conversation: follow-up questions read against the previous turn.

Owns rewriting a follow-up ("ông ấy là ai?", "còn quý 3 thì sao?") into a standalone question
and the state a conversation keeps (its last turn, forgotten after a quiet while). May import
`bot.answering` and the stages below it.
"""
