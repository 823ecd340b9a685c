"""Who may use the bot and what each chat sees, end to end against the fake Bot API: the
refusal of strangers, /allow and /deny across a restart, groups not allowed, a chat bound to
sales/ that never sees a word of board/, buttons that cannot be forged, the group setting."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import pytest

from bot.serving import notices
from bot.serving.access_settings import AccessSettings
from bot.serving.telegram import app as telegram_app
from bot.serving.telegram import build_application
from tests.fake_telegram import BOT, FakeTelegram
from tests.serving.test_scopes import leaked
from tests.serving.two_folders import two_folders
from tests.telegram_run import ADMIN, running, settings_for, wait_until

SALES, BOARD, UNMAPPED, STRANGER = 42, 43, 44, 77
MAPPING = """\
[scopes.sales]
folders = ["sales"]
users = [42]
chats = [-100500]

[scopes.board]
folders = ["."]
users = [43]
"""


def closed(**extra) -> AccessSettings:
    return AccessSettings(allowed_users=frozenset({SALES, BOARD, UNMAPPED}), **extra)


def to_chat(fake: FakeTelegram, chat: int) -> list[dict]:
    return [m for m in fake.sent if int(m["chat_id"]) == chat]


def shown(message: dict) -> str:
    """All a person sees of a sent message: its text or caption and its buttons."""
    buttons = [b for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
               for b in row]
    return " ".join([message["message"].get("text", message["message"].get("caption", "")),
                     *(b["text"] + " " + b.get("callback_data", "") for b in buttons)])


async def sends(fake: FakeTelegram, count: int) -> None:
    await wait_until(lambda: len(fake.sent) >= count)


async def test_a_stranger_gets_only_the_refusal_with_their_id(fake, knowledge_dir, tmp_path):
    settings = settings_for(fake, knowledge_dir, tmp_path / "data", access=closed())
    async with running(settings):
        for text in ("Ai chủ trì hội nghị?", "/sources", "/start", "/help", "/stats"):
            fake.message(text, chat_id=STRANGER, user_id=STRANGER)
        await fake.wait_calls("sendMessage", 5)
        answered = fake.sent[0]
        fake.callback("p:whatever", answered["message"], user_id=STRANGER)
        (pressed,) = await fake.wait_calls("answerCallbackQuery", 1)
    refusal = ("Xin lỗi, bạn chưa được phép dùng bot này. Hãy gửi mã số 77 của bạn cho quản "
               "trị viên để được thêm vào.")
    assert [m["text"] for m in fake.sent] == [refusal] * 5
    assert not any("reply_markup" in m for m in fake.sent)
    assert pressed["text"] == refusal
    assert not (tmp_path / "data" / "unanswered.jsonl").exists()


async def test_a_stranger_flooding_is_not_told_to_slow_down(fake, knowledge_dir, tmp_path,
                                                            monkeypatch):
    monkeypatch.setattr(telegram_app, "FLOOD_LIMIT", 3)
    settings = settings_for(fake, knowledge_dir, tmp_path / "data", access=closed())
    async with running(settings):
        for _ in range(12):
            fake.message("Ai chủ trì hội nghị?", chat_id=STRANGER, user_id=STRANGER)
        for chat in (SALES, -300):  # an allowed chat, then a group flooding, not allowed
            fake.message("Ai chủ trì hội nghị?", chat_id=chat, user_id=SALES,
                         chat_type="private" if chat > 0 else "supergroup")
        for _ in range(8):
            fake.message(f"@{BOT['username']} Ai chủ trì hội nghị?", chat_id=-300, user_id=56,
                         chat_type="supergroup")
        await wait_until(lambda: any(int(m["chat_id"]) == SALES for m in fake.sent))
        await wait_until(lambda: len([m for m in fake.sent
                                      if int(m["chat_id"]) == STRANGER]) >= 3)
    assert {m["text"] for m in fake.sent if int(m["chat_id"]) == STRANGER} == {
        notices.not_allowed(STRANGER)}
    assert not [m for m in fake.sent if int(m["chat_id"]) == -300]


async def test_allowed_users_and_groups_are_served_and_other_groups_met_with_silence(
        fake, knowledge_dir, tmp_path):
    access = AccessSettings(allowed_users=frozenset({SALES}), allowed_chats=frozenset({-100}))
    async with running(settings_for(fake, knowledge_dir, tmp_path / "data", access=access)):
        fake.message("Ai chủ trì hội nghị?", chat_id=SALES, user_id=SALES)
        fake.message(f"@{BOT['username']} Ai chủ trì hội nghị?", chat_id=-100, user_id=55,
                     chat_type="supergroup")
        await fake.wait_calls("sendMessage", 2)
        for user in (SALES, 56):  # an allowed user does not open a group that is not
            fake.message(f"@{BOT['username']} Ai chủ trì hội nghị?", chat_id=-200,
                         user_id=user, chat_type="supergroup")
        await fake.wait_calls("sendMessage", 3)
        fake.message("/start", chat_id=ADMIN, user_id=ADMIN)  # the admin is always served
        await fake.wait_calls("sendMessage", 4)
    chats = [int(m["chat_id"]) for m in fake.sent]
    assert sorted(chats[:2]) == [-100, SALES] and chats[2:] == [ADMIN, ADMIN]  # not -200
    assert all(m["text"].startswith("<b>Giám đốc Sở Nguyễn Văn Hòa</b>") for m in fake.sent[:2])
    assert fake.sent[2]["text"] == notices.group_not_allowed(-200, "Nhóm thử")
    assert "-200" in fake.sent[2]["text"] and "Nhóm thử" in fake.sent[2]["text"]


async def test_allow_and_deny_are_for_admins_and_survive_a_restart(fake, knowledge_dir,
                                                                   tmp_path):
    data = tmp_path / "data"
    settings = settings_for(fake, knowledge_dir, data, access=closed())
    async with running(settings):
        for text, user in (("/allow 77", SALES), ("/allow 77", ADMIN), ("/allow 77", ADMIN),
                           ("/deny 42", ADMIN), ("/allow abc", ADMIN)):
            fake.message(text, chat_id=user, user_id=user)
            await sends(fake, len(fake.sent) + 1)
    assert [m["text"] for m in fake.sent] == [
        "Xin lỗi, chỉ quản trị viên của bot mới dùng được lệnh này.",
        "Đã cho phép mã số 77 dùng bot.", "Mã số 77 đã được phép dùng bot từ trước.",
        "Mã số 42 nằm trong BOT_ALLOWED_USERS hoặc BOT_ALLOWED_CHATS của môi trường: hãy xóa "
        "nó ở đó (tệp .env) rồi khởi động lại bot.",
        "Cách dùng: /allow MÃ_SỐ (mã số người dùng hoặc nhóm, ví dụ /allow 123456789)."]
    kept = data / "telegram" / "allowed.json"
    assert json.loads(kept.read_text(encoding="utf-8")) == {"ids": [77]}
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    fake.sent.clear()
    async with running(settings):  # a restart: 77 is still allowed
        fake.message("Ai chủ trì hội nghị?", chat_id=STRANGER, user_id=STRANGER)
        await sends(fake, 1)
        fake.message("/deny 77", chat_id=ADMIN, user_id=ADMIN)
        await sends(fake, 2)
        fake.message("Ai chủ trì hội nghị?", chat_id=STRANGER, user_id=STRANGER)
        await sends(fake, 3)
    assert fake.sent[0]["text"].startswith("<b>Giám đốc Sở Nguyễn Văn Hòa</b>")
    assert fake.sent[1]["text"] == "Đã bỏ quyền dùng bot của mã số 77."
    assert fake.sent[2]["text"] == notices.not_allowed(STRANGER)
    assert json.loads(kept.read_text(encoding="utf-8")) == {"ids": []}  # closed still


def test_an_open_bot_is_announced_at_start(fake, knowledge_dir, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    build_application(settings_for(fake, knowledge_dir, tmp_path / "a"), None)
    assert [r.getMessage() for r in caplog.records] == [
        "The bot is open to everyone: anybody who finds its username can read every report. "
        "Set BOT_ALLOWED_USERS and/or BOT_ALLOWED_CHATS (see README, \"Who can use the bot\") "
        "to close it."]
    caplog.clear()
    build_application(settings_for(fake, knowledge_dir, tmp_path / "b", access=closed()), None)
    assert caplog.records == []


# Every path that shows content, asked in the chat bound to sales/ (questions spelled near the
# board's marker words too); after /new each conversation starts afresh.
SALES_PATHS = [
    "/start", "/help", "/sources", "Có những tài liệu nào?", "bạn biết gì?",
    "Ai chủ trì buổi họp?", "ông ấy là ai?", "còn ở Hà Nội thì sao?", "/new", "ông ấy là ai?",
    "tóm tắt giúp mình", "Tóm tắt bài «Hồ sơ Quelbrix của hội đồng»", "bài này nói gì?",
    "Tóm tắt bài «Kết quả bán hàng quý 3»", "Tóm tắt báo cáo tài chính quý 2/2025 của TSL",
    "Quelbrik được rót vốn bao nhiêu?", "Vantrotic chủ trì gì", "ai chu tri buoi hop kin",
    "Doanh thu của Zorvat quý 2/2025?", "Doanh thu của ZRV quý 2/2025?",
    "Doanh thu quý 2/2025 của Masan là bao nhiêu?", "Giá xăng tuần này thế nào?",
    "Ai rót vốn 900 tỷ đồng?", "Hội đồng quyết định bán gì?",
    "Doanh thu thuần quý 2/2025 của TSL là bao nhiêu?",
    "còn của Zorvat?", "Doanh thu thuần của TSL qua các quý năm 2025?", "/nope",
]


@pytest.fixture
def mapped(tmp_path: Path):
    folder = two_folders(tmp_path / "kb")
    mapping = tmp_path / "scopes.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    return folder, closed(scopes_file=mapping)


async def test_a_chat_bound_to_sales_never_sees_anything_of_another_folder(
        fake: FakeTelegram, mapped, tmp_path):
    folder, access = mapped
    async with running(settings_for(fake, folder, tmp_path / "data", access=access)):
        fake.message("Ai chủ trì buổi họp?", chat_id=BOARD, user_id=BOARD)
        await sends(fake, 1)
        board = fake.sent[0]
        assert "Vantrotix" in board["message"]["text"]  # the board sees the whole folder
        board_data = [b["callback_data"] for row in board["reply_markup"]["inline_keyboard"]
                      for b in row]
        seen: list[tuple[str, str]] = []
        for question in SALES_PATHS:
            before = len(fake.sent)
            fake.message(question, chat_id=SALES, user_id=SALES)
            await sends(fake, before + 1)
            seen += [(question, shown(m)) for m in fake.sent[before:]]
        answer = next(m for m in to_chat(fake, SALES)
                      if "reply_markup" in m and "Nguồn:" in m["message"].get("text", ""))
        own = [b["callback_data"] for row in answer["reply_markup"]["inline_keyboard"]
               for b in row]
        before = len(fake.sent)
        fake.callback(own[0], answer["message"], user_id=SALES)  # Xem đoạn gốc, its own
        await sends(fake, before + 1)
        seen += [("Xem đoạn gốc", shown(m)) for m in fake.sent[before:]]
        for data in board_data:  # the board's buttons, forged into the sales chat
            fake.callback(data, answer["message"], user_id=SALES)
        fake.callback(board_data[0], board["message"], user_id=SALES)  # pressed in its chat
        calls = await fake.wait_calls("answerCallbackQuery", 5)
    assert all(int(m["chat_id"]) in (SALES, BOARD) for m in fake.sent)
    assert len(seen) == len(SALES_PATHS) + 1
    assert [(q, leaked(text, q)) for q, text in seen if leaked(text, q)] == []
    everything = " ".join(shown(m) for m in to_chat(fake, SALES))  # late pieces too
    assert leaked(everything, " ".join(SALES_PATHS)) == []
    assert [c.get("text") for c in calls[1:]] == ["Nút này đã hết hạn, bạn hãy hỏi lại nhé."] * 4
    assert any(name == "sendPhoto" for name, _ in fake.calls)  # the series chart path was taken
    assert not (tmp_path / "data" / "feedback.jsonl").exists()  # the forged vote is not counted
    sources = next(text for q, text in seen if q == "/sources")
    assert "Kết quả bán hàng quý 3" in sources and sources.count("•") == 4


async def test_a_chat_the_mapping_does_not_name_sees_nothing(fake, mapped, tmp_path):
    folder, access = mapped
    async with running(settings_for(fake, folder, tmp_path / "data", access=access)):
        for text in ("Ai chủ trì buổi họp?", "/sources", "/start"):
            fake.message(text, chat_id=UNMAPPED, user_id=UNMAPPED)
        await fake.wait_calls("sendMessage", 3)
    assert [m["text"] for m in fake.sent[:2]] == [notices.no_documents()] * 2
    assert leaked(fake.sent[2]["text"]) == [] and "bán hàng" not in fake.sent[2]["text"]


async def test_buttons_work_twice_in_their_chat_and_a_vote_counts_once(fake, knowledge_dir,
                                                                       tmp_path):
    data = tmp_path / "data"
    async with running(settings_for(fake, knowledge_dir, data, access=closed())):
        fake.message("bn trường đạt chuẩn", chat_id=SALES, user_id=SALES)
        await sends(fake, 1)
        sent = fake.sent[0]
        buttons = [b["callback_data"] for row in sent["reply_markup"]["inline_keyboard"]
                   for b in row]
        fake.callback(buttons[0], sent["message"], user_id=SALES)
        await sends(fake, 2)
        fake.callback(buttons[0], sent["message"], user_id=SALES)
        await sends(fake, 3)
        for _ in range(2):
            fake.callback(buttons[2], sent["message"], user_id=SALES)
        fake.message("Ai chủ trì hội nghị?", chat_id=BOARD, user_id=BOARD)
        await sends(fake, 4)
        fake.callback(buttons[0], fake.sent[3]["message"], user_id=BOARD)  # replayed elsewhere
        calls = await fake.wait_calls("answerCallbackQuery", 5)
    assert fake.sent[1]["text"] == fake.sent[2]["text"] == (
        "Năm học vừa qua, tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 98,5%. Toàn tỉnh "
        "có 12 trường đạt chuẩn quốc gia mới.")
    assert sorted(str(c.get("text")) for c in calls) == [  # chats 42 and 43 answer apart
        "Cảm ơn bạn đã đánh giá!", "Cảm ơn bạn đã đánh giá!", "None", "None",
        "Nút này đã hết hạn, bạn hãy hỏi lại nhé."]
    rows = (data / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["vote"] for r in rows] == ["down"]
    assert all(len(b.encode()) <= 64 for b in buttons)


async def test_a_groups_own_admins_choose_mentions_only(fake, knowledge_dir, tmp_path):
    group = -100
    fake.group_admins.add((group, 60))
    access = AccessSettings(allowed_chats=frozenset({group}))
    data = tmp_path / "data"
    async with running(settings_for(fake, knowledge_dir, data, access=access)):
        fake.message(f"@{BOT['username']} Ai chủ trì hội nghị?", chat_id=group, user_id=61,
                     chat_type="supergroup")
        await sends(fake, 1)
        bot_message = fake.sent[0]["message"]
        for text, user in (("/group mentions", 61), ("/group mentions", 60), ("/group", 61)):
            fake.message(text, chat_id=group, user_id=user, chat_type="supergroup")
            await sends(fake, len(fake.sent) + 1)
        fake.message("Bao nhiêu trường đạt chuẩn?", chat_id=group, user_id=61,
                     chat_type="supergroup", reply_to_message=bot_message)
        fake.message(f"@{BOT['username']} Bao nhiêu trường đạt chuẩn?", chat_id=group,
                     user_id=61, chat_type="supergroup")
        await sends(fake, 5)
    texts = [m["message"]["text"] for m in fake.sent]
    assert texts[1:4] == [
        "Xin lỗi, chỉ quản trị viên của nhóm mới đổi được cách bot trả lời trong nhóm.",
        "Đã đổi: trong nhóm này bot chỉ trả lời khi được nhắc tên (@).",
        notices.group_mode_usage("mentions")]
    assert texts[4].startswith("12 trường") or "12 trường" in texts[4]  # the mention only
    assert len(fake.sent) == 5
    kept = json.loads((data / "telegram" / "groups.json").read_text(encoding="utf-8"))
    assert kept == {"modes": {"-100": "mentions"}, "notified": []}


async def test_a_group_bound_to_sales_hears_no_file_name_of_a_reload(fake, mapped, tmp_path):
    folder, access = mapped
    (folder / "board" / "quelbrix-hong.pdf").write_bytes(b"%PDF-1.4 not really")  # skipped
    access = AccessSettings(allowed_chats=frozenset({-100500}), scopes_file=access.scopes_file)
    group = {"chat_id": -100500, "chat_type": "supergroup"}
    async with running(settings_for(fake, folder, tmp_path / "data", access=access)):
        fake.message(f"@{BOT['username']} Ai chủ trì buổi họp?", user_id=61, **group)
        await sends(fake, 1)
        fake.message("/reload", user_id=ADMIN, **group)
        await sends(fake, 3)
    in_group = [m["message"]["text"] for m in to_chat(fake, -100500)]
    assert "Lê Thị Mai chủ trì buổi họp tổng kết bán hàng" in in_group[0]  # the sales scope
    assert in_group[1] == notices.reloaded_in_group()
    assert [leaked(text) for text in in_group] == [[], []]
    (private,) = to_chat(fake, ADMIN)
    assert "quelbrix-hong.pdf" in private["message"]["text"]  # the admin hears it, alone
