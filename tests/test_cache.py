"""The index cache: a second start tokenizes nothing; a broken or old cache is rebuilt."""

from __future__ import annotations

import pickle
from pathlib import Path

from bot import __version__
from bot.cache import IndexCache
from bot.qa import QA


def test_second_start_tokenizes_nothing_and_answers_the_same(knowledge_dir: Path, tmp_path: Path):
    first = IndexCache(tmp_path / "cache")
    qa = QA.from_folder(knowledge_dir, cache=first)
    assert first.computed == 8  # every paragraph, once
    second = IndexCache(tmp_path / "cache")
    again = QA.from_folder(knowledge_dir, cache=second)
    assert second.computed == 0
    question = "bn trường đạt chuẩn"
    assert again.answer(question) == qa.answer(question)


def test_a_changed_file_tokenizes_only_its_new_paragraphs(knowledge_dir: Path, tmp_path: Path):
    QA.from_folder(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    notes = knowledge_dir / "thuy-loi" / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nTrạm bơm số 4 khởi công tháng 9.\n",
                     encoding="utf-8")
    cache = IndexCache(tmp_path / "cache")
    qa = QA.from_folder(knowledge_dir, cache=cache)
    assert cache.computed == 1
    assert qa.answer("trạm bơm số 4 khởi công khi nào").text == "Trạm bơm số 4 khởi công tháng 9."


def test_corrupt_or_old_cache_is_rebuilt(knowledge_dir: Path, tmp_path: Path, caplog):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "index.pkl").write_bytes(b"not a pickle")
    # Same version number, other code: terms made by an older text.py are not reused.
    (folder / "terms.pkl").write_bytes(pickle.dumps((__version__ + "+0ld", {"x": ["y"]})))
    cache = IndexCache(folder)
    qa = QA.from_folder(knowledge_dir, cache=cache)
    assert cache.computed == 8
    assert qa.answer("Ai chủ trì hội nghị?").found
    assert "Ignoring the broken cache file" in caplog.text
    assert IndexCache(folder).load_snapshot() is not None  # rewritten, readable again


def test_warm_start_reads_no_file_when_the_folder_is_unchanged(knowledge_dir: Path,
                                                                 tmp_path: Path, monkeypatch):
    QA.from_folder(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    import bot.knowledge

    def no_reading(*args, **kwargs):
        raise AssertionError("a report was read again")

    monkeypatch.setattr(bot.knowledge, "read_file", no_reading)
    qa = QA.from_folder(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    assert qa.answer("Ai chủ trì hội nghị?").text == "Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị."
