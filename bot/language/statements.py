"""How Vietnamese reports write their tables (data/statements.json): statement names and form
numbers, the standard line items with their codes, the words of column headers, and units.

Phrases are compared by their `key`: folded, lower case, letters and digits only, so a
header written "Số cuối kỳ", "SỐcuốikỳ" (PDF text run together) or "so cuoi ky" is one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.language.text import DATA, fold, normalize

STATEMENTS_PATH = DATA / "statements.json"
_NOT_KEY = re.compile(r"[^0-9a-z%]+")


def key(text: str) -> str:
    """A phrase as it is compared: 'Số cuối kỳ' -> 'socuoiky'."""
    return _NOT_KEY.sub("", fold(normalize(text)).lower())


@dataclass(frozen=True)
class Vocabulary:
    """The phrases of statements.json, as keys (see `key`)."""

    statements: tuple[tuple[str, tuple[str, ...]], ...]  # (kind, names), tried in order
    not_statements: tuple[str, ...]
    forms: dict[str, str]  # "b01" -> "balance"
    line_items: dict[str, dict[str, str]]  # kind -> code -> name, as written
    statement_codes: dict[str, tuple[frozenset[str], ...]]
    cash_flow_words: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]  # code, note, order, label, change, cumulative, ...
    unit_stated_by: tuple[str, ...]  # as written, folded lower: "don vi tinh"
    money_units: frozenset[str]
    other_units: frozenset[str]
    continued: tuple[str, ...]
    skip_before: tuple[str, ...]

    def is_unit(self, text: str) -> bool:
        """Tell whether a short text is a unit ("VND", "Triệu VND", "%", "nghìn tấn")."""
        return key(text) in self.money_units or key(text) in self.other_units

    def has(self, group: str, text: str) -> bool:
        """Tell whether a header holds a phrase of a column group ("previous", ...)."""
        compact = key(text)
        return any(phrase in compact for phrase in self.columns[group])

    def is_exactly(self, group: str, text: str) -> bool:
        """Tell whether a header is a phrase of a column group and nothing more."""
        return key(text) in self.columns[group]


def _keys(phrases: list[str]) -> tuple[str, ...]:
    return tuple(k for k in (key(p) for p in phrases) if k)


@lru_cache(maxsize=2)
def load_vocabulary(path: Path = STATEMENTS_PATH) -> Vocabulary:
    """Read statements.json; a broken file is a clear ValueError naming it."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        units = raw["units"]
        return Vocabulary(
            statements=tuple((kind, _keys(names)) for kind, names in raw["statements"].items()),
            not_statements=_keys(raw["not_statements"]),
            forms={key(form): kind for form, kind in raw["forms"].items()},
            line_items={kind: {str(code): str(name) for code, name in items.items()}
                        for kind, items in raw["line_items"].items()},
            statement_codes={kind: tuple(frozenset(map(str, codes)) for codes in sets)
                             for kind, sets in raw["statement_codes"].items()},
            cash_flow_words=_keys(raw["cash_flow_words"]),
            columns={group: _keys(phrases) for group, phrases in raw["columns"].items()},
            unit_stated_by=tuple(fold(normalize(p)).lower() for p in units["stated_by"]),
            money_units=frozenset(_keys(units["money"])),
            other_units=frozenset(_keys(units["others"])),
            continued=_keys(raw["tables"]["continued"]),
            skip_before=_keys(raw["tables"]["skip_before"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"cannot read the statement forms in {path}: {exc}; fix the JSON") \
            from exc
