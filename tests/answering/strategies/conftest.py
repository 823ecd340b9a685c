"""A Context for a question, as the pipeline builds it."""

from __future__ import annotations

import pytest

from bot.answering.pipeline import QA
from bot.answering.strategies.base import Context


@pytest.fixture
def context_of():
    def make(qa: QA, question: str, focus: str | None = None) -> Context:
        return Context(qa.read(question), qa.lexicon, qa.index, qa.knowledge.documents, focus)
    return make
