"""The index cache: data only, checked, private; a second start tokenizes nothing; a changed
file tokenizes only itself; a broken, old or tampered cache is rebuilt and never trusted."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import zlib
from pathlib import Path

import numpy as np
import pytest

import bot.knowledge.folder
import bot.search.building
import bot.search.terms
from bot.knowledge.folder import load_knowledge
from bot.search.cache import MANIFEST, TAG, IndexCache, _canonical, _digest, _file_digest
from bot.search.index import Index
from bot.serving.library import Library, load_qa


@pytest.fixture
def tokenized(monkeypatch) -> list[int]:
    """Count the chunks tokenized (the work a cache saves)."""
    counted: list[int] = []
    real = bot.search.building.tokenize

    def counting(pieces, progress=None):
        counted.append(len(pieces))
        return real(pieces, progress)

    monkeypatch.setattr(bot.search.building, "tokenize", counting)
    return counted


def test_second_start_tokenizes_nothing_and_answers_the_same(knowledge_dir: Path,
                                                              tmp_path: Path, tokenized):
    qa = load_qa(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    assert tokenized == [8]  # every paragraph, once
    again = load_qa(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    assert tokenized == [8]
    question = "bn trường đạt chuẩn"
    assert again.answer(question).text == qa.answer(question).text
    assert again.answer(question).sources == qa.answer(question).sources


def test_a_changed_file_tokenizes_only_itself_and_ranks_as_a_fresh_build(knowledge_dir: Path,
                                                                           tmp_path: Path,
                                                                           tokenized):
    library = Library(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    notes = knowledge_dir / "thuy-loi" / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nTrạm bơm số 4 khởi công tháng 9.\n",
                     encoding="utf-8")
    assert library.reload().ok
    assert tokenized == [8, 4]  # the notes' four paragraphs, not the report's five
    answer = library.qa.answer("trạm bơm số 4 khởi công khi nào")
    assert answer.text == "Trạm bơm số 4 khởi công tháng 9."
    fresh = Index(load_knowledge(knowledge_dir).chunks)
    for question in ("trạm bơm", "hội nghị tổng kết", "hồ xuân hương", "tỷ lệ tốt nghiệp"):
        weights = {t: 1.0 for t in bot.search.terms.terms(question)}
        ours = [(h.chunk.document.path, h.chunk.paragraph, round(h.score, 9))
                for h in library.qa.index.search(weights, 10)]
        theirs = [(h.chunk.document.path, h.chunk.paragraph, round(h.score, 9))
                  for h in fresh.search(weights, 10)]
        assert ours == theirs
    # The next start reads it all from the cache.
    assert load_qa(knowledge_dir, cache=IndexCache(tmp_path / "cache")).answer(
        "trạm bơm số 4 khởi công khi nào").text == "Trạm bơm số 4 khởi công tháng 9."
    assert tokenized == [8, 4]


def test_warm_start_reads_no_file_when_the_folder_is_unchanged(knowledge_dir: Path,
                                                                 tmp_path: Path, monkeypatch):
    load_qa(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    import bot.knowledge

    def no_reading(*args, **kwargs):
        raise AssertionError("a report was read again")

    monkeypatch.setattr(bot.knowledge.folder, "read_file", no_reading)
    qa = load_qa(knowledge_dir, cache=IndexCache(tmp_path / "cache"))
    assert qa.answer("Ai chủ trì hội nghị?").text == "Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị."


def test_cache_files_are_private(knowledge_dir: Path, tmp_path: Path):
    load_qa(knowledge_dir, cache=IndexCache(tmp_path / "data" / "cache"))
    folder = tmp_path / "data" / "cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert len(files) == 9 and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def tamper(folder: Path, suffix: str, change) -> None:
    (target,) = [f for f in folder.iterdir() if f.name.endswith(suffix)]
    target.write_bytes(change(target.read_bytes()))


@pytest.mark.parametrize(("suffix", "change", "warning"), [
    # One byte changed anywhere: the checksums catch it.
    ("knowledge.json.z", lambda b: b[:40] + bytes([b[40] ^ 1]) + b[41:],
     "knowledge.json.z does not match its checksum"),
    ("rows.npy", lambda b: b[:-3] + bytes([b[-3] ^ 0xFF]) + b[-2:],
     "rows.npy does not match its checksum"),
    (MANIFEST, lambda b: b.replace(b'"folder": "', b'"folder": "0', 1),
     "its manifest does not match its checksum"),
    (MANIFEST, lambda b: b"not json", "damaged (JSONDecodeError"),
    ("tfs.npy", lambda b: b"", "tfs.npy does not match its checksum"),
])
def test_a_damaged_or_tampered_cache_is_rebuilt(knowledge_dir: Path, tmp_path: Path, caplog,
                                                suffix, change, warning, tokenized):
    folder = tmp_path / "cache"
    load_qa(knowledge_dir, cache=IndexCache(folder))
    tamper(folder, suffix, change)
    qa = load_qa(knowledge_dir, cache=IndexCache(folder))
    assert qa.answer("Ai chủ trì hội nghị?").text == "Giám đốc Sở Nguyễn Văn Hòa chủ trì hội nghị."
    assert warning in caplog.text and "rebuilding it" in caplog.text
    assert tokenized == [8, 8]  # rebuilt from the files
    assert IndexCache(folder).load() is not None  # and written again, readable


def test_a_changed_answer_inside_a_consistent_cache_is_caught(knowledge_dir: Path,
                                                               tmp_path: Path, caplog):
    """Change "5/3" into "9/3" in the cached text, and even fix the checksum of that file:
    the manifest's own checksum still catches it."""
    folder = tmp_path / "cache"
    load_qa(knowledge_dir, cache=IndexCache(folder))
    (knowledge,) = [f for f in folder.iterdir() if f.name.endswith("knowledge.json.z")]
    data = zlib.decompress(knowledge.read_bytes()).replace(b"5/3", b"9/3")
    knowledge.write_bytes(zlib.compress(data))
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["knowledge"][1] = _file_digest(knowledge)
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    qa = load_qa(knowledge_dir, cache=IndexCache(folder))
    assert "Ngày 5/3" in qa.answer("Hội nghị tổng kết năm học diễn ra ngày nào?").text
    assert "its manifest does not match its checksum" in caplog.text


def test_a_crafted_cache_runs_no_code(knowledge_dir: Path, tmp_path: Path, caplog):
    """A cache file holding a pickle that would run code, with every checksum made to match:
    arrays are loaded without pickle, so it is refused and rebuilt, and nothing runs."""
    folder = tmp_path / "cache"
    load_qa(knowledge_dir, cache=IndexCache(folder))
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    (rows,) = [f for f in folder.iterdir() if f.name.endswith("rows.npy")]
    with rows.open("wb") as out:
        np.save(out, np.array([Payload()], dtype=object), allow_pickle=True)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["rows"][1] = _file_digest(rows)
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    manifest["checksum"] = _digest(_canonical(body))
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    qa = load_qa(knowledge_dir, cache=IndexCache(folder))
    assert qa.answer("Ai chủ trì hội nghị?").found
    assert not marker.exists()
    assert "damaged (ValueError: Array can't be memory-mapped: Python objects" in caplog.text


def test_a_cache_of_another_version_is_rebuilt(knowledge_dir: Path, tmp_path: Path, caplog,
                                               tokenized):
    folder = tmp_path / "cache"
    load_qa(knowledge_dir, cache=IndexCache(folder))
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    manifest["made_by"] = TAG.replace("terms-", "terms-0")
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    manifest["checksum"] = _digest(_canonical(body))
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    load_qa(knowledge_dir, cache=IndexCache(folder))
    assert tokenized == [8, 8]
    assert f"not {TAG}" in caplog.text


def test_a_large_first_build_tokenizes_in_worker_processes_with_the_same_terms(monkeypatch):
    from bot.search.postings import count_terms
    from bot.search.terms import chunk_terms

    pieces = [("Tổng kết", "", f"Đoạn {i}: Sở Giáo dục tổ chức hội nghị tổng kết năm học.")
              for i in range(30)]
    monkeypatch.setattr(bot.search.building, "PARALLEL_FROM", 10)
    monkeypatch.setattr(bot.search.building, "BATCH", 7)
    monkeypatch.setattr(bot.search.building.os, "cpu_count", lambda: 2)  # workers even on one core
    seen: list[tuple[int, int]] = []
    batches = list(bot.search.building.tokenize(pieces, lambda done, total: seen.append((done, total))))
    assert seen == [(0, 30), (7, 30), (14, 30), (21, 30), (28, 30), (30, 30)]
    expected = count_terms(chunk_terms(*p) for p in pieces)
    assert np.array_equal(np.concatenate([b.keys for b in batches]), expected.keys)
    assert np.array_equal(np.concatenate([b.tfs for b in batches]), expected.tfs)


def test_tables_come_back_from_the_cache_as_they_were_read(tmp_path: Path, tokenized):
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "bctc.md").write_text(
        "BẢNG CÂN ĐỐI KẾ TOÁN\n\nĐơn vị tính: triệu đồng\n\n"
        "| Chỉ tiêu | Mã số | 30/06/2025 | 31/12/2024 |\n|---|---|---|---|\n"
        "| **TÀI SẢN** | | | |\n| Tổng cộng tài sản | 270 | 3,104,887,562 | 2,873,519,440 |\n",
        encoding="utf-8")
    first = load_qa(folder, cache=IndexCache(tmp_path / "cache"))
    again = load_qa(folder, cache=IndexCache(tmp_path / "cache"))
    assert tokenized == [4]  # read and tokenized once: the second start came from the cache
    (read,) = load_knowledge(folder).documents
    cached = again.index.chunks[0].document
    assert cached.tables == read.tables and cached.tables[0].unit == "triệu đồng"
    lines = sorted(c.text for c in again.index.chunks)
    assert lines == sorted(c.text for c in first.index.chunks) == [
        "BẢNG CÂN ĐỐI KẾ TOÁN", "TÀI SẢN",
        "Tổng cộng tài sản (mã số 270): 30/06/2025: 3.104.887.562; 31/12/2024: 2.873.519.440",
        "Đơn vị tính: triệu đồng"]


def test_a_reports_identity_and_period_come_back_from_the_cache(tmp_path: Path, tokenized):
    from tests.knowledge import statements

    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "tlv.md").write_text(statements.QUARTERLY, encoding="utf-8")
    (folder / "ksb.txt").write_text(statements.HALF_YEAR, encoding="utf-8")
    built = load_qa(folder, cache=IndexCache(tmp_path / "cache")).knowledge.documents
    cached = load_qa(folder, cache=IndexCache(tmp_path / "cache")).knowledge.documents
    assert len(tokenized) == 1  # the second load read the cache
    assert [(d.title, d.date, d.period, d.identity, d.roles) for d in cached] == [
        (d.title, d.date, d.period, d.identity, d.roles) for d in built]
    assert cached[1].identity.organisation.ticker == "TLV"
    assert "boilerplate" in cached[1].roles


def test_a_save_on_a_full_disk_removes_what_it_wrote_and_keeps_the_previous_cache(
        knowledge_dir: Path, tmp_path: Path, monkeypatch, caplog):
    cache = IndexCache(tmp_path / "cache")
    load_qa(knowledge_dir, cache=cache)
    before = {p.name: p.read_bytes() for p in cache.folder.iterdir()}
    previous = cache.stamp()
    (knowledge_dir / "moi.txt").write_text("Trường Đại học Đà Lạt tuyển 3.000 sinh viên.",
                                           encoding="utf-8")
    real, saved = np.save, []

    def disk_full(out, array, allow_pickle):  # the third array fills the disk half-way
        saved.append(1)
        if len(saved) == 3:
            out.write(b"\x93NUMPY" + bytes(4096))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(out, array, allow_pickle=allow_pickle)

    monkeypatch.setattr(np, "save", disk_full)
    qa = load_qa(knowledge_dir, cache=cache)  # the bot goes on without a new cache
    assert qa.answer("trường đại học tuyển bao nhiêu sinh viên").short == "3.000 sinh viên"
    assert {p.name: p.read_bytes() for p in cache.folder.iterdir()} == before
    assert cache.stamp() == previous and cache.load() is not None
    (warning,) = [r.getMessage() for r in caplog.records if "Could not write" in r.getMessage()]
    assert re.fullmatch(
        rf"Could not write the index cache in {re.escape(str(cache.folder))} \(OSError: \[Errno "
        r"28\] No space left on device\); it needs \d+ KB, \d+\.\d MB free there; the "
        r"previous cache is kept", warning), warning
