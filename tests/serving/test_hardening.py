"""Hostile bytes, odd files and faults: each is met with a clear message and loses nothing."""

from __future__ import annotations

import json
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from bot.answering.pipeline import QA
from bot.knowledge.folder import load_knowledge
from bot.serving import records, unanswered
from bot.serving.library import Library
from tests.cli import ROOT, child_env, run_cli

PDF = Path(__file__).parents[1] / "knowledge" / "data" / "bao-cao.pdf"
BRIDGE = "Cầu Rồng dài 666 mét, khánh thành năm 2013."
WAIT = 30  # seconds a test waits for an event that should take well under one


@pytest.fixture
def bridge(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "cau.txt").write_text(BRIDGE, encoding="utf-8")
    monkeypatch.setenv("KNOWLEDGE_DIR", str(folder))
    return folder


def test_invalid_utf8_on_stdin_is_replaced_and_every_question_is_answered(bridge: Path):
    stdin = b"\xff\xfe c\xe1u r\n\xed\xa0\x80\xc3\n" + "Cầu Rồng dài bao nhiêu?\n".encode()
    result = run_cli("ask", "--json", "-", stdin=stdin)
    assert result.returncode == 0 and result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3
    assert rows[0]["question"] == "\ufffd\ufffd c\ufffdu r"
    assert rows[2]["answer"] == BRIDGE and rows[2]["short"] == "666 mét"


def _random_line(rng: random.Random) -> str:
    """Random Unicode of the kinds that break tokenizers: surrogates, bidi and zero-width
    marks, combining marks, NUL and controls, private use, emoji, Vietnamese."""
    pools = [(0xD800, 0xDFFF), (0x202A, 0x202E), (0x2066, 0x2069), (0x200B, 0x200F),
             (0x0300, 0x036F), (0x0000, 0x001F), (0xE000, 0xF8FF), (0x1F300, 0x1F64F),
             (0x00C0, 0x1EF9), (0x0020, 0x007E)]
    size = rng.choice([1, 3, 12, 60, 400])
    return "".join(chr(rng.randint(*rng.choice(pools))) for _ in range(size))


def test_fuzz_random_unicode_through_the_core_never_raises(bridge: Path):
    qa = QA(load_knowledge(bridge))
    rng = random.Random(13)
    lines = [_random_line(rng) for _ in range(1500)] + ["x" * 100_000, "\u202e" * 50_000,
                                                       "\ud800" * 1000 + "cầu rồng"]
    for line in lines:
        answer = qa.answer(line)
        assert answer.text.strip(), repr(line[:40])
        answer.text.encode("utf-8")  # nothing unencodable reaches the reply


def test_fuzz_random_bytes_through_ask_gives_one_answer_per_line(bridge: Path):
    rng = random.Random(14)
    lines = [bytes(rng.randrange(256) for _ in range(rng.choice([1, 5, 30, 200])))
             .replace(b"\n", b" ").replace(b"\r", b" ") for _ in range(1500)]
    lines.append(b"\x00" * 100_000)
    result = run_cli("ask", "--json", "-", stdin=b"\n".join(lines) + b"\n")
    assert result.returncode == 0 and result.stderr == ""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(lines)
    assert all(row["answer"] for row in rows)


def _encrypted(path: Path, user_password: str) -> None:
    writer = PdfWriter(clone_from=PdfReader(PDF))
    writer.encrypt(user_password=user_password, owner_password="chủ-sở-hữu", algorithm="AES-256")
    with path.open("wb") as out:
        writer.write(out)


def test_an_aes_pdf_with_only_an_owner_password_is_read(tmp_path: Path):
    _encrypted(tmp_path / "bao-cao.pdf", user_password="")
    knowledge = load_knowledge(tmp_path)
    assert knowledge.skipped == ()
    answer = QA(knowledge).answer("Ai chủ trì hội nghị phòng cháy?")
    assert answer.found and "Lê Văn Bình" in answer.text


def test_a_password_protected_pdf_is_named_and_the_rest_serve(bridge: Path):
    _encrypted(bridge / "mat.pdf", user_password="bí mật")
    result = run_cli("index")
    assert result.returncode == 0
    assert ("mat.pdf  pdf     -      -             -     -       -     -           skipped: "
            "password-protected PDF: save it without a password") in result.stdout
    assert run_cli("ask", "cầu rồng dài bao nhiêu").stdout.startswith("→ 666 mét\n")


def test_pipes_are_skipped_by_name_and_links_inside_the_folder_read_once(bridge: Path):
    os.mkfifo(bridge / "ong.txt")
    (bridge / "ban-sao.txt").symlink_to(bridge / "cau.txt")
    (bridge / "tho").mkdir()
    (bridge / "tho" / "bai.md").write_text("Bài thơ về cầu Rồng có 4 khổ.", encoding="utf-8")
    (bridge / "lien-ket.md").symlink_to(Path("tho") / "bai.md")
    knowledge = load_knowledge(bridge)
    assert sorted(d.path for d in knowledge.documents) == ["cau.txt", "tho/bai.md"]
    assert {s.path: s.reason for s in knowledge.skipped} == {
        "ban-sao.txt": "a link to cau.txt, which is read already",
        "lien-ket.md": "a link to tho/bai.md, which is read already",
        "ong.txt": "not a regular file (a pipe, device or socket): remove it or put a report "
                   "there",
    }
    answer = QA(knowledge).answer("cầu rồng khánh thành năm nào")
    assert answer.sources[0].document == "cau.txt"


def test_the_watcher_follows_a_folder_deleted_and_made_again(bridge: Path):
    library = Library(bridge)
    heard: queue.Queue = queue.Queue()
    stop = library.watch_in_background(heard.put)
    try:
        shutil.rmtree(bridge)
        gone = heard.get(timeout=WAIT)
        assert not gone.ok and gone.message == (
            f"Thư mục tài liệu {bridge} không còn nữa; mình vẫn trả lời bằng dữ liệu đã có và "
            "sẽ nạp lại khi thư mục trở lại.")
        assert library.qa.answer("cầu rồng dài bao nhiêu").found  # the old index serves
        bridge.mkdir()
        (bridge / "ho.txt").write_text("Hồ Xuân Hương rộng 25 héc-ta.", encoding="utf-8")
        back = heard.get(timeout=WAIT)
        assert back.ok and back.message.startswith(f"Thư mục tài liệu {bridge} đã trở lại. ")
        assert library.qa.answer("hồ xuân hương rộng bao nhiêu").short == "25 héc-ta"
        (bridge / "cau.txt").write_text(BRIDGE, encoding="utf-8")  # still watched after that
        assert heard.get(timeout=WAIT).ok
        assert library.qa.answer("cầu rồng dài bao nhiêu").short == "666 mét"
    finally:
        stop.set()


def test_a_failing_watch_is_reported_and_retried(bridge: Path, monkeypatch: pytest.MonkeyPatch):
    from bot.serving import library as library_module

    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("inotify watch limit reached")
        return iter(())

    monkeypatch.setattr(library_module, "watch", broken)
    monkeypatch.setattr(library_module, "WATCH_RETRY", 0)
    stop = threading.Event()
    changes = Library(bridge).changes(stop)
    failed = next(changes)
    stop.set()
    assert not failed.ok and failed.message == (
        f"Không theo dõi được thư mục {bridge} (inotify watch limit reached); mình vẫn trả lời "
        "bằng dữ liệu đã có và thử lại sau 0 giây.")
    assert list(changes) == [] and len(calls) == 1


CHILD = """
import os, sys, time, multiprocessing
from concurrent.futures import ProcessPoolExecutor
from bot.knowledge.processes import die_with
if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=die_with, initargs=(os.getpid(),))
    print(pool.submit(os.getpid).result(), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_build_workers_die_when_the_bot_is_killed(tmp_path: Path):
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                             env=child_env(), cwd=ROOT)
    worker = int(child.stdout.readline())
    assert _alive(worker)
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + WAIT
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for the worker's end, not a fixed wait
    assert not _alive(worker)


def test_a_reader_that_stops_reading_ends_ask_quietly(bridge: Path, tmp_path: Path):
    questions = "cầu rồng dài bao nhiêu\n" * 3000
    process = subprocess.run(
        f"{sys.executable} -m bot ask - | head -1", shell=True, input=questions, text=True,
        capture_output=True, cwd=tmp_path, timeout=120,
        env=child_env(KNOWLEDGE_DIR=str(bridge), BOT_DATA_DIR=str(tmp_path / "data")))
    assert process.stdout == "→ 666 mét\n"
    assert process.stderr == ""


def test_text_answers_from_stdin_are_separated_by_a_blank_line(bridge: Path):
    result = run_cli("ask", "-", stdin="cầu rồng dài bao nhiêu\ncầu rồng khánh thành năm nào\n")
    assert result.stdout == (f"→ 666 mét\n{BRIDGE}\nNguồn: Cầu, đoạn 1\n\n"
                             f"→ năm 2013\n{BRIDGE}\nNguồn: Cầu, đoạn 1\n")


def test_records_are_private_and_one_record_is_one_line(tmp_path: Path):
    data = tmp_path / "data"
    unanswered.record(data, "câu hỏi\u2028có dấu ngắt dòng\u2029và\x85nữa")
    unanswered.record(data, "câu thứ hai")
    path = data / "unanswered.jsonl"
    assert (data.stat().st_mode & 0o777, path.stat().st_mode & 0o777) == (0o700, 0o600)
    lines = path.read_bytes().split(b"\n")
    assert len(lines) == 3 and lines[2] == b""
    assert json.loads(lines[0])["question"] == "câu hỏi\u2028có dấu ngắt dòng\u2029và\x85nữa"
    assert records.line_of({"q": "a\u2028b"}) == '{"q": "a\\u2028b"}\n'
