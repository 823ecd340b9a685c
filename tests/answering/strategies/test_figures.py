"""Figures of tables: the cell of the item and period asked, a change computed, a series
over a company's reports, the audited report before the company's own, lists of a table's
rows, and the company no report is of; in files written by the test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.answering.pipeline import QA
from bot.conversation.chat import ask
from tests.answering.statements import quarter

STEEL = "Công ty Cổ phần Thép Sông Lam"
MARKUP = ("|", "<td", "---|", "<br")


def steel(folder: Path, quarters=(2,), **figures) -> Path:
    folder.mkdir(exist_ok=True)
    data = {1: (("250.100.000.000", "231.000.000.000"), ("10.500.000.000", "9.800.000.000")),
            2: (("310.400.000.000", "275.900.000.000"), ("21.700.000.000", "18.300.000.000")),
            3: (("298.000.000.000", "301.200.000.000"), ("-4.200.000.000", "12.100.000.000"))}
    for number in quarters:
        revenue, profit = data[number]
        (folder / f"tsl-q{number}-2025.md").write_text(
            quarter(STEEL, "TSL", number, 2025, revenue, profit, **figures), encoding="utf-8")
    return folder


@pytest.fixture
def one_quarter(tmp_path: Path) -> QA:
    return QA.from_folder(steel(tmp_path / "kb"))


def test_a_figure_is_the_cell_of_its_row_and_period_with_unit_and_rounding(one_quarter):
    answer = one_quarter.answer("Doanh thu thuần quý 2/2025 của Thép Sông Lam là bao nhiêu?")
    assert answer.found and answer.short == "310.400.000.000 đồng"
    assert answer.text.splitlines() == [
        "Doanh thu thuần về bán hàng và cung cấp dịch vụ, quý 2/2025: 310.400.000.000 đồng "
        "= 310,4 tỷ đồng.",
        "Theo «BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH GIỮA NIÊN ĐỘ»: dòng «Doanh thu thuần về "
        "bán hàng và cung cấp dịch vụ» (mã số 10), cột «Quý 2 năm nay»."]
    assert answer.sources[0].document == "tsl-q2-2025.md"
    assert not any(mark in answer.text for mark in MARKUP)


@pytest.mark.parametrize(("question", "figure"), [
    ("lnst cung ky nam truoc cua TSL", "18.300.000.000 đồng"),  # typed as people chat
    ("LNST quý 2 năm trước của TSL", "18.300.000.000 đồng"),  # the quarter, a year before
    ("LNST q2 nam nay cua TSL", "21.700.000.000 đồng"),
    ("Tổng tài sản của TSL đầu năm 2025 là bao nhiêu?", "850.000.000.000 đồng"),
    ("tong tai san TSL tai 30/6/2025", "900.000.000.000 đồng"),
    ("Vốn chủ sở hữu của TSL cuối quý 2/2025?", "500.000.000.000 đồng"),
    ("von chu so huu TSL cuoi quy 2", "500.000.000.000 đồng"),  # the report's own quarter end
])
def test_the_column_is_the_period_asked(one_quarter, question, figure):
    assert one_quarter.answer(question).short == figure


def test_a_change_is_computed_with_both_figures(one_quarter):
    answer = one_quarter.answer("Lợi nhuận sau thuế quý 2/2025 của TSL tăng bao nhiêu % so "
                                "với cùng kỳ?")
    assert answer.short == "tăng 18,6%"
    assert "21.700.000.000 đồng" in answer.text and "18.300.000.000 đồng" in answer.text
    assert "tăng 3.400.000.000 đồng (18,6%)" in answer.text


def test_a_period_no_column_gives_is_declined(one_quarter):
    answer = one_quarter.answer("Doanh thu thuần quý 4/2025 của TSL là bao nhiêu?")
    assert answer.declined and answer.reason == "other_period"


def test_a_row_the_statement_lacks_is_no_other_row(one_quarter):
    answer = one_quarter.answer("Lợi nhuận gộp quý 2/2025 của TSL?")  # the B02 given has none
    assert answer.declined


def test_a_figure_of_today_or_tomorrow_is_in_no_report(one_quarter):
    for question in ("Doanh thu thuần của TSL hôm nay là bao nhiêu?",
                     "lnst cua TSL tuan toi the nao"):
        answer = one_quarter.answer(question)
        assert answer.declined and answer.reason == "other_period", question


@pytest.mark.parametrize(("question", "figure"), [
    ("ln thuan tu hdkd quy 2/2025 cua TSL", "25.000.000.000 đồng"),
    ("gvhb quý 2 năm 2025 của TSL", "280.000.000.000 đồng"),
])
def test_the_abbreviations_of_statement_rows(tmp_path, question, figure):
    rows = ("| Giá vốn hàng bán | 11 | 280.000.000.000 | 250.000.000.000 |\n"
            "| Lợi nhuận thuần từ hoạt động kinh doanh | 30 | 25.000.000.000 | 20.000.000.000 |\n")
    text = quarter(STEEL, "TSL", 2, 2025, ("310.400.000.000", "275.900.000.000"),
                   ("21.700.000.000", "18.300.000.000"))
    text = text.replace("| Lợi nhuận sau thuế thu nhập", rows + "| Lợi nhuận sau thuế thu nhập")
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "tsl-q2.md").write_text(text, encoding="utf-8")
    assert QA.from_folder(tmp_path / "kb").answer(question).short == figure


def test_a_follow_up_keeps_the_item_and_changes_the_period(one_quarter):
    first = ask(one_quarter, "Doanh thu thuần quý 2/2025 của TSL là bao nhiêu?")
    then = ask(one_quarter, "còn cùng kỳ năm trước?", first.turn)
    assert then.answer.short == "275.900.000.000 đồng"
    other = ask(one_quarter, "còn lợi nhuận sau thuế?", then.turn)
    assert other.answer.short == "18.300.000.000 đồng"


def test_follow_ups_without_con_the_same_quarter_last_year_and_its_change(one_quarter):
    first = ask(one_quarter, "LNST quý 2/2025 của TSL?")
    then = ask(one_quarter, "cùng kỳ thì sao?", first.turn)
    assert then.answer.short == "18.300.000.000 đồng"
    change = ask(one_quarter, "tăng bao nhiêu % so với cùng kỳ?", first.turn)
    assert "→ tăng 3.400.000.000 đồng (18,6%)" in change.answer.text


def test_the_whole_year_asked_after_a_fourth_quarter(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "gdh-q4-2024.md").write_text(FOURTH, encoding="utf-8")
    qa = QA.from_folder(folder)
    first = ask(qa, "Doanh thu thuần quý 4/2024 của Gạch Đông Triều?")
    assert first.answer.short == "61.000.000.000 đồng"
    assert ask(qa, "cả năm thì sao?", first.turn).answer.short == "240.500.000.000 đồng"


def test_a_follow_up_compares_with_the_report_asked_before(tmp_path: Path):
    qa = QA.from_folder(steel(tmp_path / "kb", quarters=(1, 2, 3)))
    first = ask(qa, "Doanh thu thuần quý 2/2025 của TSL là bao nhiêu?")
    assert ask(qa, "còn cùng kỳ năm trước?", first.turn).answer.short == "275.900.000.000 đồng"


def test_a_series_over_the_reports_of_one_company_in_period_order(tmp_path: Path):
    qa = QA.from_folder(steel(tmp_path / "kb", quarters=(3, 1, 2)))
    answer = qa.answer("Doanh thu thuần của TSL qua các quý năm 2025?")
    lines = answer.text.splitlines()
    assert lines[1:4] == ["• quý 1/2025: 250.100.000.000 đồng = 250,1 tỷ đồng",
                          "• quý 2/2025: 310.400.000.000 đồng = 310,4 tỷ đồng",
                          "• quý 3/2025: 298.000.000.000 đồng = 298 tỷ đồng"]
    assert [s.document for s in answer.sources] == ["tsl-q3-2025.md", "tsl-q1-2025.md",
                                                    "tsl-q2-2025.md"]
    assert answer.chart == (("quý 1/2025", 250.1e9), ("quý 2/2025", 310.4e9),
                            ("quý 3/2025", 298e9))


def test_a_loss_after_a_profit_is_said_in_words(tmp_path: Path):
    qa = QA.from_folder(steel(tmp_path / "kb", quarters=(3,)))
    answer = qa.answer("Lợi nhuận sau thuế quý 3/2025 của TSL thay đổi thế nào so với cùng kỳ?")
    assert answer.short == "chuyển từ lãi sang lỗ"


def test_the_audited_report_answers_before_the_company_prepared_one(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "tu-lap.md").write_text(quarter(STEEL, "TSL", 2, 2025, (
        "310.000.000.000", "275.900.000.000"), ("21.000.000.000", "18.300.000.000")),
        encoding="utf-8")
    (folder / "soat-xet.md").write_text(quarter(STEEL, "TSL", 2, 2025, (
        "310.400.000.000", "275.900.000.000"), ("21.700.000.000", "18.300.000.000"),
        audited=True), encoding="utf-8")
    answer = QA.from_folder(folder).answer("Lợi nhuận sau thuế quý 2/2025 của TSL?")
    assert answer.short == "21.700.000.000 đồng"
    assert answer.sources[0].document == "soat-xet.md"
    assert answer.text.endswith("Số liệu của báo cáo đã soát xét.")  # a quarter is reviewed


def test_a_company_no_report_is_of_is_declined_naming_those_known(one_quarter):
    answer = one_quarter.answer("Doanh thu thuần quý 2/2025 của Masan là bao nhiêu?")
    assert answer.declined and answer.reason == "other_organisation"
    assert answer.text == ("Xin lỗi, mình không có báo cáo nào của «Masan». Các báo cáo mình "
                           f"có là của: {STEEL} (TSL).")


def test_a_summary_of_a_statement_leads_with_its_key_figures(one_quarter):
    answer = one_quarter.answer("Tóm tắt báo cáo tài chính quý 2/2025 của TSL")
    lines = answer.text.splitlines()
    assert lines[0].endswith(f"— {STEEL} (TSL).")
    assert lines[1].startswith("Doanh thu thuần về bán hàng và cung cấp dịch vụ, quý 2/2025: "
                               "310.400.000.000 đồng")
    assert "tăng 34.500.000.000 đồng (12,5%)" in lines[1]
    assert any(line.startswith("Tổng cộng tài sản, tại ngày 30/06/2025") for line in lines)


def test_a_workbook_of_monthly_statistics_is_answered_by_cell_and_by_column(tmp_path: Path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Chỉ số giá tiêu dùng"
    sheet.append(["Chỉ số giá tiêu dùng tháng 12 năm 2024 (%)"])
    sheet.append(["", "Tháng 12 năm 2024 so với", None, None])
    sheet.append(["", "Kỳ gốc 2019", "Cùng kỳ năm trước", "Tháng 11 năm 2024"])
    sheet.merge_cells("B2:D2")
    for row in (["Chỉ số giá chung", "115,32", "102,94", "100,29"],
                ["Hàng ăn và dịch vụ ăn uống", "121,05", "104,12", "100,51"],
                ["Giáo dục", "110,20", "101,83", "100,02"]):
        sheet.append(row)
    folder = tmp_path / "kb"
    folder.mkdir()
    book.save(str(folder / "cpi-thang-12.xlsx"))
    with (folder / "gia-vang.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Mặt hàng", "Tháng 11/2024", "Tháng 12/2024"])
        writer.writerow(["Vàng miếng (nghìn đồng/lượng)", "84.500", "85.200"])
    qa = QA.from_folder(folder)
    by_cell = qa.answer("Chỉ số giá hàng ăn và dịch vụ ăn uống so với cùng kỳ năm trước?")
    assert "104,12" in by_cell.text and "Cùng kỳ năm trước" in by_cell.text
    assert by_cell.sources[0].document == "cpi-thang-12.xlsx"
    by_column = qa.answer("Giá vàng miếng tháng 11/2024 và tháng 12/2024?")
    assert "84.500" in by_column.text and "85.200" in by_column.text
    for answer in (by_cell, by_column):
        assert not any(mark in answer.text for mark in MARKUP)


MONTHLY = """# BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 10 VÀ 10 THÁNG NĂM 2025

Cục Thống kê tỉnh Hà Giang Mới

Tổng mức bán lẻ hàng hóa tháng 10/2025 ước đạt 12.345 tỷ đồng, tăng 1,3% so với tháng trước.

| Chỉ tiêu | Đơn vị tính | Tháng 9/2025 | Ước tháng 10/2025 | 10 tháng 2025 | 10 tháng 2025 so với cùng kỳ (%) |
|---|---|---|---|---|---|
| Tổng mức bán lẻ hàng hóa | Tỷ đồng | 12.187 | 12.345 | 118.902 | 109,4 |
| Kim ngạch xuất khẩu | Triệu USD | 845 | 902 | 8.117 | 115,2 |
| Khách du lịch | Nghìn lượt | 410 | 455 | 3.980 | 121,0 |
"""


@pytest.fixture
def monthly(tmp_path: Path) -> QA:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "kt-xh-thang-10-2025.md").write_text(MONTHLY, encoding="utf-8")
    return QA.from_folder(folder)


@pytest.mark.parametrize("question, short, line", [
    ("kim ngạch xuất khẩu tháng 10 bao nhiêu", "902 triệu USD",
     "Kim ngạch xuất khẩu, tháng 10/2025: 902 triệu USD."),
    ("khach du lich thang 9/2025", "410 nghìn lượt", "Khách du lịch, tháng 9/2025: 410 nghìn lượt."),
    ("xuat khau 10 thang la bao nhieu", "8.117 triệu USD",
     "Kim ngạch xuất khẩu, 10 tháng đầu năm 2025: 8.117 triệu USD ≈ 8,12 tỷ USD."),
    ("tổng mức bán lẻ 10 tháng so với cùng kỳ tăng bao nhiêu", "109,4%",
     "Tổng mức bán lẻ hàng hóa, 10 tháng 2025 so với cùng kỳ (%): 109,4%."),
])
def test_a_monthly_statistics_table_gives_the_month_its_unit_column_and_its_own_comparison(
        monthly, question, short, line):
    answer = monthly.answer(question)
    assert answer.short == short
    assert answer.text.splitlines()[0] == line


def test_two_months_of_a_monthly_table_are_compared(monthly):
    answer = monthly.answer("xuất khẩu tháng 10 tăng bao nhiêu so với tháng 9")
    assert answer.short == "tăng 6,7%"
    assert answer.text.splitlines()[:2] == [
        "Kim ngạch xuất khẩu, tháng 10/2025: 902 triệu USD; tháng 9/2025: 845 triệu USD.",
        "→ tăng 57 triệu USD (6,7%)."]


REVIEW = """# BÁO CÁO TỔNG KẾT HOẠT ĐỘNG SẢN XUẤT KINH DOANH NĂM 2024

Tổng công ty Cổ phần Xây lắp Đồng Tâm Mới

Hà Nội, ngày 20 tháng 1 năm 2025

Đơn vị tính: tỷ đồng

| STT | Chỉ tiêu | Thực hiện 2023 | Kế hoạch 2024 | Thực hiện 2024 | So với kế hoạch (%) | So với năm 2023 (%) |
|---|---|---|---|---|---|---|
| 1 | Doanh thu | 3.950 | 4.200 | 4.402 | 104,8 | 111,4 |
| 2 | Nộp ngân sách | 240 | 250 | 263 | 105,2 | 109,6 |
"""


@pytest.fixture
def review(tmp_path: Path) -> QA:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "tong-ket-2024.md").write_text(REVIEW, encoding="utf-8")
    return QA.from_folder(folder)


@pytest.mark.parametrize("question, short, line", [
    ("doanh thu năm 2024 bao nhiêu", "4.402 tỷ đồng", "Doanh thu, năm 2024: 4.402 tỷ đồng."),
    ("ke hoach doanh thu 2024", "4.200 tỷ đồng", "Doanh thu, kế hoạch năm 2024: 4.200 tỷ đồng."),
    ("doanh thu 2024 đạt bao nhiêu % kế hoạch", "104,8%",
     "Doanh thu, so với kế hoạch (%): 104,8%."),
    ("nộp ngân sách tăng bao nhiêu so với năm 2023", "tăng 9,6%",
     "Nộp ngân sách, năm 2024: 263 tỷ đồng; năm 2023: 240 tỷ đồng."),
])
def test_a_yearly_review_gives_what_was_done_not_the_plan_unless_the_plan_is_asked(
        review, question, short, line):
    answer = review.answer(question)
    assert answer.short == short
    assert answer.text.splitlines()[0] == line


def test_a_table_of_places_by_measure_gives_the_cell_of_the_place_and_the_measure(tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    with (folder / "dan-so-2024.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Huyện", "Dân số trung bình 2024 (người)", "Diện tích (km2)",
                         "Mật độ dân số (người/km2)"])
        writer.writerow(["Thành phố Sông Mây", "312450", "105.2", "2970"])
        writer.writerow(["Huyện Hòa Lộc", "154300", "420.8", "367"])
        writer.writerow(["Huyện Tân Thạnh", "98760", "612.5", "161"])
    qa = QA.from_folder(folder)
    density = qa.answer("mat do dan so tan thanh")
    assert density.short == "161 người/km2"
    assert density.text.splitlines()[:2] == [
        "Huyện Tân Thạnh, mật độ dân số (người/km2): 161 người/km2.",
        "Theo «bảng số liệu»: dòng «Huyện Tân Thạnh», cột «Mật độ dân số (người/km2)»."]
    assert qa.answer("dân số huyện Hòa Lộc năm 2024").short == "154.300 người"
    assert qa.answer("diện tích thành phố Sông Mây").short == "105,2 km2"


FOURTH = """\
# CÔNG TY CỔ PHẦN GẠCH ĐÔNG TRIỀU

BÁO CÁO TÀI CHÍNH QUÝ 4 NĂM 2024

BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH
Quý 4 năm 2024
Đơn vị tính: VND

| Chỉ tiêu | Mã số | Quý 4 năm nay | Quý 4 năm trước | Lũy kế từ đầu năm đến cuối quý này (Năm nay) | Lũy kế từ đầu năm đến cuối quý này (Năm trước) |
| --- | --- | --- | --- | --- | --- |
| Doanh thu thuần về bán hàng và cung cấp dịch vụ | 10 | 61.000.000.000 | 58.000.000.000 | 240.500.000.000 | 226.000.000.000 |
| Lợi nhuận sau thuế thu nhập doanh nghiệp | 60 | 3.100.000.000 | 2.900.000.000 | 12.700.000.000 | 11.400.000.000 |
"""


def test_the_whole_year_of_a_fourth_quarter_report_is_its_cumulative_column(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "gdh-q4-2024.md").write_text(FOURTH, encoding="utf-8")
    qa = QA.from_folder(folder)
    assert qa.answer("Doanh thu thuần cả năm 2024 của Gạch Đông Triều?").short == "240.500.000.000 đồng"
    assert qa.answer("doanh thu thuan quy 4 nam 2024 gach dong trieu").short == "61.000.000.000 đồng"


BANK = """\
# NGÂN HÀNG THƯƠNG MẠI CỔ PHẦN SÔNG HỒNG

BÁO CÁO TÀI CHÍNH HỢP NHẤT NĂM 2024

BẢNG CÂN ĐỐI KẾ TOÁN HỢP NHẤT
Tại ngày 31 tháng 12 năm 2024
Đơn vị tính: triệu đồng

| Chỉ tiêu | Thuyết minh | 31/12/2024 | 31/12/2023 |
| --- | --- | --- | --- |
| TỔNG TÀI SẢN |  | 410.250.000 | 380.100.000 |
| VIII. Vốn và các quỹ |  | 31.400.000 | 27.900.000 |
| 1. Vốn của tổ chức tín dụng |  | 18.000.000 | 18.000.000 |
| 5. Lợi nhuận chưa phân phối |  | 9.100.000 | 6.200.000 |
"""


def test_a_banks_equity_is_its_capital_and_funds(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "shb-2024.md").write_text(BANK, encoding="utf-8")
    answer = QA.from_folder(folder).answer("Vốn chủ sở hữu của Ngân hàng Sông Hồng cuối năm 2024?")
    assert answer.short == "31.400.000 triệu đồng"
    assert "Vốn và các quỹ" in answer.text


def test_how_many_is_the_sentence_that_counts_them_not_the_list_of_them(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    listing = "\n\n".join(
        f"Công ty con {name}: công ty con sở hữu {share}% vốn, hoạt động chính của công ty con "
        f"này là sản xuất thép; công ty con có trụ sở tại Nghệ An."
        for name, share in (("TNHH Thép Cửa Lò", "100"), ("TNHH Cảng Nghi Sơn", "99,9"),
                            ("CP Vận tải Lam Hồng", "65")))
    (folder / "tsl-2024.md").write_text(
        f"# CÔNG TY CỔ PHẦN THÉP SÔNG LAM\n\nBÁO CÁO TÀI CHÍNH HỢP NHẤT NĂM 2024\n\n"
        f"{listing}\n\nTại ngày 31 tháng 12 năm 2024, Công ty có 3 công ty con và 1 công ty "
        f"liên kết.\n\nChính sách hợp nhất: báo cáo của các công ty con được lập cho cùng kỳ "
        f"kế toán với công ty mẹ; công ty con được hợp nhất từ ngày mua.\n", encoding="utf-8")
    answer = QA.from_folder(folder).answer("Thép Sông Lam có bao nhiêu công ty con?")
    assert answer.found and answer.short.startswith("3 công ty")
    assert "Công ty có 3 công ty con" in answer.text


def test_a_total_asked_is_the_forms_total_row_not_the_sum_of_two(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    text = quarter("Công ty Cổ phần Bao bì Hà Nội", "BBH", 2, 2025,
                   ("310.400.000.000", "275.900.000.000"), ("21.700.000.000", "18.300.000.000"))
    text = text.replace("| D. VỐN CHỦ SỞ HỮU |", "| C. NỢ PHẢI TRẢ | 300 | 400.000.000.000 | "
                        "370.000.000.000 |\n| D. VỐN CHỦ SỞ HỮU |")
    text = text.replace("| D. VỐN CHỦ SỞ HỮU | 400 | 500.000.000.000 | 480.000.000.000 |\n", (
        "| D. VỐN CHỦ SỞ HỮU | 400 | 500.000.000.000 | 480.000.000.000 |\n"
        "| TỔNG CỘNG NỢ PHẢI TRẢ VÀ VỐN CHỦ SỞ HỮU | 440 | 900.000.000.000 | "
        "850.000.000.000 |\n"))
    (folder / "bbh-q2-2025.md").write_text(text, encoding="utf-8")
    qa = QA.from_folder(folder)
    # "Hà Nội tại …": pyvi reads "Nội tại" as a word; the name is still "Hà Nội".
    answer = qa.answer("Tổng nợ phải trả của Bao bì Hà Nội tại 30/6/2025?")
    assert answer.short == "400.000.000.000 đồng"
    assert "dòng «NỢ PHẢI TRẢ» (mã số 300)" in answer.text


YEARLY = """\
# CÔNG TY CỔ PHẦN CƠ KHÍ HÀ TRUNG

BÁO CÁO TÀI CHÍNH HỢP NHẤT NĂM 2024

## Thông tin chung

Hoạt động chính của Công ty là sản xuất máy nông nghiệp và phụ tùng cơ khí.

BẢNG CÂN ĐỐI KẾ TOÁN HỢP NHẤT
Tại ngày 31 tháng 12 năm 2024
Đơn vị tính: VND

| Chỉ tiêu | Mã số | 31/12/2024 | 01/01/2024 |
| --- | --- | --- | --- |
| I. Tiền và các khoản tương đương tiền | 110 | 52.300.000.000 | 47.100.000.000 |
| TỔNG CỘNG TÀI SẢN | 270 | 880.000.000.000 | 810.000.000.000 |
| C. NỢ PHẢI TRẢ | 300 | 410.000.000.000 | 395.000.000.000 |

BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH HỢP NHẤT
Năm 2024
Đơn vị tính: VND

| Chỉ tiêu | Mã số | Năm 2024 | Năm 2023 |
| --- | --- | --- | --- |
| Doanh thu thuần về bán hàng và cung cấp dịch vụ | 10 | 960.000.000.000 | 870.000.000.000 |
| Doanh thu hoạt động tài chính | 21 | 6.400.000.000 | 5.900.000.000 |
| Chi phí tài chính | 22 | 21.000.000.000 | 19.500.000.000 |
| Trong đó: Chi phí đi vay | 23 | 17.800.000.000 | 16.200.000.000 |
| Chi phí quản lý doanh nghiệp | 26 | 38.500.000.000 | 35.000.000.000 |
| Thu nhập khác | 31 | 3.000.000.000 | 2.000.000.000 |
| Kết quả từ hoạt động khác (40 = 31 - 32) | 40 | 1.900.000.000 | 1.100.000.000 |
| Lợi nhuận sau thuế thu nhập doanh nghiệp | 60 | 54.000.000.000 | 47.000.000.000 |
| Phân bổ cho: | | | |
| Cổ đông của công ty mẹ | 61 | 51.200.000.000 | 44.600.000.000 |
| Cổ đông không kiểm soát | 62 | 2.800.000.000 | 2.400.000.000 |
| Lãi cơ bản trên cổ phiếu | 70 | 2.133 | 1.858 |

## 12. Tài sản thuế thu nhập hoãn lại

| | 31/12/2024 | 01/01/2024 |
| --- | --- | --- |
| Dự phòng | 700.000.000 | 650.000.000 |
| Khác | 300.000.000 | 250.000.000 |

## 18. Chi phí phải trả

| | 31/12/2024 | 01/01/2024 |
| --- | --- | --- |
| Chi phí lãi vay | 1.200.000.000 | 900.000.000 |
"""


def yearly_qa(tmp_path: Path) -> QA:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "hta-2024.md").write_text(YEARLY, encoding="utf-8")
    return QA.from_folder(folder)


@pytest.mark.parametrize(("question", "figure", "row"), [
    # a part of a total broken down ("Phân bổ cho:") is asked by the total and the part
    ("Lợi nhuận sau thuế của cổ đông công ty mẹ Cơ khí Hà Trung năm 2024?",
     "51.200.000.000 đồng", "dòng «Cổ đông của công ty mẹ» (mã số 61)"),
    ("ln sau thue thuoc ve co dong cong ty me cua co khi ha trung nam 2023",
     "44.600.000.000 đồng", "(mã số 61)"),
    # form B02's row 23, however the company words it, before a note's accrued interest
    ("Chi phí lãi vay năm 2024 của Cơ khí Hà Trung?", "17.800.000.000 đồng", "(mã số 23)"),
    # "quản lý doanh nghiệp" holds no "lý do": no why-question
    ("Chi phí quản lý doanh nghiệp của Cơ khí Hà Trung năm 2024?", "38.500.000.000 đồng",
     "(mã số 26)"),
    # a bare item, "các khoản" said, no asking word
    ("Tiền và các khoản tương đương tiền của Cơ khí Hà Trung cuối năm 2024?",
     "52.300.000.000 đồng", "(mã số 110)"),
    # "tại" ties the company to the item, no part of it
    ("Nợ phải trả tại Cơ khí Hà Trung ngày 31/12/2024", "410.000.000.000 đồng", "(mã số 300)"),
    # form B02's row 40 as auditors word it; not the row "Khác" of a note on deferred tax
    # ("hoãn lại" folds to the "lai" of "lãi")
    ("Lợi nhuận khác của Cơ khí Hà Trung năm 2024?", "1.900.000.000 đồng", "(mã số 40)"),
])
def test_rows_of_a_yearly_statement_however_the_item_is_said(tmp_path, question, figure, row):
    answer = yearly_qa(tmp_path).answer(question)
    assert answer.short == figure
    assert row in answer.text


def test_the_part_of_a_total_is_named_with_the_total(tmp_path: Path):
    answer = yearly_qa(tmp_path).answer(
        "Lợi nhuận sau thuế của cổ đông công ty mẹ Cơ khí Hà Trung năm 2024?")
    assert answer.text.startswith("Lợi nhuận sau thuế thu nhập doanh nghiệp — cổ đông của "
                                  "công ty mẹ, năm 2024: 51.200.000.000 đồng")


def test_the_main_activity_is_the_sentence_that_says_it_not_a_row_of_the_income_statement(
        tmp_path: Path):
    answer = yearly_qa(tmp_path).answer("Hoạt động kinh doanh chính của Cơ khí Hà Trung là gì?")
    assert "máy nông nghiệp" in answer.text
    assert "Doanh thu hoạt động tài chính" not in answer.text


def test_compare_two_years_asked_with_so_sanh_computes_the_change(tmp_path: Path):
    answer = yearly_qa(tmp_path).answer(
        "So sánh lợi nhuận sau thuế năm 2024 và 2023 của Cơ khí Hà Trung")
    assert "54.000.000.000 đồng" in answer.text and "47.000.000.000 đồng" in answer.text
    assert "→ tăng 7.000.000.000 đồng (14,9%)" in answer.text


def test_a_period_beside_the_same_period_last_year_is_no_part_of_the_item(one_quarter):
    answer = one_quarter.answer("Lợi nhuận sau thuế cùng kỳ năm trước của TSL quý 2?")
    assert answer.short == "18.300.000.000 đồng"


def test_a_measure_no_report_states_is_not_answered_with_the_companys_name(tmp_path: Path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "hta-2024.md").write_text(YEARLY + "\nCông ty Cổ phần Cơ khí Hà Trung được "
                                        "thành lập năm 1998 tại Thanh Hóa.\n", encoding="utf-8")
    assert not QA.from_folder(folder).answer("Biên lãi gộp năm 2024 của Cơ khí Hà Trung?").found
