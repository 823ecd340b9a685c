"""Tables read as tables from every format, on files made here: their rows, columns, cells,
units and periods, and the chunk lines a user sees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.knowledge import tables as t
from bot.knowledge.columns import resolve_columns
from bot.knowledge.documents import Document
from bot.knowledge.folder import load_knowledge
from bot.knowledge.formats import TABLE, grid
from bot.knowledge.formats.grid import build_table

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
MARKUP = ("|", "---", "<td", "<br", "**")

STATEMENT_MD = """\
# Báo cáo tài chính năm 2024

Công ty Cổ phần Ví Dụ
Báo cáo kết quả hoạt động kinh doanh cho năm kết thúc ngày 31 tháng 12 năm 2024

> Mẫu B 02 – DN

Đơn vị tính: VND

| Chỉ tiêu | Mã số | Thuyết minh | Năm 2024<br/>VND | Năm 2023<br/>VND |
| --- | --- | --- | --- | --- |
| **1. Doanh thu bán hàng và cung cấp dịch vụ** | 01 | 25 | 150.412.338.720.115 | 131.208.774.905.362 |
| 2. Doanh thu thuần về bán hàng<br/>và cung cấp dịch vụ (10 = 01 - 02) | **10** | 25 | 148.903.557.201.448 | 129.660.318.447.209 |
| Chi phí tài chính | 22 | 26 | (1.234.567) | - |
| **Lợi nhuận sau thuế thu nhập doanh nghiệp** | 60 | | 13.118.402.776.530 | 7.905.661.228.914 |

Doanh thu tăng nhờ sản lượng bán hàng tăng.
"""


def one(folder: Path) -> Document:
    knowledge = load_knowledge(folder)
    assert not knowledge.skipped, knowledge.skipped
    (document,) = knowledge.documents
    return document


def assert_no_markup(document: Document) -> None:
    from bot.knowledge.documents import chunks_of
    for text in [*document.paragraphs, *(c.text for c in chunks_of([document]))]:
        assert not any(mark in text for mark in MARKUP), text


def test_markdown_statement_reads_as_a_table_with_its_columns_rows_and_chunk_lines(
        tmp_path: Path):
    (tmp_path / "bctc.md").write_text(STATEMENT_MD, encoding="utf-8")
    document = one(tmp_path)
    (table,) = document.tables
    assert document.paragraphs[table.paragraph] == table.title == (
        "Báo cáo kết quả hoạt động kinh doanh cho năm kết thúc ngày 31 tháng 12 năm 2024")
    assert document.role(table.paragraph) == TABLE and table.paragraph == 4
    assert (table.unit, table.statement) == ("VND", t.INCOME)
    assert [(c.label, c.role) for c in table.columns] == [
        ("Chỉ tiêu", t.LABEL), ("Mã số", t.CODE), ("Thuyết minh", t.NOTE),
        ("Năm 2024", t.VALUE), ("Năm 2023", t.VALUE)]
    current, previous = table.columns[3], table.columns[4]
    assert (current.relation, current.basis, current.start, current.end, current.unit) == (
        t.CURRENT, t.FLOW, date(2024, 1, 1), date(2024, 12, 31), "VND")
    assert (previous.relation, previous.end) == (t.PREVIOUS, date(2023, 12, 31))
    assert [(r.label, r.code, r.note) for r in table.rows] == [
        ("Doanh thu bán hàng và cung cấp dịch vụ", "01", "25"),
        ("Doanh thu thuần về bán hàng và cung cấp dịch vụ", "10", "25"),
        ("Chi phí tài chính", "22", "26"),
        ("Lợi nhuận sau thuế thu nhập doanh nghiệp", "60", None)]
    assert table.rows[2].cells[3:] == ("(1.234.567)", "-")
    rows = [c for c in load_knowledge(tmp_path).chunks if c.table == 0]
    assert [(c.paragraph, c.row, c.role, c.heading) for c in rows] == [
        (5, n, TABLE, table.title) for n in range(4)]
    assert rows[1].text == ("Doanh thu thuần về bán hàng và cung cấp dịch vụ (mã số 10, "
                            "thuyết minh 25): Năm 2024: 148.903.557.201.448; "
                            "Năm 2023: 129.660.318.447.209")
    assert rows[2].text == ("Chi phí tài chính (mã số 22, thuyết minh 26): "
                            "Năm 2024: (1.234.567)")
    assert document.paragraphs[-1] == "Doanh thu tăng nhờ sản lượng bán hàng tăng."
    assert_no_markup(document)


def test_relative_columns_take_their_dates_from_the_reports_period(tmp_path: Path):
    (tmp_path / "q3.md").write_text(
        "BẢNG CÂN ĐỐI KẾ TOÁN\n\n| TÀI SẢN | Mã số | Số cuối kỳ | Số đầu năm |\n"
        "|---|---|---|---|\n| Tổng cộng tài sản | 270 | 3 415 208 776 120 | 3 100 000 000 000 |\n\n"
        "KẾT QUẢ HOẠT ĐỘNG KINH DOANH\n\n| Chỉ tiêu | Mã số | Quý III<br/>Năm nay | "
        "Quý III<br/>Năm trước | Lũy kế từ đầu năm đến cuối quý này<br/>Năm nay |\n"
        "|---|---|---|---|---|\n| Doanh thu thuần | 10 | 1 402 377 615 980 | 1 287 904 331 562 "
        "| 4 190 566 208 731 |\n", encoding="utf-8")
    balance, income = one(tmp_path).tables
    assert balance.statement == t.BALANCE and balance.rows[0].cells[2] == "3 415 208 776 120"
    resolved = resolve_columns(balance, date(2025, 7, 1), date(2025, 9, 30))
    assert [(c.relation, c.basis, c.end) for c in resolved.columns[2:]] == [
        (t.CURRENT, t.STOCK, date(2025, 9, 30)), (t.PREVIOUS, t.STOCK, date(2025, 1, 1))]
    resolved = resolve_columns(income, date(2025, 7, 1), date(2025, 9, 30))
    assert [(c.relation, c.basis, c.start, c.end) for c in resolved.columns[2:]] == [
        (t.CURRENT, t.FLOW, date(2025, 7, 1), date(2025, 9, 30)),
        (t.PREVIOUS, t.FLOW, date(2024, 7, 1), date(2024, 9, 30)),
        (t.CURRENT, t.CUMULATIVE, date(2025, 1, 1), date(2025, 9, 30))]


STATISTICS_HTML = """\
<html><head><title>Thống kê</title></head><body>
<h1>Tình hình kinh tế tháng 12 năm 2024</h1>
<p>Sản xuất công nghiệp tiếp tục tăng.</p>
<table>
<caption>Chỉ số sản xuất công nghiệp</caption>
<tr><th rowspan="2">Ngành</th><th colspan="2">Tháng 12 năm 2024 so với</th></tr>
<tr><th>Cùng kỳ năm trước</th><th>Tháng 11 năm 2024</th></tr>
<tr><td>Toàn ngành</td><td>108,9</td><td>101,2</td></tr>
<tr><td>Khai khoáng<br>và chế biến</td><td>95,1</td><td>99,0</td></tr>
</table>
<p>Đơn vị tính: %</p>
</body></html>
"""


@pytest.mark.parametrize("name, text", [
    ("thong-ke.html", STATISTICS_HTML),
    ("thong-ke.md", "# Tình hình kinh tế tháng 12 năm 2024\n\nSản xuất công nghiệp tiếp tục "
                    "tăng.\n\n" + STATISTICS_HTML.split("<p>Sản xuất công nghiệp tiếp tục tăng."
                                                       "</p>\n")[1].split("<p>Đơn")[0]),
])
def test_html_table_with_rowspan_and_colspan_in_html_and_markdown(tmp_path: Path, name: str,
                                                                   text: str):
    (tmp_path / name).write_text(text, encoding="utf-8")
    document = one(tmp_path)
    (table,) = document.tables
    assert table.title == "Chỉ số sản xuất công nghiệp"
    assert [c.label for c in table.columns] == [
        "Ngành", "Tháng 12 năm 2024 so với / Cùng kỳ năm trước",
        "Tháng 12 năm 2024 so với / Tháng 11 năm 2024"]
    assert {c.relation for c in table.columns[1:]} == {t.CHANGE}
    assert [(r.label, r.cells[1:]) for r in table.rows] == [
        ("Toàn ngành", ("108,9", "101,2")), ("Khai khoáng và chế biến", ("95,1", "99,0"))]
    lines = [c.text for c in load_knowledge(tmp_path).chunks if c.table is not None]
    assert lines[1] == ("Khai khoáng và chế biến: Tháng 12 năm 2024 so với Cùng kỳ năm trước: "
                        "95,1; Tháng 12 năm 2024 so với Tháng 11 năm 2024: 99,0")
    assert_no_markup(document)


def test_word_table_with_merged_cells(tmp_path: Path):
    import docx
    word = docx.Document()
    word.add_paragraph("BẢNG CÂN ĐỐI KẾ TOÁN GIỮA NIÊN ĐỘ")
    word.add_paragraph("Đơn vị tính: triệu đồng")
    table = word.add_table(rows=5, cols=4)
    for (r, c), text in {(0, 0): "Chỉ tiêu", (0, 1): "Mã số", (0, 2): "Số cuối kỳ",
                         (0, 3): "Số đầu năm", (1, 2): "30/06/2025", (1, 3): "01/01/2025",
                         (2, 0): "TÀI SẢN", (3, 0): "Tiền và các khoản\ntương đương tiền",
                         (3, 1): "110", (3, 2): "12.408.331", (3, 3): "(11.950.276)",
                         (4, 0): "Tổng cộng tài sản", (4, 1): "270", (4, 2): "3.104.887.562",
                         (4, 3): "2.873.519.440"}.items():
        table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(2, 0).merge(table.cell(2, 3))
    word.save(str(tmp_path / "bctc.docx"))
    document = one(tmp_path)
    (read,) = document.tables
    assert (read.title, read.unit, read.statement) == (
        "BẢNG CÂN ĐỐI KẾ TOÁN GIỮA NIÊN ĐỘ", "triệu đồng", t.BALANCE)
    assert [(c.label, c.role, c.relation, c.end) for c in read.columns] == [
        ("Chỉ tiêu", t.LABEL, None, None), ("Mã số", t.CODE, None, None),
        ("Số cuối kỳ / 30/06/2025", t.VALUE, t.CURRENT, date(2025, 6, 30)),
        ("Số đầu năm / 01/01/2025", t.VALUE, t.PREVIOUS, date(2025, 1, 1))]
    assert [(r.label, r.code, r.heading) for r in read.rows] == [
        ("TÀI SẢN", None, True), ("Tiền và các khoản tương đương tiền", "110", False),
        ("Tổng cộng tài sản", "270", False)]
    lines = [c.text for c in load_knowledge(tmp_path).chunks if c.table is not None]
    assert lines == ["TÀI SẢN", "Tiền và các khoản tương đương tiền (mã số 110): Số cuối kỳ "
                     "30/06/2025: 12.408.331; Số đầu năm 01/01/2025: (11.950.276)",
                     "Tổng cộng tài sản (mã số 270): Số cuối kỳ 30/06/2025: 3.104.887.562; "
                     "Số đầu năm 01/01/2025: 2.873.519.440"]


def test_workbook_of_monthly_statistics_with_a_multi_row_header(tmp_path: Path):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Công nghiệp"
    sheet["A1"] = "CHỈ SỐ SẢN XUẤT CÔNG NGHIỆP"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "Đơn vị tính: %"
    sheet["A3"] = "Ngành"
    sheet.merge_cells("A3:A4")
    sheet["B3"] = "Năm 2024"
    sheet.merge_cells("B3:D3")
    sheet["B4"], sheet["C4"], sheet["D4"] = "Tháng 10", "Tháng 11", "Tháng 12"
    sheet["E3"] = "Tháng 12 năm 2024 so với cùng kỳ năm trước"
    sheet.merge_cells("E3:E4")
    sheet.append(["Toàn ngành", 105.1, 108.9, 101.2, 108.3])
    sheet.append(["Khai khoáng", 95.2, 94.5, 99.5, 93.1])
    other = book.create_sheet("Dân số")
    other.append(["Tỉnh", "Dân số (người)"])
    other.append(["Lâm Đồng", 1333000])
    book.save(str(tmp_path / "thong-ke.xlsx"))
    document = one(tmp_path)
    assert document.format == "xlsx" and document.paragraphs == ("Công nghiệp", "Dân số")
    first, second = document.tables
    assert (first.title, first.sheet, first.unit, first.paragraph) == (
        "Công nghiệp", "Công nghiệp", "%", 0)
    assert [(c.label, c.start, c.end) for c in first.columns[1:4]] == [
        ("Năm 2024 / Tháng 10", date(2024, 10, 1), date(2024, 10, 31)),
        ("Năm 2024 / Tháng 11", date(2024, 11, 1), date(2024, 11, 30)),
        ("Năm 2024 / Tháng 12", date(2024, 12, 1), date(2024, 12, 31))]
    assert first.columns[4].relation == t.CHANGE
    assert first.rows[1].cells == ("Khai khoáng", "95,2", "94,5", "99,5", "93,1")
    assert second.rows[0].cells == ("Lâm Đồng", "1.333.000")
    lines = [(c.paragraph, c.text) for c in load_knowledge(tmp_path).chunks]
    assert lines == [
        (1, "Toàn ngành: Năm 2024 Tháng 10: 105,1; Năm 2024 Tháng 11: 108,9; Năm 2024 Tháng 12: "
            "101,2; Tháng 12 năm 2024 so với cùng kỳ năm trước: 108,3"),
        (1, "Khai khoáng: Năm 2024 Tháng 10: 95,2; Năm 2024 Tháng 11: 94,5; Năm 2024 Tháng 12: "
            "99,5; Tháng 12 năm 2024 so với cùng kỳ năm trước: 93,1"),
        (2, "Lâm Đồng: Dân số (người): 1.333.000")]


@pytest.mark.parametrize("data", [
    "\ufeffChỉ tiêu;Tháng 11/2024;Tháng 12/2024\nXuất khẩu;33.688,2;33.571,6\n"
    "Nhập khẩu;32.412,0;32.100,5\n".encode(),
    "Chỉ tiêu,Tháng 11/2024,Tháng 12/2024\nXuất khẩu,\"33.688,2\",\"33.571,6\"\n"
    "Nhập khẩu,\"32.412,0\",\"32.100,5\"\n".encode(),
])
def test_csv_with_its_delimiter_sniffed_with_or_without_bom(tmp_path: Path, data: bytes):
    (tmp_path / "xuat-nhap-khau.csv").write_bytes(data)
    document = one(tmp_path)
    (table,) = document.tables
    assert [c.label for c in table.columns] == ["Chỉ tiêu", "Tháng 11/2024", "Tháng 12/2024"]
    assert table.columns[2].relation == t.CURRENT and table.columns[2].end == date(2024, 12, 31)
    assert [r.cells for r in table.rows] == [("Xuất khẩu", "33.688,2", "33.571,6"),
                                             ("Nhập khẩu", "32.412,0", "32.100,5")]
    assert document.title == "Xuat nhap khau" or document.title.startswith("Xuất")


def test_pdf_table_with_its_page(tmp_path: Path):
    if not FONT.exists():
        pytest.fail(f"{FONT} is missing: install fonts-dejavu-core (.ci/run does)")
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Công ty Cổ phần Ví Dụ giới thiệu báo cáo tài chính quý 2 năm 2025.")
    pdf.add_page()
    pdf.cell(0, 8, "BẢNG CÂN ĐỐI KẾ TOÁN GIỮA NIÊN ĐỘ", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 8, "Đơn vị tính: Đồng", new_x="LMARGIN", new_y="NEXT")
    rows = [("TÀI SẢN", "Mã số", "Số cuối quý", "Số đầu năm"),
            ("Tiền và các khoản tương đương tiền", "110", "124805331290", "71240885316"),
            ("Hàng tồn kho", "140", "90416227781", "88702413359"),
            ("Tổng cộng tài sản", "270", "1528339107446", "1493081775520"),
            ("Nợ phải trả", "300", "166204918335", "118950334672")]
    with pdf.table(col_widths=(80, 20, 45, 45), first_row_as_headings=False) as table:
        for row in rows:
            cells = table.row()
            for text in row:
                cells.cell(text)
    pdf.output(str(tmp_path / "bctc.pdf"))
    document = one(tmp_path)
    (read,) = document.tables
    assert (read.page, read.title, read.unit, read.statement) == (
        2, "BẢNG CÂN ĐỐI KẾ TOÁN GIỮA NIÊN ĐỘ", "Đồng", t.BALANCE)
    assert [(c.label, c.role) for c in read.columns] == [
        ("TÀI SẢN", t.LABEL), ("Mã số", t.CODE), ("Số cuối quý", t.VALUE),
        ("Số đầu năm", t.VALUE)]
    assert [(r.label, r.code, r.cells[2]) for r in read.rows][2] == (
        "Tổng cộng tài sản", "270", "1528339107446")
    chunk = next(c for c in load_knowledge(tmp_path).chunks if c.table == 0 and c.row == 2)
    assert (chunk.page, chunk.paragraph, chunk.text) == (
        2, 2, "Tổng cộng tài sản (mã số 270): Số cuối quý: 1.528.339.107.446; "
              "Số đầu năm: 1.493.081.775.520")
    assert_no_markup(document)


def test_a_table_split_across_pages_goes_on_from_the_first(tmp_path: Path):
    header = "| Chỉ tiêu | Mã số | 31/12/2024 | 01/01/2024 |\n|---|---|---|---|\n"
    (tmp_path / "bctc.md").write_text(
        "Bảng cân đối kế toán\n\n" + header + "| Tiền | 110 | 5 | 4 |\n\n-----Page 2\n\n"
        "Bảng cân đối kế toán (tiếp theo)\n\n" + header + "| Tổng cộng tài sản | 270 | 9 | 8 |\n",
        encoding="utf-8")
    first, second = one(tmp_path).tables
    assert (first.statement, second.continues, second.statement, second.title) == (
        t.BALANCE, 0, t.BALANCE, "Bảng cân đối kế toán (tiếp theo)")


def test_rows_past_the_cap_are_left_out_and_said(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(grid, "MAX_ROWS", 10)
    table = build_table([["Tỉnh", "Dân số"]] + [[f"Tỉnh {n}", str(1000 + n)] for n in range(30)])
    assert table.truncated and len(table.rows) == 9 and table.rows[-1].label == "Tỉnh 8"


def test_files_of_formats_not_read_are_listed_with_the_fix(tmp_path: Path):
    (tmp_path / "bao-cao.txt").write_text("Báo cáo năm nay có nhiều điểm mới.", encoding="utf-8")
    for name in ("so-lieu.xls", "trinh-chieu.pptx", "cu.doc", "anh.key", ".DS_Store",
                 "~$bao-cao.docx"):
        (tmp_path / name).write_bytes(b"\x00\x01")
    knowledge = load_knowledge(tmp_path)
    assert {s.path: s.reason for s in knowledge.skipped} == {
        "so-lieu.xls": "format .xls is not read (an old Excel workbook: save it as .xlsx)",
        "trinh-chieu.pptx": "format .pptx is not read (a PowerPoint file: export it as .pdf)",
        "cu.doc": "format .doc is not read (an old Word file: save it as .docx)",
        "anh.key": "format .key is not read: save it as one of .txt, .md, .html, .htm, .docx, "
                   ".pdf, .xlsx, .csv, .png, .jpg, .jpeg, .tif, .tiff",
    }


def test_index_lists_workbooks_and_csv_and_the_formats_it_skips(tmp_path: Path):
    import openpyxl

    from tests.cli import run_cli
    book = openpyxl.Workbook()
    book.active.title = "Dân số"
    book.active.append(["Tỉnh", "Dân số"])
    book.active.append(["Lâm Đồng", 1333000])
    book.save(str(tmp_path / "dan-so.xlsx"))
    (tmp_path / "gia.csv").write_text("Mặt hàng,Giá\nGạo,\"18.500\"\n", encoding="utf-8")
    (tmp_path / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    result = run_cli("index", "--knowledge", str(tmp_path))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "file         format  title   organisation  kind  period  date        paragraphs  status",
        "cu.xls       xls     -       -             -     -       -           -           "
        "skipped: format .xls is not read (an old Excel workbook: save it as .xlsx)",
        f"dan-so.xlsx  xlsx    Dân số  -             -     -       {date.today().isoformat()}  1"
        "           ok",
        "gia.csv      csv     Giá     -             -     -       -           1           ok",
        "2 documents, 2 paragraphs, 1 skipped"]


def test_converted_statement_pages_the_bot_reads_as_one_balance_sheet(tmp_path: Path):
    """Three ways converters write a statement's pages: the page's running title copied into
    every cell of the first row, a header one cell left of its columns (the label column
    unheaded), and a page carried over with no header and no page mark."""
    title = ("CÔNG TY CỔ PHẦN VÍ DỤ<br/>BẢNG CÂN ĐỐI KẾ TOÁN (tiếp theo)<br/>"
             "Tại ngày 31 tháng 12 năm 2024<br/>Đơn vị tính: VND")
    (tmp_path / "bctc.md").write_text(
        "BẢNG CÂN ĐỐI KẾ TOÁN\nTại ngày 31 tháng 12 năm 2024\n\n"
        "| Mã số | Thuyết minh | 31/12/2024VND | 01/01/2024VND | |\n|---|---|---|---|---|\n"
        "| Tiền | 110 | V.1 | 5.000.000 | 4.000.000 |\n"
        "| Hàng tồn kho | 140 | | 7.000.000 | 6.000.000 |\n\n"
        "-----------Page 2\n\n"
        "| Tài sản cố định | 220 | V.7 | 3.000.000 | 2.000.000 |\n|---|---|---|---|---|\n"
        "| TỔNG CỘNG TÀI SẢN | 270 | | 15.000.000 | 12.000.000 |\n\n"
        f"| {title} | {title} | {title} | {title} | {title} |\n|---|---|---|---|---|\n"
        "| NGUỒN VỐN | Mã số | Thuyết minh | 31/12/2024 | 1/1/2024 |\n"
        "| C. NỢ PHẢI TRẢ | 300 | | 6.000.000 | 5.000.000 |\n"
        "| D. VỐN CHỦ SỞ HỮU | 400 | | 9.000.000 | 7.000.000 |\n", encoding="utf-8")
    first, second, third = one(tmp_path).tables
    for table in (first, second, third):
        assert [(c.role, c.relation) for c in table.columns] == [
            (t.LABEL, None), (t.CODE, None), (t.NOTE, None), (t.VALUE, t.CURRENT),
            (t.VALUE, t.PREVIOUS)], table
    assert [c.end for c in first.columns[3:]] == [date(2024, 12, 31), date(2024, 1, 1)]
    assert second.continues == 0 and second.rows[-1].cells == (
        "TỔNG CỘNG TÀI SẢN", "270", "", "15.000.000", "12.000.000")
    assert third.title == "BẢNG CÂN ĐỐI KẾ TOÁN (tiếp theo)" and third.statement == t.BALANCE
    assert [r.label for r in third.rows] == ["NỢ PHẢI TRẢ", "VỐN CHỦ SỞ HỮU"]
