"""A series answer drawn as a small chart (matplotlib, off the event loop), sent as a photo
with the answer as its caption, or before it when the answer is over Telegram's caption
limit."""

from __future__ import annotations

import io

from bot.answering.answer import Answer

CAPTION_LIMIT = 1024  # characters Telegram allows in a photo's caption
SIZE = (6.4, 3.6)  # inches: a phone screen's width at 100 dpi
DPI = 100
SCALES = ((1e12, "nghìn tỷ"), (1e9, "tỷ"), (1e6, "triệu"))  # the axis read in round units


def chart_png(answer: Answer) -> bytes:
    """The answer's series as a PNG: a bar a period, in order, labelled with its figure."""
    import matplotlib

    matplotlib.use("Agg")  # no screen: draw into memory
    from matplotlib.figure import Figure

    periods = [period for period, _ in answer.chart]
    values = [value for _, value in answer.chart]
    largest = max((abs(v) for v in values), default=0.0)
    scale, word = next(((s, w) for s, w in SCALES if largest >= s), (1.0, ""))
    unit = answer.chart_unit or ""
    if word and unit.split()[-1:] == ["đồng"]:
        unit = f"{word} đồng"
    elif word:
        unit = f"{word} {unit}".strip()
    figure = Figure(figsize=SIZE, dpi=DPI)
    axes = figure.subplots()
    shown = [v / scale for v in values]
    bars = axes.bar(range(len(shown)), shown, color="#2f6f9f")
    axes.bar_label(bars, labels=[f"{v:,.1f}".replace(",", " ").replace(".", ",") for v in shown],
                   fontsize=8)
    axes.set_xticks(range(len(periods)), periods, fontsize=8)
    axes.set_ylabel(unit, fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
