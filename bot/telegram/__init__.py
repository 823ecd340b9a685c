"""Telegram front end (the only package that imports python-telegram-bot)."""

from .app import TelegramSetupError, build_application, run_telegram

__all__ = ["TelegramSetupError", "build_application", "run_telegram"]
