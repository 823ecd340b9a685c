"""Who holds a position ("Chủ tịch HĐQT của X là ai?", "tổng giám đốc là ai"): the person a
table row names whose cell is that position — in the board's table, not its remuneration
notes' former holders — as Vietnamese statements list their management ("Ông A | Chủ tịch"
under "Hội đồng quản trị"; "Bà B | Tổng Giám đốc (bổ nhiệm ngày …)"), or in a paragraph found
that lists a body's people ("Hội đồng Quản trị: Ông A — Chủ tịch, Ông B — Phó chủ tịch")."""

from __future__ import annotations

import re

from bot.answering.draft import Draft
from bot.answering.kinds import Kind
from bot.answering.phrases import ABBREVIATED_BODIES
from bot.answering.strategies.base import Context
from bot.knowledge.documents import Chunk, Document
from bot.knowledge.formats import TABLE
from bot.knowledge.tables import Row
from bot.language.text import fold

_REMARK = re.compile(r"\([^()]*\)")
_PARTS = re.compile(r"\s*(?:\bkiem\b|[,;/])\s*")  # "Thành viên HĐQT kiêm Tổng Giám đốc"
_PERSON = re.compile(r"^(?:ong|ba|mr|mrs|ms)\b\.?\s+\S", re.IGNORECASE)
# "Hội đồng Quản trị Ông A — Chủ tịch Ông B — Phó chủ tịch …": a board listed in prose or
# bullets, each person then a dash then the position, up to the next person.
_TITLED = r"(?:Ông|Bà|Mr|Mrs|Ms)\.?\s+(?=[A-ZĐ])"
_ENTRY = re.compile(rf"({_TITLED}[^—–]+?)\s+[—–]\s+(.+?)(?=\s+{_TITLED}|$)")
# A signer's name under the position: two to six capitalised words, no figure ("Nguyễn Thị
# Ngọc Lan"), maybe after "Ông" or "Bà".
_NAME = re.compile(r"(?:(?:Ông|Bà)\s+)?[A-ZĐÀ-Ỹ][\w]*(?:\s+[A-ZĐÀ-Ỹ][\w]*){1,5}")
# "Ai ký báo cáo tài chính?", "ai ky bctc": who signs the statements
_SIGNS = re.compile(r"(?<!\w)(?:ký|kí|ky)\s+(?:(?:vào|duyệt|duyet)\s+)?(?:báo cáo|bao cao|bctc)")
SIGNATURE_LINES = 4  # a position's name stands this many lines under it at most ("(Ký, họ
#                     tên)", "(Đã ký)", a stamp between)
MIN_LISTED = 2  # people a paragraph lists so, to be a list of a body's members


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
                and (ctx.query.position is not None or _SIGNS.search(ctx.query.cleaned)
                     is not None))

    def propose(self, ctx: Context) -> Draft | None:
        if ctx.query.position is None:  # "Ai ký báo cáo tài chính?": everyone who signs
            return self._signers(ctx)
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
            return self._signed(ctx, position) or self._listed(ctx, position, body)
        found.sort(key=lambda item: item[0])
        (left, off_body, _), document, chunk = found[0]
        if left or off_body or len({_organisation(d) for _, d, _ in found}) > 1:
            return None  # nobody holds it now, or it is of another body, or of whom is unclear
        row = document.tables[chunk.table].rows[chunk.row]
        where = f"Theo «{chunk.heading}»: dòng «{row.label}»." if chunk.heading else ""
        text = "\n".join(x for x in (chunk.text + ".", where) if x)
        return Draft(text, Kind.WHO, chunk, 1.0, row.label, from_table=True)


    def _signed(self, ctx: Context, position: str) -> Draft | None:
        """The holder who signs the statements as the position: the name under it (or right
        above it) in the report's last signature block."""
        found = _last_block(ctx, (position,), 1)
        if found is None:
            return None
        chunk, signed = found
        _, name, said = signed[0]
        text = f"{name} — {said}, người ký báo cáo.\nTheo phần chữ ký của báo cáo."
        return Draft(text, Kind.WHO, chunk, 1.0, name, from_table=True)

    def _signers(self, ctx: Context) -> Draft | None:
        """Who signs the statements: each position of the report's last signature block and
        its name, in the block's order."""
        positions = tuple(p for p, _ in ctx.lexicon.patterns.positions)
        found = _last_block(ctx, positions, MIN_LISTED)
        if found is None:
            return None
        chunk, signed = found
        lines = "\n".join(f"• {name} — {said}" for _, name, said in signed)
        text = f"Người ký báo cáo:\n{lines}\nTheo phần chữ ký của báo cáo."
        return Draft(text, Kind.WHO, chunk, 1.0, ", ".join(n for _, n, _ in signed),
                     from_table=True)

    def _listed(self, ctx: Context, position: str, body: str) -> Draft | None:
        """The holder in a paragraph found that lists a body's people with their positions;
        the body is what the paragraph opens with (its heading, run in) or its heading."""
        ends = ctx.lexicon.patterns.position_ends
        scope = {d.path for d in ctx.in_scope()}
        for hit in ctx.hits:
            chunk = hit.chunk
            if chunk.role == TABLE or chunk.document.path not in scope:
                continue
            entries = list(_ENTRY.finditer(chunk.text))
            if len(entries) < MIN_LISTED:
                continue
            opening = chunk.text[:entries[0].start()].strip() or chunk.heading or ""
            for entry in entries:
                person, said = entry.group(1).strip(), entry.group(2).strip()
                held = _holds(Row(person, (person, said)), opening, position, body, ends) or (
                    _heads(_folded(said), _folded(opening), position, body),
                    any(e in fold(said).lower() for e in ends))
                if held[0] and not held[1]:
                    short = re.sub(_TITLED, "", person, count=1)
                    text = f"{person} — {said}" + (f" ({opening})." if opening else ".")
                    return Draft(text, Kind.WHO, chunk, 1.0, short, from_table=True)
        return None


def _last_block(ctx: Context, positions: tuple[str, ...], least: int
                ) -> tuple[Chunk, list[tuple[int, str, str]]] | None:
    """The last signature block of the reports in scope (of one organisation) that names at
    least `least` signers of the positions: a row of it to cite, and each signer's line,
    name and position as written, column by column. A signature block names each position
    ("Người lập biểu | Kế toán trưởng | Tổng Giám đốc") and, in the same column, the name."""
    if len({_organisation(d) for d in ctx.in_scope()}) != 1:
        return None
    found = None
    for document in ctx.in_scope():
        for t, table in enumerate(document.tables):
            lines = [tuple(c.label for c in table.columns), *(row.cells for row in table.rows)]
            signed = [signer for column in range(len(lines[0]))
                      for position in positions if (signer := _signer(lines, column, position))]
            chunk = signed and ctx.index.row_chunk(document.path, t, signed[0][0] - 1)
            if len(signed) >= least and chunk:
                found = (chunk, signed)
    return found


def _signer(lines: list[tuple[str, ...]], column: int, position: str
            ) -> tuple[int, str, str] | None:
    """The line, the name and the position as written of the one who signs as `position`
    in a column of a signature block: a cell that is the position, then the first name
    under it ("Kế toán trưởng / (Ký, họ tên) / … / Nguyễn Thị B"), else the name right above
    it ("Nguyễn Thị B / Kế toán trưởng", as auditors' clients lay it out)."""
    cells = [line[column] if column < len(line) else "" for line in lines]
    for at, cell in enumerate(cells):
        said = next((part for part in re.split(r"\s*/\s*", _REMARK.sub(" ", cell))
                     if _folded(part) == position), None)
        if said is None:
            continue
        below = [(i, _plain(c)) for i, c in enumerate(cells) if i > at and _plain(c)]
        above = [(i, _plain(c)) for i, c in enumerate(cells) if i < at and _plain(c)]
        for i, name in below[:SIGNATURE_LINES] + above[-1:]:
            if _NAME.fullmatch(name):
                return i, name, " ".join(said.split())
        return None
    return None


def _plain(cell: str) -> str:
    return " ".join(_REMARK.sub(" ", cell).replace("*", " ").split())


def _heads(said: str, opening: str, position: str, body: str) -> bool:
    """"Trưởng ban" under "Ban Kiểm soát" is the "trưởng ban kiểm soát" asked: the position
    asked is the one said and then words of the body the list is of."""
    rest = position[len(said):].split() if position.startswith(f"{said} ") else []
    return not body and bool(rest) and set(rest) <= set(opening.split())


def _organisation(document: Document) -> str:
    identity = document.identity
    if identity is None or identity.organisation is None:
        return document.path
    return identity.organisation.name
