"""Talking about a report: follow-ups, summaries, lists, the list of reports, short answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answering.pipeline import QA
from bot.conversation.chat import ask
from bot.conversation.state import Conversations, Turn
from bot.serving.library import Library
from tests.cli import run_cli
from tests.conftest import BUNDLED
from tests.serving.test_console import chat_transcript


def ask_in_turn(qa: QA, *questions: str):
    """Ask questions as one conversation; return the answers."""
    answers, turn = [], None
    for question in questions:
        exchange = ask(qa, question, turn)
        answers.append(exchange.answer)
        turn = exchange.turn
    return answers


@pytest.mark.parametrize(("turns", "expected"), [
    # A pronoun: the person the previous answer named.
    (["Ai chủ trì hội nghị?", "ông ấy nêu rõ điều gì?"], "giữ vững an ninh quốc gia"),
    (["Chủ tịch nước có đến dự hội nghị không?", "ông ấy yêu cầu Bộ Công an tổng kết vấn đề gì?"],
     "xây dựng các lực lượng này"),
    # A demonstrative: what the previous question was about.
    (["Bộ Công an phối hợp triển khai mấy dự án?", "đó là những dự án nào?"],
     "căn cước công dân"),
    # "còn X thì sao?" with another person: X in place of the one asked about.
    (["Tô Lâm nhấn mạnh điều gì?", "còn chủ tịch nước thì sao"],
     "Chủ tịch nước nhấn mạnh nhiệm vụ của ngành công an"),
    # Typed without diacritics: "ong ay" is "ông ấy", and means the name without its title.
    (["To Lam la ai?", "ong ay neu ro dieu gi?"], "giữ vững an ninh quốc gia"),
    (["Tô Lam là ai?", "ông ay nêu ro điều gi?"], "giữ vững an ninh quốc gia"),
    # Ellipsis: the previous question with another question word.
    (["Ai viết bài báo này?", "bài được viết vào lúc nào?"], "2021"),
])
def test_follow_ups_are_read_against_the_previous_turn(bundled_qa: QA, turns, expected):
    *_, last = ask_in_turn(bundled_qa, *turns)
    assert last.found and expected in last.text


def test_an_elliptic_follow_up_the_report_cannot_answer_is_declined(bundled_qa: QA):
    when, where = ask_in_turn(bundled_qa, "Hội nghị diễn ra ngày nào?", "ở đâu?")
    assert when.short == "Ngày 21/6"
    assert where.question == "Hội nghị diễn ra ở đâu" and not where.found


def test_a_follow_up_with_nothing_before_gets_a_question_back(bundled_qa: QA):
    answer = ask(bundled_qa, "ông ấy giữ chức vụ gì?").answer
    assert (answer.found, answer.outcome, answer.kind) == (False, "clarify", "clarify")
    assert answer.text.startswith("Bạn hỏi về ai ạ?")
    assert ask(bundled_qa, "ở đâu?").answer.text.startswith("Bạn hỏi về điều gì ạ?")


def test_còn_x_thì_sao_asks_the_previous_question_of_x(tmp_path: Path):
    from tests.answering.test_verdict import QUARTER_REPORT, YEAR_NEWS

    (tmp_path / "quy-1-2024.txt").write_text(QUARTER_REPORT, encoding="utf-8")
    (tmp_path / "nam-2015.txt").write_text(YEAR_NEWS, encoding="utf-8")
    qa = QA.from_folder(tmp_path)
    first, then = ask_in_turn(qa, "GDP quý I năm 2024 tăng bao nhiêu?", "còn năm 2015 thì sao?")
    assert "5,66%" in first.text and "6,68%" in then.text
    sector = ask_in_turn(qa, "Khu vực công nghiệp và xây dựng quý I năm 2024 tăng bao nhiêu?",
                         "thế còn khu vực dịch vụ?")[1]
    assert "khu vực dịch vụ tăng 6,12%" in sector.text


def test_conversations_are_forgotten_after_a_quiet_while_and_on_new():
    conversations = Conversations(quiet=600)
    turn = Turn("Ai chủ trì hội nghị", "chủ trì hội nghị", "a.txt", "Tô Lâm")
    conversations.put("chat 1", turn, now=1000.0)
    assert conversations.get("chat 1", now=1500.0) == turn
    assert conversations.get("chat 2", now=1500.0) is None
    assert conversations.get("chat 1", now=1601.0) is None  # quiet for 601 s
    conversations.put("chat 1", turn, now=2000.0)
    conversations.forget("chat 1")
    assert conversations.get("chat 1", now=2001.0) is None


@pytest.mark.parametrize("question", ["Tóm tắt bài báo giúp mình", "Bài này nói về cái gì vậy",
                                      "Những ý chính của bài là gì?", "tom tat bai bao"])
def test_a_summary_is_the_reports_lead_and_central_sentences(bundled_qa: QA, question):
    answer = ask(bundled_qa, question).answer
    assert answer.found and answer.kind == "summary"
    assert answer.text.startswith("Ngày 21/6, Đảng ủy Công an Trung ương, Bộ Công an tổ chức "
                                  "hội nghị sơ kết")
    assert "Chủ tịch nước Nguyễn Xuân Phúc đến dự và phát biểu chỉ đạo." in answer.text
    assert "XUÂN TÙNG" not in answer.text  # never the byline ...
    assert "và các đại biểu dự Hội nghị" not in answer.text  # ... nor the photo caption
    assert answer.sources[0].text.startswith("Ngày 21/6")  # "Xem đoạn gốc": where it starts


def test_a_summary_of_the_report_a_question_names(knowledge_dir: Path):
    qa = QA.from_folder(knowledge_dir)
    answer = ask(qa, "Tóm tắt bài «Báo cáo thủy lợi Đà Lạt»").answer
    assert answer.sources[0].document == "thuy-loi/notes.md"
    assert answer.text == ("Hồ Xuân Hương được nạo vét trong tháng 8 để chống ngập cho khu trung "
                           "tâm. Công ty thủy lợi lắp đặt 3 trạm bơm mới tại phường 10.")
    assert ask(qa, "Tóm tắt giúp mình").answer.text.startswith("Bạn muốn mình tóm tắt tài liệu nào?")


def test_which_reports_there_are(knowledge_dir: Path):
    answer = ask(QA.from_folder(knowledge_dir), "Bạn có những tài liệu nào?").answer
    assert answer.found and answer.text == (
        "Mình có 2 tài liệu:\n"
        "• Báo cáo thủy lợi Đà Lạt (không rõ ngày): Hồ Xuân Hương được nạo vét trong tháng 8 để "
        "chống ngập cho khu trung tâm.\n"
        "• Tổng kết năm học (2024-03): Ngày 5/3, Sở Giáo dục tỉnh Lâm Đồng tổ chức hội nghị "
        "tổng kết năm học.")


def test_a_list_question_gets_every_item(bundled_qa: QA):
    answer = ask(bundled_qa, "Chủ tịch nước nêu những yêu cầu gì về người đứng đầu?").answer
    items = answer.text.split("\n")
    assert len(items) >= 3 and all(item.startswith("• ") for item in items)
    assert "nêu gương" in answer.text and "thay thế người đứng đầu" in answer.text


def test_what_someone_asked_for_goes_on_after_the_sentence_naming_them(bundled_qa: QA):
    answer = ask(bundled_qa, "Chủ tịch nước đề nghị những gì?").answer
    items = answer.text.split("\n")
    assert items[0].startswith("• Chủ tịch nước đề nghị nâng cao hiệu quả công tác lãnh đạo")
    assert items[1] == ("• Thủ trưởng đơn vị đề cao trách nhiệm, nêu gương, tinh thần chủ động, "
                        "năng động, quyết liệt của người đứng đầu.")
    assert len(items) == 5 and answer.sources[0].paragraph == 7


def test_what_the_reports_are_is_asked_at_any_point(bundled_qa: QA):
    turn = ask(bundled_qa, "Ai chủ trì hội nghị?").turn
    for question in ("bạn biết gì?", "Bạn có những tài liệu nào?"):
        answer = ask(bundled_qa, question, turn).answer
        assert answer.kind == "documents"
        assert answer.text.startswith("Mình có 1 tài liệu:\n• Hội nghị sơ kết công an")
    assert ask(bundled_qa, "bạn biết gì?").answer.kind == "documents"


@pytest.mark.parametrize(("question", "short"), [
    ("Ai chủ trì hội nghị?", "Đại tướng Tô Lâm"),
    ("Hội nghị diễn ra khi nào?", "Ngày 21/6"),
    ("Lực lượng công an phải kéo giảm ít nhất bao nhiêu số vụ phạm tội?", "ít nhất 5%"),
    ("Có phải hội nghị diễn ra vào tháng 5 không?", "Không"),
])
def test_the_short_answer_comes_first(bundled_qa: QA, question, short):
    assert ask(bundled_qa, question).answer.short == short


def test_console_conversation_and_new():
    transcript = chat_transcript(Library(BUNDLED), [
        "Chủ tịch nước có đến dự hội nghị không?", "ông ấy yêu cầu Bộ Công an tổng kết gì?",
        "/new", "ông ấy là ai?"])
    assert transcript == """\
Có. Chủ tịch nước Nguyễn Xuân Phúc đến dự và phát biểu chỉ đạo.
Nguồn: Hội nghị sơ kết công an 6 tháng đầu năm 2021 (2021-06), đoạn 1

Chủ tịch nước yêu cầu Bộ Công an tổng kết vấn đề xây dựng các lực lượng này.
Nguồn: Hội nghị sơ kết công an 6 tháng đầu năm 2021 (2021-06), đoạn 7

Mình bắt đầu cuộc trò chuyện mới: câu hỏi tiếp theo không nối với câu trước.

Bạn hỏi về ai ạ? Bạn nói rõ hơn giúp mình nhé, ví dụ: «Ai chủ trì hội nghị?»
"""


def test_console_summary_and_list(knowledge_dir: Path):
    transcript = chat_transcript(Library(knowledge_dir), [
        "Tóm tắt bài «Tổng kết năm học»", "Hội nghị thống nhất những nhiệm vụ gì?"])
    assert transcript.startswith(
        "Ngày 5/3, Sở Giáo dục tỉnh Lâm Đồng tổ chức hội nghị tổng kết năm học. Giám đốc Sở "
        "Nguyễn Văn Hòa chủ trì hội nghị. ")
    assert transcript.endswith(
        "Hội nghị thống nhất nhiệm vụ năm học tới: nâng cao chất lượng dạy tiếng Anh, xây dựng "
        "thêm thư viện số cho các trường vùng sâu.\n"
        "Nguồn: Tổng kết năm học (2024-03), đoạn 3\n")


def test_ask_conversation_reads_stdin_as_turns():
    lines = ["Tô Lâm là ai?", "ông ấy nêu rõ điều gì?", "/new", "ông ấy là ai?"]
    result = run_cli("ask", "--knowledge", str(BUNDLED), "--json", "--conversation", "-",
                     stdin="\n".join(lines) + "\n")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["who", "what", "new", "clarify"]
    assert rows[0]["short"] == "Đại tướng Tô Lâm"
    assert "giữ vững an ninh quốc gia" in rows[1]["answer"]
    # Without --conversation every line stands alone.
    alone = run_cli("ask", "--knowledge", str(BUNDLED), "--json", "-",
                    stdin="\n".join(lines[:2]) + "\n")
    assert json.loads(alone.stdout.splitlines()[1])["kind"] == "clarify"


def test_a_summary_of_the_report_of_the_month_asked(tmp_path: Path):
    from tests.answering.test_verdict import FEBRUARY_REPORT, MARCH_REPORT

    (tmp_path / "thang-3.txt").write_text(MARCH_REPORT, encoding="utf-8")
    (tmp_path / "thang-2.txt").write_text(FEBRUARY_REPORT, encoding="utf-8")
    qa = QA.from_folder(tmp_path)
    turn = ask(qa, "Tháng 2 có bao nhiêu lượt khách du lịch?").turn  # February in focus
    answer = ask(qa, "Tóm tắt báo cáo tháng 3", turn).answer
    assert answer.kind == "summary" and answer.sources[0].document == "thang-3.txt"
    assert answer.text.startswith("Tổng sản phẩm trên địa bàn (GRDP) quý I năm 2024")
    assert ask(qa, "tom tat bao cao thang 2").answer.sources[0].document == "thang-2.txt"


@pytest.mark.parametrize(("turns", "short"), [
    # What came before the period is what the question was about.
    (["GRDP quý I năm 2024 tăng bao nhiêu?", "còn khu vực dịch vụ thì sao?"], "8,3%"),
    # The count of what is asked now, named before its number.
    (["Tháng 3 có bao nhiêu lượt khách du lịch?", "còn khách quốc tế thì sao?"], "45.000 lượt"),
])
def test_a_follow_up_about_another_figure_of_a_report(tmp_path: Path, turns, short):
    from tests.answering.test_verdict import FEBRUARY_REPORT, MARCH_REPORT

    (tmp_path / "thang-3.txt").write_text(MARCH_REPORT, encoding="utf-8")
    (tmp_path / "thang-2.txt").write_text(FEBRUARY_REPORT, encoding="utf-8")
    qa = QA.from_folder(tmp_path)
    turn = None
    for question in turns:
        exchange = ask(qa, question, turn)
        answer, turn = exchange.answer, exchange.turn
    assert answer.found and answer.short == short


def test_a_date_is_no_count_and_how_many_reports_lists_them(tmp_path: Path):
    (tmp_path / "chi-dao.txt").write_text(
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành đẩy nhanh giải ngân vốn đầu tư công.\n\n"
        "Các huyện phải báo cáo kết quả trước ngày 15/4.\n", encoding="utf-8")
    qa = QA.from_folder(tmp_path)
    assert not ask(qa, "Tỉnh có bao nhiêu huyện?").answer.found  # "ngày 15/4" counts nothing
    assert ask(qa, "Có mấy tài liệu?").answer.kind == "documents"


def test_a_follow_up_with_nothing_before_it_asks_back(bundled_qa: QA):
    answer = ask(bundled_qa, "còn năm 2015 thì sao?").answer
    assert (answer.kind, answer.outcome) == ("clarify", "clarify")
    assert answer.text.startswith("Bạn hỏi về điều gì ạ?")
