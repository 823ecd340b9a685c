"""Shared fixtures: small Vietnamese knowledge folders written into tmp_path, and a hermetic
environment for every test (its own data folder and working directory, no .env)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.pipeline import QA
from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "knowledge"
SETTINGS = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BASE_URL", "KNOWLEDGE_DIR", "BOT_ADMIN_IDS",
            "BOT_DATA_DIR", "LOG_LEVEL", "LOG_FORMAT", "BOT_HTTP_HOST", "BOT_HTTP_PORT",
            "TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET", "BOT_WEBHOOK_HOST",
            "BOT_WEBHOOK_PORT", "BOT_ALLOWED_USERS", "BOT_ALLOWED_CHATS",
            "BOT_SCOPES", "BOT_EDITORS_CHAT", "BOT_DIGEST_HOUR", "BOT_TIMEZONE")

REPORT = """\
 date 2024-03 Ngày 5/3, Sở Giáo dục tỉnh Lâm Đồng tổ chức hội nghị tổng kết năm học. Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị.

Năm học vừa qua, tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 98,5%. Toàn tỉnh có 12 trường đạt chuẩn quốc gia mới.

Hội nghị thống nhất nhiệm vụ năm học tới: nâng cao chất lượng dạy tiếng Anh, xây dựng thêm thư viện số cho các trường vùng sâu.

Ngành giáo dục cần tăng cường kiểm tra an toàn thực phẩm ở bếp ăn bán trú vì đã xảy ra hai vụ ngộ độc.

TRẦN MINH
"""

NOTES = """\
# Báo cáo thủy lợi Đà Lạt

Hồ Xuân Hương được nạo vét trong tháng 8 để chống ngập cho khu trung tâm.

Công ty thủy lợi lắp đặt 3 trạm bơm mới tại phường 10.
"""


@pytest.fixture(autouse=True)
def hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run each test in a working directory of its own (so no developer's .env is read),
    with no bot setting from the environment but a data folder of its own."""
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    workdir = tmp_path / "workdir"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path / "bot-data"))
    return workdir


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    """A folder with two reports: a dated news report with a byline, and Markdown notes."""
    folder = tmp_path / "knowledge"
    (folder / "thuy-loi").mkdir(parents=True)
    (folder / "tong-ket-nam-hoc.txt").write_text(REPORT, encoding="utf-8")
    (folder / "thuy-loi" / "notes.md").write_text(NOTES, encoding="utf-8")
    return folder


@pytest.fixture
def qa(knowledge_dir: Path) -> QA:
    return QA.from_folder(knowledge_dir)


@pytest.fixture(scope="session")
def bundled_qa() -> QA:
    """The report shipped in knowledge/."""
    return QA.from_folder(BUNDLED)


@pytest.fixture
async def fake():
    """A fake Bot API server on 127.0.0.1, for the bot under test to talk HTTP to."""
    server = FakeTelegram()
    runner = await server.serve()
    yield server
    await runner.cleanup()
