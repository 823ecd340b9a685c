"""The console as a user sees it: whole transcripts, the ask --json contract, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from bot.serving import console
from bot.serving.library import Library
from tests.cli import LiveChat, run_cli, run_process
from tests.conftest import BUNDLED


def chat_transcript(library: Library, lines: list[str]) -> str:
    feed = iter(lines)
    out: list[str] = []

    def read() -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    console.chat(library, read, out.append)
    return "\n".join(out)


def test_chat_transcript(knowledge_dir: Path):
    transcript = chat_transcript(Library(knowledge_dir),
                                 ["Ai chủ trì hội nghị?", "", "/sources", "bn trường đạt chuẩn",
                                  "/quit", "not read"])
    assert transcript == """\
Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị.
Nguồn: Tổng kết năm học (2024-03), đoạn 1

Bạn chưa nhập câu hỏi. Hãy gõ một câu hỏi về các báo cáo, hoặc /help để xem hướng dẫn.

Các tài liệu mình đang dùng:
• Báo cáo thủy lợi Đà Lạt (không rõ ngày): 3 đoạn
• Tổng kết năm học (2024-03): 5 đoạn

→ 12 trường
Toàn tỉnh có 12 trường đạt chuẩn quốc gia mới.
Nguồn: Tổng kết năm học (2024-03), đoạn 2

Tạm biệt!"""


def test_chat_reload_picks_up_a_new_file_and_a_failed_reload_keeps_the_old_index(
        knowledge_dir: Path):
    library = Library(knowledge_dir)
    (knowledge_dir / "moi.txt").write_text("Trường Đại học Đà Lạt tuyển 3.000 sinh viên.",
                                           encoding="utf-8")
    transcript = chat_transcript(library, ["/reload", "trường đại học tuyển bao nhiêu sinh viên"])
    assert transcript.startswith("Đã nạp lại: 3 tài liệu, 9 đoạn.\n")
    assert "→ 3.000 sinh viên\nTrường Đại học Đà Lạt tuyển 3.000 sinh viên.\nNguồn: Moi, đoạn 1" in transcript

    moved = knowledge_dir.with_name("moved")
    knowledge_dir.rename(moved)  # the folder disappears while the bot runs
    transcript = chat_transcript(library, ["/reload", "Ai chủ trì hội nghị?"])
    assert transcript.startswith("Không nạp lại được (knowledge folder ")
    assert "mình vẫn dùng dữ liệu cũ." in transcript
    assert "Nguyễn Văn Hòa chủ trì hội nghị." in transcript


def test_unchanged_files_are_not_read_again_on_reload(knowledge_dir: Path):
    library = Library(knowledge_dir)
    before = {d.path: d for d in library.qa.knowledge.documents}
    (knowledge_dir / "tong-ket-nam-hoc.txt").write_text("Năm học mới bắt đầu ngày 5/9.",
                                                        encoding="utf-8")
    assert library.reload().ok
    after = {d.path: d for d in library.qa.knowledge.documents}
    assert after["thuy-loi/notes.md"] is before["thuy-loi/notes.md"]  # reused, not re-read
    assert after["tong-ket-nam-hoc.txt"].paragraphs == ("Năm học mới bắt đầu ngày 5/9.",)


def test_unknown_command_is_explained(knowledge_dir: Path):
    assert chat_transcript(Library(knowledge_dir), ["/foo"]) == (
        "Không có lệnh /foo. Lệnh: /help (hướng dẫn), /sources (tài liệu), /new (hỏi chuyện mới), "
        "/reload (nạp lại), /quit (thoát).\n")


def test_piped_chat_over_the_bundled_report(tmp_path: Path):
    """A smoke test of the real program: `python -m bot chat` with piped input."""
    result = run_process("chat", "--knowledge", str(BUNDLED), stdin="Ai chủ trì hội nghị?\n",
                         cwd=tmp_path, BOT_DATA_DIR=str(tmp_path / "data"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Đại tướng Tô Lâm, Ủy viên Bộ Chính trị, bí thư Đảng ủy Công an Trung ương, bộ trưởng "
        "Bộ Công an - chủ trì hội nghị.\n"
        "Nguồn: Hội nghị sơ kết công an 6 tháng đầu năm 2021 (2021-06), đoạn 1\n\n")


def test_ask_json_stream_follows_the_contract_line_by_line(knowledge_dir: Path):
    questions = ["Ai chủ trì hội nghị?", "", "Giá xăng hôm nay?", "😀", "x" * 10_000]
    result = run_cli("ask", "--knowledge", str(knowledge_dir), "--json", "-",
                     stdin="\n".join(questions) + "\n")
    assert result.returncode == 0 and result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(questions)
    assert [r["question"] for r in rows[:4]] == questions[:4]
    first = rows[0]
    assert set(first) >= {"question", "found", "answer", "sources"}
    assert first["found"] is True
    assert first["answer"] == "Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị."
    (source,) = first["sources"]
    assert source["document"] == "tong-ket-nam-hoc.txt"
    assert source["title"] == "Tổng kết năm học"
    assert source["date"] == "2024-03"
    assert source["paragraph"] == 1
    assert isinstance(source["score"], float) and source["score"] > 0
    for row in rows[1:]:
        assert row["found"] is False and row["sources"] == [] and row["answer"]


def test_ask_plain_text_with_nfd_and_no_diacritics(knowledge_dir: Path):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Có bao nhiêu trường đạt chuẩn?")
    result = run_cli("ask", "--knowledge", str(knowledge_dir), nfd)
    assert result.stdout == ("→ 12 trường\nToàn tỉnh có 12 trường đạt chuẩn quốc gia mới.\n"
                             "Nguồn: Tổng kết năm học (2024-03), đoạn 2\n")


def test_ask_answers_a_misspelt_question_and_a_question_about_the_document(knowledge_dir: Path):
    # "trừơng" and "chuẩm" are nowhere in the reports; the closest words they use are meant.
    result = run_cli("ask", "--knowledge", str(knowledge_dir), "co bao nhieu truongg dat chuann")
    assert result.stdout == ("→ 12 trường\nToàn tỉnh có 12 trường đạt chuẩn quốc gia mới.\n"
                             "Nguồn: Tổng kết năm học (2024-03), đoạn 2\n")
    result = run_cli("ask", "--knowledge", str(knowledge_dir), "--json",
                     "Bài báo này đăng ngày nào?")
    row = json.loads(result.stdout)
    assert (row["answer"], row["kind"], row["found"]) == ("Tài liệu ghi ngày 2024-03.", "date",
                                                          True)
    assert row["sources"][0]["paragraph"] == 1


def test_missing_or_empty_knowledge_folder_is_one_line_and_exit_2(tmp_path: Path):
    result = run_cli("ask", "--knowledge", str(tmp_path / "nope"), "Ai?")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"reportbot: error: knowledge folder '{tmp_path / 'nope'}' does not "
                             "exist or is not a folder: create it and put reports (.txt, .md, "
                             ".html, .docx, .pdf, .xlsx, .csv) in it, or pass --knowledge DIR\n")
    result = run_cli("chat", "--knowledge", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == (f"reportbot: error: knowledge folder '{tmp_path}' has no reports "
                             "(.txt, .md, .html, .docx, .pdf, .xlsx, .csv): add some, or pass "
                             "--knowledge DIR\n")


def test_index_prints_a_table_of_files_and_exits_1_when_nothing_is_usable(knowledge_dir: Path,
                                                                        tmp_path: Path):
    (knowledge_dir / "hong.txt").write_bytes(b"\xfa\xfb not utf8")
    result = run_cli("index", "--knowledge", str(knowledge_dir))
    assert result.returncode == 0
    assert result.stdout == (
        "file                  format  title                    organisation  kind  period  date     paragraphs  status\n"
        "hong.txt              txt     -                        -             -     -       -        -           skipped: not UTF-8: save it as UTF-8\n"
        "thuy-loi/notes.md     md      Báo cáo thủy lợi Đà Lạt  -             -     -       -        3           ok\n"
        "tong-ket-nam-hoc.txt  txt     Tổng kết năm học         -             -     -       2024-03  5           ok\n"
        "2 documents, 8 paragraphs, 1 skipped\n")
    (tmp_path / "only").mkdir()
    (tmp_path / "only" / "empty.txt").write_text("", encoding="utf-8")
    result = run_cli("index", "--knowledge", str(tmp_path / "only"))
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "0 documents, 0 paragraphs, 1 skipped"


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")


def test_unanswered_questions_are_logged_and_listed_most_asked_first(knowledge_dir: Path,
                                                                     tmp_path: Path,
                                                                     monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("BOT_DATA_DIR", str(data))
    assert run_cli("unanswered").stdout == (
        "Chưa có câu hỏi nào mà tài liệu không trả lời được.\n")
    chatted = run_cli("chat", "--knowledge", str(knowledge_dir),
                      stdin="Giá xăng hôm nay?\ngia xang hom nay\nAi chủ trì hội nghị?\n"
                            "Giá vàng?\nxin chào\nGIÁ XĂNG HÔM NAY\n")
    assert chatted.returncode == 0
    rows = [json.loads(line) for line in (data / "unanswered.jsonl").read_text("utf-8").splitlines()]
    assert [r["question"] for r in rows] == ["Giá xăng hôm nay?", "gia xang hom nay", "Giá vàng?",
                                             "GIÁ XĂNG HÔM NAY"]
    assert all(set(r) == {"time", "question"} for r in rows)
    assert run_cli("unanswered").stdout == "    3  GIÁ XĂNG HÔM NAY\n    1  Giá vàng?\n"


def test_running_chat_follows_the_folder(knowledge_dir: Path, tmp_path: Path):
    """A new file answers, a broken one is reported, a deleted one is gone (no restart)."""
    chat = LiveChat(["--knowledge", str(knowledge_dir)], tmp_path,
                    BOT_DATA_DIR=str(tmp_path / "data"))
    ask, notice = chat.ask, chat.notice
    try:
        assert ask("trường đại học tuyển bao nhiêu sinh viên").startswith("Xin lỗi")
        (knowledge_dir / "moi.txt").write_text("Trường Đại học Đà Lạt tuyển 3.000 sinh viên.",
                                               encoding="utf-8")
        assert notice() == "[cập nhật] Đã nạp lại: 3 tài liệu, 9 đoạn."
        assert ask("trường đại học tuyển bao nhiêu sinh viên") == (
            "→ 3.000 sinh viên\nTrường Đại học Đà Lạt tuyển 3.000 sinh viên.\nNguồn: Moi, đoạn 1")
        (knowledge_dir / "hong.txt").write_bytes(b"\x00\x01binary")
        seen = [notice()]
        while not seen[-1].startswith("[cập nhật]"):
            seen.append(notice())
        assert seen[0].endswith("WARNING bot.knowledge.folder: Skipped hong.txt: binary content, not "
                                "text: save it as UTF-8 text")
        assert seen[-1] == "[cập nhật] Đã nạp lại: 3 tài liệu, 9 đoạn."
        assert notice() == "Bỏ qua hong.txt: binary content, not text: save it as UTF-8 text"
        (knowledge_dir / "moi.txt").unlink()
        while "2 tài liệu" not in notice():
            pass
        assert ask("trường đại học tuyển bao nhiêu sinh viên").startswith("Xin lỗi")
    finally:
        chat.close()


def statements_dir(tmp_path: Path) -> Path:
    from tests.knowledge import statements

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "tlv-quy-2.md").write_text(statements.QUARTERLY, encoding="utf-8")
    (folder / "minh-khue-2023.md").write_text(statements.ANNUAL, encoding="utf-8")
    return folder


def test_index_and_sources_show_each_statements_identity(tmp_path: Path):
    folder = statements_dir(tmp_path)
    result = run_cli("index", "--knowledge", str(folder))
    assert result.returncode == 0
    header, annual, quarterly, total = result.stdout.splitlines()
    assert header.split() == ["file", "format", "title", "organisation", "kind", "period",
                              "date", "paragraphs", "status"]
    assert [cell for cell in annual.split("  ") if cell][3:] == [
        "Dệt may Minh Khuê", "báo cáo tài chính riêng, đã kiểm toán", "năm 2023", "2024-03-25",
        "18", "ok"]
    assert [cell.strip() for cell in quarterly.split("  ") if cell][3:] == [
        "TLV", "báo cáo tài chính hợp nhất", "quý 2/2025", "2025-07-28", "30", "ok"]
    assert total == "2 documents, 54 paragraphs, 0 skipped"  # table rows are searched one by one
    transcript = chat_transcript(Library(folder), ["/sources", "/quit"])
    assert transcript == (
        "Các tài liệu mình đang dùng:\n"
        "• Báo cáo tài chính riêng năm 2023 (đã kiểm toán) — Công ty Cổ phần Dệt may Minh Khuê "
        "(2024-03-25): 18 đoạn\n"
        "• Báo cáo tài chính hợp nhất quý 2/2025 — Công ty Cổ phần Cơ khí Tân Lạc Việt (TLV) "
        "(2025-07-28): 30 đoạn\n\nTạm biệt!")
