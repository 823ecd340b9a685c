"""Telegram front end (the only package that imports python-telegram-bot)."""

from bot.serving.telegram.app import TelegramSetupError, build_application, run_telegram

__all__ = ["TelegramSetupError", "build_application", "run_telegram"]
