"""Figures as Vietnamese reports write them: read into exact Decimals, written back the
Vietnamese way (dot thousands, comma decimals), with their units, a readable rounding and
percentage changes computed exactly.

"1.234.567", "1,234,567", "1 234 567" (no-break and thin spaces too), "(1.234.567)" and
"-1.234.567" are one figure each; "12,5" and "12.5" are twelve and a half; "-" and "" are
no figure at all. Units: "VND", "đồng", "nghìn đồng", "triệu đồng", "tỷ đồng", "triệu VND"…
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bot.language.text import fold

# The spaces that group digits: plain, no-break, thin, narrow no-break, figure space.
_GROUP_SPACES = " \u00a0\u2009\u202f\u2007"
_EMPTY = {"", "-", "–", "—", "x", "*", "…", "...", "n/a", "na"}
_MINUS = "-−–"
_CELL = re.compile(rf"^(?P<open>\()?\s*(?P<sign>[{_MINUS}+])?\s*(?P<open2>\()?\s*"
                   rf"(?P<body>\d[\d.,{_GROUP_SPACES}]*)\s*(?P<close>\))?\s*(?P<pct>%)?\s*"
                   r"(?P<close2>\))?$")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+")
# A figure inside running text, also where PDF text runs it into words ("2024VND"): digit
# groups separated one way, an optional decimal part, an optional sign or parentheses.
_IN_TEXT = re.compile(
    rf"(?P<open>\(\s*)?(?P<sign>(?<![\w.,])[{_MINUS}])?"
    r"(?P<body>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![\d])(?P<close>\s*\))?(?P<pct>\s*%)?")

READABLE_DIGITS = 4  # a rounded figure keeps this many significant digits ("12.346 tỷ",
#                      "165,7 tỷ", "37,97 tỷ"): enough to tell figures apart, short to read
READABLE_FROM = Decimal(10) ** 6  # smaller amounts read well as written
PERCENT_DECIMALS = 1  # "tăng 12,3%": the precision reports state changes with


@dataclass(frozen=True)
class Figure:
    """A figure read from text: its exact value (a percentage as its number, 12.5 for
    "12,5%") and whether it was written as a percentage."""

    value: Decimal
    percent: bool = False


@dataclass(frozen=True)
class Unit:
    """A unit a report states: how many of the base unit one figure counts ("triệu đồng" is
    1,000,000 đồng), the base unit ("đồng", "USD", "tấn", "%"), and whether it is money."""

    scale: Decimal
    base: str
    money: bool
    text: str  # as written ("Triệu VND")

    def __str__(self) -> str:
        return self.text

    @property
    def name(self) -> str:
        """The unit as an answer writes it: "triệu đồng", "đồng", "nghìn tấn", "%"."""
        if not self.money:
            return self.text
        scale = next((n for s, n in _SCALE_NAMES if s == self.scale), None)
        if self.scale == Decimal(10) ** 12:
            scale = "nghìn tỷ"
        return f"{scale} {self.base}" if scale else self.base


def parse_figure(text: str) -> Figure | None:
    """Read a cell holding one figure; None when it holds none ("-", "", words)."""
    cell = text.strip().strip("*_ ").strip()
    if cell.lower() in _EMPTY:
        return None
    match = _CELL.match(cell)
    if not match:
        return None
    opened = bool(match["open"] or match["open2"])
    closed = bool(match["close"] or match["close2"])
    if opened != closed:
        return None
    value = _digits(match["body"])
    if value is None:
        return None
    if opened or (match["sign"] and match["sign"] in _MINUS):
        value = -value
    return Figure(value, bool(match["pct"]))


def parse_number(text: str) -> Decimal | None:
    """Read a cell holding one figure into its exact value; None when it holds none."""
    figure = parse_figure(text)
    return figure.value if figure else None


def figures_in(text: str) -> list[tuple[int, int, Figure]]:
    """Find the figures of running text, with where each stands (start, end); digits that
    PDF text ran into words count too ("Quý02năm2025", "2024VND")."""
    found = []
    for match in _IN_TEXT.finditer(text):
        value = _digits(match["body"])
        if value is None:
            continue
        opened, closed = bool(match["open"]), bool(match["close"])
        if opened and closed or match["sign"]:
            value = -value
        start = match.start() if opened and closed or match["sign"] else match.start("body")
        end = match.end() if match["pct"] or (opened and closed) else match.end("body")
        found.append((start, end, Figure(value, bool(match["pct"]))))
    return found


def _digits(body: str) -> Decimal | None:
    """The value of digits with their separators, by how Vietnamese reports group them."""
    body = body.strip(_GROUP_SPACES + ".,")
    if any(c in body for c in _GROUP_SPACES):
        parts = re.split(f"[{_GROUP_SPACES}]+", body)
        # "1 234,5": spaces group thousands, the mark is the decimal point
        if ("." in body or "," in body) and not all(p.isdigit() for p in parts[:-1]):
            return None
        body = "".join(parts)  # a cell's digit groups, however spaced, are one figure
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
        whole, _, fraction = body.rpartition(decimal_mark)
        thousands = whole.replace("," if decimal_mark == "." else ".", "")
        if not _GROUPED.fullmatch(whole) and not whole.isdigit():
            return None
        body = f"{thousands}.{fraction}"
    elif dots + commas:
        mark = "." if dots else ","
        groups = body.split(mark)
        grouped = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
        if len(groups) > 2:
            if not grouped:
                return None
            body = "".join(groups)
        elif grouped and groups[0] != "0":
            body = "".join(groups)  # "1.234" and "1,234": thousands, as reports group them
        else:
            body = ".".join(groups)  # "12,5", "12.5", "0,125": a decimal part
    try:
        return Decimal(body)
    except InvalidOperation:
        return None


def format_number(value: Decimal, decimals: int | None = None) -> str:
    """Write a figure the Vietnamese way: 1234567.5 -> "1.234.567,5"; `decimals` rounds
    (half up) to that many places, else every place the value has is kept."""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def format_percent(value: Decimal, decimals: int = PERCENT_DECIMALS) -> str:
    """Write a percentage: Decimal("12.345") -> "12,3%"."""
    return f"{format_number(value, decimals)}%"


def percent_change(old: Decimal, new: Decimal) -> Decimal | None:
    """The change from `old` to `new` in per cent of `old`, exactly; None when a percentage
    says nothing true (from zero, or across a change of sign: a loss to a profit)."""
    if old == 0 or (old < 0) != (new < 0) and new != 0:
        return None
    return (new - old) / abs(old) * 100


# Scale words before a base unit, folded: "nghìn đồng", "triệu VND", "tỷ đồng".
_SCALES = {"nghin ty": Decimal(10) ** 12, "ngan ty": Decimal(10) ** 12,
           "nghin": Decimal(10) ** 3, "ngan": Decimal(10) ** 3, "trieu": Decimal(10) ** 6,
           "ty": Decimal(10) ** 9, "ti": Decimal(10) ** 9}
_MONEY = {"vnd": "đồng", "vnđ": "đồng", "dong": "đồng", "d": "đồng", "dong viet nam": "đồng",
          "usd": "USD", "eur": "EUR", "do la my": "USD"}
_UNIT = re.compile(r"^(?:(nghin ty|ngan ty|nghin|ngan|trieu|ty|ti)\s*)?(.+)$")
_SCALE_NAMES = ((Decimal(10) ** 9, "tỷ"), (Decimal(10) ** 6, "triệu"), (Decimal(10) ** 3, "nghìn"))


def parse_unit(text: str) -> Unit | None:
    """Read a unit as a report states it: "VND" -> 1 đồng, "triệu đồng" -> 1,000,000 đồng,
    "nghìn tấn" -> 1,000 tấn, "%" -> per cent; None for nothing."""
    written = " ".join(text.strip().strip("*_:().").split())
    if not written:
        return None
    folded = fold(written).lower()
    match = _UNIT.match(folded)
    scale_word, base = match.group(1), match.group(2).strip()
    scale = _SCALES[scale_word] if scale_word else Decimal(1)
    money = _MONEY.get(base) or _MONEY.get(fold(base))
    if money is None and base == "%":
        return Unit(scale, "%", False, written)
    if money is None:
        base_written = written.split(maxsplit=len(scale_word.split()))[-1] if scale_word \
            else written
        return Unit(scale, base_written, False, written)
    return Unit(scale, money, True, written)


def convert(value: Decimal, unit: Unit, to: Unit) -> Decimal:
    """Express a figure given in `unit` in `to` (of the same base); ValueError otherwise."""
    if unit.base != to.base:
        raise ValueError(f"cannot convert {unit.text} to {to.text}: they measure different "
                         "things")
    return value * unit.scale / to.scale


def readable(value: Decimal, unit: Unit | None) -> str:
    """A figure with its unit, and its rounding when that reads easier:
    "12.345.678.901.234 đồng ≈ 12.346 tỷ đồng", "7.412.358 triệu đồng ≈ 7.412 tỷ đồng"."""
    exact = format_number(value)
    if unit is None:
        return exact
    written = f"{exact}%" if unit.base == "%" else f"{exact} {unit.name}"
    rounded = rounding(value, unit)
    return f"{written} ≈ {rounded}" if rounded else written


def rounding(value: Decimal, unit: Unit, exact_too: bool = False) -> str | None:
    """The figure rounded to the largest scale word it reaches, with READABLE_DIGITS
    significant digits ("12.346 tỷ đồng"); None when that says nothing shorter."""
    amount = value * unit.scale
    if abs(amount) < READABLE_FROM or unit.base == "%":
        return None
    scale, name = next((s, n) for s, n in _SCALE_NAMES if abs(amount) >= s)
    scaled = amount / scale
    digits = len(str(int(abs(scaled))))
    places = max(0, min(2, READABLE_DIGITS - digits))
    shown = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if shown == scaled:
        if not exact_too:
            return None  # exact: the figure as written says it already
        shown = scaled.normalize()  # "298 tỷ", not "298,0 tỷ"
    return f"{format_number(shown)} {name} {unit.base}"
