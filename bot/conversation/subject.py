"""Who a question and its answer are about: what "ông ấy" and "họ" in the next question mean."""

from __future__ import annotations

from bot.answering.draft import Draft
from bot.answering.entities import Entities
from bot.answering.kinds import Kind
from bot.answering.query import Query


def subject_of(query: Query, draft: Draft, entities: Entities) -> str | None:
    """The person a who-question's answer names, else a person the question names, else the
    first person the answer names ("Bộ Công an" is no person); by name, without the title
    ("Tô Lâm" of "Đại tướng Tô Lâm": the title would pull the sentence that says it)."""
    if query.kind == Kind.WHO and draft.short and not entities.organization.match(draft.short):
        return entities.untitled(draft.short)
    if query.people:
        return entities.untitled(query.people[0])
    people = [p for _, p in entities.persons(draft.text) if not entities.organization.match(p)]
    return entities.untitled(people[0]) if people else None
