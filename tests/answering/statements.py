"""Made-up quarterly and yearly statements of made-up companies, in the standard forms
(B01 balance sheet, B02 income statement), for the figure tests to write into folders."""

from __future__ import annotations


def statement(name: str, ticker: str, period: str, ends: str, columns: tuple[str, str],
              balance: tuple[str, str], revenue: tuple[str, str], profit: tuple[str, str],
              assets: tuple[str, str], equity: tuple[str, str], audited: bool = False,
              unit: str = "VND") -> str:
    """A statement: `period` as its title says it ("quý 2 năm 2025", "năm 2024"), `ends` the
    day it ends ("30 tháng 6 năm 2025"), `columns` the income statement's headers and
    `balance` the balance sheet's, then each figure now and before."""
    checked = ("\n\nBÁO CÁO KIỂM TOÁN ĐỘC LẬP\n\nChúng tôi đã kiểm toán báo cáo tài chính "
               f"kèm theo của {name}. Công ty TNHH Kiểm toán Sao Mai.") if audited else ""
    kind = "năm" if period.startswith("năm") else "giữa niên độ"
    return f"""\
# {name.upper()}

Mã chứng khoán: {ticker}

BÁO CÁO TÀI CHÍNH {period.upper()}{" (ĐÃ ĐƯỢC KIỂM TOÁN)" if audited else ""}

{name} là công ty cổ phần sản xuất thép xây dựng tại Nghệ An.{checked}

BẢNG CÂN ĐỐI KẾ TOÁN {kind.upper()}
Tại ngày {ends}
Đơn vị tính: {unit}

| TÀI SẢN | Mã số | {balance[0]} | {balance[1]} |
| --- | --- | --- | --- |
| TỔNG CỘNG TÀI SẢN | 270 | {assets[0]} | {assets[1]} |
| D. VỐN CHỦ SỞ HỮU | 400 | {equity[0]} | {equity[1]} |

BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH {kind.upper()}
{period[:1].upper() + period[1:]}
Đơn vị tính: {unit}

| Chỉ tiêu | Mã số | {columns[0]} | {columns[1]} |
| --- | --- | --- | --- |
| Doanh thu thuần về bán hàng và cung cấp dịch vụ | 10 | {revenue[0]} | {revenue[1]} |
| Lợi nhuận sau thuế thu nhập doanh nghiệp | 60 | {profit[0]} | {profit[1]} |
"""


def quarter(name: str, ticker: str, number: int, year: int, revenue: tuple[str, str],
            profit: tuple[str, str], assets: tuple[str, str] = ("900.000.000.000",
                                                                "850.000.000.000"),
            equity: tuple[str, str] = ("500.000.000.000", "480.000.000.000"),
            audited: bool = False) -> str:
    ends = {1: "31 tháng 3", 2: "30 tháng 6", 3: "30 tháng 9", 4: "31 tháng 12"}[number]
    return statement(name, ticker, f"quý {number} năm {year}", f"{ends} năm {year}",
                     (f"Quý {number} năm nay", f"Quý {number} năm trước"),
                     ("Số cuối quý", "Số đầu năm"), revenue, profit, assets, equity, audited)
