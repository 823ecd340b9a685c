"""Scopes: the mapping file, which scope a chat sees, and a scope's QA over the one index
(nothing of another folder found, named, listed or offered as a spelling)."""

from __future__ import annotations

import gc
import tracemalloc
from pathlib import Path

import pytest

from bot.answering import sentences
from bot.answering.pipeline import QA
from bot.conversation.chat import ask
from bot.language.text import fold
from bot.serving.scopes import EVERYTHING, Scope, ScopedQAs, ScopesError, load_scopes
from tests.serving.two_folders import MARKERS, two_folders
from tools.bench_scopes import write_folder

MAPPING = """\
[scopes.sales]
folders = ["sales"]
chats = [-100123]
users = [501]

[scopes.board]
folders = ["."]
chats = [-100999]
"""


@pytest.fixture(scope="module")
def whole(tmp_path_factory) -> QA:
    return QA.from_folder(two_folders(tmp_path_factory.mktemp("kb") / "kb"))


@pytest.fixture(scope="module")
def sales(whole: QA) -> QA:
    qa = ScopedQAs().qa_for(whole, Scope("sales", ("sales",)))
    assert qa is not None
    return qa


def leaked(text: str, typed: str = "") -> list[str]:
    """The markers in a reply, not counting the words the user typed."""
    shown = fold(text).casefold()
    for word in fold(typed).casefold().split():
        shown = shown.replace(word.strip("?«»"), "")
    return [m for m in MARKERS if m in shown]


def test_the_mapping_binds_chats_and_users_and_fails_closed(tmp_path: Path):
    path = tmp_path / "scopes.toml"
    path.write_text(MAPPING, encoding="utf-8")
    mapping = load_scopes(path)
    assert mapping.scope_of(-100123, 7, private=False) == Scope("sales", ("sales",))
    assert mapping.scope_of(501, 501, private=True).name == "sales"
    assert mapping.scope_of(-100555, 501, private=False) is None  # a group is not widened
    assert mapping.scope_of(-100999, 1, private=False) == Scope("board", (".",))
    assert mapping.scope_of(77, 77, private=True) is None  # no default: nothing
    path.write_text(MAPPING + '\n[scopes.default]\nfolders = ["sales/"]\n', encoding="utf-8")
    assert load_scopes(path).scope_of(77, 77, private=True) == Scope("default", ("sales",))
    assert load_scopes(None).scope_of(77, 77, private=True) == EVERYTHING


@pytest.mark.parametrize("text, message", [
    ("[scopes.a]\nfolders = ['../etc']\n", "must be inside the knowledge folder"),
    ("[scopes.a]\nfolders = []\n", "must name at least one folder"),
    ("[scopes.a]\nfolders = ['x']\nchats = ['abc']\n", "`chats` must be a list of numeric ids"),
    ("[scopes.a]\nfolders = ['x']\nchats = [1]\n[scopes.b]\nfolders = ['y']\nchats = [1]\n",
     "chat 1 is also in [scopes.a]"),
    ("folders = 1\n", "has no [scopes.NAME] table"),
    ("[scopes.a\n", "is not valid TOML"),
])
def test_a_bad_mapping_names_the_entry_and_the_fix(tmp_path: Path, text: str, message: str):
    path = tmp_path / "scopes.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScopesError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_scopes(path)


def test_a_scope_shares_the_one_index(whole: QA, sales: QA):
    assert sales.index.base is whole.index
    assert sales.index.chunks is whole.index.chunks
    assert [d.path for d in sales.knowledge.documents] == [
        "sales/ban-hang-quy-3.md", "sales/tsl-q1-2025.md", "sales/tsl-q2-2025.md",
        "sales/tsl-q3-2025.md"]
    views = ScopedQAs()
    scope = Scope("sales", ("sales",))
    assert views.qa_for(whole, scope) is views.qa_for(whole, scope)
    assert views.qa_for(whole, EVERYTHING) is whole
    assert views.qa_for(whole, Scope("none", ("nowhere",))) is None


def test_spelling_is_corrected_only_to_the_scopes_own_words(whole: QA, sales: QA):
    assert whole.index.correct("quelbrik") == "quelbrix"
    assert sales.index.correct("quelbrik") is None
    assert sales.index.correct("vantrotic") is None
    assert "quelbrix" in whole.index and "quelbrix" not in sales.index
    assert sales.index.correct("doamh") == whole.index.correct("doamh") == "doanh"


@pytest.mark.parametrize("question", [
    "Có những tài liệu nào?", "bạn biết gì?", "Ai chủ trì buổi họp?", "tóm tắt giúp mình",
    "Tóm tắt bài «Hồ sơ Quelbrix của hội đồng»", "Quelbrix là gì?", "Quelbrik được rót vốn bao nhiêu?",
    "Vantrotic chủ trì gì", "Doanh thu của ZRV quý 2/2025?", "Doanh thu của Zorvat quý 2/2025?",
    "Doanh thu quý 2/2025 của Masan là bao nhiêu?", "Giá xăng tuần này thế nào?",
    "Doanh thu thuần của TSL qua các quý năm 2025?", "Ai rót vốn 900 tỷ đồng?",
    "Hội đồng quyết định bán gì?", "Bài được viết khi nào?", "ông ấy là ai?",
])
def test_a_scoped_answer_shows_nothing_of_another_folder(sales: QA, question: str):
    answer = ask(sales, question).answer
    shown = " ".join([answer.text, answer.short or "", *(s.text for s in answer.sources),
                      *(s.title for s in answer.sources), *(s.document for s in answer.sources)])
    assert leaked(shown, question) == []
    assert all(s.document.startswith("sales/") for s in answer.sources)


def test_a_follow_up_stays_in_the_scope(sales: QA):
    first = ask(sales, "Doanh thu thuần quý 2/2025 của TSL là bao nhiêu?")
    then = ask(sales, "còn của Zorvat?", first.turn).answer
    assert leaked(then.text, "Zorvat") == [] and not then.found


def test_ten_scopes_cost_within_a_tenth_of_one(tmp_path: Path):
    """Memory traced after loading ten team folders (tools/bench_scopes.py's) and answering
    through 1 scope, then through 10 more (the first still held), the answering's bounded
    caches emptied before each figure: no second index, no copy of the chunks or words."""
    root = tmp_path / "kb"
    write_folder(root, 300, 10)
    tracemalloc.start()
    try:
        qa = QA.from_folder(root)
        ask(qa, "Ai chủ trì hội nghị?")

        def through(count: int) -> tuple[int, list]:
            views = ScopedQAs()
            held = [views.qa_for(qa, Scope(f"team{i}", (f"team{i}",))) for i in range(count)]
            for scoped in held:
                ask(scoped, "Ai chủ trì hội nghị?")
                scoped.index.correct("quelbrik")
            sentences.sentences_of.cache_clear()
            gc.collect()
            return tracemalloc.get_traced_memory()[0], held

        one, _held = through(1)
        ten, _ = through(10)
    finally:
        tracemalloc.stop()
    assert ten / one < 1.10
