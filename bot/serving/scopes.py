"""Which documents a chat may see: the mapping of BOT_SCOPES (a TOML file), and the QA of
each scope, a view of the one index served (no second index).

    [scopes.sales]
    folders = ["sales"]           # sub-folders (or files) of the knowledge folder; "." = all
    chats = [-1001234567890]      # groups, or private chats (a private chat's id is its user's)
    users = [111111111]           # these users, in their private chat with the bot

    [scopes.default]              # every chat no scope names; leave it out to show them nothing
    folders = ["public"]

Once a mapping exists, a chat it does not name sees only `default`, or nothing (fail closed).
"""

from __future__ import annotations

import sys
import weakref
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bot.answering.pipeline import QA
from bot.knowledge.documents import Document, Knowledge
from bot.search.scoped import ScopedIndex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

DEFAULT = "default"
WHOLE = "."


class ScopesError(ValueError):
    """The mapping file cannot be used; the message names the file, the entry and the fix."""


@dataclass(frozen=True)
class Scope:
    """A named set of folders of the knowledge folder."""

    name: str
    folders: tuple[str, ...]

    def holds(self, path: str) -> bool:
        """Tell whether a document (path relative to the knowledge folder) is in the scope."""
        return any(folder == WHOLE or path == folder or path.startswith(folder + "/")
                   for folder in self.folders)

    def documents(self, documents: tuple[Document, ...]) -> tuple[Document, ...]:
        return tuple(d for d in documents if self.holds(d.path))


EVERYTHING = Scope("", (WHOLE,))  # no mapping: every chat sees the whole folder


@dataclass(frozen=True)
class ScopeMap:
    """The scopes by chat and by user; `mapped` is False when there is no mapping file."""

    by_chat: dict[int, Scope]
    by_user: dict[int, Scope]
    default: Scope | None
    mapped: bool = True

    def scope_of(self, chat_id: int, user_id: int | None, private: bool) -> Scope | None:
        """The scope a chat sees: its own, else (a private chat) its user's, else `default`,
        else None: nothing. A group is never widened by who asks in it."""
        if not self.mapped:
            return EVERYTHING
        if chat_id in self.by_chat:
            return self.by_chat[chat_id]
        if private and user_id is not None and user_id in self.by_user:
            return self.by_user[user_id]
        return self.default

    @property
    def names(self) -> list[str]:
        found = {s.name for s in [*self.by_chat.values(), *self.by_user.values()]}
        return sorted(found | ({self.default.name} if self.default else set()))


UNMAPPED = ScopeMap({}, {}, None, mapped=False)


def load_scopes(path: Path | None) -> ScopeMap:
    """Read the mapping file (None: no mapping, every chat sees everything)."""
    if path is None:
        return UNMAPPED
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScopesError(f"BOT_SCOPES: cannot read {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ScopesError(f"BOT_SCOPES: {path} is not valid TOML: {exc}") from exc
    entries = data.get("scopes")
    if not isinstance(entries, dict) or not entries:
        raise ScopesError(f"BOT_SCOPES: {path} has no [scopes.NAME] table; see .env.example")
    by_chat: dict[int, Scope] = {}
    by_user: dict[int, Scope] = {}
    default = None
    for name, entry in entries.items():
        where = f"BOT_SCOPES: {path}, [scopes.{name}]"
        if not isinstance(entry, dict):
            raise ScopesError(f"{where} must be a table with `folders`")
        scope = Scope(name, tuple(_folder(f, where) for f in _list(entry, "folders", str, where)))
        if not scope.folders:
            raise ScopesError(f"{where}: `folders` must name at least one folder (\".\": all)")
        if name == DEFAULT:
            default = scope
        for key, table in (("chats", by_chat), ("users", by_user)):
            for number in _list(entry, key, int, where):
                if number in table:
                    raise ScopesError(f"{where}: {key[:-1]} {number} is also in "
                                      f"[scopes.{table[number].name}]; give it one scope")
                table[number] = scope
    return ScopeMap(by_chat, by_user, default)


def _list(entry: dict, key: str, kind: type, where: str) -> list:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(
            isinstance(v, kind) and not isinstance(v, bool) for v in values):
        raise ScopesError(f"{where}: `{key}` must be a list of "
                          f"{'numeric ids' if kind is int else 'folder names'}, got {values!r}")
    return values


def _folder(folder: str, where: str) -> str:
    """A folder relative to the knowledge folder, with forward slashes."""
    cleaned = folder.strip().replace("\\", "/").strip("/") or WHOLE
    parts = PurePosixPath(cleaned).parts
    if folder.startswith("/") or ".." in parts:
        raise ScopesError(f"{where}: folder {folder!r} must be inside the knowledge folder "
                          "(relative, no '..')")
    return WHOLE if cleaned in (WHOLE, "./") else str(PurePosixPath(cleaned))


class ScopedQAs:
    """The QA of each scope over the QA being served: its documents, and the one index seen
    through a mask. Made again when the served QA changes (a reload)."""

    def __init__(self) -> None:
        self._views: weakref.WeakKeyDictionary[QA, dict[str, QA | None]] = (
            weakref.WeakKeyDictionary())

    def qa_for(self, qa: QA, scope: Scope | None) -> QA | None:
        """The QA that sees only `scope`'s documents (None: no document is in it)."""
        if scope is None:
            return None
        if scope.folders == (WHOLE,):
            return qa
        views = self._views.setdefault(qa, {})
        if scope.name not in views:
            views[scope.name] = scoped_qa(qa, scope)
        return views[scope.name]


def scoped_qa(qa: QA, scope: Scope) -> QA | None:
    """A QA of the scope's documents over `qa`'s index; None when no document is in it."""
    documents = scope.documents(qa.knowledge.documents)
    if not documents:
        return None
    knowledge = Knowledge(qa.knowledge.root, documents, ())  # files skipped: the owner's news
    index = ScopedIndex(qa.index, (d.path for d in documents))
    return QA(knowledge, lexicon=qa.lexicon, index=index, today=qa.today)  # type: ignore[arg-type]
