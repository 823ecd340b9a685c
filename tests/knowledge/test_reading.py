from pathlib import Path

import pytest

from bot.knowledge.documents import KnowledgeError
from bot.knowledge.folder import load_knowledge
from bot.knowledge.reading import parse_document
from tests.conftest import BUNDLED


def test_bundled_report_has_date_title_byline_and_ten_paragraphs():
    knowledge = load_knowledge(BUNDLED)
    (doc,) = knowledge.documents
    assert doc.path == "hoi-nghi-so-ket-cong-an-6-thang-dau-nam-2021.txt"
    assert doc.date == "2021-06"
    assert doc.title == "Hội nghị sơ kết công an 6 tháng đầu năm 2021"
    assert len(doc.paragraphs) == 10
    assert doc.paragraphs[0].startswith("Ngày 21/6, Đảng ủy Công an Trung ương")
    assert doc.paragraphs[-1] == "XUÂN TÙNG" and doc.author == "XUÂN TÙNG"


def test_a_file_name_without_diacritics_takes_them_from_the_text():
    from bot.knowledge.reading import readable_name

    text = ["Sở tổ chức hội nghị sơ kết. Số vụ tai nạn giảm.", "Kết quả sơ kết được công bố."]
    # "so" is "Sở", "Số" and "sơ" in the text; "sơ kết" is the pair the text has.
    assert readable_name("bao-cao/so-ket_2024.txt", text) == "Sơ kết 2024"
    assert readable_name("ket-qua-so-ket.md", text) == "Kết quả sơ kết"
    # A word the text lacks, or a name typed with diacritics, is left as it is.
    assert readable_name("so-ket-quy-2.txt", text) == "So ket quy 2"
    assert readable_name("Sơ-kết.txt", text) == "Sơ kết"


def test_markdown_heading_is_the_title_and_paragraphs_are_numbered_as_shown(knowledge_dir):
    knowledge = load_knowledge(knowledge_dir)
    notes = next(d for d in knowledge.documents if d.path == "thuy-loi/notes.md")
    assert notes.title == "Báo cáo thủy lợi Đà Lạt"
    assert notes.date is None
    assert notes.paragraphs[2] == "Công ty thủy lợi lắp đặt 3 trạm bơm mới tại phường 10."
    chunk = [c for c in knowledge.chunks if c.document is notes][2]
    assert chunk.paragraph == 3


def test_date_marker_with_day_is_read_and_removed():
    doc = parse_document("a.txt", "date 2024-03-05\nMột câu.\n\nHai câu.")
    assert doc.date == "2024-03-05" and doc.paragraphs == ("Một câu.", "Hai câu.")


def test_byte_order_mark_is_tolerated(tmp_path: Path):
    (tmp_path / "bom.txt").write_bytes("\ufeffBáo cáo có BOM.".encode())
    assert load_knowledge(tmp_path).documents[0].paragraphs == ("Báo cáo có BOM.",)


def test_unusable_files_are_skipped_by_name_and_the_rest_load(knowledge_dir: Path):
    (knowledge_dir / "latin1.txt").write_bytes("Café crème brûlée".encode("latin-1"))
    (knowledge_dir / "junk.txt").write_bytes(b"\x00\x01\x02binary")
    (knowledge_dir / "empty.md").write_text("  \n\n ", encoding="utf-8")
    knowledge = load_knowledge(knowledge_dir)
    assert len(knowledge.documents) == 2
    assert {(s.path, s.reason) for s in knowledge.skipped} == {
        ("empty.md", "empty: add some text or remove the file"),
        ("junk.txt", "binary content, not text: save it as UTF-8 text"),
        ("latin1.txt", "not UTF-8: save it as UTF-8"),
    }


def test_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(KnowledgeError, match="does not exist or is not a folder"):
        load_knowledge(tmp_path / "nowhere")
