"""The Telegram bot end to end over HTTP against the fake Bot API server in fake_telegram.py."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.serving.telegram.render import render_answer, split_text
from tests.cli import CHILD_TIMEOUT, child_env, run_cli
from tests.fake_telegram import BOT, TOKEN, FakeTelegram, parse_html
from tests.telegram_run import ADMIN, running, settings_for, wait_until


@pytest.fixture
async def bot(fake: FakeTelegram, knowledge_dir: Path, tmp_path: Path):
    async with running(settings_for(fake, knowledge_dir, tmp_path / "data")) as app:
        yield app


async def test_question_is_answered_with_sentence_source_and_buttons(fake, bot):
    fake.message("Ai chủ trì hội nghị?")
    (sent,) = await fake.wait_calls("sendMessage", 1)
    assert sent["text"] == ("<b>Giám đốc Sở Nguyễn Văn Hòa</b> chủ trì hội nghị.\n\n"
                            "<i>Nguồn: Tổng kết năm học (2024-03), đoạn 1</i>")
    assert sent["parse_mode"] == "HTML"
    buttons = [b for row in sent["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == ["Xem đoạn gốc", "👍", "👎"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
    assert "reply_parameters" not in sent  # private chats are not quoted


async def test_buttons_show_the_paragraph_and_record_votes(fake, bot, tmp_path):
    fake.message("bn trường đạt chuẩn")
    (sent,) = await fake.wait_calls("sendMessage", 1)
    data = [b["callback_data"] for row in sent["reply_markup"]["inline_keyboard"] for b in row]
    fake.callback(data[0], sent["message"])
    await fake.wait_calls("sendMessage", 2)
    assert fake.texts()[1] == ("Năm học vừa qua, tỷ lệ học sinh tốt nghiệp trung học phổ thông "
                               "đạt 98,5%. Toàn tỉnh có 12 trường đạt chuẩn quốc gia mới.")
    fake.callback(data[1], sent["message"])
    (_, voted) = await fake.wait_calls("answerCallbackQuery", 2)
    assert voted["text"] == "Cảm ơn bạn đã đánh giá!"
    (edit,) = await fake.wait_calls("editMessageReplyMarkup", 1)
    assert [b["text"] for row in edit["reply_markup"]["inline_keyboard"] for b in row] == [
        "Xem đoạn gốc"]
    (row,) = [json.loads(line) for line in
              (tmp_path / "data" / "feedback.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {k: row[k] for k in ("question", "answer", "found", "vote")} == {
        "question": "bn trường đạt chuẩn", "answer": "Toàn tỉnh có 12 trường đạt chuẩn quốc gia mới.",
        "found": True, "vote": "up"}
    assert set(row) == {"time", "question", "answer", "found", "vote", "scope",
                        "source"}  # no user ids
    assert row["source"] == {"document": "tong-ket-nam-hoc.txt", "title": "Tổng kết năm học",
                             "paragraph": 2}
    fake.callback("v:deadbeef:up", sent["message"])
    calls = await fake.wait_calls("answerCallbackQuery", 3)
    assert calls[2]["text"] == "Nút này đã hết hạn, bạn hãy hỏi lại nhé."


async def test_commands_are_registered_and_answered(fake, bot):
    (registered,) = await fake.wait_calls("setMyCommands", 1)
    assert [c["command"] for c in registered["commands"]] == ["start", "help", "sources", "new",
                                                              "reload"]
    fake.message("/start ref-abc")
    fake.message("/sources")
    fake.message("/help")
    fake.message("/nope")
    await fake.wait_calls("sendMessage", 4)
    start, sources, help_text, unknown = fake.texts()
    assert start.startswith("Xin chào! Mình trả lời câu hỏi tiếng Việt")
    assert "Ví dụ:\n• Ai chủ trì hội nghị?" in start
    assert sources == ("Các tài liệu mình đang dùng:\n"
                       "• Báo cáo thủy lợi Đà Lạt (không rõ ngày): 3 đoạn\n"
                       "• Tổng kết năm học (2024-03): 5 đoạn")
    assert help_text.startswith("Mình trả lời ngắn gọn câu hỏi")
    assert help_text.endswith("\nLệnh: /start (bắt đầu), /help (hướng dẫn), /sources (tài liệu), "
                              "/new (hỏi chuyện mới), /reload (nạp lại).")
    assert unknown == ("Không có lệnh /nope. Lệnh: /start (bắt đầu), /help (hướng dẫn), "
                       "/sources (tài liệu), /new (hỏi chuyện mới), /reload (nạp lại).")


async def test_reload_is_for_admins_and_picks_up_new_files(fake, bot, knowledge_dir):
    (knowledge_dir / "moi.txt").write_text("Trường Đại học Đà Lạt tuyển 3.000 sinh viên.",
                                           encoding="utf-8")
    fake.message("/reload", user_id=42)
    await fake.wait_calls("sendMessage", 1)
    assert fake.texts()[0] == "Xin lỗi, chỉ quản trị viên của bot mới được nạp lại tài liệu."
    fake.message("/reload", chat_id=ADMIN, user_id=ADMIN)
    await fake.wait_calls("sendMessage", 2)
    assert fake.texts()[1] == "Đã nạp lại: 3 tài liệu, 9 đoạn."
    fake.message("trường đại học tuyển bao nhiêu sinh viên")
    await fake.wait_calls("sendMessage", 3)
    assert fake.texts()[2].startswith("<b>3.000 sinh viên</b>\nTrường Đại học Đà Lạt tuyển 3.000 sinh viên.")


async def test_user_text_that_looks_like_html_is_escaped(fake, bot):
    fake.message("<b>x</b> & <script>")
    await fake.wait_calls("sendMessage", 1)
    error, _ = parse_html(fake.texts()[0])
    assert error is None
    assert fake.texts()[0].startswith("Xin lỗi, các tài liệu mình có không nói về điều này")


async def test_non_text_messages_get_a_short_reply_and_edits_are_ignored(fake, bot):
    fake.message(None, photo=[{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}])
    fake.message(None, sticker={"file_id": "s", "file_unique_id": "u", "width": 1, "height": 1,
                                "is_animated": False, "is_video": False, "type": "regular"})
    fake.push({"edited_message": {"message_id": 5, "date": 1, "edit_date": 2, "text": "sửa",
                                  "chat": {"id": 42, "type": "private"}, "from": fake.user()}})
    fake.message("   ")
    fake.message("😀")
    await fake.wait_calls("sendMessage", 4)
    assert fake.texts() == [
        "Mình chỉ đọc được câu hỏi bằng chữ. Bạn hãy gõ câu hỏi về các báo cáo nhé.",
        "Mình chỉ đọc được câu hỏi bằng chữ. Bạn hãy gõ câu hỏi về các báo cáo nhé.",
        "Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi về các báo cáo, hoặc /help để xem hướng dẫn.",
        "Mình chưa hiểu câu hỏi. Bạn hãy hỏi bằng một câu tiếng Việt về nội dung báo cáo, "
        "ví dụ: «Ai chủ trì hội nghị?»",
    ]


async def test_long_question_gets_an_answer(fake, bot):
    fake.message("hội nghị " * 450)
    (sent,) = await fake.wait_calls("sendMessage", 1)
    assert sent["text"]


async def test_groups_answer_only_when_addressed_and_quote_the_question(fake, bot):
    fake.message("Ai chủ trì hội nghị?", chat_id=-100, chat_type="supergroup")
    asked = fake.message(f"@{BOT['username']} ai chủ trì hội nghị", chat_id=-100,
                         chat_type="supergroup")
    await fake.wait_calls("sendMessage", 1)
    fake.message(None, chat_id=-100, chat_type="group",
                 photo=[{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}])
    bot_message = fake.sent[0]["message"]
    fake.message("bn trường đạt chuẩn", chat_id=-100, chat_type="supergroup",
                 reply_to_message=bot_message)
    fake.message("tỷ lệ tốt nghiệp", chat_id=-100, chat_type="supergroup")  # not addressed
    # A chat's messages are handled in order: once this one is answered, every one before it
    # has been handled.
    fake.message(f"@{BOT['username']} có bao nhiêu trạm bơm mới", chat_id=-100,
                 chat_type="supergroup")
    await fake.wait_calls("sendMessage", 3)
    first, second, last = fake.sent
    assert first["text"].startswith("<b>Giám đốc Sở Nguyễn Văn Hòa</b>")
    assert first["reply_parameters"]["message_id"] == asked["message_id"]
    assert second["text"].startswith("<b>12 trường</b>\nToàn tỉnh có 12 trường")
    assert last["text"].startswith("<b>3 trạm</b>\nCông ty thủy lợi lắp đặt 3 trạm bơm mới")


async def test_a_429_is_waited_out_and_later_answers_arrive(fake, bot):
    fake.fail_next("sendMessage", 429, retry_after=1)
    fake.message("Ai chủ trì hội nghị?")
    fake.message("bn trường đạt chuẩn")
    await fake.wait_calls("sendMessage", 2, timeout=15)
    assert [t.split(" ")[0] for t in fake.texts()] == ["<b>Giám", "<b>12"]


async def test_a_502_on_polling_is_survived(fake, bot):
    fake.fail_next("getUpdates", 502)
    fake.fail_next("getUpdates", 502)
    await fake.wait_calls("getUpdates!502", 2, timeout=15)
    fake.message("Ai chủ trì hội nghị?")
    await fake.wait_calls("sendMessage", 1, timeout=15)
    assert fake.texts()[0].startswith("<b>Giám đốc")


async def test_one_chat_stays_in_order_while_chats_run_concurrently(fake, bot):
    for i in range(3):
        fake.message("Ai chủ trì hội nghị?", chat_id=100 + i)
        fake.message("bn trường đạt chuẩn", chat_id=100 + i)
    await fake.wait_calls("sendMessage", 6)
    for i in range(3):
        texts = [m["text"] for m in fake.sent if int(m["chat_id"]) == 100 + i]
        assert [t.split(" ")[0] for t in texts] == ["<b>Giám", "<b>12"]


def test_split_text_keeps_messages_within_the_limit_and_never_cuts_an_escape():
    text = "\n\n".join(["Câu <một> & hai. " * 60] * 8)
    pieces = split_text(text, limit=4096)
    assert "".join(p.replace("\n", "") for p in pieces).replace(" ", "") == text.replace(
        "\n", "").replace(" ", "")
    for piece in pieces:
        assert len(__import__("html").escape(piece, quote=False)) <= 4096


def test_split_text_cuts_a_word_longer_than_a_message_outside_escapes():
    word = "&" * 5000  # each '&' is '&amp;' once escaped: five times as long
    pieces = split_text(word, limit=4096)
    assert "".join(pieces) == word
    assert all(len(__import__("html").escape(p, quote=False)) <= 4096 for p in pieces)
    assert len(pieces) == 7  # pieces of 4096 // 5 = 819 characters


def test_long_answer_is_rendered_as_valid_messages():
    from bot.answering.answer import Answer, Source

    source = Source("a.txt", "Báo cáo <A&B>", "2024-01", 2, 1.0, "đoạn")
    answer = Answer("q", True, "Câu trả lời dài & <đủ>. " * 400, "what", (source,), "Dài & <đủ>")
    messages = render_answer(answer)
    assert len(messages) > 1
    for message in messages:
        error, plain = parse_html(message)
        assert error is None and len(plain) <= 4096
    assert messages[-1].endswith("<i>Nguồn: Báo cáo &lt;A&amp;B&gt; (2024-01), đoạn 2</i>")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_real_process_answers_and_stops_cleanly_without_leaking_the_token(tmp_path: Path,
                                                                         knowledge_dir: Path,
                                                                         stop: signal.Signals):
    async def scenario() -> tuple[str, int, list[str]]:
        fake = FakeTelegram()
        runner = await fake.serve()
        env = child_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=fake.url,
                        KNOWLEDGE_DIR=str(knowledge_dir), BOT_DATA_DIR=str(tmp_path / "data"),
                        LOG_LEVEL="DEBUG")
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "telegram", cwd=tmp_path, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            await fake.wait_calls("getUpdates", 1, timeout=CHILD_TIMEOUT)
            fake.message("Ai chủ trì hội nghị?")
            await fake.wait_calls("sendMessage", 1, timeout=CHILD_TIMEOUT)
        finally:
            process.send_signal(stop)
            out, err = await asyncio.wait_for(process.communicate(), CHILD_TIMEOUT)
            await runner.cleanup()
        return (out + err).decode(), process.returncode, fake.texts()

    logs, code, texts = asyncio.run(scenario())
    assert code == 0
    assert texts[0].startswith("<b>Giám đốc Sở Nguyễn Văn Hòa</b> chủ trì hội nghị.")
    assert "DEBUG" in logs  # logging really ran at DEBUG
    assert TOKEN not in logs and TOKEN.split(":")[1] not in logs


def test_missing_or_rejected_token_is_one_line_and_exit_2(tmp_path: Path, knowledge_dir: Path):
    env = child_env(KNOWLEDGE_DIR=str(knowledge_dir), BOT_DATA_DIR=str(tmp_path / "data"),
                    BOT_ALLOWED_USERS="42")  # closed: no open-bot warning
    result = run_cli("telegram", "--knowledge", str(knowledge_dir))
    assert result.returncode == 2
    assert result.stderr == ("reportbot: error: TELEGRAM_BOT_TOKEN is not set: put the token "
                             "from @BotFather in .env or the environment\n")

    async def rejected() -> subprocess.CompletedProcess:
        fake = FakeTelegram(reject_token=True)
        runner = await fake.serve()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "telegram", cwd=tmp_path,
            env={**env, "TELEGRAM_BOT_TOKEN": TOKEN,
                 "TELEGRAM_BASE_URL": fake.url},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), CHILD_TIMEOUT)
        await runner.cleanup()
        return subprocess.CompletedProcess([], process.returncode, out.decode(), err.decode())

    result = asyncio.run(rejected())
    assert result.returncode == 2
    assert result.stderr == ("reportbot: error: the Bot API server rejected TELEGRAM_BOT_TOKEN: "
                             "check the token from @BotFather\n")
    assert TOKEN not in result.stdout + result.stderr


async def test_a_failed_send_is_retried_and_the_answer_arrives(fake, bot, caplog):
    fake.fail_next("sendMessage", 502)
    fake.fail_next("sendMessage", 500)
    fake.message("Ai chủ trì hội nghị?")
    (sent,) = await fake.wait_calls("sendMessage", 1)
    assert sent["text"].startswith("<b>Giám đốc Sở Nguyễn Văn Hòa</b> chủ trì hội nghị.")
    assert [name for name, _ in fake.calls if name.startswith("sendMessage")] == [
        "sendMessage!502", "sendMessage!500", "sendMessage"]
    assert [r.levelname for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_folder_changes_are_followed_and_admins_hear_of_broken_files(fake, bot,
                                                                          knowledge_dir):
    library = bot.bot_data["state"].library
    before = library.qa
    (knowledge_dir / "moi.txt").write_text("Trường Đại học Đà Lạt tuyển 3.000 sinh viên.",
                                           encoding="utf-8")
    await wait_until(lambda: library.qa is not before)
    fake.message("trường đại học tuyển bao nhiêu sinh viên")
    await fake.wait_calls("sendMessage", 1)
    assert fake.texts()[0].startswith("<b>3.000 sinh viên</b>\nTrường Đại học Đà Lạt tuyển 3.000 sinh viên.")
    (knowledge_dir / "hong.txt").write_bytes(b"\x00binary")
    (to_admin,) = [m for m in await fake.wait_calls("sendMessage", 2) if m["chat_id"] == str(ADMIN)]
    assert to_admin["text"] == ("Đã nạp lại: 3 tài liệu, 9 đoạn.\n"
                                "Bỏ qua hong.txt: binary content, not text: save it as UTF-8 text")


@pytest.fixture
async def bundled_bot(fake: FakeTelegram, tmp_path: Path):
    from tests.conftest import BUNDLED

    async with running(settings_for(fake, BUNDLED, tmp_path / "data")) as app:
        yield app


async def test_a_conversation_per_chat_and_new(fake, bundled_bot):
    fake.message("Tô Lâm là ai?", chat_id=1)
    fake.message("Tô Lâm là ai?", chat_id=2)
    fake.message("ông ấy nêu rõ điều gì?", chat_id=1)
    fake.message("/new", chat_id=2)
    fake.message("ông ấy nêu rõ điều gì?", chat_id=2)
    await fake.wait_calls("sendMessage", 5)
    by_chat = {chat: [m["text"] for m in fake.sent if int(m["chat_id"]) == chat] for chat in (1, 2)}
    assert by_chat[1][0].startswith("<b>Đại tướng Tô Lâm</b>, Ủy viên Bộ Chính trị")
    assert by_chat[1][1].startswith("Bộ trưởng Bộ Công an Tô Lâm nêu rõ lực lượng công an")
    assert by_chat[2][1:] == [
        "Mình bắt đầu cuộc trò chuyện mới: câu hỏi tiếp theo không nối với câu trước.",
        "Bạn hỏi về ai ạ? Bạn nói rõ hơn giúp mình nhé, ví dụ: «Ai chủ trì hội nghị?»"]


async def test_each_user_of_a_group_has_a_conversation(fake, bundled_bot):
    mention = f"@{BOT['username']}"
    fake.message(f"{mention} Tô Lâm là ai?", chat_id=-5, chat_type="group", user_id=1)
    fake.message(f"{mention} ông ấy nêu rõ điều gì?", chat_id=-5, chat_type="group", user_id=2)
    fake.message(f"{mention} ông ấy nêu rõ điều gì?", chat_id=-5, chat_type="group", user_id=1)
    await fake.wait_calls("sendMessage", 3)
    first, other, same = fake.texts()
    assert other.startswith("Bạn hỏi về ai ạ?")  # user 2 named nobody before
    assert same.startswith("Bộ trưởng Bộ Công an Tô Lâm nêu rõ")


async def test_a_summary_and_its_source_button(fake, bundled_bot):
    fake.message("Tóm tắt bài báo giúp mình")
    (sent,) = await fake.wait_calls("sendMessage", 1)
    assert sent["text"].startswith("Ngày 21/6, Đảng ủy Công an Trung ương, Bộ Công an tổ chức "
                                   "hội nghị sơ kết")
    assert sent["text"].endswith("<i>Nguồn: Hội nghị sơ kết công an 6 tháng đầu năm 2021 "
                                 "(2021-06), đoạn 1</i>")
    button = sent["reply_markup"]["inline_keyboard"][0][0]
    assert button["text"] == "Xem đoạn gốc"
    fake.callback(button["callback_data"], sent["message"])
    await fake.wait_calls("sendMessage", 2)
    shown = fake.texts()[1]
    assert shown.startswith("Ngày 21/6, Đảng ủy Công an Trung ương")
    assert "\n\nChủ tịch nước Nguyễn Xuân Phúc và các đại biểu dự" in shown  # paragraph 2 too


async def test_a_list_answer(fake, bundled_bot):
    fake.message("Chủ tịch nước nêu những yêu cầu gì về người đứng đầu?")
    (sent,) = await fake.wait_calls("sendMessage", 1)
    items = sent["text"].split("\n\n")[0].split("\n")
    assert len(items) >= 3 and all(item.startswith("• ") for item in items)


async def test_sources_lists_the_statements_by_the_titles_their_identity_makes(fake, tmp_path):
    from tests.serving.test_console import statements_dir

    folder = statements_dir(tmp_path)
    async with running(settings_for(fake, folder, tmp_path / "data")):
        fake.message("/sources")
        await fake.wait_calls("sendMessage", 1)
    assert fake.texts() == [
        "Các tài liệu mình đang dùng:\n"
        "• Báo cáo tài chính riêng năm 2023 (đã kiểm toán) — Công ty Cổ phần Dệt may Minh Khuê "
        "(2024-03-25): 18 đoạn\n"
        "• Báo cáo tài chính hợp nhất quý 2/2025 — Công ty Cổ phần Cơ khí Tân Lạc Việt (TLV) "
        "(2025-07-28): 30 đoạn"]
