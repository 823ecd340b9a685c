"""Boilerplate is not content: signature blocks, digital-signature stamps, check boxes, page
marks, tables of contents and running footers get the BOILERPLATE role, and the bot never
answers nor summarises from them; board lists, section headings and signing dates stay."""

from __future__ import annotations

from pathlib import Path

from bot.answering.pipeline import QA
from bot.knowledge.documents import chunks_of
from bot.knowledge.formats import BOILERPLATE
from bot.knowledge.reading import parse_document
from tests.knowledge import statements


def roles(text: str) -> dict[str, str]:
    doc = parse_document("bctc.md", text)
    return {p: doc.role(i) for i, p in enumerate(doc.paragraphs)}


def test_each_kind_of_boilerplate_in_a_quarterly_statement():
    found = roles(statements.QUARTERLY)
    doc = parse_document("bctc.md", statements.QUARTERLY)
    boilerplate = [p for i, p in enumerate(doc.paragraphs) if doc.role(i) == BOILERPLATE]
    assert boilerplate == [
        "Loại thông tin công bố: [ ] 24 giờ [ ] 72 giờ [ ] bất thường [x] định kỳ",
        "Signature Not Verified Ký bởi: CÔNG TY CỔ PHẦN CƠ KHÍ TÂN LẠC VIỆT Ký ngày: 28/7/2025 "
        "16:02:11",
        "-----------Page 1",
        "MỤC LỤC",  # the contents, a table shown by its title
        "Trang 1",
        "2/20",
        "Các thuyết minh kèm theo là bộ phận hợp thành của báo cáo tài chính",
        # the signature block, a table shown by the line above it
        "Các thuyết minh kèm theo là bộ phận hợp thành của báo cáo tài chính",
        "Các thuyết minh kèm theo là bộ phận hợp thành của báo cáo tài chính",
        "4/20",
    ]
    signatures = [c for c in chunks_of([doc]) if "Trần Thị Mai" in c.text]
    assert signatures and all(c.role == BOILERPLATE for c in signatures)
    # The footer on every page: its first time stays, the others are running.
    footer = "Các thuyết minh kèm theo là bộ phận hợp thành của báo cáo tài chính"
    assert [doc.role(i) for i, p in enumerate(doc.paragraphs) if p == footer] == [
        "heading", BOILERPLATE, BOILERPLATE, BOILERPLATE]
    # What is content stays content: figures, prose, the day it was drawn up.
    assert found["Lập ngày 25 tháng 7 năm 2025"] != BOILERPLATE
    assert found["Doanh thu thuần quý 2 năm 2025 tăng nhờ các đơn hàng máy nông nghiệp xuất "
                 "khẩu."] == "paragraph"


def test_a_signature_under_the_boards_report_but_not_the_board_list():
    found = roles(statements.ANNUAL)
    assert found["Thay mặt Ban Tổng Giám đốc,"] == BOILERPLATE
    assert found["Đỗ Minh Khang Tổng Giám đốc"] == BOILERPLATE
    assert found["BAN TỔNG GIÁM ĐỐC"] != BOILERPLATE
    board = parse_document("bctc.md", statements.ANNUAL)
    members = [c for c in chunks_of([board]) if "Vũ Thu Hà" in c.text]
    assert members and all(c.role == "table" for c in members)
    assert found["Hà Nội, ngày 20 tháng 3 năm 2024"] != BOILERPLATE


def test_a_contents_written_as_lines_and_page_marks():
    text = ("# MỤC LỤC\n\nBáo cáo của Ban Giám đốc 1 - 2\n\nBáo cáo kiểm toán độc lập 3\n\n"
            "Bảng cân đối kế toán 4 - 5\n\n# BÁO CÁO CỦA BAN GIÁM ĐỐC\n\nCông ty có 12 chi nhánh "
            "trên cả nước.\n\n– 5 –\n\nPage 6 of 20\n\n☑ Hợp nhất\n\n12")
    found = roles(text)
    assert [p for p, role in found.items() if role == BOILERPLATE] == [
        "MỤC LỤC", "Báo cáo của Ban Giám đốc 1 - 2", "Báo cáo kiểm toán độc lập 3",
        "Bảng cân đối kế toán 4 - 5", "– 5 –", "Page 6 of 20", "☑ Hợp nhất", "12"]
    assert found["Công ty có 12 chi nhánh trên cả nước."] == "paragraph"


def test_prose_has_no_boilerplate():
    from tests.conftest import NOTES, REPORT

    for text in (REPORT, NOTES):
        assert BOILERPLATE not in roles(text).values()


def test_boilerplate_never_answers_nor_summarises(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "tlv.md").write_text(statements.QUARTERLY, encoding="utf-8")
    qa = QA.from_folder(folder)
    signature = next(c.paragraph for c in qa.index.chunks if "Trần Thị Mai" in c.text)
    signer = qa.answer("Người lập biểu báo cáo là ai?")
    assert "Trần Thị Mai" not in signer.text
    assert all(s.paragraph != signature for s in signer.sources)
    summary = qa.answer("Tóm tắt báo cáo tài chính quý 2/2025 của Tân Lạc Việt")
    assert summary.found
    for mark in ("Signature", "Ký bởi", "[x]", "Trang 1", "MỤC LỤC", "Người lập biểu"):
        assert mark not in summary.text
