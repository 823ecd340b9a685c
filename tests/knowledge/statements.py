"""First pages of made-up reports, modelled on the standard Vietnamese forms (a disclosure
letter, the cover, the board's report, the auditor's report, statements B01-B03 with their
signature blocks), for the knowledge tests to write into folders of their own."""

QUARTERLY = """\
| CÔNG TY CỔ PHẦN CƠ KHÍ TÂN LẠC VIỆT<br/>Số: 15/2025/CBTT-TLV | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc<br/>*Hà Nội, ngày 28 tháng 7 năm 2025* |
| --- | --- |

CÔNG BỐ THÔNG TIN ĐỊNH KỲ

Kính gửi: Ủy ban Chứng khoán Nhà nước; Sở Giao dịch Chứng khoán Hà Nội.

1. Tên tổ chức: Công ty Cổ phần Cơ khí Tân Lạc Việt
- Mã chứng khoán: TLV
- Địa chỉ: Số 12 đường Lạc Long, quận Ba Đình, Hà Nội

Loại thông tin công bố: [ ] 24 giờ [ ] 72 giờ [ ] bất thường [x] định kỳ

2. Nội dung thông tin công bố: Công ty Cổ phần Cơ khí Tân Lạc Việt công bố Báo cáo tài chính hợp nhất quý 2 năm 2025.

Signature Not Verified
Ký bởi: CÔNG TY CỔ PHẦN CƠ KHÍ TÂN LẠC VIỆT
Ký ngày: 28/7/2025 16:02:11

-----------Page 1

# BÁO CÁO TÀI CHÍNH HỢP NHẤT

## QUÝ 2 NĂM 2025

## MỤC LỤC

| Nội dung | Trang |
| --- | --- |
| Bảng cân đối kế toán hợp nhất | 2 - 3 |
| Báo cáo kết quả hoạt động kinh doanh hợp nhất | 4 |
| Báo cáo lưu chuyển tiền tệ hợp nhất | 5 |
| Thuyết minh báo cáo tài chính hợp nhất | 6 - 20 |

Trang 1

-----------Page 2
Công ty Cổ phần Cơ khí Tân Lạc Việt
Mẫu số B01a-DN/HN

BẢNG CÂN ĐỐI KẾ TOÁN HỢP NHẤT GIỮA NIÊN ĐỘ
Tại ngày 30 tháng 6 năm 2025
Đơn vị tính: VND

| TÀI SẢN | Mã số | Số cuối quý | Số đầu năm |
| --- | --- | --- | --- |
| A. TÀI SẢN NGẮN HẠN | 100 | 512.300.000.000 | 498.100.000.000 |
| TỔNG CỘNG TÀI SẢN | 270 | 1.204.500.000.000 | 1.150.200.000.000 |

Các thuyết minh kèm theo là bộ phận hợp thành của báo cáo tài chính

2/20

-----------Page 3
Công ty Cổ phần Cơ khí Tân Lạc Việt

BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KINH DOANH HỢP NHẤT GIỮA NIÊN ĐỘ
Quý 2 năm 2025

| Chỉ tiêu | Mã số | Quý 2 năm nay | Quý 2 năm trước |
| --- | --- | --- | --- |
| Doanh thu thuần về bán hàng và cung cấp dịch vụ | 10 | 310.400.000.000 | 275.900.000.000 |
| Lợi nhuận sau thuế thu nhập doanh nghiệp | 60 | 21.700.000.000 | 18.300.000.000 |

Doanh thu thuần quý 2 năm 2025 tăng nhờ các đơn hàng máy nông nghiệp xuất khẩu.

Các thuyết minh kèm theo là bộ phận hợp thành của báo cáo tài chính

| Người lập biểu<br/>(Ký, họ tên)<br/><br/>Trần Thị Mai | Kế toán trưởng<br/>(Ký, họ tên)<br/><br/>Lê Văn Hùng | Tổng Giám đốc<br/>(Ký, họ tên, đóng dấu)<br/><br/>Phạm Quốc Bảo |
| --- | --- | --- |

Lập ngày 25 tháng 7 năm 2025

-----------Page 4
Công ty Cổ phần Cơ khí Tân Lạc Việt

BÁO CÁO LƯU CHUYỂN TIỀN TỆ HỢP NHẤT GIỮA NIÊN ĐỘ

Lưu chuyển tiền thuần từ hoạt động kinh doanh quý 2 năm 2025 dương nhờ thu hồi công nợ.

Các thuyết minh kèm theo là bộ phận hợp thành của báo cáo tài chính

4/20
"""

ANNUAL = """\
Công ty TNHH Kiểm toán Sao Việt

Công ty Cổ phần Dệt may Minh Khuê

Báo cáo tài chính riêng cho năm tài chính kết thúc ngày 31 tháng 12 năm 2023

(đã được kiểm toán)

BÁO CÁO CỦA BAN TỔNG GIÁM ĐỐC

Ban Tổng Giám đốc Công ty Cổ phần Dệt may Minh Khuê (sau đây gọi tắt là “Công ty”) trình bày báo cáo này cùng với báo cáo tài chính riêng đã được kiểm toán của Công ty cho năm tài chính kết thúc ngày 31 tháng 12 năm 2023.

Công ty Cổ phần Dệt may Minh Khuê được thành lập theo Giấy chứng nhận đăng ký doanh nghiệp số 0101234567 ngày 10 tháng 5 năm 2008. Trụ sở chính của Công ty tại số 8 phố Khuê Trung, Hà Nội.

BAN TỔNG GIÁM ĐỐC

| Ông Đỗ Minh Khang | Tổng Giám đốc |
| --- | --- |
| Bà Vũ Thu Hà | Phó Tổng Giám đốc |

KIỂM TOÁN VIÊN

Công ty TNHH Kiểm toán Sao Việt đã thực hiện kiểm toán báo cáo tài chính riêng cho năm tài chính kết thúc ngày 31 tháng 12 năm 2023 của Công ty.

Thay mặt Ban Tổng Giám đốc,

Đỗ Minh Khang Tổng Giám đốc

Hà Nội, ngày 20 tháng 3 năm 2024

BÁO CÁO KIỂM TOÁN ĐỘC LẬP

Kính gửi: Các cổ đông, Hội đồng Quản trị và Ban Tổng Giám đốc Công ty Cổ phần Dệt may Minh Khuê

Chúng tôi đã kiểm toán báo cáo tài chính riêng kèm theo của Công ty Cổ phần Dệt may Minh Khuê, gồm Bảng cân đối kế toán tại ngày 31 tháng 12 năm 2023, Báo cáo kết quả hoạt động kinh doanh, Báo cáo lưu chuyển tiền tệ cho năm tài chính kết thúc cùng ngày và Bản thuyết minh báo cáo tài chính.

Hà Nội, ngày 25 tháng 3 năm 2024
"""

FISCAL_COVER = [
    "CÔNG TY CỔ PHẦN THÉP HỒNG LAM",
    "Mã CK: HLT",
    "BÁO CÁO TÀI CHÍNH",
    "QUÝ I NIÊN ĐỘ 2024 - 2025",
    "Từ 01-10-2024 đến 31-12-2024",
    "(Báo cáo hợp nhất)",
    "Bảng cân đối kế toán: Mẫu số B01 - DN",
    "Kết quả hoạt động kinh doanh: Mẫu số B02 - DN",
    "Lưu chuyển tiền tệ: Mẫu số B03 - DN",
    "Thuyết minh báo cáo tài chính: Mẫu số B09 - DN",
    "Doanh thu thuần quý I niên độ 2024 - 2025 đạt 9.120 tỷ đồng.",
]

FISCAL_YEAR = """\
# CÔNG TY CỔ PHẦN MÍA ĐƯỜNG NAM KHÊ

## BÁO CÁO TÀI CHÍNH

Cho năm tài chính kết thúc ngày 30 tháng 9 năm 2024

Bảng cân đối kế toán tại ngày 30 tháng 9 năm 2024, Báo cáo kết quả hoạt động kinh doanh và Báo cáo lưu chuyển tiền tệ cho năm tài chính kết thúc cùng ngày.

Kỳ kế toán năm của Công ty bắt đầu từ ngày 01/10 và kết thúc vào ngày 30/9 năm sau.
"""

HALF_YEAR = """\
NGÂN HÀNG THƯƠNG MẠI CỔ PHẦN KIM SƠN ĐÔNG HẢI

Báo cáo tài chính hợp nhất giữa niên độ cho kỳ kế toán sáu tháng kết thúc ngày 30 tháng 6 năm 2024

Ngân hàng Thương mại Cổ phần Kim Sơn Đông Hải (KSBank) là ngân hàng thương mại cổ phần được thành lập tại Việt Nam. Thống đốc Ngân hàng Nhà nước Việt Nam cấp giấy phép hoạt động cho Ngân hàng.

BÁO CÁO SOÁT XÉT THÔNG TIN TÀI CHÍNH GIỮA NIÊN ĐỘ

Chúng tôi đã soát xét báo cáo tài chính hợp nhất giữa niên độ kèm theo của Ngân hàng, gồm báo cáo tình hình tài chính hợp nhất tại ngày 30 tháng 6 năm 2024, báo cáo kết quả hoạt động kinh doanh hợp nhất và báo cáo lưu chuyển tiền tệ hợp nhất cho kỳ sáu tháng kết thúc cùng ngày.

TP. Hồ Chí Minh, ngày 14 tháng 8 năm 2024
"""

LETTERHEAD = """\
TỔNG CÔNG TY HÀNG HẢI LAM KINH CÔNG TY CP VẬN TẢI BIỂN HỒNG LAM CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc

Hải Phòng, ngày 20 tháng 10 năm 2025

Công ty Cổ phần Vận tải Biển Hồng Lam xin công bố Báo cáo tài chính quý 3 năm 2025.

BÁO CÁO TÀI CHÍNH QUÝ 3 NĂM 2025

Bảng cân đối kế toán tại ngày 30 tháng 9 năm 2025 và Báo cáo kết quả hoạt động kinh doanh quý 3 năm 2025 của Công ty Cổ phần Vận tải Biển Hồng Lam.
"""

STATISTICS = """\
# BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 3 NĂM 2024

Cục Thống kê tỉnh Lâm Đồng báo cáo tình hình kinh tế - xã hội tháng 3 năm 2024 như sau.

Chỉ số sản xuất công nghiệp tháng 3 năm 2024 tăng 5,2% so với cùng kỳ năm trước.
"""

YEARLY_REVIEW = """\
# CÔNG TY CỔ PHẦN CẤP NƯỚC ĐỒI THÔNG

## BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2024

Năm 2024, Công ty Cổ phần Cấp nước Đồi Thông cấp 12 triệu mét khối nước sạch cho người dân.
"""

NEWS = """\
# Doanh nghiệp thép báo lãi

Công ty Cổ phần Thép Hồng Lam vừa công bố báo cáo tài chính quý 2 năm 2025 với lợi nhuận tăng mạnh.

Giá thép trong nước tăng nhẹ trong tháng 6.
"""
