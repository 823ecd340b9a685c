"""Search: finding the paragraphs a question is about.

Owns the index-term vocabulary (`terms.py`), BM25 over paragraph chunks as arrays with spelling
correction (`index.py`), building the index in worker processes (`building.py`), the index
cache on disk (`cache.py`) and search's tuning numbers. May import `bot.knowledge` and
`bot.language`.
"""
