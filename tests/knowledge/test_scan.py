"""Scanned reports read by OCR with a real Tesseract: pages rendered here from Vietnamese text
(an image-only PDF scanned at 150 dpi, a PNG, a TIFF of an income statement) answer with the
page cited, the statement comes back as rows and cells, a restart reads nothing again, and a
machine without Tesseract names the command that installs it."""

from __future__ import annotations

import json
import os
import pty
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from bot.knowledge.folder import load_knowledge
from bot.knowledge.formats import OcrOptions
from bot.knowledge.formats.ocr import INSTALL, engine_problem
from bot.knowledge.tables import CODE, LABEL, VALUE
from tests.cli import CHILD_TIMEOUT, child_env, run_cli, run_process
from tools.render_page import render_page, save_pdf, scanned

PROBLEM = engine_problem()
needs_tesseract = pytest.mark.skipif(
    PROBLEM is not None, reason=f"no OCR on this machine ({PROBLEM}); .ci/run installs it")

REPORT_PAGES = [
    ["Năm 2024, Công ty Cổ phần Thủy sản Hòa Bình xuất khẩu 12.500 tấn cá tra sang 18 thị "
     "trường, tăng 9% so với năm trước. Thị trường lớn nhất vẫn là Hoa Kỳ.",
     "Công ty tuyển thêm 240 công nhân cho hai phân xưởng cấp đông và đào tạo họ trong ba "
     "tháng đầu năm."],
    ["Hội đồng quản trị quyết định chia cổ tức bằng tiền mặt với tỷ lệ 15% mệnh giá, chi "
     "trả vào tháng 6 năm 2025.",
     "Đại hội đồng cổ đông thường niên sẽ họp tại thành phố Long Xuyên ngày 20 tháng 4."],
]
FACTORY_PAGE = [
    "Nhà máy chế biến mới tại Cần Thơ có công suất 300 tấn mỗi ngày, được khởi công vào "
    "tháng 3 năm 2025 với tổng vốn đầu tư 450 tỷ đồng.",
    "Ban giám đốc giao phòng kỹ thuật lập kế hoạch bảo trì hệ thống xử lý nước thải."]
STATEMENT = [["Chỉ tiêu", "Mã số", "Năm nay", "Năm trước"],
             ["1. Doanh thu bán hàng và cung cấp dịch vụ", "01", "152.348.907.115",
              "131.002.417.600"],
             ["2. Giá vốn hàng bán", "11", "120.774.305.120", "104.559.231.008"],
             ["3. Lợi nhuận gộp về bán hàng và cung cấp dịch vụ", "20", "31.574.601.995",
              "26.443.186.592"],
             ["4. Chi phí bán hàng", "25", "5.907.112.430", "4.871.650.212"],
             ["5. Lợi nhuận sau thuế thu nhập doanh nghiệp", "60", "18.265.094.778",
              "15.120.336.954"]]
STATEMENT_PAGE = ["BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH", "Đơn vị tính: VND", STATEMENT]
SCANNER_DPI = 150


def write_scans(folder: Path) -> Path:
    """A knowledge folder of scans only: a 2-page image-only PDF, a PNG and a TIFF."""
    folder.mkdir(parents=True)
    save_pdf([scanned(render_page(page), SCANNER_DPI) for page in REPORT_PAGES],
             folder / "bao-cao-quet.pdf", SCANNER_DPI)
    render_page(FACTORY_PAGE).save(folder / "nha-may.png", dpi=(300, 300))
    render_page(STATEMENT_PAGE).save(folder / "ket-qua-kinh-doanh.tif", dpi=(300, 300))
    return folder


def no_tesseract_path(tmp_path: Path) -> str:
    """A PATH on which no Tesseract is found."""
    empty = tmp_path / "empty-bin"
    empty.mkdir(exist_ok=True)
    return str(empty)


@pytest.fixture(scope="module")
def first_start(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`reportbot index` run once on the scans, with stderr on a terminal: the first start,
    which reads them by OCR and keeps what it read in the data folder."""
    if PROBLEM is not None:
        pytest.skip(f"no OCR on this machine ({PROBLEM}); .ci/run installs it")
    root = tmp_path_factory.mktemp("scans")
    knowledge, data = write_scans(root / "knowledge"), root / "data"
    terminal, stderr = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "bot", "index", "--knowledge",
                               str(knowledge)], stdout=subprocess.PIPE, stderr=stderr, text=True,
                              cwd=root, timeout=CHILD_TIMEOUT, env=child_env(
                                  BOT_DATA_DIR=str(data), PATH=os.environ["PATH"]))
    finally:
        os.close(stderr)
    shown = b""
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the terminal's other end is closed: all is read
            break
        if not chunk:
            break
        shown += chunk
    os.close(terminal)
    return {"knowledge": knowledge, "data": data, "code": done.returncode,
            "stdout": done.stdout, "terminal": shown.decode("utf-8")}


def copy_data(first_start: dict, data: Path) -> None:
    """Give a test the data folder the first start left (what OCR read, nothing else)."""
    shutil.copytree(first_start["data"] / "ocr", data / "ocr")


@needs_tesseract
def test_first_start_reads_every_scan_by_ocr_showing_progress(first_start: dict):
    assert first_start["code"] == 0, first_start["stdout"]
    table = first_start["stdout"].splitlines()
    assert table[-1] == "3 documents, 13 paragraphs, 0 skipped"
    assert [row.split()[:2] + row.split()[-1:] for row in table[1:-1]] == [
        ["bao-cao-quet.pdf", "pdf", "ok"], ["ket-qua-kinh-doanh.tif", "tif", "ok"],
        ["nha-may.png", "png", "ok"]]
    assert "Đang đọc bản quét bao-cao-quet.pdf (OCR): trang 2/2\r\n" in first_start["terminal"]
    assert "Đang đọc bản quét nha-may.png (OCR): trang 1/1" in first_start["terminal"]
    folder = first_start["data"] / "ocr"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    entries = sorted(folder.iterdir())
    assert len(entries) == 3
    assert {stat.S_IMODE(entry.stat().st_mode) for entry in entries} == {0o600}


@needs_tesseract
def test_a_scanned_page_answers_with_its_page_cited(first_start: dict, hermetic: Path):
    copy_data(first_start, Path(os.environ["BOT_DATA_DIR"]))
    result = run_cli("ask", "--json", "--knowledge", str(first_start["knowledge"]), "-",
                     stdin="Công ty chia cổ tức với tỷ lệ bao nhiêu?\n"
                           "Nhà máy mới ở Cần Thơ có công suất bao nhiêu?\n")
    dividend, factory = (json.loads(line) for line in result.stdout.splitlines())
    assert dividend["answer"] == ("Hội đồng quản trị quyết định chia cổ tức bằng tiền mặt với "
                                  "tỷ lệ 15% mệnh giá, chi trả vào tháng 6 năm 2025.")
    assert {k: dividend["sources"][0][k] for k in ("document", "page", "paragraph")} == {
        "document": "bao-cao-quet.pdf", "page": 2, "paragraph": 1}
    assert factory["answer"].startswith("Nhà máy chế biến mới tại Cần Thơ có công suất 300 tấn")
    assert {k: factory["sources"][0][k] for k in ("document", "page")} == {
        "document": "nha-may.png", "page": 1}


@needs_tesseract
def test_a_scanned_statement_comes_back_as_rows_and_cells(first_start: dict, hermetic: Path):
    data = Path(os.environ["BOT_DATA_DIR"])
    copy_data(first_start, data)
    knowledge = load_knowledge(first_start["knowledge"], ocr=OcrOptions(data / "ocr"))
    (document,) = [d for d in knowledge.documents if d.path == "ket-qua-kinh-doanh.tif"]
    (table,) = document.tables
    assert (table.title, table.unit, table.page) == (
        "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH", "VND", 1)
    assert [(c.label, c.role) for c in table.columns] == [
        ("Chỉ tiêu", LABEL), ("Mã số", CODE), ("Năm nay", VALUE), ("Năm trước", VALUE)]
    assert [row.cells for row in table.rows] == [tuple(row) for row in STATEMENT[1:]]
    assert [row.code for row in table.rows] == ["01", "11", "20", "25", "60"]
    assert document.paragraphs[table.paragraph] == "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH"
    assert [(c.relation, c.basis) for c in table.columns if c.role == VALUE] == [
        ("current", "flow"), ("previous", "flow")]
    result = run_cli("ask", "--json", "--knowledge", str(first_start["knowledge"]),
                     "Lợi nhuận sau thuế thu nhập doanh nghiệp năm nay là bao nhiêu?")
    answer = json.loads(result.stdout)
    assert "18.265.094.778" in answer["answer"]
    assert {k: answer["sources"][0][k] for k in ("document", "page")} == {
        "document": "ket-qua-kinh-doanh.tif", "page": 1}


@needs_tesseract
def test_a_restart_reads_no_scan_again_even_renamed_and_touched(first_start: dict,
                                                                 tmp_path: Path):
    """The second start has no Tesseract at all and no index cache: what it knows of the
    scans comes from what the first start read, found by the files' content."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(first_start["knowledge"], knowledge)
    (knowledge / "bao-cao-quet.pdf").rename(knowledge / "bao-cao-2024.pdf")
    os.utime(knowledge / "nha-may.png", (1_700_000_000, 1_700_000_000))
    copy_data(first_start, tmp_path / "data")
    done = run_process("ask", "--json", "--knowledge", str(knowledge), "-", cwd=tmp_path,
                       stdin="Công ty chia cổ tức với tỷ lệ bao nhiêu?\n",
                       BOT_DATA_DIR=str(tmp_path / "data"), PATH=no_tesseract_path(tmp_path))
    answer = json.loads(done.stdout)
    assert "15% mệnh giá" in answer["answer"]
    assert {k: answer["sources"][0][k] for k in ("document", "page")} == {
        "document": "bao-cao-2024.pdf", "page": 2}
    assert "Tesseract" not in done.stderr


def test_without_tesseract_scans_are_skipped_with_the_command_that_installs_it(tmp_path: Path):
    knowledge = write_scans(tmp_path / "knowledge")
    (knowledge / "ghi-chu.txt").write_text("Báo cáo quét sẽ được đọc khi có OCR.\n",
                                           encoding="utf-8")
    done = run_process("index", "--knowledge", str(knowledge), cwd=tmp_path,
                       BOT_DATA_DIR=str(tmp_path / "data"), PATH=no_tesseract_path(tmp_path))
    needs = f"reading it needs Tesseract OCR, which is not installed: install it with `{INSTALL}`"
    rows = {row.split()[0]: row for row in done.stdout.splitlines()[1:-1]}
    assert rows["bao-cao-quet.pdf"].endswith(f"skipped: a scanned PDF (no text layer): {needs}")
    assert rows["nha-may.png"].endswith(f"skipped: an image: {needs}")
    assert rows["ghi-chu.txt"].endswith("ok")
    assert INSTALL == "sudo apt-get install tesseract-ocr tesseract-ocr-vie"


def test_oversized_images_and_scans_of_too_many_pages_are_skipped_unread(tmp_path: Path):
    (tmp_path / "ghi-chu.txt").write_text("Hai tệp quét quá lớn.\n", encoding="utf-8")
    Image.new("1", (8000, 6000), 1).save(tmp_path / "ban-ve.png")  # 48 million pixels
    blank = Image.new("L", (20, 28), 255)
    save_pdf([blank] * 201, tmp_path / "so-cai.pdf", 10)
    skipped = {s.path: s.reason for s in load_knowledge(tmp_path).skipped}
    assert skipped == {
        "ban-ve.png": "image too large (8000x6000 pixels, the limit is 40 million): scale it "
                      "down to 300 dpi",
        "so-cai.pdf": "a scanned PDF (no text layer) of 201 pages, more than the 200 OCR reads "
                      "in one file: split it"}


def test_a_file_that_is_not_an_image_is_skipped_with_the_reason(tmp_path: Path):
    (tmp_path / "ghi-chu.txt").write_text("Một tệp ảnh hỏng.\n", encoding="utf-8")
    (tmp_path / "anh.jpg").write_bytes(b"not a JPEG at all")
    skipped = {s.path: s.reason for s in load_knowledge(tmp_path).skipped}
    assert skipped == {"anh.jpg": "not a readable image (UnidentifiedImageError): save it "
                                  "again as PNG or JPEG"}
