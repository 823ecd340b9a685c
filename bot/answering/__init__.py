"""Answering: one standalone question to one Answer.

Owns reading the question once into a Query, what it searches for and needs, choosing the
sentence, the strategies that propose a draft answer, the one verdict that answers or declines
and says why, the Answer data every front end renders, and every sentence the bot says of its
own (`replies.py`). May import `bot.search`, `bot.knowledge` and `bot.language`.
"""
