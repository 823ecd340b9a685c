"""Serving: the front ends people use and the live knowledge they serve.

Owns the command line (`cli.py`), the console chat and `ask` (`console.py`), the Telegram bot
(`telegram/`, the only package that imports python-telegram-bot), settings read once from the
environment, the library that rebuilds and swaps the index when files change, and the private
records (unanswered questions, feedback). May import every stage below it.
"""
