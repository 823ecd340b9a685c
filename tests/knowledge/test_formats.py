"""Each file format: paragraphs, titles, dates and citations; encodings; faults."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest

from bot.answering.pipeline import QA
from bot.knowledge.folder import load_knowledge

PDF = Path(__file__).with_name("data") / "bao-cao.pdf"  # made by tools/make_pdf_fixture.py


def test_pdf_paragraphs_pages_title_date_and_citation(tmp_path: Path):
    (tmp_path / "bao-cao.pdf").write_bytes(PDF.read_bytes())
    (doc,) = load_knowledge(tmp_path).documents
    assert (doc.title, doc.date, doc.format) == ("Báo cáo phòng cháy Đà Nẵng 2023", "2024-01-15",
                                                  "pdf")
    assert doc.pages == (1, 1, 2, 2, 3)  # running header and "Trang N" footers dropped
    assert doc.paragraphs[1] == ("Trong năm, lực lượng phòng cháy đã tổ chức 340 buổi diễn tập "
                                 "tại các khu dân cư đông người, nâng cao kỹ năng thoát nạn cho "
                                 "hơn 25.000 người dân.")
    answer = QA.from_folder(tmp_path).answer("Các đơn vị được yêu cầu kiểm tra gì?")
    assert answer.text == ("Các đơn vị được yêu cầu kiểm tra định kỳ hệ thống chữa cháy ở chợ và "
                           "trung tâm thương mại.")
    source = answer.sources[0]
    assert (source.page, source.paragraph) == (2, 2)


def test_docx_paragraphs_tables_title_and_date(tmp_path: Path):
    document = docx.Document()
    document.core_properties.title = ""
    document.add_heading("Báo cáo giao thông quý I", level=1)
    document.add_paragraph("Quý I, toàn tỉnh xảy ra 52 vụ tai nạn giao thông.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Huyện", "Số vụ"
    table.cell(1, 0).text, table.cell(1, 1).text = "Đức Trọng", "14"
    document.add_paragraph("Nguyên nhân chính là chạy quá tốc độ.")
    import datetime

    document.core_properties.created = datetime.datetime(2024, 4, 2)
    document.save(tmp_path / "giao-thong.docx")
    (doc,) = load_knowledge(tmp_path).documents
    assert doc.title == "Báo cáo giao thông quý I"
    assert doc.date == "2024-04-02"
    assert doc.paragraphs == ("Báo cáo giao thông quý I",
                              "Quý I, toàn tỉnh xảy ra 52 vụ tai nạn giao thông.",
                              "Bảng: Huyện, Số vụ",
                              "Nguyên nhân chính là chạy quá tốc độ.")
    assert [c.text for c in load_knowledge(tmp_path).chunks if c.table == 0] == [
        "Đức Trọng: Số vụ: 14"]
    answer = QA.from_folder(tmp_path).answer("nguyên nhân chính của tai nạn là gì")
    assert (answer.text, answer.sources[0].paragraph) == (
        "Nguyên nhân chính là chạy quá tốc độ.", 4)


def test_html_visible_text_only(tmp_path: Path):
    (tmp_path / "tin.html").write_text(
        "<html><head><title>Tin ngắn</title><meta name='date' content='2024-05-06T08:00'>"
        "<style>p{color:red}</style><script>var x = 'ẩn';</script></head><body>"
        "<h1>Khánh thành cầu Rồng mới</h1><p>Cầu dài <b>666</b> mét, khánh thành ngày 6/5.</p>"
        "<ul><li>Vốn đầu tư 1.500 tỷ đồng.</li></ul></body></html>", encoding="utf-8")
    (doc,) = load_knowledge(tmp_path).documents
    assert (doc.title, doc.date) == ("Khánh thành cầu Rồng mới", "2024-05-06")
    assert doc.paragraphs == ("Khánh thành cầu Rồng mới", "Cầu dài 666 mét, khánh thành ngày 6/5.",
                              "Vốn đầu tư 1.500 tỷ đồng.")


def test_front_matter_gives_title_and_date(tmp_path: Path):
    (tmp_path / "a.md").write_text("---\ntitle: Báo cáo quý II\ndate: 2024-07-01\n---\n\n"
                                   "Doanh thu tăng 12%.\n", encoding="utf-8")
    (doc,) = load_knowledge(tmp_path).documents
    assert (doc.title, doc.date, doc.paragraphs) == ("Báo cáo quý II", "2024-07-01",
                                                     ("Doanh thu tăng 12%.",))


def test_utf16_with_bom_is_read_and_other_encodings_are_refused_by_name(tmp_path: Path):
    (tmp_path / "utf16.txt").write_bytes("Hội nghị bàn về thủy lợi.".encode("utf-16"))
    (tmp_path / "cp1258.txt").write_bytes("Hoi nghi ban ve thuy loi caf\xe9".encode("latin-1"))
    (tmp_path / "fake-bom.txt").write_bytes(b"\xff\xfe" + "Hội nghị".encode() * 3)
    knowledge = load_knowledge(tmp_path)
    assert [d.paragraphs for d in knowledge.documents] == [("Hội nghị bàn về thủy lợi.",)]
    assert {s.path: s.reason for s in knowledge.skipped} == {
        "cp1258.txt": "not UTF-8: save it as UTF-8",
        "fake-bom.txt": "not UTF-8 (nor UTF-16 text): save it as UTF-8",
    }


def test_faults_are_reported_by_name_and_the_rest_serve(tmp_path: Path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "ok.txt").write_text("Cầu Rồng dài 666 mét.", encoding="utf-8")
    (folder / "junk.txt").write_bytes(os.urandom(64) + b"\x00")
    (folder / "empty.md").write_text("", encoding="utf-8")
    (folder / "big.txt").write_bytes(b"a " * (11 * 1024 * 1024))
    (folder / "broken.docx").write_bytes(b"PK not really a zip")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nonsense")
    (tmp_path / "secret.txt").write_text("Mật khẩu là 1234.", encoding="utf-8")
    (folder / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    knowledge = load_knowledge(folder)
    assert [d.path for d in knowledge.documents] == ["ok.txt"]
    assert {s.path: s.reason for s in knowledge.skipped} == {
        "big.txt": "too large (22.0 MB, the limit is 20 MB): split it into smaller files",
        "broken.docx": "not a readable Word file (PackageNotFoundError): open and save it again "
                       "in Word",
        "broken.pdf": "not a readable PDF (PdfStreamError): export it again",
        "empty.md": "empty: add some text or remove the file",
        "junk.txt": "binary content, not text: save it as UTF-8 text",
        "loop.txt": "broken or looping link: fix or remove it",
        "outside.txt": "a link to a file outside the knowledge folder: not followed",
    }
    assert QA(knowledge).answer("cầu rồng dài bao nhiêu").text == "Cầu Rồng dài 666 mét."


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_reported(tmp_path: Path):
    (tmp_path / "ok.txt").write_text("Cầu Rồng dài 666 mét.", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("bí mật", encoding="utf-8")
    locked.chmod(0)
    (skipped,) = load_knowledge(tmp_path).skipped
    assert skipped.reason.startswith("cannot be read (Permission denied)")
