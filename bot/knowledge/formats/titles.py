"""The title of a table: the line above it that names it, passing over page marks, units,
form numbers and lines that only date it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.knowledge.columns import stated_unit
from bot.language.dates import span_in
from bot.language.statements import key, load_vocabulary

TITLE_WORDS = 25  # a line above a table this short may be its title; a longer one is prose
TITLE_LOOKBACK = 6  # lines above a table searched for its title and unit
_PAGE_MARK = re.compile(r"^-{3,}\s*page\s*\d+|^(?:trang\s*:?\s*)?\d{1,3}$", re.IGNORECASE)


def title_of(blocks: Sequence[str]) -> str:
    """The title of a table: the last line of the nearest short block above it, passing
    over page marks, units, form numbers ("Mẫu số B 01 – DN") and lines that only give its
    date or period; "" when prose comes first."""
    vocabulary = load_vocabulary()
    names = [name for _, kind_names in vocabulary.statements for name in kind_names]
    for block in list(blocks)[::-1][:TITLE_LOOKBACK]:  # a statement's name first, if any
        for line in block.split("\n")[::-1]:
            text = " ".join(line.split()).strip("*_# ")
            if any(key(text).startswith(name) for name in names) \
                    and len(text.split()) <= TITLE_WORDS:
                return text
    for block in list(blocks)[::-1][:TITLE_LOOKBACK]:
        lines = [" ".join(line.split()).strip("*_# ") for line in block.split("\n")]
        lines = [line for line in lines if key(line) and not _PAGE_MARK.match(line)
                 and stated_unit(line) is None and not _only_period(line)
                 and not _subtitle(line)
                 and not any(key(line).startswith(w) for w in vocabulary.skip_before)]
        if not lines:
            continue
        if len(lines[-1].split()) > TITLE_WORDS or lines[-1].endswith((".", "!", "?")):
            return ""  # prose: a sentence ends with a full stop, a title does not
        return lines[-1]
    return ""


def _subtitle(text: str) -> bool:
    """A line in parentheses under a title ("(Phương pháp gián tiếp)"), or the first or last
    line of one that runs over lines ("(Ban hành theo …" / "… của Bộ Tài chính)")."""
    return text.startswith("(") or text.endswith(")") and "(" not in text


def _only_period(text: str) -> bool:
    """A line that only dates what is above it: "Quý II Năm 2025", "tại ngày 30 tháng 6 năm
    2025", "(tiếp theo)"."""
    words = re.sub(r"(?i)\b(?:tại|ngày|tháng|năm|quý|cho|kỳ|từ|đến|kết thúc|tiếp theo|niên độ)\b"
                   r"|[\d/().,:-]|\b[IVX]+\b", " ", text).split()
    return len(words) == 0 and (span_in(text) is not None or "tiếp" in text.lower())
