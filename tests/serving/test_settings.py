"""Settings from the environment and .env: defaults, overrides, and errors that name the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.serving.settings import Settings, SettingsError, parse_admin_ids
from tests.cli import run_cli


def test_defaults_without_environment_or_dotenv(tmp_path: Path):
    settings = Settings.from_env({}, dotenv=tmp_path / "missing.env")
    assert settings == Settings()
    assert (settings.knowledge_dir, settings.data_dir, settings.log_level) == (
        Path("knowledge"), Path("data"), "WARNING")


def test_environment_wins_over_dotenv(tmp_path: Path):
    dotenv = tmp_path / ".env"
    dotenv.write_text("KNOWLEDGE_DIR=from-dotenv\nLOG_LEVEL=debug\nTELEGRAM_BOT_TOKEN=1:abc\n"
                      "BOT_ADMIN_IDS=7, 8\n", encoding="utf-8")
    settings = Settings.from_env({"KNOWLEDGE_DIR": "from-env"}, dotenv=dotenv)
    assert settings.knowledge_dir == Path("from-env")
    assert settings.log_level == "DEBUG"
    assert settings.admin_ids == frozenset({7, 8})
    assert settings.token == "1:abc" and "1:abc" not in repr(settings)


def test_admin_ids_accept_commas_semicolons_and_spaces():
    assert parse_admin_ids(" 12, 34;56 ,") == frozenset({12, 34, 56})
    assert parse_admin_ids("") == frozenset()
    with pytest.raises(SettingsError, match="BOT_ADMIN_IDS must be numeric Telegram user ids "
                                            "separated by commas, got '@lan'"):
        parse_admin_ids("12, @lan")


def test_a_bad_setting_is_one_error_line_and_exit_2(monkeypatch):
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    result = run_cli("unanswered")
    assert result.returncode == 2
    assert result.stderr == ("reportbot: error: LOG_LEVEL must be one of DEBUG, INFO, WARNING, "
                             "ERROR, CRITICAL, got 'LOUD'\n")
    monkeypatch.setenv("LOG_LEVEL", "INFO")
    monkeypatch.setenv("BOT_ADMIN_IDS", "admin")
    assert run_cli("unanswered").stderr == (
        "reportbot: error: BOT_ADMIN_IDS must be numeric Telegram user ids separated by commas, "
        "got 'admin'\n")
