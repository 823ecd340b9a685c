"""What a yearly statement says beside its figures, and figures asked loosely: the line item
a bare "doanh thu" means, a count of staff that its prose states (not a row of đồng), the
lines a lead sentence announces, the audit firm, and the group's brand its subsidiaries
carry; in made-up statements written by the test."""

from __future__ import annotations

import pytest

from bot.answering.pipeline import QA

NAME = "Công ty Cổ phần Vận tải Biển Hòa Lâm"


def yearly(name: str, brand: str) -> str:
    """A yearly audited statement of a shipping group whose subsidiaries carry `brand`."""
    return f"""\
# {name.upper()}

BÁO CÁO TÀI CHÍNH HỢP NHẤT NĂM 2024 (ĐÃ ĐƯỢC KIỂM TOÁN)

## BÁO CÁO CỦA BAN TỔNG GIÁM ĐỐC

Ban Tổng Giám đốc {name} trình bày báo cáo này cùng với báo cáo tài chính hợp nhất.

Người đại diện theo pháp luật của Công ty trong năm và tại ngày lập báo cáo này là:

| Ông Trần Quốc Bảo | (bổ nhiệm ngày 15 tháng 04 năm 2024) |
| --- | --- |
| Bà Lý Thu Hà | (miễn nhiệm ngày 15 tháng 04 năm 2024) |

Hải Phòng, ngày 18 tháng 3 năm 2025

### Hội đồng quản trị

| Ông Đỗ Văn Khang | Chủ tịch |
| --- | --- |
| Ông Lê Minh Tâm | Phó Chủ tịch |

### Ủy ban Kiểm toán

| Bà Phan Thị Yến | Chủ tịch |
| --- | --- |
| Ông Hồ Sĩ Nam | Thành viên |

### Ban Tổng Giám đốc

| Bà Ngô Thu Trang | Tổng Giám đốc (miễn nhiệm ngày 2 tháng 1 năm 2024) |
| --- | --- |
| Ông Vũ Đức Anh | Thành viên Hội đồng quản trị kiêm Tổng Giám đốc (bổ nhiệm ngày 2 tháng 1 năm 2024) |

## BÁO CÁO KIỂM TOÁN ĐỘC LẬP

Chúng tôi đã kiểm toán báo cáo tài chính hợp nhất kèm theo của {name}. Công ty TNHH Kiểm
toán Sao Mai.

Hà Nội, ngày 20 tháng 3 năm 2025

## BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH HỢP NHẤT

Năm 2024

Đơn vị tính: VND

| Chỉ tiêu | Mã số | Năm 2024 | Năm 2023 |
| --- | --- | --- | --- |
| 1. Doanh thu bán hàng và cung cấp dịch vụ | 01 | 812.400.000.000 | 760.100.000.000 |
| 2. Doanh thu thuần về bán hàng và cung cấp dịch vụ | 10 | 805.300.000.000 | 751.900.000.000 |
| 3. Doanh thu hoạt động tài chính | 21 | 12.600.000.000 | 9.400.000.000 |
| 4. Chi phí nhân viên | 25 | 96.200.000.000 | 90.700.000.000 |
| 5. Thu nhập khác | 31 | 1.900.000.000 | 2.300.000.000 |
| 6. Lợi nhuận sau thuế thu nhập doanh nghiệp | 60 | 41.800.000.000 | 37.200.000.000 |

## THUYẾT MINH BÁO CÁO TÀI CHÍNH HỢP NHẤT

Các công ty con của Tập đoàn gồm Công ty TNHH {brand} Logistics, Công ty TNHH Kho vận
{brand} Miền Nam và Công ty TNHH Đại lý Tàu biển {brand}.

| Công ty con | Tỷ lệ sở hữu |
| --- | --- |
| Công ty TNHH {brand} Logistics | 100% |
| Công ty TNHH Kho vận {brand} Miền Nam | 75,5% |

Tập đoàn có giao dịch mua bán với Công ty TNHH Kumoship trong năm.

Tại ngày 31 tháng 12 năm 2024, Tập đoàn có 1.264 nhân viên
"""


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> QA:
    folder = tmp_path_factory.mktemp("kb")
    (folder / "hoa-lam-2024.md").write_text(yearly(NAME, "Lamtrans"), encoding="utf-8")
    (folder / "other-2024.md").write_text(
        yearly("Công ty Cổ phần Cảng Sóc Sơn", "Socport"), encoding="utf-8")
    return QA.from_folder(folder)


@pytest.mark.parametrize("question", ["Doanh thu của Hòa Lâm năm 2024?",
                                      "doanh thu cua hoa lam nam 2024",
                                      "Doanh thu của Hòa Lâm năm 2024 là bao nhiêu tỷ đồng?"])
def test_a_bare_revenue_is_the_net_revenue_row(group, question):
    answer = group.answer(question)
    assert answer.found and answer.short == "805.300.000.000 đồng"
    assert answer.text.startswith("Doanh thu thuần về bán hàng và cung cấp dịch vụ, năm 2024")


@pytest.mark.parametrize("question", ["Hòa Lâm có bao nhiêu nhân viên?",
                                      "Số nhân viên của Hòa Lâm cuối năm 2024?",
                                      "so nhan vien cua hoa lam"])
def test_a_count_of_staff_is_the_prose_that_counts_them_not_a_row_of_dong(group, question):
    answer = group.answer(question)
    assert answer.found and "1.264 nhân viên" in answer.text
    assert "96.200.000.000" not in answer.text


@pytest.mark.parametrize("question", ["Hòa Lâm có bao nhiêu công ty con?",
                                      "hoa lam co bao nhieu cong ty con"])
def test_a_count_of_companies_is_no_share_of_one(group, question):
    answer = group.answer(question)
    assert answer.declined and answer.reason == "no_number"


@pytest.mark.parametrize("question, holder", [
    ("Chủ tịch HĐQT của Hòa Lâm là ai?", "Ông Đỗ Văn Khang"),
    ("Ai là chủ tịch của Hòa Lâm?", "Ông Đỗ Văn Khang"),
    ("Chủ tịch ủy ban kiểm toán của Hòa Lâm là ai?", "Bà Phan Thị Yến"),
    ("Phó chủ tịch hội đồng quản trị của Hòa Lâm là ai?", "Ông Lê Minh Tâm"),
    ("Tổng giám đốc của Hòa Lâm là ai?", "Ông Vũ Đức Anh"),
])
def test_who_holds_a_position_is_the_row_of_its_body_not_a_former_holder(group, question,
                                                                          holder):
    answer = group.answer(question)
    assert answer.found and answer.short == holder
    assert answer.text.startswith(f"{holder}: ")
    assert answer.sources[0].document == "hoa-lam-2024.md"


def test_a_lead_sentence_is_answered_with_the_rows_it_announces(group):
    answer = group.answer("Người đại diện theo pháp luật của Hòa Lâm là ai?")
    assert answer.found and answer.short == "Ông Trần Quốc Bảo"
    assert answer.text.splitlines()[0] == (
        "Người đại diện theo pháp luật của Công ty trong năm và tại ngày lập báo cáo này là: "
        "Ông Trần Quốc Bảo: (bổ nhiệm ngày 15 tháng 04 năm 2024); "
        "Bà Lý Thu Hà: (miễn nhiệm ngày 15 tháng 04 năm 2024)")


@pytest.mark.parametrize("question", ["Ai kiểm toán báo cáo tài chính năm 2024 của Hòa Lâm?",
                                      "cong ty nao kiem toan bao cao cua hoa lam"])
def test_the_audit_firm_is_the_one_the_statement_names(group, question):
    answer = group.answer(question)
    assert answer.found and answer.short == "Công ty TNHH Kiểm toán Sao Mai"
    assert "Hòa Lâm" in answer.text.splitlines()[0]
    assert answer.sources[0].document == "hoa-lam-2024.md"


@pytest.mark.parametrize("question", ["Báo cáo kiểm toán của Hòa Lâm được ký ngày nào?",
                                      "bao cao kiem toan cua Hoa Lam ky ngay nao"])
def test_the_auditors_report_is_signed_on_the_date_line_that_closes_it(group, question):
    answer = group.answer(question)
    assert answer.found and answer.short == "20/3/2025"
    assert answer.text.splitlines()[0] == (
        "Báo cáo kiểm toán độc lập được ký ngày 20 tháng 3 năm 2025.")
    assert answer.sources[0].document == "hoa-lam-2024.md"


def test_the_audit_firm_of_a_company_no_report_is_of_is_declined(group):
    answer = group.answer("Ai kiểm toán báo cáo của Saxona?")
    assert answer.declined and answer.reason == "other_organisation"


def test_the_brand_the_subsidiaries_carry_is_the_group(group):
    answer = group.answer("Doanh thu của Lamtrans năm 2024?")
    assert answer.found and answer.short == "805.300.000.000 đồng"
    assert answer.sources[0].document == "hoa-lam-2024.md"


def test_a_trading_partner_named_once_is_no_report_of_ours(group):
    answer = group.answer("Doanh thu của Kumoship năm 2024?")
    assert answer.declined and answer.reason == "other_organisation"


BOARD_IN_BULLETS = """\
# CÔNG TY CỔ PHẦN GỖ TÂY NGUYÊN

BÁO CÁO TÀI CHÍNH NĂM 2024

### Hội đồng Quản trị
* Ông Nguyễn Hữu Phước — Phó chủ tịch
* Ông Kim Đức Thịnh — Chủ tịch
* Bà Trần Ngọc Ánh — Thành viên (đến ngày 29 tháng 4 năm 2024)

### Ban Kiểm soát
* Ông Hồ Văn Lực — Thành viên
* Bà Đinh Thị Sen — Trưởng ban
"""


@pytest.mark.parametrize("question, short", [
    ("Ai là chủ tịch HĐQT của Gỗ Tây Nguyên?", "Kim Đức Thịnh"),  # not the "Phó chủ tịch"
    ("pho chu tich hdqt go tay nguyen la ai", "Nguyễn Hữu Phước"),
    ("Trưởng ban kiểm soát của Gỗ Tây Nguyên là ai?", "Đinh Thị Sen"),
])
def test_a_board_listed_in_bullets_gives_who_holds_the_position(tmp_path, question, short):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "gtn-2024.md").write_text(BOARD_IN_BULLETS, encoding="utf-8")
    answer = QA.from_folder(folder).answer(question)
    assert answer.short == short
    assert answer.text.splitlines()[0].endswith(")."), answer.text


SIGNED = """\
# CÔNG TY CỔ PHẦN GỐM SỨ BÌNH NGUYÊN

BÁO CÁO TÀI CHÍNH QUÝ 3 NĂM 2025

BẢNG CÂN ĐỐI KẾ TOÁN
Tại ngày 30 tháng 9 năm 2025
Đơn vị tính: VND

| Chỉ tiêu | Mã số | 30/09/2025 | 01/01/2025 |
| --- | --- | --- | --- |
| TỔNG CỘNG TÀI SẢN | 270 | 120.000.000.000 | 110.000.000.000 |

| Người lập biểu | Kế toán trưởng | Tổng Giám đốc |
| --- | --- | --- |
| (Ký, họ tên) | (Ký, họ tên) | (Ký, họ tên, đóng dấu) |
| Đỗ Thu Trang | Lương Văn Khải | Hồ Minh Quân |

BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH
Quý 3 năm 2025
Đơn vị tính: VND

| Chỉ tiêu | Mã số | Quý 3 năm nay | Quý 3 năm trước |
| --- | --- | --- | --- |
| Lợi nhuận sau thuế thu nhập doanh nghiệp | 60 | 4.100.000.000 | 3.500.000.000 |

|  |  |  |
| --- | --- | --- |
| **Đỗ Thu Trang** | **Lương Văn Khải** | **Hồ Minh Quân** |
| Người lập biểu | Kế toán trưởng | Tổng Giám đốc |
"""


@pytest.mark.parametrize("question, short", [
    ("Kế toán trưởng của Gốm sứ Bình Nguyên là ai?", "Lương Văn Khải"),
    ("ai la ke toan truong cua gom su binh nguyen", "Lương Văn Khải"),
    ("Người lập biểu báo cáo của Gốm sứ Bình Nguyên là ai?", "Đỗ Thu Trang"),
])
def test_who_signs_as_a_position_is_the_name_in_its_column_of_the_signature_block(
        tmp_path, question, short):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "bng-q3-2025.md").write_text(SIGNED, encoding="utf-8")
    answer = QA.from_folder(folder).answer(question)
    assert answer.short == short
    assert answer.text.splitlines()[0].startswith(f"{short} — ")
    assert "người ký báo cáo" in answer.text


def test_a_name_above_its_position_signs_as_it(tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    # only the second layout: the name, then the position under it
    (folder / "bng-q3-2025.md").write_text(SIGNED.replace(
        "| Đỗ Thu Trang | Lương Văn Khải | Hồ Minh Quân |\n", ""), encoding="utf-8")
    assert QA.from_folder(folder).answer(
        "Kế toán trưởng của Gốm sứ Bình Nguyên là ai?").short == "Lương Văn Khải"


def one_report(tmp_path, name: str, text: str) -> QA:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return QA.from_folder(folder)


ADDRESSES = """\
# CÔNG TY CỔ PHẦN SỢI THÁI HÒA

BÁO CÁO TÀI CHÍNH HỢP NHẤT NĂM 2024

## Thông tin về Công ty

| Giấy chứng nhận đăng ký doanh nghiệp | Số 1000214788 ngày 3 tháng 1 năm 2005 |
| --- | --- |
| Trụ sở đăng ký | Số 18 Lê Lợi, Phường Quang Trung, Thành phố Thái Bình |
| Công ty kiểm toán | Công ty TNHH Kiểm toán Sao Việt |

## Thuyết minh báo cáo tài chính hợp nhất

(i) Công ty Cổ phần Sợi Thái Hòa Miền Trung được thành lập ngày 2 tháng 5 năm 2012 và có trụ sở tại Lô B4, Khu công nghiệp Điện Nam, Tỉnh Quảng Nam. Công ty con này sản xuất sợi.

Tập đoàn có 2.140 nhân viên tại ngày 31 tháng 12 năm 2024.

### Ban kiểm soát

Thù lao của Ban kiểm soát được trả theo nghị quyết của Đại hội đồng cổ đông.

| Thành viên của Ban kiểm soát | Thù lao 2024 |
| --- | --- |
"""


@pytest.fixture
def addresses(tmp_path) -> QA:
    return one_report(tmp_path, "tht-2024.md", ADDRESSES)


@pytest.mark.parametrize("question", ["Trụ sở chính của Sợi Thái Hòa ở đâu?",
                                      "tru so chinh cua soi thai hoa o dau"])
def test_the_head_office_is_the_companys_own_not_a_subsidiarys(addresses, question):
    answer = addresses.answer(question)
    assert answer.found and "Số 18 Lê Lợi" in answer.text
    assert "Điện Nam" not in answer.text


def test_a_subsidiary_asked_by_its_own_name_is_answered_with_its_sentence(addresses):
    answer = addresses.answer("Sợi Thái Hòa Miền Trung có trụ sở ở đâu?")
    assert answer.found and "Khu công nghiệp Điện Nam" in answer.text


def test_who_is_not_answered_with_the_questions_own_words(addresses):
    answer = addresses.answer("Ban kiểm soát của Sợi Thái Hòa gồm những ai?")
    assert not answer.found


QUARTER_ONLY = """\
# CÔNG TY CỔ PHẦN ĐÈN CHIẾU SÁNG AN PHÚ

BÁO CÁO TÀI CHÍNH QUÝ 3 NĂM 2025

**V. Thông tin bổ sung cho các khoản mục trình bày trong Báo cáo kết quả hoạt động kinh doanh**

## 1.2 Ngành nghề kinh doanh

- Sản xuất kinh doanh bóng đèn, thiết bị chiếu sáng và vật tư điện;
- Xuất nhập khẩu trực tiếp.

BÁO CÁO LƯU CHUYỂN TIỀN TỆ
Quý 3 năm 2025
Đơn vị tính: VND

| Chỉ tiêu | Mã số | Quý 3 năm nay | Quý 3 năm trước |
| --- | --- | --- | --- |
| I. Lưu chuyển tiền từ hoạt động kinh doanh | | | |
| Tiền thu khác từ hoạt động kinh doanh | 06 | 1.500.000.000 | 900.000.000 |
| Tiền chi khác cho hoạt động kinh doanh | 07 | (2.100.000.000) | (1.300.000.000) |
| Lưu chuyển tiền thuần từ hoạt động kinh doanh | 20 | 45.000.000.000 | 31.000.000.000 |

Công ty Cổ phần Đèn Chiếu sáng An Phú được thành lập năm 2004 theo quyết định của Bộ Công nghiệp.
"""


@pytest.fixture
def quarter_only(tmp_path) -> QA:
    return one_report(tmp_path, "apl-q3-2025.md", QUARTER_ONLY)


@pytest.mark.parametrize("question", ["Hoạt động kinh doanh chính của Đèn An Phú là gì?",
                                      "hoat dong kinh doanh chinh cua den an phu la gi"])
def test_the_main_activity_is_the_list_under_its_heading_not_a_cash_flow_row(quarter_only,
                                                                           question):
    answer = quarter_only.answer(question)
    assert answer.found and answer.text.startswith("Sản xuất kinh doanh bóng đèn")


def test_a_report_no_auditor_signed_has_no_auditor_to_name(quarter_only):
    answer = quarter_only.answer("Công ty kiểm toán của Đèn An Phú là ai?")
    assert not answer.found


def test_who_signs_the_statements_is_every_signer_of_the_block(tmp_path):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "bng-q3-2025.md").write_text(SIGNED, encoding="utf-8")
    answer = QA.from_folder(folder).answer("Ai ký báo cáo tài chính của Gốm sứ Bình Nguyên?")
    assert answer.text.splitlines() == [
        "Người ký báo cáo:", "• Đỗ Thu Trang — Người lập biểu",
        "• Lương Văn Khải — Kế toán trưởng", "• Hồ Minh Quân — Tổng Giám đốc",
        "Theo phần chữ ký của báo cáo."]
