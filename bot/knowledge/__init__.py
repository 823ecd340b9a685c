"""Knowledge: the report files of the knowledge folder read into documents.

Owns walking the folder safely (`folder.py`), one reader per file format (`formats.py`), a
parsed file made a Document with its title, date, period and the role of each paragraph
(`reading.py`), and documents, chunks and the knowledge of a folder as data (`documents.py`).
May import `bot.language` only.
"""
