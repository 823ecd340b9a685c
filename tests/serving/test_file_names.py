"""File names that are not valid UTF-8 (as a Windows zip of Vietnamese files extracts them):
read like any other file, shown escaped, cached, and the watcher keeps watching."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.knowledge.folder import folder_stamp, load_knowledge, shown
from bot.search.cache import IndexCache
from bot.serving.library import Library
from tests.cli import LiveChat, run_cli

PUMP = "Máy bơm mới có công suất 500 mét khối mỗi giờ."
BRIDGE = "Cầu Rồng dài 666 mét, khánh thành năm 2013."
LAKE = "Hồ Xuân Hương rộng 25 héc-ta."


def undecodable(folder: Path, name: bytes, text: str) -> Path:
    """Write a file whose name holds bytes that are not UTF-8 (m\\xe1y: "máy" in cp1258)."""
    path = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "cau.txt").write_text(BRIDGE, encoding="utf-8")
    undecodable(folder, b"m\xe1y.txt", PUMP)
    monkeypatch.setenv("KNOWLEDGE_DIR", str(folder))
    return folder


def test_names_are_shown_printable_and_one_name_one_spelling():
    assert shown("báo-cáo.txt") == "báo-cáo.txt"
    assert shown(os.fsdecode(b"m\xe1y.txt")) == "m\\xe1y.txt"
    assert shown("hai\ndòng.txt") == "hai\\u000adòng.txt"  # no forged log line
    assert shown("a\\xe1.txt") == "a\\\\xe1.txt"  # a real backslash is not a byte
    assert shown("\u202etxt.exe") == "\\u202etxt.exe"


def test_a_name_that_is_not_utf8_is_read_cached_and_shown_escaped(folder: Path, tmp_path: Path):
    knowledge = load_knowledge(folder)
    assert [d.path for d in knowledge.documents] == ["cau.txt", "m\\xe1y.txt"]
    cache = IndexCache(tmp_path / "cache")
    library = Library(folder, cache=cache)
    assert cache.stamp() == folder_stamp(folder)  # saved, not a UnicodeEncodeError
    assert library.qa.answer("máy bơm có công suất bao nhiêu").short == "500 mét"
    warm = cache.load()
    assert warm is not None and [d.path for d in warm.knowledge.documents] == [
        "cau.txt", "m\\xe1y.txt"]


def test_index_and_ask_show_the_name_escaped(folder: Path):
    index = run_cli("index")
    assert index.returncode == 0 and index.stderr == ""
    assert index.stdout.splitlines()[1:] == [
        "cau.txt     txt     Cầu     -             -     -       -     1           ok",
        "m\\xe1y.txt  txt     M\\xe1y  -             -     -       -     1           ok",
        "2 documents, 2 paragraphs, 0 skipped"]
    asked = run_cli("ask", "--json", "máy bơm có công suất bao nhiêu")
    assert asked.returncode == 0 and asked.stderr == ""
    answer = json.loads(asked.stdout)
    assert (answer["answer"], answer["short"]) == (PUMP, "500 mét")
    assert [(s["document"], s["title"]) for s in answer["sources"]] == [("m\\xe1y.txt", "M\\xe1y")]


def test_a_running_chat_reads_such_a_file_added_live_and_keeps_watching(folder: Path,
                                                                       tmp_path: Path):
    chat = LiveChat([], tmp_path, KNOWLEDGE_DIR=str(folder), BOT_DATA_DIR=str(tmp_path / "data"))
    ask, line_of = chat.ask, chat.line_of
    try:
        assert ask("máy bơm có công suất bao nhiêu") == (
            f"→ 500 mét\n{PUMP}\nNguồn: M\\xe1y, đoạn 1")
        undecodable(folder, b"h\xf4.txt", LAKE)  # "hồ" of another code page, added live
        assert line_of("err") == "[cập nhật] Đã nạp lại: 3 tài liệu, 3 đoạn."
        assert ask("hồ xuân hương rộng bao nhiêu") == f"→ 25 héc-ta\n{LAKE}\nNguồn: H\\xf4, đoạn 1"
        (folder / "moi.txt").write_text("Trường Đại học Đà Lạt tuyển 3.000 sinh viên.",
                                        encoding="utf-8")  # the watcher still watches
        assert line_of("err") == "[cập nhật] Đã nạp lại: 4 tài liệu, 4 đoạn."
        assert ask("trường đại học tuyển bao nhiêu sinh viên").startswith("→ 3.000 sinh viên\n")
    finally:
        code = chat.close()
    assert code == 0
