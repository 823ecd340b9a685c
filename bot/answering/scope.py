"""Which reports a question is about, by the organisations it names (knowledge/mentions.py:
a ticker, a short name, enough of the name), and the organisations it names that no report is
of ("Doanh thu của FPT …" with no report of FPT)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.knowledge.documents import Document
from bot.knowledge.identity import Organisation
from bot.knowledge.mentions import organisations_named, same_organisation, unknown_names
from bot.knowledge.organisations import organisation_names
from bot.language.text import fold
from bot.search.index import Index
from bot.search.terms import folded_terms

BRAND_NAMES = 2  # distinct companies whose names carry a word, in one organisation's reports,
#   that make the word that group's brand ("Công ty TNHH Vận tải X", "Công ty TNHH Lotte X"
#   in X's own statements); a customer, a lender or a partner is one company named there


@dataclass(frozen=True)
class Named:
    """The organisations a question names, each with its documents, where (in the text it
    was read from) and by which words."""

    organisations: tuple[tuple[str, tuple[str, ...]], ...]  # (name, document paths)
    spans: tuple[tuple[int, int], ...] = ()
    words: frozenset[str] = frozenset()  # folded, lower case
    unknown: tuple[str, ...] = ()  # names of organisations no report is of
    brands: frozenset[str] = frozenset()  # folded words of a group's brand named (its
    #   subsidiaries carry it: sentences holding it are about them, not about the group)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for _, paths in self.organisations for p in paths)


def named_in(text: str, documents: Sequence[Document], typed: str | None = None,
             index: Index | None = None) -> Named:
    """The organisations of the documents that `text` names, in the order it names them;
    `typed` is the question as typed (its capitals tell a name no report has). A name no
    report's identity gives that the reports of one organisation carry as their group's
    brand (its subsidiaries' names) is that organisation, when `index` is given."""
    identities = [d.identity for d in documents
                  if d.identity is not None and d.identity.organisation is not None]
    if not identities:  # reports of no organisation (news, reviews): nobody to name
        return Named(())
    mentions = organisations_named(text, identities, typed)
    organisations = []
    for mention in mentions:
        paths = _paths_of(mention.organisation, documents)
        if paths and all(name != mention.organisation.name for name, _ in organisations):
            organisations.append((mention.organisation.name, paths))
    words = frozenset(w for m in mentions for w in m.words.lower().split())
    spans = [(m.start, m.end) for m in mentions]
    unknown = unknown_names(typed, identities) if typed else ()
    left, brands = [], set()
    for name in unknown:
        owner = brand_owner(name, documents, index) if index is not None else None
        if owner is None:
            left.append(name)
            continue
        if all(n != owner.name for n, _ in organisations):
            organisations.append((owner.name, _paths_of(owner, documents)))
        found = [m.span() for m in re.finditer(rf"(?i)\b{re.escape(fold(name))}\b", fold(text))]
        spans += found
        words |= {w for w in name.lower().split()}
        brands |= {fold(w) for w in name.lower().split()}
    return Named(tuple(organisations), tuple(spans), frozenset(words), tuple(left),
                 frozenset(brands))


def _paths_of(organisation: Organisation, documents: Sequence[Document]) -> tuple[str, ...]:
    return tuple(d.path for d in documents
                 if d.identity is not None and d.identity.organisation is not None
                 and same_organisation(d.identity.organisation, organisation))


def brand_owner(name: str, documents: Sequence[Document], index: Index) -> Organisation | None:
    """The organisation whose reports name at least BRAND_NAMES companies carrying `name`
    (its group's brand: "Vận tải X", "Lotte X"), when no other organisation's reports name
    a company carrying it; None when there is none or more than one."""
    terms = folded_terms(name)
    if not terms:
        return None
    rows = None
    for term in terms:
        found = np.flatnonzero(index.scores({term: 1.0}))
        rows = found if rows is None else np.intersect1d(rows, found)
    pattern = re.compile(rf"(?i)\b{re.escape(fold(name))}\b")
    carriers: list[tuple[Organisation, set[str]]] = []
    known = {d.path for d in documents}
    for row in rows if rows is not None else ():
        chunk = index.chunks[int(row)]
        identity = chunk.document.identity
        if chunk.document.path not in known or identity is None or identity.organisation is None:
            continue
        names = {re.sub(r"\s*\(.*?\)", "", fold(n).lower()) for n in organisation_names(chunk.text)
                 if pattern.search(fold(n))}
        if not names:
            continue
        entry = next((e for e in carriers if same_organisation(e[0], identity.organisation)), None)
        if entry is None:
            carriers.append((identity.organisation, names))
        else:
            entry[1].update(names)
    if len(carriers) == 1 and len(_distinct(carriers[0][1])) >= BRAND_NAMES:
        return carriers[0][0]
    return None


def _distinct(names: set[str]) -> list[str]:
    """The names of distinct companies: a name that another begins with is that company
    written in full or cut short ("X Logistics" and "X Logistics Việt Nam")."""
    kept: list[str] = []
    for name in sorted(names, key=len):
        if not any(name.split()[:len(k.split())] == k.split() for k in kept):
            kept.append(name)
    return kept


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
