"""The same question on the same folder always gets the same answer: ties are broken by a
stated order (position, then text), never by the iteration order of a set, which changes
with the process's hash seed. Each seed runs in a child process of its own."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli import run_process
from tests.conftest import BUNDLED, NOTES, REPORT

SEEDS = ("0", "3", "7")  # 0 and 3 broke the tie below differently before it was stated
NUTRITION = """\
Hội Dinh dưỡng tỉnh tổ chức hội thảo về bữa ăn học đường ngày 12/9 tại Đà Lạt.

Đường kính được cấu thành từ glucose và fructose. Theo Viện Nghiên cứu Thực phẩm, một thìa 5 g đường chứa khoảng 20 kcal, tương đương với lượng đường chỉ nên thêm vào một bữa phụ của người lớn. Trẻ nhỏ dưới một tuổi, lượng đường được Hội Nhi khoa Việt Nam (VPA) khuyến cáo dưới 2,5 g và trẻ sơ sinh ăn dưới 0,5 g đường. Trong khẩu phần hàng ngày, đường có hai nguồn: từ trái cây và chủ yếu từ bánh kẹo.

Hội thảo đề nghị các trường giảm đồ ngọt trong bữa bán trú.
"""
QUESTIONS = [
    # two candidates with equal support, once summed in the order of a set
    "Luong duong duoc VPA khuyen cao su dung cho tre duoi mot tuoi la bao nhieu?",
    "Lượng đường được VPA khuyến cáo cho trẻ dưới một tuổi là bao nhiêu?",
    "Trẻ sơ sinh ăn bao nhiêu đường?",
    "Một thìa đường chứa bao nhiêu kcal?",
    "Hội thảo diễn ra ở đâu?",
    "Hội thảo đề nghị gì?",
    "Ai chủ trì hội nghị?",
    "ai chu tri hoi nghi",
    "Lực lượng công an phải kéo giảm ít nhất bao nhiêu số vụ phạm tội?",
    "Chủ tịch nước đề nghị những gì?",
    "dân có đc sợ công an ko",
    "Có phải hội nghị diễn ra vào tháng 7 không?",
    "tóm tắt giúp mình",
    "Có những tài liệu nào?",
    "bn trường đạt chuẩn",
    "Hồ Xuân Hương được nạo vét khi nào?",
    "Công ty thủy lợi lắp bao nhiêu trạm bơm?",
    "tỷ lệ tốt nghiệp đạt bao nhiêu",
    "Giá xăng tuần này thế nào?",
    "Ngành giáo dục cần làm gì?",
]


def test_answers_are_the_same_under_every_hash_seed(tmp_path: Path):
    folder = tmp_path / "knowledge"
    shutil.copytree(BUNDLED, folder)
    (folder / "dinh-duong.txt").write_text(NUTRITION, encoding="utf-8")
    (folder / "tong-ket.txt").write_text(REPORT, encoding="utf-8")
    (folder / "thuy-loi.md").write_text(NOTES, encoding="utf-8")
    stdin = "\n".join(QUESTIONS) + "\n"
    runs = {seed: run_process("ask", "--json", "--knowledge", str(folder), "-", stdin=stdin,
                              cwd=tmp_path, PYTHONHASHSEED=seed,
                              BOT_DATA_DIR=str(tmp_path / f"data-{seed}"))
            for seed in SEEDS}
    assert all(run.returncode == 0 and run.stderr == "" for run in runs.values())
    first = runs[SEEDS[0]].stdout.splitlines()
    assert len(first) == len(QUESTIONS)
    assert '"short": "dưới một tuổi"' in first[0]
    for seed in SEEDS[1:]:
        differing = [(question, one, two) for question, one, two in
                     zip(QUESTIONS, first, runs[seed].stdout.splitlines()) if one != two]
        assert differing == [], f"PYTHONHASHSEED={seed}"
