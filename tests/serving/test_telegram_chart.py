"""A series answer in Telegram: a chart sent as a photo with the answer as its caption."""

from __future__ import annotations

from pathlib import Path

from tests.answering.strategies.test_figures import steel
from tests.fake_telegram import FakeTelegram
from tests.telegram_run import running, settings_for


async def test_a_series_comes_as_a_chart_with_the_answer_as_its_caption(fake: FakeTelegram,
                                                                          tmp_path: Path):
    folder = steel(tmp_path / "kb", quarters=(1, 2, 3))
    async with running(settings_for(fake, folder, tmp_path / "data")):
        fake.message("Doanh thu thuần của TSL qua các quý năm 2025?")
        (sent,) = await fake.wait_calls("sendPhoto", 1)
    assert sent["photo"].startswith(b"\x89PNG\r\n\x1a\n") and len(sent["photo"]) > 5000
    assert sent["parse_mode"] == "HTML"
    caption = sent["message"]["caption"]
    assert caption.splitlines()[:4] == [
        "Doanh thu thuần về bán hàng và cung cấp dịch vụ:",
        "• quý 1/2025: 250.100.000.000 đồng = 250,1 tỷ đồng",
        "• quý 2/2025: 310.400.000.000 đồng = 310,4 tỷ đồng",
        "• quý 3/2025: 298.000.000.000 đồng = 298 tỷ đồng"]
    assert [b["text"] for row in sent["reply_markup"]["inline_keyboard"] for b in row] == [
        "Xem đoạn gốc", "👍", "👎"]
    assert not [name for name, _ in fake.calls if name == "sendMessage"]
