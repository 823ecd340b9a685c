"""Who holds a position ("Chủ tịch HĐQT của X là ai?", "tổng giám đốc là ai"): the person a
table row names whose cell is that position — in the board's table, not its remuneration
notes' former holders — as Vietnamese statements list their management ("Ông A | Chủ tịch"
under "Hội đồng quản trị"; "Bà B | Tổng Giám đốc (bổ nhiệm ngày …)")."""

from __future__ import annotations

import re

from bot.answering.draft import Draft
from bot.answering.kinds import Kind
from bot.answering.phrases import ABBREVIATED_BODIES
from bot.answering.strategies.base import Context
from bot.knowledge.documents import Document
from bot.knowledge.tables import Row
from bot.language.text import fold

_REMARK = re.compile(r"\([^()]*\)")
_PARTS = re.compile(r"\s*(?:\bkiem\b|[,;/])\s*")  # "Thành viên HĐQT kiêm Tổng Giám đốc"
_PERSON = re.compile(r"^(?:ong|ba|mr|mrs|ms)\b\.?\s+\S", re.IGNORECASE)


def _folded(text: str) -> str:
    return " ".join(fold(_REMARK.sub(" ", text)).lower().replace(":", " ").split())


def _holds(row: Row, heading: str, position: str, body: str, ends: tuple[str, ...]
            ) -> tuple[bool, bool] | None:
    """Whether the row's person holds the position: None when no cell says it; else (the
    body is named by the cell, the row or the heading of its table, the position was left)."""
    title = " ".join([_folded(heading), *(_folded(c) for c in row.cells)])  # "Hội đồng
    #   Quản trị | Ông A | Chủ tịch": the body may head the row
    for cell in row.cells:
        if not cell or cell == row.label:
            continue
        for part in _PARTS.split(_folded(cell)):
            with_body = body and part in (f"{position} {ABBREVIATED_BODIES.get(body, body)}",
                                          f"{position} {body}")
            if part == position or with_body:
                left = any(e in fold(cell).lower() for e in ends)
                return bool(with_body or (body and body in title) or not body), left
    return None


class RoleHolder:
    name = "role_holder"

    def applies(self, ctx: Context) -> bool:
        return (ctx.query.kind == Kind.WHO and not (ctx.query.wants_list or ctx.query.says_list)
                and ctx.has_tables
                and ctx.query.position is not None)

    def propose(self, ctx: Context) -> Draft | None:
        patterns = ctx.lexicon.patterns
        position, body = ctx.query.position
        found = []
        for document in ctx.in_scope():
            for t, table in enumerate(document.tables):
                for r, row in enumerate(table.rows):
                    chunk = ctx.index.row_chunk(document.path, t, r) if _PERSON.match(
                        fold(row.label)) else None
                    held = chunk and _holds(row, chunk.heading, position, body,
                                            patterns.position_ends)
                    if held:
                        of_body, left = held
                        found.append(((left, not of_body, len(found)), document, chunk))
        if not found:
            return None
        found.sort(key=lambda item: item[0])
        (left, off_body, _), document, chunk = found[0]
        if left or off_body or len({_organisation(d) for _, d, _ in found}) > 1:
            return None  # nobody holds it now, or it is of another body, or of whom is unclear
        row = document.tables[chunk.table].rows[chunk.row]
        where = f"Theo «{chunk.heading}»: dòng «{row.label}»." if chunk.heading else ""
        text = "\n".join(x for x in (chunk.text + ".", where) if x)
        return Draft(text, Kind.WHO, chunk, 1.0, row.label, from_table=True)


def _organisation(document: Document) -> str:
    identity = document.identity
    if identity is None or identity.organisation is None:
        return document.path
    return identity.organisation.name
