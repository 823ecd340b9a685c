"""Limits every reader checks before its expensive step: decompression bombs, PDFs of too
many pages or objects, huge images, files of too many paragraphs are skipped by name with
the reason, in bounded time and memory (each bomb is read in a child process with a memory
limit, so a reader that stopped checking fails fast); a file still slow to parse is stopped
in the reading child of a live reload. Their time is measured by tools/bench_limits.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.folder import load_knowledge
from bot.knowledge.formats.limits import MAX_PIXELS, OverLimit, check_pixels
from bot.serving import apart
from bot.serving.library import Library
from tests.knowledge.bombs import (
    docx_bomb,
    many_entries_docx,
    pdf_of_objects,
    pdf_of_pages,
    read_limited,
    slow_pdf,
)

MB = 2**20
BOMBS = {  # file -> (how it is made, the reason it is skipped)
    "nen.docx": (lambda p: docx_bomb(p, 420 * MB),
                 "unpacks to 421 MB, over the limit of 200 MB (a decompression bomb?): split "
                 "it into smaller files"),
    "mot-chu.docx": (lambda p: docx_bomb(p, 1536 * MB, text_node=True),
                     "unpacks to 1,537 MB, over the limit of 200 MB (a decompression bomb?): "
                     "split it into smaller files"),
    "ti-le.docx": (lambda p: docx_bomb(p, 150 * MB, text_node=True),
                   "unpacks 831 times its size, over the limit of 100 (a decompression "
                   "bomb?): save it again"),
    "xml-lon.docx": (lambda p: docx_bomb(p, 110 * MB, text_node=True, noisy=True),
                     "its part word/document.xml is 110 MB of XML, over the limit of 100 MB: "
                     "split it into smaller files"),
    "nhieu-phan.docx": (lambda p: many_entries_docx(p, 12_000),
                        "a Word file of 12,017 parts, over the limit of 10,000: save it again, "
                        "or split it"),
    "nhieu-trang.pdf": (lambda p: pdf_of_pages(p, 3_500),
                        "a PDF of 3,500 pages, over the limit of 3,000: split it into smaller "
                        "files"),
    "nhieu-doi-tuong.pdf": (lambda p: pdf_of_objects(p, 600_000),
                            "a PDF of 600,001 objects, over the limit of 500,000: export it "
                            "again, or split it"),
}


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bombs")
    for name, (make, _) in BOMBS.items():
        make(folder / name)
    return folder


@pytest.mark.parametrize("name", list(BOMBS))
def test_a_bomb_is_skipped_with_its_reason_in_a_memory_limited_child(bombs: Path, name: str):
    assert read_limited(bombs / name) == BOMBS[name][1]


def test_a_bomb_among_reports_is_named_and_the_rest_serve(bombs: Path, tmp_path: Path):
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "nen.docx").write_bytes((bombs / "nen.docx").read_bytes())
    (folder / "cau.txt").write_text("Cầu Rồng dài 666 mét.", encoding="utf-8")
    knowledge = load_knowledge(folder)
    assert [d.path for d in knowledge.documents] == ["cau.txt"]
    assert [(s.path, s.reason) for s in knowledge.skipped] == [("nen.docx", BOMBS["nen.docx"][1])]


def test_a_file_of_too_many_paragraphs_is_skipped(tmp_path: Path):
    (tmp_path / "bang.txt").write_text("dòng\n\n" * 50_001, encoding="utf-8")
    (tmp_path / "du.txt").write_text("dòng\n\n" * 50_000, encoding="utf-8")
    knowledge = load_knowledge(tmp_path)
    assert [d.path for d in knowledge.documents] == ["du.txt"]
    assert [(s.path, s.reason) for s in knowledge.skipped] == [
        ("bang.txt", "more than 50,000 paragraphs, the limit for one file: split it into "
                     "smaller files")]


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded():
    check_pixels(4960, 7016)  # an A4 page at 600 dpi
    with pytest.raises(OverLimit) as refused:
        check_pixels(20_000, 20_000)
    assert str(refused.value) == ("an image of 20,000 × 20,000 pixels, over the limit of 89 "
                                  "million: scan it at a lower resolution")
    assert MAX_PIXELS == 89_478_485


def test_a_live_reload_stops_a_file_still_slow_to_parse_and_reads_the_rest(
        bombs: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(apart, "READ_SECONDS", 3.0)  # the slow file takes about 40 s
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "cau.txt").write_text("Cầu Rồng dài 666 mét.", encoding="utf-8")
    asked: list[list[str]] = []

    def reading(files, ocr=None):  # the reader of a live reload: a child (apart.read_apart)
        asked.append([relative for _, relative in files])
        return apart.read_apart(files, ocr)

    library = Library(folder, read=reading)
    slow_pdf(folder / "cham.pdf")
    (folder / "nhieu-trang.pdf").write_bytes((bombs / "nhieu-trang.pdf").read_bytes())
    (folder / "ho.txt").write_text("Hồ Xuân Hương rộng 25 héc-ta.", encoding="utf-8")
    result = library.reload()
    assert result.ok and result.message == (
        "Đã nạp lại: 2 tài liệu, 2 đoạn.\n"
        "Bỏ qua cham.pdf: reading it took more than 3 s: split it into smaller files, or "
        "save it again in a simpler form\n"
        f"Bỏ qua nhieu-trang.pdf: {BOMBS['nhieu-trang.pdf'][1]}")
    assert library.qa.answer("hồ xuân hương rộng bao nhiêu").short == "25 héc-ta"
    (folder / "moi.txt").write_text("Trường Đại học Đà Lạt tuyển 3.000 sinh viên.",
                                    encoding="utf-8")
    assert library.reload().ok
    assert asked == [["cham.pdf", "ho.txt", "nhieu-trang.pdf"], ["moi.txt"]]  # not again
    assert [s.path for s in library.qa.knowledge.skipped] == ["cham.pdf", "nhieu-trang.pdf"]
