"""Which reports a question is about, by the organisation it names: its ticker ("HPG",
"hpg"), its short name ("Hoa Sen", "hoa sen") or the distinctive words of its name ("Nhựa
Tiền Phong" of "Nhựa Thiếu niên Tiền Phong")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.knowledge.documents import Document
from bot.language.text import fold

MIN_NAME_WORDS = 2  # words of a name a question must say (one word is too often another's)


@dataclass(frozen=True)
class Named:
    """The organisations a question names: each one's documents, and the folded words that
    named them (no part of what it asks about)."""

    organisations: tuple[tuple[str, tuple[str, ...]], ...]  # (name, document paths)
    words: frozenset[str]
    phrases: frozenset[str] = frozenset()

    @property
    def spoken(self) -> tuple[str, ...]:
        """The folded phrases that named them."""
        return tuple(sorted(self.phrases, key=len, reverse=True))

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for _, paths in self.organisations for p in paths)


NOBODY = Named((), frozenset())


def named_in(text: str, documents: Sequence[Document]) -> Named:
    """The organisations of the documents that the question names, in the order it names
    them."""
    said = f" {' '.join(fold(text).lower().replace('-', ' ').split())} "
    found: dict[str, tuple[int, list[str], set[str]]] = {}
    phrases: set[str] = set()
    for doc in documents:
        organisation = doc.identity.organisation if doc.identity else None
        if organisation is None:
            continue
        for phrase in _phrases(organisation):
            at = said.find(f" {phrase} ")
            if at >= 0:
                at_before, paths, words = found.get(organisation.name, (at, [], set()))
                paths.append(doc.path)
                found[organisation.name] = (min(at, at_before), paths, words | set(phrase.split()))
                phrases.add(phrase)
                break
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    return Named(tuple((name, tuple(dict.fromkeys(paths))) for name, (_, paths, _) in ordered),
                 frozenset(w for _, (_, _, words) in ordered for w in words), frozenset(phrases))


def _phrases(organisation) -> list[str]:
    """The folded ways a question may name an organisation."""
    phrases = []
    if organisation.ticker:
        phrases.append(fold(organisation.ticker).lower())
    if organisation.short:
        phrases.append(" ".join(fold(organisation.short).lower().split()))
    return [p for p in phrases if p]
