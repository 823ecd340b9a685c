"""A knowledge folder of two teams for the scope tests: `sales/` (a news report and a
company's quarterly statements) and `board/`, whose documents carry marker words that must
never reach a chat bound to `sales/`."""

from __future__ import annotations

from pathlib import Path

from tests.answering.statements import quarter
from tests.answering.strategies.test_figures import steel

SALES_REPORT = """\
# Kết quả bán hàng quý 3

Phòng kinh doanh khu vực miền Trung đạt doanh số 120 tỷ đồng trong quý 3, tăng 8% so với quý trước.

Trưởng phòng kinh doanh Lê Thị Mai chủ trì buổi họp tổng kết bán hàng tại Đà Nẵng.

Năm tới, phòng kinh doanh mở thêm 4 cửa hàng tại Quảng Nam và Huế.
"""

BOARD_REPORT = """\
# Hồ sơ Quelbrix của hội đồng

Dự án Quelbrix được Vantrotix Holdings rót vốn 900 tỷ đồng trong quý 3.

Chủ tịch Trịnh Vantrotix chủ trì buổi họp kín về Quelbrix tại Hà Nội.

Hội đồng quyết định bán Quelbrix cho quỹ Vantrotix vào năm tới với giá 2.000 tỷ đồng.
"""

# What must never reach a chat bound to sales/: the board's words, names and file names.
MARKERS = ("quelbrix", "vantrotix", "zorvath", "zrv", "board/", "ho-so-mat")


def two_folders(root: Path) -> Path:
    """Write sales/ (three quarters of one company and a sales report) and board/ (a
    report and a statement of another company, full of marker words)."""
    (root / "sales").mkdir(parents=True)
    steel(root / "sales", quarters=(1, 2, 3))
    (root / "sales" / "ban-hang-quy-3.md").write_text(SALES_REPORT, encoding="utf-8")
    (root / "board").mkdir(parents=True)
    (root / "board" / "ho-so-mat.md").write_text(BOARD_REPORT, encoding="utf-8")
    (root / "board" / "zrv-q2-2025.md").write_text(
        quarter("Công ty Cổ phần Dược Zorvath", "ZRV", 2, 2025,
                ("777.000.000.000", "555.000.000.000"), ("33.000.000.000", "22.000.000.000")),
        encoding="utf-8")
    return root
