"""Which reports a question is about, by the organisations it names (knowledge/mentions.py:
a ticker, a short name, enough of the name), and the organisations it names that no report is
of ("Doanh thu của FPT …" with no report of FPT)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.documents import Document
from bot.knowledge.mentions import organisations_named, same_organisation, unknown_names


@dataclass(frozen=True)
class Named:
    """The organisations a question names, each with its documents, where (in the text it
    was read from) and by which words."""

    organisations: tuple[tuple[str, tuple[str, ...]], ...]  # (name, document paths)
    spans: tuple[tuple[int, int], ...] = ()
    words: frozenset[str] = frozenset()  # folded, lower case
    unknown: tuple[str, ...] = ()  # names of organisations no report is of

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for _, paths in self.organisations for p in paths)


def named_in(text: str, documents: Sequence[Document], typed: str | None = None) -> Named:
    """The organisations of the documents that `text` names, in the order it names them;
    `typed` is the question as typed (its capitals tell a name no report has)."""
    identities = [d.identity for d in documents
                  if d.identity is not None and d.identity.organisation is not None]
    if not identities:  # reports of no organisation (news, reviews): nobody to name
        return Named(())
    mentions = organisations_named(text, identities)
    organisations = []
    for mention in mentions:
        paths = tuple(d.path for d in documents
                      if d.identity is not None and d.identity.organisation is not None
                      and same_organisation(d.identity.organisation, mention.organisation))
        if paths and all(name != mention.organisation.name for name, _ in organisations):
            organisations.append((mention.organisation.name, paths))
    words = frozenset(w for m in mentions for w in m.words.lower().split())
    unknown = unknown_names(typed, identities) if typed else ()
    return Named(tuple(organisations), tuple((m.start, m.end) for m in mentions), words,
                 unknown)


def known_organisations(documents: Sequence[Document]) -> list[str]:
    """The organisations the reports are of, each once, as a person names them."""
    found: list[str] = []
    for doc in documents:
        organisation = doc.identity.organisation if doc.identity else None
        if organisation is not None:
            name = organisation.name
            if organisation.ticker:
                name = f"{name} ({organisation.ticker})"
            if name not in found:
                found.append(name)
    return found
