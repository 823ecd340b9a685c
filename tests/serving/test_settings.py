"""Settings from the environment and .env: defaults, overrides, and errors that name the fix."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from bot.serving.masking import MaskingFilter
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


TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"  # shaped like a real bot token


def test_a_token_pasted_into_the_wrong_variable_is_never_echoed(monkeypatch):
    monkeypatch.setenv("TELEGRAM_SEND_DEADLINE", TOKEN)
    result = run_cli("unanswered")
    assert result.returncode == 2
    assert result.stderr == ("reportbot: error: TELEGRAM_SEND_DEADLINE must be a number of "
                             "seconds (0 or more), got a value of 44 characters (not shown: it "
                             "may be a secret)\n")
    monkeypatch.delenv("TELEGRAM_SEND_DEADLINE")
    monkeypatch.setenv("BOT_ADMIN_IDS", f"7, {TOKEN}")
    assert run_cli("unanswered").stderr == (
        "reportbot: error: BOT_ADMIN_IDS must be numeric Telegram user ids separated by commas, "
        "got a value of 44 characters (not shown: it may be a secret)\n")
    monkeypatch.delenv("BOT_ADMIN_IDS")
    monkeypatch.setenv("LOG_LEVEL", "x" * 40)
    assert run_cli("unanswered").stderr == (
        "reportbot: error: LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got "
        "a value of 40 characters (not shown: it may be a secret)\n")


def test_anything_token_shaped_is_masked_in_errors_and_logs(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path / TOKEN))
    result = run_cli("ask", "Ai chủ trì hội nghị?")
    assert result.returncode == 2
    assert TOKEN not in result.stderr and "<token>" in result.stderr
    assert result.stderr.startswith("reportbot: error: knowledge folder ")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(MaskingFilter())
    log = logging.getLogger("test.masking")
    log.addHandler(handler)
    try:
        log.warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise ValueError(f"bad {TOKEN}")
        except ValueError:
            log.exception("failed at 10:30:00 on port 127.0.0.1:8081")
    finally:
        log.removeHandler(handler)
    text = stream.getvalue()
    assert TOKEN not in text
    assert text.startswith("POST https://api.telegram.org/bot<token>/getMe\n"
                           "failed at 10:30:00 on port 127.0.0.1:8081\nTraceback")
    assert text.rstrip().endswith("ValueError: bad <token>")


def test_operations_settings_default_to_off_and_localhost(tmp_path: Path):
    settings = Settings.from_env({}, dotenv=tmp_path / "missing.env")
    assert (settings.log_format, settings.http_host, settings.http_port) == (
        "text", "127.0.0.1", None)
    assert (settings.webhook_url, settings.webhook_secret, settings.webhook_host,
            settings.webhook_port) == (None, None, "127.0.0.1", 8088)
    settings = Settings.from_env({"LOG_FORMAT": "JSON", "BOT_HTTP_PORT": "9100",
                                  "TELEGRAM_WEBHOOK_SECRET": "s3cret-value_1",
                                  "BOT_WEBHOOK_PORT": "8443"}, dotenv=None)
    assert (settings.log_format, settings.http_port, settings.webhook_port) == (
        "json", 9100, 8443)
    assert settings.webhook_secret == "s3cret-value_1" and "s3cret" not in repr(settings)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("BOT_HTTP_PORT", "http", "BOT_HTTP_PORT must be a port number from 1 to 65535, got 'http'"),
    ("BOT_WEBHOOK_PORT", "70000",
     "BOT_WEBHOOK_PORT must be a port number from 1 to 65535, got '70000'"),
    ("LOG_FORMAT", "xml", "LOG_FORMAT must be text or json, got 'xml'"),
    ("TELEGRAM_WEBHOOK_SECRET", "not a secret!",
     "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of A-Z, a-z, 0-9, _ and - (Telegram's rule); "
     "the one set (13 characters, not shown) has others"),
])
def test_a_bad_operations_setting_names_itself_and_never_shows_a_secret(name, value, message):
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({name: value}, dotenv=None)
    assert str(raised.value) == message
