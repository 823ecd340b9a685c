"""Write tests/knowledge/data/bao-cao.pdf, the small Vietnamese text PDF the tests read.

Run once by hand (needs `pip install fpdf2` and the DejaVu Sans font); the PDF is committed,
so the test suite itself needs neither.
"""

from pathlib import Path

from fpdf import FPDF

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
OUT = Path(__file__).resolve().parents[1] / "tests" / "knowledge" / "data" / "bao-cao.pdf"
PAGES = [
    ["Hội nghị tổng kết công tác phòng cháy năm 2023 được tổ chức tại Đà Nẵng ngày 12/1. "
     "Thượng tá Lê Văn Bình chủ trì hội nghị và báo cáo kết quả của toàn ngành trong năm.",
     "Trong năm, lực lượng phòng cháy đã tổ chức 340 buổi diễn tập tại các khu dân cư đông "
     "người, nâng cao kỹ năng thoát nạn cho hơn 25.000 người dân."],
    ["Năm 2024, ngành đặt mục tiêu giảm 10% số vụ cháy so với năm trước, đồng thời lắp đặt "
     "thiết bị báo cháy tự động cho toàn bộ chung cư cũ trên địa bàn thành phố.",
     "Các đơn vị được yêu cầu kiểm tra định kỳ hệ thống chữa cháy ở chợ và trung tâm thương "
     "mại."],
    ["Hội nghị biểu dương 15 tập thể và 40 cá nhân có thành tích xuất sắc trong công tác cứu "
     "nạn, cứu hộ."],
]


def main() -> None:
    pdf = FPDF()
    pdf.set_title("Báo cáo phòng cháy Đà Nẵng 2023")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 1, 15))
    pdf.add_font("DejaVu", "", FONT)
    for number, paragraphs in enumerate(PAGES, start=1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=9)
        pdf.cell(0, 6, "CÔNG AN THÀNH PHỐ ĐÀ NẴNG - BÁO CÁO NỘI BỘ", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("DejaVu", size=12)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(5)
        pdf.set_auto_page_break(False)
        pdf.set_y(-20)
        pdf.set_font("DejaVu", size=9)
        pdf.cell(0, 6, f"Trang {number}", align="C")
    OUT.parent.mkdir(exist_ok=True)
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
