"""The index cache: a second start tokenizes nothing; a broken or old cache is rebuilt."""

from __future__ import annotations

import pickle
from pathlib import Path

from bot.cache import TAG, IndexCache
from bot.library import load_qa


def test_second_start_tokenizes_nothing_and_answers_the_same(knowledge_dir: Path, tmp_path: Path):
    first = IndexCache(tmp_path / "cache")
    qa = load_qa(knowledge_dir, cache=first)
    assert first.computed == 8  # every paragraph, once
    second = IndexCache(tmp_path / "cache")
    again = load_qa(knowledge_dir, cache=second)
    assert second.computed == 0
    question = "bn trường đạt chuẩn"
    assert again.answer(question) == qa.answer(question)


def test_a_changed_file_tokenizes_only_its_new_paragraphs(knowledge_dir: Path, tmp_path: Path):
    load_qa(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    notes = knowledge_dir / "thuy-loi" / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nTrạm bơm số 4 khởi công tháng 9.\n",
                     encoding="utf-8")
    cache = IndexCache(tmp_path / "cache")
    qa = load_qa(knowledge_dir, cache=cache)
    assert cache.computed == 1
    assert qa.answer("trạm bơm số 4 khởi công khi nào").text == "Trạm bơm số 4 khởi công tháng 9."


def test_corrupt_or_old_cache_is_rebuilt(knowledge_dir: Path, tmp_path: Path, caplog):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "index.pkl").write_bytes(b"not a pickle")
    # Made by another version of the term vocabulary: not reused.
    (folder / "terms.pkl").write_bytes(pickle.dumps((TAG.replace("terms-", "terms-0"),
                                                     {"x": ["y"]})))
    cache = IndexCache(folder)
    qa = load_qa(knowledge_dir, cache=cache)
    assert cache.computed == 8
    assert qa.answer("Ai chủ trì hội nghị?").found
    assert "Ignoring the broken cache file" in caplog.text
    assert IndexCache(folder).load_snapshot() is not None  # rewritten, readable again


def test_warm_start_reads_no_file_when_the_folder_is_unchanged(knowledge_dir: Path,
                                                                 tmp_path: Path, monkeypatch):
    load_qa(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    import bot.knowledge

    def no_reading(*args, **kwargs):
        raise AssertionError("a report was read again")

    monkeypatch.setattr(bot.knowledge, "read_file", no_reading)
    qa = load_qa(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    assert qa.answer("Ai chủ trì hội nghị?").text == "Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị."


def test_a_large_first_build_tokenizes_in_worker_processes_with_the_same_terms(
        knowledge_dir: Path, tmp_path: Path, monkeypatch):
    import bot.cache
    from bot.terms import chunk_terms

    pieces = [("Tổng kết", "", f"Đoạn {i}: Sở Giáo dục tổ chức hội nghị tổng kết năm học.")
              for i in range(30)]
    monkeypatch.setattr(bot.cache, "PARALLEL_FROM", 10)
    monkeypatch.setattr(bot.cache, "BATCH", 7)
    monkeypatch.setattr(bot.cache.os, "cpu_count", lambda: 2)  # workers even on one core
    seen: list[tuple[int, int]] = []
    assert bot.cache.tokenize(pieces, lambda done, total: seen.append((done, total))) == [
        chunk_terms(*piece) for piece in pieces]
    assert seen == [(7, 30), (14, 30), (21, 30), (28, 30), (30, 30)]
