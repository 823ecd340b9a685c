"""The access settings (BOT_ALLOWED_USERS, BOT_ALLOWED_CHATS, BOT_SCOPES, BOT_EDITORS_CHAT,
BOT_DIGEST_HOUR, BOT_TIMEZONE) and the allowed list kept in the data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.serving.access import Access, Change
from bot.serving.access_settings import AccessSettings, AccessSettingsError, access_from
from bot.serving.settings import Settings
from bot.serving.telegram import TelegramSetupError, build_application
from tests.cli import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_file_reads_as_the_defaults():
    settings = Settings.from_env({}, dotenv=ROOT / ".env.example")
    assert settings.access == AccessSettings()
    assert str(settings.access.zone) == "Asia/Ho_Chi_Minh" and settings.access.digest_hour == 8


def test_the_settings_are_read_from_the_environment():
    access = access_from({"BOT_ALLOWED_USERS": "12, 34", "BOT_ALLOWED_CHATS": "-1001;-1002",
                          "BOT_SCOPES": "scopes.toml", "BOT_EDITORS_CHAT": "-1003",
                          "BOT_DIGEST_HOUR": "17", "BOT_TIMEZONE": "Europe/Paris"})
    assert access == AccessSettings(frozenset({12, 34}), frozenset({-1001, -1002}),
                                    Path("scopes.toml"), -1003, 17, "Europe/Paris")


@pytest.mark.parametrize("name, value, message", [
    ("BOT_ALLOWED_USERS", "12, @lan", "BOT_ALLOWED_USERS must be numeric Telegram ids "
                                      "separated by commas, got '@lan'"),
    ("BOT_EDITORS_CHAT", "1, 2", "BOT_EDITORS_CHAT must be one chat id, got '1, 2'"),
    ("BOT_DIGEST_HOUR", "24", "BOT_DIGEST_HOUR must be an hour from 0 to 23, got '24'"),
    ("BOT_TIMEZONE", "Asia/Hanoi_City", "BOT_TIMEZONE must be a time zone such as "
                                        "Asia/Ho_Chi_Minh, got 'Asia/Hanoi_City'"),
])
def test_a_bad_value_names_the_variable(name: str, value: str, message: str):
    with pytest.raises(AccessSettingsError) as error:
        access_from({name: value})
    assert str(error.value) == message


def test_a_bad_value_is_one_error_line_of_the_cli(monkeypatch):
    monkeypatch.setenv("BOT_DIGEST_HOUR", "noon")
    result = run_cli("unanswered")
    assert (result.returncode, result.stderr) == (
        2, "reportbot: error: BOT_DIGEST_HOUR must be an hour from 0 to 23, got 'noon'\n")


def test_the_allowed_list_is_kept_and_stays_closed(tmp_path: Path):
    access = Access(frozenset(), frozenset(), frozenset({7}), tmp_path)
    assert access.open and access.allows(5, 5, group=False)
    assert access.allow(5) == Change.ADDED and not access.open
    assert access.allows(5, 5, group=False) and not access.allows(6, 6, group=False)
    assert access.allows(7, 7, group=False)  # an admin, in their private chat
    assert not access.allows(-100, 7, group=True)  # an admin does not open a group
    again = Access(frozenset(), frozenset(), frozenset({7}), tmp_path)
    assert again.allows(5, 5, group=False)
    assert again.deny(5) == Change.REMOVED and again.deny(5) == Change.NOT_LISTED
    assert not Access(frozenset(), frozenset(), frozenset(), tmp_path).open
    listed = Access(frozenset({9}), frozenset({-200}), frozenset(), tmp_path / "other")
    assert listed.deny(9) == Change.IN_ENVIRONMENT and listed.allow(-200) == Change.ALREADY
    assert listed.allows(-200, 1, group=True) and not listed.allows(-201, 9, group=True)


def test_a_bad_mapping_stops_the_start_with_one_line(tmp_path: Path):
    mapping = tmp_path / "scopes.toml"
    mapping.write_text("[scopes.sales]\nfolders = ['../../etc']\n", encoding="utf-8")
    settings = Settings(token="1:x", access=AccessSettings(scopes_file=mapping))
    with pytest.raises(TelegramSetupError) as error:
        build_application(settings, None)
    assert str(error.value) == (f"BOT_SCOPES: {mapping}, [scopes.sales]: folder '../../etc' must "
                                "be inside the knowledge folder (relative, no '..')")
